"""A Comparison as one self-contained HTML file.

The page shows a summary table of alignments (a row per group, a cell per article) above
the articles side by side, each article's cleaned text with every claim marked at its
exact offsets and its quantities in bold. Clicking a row (or a mark) highlights that
group's claims in every column.

Python computes everything; the Jinja template only prints it, with autoescaping on,
because article text is untrusted. Claim marks are built from a flat list of
open/text/close tokens computed from the offsets (``iter_tokens``), never by replacing
strings in the text, so overlapping spans nest correctly: a span that crosses another is
closed and reopened around it, and only its first piece carries the ``id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..model import Article, Claim, Comparison
from ._common import (
    article_labels,
    claim_title,
    quantity_text,
    source_name,
    sorted_articles,
    sorted_claims,
    summary_counts,
)
from .table import FIELD_NAMES, fact_table

__all__ = ["Span", "Token", "iter_tokens", "render_html", "safe_url", "view_model"]

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "report.html.j2"

#: Only these URL schemes become links; anything else (``javascript:``) is shown as text.
SAFE_URL_SCHEMES = ("http://", "https://")

#: Nesting rank of span kinds: claims enclose the quantities inside them.
CLAIM_RANK = 0
QUANTITY_RANK = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of article text to wrap in an element: ``start``/``end`` offsets, ``rank``
    (claims outside quantities), ``key`` (a unique id among spans) and ``attrs``
    (what the template needs to draw the element)."""

    start: int
    end: int
    rank: int
    key: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One step of the flat rendering list: ``type`` (open | text | close), ``span`` (for
    open/close), ``text`` (for text) and ``first`` (True on a span's first opening)."""

    type: str
    span: Span | None = None
    text: str = ""
    first: bool = False


def iter_tokens(text: str, spans: list[Span]) -> Iterator[Token]:
    """Yield open/text/close tokens that wrap every span of ``text``, properly nested.

    Spans are clipped to the text. At each boundary, spans that end are closed; a span
    still open above them is closed first and reopened after (``first=False``), so the
    output is always well-formed. Spans starting together open longest first, claims
    before quantities. Zero-length spans yield an empty element, so links to them work.
    """
    size = len(text)
    clipped = []
    for span in spans:
        start = min(max(span.start, 0), size)
        end = min(max(span.end, start), size)
        clipped.append(Span(start=start, end=end, rank=span.rank, key=span.key, attrs=span.attrs))
    starts: dict[int, list[Span]] = {}
    for span in clipped:
        starts.setdefault(span.start, []).append(span)
    positions = sorted({0, size} | {s.start for s in clipped} | {s.end for s in clipped})
    stack: list[Span] = []
    opened: set[str] = set()
    cursor = 0
    for position in positions:
        if position > cursor:
            yield Token(type="text", text=text[cursor:position])
            cursor = position
        if any(s.end <= position for s in stack):
            reopen = []
            while any(s.end <= position for s in stack):
                span = stack.pop()
                yield Token(type="close", span=span)
                if span.end > position:
                    reopen.append(span)
            for span in reversed(reopen):
                yield Token(type="open", span=span, first=False)
                stack.append(span)
        for span in sorted(starts.get(position, []), key=lambda s: (-s.end, s.rank, s.key)):
            first = span.key not in opened
            opened.add(span.key)
            yield Token(type="open", span=span, first=first)
            if span.end == position:
                yield Token(type="close", span=span)
            else:
                stack.append(span)


def _claim_spans(claims: list[Claim], statuses: dict[str, list[str]]) -> list[Span]:
    """Return the mark and bold spans of one article's claims and their quantities."""
    spans = []
    for claim in claims:
        groups = statuses.get(claim.id, [])
        status = groups[0] if groups else "none"
        spans.append(
            Span(
                start=claim.start,
                end=claim.end,
                rank=CLAIM_RANK,
                key=f"c-{claim.id}",
                attrs={
                    "element": "mark",
                    "claim": claim.id,
                    "kind": claim.kind,
                    "status": status,
                    "title": claim_title(claim),
                },
            )
        )
        for index, quantity in enumerate(claim.quantities):
            spans.append(
                Span(
                    start=quantity.start,
                    end=quantity.end,
                    rank=QUANTITY_RANK,
                    key=f"q-{claim.id}-{index}",
                    attrs={"element": "b", "claim": claim.id, "title": quantity_text(quantity)},
                )
            )
    return spans


def safe_url(url: str | None) -> str | None:
    """Return ``url`` when it is plain http(s), else ``None`` (it is then shown as text)."""
    if url and url.strip().lower().startswith(SAFE_URL_SCHEMES):
        return url.strip()
    return None


def view_model(comparison: Comparison) -> dict[str, Any]:
    """Compute everything the template prints."""
    articles: list[Article] = sorted_articles(comparison)
    labels = article_labels(articles)
    table = fact_table(comparison)
    statuses: dict[str, list[str]] = {}
    for row in [*table.rows, *table.by_status("unique")]:
        for claim_id in row.claims:
            statuses.setdefault(claim_id, []).append(row.status)
    by_article: dict[str, list[Claim]] = {a.id: [] for a in articles}
    for claim in sorted_claims(comparison):
        by_article.setdefault(claim.article, []).append(claim)
    copy_of = {c: o for c, o in comparison.copies}
    columns = []
    for article in articles:
        article_claims = by_article.get(article.id, [])
        columns.append(
            {
                "id": article.id,
                "label": labels[article.id],
                "title": article.title,
                "published": article.published,
                "author": article.author,
                "source": source_name(article.source),
                "copy_of": labels.get(copy_of.get(article.id, ""), ""),
                "url": safe_url(article.url) or safe_url(article.source),
                "claims": len(article_claims),
                "tokens": list(iter_tokens(article.text, _claim_spans(article_claims, statuses))),
            }
        )
    return {
        "counts": summary_counts(comparison),
        "shown": {"sources": len(table.columns), **{s: len(table.by_status(s)) for s in ("differ", "agree", "unique")}},
        "articles": columns,
        "table": table,
        "skipped": sorted(comparison.skipped, key=lambda s: (s.source, s.stage, s.code, s.reason)),
        "field_names": FIELD_NAMES,
    }


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """Build the Jinja environment once: autoescape on, strict undefined variables."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(comparison: Comparison) -> str:
    """Render the comparison as one self-contained HTML page (inline CSS and JS only).

    Args:
        comparison: the result of comparing a set of articles.

    Returns:
        The HTML document; the same input gives the same bytes.

    Example:
        >>> render_html(Comparison()).startswith("<!DOCTYPE html>")
        True
    """
    return _environment().get_template(TEMPLATE_NAME).render(**view_model(comparison))
