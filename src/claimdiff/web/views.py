"""What the pages and the API show, computed from the store: story summaries, the story
view (reusing ``report.html``'s view model and highlighter), outlet deltas, the citation
graph layout, ClaimReview drafts and timelines. No FastAPI here: plain data in and out.

A story's comparison is aligned once and cached by (story id, article count), so a
story that gains articles is recomputed and a story page costs a lookup afterwards.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..cluster import resolve_roots
from ..corpus import story_copies
from ..errors import StoreError
from ..model import Alignment, Claim, Comparison, to_dict
from ..report._common import alignment_label, article_labels, outlet_name, sorted_articles, summary_counts
from ..report.citations import citation_chains, direct_sources, merge_aliases
from ..report.html import safe_url, view_model
from ..report.table import fact_table
from ..sources import CitationGraph, citation_graph
from ..store import Store, StoryRow
from ..align import align
from ..consensus import consensus

__all__ = [
    "StoryData",
    "StoryCache",
    "find_story",
    "story_summary",
    "story_detail",
    "story_page_view",
    "alignment_dict",
    "claim_dict",
    "claimreview",
    "graph_layout",
    "outlet_deltas",
]

#: Cache entries kept (a story viewed uses up to three: its comparison, its page, its freshness stamp).
CACHE_SIZE = 1024
#: Citation graph geometry (SVG user units).
GRAPH_WIDTH, GRAPH_ROW, GRAPH_TOP, GRAPH_NODE_W = 800, 30, 28, 200
GRAPH_COLUMNS = {"outlet": 104, "relay": 400, "speaker": 694}
#: Longest node label drawn (the full label is in the hover text).
GRAPH_LABEL_CHARS = 28


@dataclass(frozen=True, slots=True)
class StoryData:
    """A story as loaded once: its ``row``, ``comparison``, citation ``graph`` and the
    report view model (``view``, built lazily by the page)."""

    row: StoryRow
    comparison: Comparison
    graph: CitationGraph
    labels: dict[str, str]


class StoryCache:
    """An LRU of ``StoryData`` and rendered pages keyed by (story id, size)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.items: OrderedDict[tuple[str, int, str], Any] = OrderedDict()

    def get(self, key: tuple[str, int, str]) -> Any:
        """The cached value for ``key``, or None."""
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def fresh(self, key: tuple[str, int, str], max_age: float) -> Any:
        """The value cached with ``put_fresh`` under ``key`` if younger than ``max_age`` seconds."""
        hit = self.get(key)
        if hit is not None and time.monotonic() - hit[0] <= max_age:
            return hit[1]
        return None

    def put_fresh(self, key: tuple[str, int, str], value: Any) -> Any:
        """Cache ``value`` with the time, for ``fresh``."""
        self.put(key, (time.monotonic(), value))
        return value

    def clear(self) -> None:
        """Forget everything (after an ingest changed the store)."""
        with self.lock:
            self.items.clear()

    def put(self, key: tuple[str, int, str], value: Any) -> Any:
        """Cache ``value`` (evicting the least recently used) and return it."""
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


def find_story(store: Store, story_id: str) -> StoryRow | None:
    """The story with id (or unique id prefix) ``story_id``, with its articles."""
    row = store.story(story_id)
    if row is None:
        full = store.find_story(story_id)
        row = store.story(full) if full else None
    return row


def load_story(store: Store, row: StoryRow, cache: StoryCache) -> StoryData:
    """The story's comparison and graph, from the cache or computed (and cached)."""
    key = (row.id, row.size, "data")
    cached = cache.get(key)
    if cached is not None:
        return cached
    ids = [a["id"] for a in row.articles if not a["duplicate_of"]]
    articles = store.articles(ids)
    claims = store.claims_of(ids)
    originals = resolve_roots(story_copies(row))
    comparison = Comparison(articles=tuple(articles), claims=tuple(claims),
                            alignments=tuple(align(claims, articles, originals=originals)),
                            copies=tuple(originals.items()))
    graph = merge_aliases(citation_graph(comparison, copies=story_copies(row)))
    return cache.put(key, StoryData(row=row, comparison=comparison, graph=graph,
                                    labels=article_labels(sorted_articles(comparison))))


def story_summary(row: StoryRow, data: StoryData) -> dict[str, Any]:
    """The list fields of a story: outlets, article count, dates, disagreements."""
    outlets = sorted({outlet_name(a["outlet"], a.get("url"), a.get("source")) for a in row.articles})
    return {
        "id": row.id,
        "title": row.title,
        "outlets": outlets,
        "articles": row.size,
        "first_date": row.first_date,
        "last_date": row.last_date,
        "disagreements": sum(1 for a in data.comparison.alignments if a.status == "differ"),
        "url": f"/stories/{row.id}",
    }


def _outlets_of(alignment: Alignment, claims: dict[str, Claim], labels: dict[str, str]) -> list[str]:
    """Article labels carrying an alignment, sorted."""
    return sorted({labels.get(claims[c].article, claims[c].article) for c in alignment.claims if c in claims})


def outlet_deltas(data: StoryData, table: Any = None) -> list[dict[str, Any]]:
    """Per independent source (a syndicated copy folds into its original): facts only it
    reports (adds) and facts it lacks that most other sources report (omits: carried by
    at least half of the others, and by two or more when there are that many).
    ``table``: the story's ``fact_table`` when the caller has it already."""
    table = table if table is not None else fact_table(data.comparison)
    out = []
    for index, (column, only) in enumerate(table.unique):
        others = len(table.columns) - 1
        need = max(1, min(2, others), math.ceil(others / 2))
        adds = [{"alignment": r.id, "label": r.label, "status": r.status} for r in only]
        omits = [{"alignment": r.id, "label": r.label, "status": r.status} for r in table.rows
                 if r.cells[index] is None and others and r.carriers >= need]
        out.append({"article": column.id, "outlet": column.label, "adds": adds, "omits": omits})
    return out


def claim_dict(claim: Claim, labels: dict[str, str], story_id: str) -> dict[str, Any]:
    """A claim as the API returns it."""
    data = to_dict(claim)
    return {
        "id": claim.id, "article": claim.article, "outlet": labels.get(claim.article, claim.article),
        "text": claim.text, "start": claim.start, "end": claim.end, "sentence": claim.evidence_text,
        "sentence_start": claim.evidence.start, "sentence_end": claim.evidence.end, "kind": claim.kind,
        "speaker": data["speaker"], "cue_start": claim.cue_start, "cue_end": claim.cue_end,
        "cue": claim.cue, "quantities": data["quantities"], "time_scope": data["time_scope"],
        "hedged": claim.hedged, "hedges": list(claim.hedges), "cites": list(claim.cites),
        "polarity": claim.polarity, "statement_date": claim.statement_date,
        "claimreview": f"/api/stories/{story_id}/claims/{claim.id}/claimreview",
    }


def alignment_dict(alignment: Alignment, data: StoryData) -> dict[str, Any]:
    """An alignment as the API returns it."""
    claims = {c.id: c for c in data.comparison.claims}
    return {
        "id": alignment.id, "status": alignment.status, "label": alignment_label(alignment, claims),
        "claims": list(alignment.claims),
        "members": [{"claim": c, "quantity": i} for c, i in alignment.members],
        "outlets": _outlets_of(alignment, claims, data.labels),
        "differences": [
            {"field": d.field, "minor": d.minor, "values": [{"article": a, "value": to_dict(v)} for a, v in d.values]}
            for d in alignment.differences
        ],
        "score": alignment.score,
        "consensus": _consensus_dicts(alignment, claims, data.comparison.originals),
    }


def _consensus_dicts(alignment: Alignment, claims: dict[str, Claim], originals: dict[str, str]) -> list[dict[str, Any]]:
    """Per differing field, the majority's value (None: split) and the deviating articles."""
    if alignment.status != "differ":
        return []
    agreed = consensus(alignment, claims, originals)
    deviating: dict[str, list[str]] = {}
    for article, fields in agreed.odd:
        for name in fields:
            deviating.setdefault(name, []).append(article)
    return [{"field": name, "value": to_dict(value), "deviating": sorted(deviating.get(name, []))}
            for name, value in agreed.values]


def article_dicts(data: StoryData) -> list[dict[str, Any]]:
    """The story's articles (not exact duplicates) with their text."""
    links = {a["id"]: a for a in data.row.articles}
    counts: dict[str, int] = {}
    for claim in data.comparison.claims:
        counts[claim.article] = counts.get(claim.article, 0) + 1
    return [
        {"id": a.id, "label": data.labels[a.id], "outlet": a.outlet, "title": a.title, "published": a.published,
         "author": a.author, "url": safe_url(a.url), "source": a.source, "claims": counts.get(a.id, 0),
         "duplicate_of": links.get(a.id, {}).get("duplicate_of"),
         "syndicated_of": links.get(a.id, {}).get("syndicated_of"), "text": a.text}
        for a in sorted_articles(data.comparison)
    ]


def story_detail(data: StoryData) -> dict[str, Any]:
    """Everything the story page shows, as JSON data (alignments and claims have their
    own paginated endpoints)."""
    base = f"/api/stories/{data.row.id}"
    return {
        **story_summary(data.row, data),
        "counts": summary_counts(data.comparison),
        "article_list": article_dicts(data),
        "outlet_deltas": outlet_deltas(data),
        "exports": {fmt: f"{base}/export/{fmt}" for fmt in ("md", "json", "csv")}
        | {"claims": f"{base}/claims", "alignments": f"{base}/alignments", "sources": f"{base}/sources"},
    }


def graph_layout(graph: CitationGraph) -> dict[str, Any]:
    """Positions for drawing the citation graph: outlets left, relays middle, speakers right."""
    columns: dict[str, list[dict[str, Any]]] = {"outlet": [], "relay": [], "speaker": []}
    for node in graph.nodes:
        columns.setdefault(node["kind"], []).append(node)
    place: dict[str, tuple[float, float]] = {}
    nodes = []
    sources: dict[str, list[str]] = {}
    for edge in graph.edges:
        sources.setdefault(edge["target"], []).append(edge["source"])
    rows = max((len(v) for v in columns.values()), default=0)
    for kind, items in columns.items():
        top = GRAPH_TOP + 14 + (rows - len(items)) * GRAPH_ROW / 2  # columns centred on each other
        # Order each column by the mean height of what points at it (fewer crossings).
        def rank(node: dict[str, Any]) -> tuple[float, str]:
            ys = [place[s][1] for s in sources.get(node["id"], []) if s in place]
            return (sum(ys) / len(ys) if ys else float("inf"), node["label"].lower())

        for i, node in enumerate(sorted(items, key=rank)):
            x, y = GRAPH_COLUMNS.get(kind, 0), top + i * GRAPH_ROW
            place[node["id"]] = (x, y)
            label = node["label"] if len(node["label"]) <= GRAPH_LABEL_CHARS else node["label"][:GRAPH_LABEL_CHARS - 1] + "…"
            nodes.append({**node, "x": x, "y": y, "short": label})
    edges = []
    for edge in graph.edges:
        if edge["source"] in place and edge["target"] in place:
            (x1, y1), (x2, y2) = place[edge["source"]], place[edge["target"]]
            edges.append({**edge, "x1": x1 + GRAPH_NODE_W / 2 - 6, "y1": y1, "x2": x2 - GRAPH_NODE_W / 2 + 6, "y2": y2,
                          "width": round(1 + math.log2(edge["claims"]), 2),
                          "title": f"{_label(graph, edge['source'])} cites {_label(graph, edge['target'])}: "
                                   f"{edge['claims']} claim{'' if edge['claims'] == 1 else 's'}"})
    return {"nodes": nodes, "edges": edges, "width": GRAPH_WIDTH, "height": GRAPH_TOP + 14 + rows * GRAPH_ROW,
            "node_width": GRAPH_NODE_W, "columns": GRAPH_COLUMNS}


def _label(graph: CitationGraph, node_id: str) -> str:
    """The label of a graph node."""
    return next((n["label"] for n in graph.nodes if n["id"] == node_id), node_id)


def story_page_view(data: StoryData) -> dict[str, Any]:
    """The story page's template context: the HTML report's view model (rows, columns
    of highlight tokens, counts) plus outlet deltas and the graph."""
    view = view_model(data.comparison)
    chains = citation_chains(data.comparison)
    return {
        **view,
        "chains": [c for c in chains if len(c.via) > 1],
        "direct": direct_sources(chains),
        "show_graph": any(len(c.via) > 1 for c in chains),
        "story": story_summary(data.row, data),
        "deltas": outlet_deltas(data, view["table"]),
        "graph": graph_layout(data.graph),
        "first": [f for f in data.graph.first if f["outlets"] > 1],  # one outlet's facts were first there
    }


def _speaker_entity(claim: Claim, outlet: str | None) -> dict[str, Any]:
    """The claim's author as a schema.org Person or Organization."""
    speaker = claim.speaker
    if speaker is None or not (speaker.name or speaker.role or speaker.org or speaker.mention):
        return {"@type": "Organization", "name": outlet or "unknown outlet"}
    kind = "Person" if speaker.type in ("person", "unnamed") else "Organization"
    entity: dict[str, Any] = {"@type": kind, "name": speaker.name or speaker.role or speaker.mention or speaker.org}
    if kind == "Person" and speaker.role:
        entity["jobTitle"] = speaker.role
    if speaker.org and speaker.org != entity["name"]:
        entity["affiliation" if kind == "Person" else "parentOrganization"] = {"@type": "Organization",
                                                                              "name": speaker.org}
    return entity


def _appearance(article: Any, claim: Claim) -> dict[str, Any]:
    """One article carrying the claim, as a schema.org CreativeWork."""
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title, "datePublished": article.published,
                            "publisher": {"@type": "Organization", "name": outlet_name(article.outlet, article.url, article.source)},
                            "text": claim.text}
    url = safe_url(article.url)
    if url:
        work["url"] = url
    return work


def claimreview(data: StoryData, claim_id: str) -> dict[str, Any]:
    """A schema.org ClaimReview draft for one claim: the claim, its author, its first and
    all appearances in the story; the rating is left to the fact-checker.

    Raises:
        StoreError: the story has no such claim.
    """
    claims = {c.id: c for c in data.comparison.claims}
    claim = claims.get(claim_id)
    if claim is None:
        raise StoreError(f"story {data.row.id} has no claim {claim_id!r}; list them at /api/stories/{data.row.id}/claims")
    articles = {a.id: a for a in data.comparison.articles}
    carrying = {claim.id}
    for alignment in data.comparison.alignments:
        if claim.id in alignment.claims:
            carrying.update(alignment.claims)
    seen: dict[str, Claim] = {}
    for cid in sorted(carrying):
        other = claims.get(cid)
        if other is not None and other.article not in seen:
            seen[other.article] = other
    order = sorted(seen, key=lambda aid: (articles[aid].published or "9999", articles[aid].outlet or "", aid))
    appearances = [_appearance(articles[aid], seen[aid]) for aid in order]
    article = articles[claim.article]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "datePublished": None,
        "author": None,
        "url": None,
        "itemReviewed": {
            "@type": "Claim",
            "author": _speaker_entity(claim, article.outlet_name),
            "datePublished": claim.statement_date or (appearances[0].get("datePublished") if appearances else None),
            "firstAppearance": appearances[0] if appearances else None,
            "appearance": appearances,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": None,
            "bestRating": None,
            "worstRating": None,
            "alternateName": None,
            "ratingExplanation": "to be set by the fact-checker",
        },
        "description": "Draft generated by claimdiff: datePublished, author (the fact-checker), url and "
                       "reviewRating are to be set by the fact-checker.",
    }
