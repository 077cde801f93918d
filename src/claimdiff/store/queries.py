"""Read queries over the corpus: stories, one story with its articles, timelines of a
figure, skipped inputs; and the read APIs built on them (a story's comparison, its
citation graph, the timeline of an estimate)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..model import Comparison, FigureRecord, Skipped, claim_from_dict
from .connection import Sql

__all__ = ["StoryRow", "Queries", "resolve_story", "story_copies", "story_comparison", "story_sources", "timeline"]

#: Sort orders of ``Queries.stories``.
#: Undated and untitled stories come last on SQLite and PostgreSQL alike (they disagree
#: on where NULL sorts).
_ORDERS = {"last_date": "s.last_date IS NULL, s.last_date DESC", "size": "s.size DESC",
           "title": "s.title IS NULL, s.title ASC", "first_date": "s.first_date IS NULL, s.first_date ASC"}



@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A stored story: ``id``, ``title``, ``storyline_id``, ``first_date``/``last_date``,
    ``size`` (articles) and, when asked for, its ``articles`` (id, source, outlet,
    published, duplicate_of, syndicated_of dicts)."""

    id: str
    title: str | None
    storyline_id: str
    first_date: str | None
    last_date: str | None
    size: int
    articles: tuple[dict[str, Any], ...] = ()



class Queries:
    """Read queries (a part of ``Store``; needs ``self.sql`` and ``self.location``)."""

    sql: Sql
    location: str

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in ("articles", "claims", "quantities", "stories", "skipped"):
            raise StoreError(f"no table {table!r}")
        row = self.sql.one(f"SELECT COUNT(*) FROM {table}")
        return int(row[0]) if row else 0

    def story_links(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Story, storyline, duplicate and syndication marks of articles."""
        out = {}
        for aid in article_ids:
            row = self.sql.one(
                "SELECT story_id, storyline_id, duplicate_of, syndicated_of, version FROM articles WHERE id = ?", (aid,))
            if row:
                out[aid] = {"story": row[0], "storyline": row[1], "duplicate_of": row[2], "syndicated_of": row[3],
                            "version": row[4]}
        return out

    def stories(self, *, query: str | None = None, limit: int | None = 100, offset: int = 0,
                sort: str = "last_date") -> list[StoryRow]:
        """Stories, newest first, optionally those whose title or articles mention ``query``;
        at most ``limit`` of them (``None``: every one) after skipping ``offset``."""
        order = _ORDERS.get(sort)
        if order is None:
            raise StoreError(f"cannot sort stories by {sort!r}; use last_date, first_date, size or title")
        where, params = _story_filter(query)
        page = "LIMIT ? OFFSET ?" if limit is not None else ("LIMIT -1 OFFSET ?" if self.sql.dialect.name == "sqlite"
                                                             else "OFFSET ?")
        rows = self.sql.all(
            f"""SELECT s.id, s.title, s.storyline_id, s.first_date, s.last_date, s.size FROM stories s {where}
                ORDER BY {order}, s.id {page}""",
            params + ([limit, offset] if limit is not None else [offset]),
        )
        return [StoryRow(id=r[0], title=r[1], storyline_id=r[2], first_date=r[3], last_date=r[4], size=int(r[5]))
                for r in rows]

    def count_stories(self, *, query: str | None = None) -> int:
        """How many stories ``stories(query=…)`` lists without a limit."""
        where, params = _story_filter(query)
        row = self.sql.one(f"SELECT COUNT(*) FROM stories s {where}", params)
        return int(row[0]) if row else 0

    def story(self, story_id: str) -> StoryRow | None:
        """One story with its articles (oldest first)."""
        row = self.sql.one("SELECT id, title, storyline_id, first_date, last_date, size FROM stories WHERE id = ?",
                           (story_id,))
        if row is None:
            return None
        articles = tuple(
            {"id": r[0], "source": r[1], "outlet": r[2], "published": r[3], "title": r[4], "url": r[5],
             "duplicate_of": r[6], "syndicated_of": r[7], "version": r[8], "doc_id": r[9]}
            for r in self.sql.all(
                """SELECT id, source, outlet, published, title, url, duplicate_of, syndicated_of, version, doc_id
                   FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, seq""", (story_id,))
        )
        return StoryRow(id=row[0], title=row[1], storyline_id=row[2], first_date=row[3], last_date=row[4],
                        size=int(row[5]), articles=articles)

    def find_story(self, prefix: str) -> str | None:
        """The full id of the story whose id starts with ``prefix`` (unique), else None."""
        rows = self.sql.all("SELECT id FROM stories WHERE id LIKE ? ORDER BY id LIMIT 2", (f"{prefix}%",))
        return rows[0][0] if len(rows) == 1 else None

    def timeline_rows(self, query: str, *, story: str | None = None) -> list[FigureRecord]:
        """Every stored figure whose measure ("death toll" finds "people killed · …") or
        counted object (or its head) matches ``query``; only story ``story`` when given."""
        from ..extract.quantities import measure_query

        words = [w for w in re.findall(r"[a-z0-9]+", query.lower()) if w]
        if not words:
            return []
        by_object = " AND ".join("LOWER(COALESCE(q.object, '')) LIKE ?" for _ in words)
        by_measure = " AND ".join("LOWER(COALESCE(q.measure, '')) LIKE ?" for _ in words)
        # "death toll" → "people killed": any counted object of that event ("hikers killed")
        event = measure_query(query).removeprefix("people ")
        params = [f"%{event}%", *(f"%{w}%" for w in words), *(f"%{w}%" for w in words)]
        in_story = ""
        if story is not None:
            in_story, params = " AND a.story_id = ?", [*params, story]
        rows = self.sql.all(
            f"""SELECT c.data, q.idx, a.id, a.outlet, a.published, a.story_id, a.syndicated_of, a.duplicate_of
                FROM quantities q JOIN claims c ON c.id = q.claim_id JOIN articles a ON a.id = c.article_id
                WHERE (LOWER(COALESCE(q.measure, '')) LIKE ? OR ({by_object}) OR ({by_measure})){in_story}
                ORDER BY a.published, a.seq, c.position, q.idx""",
            params,
        )
        return [FigureRecord(claim=claim_from_dict(json.loads(r[0])), quantity_index=int(r[1]), article_id=r[2],
                            outlet=r[3], published=r[4], story_id=r[5], syndicated_of=r[6], duplicate_of=r[7])
                for r in rows]

    def skipped(self) -> list[Skipped]:
        """Every recorded skipped input, oldest first."""
        return [Skipped(source=r[0], stage=r[1], code=r[2], reason=r[3])
                for r in self.sql.all("SELECT source, stage, code, reason FROM skipped ORDER BY id")]


def _story_filter(query: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) of stories whose title, articles' titles or
    outlets mention ``query``; none without a query."""
    if not query:
        return "", []
    like = f"%{query.lower()}%"
    return ("""WHERE LOWER(s.title) LIKE ? OR s.id IN (SELECT story_id FROM articles WHERE LOWER(title) LIKE ?
               OR LOWER(outlet) LIKE ?)""", [like, like, like])


def resolve_story(store: Queries, story: str) -> StoryRow:
    """The stored story with id (or unique id prefix) ``story``.

    Raises:
        StoreError: no such story, or the prefix is ambiguous.
    """
    row = store.story(story)
    if row is None:
        full = store.find_story(story)
        row = store.story(full) if full else None
    if row is None:
        raise StoreError(f"no story {story!r} in {store.location}; list them with `claimdiff stories`")
    return row


def story_copies(row: StoryRow) -> dict[str, str]:
    """Article → the article it copies, for a story's syndicated and duplicate articles."""
    return {a["id"]: a["syndicated_of"] or a["duplicate_of"] for a in row.articles
            if a["syndicated_of"] or a["duplicate_of"]}


def story_comparison(store: Any, story: str) -> Comparison:
    """The comparison report of one stored story (same contract as ``compare``)."""
    from ..align import align
    from ..cluster import resolve_roots

    row = resolve_story(store, story)
    ids = [a["id"] for a in row.articles if not a["duplicate_of"]]
    articles = store.articles(ids)
    claims = store.claims_of(ids)
    originals = resolve_roots(story_copies(row))
    alignments = align(claims, articles, originals=originals)
    return Comparison(articles=tuple(articles), claims=tuple(claims), alignments=tuple(alignments),
                      copies=tuple(originals.items()))


def story_sources(store: Any, story: str) -> Any:
    """Who cites whom in a stored story (a ``sources.CitationGraph``), and which outlet
    carried each fact first."""
    from ..sources import citation_graph

    row = resolve_story(store, story)
    return citation_graph(story_comparison(store, row.id), copies=story_copies(row))


def timeline(store: Queries, query: str, *, story: str | None = None) -> list[Any]:
    """Every stored estimate of ``query`` ("death toll", "containers", "152mm shells") over
    time, one series per measure, as ``timeline.TimelineEntry`` rows; only story ``story``
    (an id or unique prefix) when given."""
    from ..timeline import build_timeline

    if story is not None:
        story = resolve_story(store, story).id
    return build_timeline(store.timeline_rows(query, story=story))
