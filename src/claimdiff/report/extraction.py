"""One document's extraction (its claims and every quantity mention) as JSON, a JSONL
line or Markdown — the output of ``claimdiff extract``."""

from __future__ import annotations

import json
from typing import Any

from ..model import Extraction, to_dict

__all__ = ["extraction_to_dict", "render_extraction", "EXTRACT_FORMATS"]

EXTRACT_FORMATS = ("json", "jsonl", "md")


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """The JSON form: ``id``, ``source``, article metadata, ``text``, ``claims``, ``quantities``."""
    a = extraction.article
    return {
        "id": a.doc_id or a.id,
        "article": a.id,
        "source": a.source,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "text": a.text,
        "claims": [to_dict(c) for c in extraction.claims],
        "quantities": [to_dict(q) for q in extraction.quantities],
    }


def _markdown(extraction: Extraction) -> str:
    """A readable list of the claims of one document."""
    a = extraction.article
    lines = [f"## {a.title or a.source}", "", f"Outlet: {a.outlet_name} · Published: {a.published or 'unknown'}", ""]
    for c in extraction.claims:
        who = (c.speaker.name or c.speaker.role) if c.speaker else "—"
        lines.append(f"- **{who}** ({c.kind}, cue: {c.cue or '—'}): {' '.join(c.text.split())}")
        for q in c.quantities:
            bits = [q.qualifier or "", q.text, f"→ {q.value:g}" if q.value is not None else "(vague)", q.unit or "", q.object or ""]
            lines.append("  - " + " ".join(b for b in bits if b))
        if c.time_scope:
            lines.append(f"  - time scope: {c.time_scope.text} ({c.time_scope.start or '?'} → {c.time_scope.end or '?'})")
        if c.hedged:
            lines.append(f"  - hedged: {', '.join(c.hedges)}")
    return "\n".join(lines) + "\n"


def render_extraction(extraction: Extraction, fmt: str) -> str:
    """Render one extraction as ``json`` (indented), ``jsonl`` (one line) or ``md``."""
    if fmt == "md":
        return _markdown(extraction)
    indent = 2 if fmt == "json" else None
    return json.dumps(extraction_to_dict(extraction), sort_keys=True, ensure_ascii=False, indent=indent) + "\n"
