"""Rendering a Comparison as JSON, JSONL, Markdown, HTML or CSV.

Every renderer is a pure function ``Comparison -> str``; output is sorted and carries no
timestamps, so the same comparison always renders to the same bytes.

Example:
    >>> from claimdiff.model import Comparison
    >>> render(Comparison(), "json").endswith("}\\n")
    True
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ConfigError
from ..model import Comparison
from .csv import render_csv
from .html import render_html
from .json import comparison_to_dict, load_schema, render_json, render_jsonl
from .markdown import render_markdown

__all__ = [
    "FORMATS",
    "RENDERERS",
    "comparison_to_dict",
    "load_schema",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_jsonl",
    "render_markdown",
]

#: Renderer per format name, in the order formats are offered.
RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "json": render_json,
    "jsonl": render_jsonl,
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
}

FORMATS = tuple(RENDERERS)


def render(comparison: Comparison, fmt: str) -> str:
    """Render ``comparison`` in format ``fmt``.

    Args:
        comparison: the result of comparing a set of articles.
        fmt: one of ``FORMATS`` ("json", "jsonl", "md", "html", "csv").

    Returns:
        The report text.

    Raises:
        ConfigError: ``fmt`` is not a known format.
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ConfigError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}") from None
    return renderer(comparison)
