"""Old import path of :mod:`claimdiff.ingest.fetch` (URL policy and :class:`HttpFetcher`),
kept so existing imports keep working."""

from .ingest.fetch import *  # noqa: F401,F403
from .ingest.fetch import __all__  # noqa: F401
