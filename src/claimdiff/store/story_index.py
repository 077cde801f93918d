"""The story index in the store's tables: ``cluster.StoryIndex`` for SQLite and
PostgreSQL.

:class:`StoryTables` reads and writes the tables (stories, story_terms, term_df,
lsh_bands, signatures, meta); :class:`SqlStoryIndex` answers grouping's questions from
them exactly as ``cluster.MemoryStoryIndex`` does from dicts (the same bounded posting
lists ranked by the same integer query weights, the same date window, the same LSH
bands), so a corpus groups the same in memory, SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from ..cluster import (
    POSTING_LIMIT,
    STORYLINE_WINDOW_DAYS,
    Decision,
    Fingerprint,
    NearDuplicate,
    StoryCandidate,
    jaccard,
    lsh_buckets,
    merge_embedding,
    query_terms,
)
from ..errors import StoreError
from .connection import Sql

__all__ = ["StoryTables", "SqlStoryIndex", "KEPT_TERMS"]

#: Story terms an index keeps in memory between articles (about 100 bytes each): the
#: candidate stories of consecutive articles are mostly the same, and reading their
#: whole term profiles again was a third of grouping's time.
KEPT_TERMS = 200_000


class StoryTables:
    """The story index tables (a part of ``Store``; needs ``self.sql``)."""

    sql: Sql
    location: str

    def upsert_story(self, story_id: str, storyline_id: str, title: str | None, date: str | None) -> None:
        """Create a story or widen its date range and count one more article."""
        row = self.sql.one("SELECT first_date, last_date, size FROM stories WHERE id = ?", (story_id,))
        if row is None:
            self.sql.execute(
                "INSERT INTO stories (id, storyline_id, title, first_date, last_date, size) VALUES (?, ?, ?, ?, ?, 1)",
                (story_id, storyline_id, title, date, date),
            )
            return
        first = min(d for d in (row[0], date) if d) if (row[0] or date) else None
        last = max(d for d in (row[1], date) if d) if (row[1] or date) else None
        self.sql.execute("UPDATE stories SET first_date = ?, last_date = ?, size = ? WHERE id = ?",
                         (first, last, int(row[2]) + 1, story_id))

    def add_story_terms(self, story_id: str, terms: Mapping[str, float], *, n_docs: int | None = None) -> None:
        """Add term weights to a story's profile (summed with what it has), marking its
        postings as the most recently touched (``n_docs``: the document count before this
        article, when the caller has read it)."""
        touched = (self.n_docs() if n_docs is None else n_docs) + 1
        self.sql.executemany(
            """INSERT INTO story_terms (term, story_id, weight, touched) VALUES (?, ?, ?, ?)
               ON CONFLICT (term, story_id) DO UPDATE
               SET weight = story_terms.weight + excluded.weight, touched = excluded.touched""",
            [(term, story_id, weight, touched) for term, weight in sorted(terms.items())],
        )

    def story_terms(self, story_id: str) -> dict[str, float]:
        """A story's term profile."""
        return self.stories_terms([story_id]).get(story_id, {})

    def stories_terms(self, story_ids: Sequence[str]) -> dict[str, dict[str, float]]:
        """Term profiles of several stories, read in one query."""
        if not story_ids:
            return {}
        marks = ", ".join("?" for _ in story_ids)
        out: dict[str, dict[str, float]] = {sid: {} for sid in story_ids}
        for sid, term, weight in self.sql.all(
                f"SELECT story_id, term, weight FROM story_terms WHERE story_id IN ({marks})", list(story_ids)):
            out[sid][term] = float(weight)
        return out

    def story_embedding(self, story_id: str) -> tuple[float, ...]:
        """The summed embedding of a story's members (``()`` when none was stored)."""
        row = self.sql.one("SELECT embedding FROM stories WHERE id = ?", (story_id,))
        return tuple(float(x) for x in row[0].split()) if row and row[0] else ()

    def set_story_embedding(self, story_id: str, embedding: Sequence[float]) -> None:
        """Replace a story's summed embedding."""
        self.sql.execute("UPDATE stories SET embedding = ? WHERE id = ?",
                         (" ".join(repr(float(x)) for x in embedding) or None, story_id))

    def story_dates(self, story_id: str) -> tuple[str | None, str | None, str]:
        """(first date, last date, storyline id) of a story."""
        first, last, storyline, _ = self.story_profile(story_id)
        return first, last, storyline

    def story_profile(self, story_id: str) -> tuple[str | None, str | None, str, int]:
        """(first date, last date, storyline id, size) of a story."""
        row = self.sql.one("SELECT first_date, last_date, storyline_id, size FROM stories WHERE id = ?", (story_id,))
        if row is None:
            raise StoreError(f"no story {story_id} in {self.location}")
        return row[0], row[1], row[2], int(row[3])

    def story_profiles(self, story_ids: Sequence[str], *, embeddings: bool = False
                       ) -> dict[str, tuple[str | None, str | None, str, int, tuple[float, ...]]]:
        """(first date, last date, storyline id, size, summed embedding) of several stories,
        read in one query (the embedding is ``()`` unless ``embeddings``)."""
        if not story_ids:
            return {}
        marks = ", ".join("?" for _ in story_ids)
        column = "embedding" if embeddings else "NULL"
        out = {}
        for sid, first, last, storyline, size, embedding in self.sql.all(
                f"SELECT id, first_date, last_date, storyline_id, size, {column} FROM stories WHERE id IN ({marks})",
                list(story_ids)):
            vector = tuple(float(x) for x in embedding.split()) if embedding else ()
            out[sid] = (first, last, storyline, int(size), vector)
        return out

    def bump_df(self, terms: Iterable[str], *, n_docs: int | None = None) -> None:
        """Count one more document for each term, and one more document overall
        (``n_docs``: the count before, when the caller has read it)."""
        self.sql.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1",
            [(term,) for term in sorted(set(terms))],
        )
        self.set_meta("n_docs", str((self.n_docs() if n_docs is None else n_docs) + 1))

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies of ``terms`` (absent terms are left out)."""
        terms = sorted(set(terms))
        out: dict[str, int] = {}
        for start in range(0, len(terms), 500):
            chunk = terms[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            out.update({t: int(d) for t, d in self.sql.all(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)})
        return out

    def n_docs(self) -> int:
        """Documents counted in the term statistics."""
        value = self.get_meta("n_docs")
        return int(value) if value else 0

    def add_bands(self, article_id: str, buckets: Sequence[str]) -> None:
        """Index an article's MinHash band buckets."""
        self.sql.executemany(
            "INSERT INTO lsh_bands (band, bucket, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(i, b, article_id) for i, b in enumerate(buckets)],
        )

    def add_signature(self, article_id: str, outlet: str | None, minhash: Sequence[int]) -> None:
        """Keep an article's MinHash signature."""
        self.sql.execute(
            "INSERT INTO signatures (article_id, outlet, minhash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (article_id, outlet, " ".join(str(v) for v in minhash)),
        )

    def signatures(self, article_ids: Sequence[str]) -> dict[str, tuple[str | None, tuple[int, ...], str | None, str | None]]:
        """(outlet, signature, story id, storyline id) of stored articles, read in one query
        per 500."""
        out = {}
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for aid, outlet, minhash, story_id, storyline_id in self.sql.all(
                    f"""SELECT s.article_id, s.outlet, s.minhash, a.story_id, a.storyline_id FROM signatures s
                        LEFT JOIN articles a ON a.id = s.article_id WHERE s.article_id IN ({marks})""", chunk):
                out[aid] = (outlet, tuple(int(v) for v in minhash.split()), story_id, storyline_id)
        return out

    def articles_in_buckets(self, buckets: Sequence[str]) -> list[str]:
        """Articles sharing at least one band bucket (one query for all the bands)."""
        if not buckets:
            return []
        lookups = " UNION ".join("SELECT article_id FROM lsh_bands WHERE band = ? AND bucket = ?" for _ in buckets)
        params = [value for i, bucket in enumerate(buckets) for value in (i, bucket)]
        return sorted(r[0] for r in self.sql.all(lookups, params))

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.sql.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value in the meta table."""
        self.sql.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def stories_with_terms(self, query: Sequence[tuple[str, int]], *, window: tuple[str, str] | None,
                           limit: int) -> list[str]:
        """Stories sharing the ``(term, weight)`` query, ranked by the summed integer weight
        of the terms they share, then id; only stories dated within ``window`` (first day,
        last day) or undated."""
        if not query:
            return []
        # Each term contributes only its POSTING_LIMIT most recently touched stories, so a
        # common word never makes the lookup scan the whole corpus.
        postings = " UNION ALL ".join(
            f"SELECT * FROM (SELECT story_id, {int(weight)} AS w FROM story_terms WHERE term = ? "
            f"ORDER BY touched DESC LIMIT {POSTING_LIMIT}) AS p{i}"
            for i, (_, weight) in enumerate(query)
        )
        where = "WHERE s.first_date IS NULL OR (s.last_date >= ? AND s.first_date <= ?)" if window else ""
        params: list[Any] = [term for term, _ in query] + (list(window) if window else []) + [limit]
        rows = self.sql.all(
            f"""SELECT u.story_id, SUM(u.w) AS w FROM ({postings}) AS u JOIN stories s ON s.id = u.story_id
                {where} GROUP BY u.story_id ORDER BY w DESC, u.story_id LIMIT ?""",
            params,
        )
        return [r[0] for r in rows]


class _StoreDF(Mapping[str, int]):
    """Document frequencies read from the store on demand (``many`` for an article's terms
    at once, ``get`` per term).

    Its length is that of what it has read so far, so never test it for truth."""

    def __init__(self, store: StoryTables) -> None:
        self.store = store
        self.cache: dict[str, int] = {}

    def many(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies of ``terms`` read in one query (0 for unseen terms)."""
        missing = [term for term in terms if term not in self.cache]
        found = self.store.df(missing) if missing else {}
        self.cache.update({term: found.get(term, 0) for term in missing})
        return self.cache

    def get(self, term: str, default: Any = 0) -> Any:  # type: ignore[override]
        if term not in self.cache:
            self.cache[term] = self.store.df([term]).get(term, 0)
        return self.cache[term] or default

    def __getitem__(self, term: str) -> int:
        return self.get(term)

    def __iter__(self) -> Iterator[str]:
        return iter(self.cache)

    def __len__(self) -> int:
        return len(self.cache)


class SqlStoryIndex:
    """``cluster.StoryIndex`` over the store's tables. Writes happen inside the caller's
    transaction."""

    def __init__(self, store: StoryTables, *, storyline_window_days: int = STORYLINE_WINDOW_DAYS) -> None:
        self.store = store
        self.window = storyline_window_days
        #: Term profiles read before, by story: (its size then, its terms). A story's terms
        #: change only with its size (``add`` does both), so a kept profile whose size is
        #: the story's size now is its profile now; the rest are read again.
        self._profiles: OrderedDict[str, tuple[int, tuple[tuple[str, float], ...]]] = OrderedDict()
        self._kept_terms = 0

    def document_frequency(self) -> tuple[Mapping[str, int], int]:
        """Document frequencies (read lazily) and the number of documents."""
        return _StoreDF(self.store), self.store.n_docs()

    def near_duplicates(self, fp: Fingerprint) -> list[NearDuplicate]:
        """Earlier articles sharing an LSH band, scored by signature Jaccard."""
        if not fp.minhash:
            return []
        ids = [i for i in self.store.articles_in_buckets(lsh_buckets(fp.minhash)) if i != fp.article_id]
        found = []
        for aid, (outlet, signature, story_id, storyline_id) in sorted(self.store.signatures(ids).items()):
            if story_id is None:
                continue
            found.append(NearDuplicate(article_id=aid, jaccard=jaccard(fp.minhash, signature), outlet=outlet,
                                       story_id=story_id, storyline_id=storyline_id or story_id))
        return found

    def candidates(self, fp: Fingerprint, *, limit: int) -> list[StoryCandidate]:
        """Stories sharing the article's heaviest terms, dated within the storyline window."""
        window = None
        if fp.date:
            day = date.fromisoformat(fp.date)
            window = ((day - timedelta(days=self.window)).isoformat(), (day + timedelta(days=self.window)).isoformat())
        ranked = self.store.stories_with_terms(query_terms(fp), window=window, limit=limit)
        profiles = self.store.story_profiles(ranked, embeddings=bool(fp.embedding))
        terms = self._terms_of({story_id: profiles[story_id][3] for story_id in ranked})
        found = []
        for story_id in ranked:
            first, last, storyline, size, embedding = profiles[story_id]
            found.append(StoryCandidate(story_id=story_id, storyline_id=storyline, terms=terms[story_id],
                                        first_date=first, last_date=last, size=size, embedding=embedding))
        return found

    def _terms_of(self, sizes: Mapping[str, int]) -> dict[str, tuple[tuple[str, float], ...]]:
        """The term profiles of stories of these sizes: kept ones where the size is the
        same, the others read in one query (and kept, up to ``KEPT_TERMS`` terms)."""
        kept = self._profiles
        out = {sid: kept[sid][1] for sid, size in sizes.items() if sid in kept and kept[sid][0] == size}
        missing = [sid for sid in sizes if sid not in out]
        for sid, profile in self.store.stories_terms(missing).items():
            out[sid] = tuple(profile.items())
            if sid in kept:
                self._kept_terms -= len(kept.pop(sid)[1])
            kept[sid] = (sizes[sid], out[sid])
            self._kept_terms += len(out[sid])
        for sid in sizes:
            if sid in kept:
                kept.move_to_end(sid)
        while self._kept_terms > KEPT_TERMS and kept:
            self._kept_terms -= len(kept.popitem(last=False)[1][1])
        return out

    def add(self, fp: Fingerprint, decision: Decision, *, title: str | None = None) -> None:
        """Record an article's terms, story membership and signature."""
        n_docs = self.store.n_docs()
        self.store.upsert_story(decision.story_id, decision.storyline_id, title, fp.date)
        self.store.add_story_terms(decision.story_id, dict(fp.terms), n_docs=n_docs)
        if fp.embedding:
            merged = merge_embedding(self.store.story_embedding(decision.story_id), fp.embedding)
            self.store.set_story_embedding(decision.story_id, merged)
        self.store.bump_df((t for t, _ in fp.terms), n_docs=n_docs)
        if fp.minhash:
            self.store.add_signature(fp.article_id, fp.outlet, fp.minhash)
            self.store.add_bands(fp.article_id, lsh_buckets(fp.minhash))
