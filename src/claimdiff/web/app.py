"""The FastAPI app: server-rendered pages (``pages``) and the JSON API they are built on
(``api``), over one Store, behind one guard (``security.Guard``).

``create_app`` wires them: a ``WebContext`` (per-thread Store connections, the story
cache, the ingest job runner and the helpers both route modules share), the error
handlers (JSON for the API, a readable page for pages), and the guard.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import ClaimdiffError, ConfigError, InputError, StoreError
from ..store import Store
from . import views
from .render import render_page
from .context import WebContext
from .jobs import JobRunner
from .security import (
    CSP,
    LOOPBACK_HOSTS,
    MAX_UPLOAD_BYTES,
    TOKEN_COOKIE,
    Guard,
    error_body,
    wants_json,
    web_message,
)

__all__ = ["create_app", "MAX_UPLOAD_BYTES", "CSP", "LOOPBACK_HOSTS", "TOKEN_COOKIE", "render_page"]

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 413: "too_large"}

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


def _status_of(exc: ClaimdiffError) -> int:
    """HTTP status of a library error."""
    if isinstance(exc, (InputError, ConfigError)):
        return 400
    if isinstance(exc, StoreError) and "no " in exc.message[:10]:
        return 404
    return 500


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """An error as JSON for the API, as a readable page for pages (forms included)."""
    message = web_message(message)
    if wants_json(request.url.path):
        return JSONResponse(error_body(status, code, message), status_code=status)
    return HTMLResponse(render_page("error.html.j2", nav="", status=status, message=message), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    """Library errors, HTTP errors, invalid parameters and crashes, answered alike."""

    @app.exception_handler(ClaimdiffError)
    async def on_claimdiff_error(request: Request, exc: ClaimdiffError) -> Response:
        return error_response(request, _status_of(exc), exc.code, exc.message)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path}; the API is listed at /api"
        response = error_response(request, exc.status_code, HTTP_CODES.get(exc.status_code, "http_error"), message)
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
    from .api import install_api
    from .pages import install_pages

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
    ctx = WebContext(stores=stores, cache=cache, runner=runner, max_upload_bytes=max_upload_bytes)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()
        stores.close()

    app = FastAPI(lifespan=lifespan, title="claimdiff", version=__version__,
                  description="Compare, claim by claim, how news outlets report one story. Every error is "
                              "`{status, code, message}`.",
                  docs_url=None,  # Swagger UI loads from a CDN; /api lists the endpoints instead
                  redoc_url=None)
    app.state.stores, app.state.jobs, app.state.cache = stores, runner, cache
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)
    install_api(app, ctx)
    install_pages(app, ctx)
    app.add_middleware(Guard, token=token, allowed_hosts=allowed_hosts, max_body=max_upload_bytes,
                       render=render_page)
    return app
