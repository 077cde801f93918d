"""Who cites whom in a story: outlets → intermediaries → original speakers, and which
outlet carried each claim first.  Pure: a Comparison in, a CitationGraph out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import Comparison

__all__ = ["CitationGraph", "citation_graph"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CitationGraph:
    """Fields: ``nodes`` ({id, label, kind: outlet | relay | speaker}), ``edges``
    ({source, target, claims}: how many claims travel along it), ``first`` (per aligned
    fact: its label, the outlet and article that carried it first, and how many
    independent outlets carry it), all sorted."""

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]
    first: tuple[dict[str, Any], ...]


def _node(label: str, kind: str) -> str:
    return f"{kind}:{label.lower()}"


def citation_graph(comparison: Comparison, *, copies: Mapping[str, str] | None = None) -> CitationGraph:
    """Build the citation graph of a compared story.

    Args:
        comparison: the story's articles, claims and alignments.
        copies: article id → the article it is a syndicated or duplicate copy of.

    Returns:
        Nodes, weighted edges and the first carrier of each fact.
    """
    copies = dict(copies or {})
    articles = {a.id: a for a in comparison.articles}
    labels = {a.id: a.outlet or a.source for a in comparison.articles}
    nodes: dict[str, dict[str, Any]] = {}
    edges: Counter[tuple[str, str]] = Counter()
    for claim in comparison.claims:
        # A syndicated copy repeats its original's sourcing: it adds no edge of its own.
        if claim.kind == "narration" or not claim.cites or claim.article in copies:
            continue
        outlet = labels[claim.article]
        chain = [(_node(outlet, "outlet"), outlet, "outlet")]
        for i, name in enumerate(claim.cites):
            kind = "speaker" if i == len(claim.cites) - 1 else "relay"
            chain.append((_node(name, kind), name, kind))
        for node_id, label, kind in chain:
            nodes.setdefault(node_id, {"id": node_id, "label": label, "kind": kind})
        for (a, *_), (b, *_) in zip(chain, chain[1:]):
            if a != b:
                edges[(a, b)] += 1
    claims = {c.id: c for c in comparison.claims}
    first = []
    for al in comparison.alignments:
        carriers = sorted(
            {claims[cid].article for cid in al.claims},
            key=lambda aid: (articles[aid].published or "9999", labels[aid], aid),
        )
        head = carriers[0]
        independent = {labels[a] for a in carriers if a not in copies}
        first.append({
            "alignment": al.id, "label": al.label, "status": al.status, "outlet": labels[head], "article": head,
            "published": articles[head].published, "outlets": len({labels[a] for a in carriers}),
            "independent": max(1, len(independent)),
        })
    first.sort(key=lambda f: (-f["outlets"], f["label"].lower(), f["alignment"]))
    return CitationGraph(
        nodes=tuple(sorted(nodes.values(), key=lambda n: (n["kind"], n["id"]))),
        edges=tuple({"source": a, "target": b, "claims": n} for (a, b), n in sorted(edges.items())),
        first=tuple(first),
    )
