"""A growing corpus: ingest inputs into a Store (clean → extract → group into stories →
one transaction per article), and read stories, timelines and citation graphs back.

Every article takes ``cluster.place`` through the store's ``SqlStoryIndex``, the same path
``cluster.group`` takes through the in-memory index, so grouping is the same whether the
corpus lives in memory, SQLite or PostgreSQL. The read APIs (``story_comparison``,
``story_sources``, ``timeline``, ``resolve_story``, ``story_copies``) live in ``store.queries``
and are re-exported here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import IO, Any

from spacy.language import Language

from .cluster import place
from .cluster.syndication import original_of
from .errors import ClaimdiffError, ConfigError
from .model import Article, Extraction, Skipped
from .parallel import auto_workers
from .pipeline import BATCH_ARTICLES, Duplicate, Item, Options, Timings, iter_extracted, parse_bound_notice, sources_of
from .store import (
    AddResult,
    SqlStoryIndex,
    Store,
    resolve_story,
    story_comparison,
    story_copies,
    story_sources,
    timeline,
)

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

#: Articles cleaned and extracted together before they are stored (``pipeline.BATCH_ARTICLES``).
INGEST_BATCH = BATCH_ARTICLES
#: Story pages are rendered at the end of an ingest, or whenever this many stories wait.
PAGE_BATCH_STORIES = 5000


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
    the ``failed`` inputs with reasons, the ``stories`` this ingest started (not those
    another ingest running at the same time started), and ``seconds``."""

    new: int = 0
    duplicate: int = 0
    updated: int = 0
    stories: int = 0
    failed: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, result: AddResult) -> None:
        """Count one article by what storing it did."""
        self.stories += result.new_story
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
           embedder: Any = None, timings: Timings | None = None, pages: bool = True) -> IngestSummary:
    """Add every article of ``inputs`` to ``store``: clean, extract, group, store.

    Each article is written with its claims and story as one unit (a savepoint), and
    each batch of articles is committed at once, so an interrupted ingest leaves whole
    articles only, and running it again adds what is missing (articles already stored
    are counted as duplicates and not re-extracted).

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
            worker processes, ``group+store``, ``pages``).
        pages: render the page of every story this ingest touched and keep it in the
            store (``web.pagecache``), so that its first view in the web app costs a
            lookup; only with the [web] extra installed.

    Returns:
        An ``IngestSummary``.
    """
    if batch is not None:
        options = replace(options, batch_articles=batch)
    summary = IngestSummary()
    start = time.perf_counter()
    sources = sources_of(inputs, options, stdin=stdin, fetcher=fetcher)
    items = iter_extracted(sources, nlp, options, known=store.has_article, timings=timings)
    writer = IngestWriter(store, summary, progress)
    for chunk in _batches((item for _, item in items), options.batch_articles):
        clock = time.perf_counter()
        vectors: dict[str, tuple[float, ...]] = {}
        if embedder is not None:
            from .embed import embed_articles

            fresh = [i.article for i in chunk if isinstance(i, Extraction)]
            vectors = dict(zip((a.id for a in fresh), embed_articles(fresh, embedder), strict=True))
        with writer.batch():  # one commit per batch; each article is a savepoint in it
            for item in chunk:
                writer.write(item, vectors)
        if timings is not None:
            timings.add("group+store", time.perf_counter() - clock)
        if pages and len(writer.touched) >= PAGE_BATCH_STORIES:  # memory stays flat on a huge input
            _render_pages(store, writer, timings)
    if pages:
        _render_pages(store, writer, timings)
    summary.seconds = time.perf_counter() - start
    return summary


def _render_pages(store: Store, writer: IngestWriter, timings: Timings | None) -> None:
    """Render and keep the pages of the stories ``writer`` touched (web.pagecache) and
    forget them, when the [web] extra is installed; a page that cannot be rendered is
    left to the web app."""
    if not writer.touched:
        return
    clock = time.perf_counter()
    try:
        from .web.pagecache import render_pages
    except (ImportError, ConfigError):
        writer.touched.clear()
        return
    try:
        render_pages(store, writer.touched, processes=auto_workers())
    except ClaimdiffError as exc:
        log.warning("story pages not rendered ahead: %s", exc)
    writer.touched.clear()
    if timings is not None:
        timings.add("pages", time.perf_counter() - clock)


class IngestWriter:
    """Stores what ``iter_extracted`` gives, counting it in an ``IngestSummary``."""

    def __init__(self, store: Store, summary: IngestSummary, progress: Callable[[IngestEvent], None] | None) -> None:
        self.store = store
        self.index = SqlStoryIndex(store)
        self.summary = summary
        self.progress = progress
        #: Stories that gained an article, in the order first touched.
        self.touched: dict[str, None] = {}
        self._deferred: list[IngestEvent] | None = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Write the items of a block in one transaction (each article a savepoint in
        it, so whole articles only are stored), one commit for all; their progress
        events are given once it is committed, never while the write lock is held."""
        self._deferred = []
        try:
            with self.store.transaction():
                yield
            events = self._deferred
        finally:
            self._deferred = None
        for event in events if self.progress is not None else ():
            self.progress(event)

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
            if result.story_id and result.status != "duplicate":
                self.touched[result.story_id] = None
            notice = parse_bound_notice(item)  # stored, but not all of it was read for claims
            if notice is not None:
                self.store.record_skipped(notice)
            event = IngestEvent(summary.articles, result=result, skipped=notice)
        if self._deferred is not None:
            self._deferred.append(event)
        elif self.progress is not None:
            self.progress(event)


def _store_one(store: Store, index: SqlStoryIndex, article: Article, claims: Sequence[Any], *,
               embedding: Sequence[float] = ()) -> AddResult:
    """Group and store one article in one transaction."""
    with store.transaction():
        if store.has_article(article.id):
            return AddResult(status="duplicate", article_id=article.id)
        fp, decision = place(article, index, embedding=embedding)
        head = store.syndication_root(decision.syndicated_of) if decision.syndicated_of else None
        original = store.article(head) if head else None
        # This article may be the original of what was stored first (credited by it,
        # published earlier, the wire): then the stored head becomes its copy.
        heads = original is not None and original_of(original, article) is article
        if heads:
            decision = replace(decision, syndicated_of=None)
        result = store.insert_article(
            article, claims, story_id=decision.story_id, storyline_id=decision.storyline_id,
            duplicate_of=decision.duplicate_of, syndicated_of=decision.syndicated_of, story_score=decision.score,
        )
        if heads:
            store.set_syndicated_of(original.id, article.id)  # type: ignore[union-attr]
        index.add(fp, decision, title=article.title)
    return replace(result, story_id=decision.story_id, new_story=decision.new_story)
