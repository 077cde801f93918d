"""``claimdiff serve``: check the host/token rule, then run the app with uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import os

from ..errors import ConfigError

__all__ = ["serve", "check_binding", "is_loopback", "TOKEN_ENV", "MIN_TOKEN_LENGTH"]

log = logging.getLogger(__name__)

#: Environment variable holding the access token when ``--token`` is not given.
TOKEN_ENV = "CLAIMDIFF_TOKEN"
#: Shortest token accepted: a guessable token is no protection off loopback.
MIN_TOKEN_LENGTH = 16


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> str | None:
    """Return the token to require (``token``, else ``$CLAIMDIFF_TOKEN``, else None).

    Raises:
        ConfigError: a non-loopback host without a token, or a token too short.
    """
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(f"the access token is {len(token)} characters; use at least {MIN_TOKEN_LENGTH} "
                          "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`)")
    if not is_loopback(host) and token is None:
        raise ConfigError(f"binding {host} exposes the corpus beyond this machine; pass --token TOKEN (or set "
                          f"{TOKEN_ENV}) so that clients must present it, or bind 127.0.0.1")
    return token


def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Run the web app over the store ``db`` on ``host:port`` until interrupted.

    Args:
        db: store path or PostgreSQL URL.
        host: address to bind; anything but loopback requires a token.
        port: port to listen on.
        token: the access token (or None to read ``$CLAIMDIFF_TOKEN``).

    Raises:
        ConfigError: the host/token rule is broken, or the web extra is missing.
    """
    token = check_binding(host, token)
    import uvicorn

    from .app import LOOPBACK_HOSTS, create_app

    from .security import RedactToken

    logging.getLogger("uvicorn.access").addFilter(RedactToken())
    app = create_app(db, token=token, allowed_hosts=LOOPBACK_HOSTS | {host.lower()})
    shown = f"[{host}]" if ":" in host else host
    log.info("serving %s on http://%s:%d/", db, shown, port)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
