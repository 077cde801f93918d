"""claimdiff: compare, claim by claim, how news outlets report the same story.

The public API (heavy modules load on first use, so ``import claimdiff`` stays fast)::

    from claimdiff import compare, render
    report = compare(["a.txt", "b.html"])          # -> Comparison
    print(render(report, "md"))

Stages, each a pure function over the shared model: ``iter_sources`` (ingest) →
``clean_source`` → ``extract_claims`` / ``extract_many`` → ``align_claims``; ``compare``
runs them all. (The stage modules ``clean``, ``extract`` and ``align`` share their names
with their functions, so the package exports the functions under these longer names.)
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from .errors import (
    BadJSONL,
    BlockedURL,
    ClaimdiffError,
    ConfigError,
    EmptyInput,
    ExtractionError,
    FetchError,
    InputError,
    SchemaTooNew,
    StoreError,
    UnsupportedFormat,
)
from .model import (
    Alignment,
    Article,
    Claim,
    Comparison,
    Evidence,
    Extraction,
    FieldDiff,
    Quantity,
    Skipped,
    Source,
    Speaker,
    TimeScope,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

_LAZY: dict[str, str | tuple[str, str]] = {
    "compare": "pipeline",
    "compare_articles": "pipeline",
    "read_articles": "pipeline",
    "load_nlp": "pipeline",
    "Options": "pipeline",
    "iter_sources": "ingest",
    "clean_source": ("clean", "clean"),
    "extract_claims": "extract.claims",
    "extract_many": "extract.claims",
    "align_claims": ("align", "align"),
    "render": "report",
}

__all__ = [
    "__version__",
    # stages and the whole run
    "compare", "compare_articles", "read_articles", "load_nlp", "Options",
    "iter_sources", "clean_source", "extract_claims", "extract_many", "align_claims", "render",
    # model
    "Source", "Article", "Evidence", "Speaker", "Quantity", "TimeScope", "Claim", "FieldDiff",
    "Alignment", "Skipped", "Comparison", "Extraction",
    # errors
    "ClaimdiffError", "InputError", "UnsupportedFormat", "BadJSONL", "FetchError", "BlockedURL",
    "EmptyInput", "ExtractionError", "StoreError", "SchemaTooNew", "ConfigError",
]


def __getattr__(name: str) -> Any:
    """Import heavy parts of the API (spaCy, trafilatura) on first use."""
    if name in _LAZY:
        target = _LAZY[name]
        module_name, attribute = target if isinstance(target, tuple) else (target, name)
        return getattr(importlib.import_module(f".{module_name}", __name__), attribute)
    raise AttributeError(f"module 'claimdiff' has no attribute {name!r}")
