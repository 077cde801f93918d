"""The server-rendered pages: stories, a story, the timeline, add articles (with its
job page) and the API list. Errors of the add form come back as the form page with a
readable message, never as JSON."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..errors import ClaimdiffError
from ..report import timeline as timeline_report
from ..report.html import TEMPLATE_DIR as REPORT_TEMPLATE_DIR
from . import pagecache, views
from .api import (
    MAX_QUERY,
    PAGE_SIZE,
    ArticleUrlField,
    DateField,
    FilesField,
    OutletField,
    TextField,
    TitleField,
    UrlField,
)
from .app import render_page
from .context import MAX_FILES, Paste, WebContext, not_found
from .security import limit_text, web_message

__all__ = ["install_pages", "PAGE_FRESH_SECONDS", "SORTS"]

#: A rendered story page is served without re-checking the store for this long.
PAGE_FRESH_SECONDS = 2.0
SORTS = {"last_date": "newest", "first_date": "oldest", "size": "most articles", "title": "title"}
FACTS_CSS = REPORT_TEMPLATE_DIR / "_facts.css"


def _page(name: str, nav: str, *, http_status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(render_page(name, nav=nav, **context), status_code=http_status)


def install_pages(app: FastAPI, ctx: WebContext) -> None:
    """Add every page to ``app``."""
    _install_story_pages(app, ctx)
    _install_add_pages(app, ctx)


def _story_page_bytes(ctx: WebContext, story_id: str) -> bytes:
    """A story's page: in memory, else rendered ahead by ingest and kept in the store
    (pagecache), else rendered now."""
    store = ctx.stores.get()
    row = views.find_story(store, story_id)
    if row is None:
        raise not_found(f"no story {story_id!r}; list them at /api/stories")
    return ctx.cache.put_fresh(("page", 0, story_id), pagecache.page_for(store, row, ctx.cache))


def _install_story_pages(app: FastAPI, ctx: WebContext) -> None:
    """The stories list, a story, the timeline, the API list and shared assets."""

    @app.get("/", include_in_schema=False)
    def page_stories(q: str = "", sort: str = "last_date", page: int = 1) -> HTMLResponse:
        sort = sort if sort in SORTS else "last_date"
        page = min(max(1, page), 10**6)
        q = q[:MAX_QUERY]
        items, more = ctx.summaries(q.strip(), sort, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        total = ctx.stores.get().count("stories")
        return _page("stories.html.j2", "stories", items=items, q=q, sort=sort, page=page, more=more, total=total,
                     sorts=SORTS, link=lambda p: "/?" + urlencode({"q": q, "sort": sort, "page": p}))

    @app.get("/stories/{story_id}", include_in_schema=False)
    async def page_story(story_id: str) -> Response:
        # A page seen in the last PAGE_FRESH_SECONDS is answered on the event loop, without
        # a thread hop or a query; older ones are checked against the store's story size.
        story_id = story_id[:64]
        body = ctx.cache.fresh(("page", 0, story_id), PAGE_FRESH_SECONDS)
        if body is None:
            body = await run_in_threadpool(_story_page_bytes, ctx, story_id)
        return Response(body, media_type="text/html; charset=utf-8")

    @app.get("/timeline", include_in_schema=False)
    def page_timeline(q: str = "", outlet: str = "") -> HTMLResponse:
        q, outlet = q.strip()[:MAX_QUERY], outlet.strip()[:MAX_QUERY]
        entries = ctx.timeline_entries(q, outlet or None) if q else []
        return _page("timeline.html.j2", "timeline", q=q, outlet=outlet, entries=entries,
                     **timeline_report.chart_context(entries))

    @app.get("/facts.css", include_in_schema=False)
    def facts_css() -> Response:
        return Response(FACTS_CSS.read_bytes(), media_type="text/css; charset=utf-8",
                        headers={"cache-control": "no-cache"})

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


def _install_add_pages(app: FastAPI, ctx: WebContext) -> None:
    """The add form, its answer and the job page."""

    def add_page(*, job: dict[str, Any] | None = None, error: str | None = None, status: int = 200,
                 paste: Paste = Paste(), url: str = "") -> HTMLResponse:
        return _page("add.html.j2", "add", http_status=status, limit=limit_text(ctx.max_upload_bytes),
                     max_files=MAX_FILES, job=job, error=error, paste=paste, url=url)

    @app.get("/add", include_in_schema=False)
    def page_add() -> HTMLResponse:
        return add_page()

    @app.post("/add", include_in_schema=False)
    def page_add_post(request: Request, text: TextField = "", title: TitleField = "", outlet: OutletField = "",
                      published: DateField = "", article_url: ArticleUrlField = "", url: UrlField = "",
                      files: FilesField = []) -> Response:
        paste = Paste(text, title, outlet, published, article_url)
        try:
            job = ctx.start_ingest(paste, url, files or [])
        except HTTPException as exc:
            return add_page(error=str(exc.detail), status=exc.status_code, paste=paste, url=url)
        except ClaimdiffError as exc:
            return add_page(error=web_message(exc.message), status=400, paste=paste, url=url)
        return RedirectResponse(f"/add/{job['id']}", status_code=303)

    @app.get("/add/{job_id}", include_in_schema=False)
    def page_job(job_id: str) -> HTMLResponse:
        job = ctx.runner.get(job_id)
        if job is None:
            raise not_found(f"no ingest job {job_id!r} (jobs are kept in memory until the server stops)")
        return add_page(job=job.snapshot())
