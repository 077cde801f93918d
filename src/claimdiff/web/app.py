"""The FastAPI app: server-rendered pages (stories, story, timeline, add) and the JSON API
they are built on, over one Store.

Safety, in one place (``_Guard``, a plain ASGI middleware around everything):

- every response carries a strict Content-Security-Policy (``script-src 'self'``, no
  inline script or style, no other origin), ``nosniff``, ``no-referrer`` and
  ``frame-ancestors 'none'``; templates autoescape and article text is never trusted;
- without a token the app answers only to loopback host names (a DNS-rebinding page
  cannot read it); with a token every request must carry it (``Authorization: Bearer``,
  or the HttpOnly SameSite=Strict cookie set by visiting ``/?token=…``);
- unsafe methods from another origin are refused (no cross-site form posts);
- request bodies are capped (``MAX_UPLOAD_BYTES``, 413 with a JSON error);
- URL ingest goes through ``HttpFetcher(allow_private=False)`` (the SSRF guard).

Each worker thread opens its own Store connection (``_Stores``); ingest jobs run on a
background thread with a connection of their own (``jobs.JobRunner``).
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit

import jinja2
from fastapi import FastAPI, File, Form, Path as PathParam, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import ClaimdiffError, ConfigError, InputError, StoreError
from ..ingest import check_url
from ..report import render
from ..report import timeline as timeline_report
from ..report._common import QUALIFIER_WORDS, format_number
from ..store import Store
from ..timeline import build_timeline
from . import views
from .jobs import JobRunner, safe_filename
from .schemas import (
    AlignmentPage,
    CitationGraphOut,
    ClaimPage,
    ErrorResponse,
    IngestJobOut,
    StoryDetail,
    StoryPage,
    TimelineOut,
)

__all__ = ["create_app", "MAX_UPLOAD_BYTES", "CSP", "LOOPBACK_HOSTS", "TOKEN_COOKIE"]

log = logging.getLogger(__name__)

#: Largest request body accepted (all uploads and pasted text together).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Most files one ingest request may carry.
MAX_FILES = 50
#: Rows per page of the story list, and the most any API page may ask for.
PAGE_SIZE = 25
MAX_LIMIT = 200
#: A rendered story page is served without re-checking the store for this long.
PAGE_FRESH_SECONDS = 2.0
#: Longest search phrase accepted.
MAX_QUERY = 200
#: Host names a loopback-bound app answers to (anything else smells of DNS rebinding).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
TOKEN_COOKIE = "claimdiff_token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
SORTS = ("last_date", "first_date", "size", "title")
EXPORT_TYPES = {"md": "text/markdown; charset=utf-8", "json": "application/json", "csv": "text/csv; charset=utf-8"}
HERE = Path(__file__).parent
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="items to skip")]
TextField = Annotated[str, Form(description="pasted article text (header lines Title:/Date:/Outlet: allowed)")]
TitleField = Annotated[str, Form(max_length=500, description="title of the pasted text")]
OutletField = Annotated[str, Form(max_length=200, description="outlet of the pasted text")]
DateField = Annotated[str, Form(max_length=40, description="publication date of the pasted text (YYYY-MM-DD)")]
ArticleUrlField = Annotated[str, Form(max_length=2000, description="where the pasted text was published")]
UrlField = Annotated[str, Form(max_length=2000, pattern=r"^(https?://\S+)?$",
                               description="a page or RSS/Atom feed to fetch (public addresses only)")]
FilesField = Annotated[list[UploadFile], File(description="article files: .txt, .html, .jsonl, .warc, feeds")]
StoryId = Annotated[str, PathParam(min_length=1, max_length=64, description="story id or unique prefix")]
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "no such story, claim or job"},
    422: {"model": ErrorResponse, "description": "a parameter is invalid"},
}


# --------------------------------------------------------------------------- plumbing

class _Stores:
    """One Store connection per thread (sqlite3 connections are not shared)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.local = threading.local()
        self.lock = threading.Lock()
        self.opened: list[Store] = []
        self.generation = 0

    def get(self) -> Store:
        """This thread's store, opened on first use (and again after ``close``)."""
        store = getattr(self.local, "store", None)
        if store is None or getattr(self.local, "generation", -1) != self.generation:
            store = Store.open(self.location)
            self.local.store, self.local.generation = store, self.generation
            with self.lock:
                self.opened.append(store)
        return store

    def close(self) -> None:
        """Close every connection opened so far; threads open fresh ones when next asked."""
        with self.lock:
            self.generation += 1
            for store in self.opened:
                try:
                    store.close()
                except Exception:  # closing from another thread may be refused; the process ends anyway
                    pass
            self.opened.clear()


def _error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"status": status, "code": code, "message": message}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _host_name(host: str) -> str:
    """The name part of a Host header: ``127.0.0.1:8765`` → ``127.0.0.1``, ``[::1]:80`` → ``[::1]``."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0]


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


class _BodyTooLarge(Exception):
    """The request body went past the limit."""


class _Guard:
    """Security headers, host/origin/token checks and the body size cap (see module doc)."""

    def __init__(self, app: ASGIApp, *, token: str | None, allowed_hosts: frozenset[str] | None,
                 max_body: int) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts
        self.max_body = max_body

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str) -> None:
        path = scope.get("path", "")
        if _wants_json(path) or scope.get("method") != "GET":
            response: Response = JSONResponse(_error_body(status, code, message), status_code=status)
        else:
            response = HTMLResponse(_render("error.html.j2", status=status, message=message, nav=None),
                                    status_code=status)
        await response(scope, receive, self._with_headers(send))

    def _with_headers(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in dict(SECURITY_HEADERS)]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            await send(message)
        return wrapped

    def _presented_token(self, scope: Scope) -> tuple[str | None, bool]:
        """The token the request carries, and whether it came in the query string."""
        auth = _header(scope, b"authorization")
        if auth and auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        cookie = _header(scope, b"cookie")
        if cookie:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(cookie)
            except Exception:  # a malformed cookie header is no token
                jar = SimpleCookie()
            if TOKEN_COOKIE in jar:
                return jar[TOKEN_COOKIE].value, False
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        return query.get("token"), "token" in query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _host_name(_header(scope, b"host") or "")
        if self.allowed_hosts is not None and host.lower() not in self.allowed_hosts:
            await self._refuse(scope, receive, send, 421, "bad_host",
                               f"this server answers to {', '.join(sorted(self.allowed_hosts))} only, not {host!r}")
            return
        if self.token is not None:
            given, in_query = self._presented_token(scope)
            if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
                await self._refuse(scope, receive, send, 401, "unauthorized",
                                   "this server needs its access token: open /?token=TOKEN once, or send "
                                   "'Authorization: Bearer TOKEN'")
                return
            if in_query and scope.get("method") == "GET":
                rest = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode()) if k != "token"]
                target = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
                response = RedirectResponse(target, status_code=303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict", path="/")
                await response(scope, receive, self._with_headers(send))
                return
        if scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            origin = _header(scope, b"origin")
            site = _header(scope, b"sec-fetch-site")
            if site == "cross-site" or (origin and origin != "null" and urlsplit(origin).netloc != _header(scope, b"host")):
                await self._refuse(scope, receive, send, 403, "cross_origin",
                                   "requests that change data must come from this app's own pages")
                return
            length = _header(scope, b"content-length")
            if length and length.isdigit() and int(length) > self.max_body:
                await self._refuse(scope, receive, send, 413, "too_large",
                                   f"the upload is {int(length) / 1e6:.1f} MB; the limit is "
                                   f"{self.max_body / 1e6:.0f} MB in all")
                return
        seen = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    exceeded = True
                    raise _BodyTooLarge()
            return message

        headed = self._with_headers(send)

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # the app's answer to a truncated body is replaced below
            started = True
            await headed(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            pass
        if exceeded and not started:
            response = JSONResponse(_error_body(413, "too_large", f"the upload is larger than the limit of "
                                                                  f"{self.max_body / 1e6:.0f} MB in all"),
                                    status_code=413)
            await response(scope, receive, headed)


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals.update(format_number=format_number, qualifier_words=QUALIFIER_WORDS, version=__version__,
                    field_names={"time_scope": "time scope", "statement_date": "date of the statement"})


def _render(name: str, **context: Any) -> str:
    """Render one page template (autoescaped)."""
    return _ENV.get_template(name).render(**context)


def _page(name: str, nav: str, *, http_status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_render(name, nav=nav, **context), status_code=http_status)


def _status_of(exc: ClaimdiffError) -> int:
    """HTTP status of a library error."""
    if isinstance(exc, (InputError, ConfigError)):
        return 400
    if isinstance(exc, StoreError) and "no " in exc.message[:10]:
        return 404
    return 500


def _next_url(request: Request, offset: int, limit: int, has_more: bool) -> str | None:
    if not has_more:
        return None
    params = dict(request.query_params)
    params.update(offset=str(offset + limit), limit=str(limit))
    return f"{request.url.path}?{urlencode(params)}"


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=what)


# --------------------------------------------------------------------------- the app

def create_app(store_location: str, *, token: str | None = None,
               nlp_loader: Callable[[], Any] | None = None,
               fetcher_factory: Callable[[], Any] | None = None,
               allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS,
               max_upload_bytes: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """Build the web app over the store at ``store_location`` (path or PostgreSQL URL).

    Args:
        store_location: where the corpus is; opened per thread.
        token: when given, every request must carry it (required off loopback).
        nlp_loader: returns the spaCy pipeline for ingest (default ``load_nlp``).
        fetcher_factory: builds the URL fetcher for ingest (default
            ``HttpFetcher(allow_private=False)``).
        allowed_hosts: Host header values answered without a token; ``None`` answers any
            (used when a token guards the app).
        max_upload_bytes: request body cap.

    Returns:
        The FastAPI application.

    Example:
        >>> app = create_app("claimdiff.db")  # doctest: +SKIP
    """
    if nlp_loader is None:
        from ..pipeline import load_nlp as nlp_loader
    if fetcher_factory is None:
        def fetcher_factory() -> Any:
            from ..fetch import HttpFetcher

            return HttpFetcher(allow_private=False)
    if token is not None:
        allowed_hosts = None
    Store.open(store_location).close()  # fail now, not on the first request
    stores = _Stores(store_location)
    cache = views.StoryCache()
    runner = JobRunner(store_location, nlp_loader, fetcher_factory, on_done=cache.clear)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="claimdiff",
        version=__version__,
        description="Compare, claim by claim, how news outlets report one story. Every error is "
                    "`{status, code, message}`.",
        docs_url=None,  # Swagger UI loads from a CDN; /api lists the endpoints instead
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.jobs = runner
    app.state.cache = cache
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    # ------------------------------------------------------------------ errors

    def error_response(request: Request, status: int, code: str, message: str) -> Response:
        if _wants_json(request.url.path) or request.method != "GET":
            return JSONResponse(_error_body(status, code, message), status_code=status)
        return _page("error.html.j2", nav="", http_status=status, status=status, message=message)

    @app.exception_handler(ClaimdiffError)
    async def on_claimdiff_error(request: Request, exc: ClaimdiffError) -> Response:
        return error_response(request, _status_of(exc), exc.code, exc.message)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "too_large"}
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path}; the API is listed at /api"
        response = error_response(request, exc.status_code, codes.get(exc.status_code, "http_error"), message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 422, "invalid", "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error_response(request, 500, "internal", f"internal error ({type(exc).__name__}); see the server log")

    # ------------------------------------------------------------------ helpers

    def story_or_404(story_id: str) -> views.StoryData:
        store = stores.get()
        row = views.find_story(store, story_id)
        if row is None:
            raise _not_found(f"no story {story_id!r}; list them at /api/stories")
        return views.load_story(store, row, cache)

    def summaries(q: str | None, sort: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], bool]:
        store = stores.get()
        rows = store.stories(query=q or None, limit=limit + 1, offset=offset, sort=sort)
        items = []
        for row in rows[:limit]:
            full = store.story(row.id)
            if full is not None:
                items.append(views.story_summary(full, views.load_story(store, full, cache)))
        return items, len(rows) > limit

    def timeline_entries(q: str, outlet: str | None) -> list[Any]:
        entries = build_timeline(stores.get().timeline_rows(q))
        if outlet:
            entries = [e for e in entries if any(outlet.lower() in o.lower() for o in e.outlets)]
        return entries

    def start_ingest(text: str | None, title: str | None, outlet: str | None, published: str | None,
                     article_url: str | None, url: str | None, files: list[UploadFile]) -> dict[str, Any]:
        text = (text or "").strip()
        url = (url or "").strip()
        uploads = [f for f in files if f.filename or f.size]
        if not text and not url and not uploads:
            raise HTTPException(400, "nothing to ingest: paste text, choose files, or give a URL or feed")
        if len(uploads) > MAX_FILES:
            raise HTTPException(400, f"{len(uploads)} files; at most {MAX_FILES} per ingest")
        if url:
            check_url(url)  # FetchError/BlockedURL → 400 now; the fetcher checks again
        folder = runner.new_folder() if (text or uploads) else None
        inputs: list[str] = []
        labels: list[str] = []
        if text and folder is not None:
            header = [f"{name}: {' '.join(value.split())}" for name, value in
                      (("Title", title), ("Outlet", outlet), ("Date", published), ("URL", article_url)) if value]
            path = folder / "000-pasted.txt"
            path.write_text(("\n".join(header) + "\n\n" if header else "") + text + "\n", encoding="utf-8")
            inputs.append(str(path))
            labels.append("pasted text" + (f" ({' '.join(title.split())})" if title else ""))
        for index, upload in enumerate(uploads, start=1):
            assert folder is not None
            path = folder / safe_filename(upload.filename, index)
            with path.open("wb") as out:
                while chunk := upload.file.read(1 << 16):
                    out.write(chunk)
            inputs.append(str(path))
            labels.append(upload.filename or path.name)
        if url:
            inputs.append(url)
            labels.append(url)
        return runner.submit(inputs, labels, folder, fetch=bool(url)).snapshot()

    # ------------------------------------------------------------------ API

    @app.get("/api/stories", response_model=StoryPage, responses=ERRORS, tags=["stories"])
    def api_stories(request: Request, q: Annotated[str | None, Query(max_length=MAX_QUERY, description="words in titles or outlets")] = None,
                    sort: Literal["last_date", "first_date", "size", "title"] = "last_date",
                    limit: Limit | None = None, offset: Offset = 0) -> dict[str, Any]:
        """Stories, newest first (or by ``sort``), filtered by ``q``: every one unless ``limit``."""
        if limit is None:  # a script reading the list must not lose the stories past a page
            limit = max(1, stores.get().count_stories(query=q or None) - offset)
        items, more = summaries(q, sort, limit, offset)
        return {"items": items, "limit": limit, "offset": offset, "has_more": more,
                "next": _next_url(request, offset, limit, more)}

    @app.get("/api/stories/{story_id}", response_model=StoryDetail, responses=ERRORS, tags=["stories"])
    def api_story(story_id: StoryId) -> dict[str, Any]:
        """One story: its articles (with text), counts, what each outlet adds or omits, and links."""
        return views.story_detail(story_or_404(story_id))

    @app.get("/api/stories/{story_id}/claims", response_model=ClaimPage, responses=ERRORS, tags=["stories"])
    def api_claims(request: Request, story_id: StoryId,
                   article: Annotated[str | None, Query(max_length=64, description="only this article's claims")] = None,
                   kind: Literal["quote", "paraphrase", "narration"] | None = None,
                   speaker: Annotated[str | None, Query(max_length=MAX_QUERY, description="speaker name contains")] = None,
                   limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """The story's claims with evidence offsets, filtered and paginated."""
        data = story_or_404(story_id)
        claims = [c for c in data.comparison.claims
                  if (not article or c.article == article) and (not kind or c.kind == kind)
                  and (not speaker or (c.speaker and speaker.lower() in (c.speaker.name or "").lower()))]
        claims.sort(key=lambda c: (data.labels.get(c.article, ""), c.start, c.id))
        page = claims[offset:offset + limit]
        more = offset + limit < len(claims)
        return {"items": [views.claim_dict(c, data.labels, data.row.id) for c in page], "limit": limit,
                "offset": offset, "has_more": more, "next": _next_url(request, offset, limit, more)}

    @app.get("/api/stories/{story_id}/alignments", response_model=AlignmentPage, responses=ERRORS, tags=["stories"])
    def api_alignments(request: Request, story_id: StoryId,
                       status: Literal["agree", "differ", "unique"] | None = None,
                       field: Annotated[str | None, Query(max_length=32, description="only groups differing on this field")] = None,
                       limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """The story's aligned facts (differences first), filtered and paginated."""
        from ..report._common import sorted_alignments

        data = story_or_404(story_id)
        groups = [a for a in sorted_alignments(data.comparison)
                  if (not status or a.status == status) and (not field or any(d.field == field for d in a.differences))]
        page = groups[offset:offset + limit]
        more = offset + limit < len(groups)
        return {"items": [views.alignment_dict(a, data) for a in page], "limit": limit, "offset": offset,
                "has_more": more, "next": _next_url(request, offset, limit, more)}

    @app.get("/api/stories/{story_id}/sources", response_model=CitationGraphOut, responses=ERRORS, tags=["stories"])
    def api_sources(story_id: StoryId) -> dict[str, Any]:
        """Who cites whom in the story, and which outlet carried each fact first."""
        graph = story_or_404(story_id).graph
        return {"nodes": list(graph.nodes), "edges": list(graph.edges), "first": list(graph.first)}

    @app.get("/api/stories/{story_id}/export/{fmt}", response_class=Response, tags=["stories"],
             responses={**ERRORS, 200: {"description": "the comparison report as a download",
                                        "content": {t.split(";")[0]: {} for t in EXPORT_TYPES.values()}}})
    def api_export(story_id: StoryId, fmt: Literal["md", "json", "csv"]) -> Response:
        """The story's comparison as Markdown, JSON or CSV (same as ``claimdiff story``)."""
        data = story_or_404(story_id)
        return Response(render(data.comparison, fmt), media_type=EXPORT_TYPES[fmt],
                        headers={"content-disposition": f'attachment; filename="story-{data.row.id}.{fmt}"'})

    @app.get("/api/stories/{story_id}/claims/{claim_id}/claimreview", tags=["stories"],
             response_class=Response,
             responses={**ERRORS, 200: {"description": "a schema.org ClaimReview draft (JSON-LD); the rating is "
                                                       "left to the fact-checker",
                                        "content": {"application/ld+json": {"schema": {"type": "object"}}}}})
    def api_claimreview(story_id: StoryId,
                        claim_id: Annotated[str, PathParam(min_length=1, max_length=64)]) -> Response:
        """A ClaimReview JSON-LD draft for one claim: the claim, its author, first and all appearances."""
        data = story_or_404(story_id)
        try:
            body = views.claimreview(data, claim_id)
        except StoreError as exc:
            raise _not_found(exc.message) from None
        return Response(json.dumps(body, indent=2, ensure_ascii=False) + "\n", media_type="application/ld+json",
                        headers={"content-disposition": f'attachment; filename="claimreview-{claim_id}.jsonld"'})

    @app.get("/api/timeline", response_model=TimelineOut, responses=ERRORS, tags=["timeline"])
    def api_timeline(request: Request,
                     q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="the counted object, e.g. containers")],
                     outlet: Annotated[str | None, Query(max_length=MAX_QUERY, description="only statements this outlet carried")] = None,
                     limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Every stored estimate of ``q`` over time, one entry per statement, oldest first."""
        entries = timeline_entries(q, outlet)
        page = entries[offset:offset + limit]
        more = offset + limit < len(entries)
        return {"query": q, "total": len(entries), "items": timeline_report.timeline_to_dicts(page), "limit": limit,
                "offset": offset, "has_more": more, "next": _next_url(request, offset, limit, more)}

    @app.post("/api/ingest", status_code=202, response_model=IngestJobOut, tags=["ingest"],
              responses={400: {"model": ErrorResponse, "description": "nothing to ingest, or a blocked URL"},
                         413: {"model": ErrorResponse, "description": "the upload is over the size limit"},
                         422: ERRORS[422]})
    def api_ingest(text: TextField = "", title: TitleField = "", outlet: OutletField = "",
                   published: DateField = "", article_url: ArticleUrlField = "", url: UrlField = "",
                   files: FilesField = []) -> dict[str, Any]:
        """Start ingesting pasted text, uploaded files and/or a URL or feed; poll ``url`` for progress."""
        return start_ingest(text, title, outlet, published, article_url, url, files or [])

    @app.get("/api/ingest/{job_id}", response_model=IngestJobOut, responses=ERRORS, tags=["ingest"])
    def api_job(job_id: Annotated[str, PathParam(min_length=1, max_length=64)]) -> dict[str, Any]:
        """How far an ingest job got."""
        job = runner.get(job_id)
        if job is None:
            raise _not_found(f"no ingest job {job_id!r} (jobs are kept in memory until the server stops)")
        return job.snapshot()

    # ------------------------------------------------------------------ pages

    @app.get("/", include_in_schema=False)
    def page_stories(request: Request, q: str = "", sort: str = "last_date", page: int = 1) -> HTMLResponse:
        sort = sort if sort in SORTS else "last_date"
        page = min(max(1, page), 10**6)
        q = q[:MAX_QUERY]
        items, more = summaries(q.strip(), sort, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        total = stores.get().count("stories")
        return _page("stories.html.j2", "stories", items=items, q=q, sort=sort, page=page, more=more, total=total,
                     sorts={"last_date": "newest", "first_date": "oldest", "size": "most articles", "title": "title"},
                     link=lambda p: "/?" + urlencode({"q": q, "sort": sort, "page": p}))

    def story_page_bytes(story_id: str) -> bytes:
        data = story_or_404(story_id)
        key = (data.row.id, data.row.size, "html")
        html = cache.get(key)
        if html is None:
            html = cache.put(key, _render("story.html.j2", nav="stories", **views.story_page_view(data)).encode())
        return cache.put_fresh(("page", 0, story_id), html)

    @app.get("/stories/{story_id}", include_in_schema=False)
    async def page_story(story_id: str) -> Response:
        # A page seen in the last PAGE_FRESH_SECONDS is answered on the event loop, without
        # a thread hop or a query; older ones are checked against the store's story size.
        story_id = story_id[:64]
        body = cache.fresh(("page", 0, story_id), PAGE_FRESH_SECONDS)
        if body is None:
            body = await run_in_threadpool(story_page_bytes, story_id)
        return Response(body, media_type="text/html; charset=utf-8")

    @app.get("/timeline", include_in_schema=False)
    def page_timeline(q: str = "", outlet: str = "") -> HTMLResponse:
        q, outlet = q.strip()[:MAX_QUERY], outlet.strip()[:MAX_QUERY]
        entries = timeline_entries(q, outlet or None) if q else []
        chart = timeline_report.chart_points(entries)
        return _page("timeline.html.j2", "timeline", q=q, outlet=outlet, entries=entries, chart=chart,
                     width=timeline_report.WIDTH, height=timeline_report.HEIGHT,
                     plot_bottom=timeline_report.HEIGHT - timeline_report.MARGIN_BOTTOM,
                     plot_left=timeline_report.MARGIN_LEFT,
                     plot_right=timeline_report.WIDTH - timeline_report.MARGIN_RIGHT)

    @app.get("/add", include_in_schema=False)
    def page_add() -> HTMLResponse:
        return _page("add.html.j2", "add", limit_mb=max_upload_bytes // (1024 * 1024), max_files=MAX_FILES, job=None)

    @app.post("/add", include_in_schema=False)
    def page_add_post(text: TextField = "", title: TitleField = "", outlet: OutletField = "",
                      published: DateField = "", article_url: ArticleUrlField = "", url: UrlField = "",
                      files: FilesField = []) -> Response:
        job = start_ingest(text, title, outlet, published, article_url, url, files or [])
        return RedirectResponse(f"/add/{job['id']}", status_code=303)

    @app.get("/add/{job_id}", include_in_schema=False)
    def page_job(job_id: str) -> HTMLResponse:
        job = runner.get(job_id)
        if job is None:
            raise _not_found(f"no ingest job {job_id!r} (jobs are kept in memory until the server stops)")
        return _page("add.html.j2", "add", limit_mb=max_upload_bytes // (1024 * 1024), max_files=MAX_FILES,
                     job=job.snapshot())

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @app.get("/api", include_in_schema=False)
    def page_api() -> HTMLResponse:
        spec = app.openapi()
        endpoints = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                      "description": op.get("description", ""),
                      "params": [p["name"] for p in op.get("parameters", [])]}
                     for path, ops in spec["paths"].items() for method, op in ops.items()]
        return _page("api.html.j2", "api", endpoints=endpoints)

    app.add_middleware(_Guard, token=token, allowed_hosts=allowed_hosts, max_body=max_upload_bytes)
    return app
