"""The local web app: ``create_app(store_location)`` builds a FastAPI app over a Store,
``serve(db, host, port, token)`` runs it with uvicorn.

FastAPI, uvicorn and python-multipart are the optional ``web`` extra; importing this
package without them raises ``ConfigError`` with the install hint (httpx's CLI fallback).
"""

from __future__ import annotations

import importlib.util

from ..errors import ConfigError

#: Import names of the ``web`` extra (python-multipart is ``python_multipart`` since 0.0.13,
#: ``multipart`` before).
_REQUIRED = (("fastapi",), ("uvicorn",), ("python_multipart", "multipart"))


def _installed(name: str) -> bool:
    """True when ``name`` can be imported (a module blocked in ``sys.modules`` is not)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


_missing = [names[0] for names in _REQUIRED if not any(_installed(n) for n in names)]
if _missing:
    raise ConfigError(
        f"the web app needs the 'web' extra ({', '.join(_missing)} missing): pip install 'claimdiff[web]'"
    )

from .app import create_app
from .serve import serve

__all__ = ["create_app", "serve"]
