"""A growing corpus: ingest inputs into a Store (clean → extract → group into stories →
one transaction per article), and read stories, timelines and citation graphs back.

``SqlStoryIndex`` is the story-grouping index of ``cluster`` kept in the store's tables,
so grouping is the same whether the corpus lives in memory, SQLite or PostgreSQL.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import IO, Any

from spacy.language import Language

from .align import align
from .cluster import (
    NUM_PERM,
    QUERY_TERMS,
    STORYLINE_WINDOW_DAYS,
    Decision,
    Fingerprint,
    NearDuplicate,
    StoryCandidate,
    assign,
    fingerprint,
    jaccard,
    merge_embedding,
    resolve_roots,
)
from .errors import StoreError
from .ingest import iter_sources
from .model import Article, Comparison, Extraction, Skipped
from .pipeline import BATCH_ARTICLES, Duplicate, Item, Options, Timings, iter_extracted
from .sources import CitationGraph, citation_graph
from .store import AddResult, Store, StoryRow
from .timeline import TimelineEntry, build_timeline

__all__ = [
    "SqlStoryIndex",
    "IngestSummary",
    "IngestEvent",
    "IngestWriter",
    "ingest",
    "story_comparison",
    "story_sources",
    "timeline",
    "resolve_story",
    "story_copies",
]

log = logging.getLogger(__name__)

#: LSH layout for near-duplicate lookup: BANDS bands of ROWS hash values each; two texts
#: with shingle Jaccard s share a band with probability 1 - (1 - s**ROWS)**BANDS
#: (0.88 at s = 0.5, the syndication threshold).
LSH_BANDS = 32
LSH_ROWS = NUM_PERM // LSH_BANDS
#: Articles cleaned and extracted together before they are stored (``pipeline.BATCH_ARTICLES``).
INGEST_BATCH = BATCH_ARTICLES


class _StoreDF(Mapping[str, int]):
    """Document frequencies read from the store on demand (fingerprint asks per term)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, int] = {}

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


def _buckets(minhash: Sequence[int]) -> list[str]:
    """LSH band buckets of a signature."""
    return [
        hashlib.blake2b(" ".join(map(str, minhash[i * LSH_ROWS:(i + 1) * LSH_ROWS])).encode(), digest_size=8).hexdigest()
        for i in range(LSH_BANDS)
    ]


class SqlStoryIndex:
    """``cluster.StoryIndex`` over the store's tables (stories, story_terms, term_df,
    lsh_bands, signatures). Writes happen inside the caller's transaction."""

    def __init__(self, store: Store, *, storyline_window_days: int = STORYLINE_WINDOW_DAYS) -> None:
        self.store = store
        self.window = storyline_window_days

    def document_frequency(self) -> tuple[Mapping[str, int], int]:
        """Document frequencies (read lazily) and the number of documents."""
        return _StoreDF(self.store), self.store.n_docs()

    def near_duplicates(self, fp: Fingerprint) -> list[NearDuplicate]:
        """Earlier articles sharing an LSH band, scored by signature Jaccard."""
        if not fp.minhash:
            return []
        ids = [i for i in self.store.articles_in_buckets(_buckets(fp.minhash)) if i != fp.article_id]
        found = []
        for aid, (outlet, signature, story_id, storyline_id) in sorted(self.store.signatures(ids).items()):
            if story_id is None:
                continue
            found.append(NearDuplicate(article_id=aid, jaccard=jaccard(fp.minhash, signature), outlet=outlet,
                                       story_id=story_id, storyline_id=storyline_id or story_id))
        return found

    def candidates(self, fp: Fingerprint, *, limit: int) -> list[StoryCandidate]:
        """Stories sharing the article's heaviest terms, seen within the storyline window."""
        query = [t for t, _ in sorted(fp.terms, key=lambda item: (-item[1], item[0]))[:QUERY_TERMS]]
        since = None
        if fp.date:
            since = (date.fromisoformat(fp.date) - timedelta(days=self.window)).isoformat()
        found = []
        ranked = [story_id for story_id, _ in self.store.stories_with_terms(query, since=since, limit=limit)]
        profiles = self.store.stories_terms(ranked)
        for story_id in ranked:
            first, last, storyline, size = self.store.story_profile(story_id)
            terms = tuple(sorted(profiles[story_id].items()))
            embedding = self.store.story_embedding(story_id) if fp.embedding else ()
            found.append(StoryCandidate(story_id=story_id, storyline_id=storyline, terms=terms, first_date=first,
                                        last_date=last, size=size, embedding=embedding))
        return found

    def add(self, fp: Fingerprint, decision: Decision, *, title: str | None = None) -> None:
        """Record an article's terms, story membership and signature."""
        self.store.upsert_story(decision.story_id, decision.storyline_id, title, fp.date)
        self.store.add_story_terms(decision.story_id, dict(fp.terms))
        if fp.embedding:
            merged = merge_embedding(self.store.story_embedding(decision.story_id), fp.embedding)
            self.store.set_story_embedding(decision.story_id, merged)
        self.store.bump_df(t for t, _ in fp.terms)
        if fp.minhash:
            self.store.add_signature(fp.article_id, fp.outlet, fp.minhash)
            self.store.add_bands(fp.article_id, _buckets(fp.minhash))


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """Progress of an ingest: ``done`` articles handled so far, the latest ``result``
    (or ``skipped``)."""

    done: int
    result: AddResult | None = None
    skipped: Skipped | None = None


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did: counts of ``new``, ``duplicate`` and ``updated`` articles,
    the ``failed`` inputs with reasons, new ``stories``, and ``seconds``."""

    new: int = 0
    duplicate: int = 0
    updated: int = 0
    stories: int = 0
    failed: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, result: AddResult) -> None:
        """Count one article by what storing it did."""
        if result.status == "new":
            self.new += 1
        elif result.status == "updated":
            self.updated += 1
        else:
            self.duplicate += 1

    @property
    def articles(self) -> int:
        """Articles handled (new, duplicate or updated)."""
        return self.new + self.duplicate + self.updated

    @property
    def rate(self) -> float:
        """Articles handled per second."""
        return self.articles / self.seconds if self.seconds else 0.0


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(inputs: Sequence[str], store: Store, nlp: Language | None, *, options: Options = Options(),
           fetcher: Any = None, stdin: IO | None = None,
           progress: Callable[[IngestEvent], None] | None = None, batch: int | None = None,
           embedder: Any = None, timings: Timings | None = None) -> IngestSummary:
    """Add every article of ``inputs`` to ``store``: clean, extract, group, store.

    Each article is written in one transaction with its claims and story, so an
    interrupted ingest leaves whole articles only, and running it again adds what is
    missing (articles already stored are counted as duplicates and not re-extracted).

    Args:
        inputs: files, folders, JSONL, WARC, feeds, URLs or ``-``.
        store: the corpus.
        nlp: the spaCy pipeline (``None``: loaded when there is an article to extract).
        options: limits, batch sizes and extraction processes.
        fetcher: fetches URLs (``fetch.HttpFetcher``); URLs are skipped without one.
        progress: called after each article or skipped input.
        batch: articles extracted together before they are stored (default
            ``options.batch_articles``): a kill loses at most the batches in flight.
        embedder: a sentence-embedding model (``embed.load_embedder()``, the [embed]
            extra) that story grouping blends in; grouping uses terms alone without it.
        timings: filled with seconds per stage (``read+clean``, ``extract`` summed over
            worker processes, ``group+store``).

    Returns:
        An ``IngestSummary``.
    """
    if batch is not None:
        options = replace(options, batch_articles=batch)
    summary = IngestSummary()
    start = time.perf_counter()
    stories_before = store.count("stories")
    sources = iter_sources(list(inputs), stdin=stdin, max_bytes=options.max_bytes, fetcher=fetcher)
    items = iter_extracted(sources, nlp, options, known=store.has_article, timings=timings)
    writer = IngestWriter(store, summary, progress)
    for chunk in _batches((item for _, item in items), options.batch_articles):
        clock = time.perf_counter()
        vectors: dict[str, tuple[float, ...]] = {}
        if embedder is not None:
            from .embed import embed_articles

            fresh = [i.article for i in chunk if isinstance(i, Extraction)]
            vectors = dict(zip((a.id for a in fresh), embed_articles(fresh, embedder), strict=True))
        for item in chunk:
            writer.write(item, vectors)
        if timings is not None:
            timings.add("group+store", time.perf_counter() - clock)
    summary.seconds = time.perf_counter() - start
    summary.stories = store.count("stories") - stories_before
    return summary


class IngestWriter:
    """Stores what ``iter_extracted`` gives, counting it in an ``IngestSummary``."""

    def __init__(self, store: Store, summary: IngestSummary, progress: Callable[[IngestEvent], None] | None) -> None:
        self.store = store
        self.index = SqlStoryIndex(store)
        self.summary = summary
        self.progress = progress

    def write(self, item: Item, vectors: Mapping[str, Sequence[float]] | None = None) -> None:
        """Store an extraction, record a skip, or count a duplicate."""
        summary = self.summary
        if isinstance(item, Skipped):
            summary.failed.append(item)
            self.store.record_skipped(item)
            event = IngestEvent(summary.articles, skipped=item)
        elif isinstance(item, Duplicate):
            summary.duplicate += 1
            event = IngestEvent(summary.articles, result=AddResult(status="duplicate", article_id=item.article_id))
        else:
            embedding = (vectors or {}).get(item.article.id, ())
            result = _store_one(self.store, self.index, item.article, item.claims, embedding=embedding)
            summary.count(result)
            event = IngestEvent(summary.articles, result=result)
        if self.progress is not None:
            self.progress(event)


def _store_one(store: Store, index: SqlStoryIndex, article: Article, claims: Sequence[Any], *,
               embedding: Sequence[float] = ()) -> AddResult:
    """Group and store one article in one transaction."""
    with store.transaction():
        if store.has_article(article.id):
            return AddResult(status="duplicate", article_id=article.id)
        df, n_docs = index.document_frequency()
        fp = fingerprint(article, df=df, n_docs=n_docs, embedding=embedding)
        decision = assign(fp, index)
        result = store.insert_article(
            article, claims, story_id=decision.story_id, storyline_id=decision.storyline_id,
            duplicate_of=decision.duplicate_of, syndicated_of=decision.syndicated_of, story_score=decision.score,
        )
        index.add(fp, decision, title=article.title)
    return replace(result, story_id=decision.story_id)


def resolve_story(store: Store, story: str) -> StoryRow:
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


def story_comparison(store: Store, story: str) -> Comparison:
    """The comparison report of one stored story (same contract as ``compare``)."""
    row = resolve_story(store, story)
    ids = [a["id"] for a in row.articles if not a["duplicate_of"]]
    articles = store.articles(ids)
    claims = store.claims_of(ids)
    alignments = align(claims, articles, originals=resolve_roots(story_copies(row)))
    return Comparison(articles=tuple(articles), claims=tuple(claims), alignments=tuple(alignments))


def story_sources(store: Store, story: str) -> CitationGraph:
    """Who cites whom in a stored story, and which outlet carried each fact first."""
    row = resolve_story(store, story)
    return citation_graph(story_comparison(store, row.id), copies=story_copies(row))


def timeline(store: Store, query: str) -> list[TimelineEntry]:
    """Every stored estimate of ``query`` ("containers", "152mm shells") over time."""
    return build_timeline(store.timeline_rows(query))
