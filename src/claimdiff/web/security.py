"""The web app's guard, one plain ASGI middleware around everything (``Guard``):

- every response carries a strict Content-Security-Policy (``script-src 'self'``, no
  inline script or style, no other origin), ``nosniff``, ``no-referrer`` and
  ``frame-ancestors 'none'``;
- without a token the app answers only to loopback host names (a DNS-rebinding page
  cannot read it); with a token every request must carry it (``Authorization: Bearer``,
  or the HttpOnly SameSite=Strict cookie set by visiting ``/?token=…``), and the token
  is taken out of the request before anything (the access log included) sees it;
- unsafe methods from another origin are refused, and so is ``Origin: null`` (a
  sandboxed or file page) unless the browser says the request is same-origin;
- request bodies are capped (``MAX_UPLOAD_BYTES``; the 413 names the same limit as the
  add page, ``limit_text``).

Pure helpers for messages live here too: ``web_message`` rewords library messages that
name CLI options the web app does not have.
"""

from __future__ import annotations

import hmac
import logging
import re
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["Guard", "CSP", "SECURITY_HEADERS", "LOOPBACK_HOSTS", "TOKEN_COOKIE", "MAX_UPLOAD_BYTES",
           "limit_text", "web_message", "error_body", "wants_json", "RedactToken"]

#: Largest request body accepted (all uploads and pasted text together).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
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
_SECURITY_NAMES = {name for name, _ in SECURITY_HEADERS}
#: Sec-Fetch-Site values a browser sends for a request from this app's own pages.
SAME_SITE = ("same-origin", "none")
#: A clause of a library message that names a CLI option the web app does not offer.
_CLI_HINT = re.compile(r"[;,]?\s*pass --allow-private to allow it")
#: A token in a query string, for redacting logged request lines.
_TOKEN_PARAM = re.compile(r"([?&]token=)[^&\s]*")

Renderer = Callable[..., str]


def limit_text(max_bytes: int) -> str:
    """The upload limit as people read it, the same on the page and in the 413: "20 MB"."""
    mb = max_bytes / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 1 else f"{max_bytes // 1024} KB"


def web_message(message: str) -> str:
    """A library message as the web app shows it: without hints at CLI options it lacks."""
    return _CLI_HINT.sub("; the web app fetches public addresses only", message)


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The JSON body of every error: ``{status, code, message}``."""
    return {"status": status, "code": code, "message": message}


def wants_json(path: str) -> bool:
    """True for the API's paths (errors as JSON); pages get readable HTML errors."""
    return path.startswith("/api/") or path == "/openapi.json"


def header(scope: Scope, name: bytes) -> str | None:
    """One request header's value, or None."""
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def host_name(host: str) -> str:
    """The name part of a Host header: ``127.0.0.1:8765`` → ``127.0.0.1``, ``[::1]:80`` → ``[::1]``."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0]


def cross_origin(scope: Scope) -> bool:
    """Whether a state-changing request comes from another origin: a cross-site fetch,
    an Origin naming another host, or ``Origin: null`` that the browser does not vouch
    for as same-origin (curl and old browsers send no Sec-Fetch-Site)."""
    origin = header(scope, b"origin")
    site = header(scope, b"sec-fetch-site")
    if site == "cross-site" or site == "same-site":
        return True
    if origin == "null":
        return site not in SAME_SITE
    return bool(origin) and urlsplit(origin).netloc != header(scope, b"host")


class RedactToken(logging.Filter):
    """Blanks ``token=…`` in logged request lines (uvicorn's access log), in case a
    request line with one is logged before the guard removed it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_TOKEN_PARAM.sub(r"\1[redacted]", a) if isinstance(a, str) else a
                                for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = _TOKEN_PARAM.sub(r"\1[redacted]", record.msg)
        return True


class _BodyTooLarge(Exception):
    """The request body went past the limit."""


class Guard:
    """Security headers, host/origin/token checks and the body size cap (see module doc)."""

    def __init__(self, app: ASGIApp, *, token: str | None, allowed_hosts: frozenset[str] | None,
                 max_body: int, render: Renderer) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts
        self.max_body = max_body
        self.render = render

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str) -> None:
        if wants_json(scope.get("path", "")):
            response: Response = JSONResponse(error_body(status, code, message), status_code=status)
        else:
            response = HTMLResponse(self.render("error.html.j2", status=status, message=message, nav=None),
                                    status_code=status)
        await response(scope, receive, self._with_headers(send))

    def _with_headers(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in _SECURITY_NAMES]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            await send(message)
        return wrapped

    def _presented_token(self, scope: Scope) -> tuple[str | None, bool]:
        """The token the request carries, and whether it came in the query string."""
        auth = header(scope, b"authorization")
        if auth and auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        cookie = header(scope, b"cookie")
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

    @staticmethod
    def _strip_token(scope: Scope) -> str:
        """Take ``token`` out of the request's query string, in place (the server's access
        log reads the same scope), and return the query string left."""
        rest = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                if k != "token"]
        query = urlencode(rest)
        scope["query_string"] = query.encode("latin-1")
        return query

    async def _check_token(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """True when the request may go on; otherwise it has been answered."""
        given, in_query = self._presented_token(scope)
        if in_query:
            rest = self._strip_token(scope)
        if not given or not hmac.compare_digest(given.encode(), (self.token or "").encode()):
            await self._refuse(scope, receive, send, 401, "unauthorized",
                               "this server needs its access token: open /?token=TOKEN once, or send "
                               "'Authorization: Bearer TOKEN'")
            return False
        if in_query and scope.get("method") == "GET":
            target = scope.get("path", "/") + (f"?{rest}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token or "", httponly=True, samesite="strict", path="/")
            await response(scope, receive, self._with_headers(send))
            return False
        return True

    async def _check_request(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Host, token, origin and declared size checks; True when the request may go on."""
        host = host_name(header(scope, b"host") or "")
        if self.allowed_hosts is not None and host.lower() not in self.allowed_hosts:
            await self._refuse(scope, receive, send, 421, "bad_host",
                               f"this server answers to {', '.join(sorted(self.allowed_hosts))} only, not {host!r}")
            return False
        if self.token is not None and not await self._check_token(scope, receive, send):
            return False
        if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return True
        if cross_origin(scope):
            await self._refuse(scope, receive, send, 403, "cross_origin",
                               "requests that change data must come from this app's own pages")
            return False
        length = header(scope, b"content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await self._refuse(scope, receive, send, 413, "too_large", self.too_large(int(length)))
            return False
        return True

    def too_large(self, size: int | None = None) -> str:
        """The 413 message, naming the limit as the add page does."""
        given = f"the upload is {size / (1024 * 1024):.1f} MB" if size else "the upload is larger than the limit"
        return f"{given}; the limit is {limit_text(self.max_body)} in all (files and pasted text together)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not await self._check_request(scope, receive, send):
            return
        await self._capped(scope, receive, send)

    async def _capped(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, answering 413 instead if the body grows past the limit."""
        state = {"seen": 0, "exceeded": False, "started": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.max_body:
                    state["exceeded"] = True
                    raise _BodyTooLarge()
            return message

        headed = self._with_headers(send)

        async def guarded_send(message: Message) -> None:
            if state["exceeded"]:
                return  # the app's answer to a truncated body is replaced below
            state["started"] = True
            await headed(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            pass
        if state["exceeded"] and not state["started"]:
            await self._refuse(scope, receive, send, 413, "too_large", self.too_large())
