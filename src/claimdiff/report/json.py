"""A Comparison as JSON (one document) or JSONL (one claim per line).

The JSON layout is the published contract described by ``claimdiff/schema/
comparison.schema.json``: ``articles``, ``claims``, ``alignments``, ``skipped`` and a
``summary`` of counts. ``FieldDiff.values`` (pairs of article id and value) is rendered as
an object ``{article id: value}``; ``pairs`` keeps the original list, since one article
may contribute two claims to a group.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..model import Alignment, Article, Claim, Comparison, FieldDiff, Skipped, to_dict
from ._common import alignments_by_claim, sorted_alignments, sorted_articles, sorted_claims, summary_counts

__all__ = ["SCHEMA_RESOURCE", "comparison_to_dict", "load_schema", "render_json", "render_jsonl"]

#: Where the JSON Schema lives inside the package.
SCHEMA_RESOURCE = ("claimdiff", "schema/comparison.schema.json")

#: Indentation of ``render_json`` output; JSONL lines are compact.
JSON_INDENT = 2


def _dumps(data: Any, indent: int | None) -> str:
    """Serialise deterministically: sorted keys, real Unicode, compact separators for JSONL."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=indent, separators=separators)


def article_to_dict(article: Article) -> dict[str, Any]:
    """Return the contract form of an article (every model field is kept)."""
    return to_dict(article)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """Return the contract form of a claim (every model field is kept)."""
    return to_dict(claim)


def field_diff_to_dict(diff: FieldDiff) -> dict[str, Any]:
    """Return a FieldDiff with ``values`` as ``{article id: value}`` plus the raw ``pairs``."""
    values: dict[str, Any] = {}
    for article_id, value in diff.values:
        values.setdefault(str(article_id), to_dict(value))
    return {
        "field": diff.field,
        "values": values,
        "pairs": [[str(article_id), to_dict(value)] for article_id, value in diff.values],
        "minor": diff.minor,
    }


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    """Return the contract form of an alignment."""
    return {
        "id": alignment.id,
        "status": alignment.status,
        "label": alignment.label,
        "claims": list(alignment.claims),
        "members": [[claim_id, index] for claim_id, index in alignment.members],
        "differences": [field_diff_to_dict(d) for d in alignment.differences],
        "score": to_dict(alignment.score),
        "independent": alignment.independent,
    }


def skipped_to_dict(skipped: Skipped) -> dict[str, Any]:
    """Return the contract form of a skipped input."""
    return to_dict(skipped)


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Return the whole comparison as plain JSON data in report order.

    Args:
        comparison: the result of comparing a set of articles.

    Returns:
        A dict with ``articles``, ``claims``, ``alignments``, ``skipped`` and ``summary``,
        valid against ``comparison.schema.json``.
    """
    skipped = sorted(comparison.skipped, key=lambda s: (s.source, s.stage, s.code, s.reason))
    return {
        "articles": [article_to_dict(a) for a in sorted_articles(comparison)],
        "claims": [claim_to_dict(c) for c in sorted_claims(comparison)],
        "alignments": [alignment_to_dict(a) for a in sorted_alignments(comparison)],
        "skipped": [skipped_to_dict(s) for s in skipped],
        "summary": summary_counts(comparison),
    }


def render_json(comparison: Comparison) -> str:
    """Render the comparison as one JSON document with sorted keys and a trailing newline.

    Example:
        >>> render_json(Comparison()).startswith('{\\n  "alignments": []')
        True
    """
    return _dumps(comparison_to_dict(comparison), JSON_INDENT) + "\n"


def render_jsonl(comparison: Comparison) -> str:
    """Render one JSON line per claim, adding its ``alignment`` id and ``status``.

    ``alignment``/``status`` name the claim's first group in report order (differences
    first), or are ``null`` for a claim in no group; ``alignments`` lists every group
    ``{id, status}`` the claim belongs to, and ``outlet`` names its article's outlet.
    """
    alignments = sorted_alignments(comparison)
    groups = alignments_by_claim(alignments)
    outlets = {a.id: a.outlet for a in comparison.articles}
    lines = []
    for claim in sorted_claims(comparison):
        record = claim_to_dict(claim)
        member_of = groups.get(claim.id, [])
        record["alignment"] = member_of[0].id if member_of else None
        record["status"] = member_of[0].status if member_of else None
        record["alignments"] = [{"id": a.id, "status": a.status} for a in member_of]
        record["outlet"] = outlets.get(claim.article)
        lines.append(_dumps(record, None) + "\n")
    return "".join(lines)


def load_schema() -> dict[str, Any]:
    """Load the published JSON Schema (draft 2020-12) of ``render_json`` output."""
    package, path = SCHEMA_RESOURCE
    return json.loads(resources.files(package).joinpath(path).read_text(encoding="utf-8"))
