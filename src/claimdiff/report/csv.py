"""A Comparison as CSV: one row per (alignment, member claim), for spreadsheets.

Columns are ``COLUMNS``. The quantity columns describe the quantity through which the
claim joined the group (its first quantity when the group names none); ``text`` is the
claim's statement and ``sentence`` the sentence it was read from. Free-text cells
that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) are
prefixed with an apostrophe, since article text is untrusted.
"""

from __future__ import annotations

import csv
import io

from ..model import Comparison
from ._common import (
    alignment_label,
    article_labels,
    diff_fields,
    member_quantity,
    plain_number,
    sorted_alignments,
    sorted_articles,
    speaker_text,
    time_scope_text,
)

__all__ = ["COLUMNS", "render_csv", "defuse_cell"]

COLUMNS = (
    "alignment_id", "status", "label", "differing_fields", "article_id", "outlet", "claim_id",
    "speaker", "cue", "kind", "value", "qualifier", "unit", "object", "time_scope", "hedged", "text",
    "sentence",
)

#: Columns holding words taken from articles, which get formula-injection protection.
FREE_TEXT_COLUMNS = frozenset({"label", "outlet", "speaker", "cue", "unit", "object", "time_scope", "text",
                               "sentence"})

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(text: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def render_csv(comparison: Comparison) -> str:
    """Render one CSV row per (alignment, claim), with a header row.

    Args:
        comparison: the result of comparing a set of articles.

    Returns:
        CSV text with ``\\n`` line ends; the same input gives the same bytes.

    Example:
        >>> render_csv(Comparison()).split(",")[:2]
        ['alignment_id', 'status']
    """
    articles = sorted_articles(comparison)
    labels = article_labels(articles)
    order = {a.id: i for i, a in enumerate(articles)}
    claims = {c.id: c for c in comparison.claims}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for alignment in sorted_alignments(comparison):
        major, minor = diff_fields(alignment)
        members = sorted(
            (claims[c] for c in alignment.claims if c in claims),
            key=lambda c: (order.get(c.article, len(order)), c.start, c.id),
        )
        for claim in members:
            quantity = member_quantity(alignment, claim)
            row = {
                "alignment_id": alignment.id,
                "status": alignment.status,
                "label": alignment_label(alignment, claims),
                "differing_fields": ";".join(major + minor),
                "article_id": claim.article,
                "outlet": labels.get(claim.article, ""),
                "claim_id": claim.id,
                "speaker": speaker_text(claim.speaker) if claim.speaker else "",
                "cue": claim.cue or "",
                "kind": claim.kind,
                "value": plain_number(quantity.value) if quantity else "",
                "qualifier": (quantity.qualifier or "") if quantity else "",
                "unit": (quantity.unit or "") if quantity else "",
                "object": (quantity.object or "") if quantity else "",
                "time_scope": time_scope_text(claim.time_scope),
                "hedged": "true" if claim.hedged else "false",
                "text": claim.text,
                "sentence": claim.evidence_text,
            }
            writer.writerow({k: defuse_cell(v) if k in FREE_TEXT_COLUMNS else v for k, v in row.items()})
    return buffer.getvalue()
