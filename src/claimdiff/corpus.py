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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import IO, Any

from spacy.language import Language

from .clean import clean
from .cluster import place
from .errors import ClaimdiffError
from .ingest import iter_sources
from .model import Article, Skipped
from .pipeline import Options, extract_articles
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
    "ingest",
    "story_comparison",
    "story_sources",
    "timeline",
    "resolve_story",
    "story_copies",
]

log = logging.getLogger(__name__)

#: Articles cleaned and extracted together (one spaCy stream) before they are stored.
INGEST_BATCH = 200


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


def ingest(inputs: Sequence[str], store: Store, nlp: Language, *, options: Options = Options(),
           fetcher: Any = None, stdin: IO | None = None,
           progress: Callable[[IngestEvent], None] | None = None, batch: int = INGEST_BATCH,
           embedder: Any = None) -> IngestSummary:
    """Add every article of ``inputs`` to ``store``: clean, extract, group, store.

    Each article is written in one transaction with its claims and story, so an
    interrupted ingest leaves whole articles only, and running it again adds what is
    missing (articles already stored are counted as duplicates and not re-extracted).

    Args:
        inputs: files, folders, JSONL, WARC, feeds, URLs or ``-``.
        store: the corpus.
        nlp: the spaCy pipeline.
        options: limits and batch sizes.
        fetcher: fetches URLs (``fetch.HttpFetcher``); URLs are skipped without one.
        progress: called after each article or skipped input.
        batch: articles cleaned and extracted together before they are stored.
        embedder: a sentence-embedding model (``embed.load_embedder()``, the [embed]
            extra) that story grouping blends in; grouping uses terms alone without it.

    Returns:
        An ``IngestSummary``.
    """
    summary = IngestSummary()
    start = time.perf_counter()
    index = SqlStoryIndex(store)

    def note(event: IngestEvent) -> None:
        if progress is not None:
            progress(event)

    def fail(skipped: Skipped) -> None:
        summary.failed.append(skipped)
        store.record_skipped(skipped)
        note(IngestEvent(summary.articles, skipped=skipped))

    sources = iter_sources(list(inputs), stdin=stdin, max_bytes=options.max_bytes, fetcher=fetcher,
                           outlet=options.outlet, published=options.published)
    for chunk in _batches(sources, batch):
        fresh: dict[str, Article] = {}
        for item in chunk:
            if isinstance(item, Skipped):
                fail(item)
                continue
            try:
                article = clean(item)
            except ClaimdiffError as exc:
                fail(Skipped(source=item.location, stage="clean", code=exc.code, reason=exc.message))
                continue
            if article.id in fresh or store.has_article(article.id):
                summary.duplicate += 1
                note(IngestEvent(summary.articles, result=AddResult(status="duplicate", article_id=article.id)))
                continue
            fresh[article.id] = article
        if not fresh:
            continue
        try:
            extractions = extract_articles(list(fresh.values()), nlp, options=options)
        except ClaimdiffError as exc:
            for article in fresh.values():
                fail(Skipped(source=article.source, stage="extract", code=exc.code, reason=exc.message))
            continue
        vectors: list[tuple[float, ...]] = [()] * len(extractions)
        if embedder is not None:
            from .embed import embed_articles

            vectors = embed_articles([e.article for e in extractions], embedder)
        for extraction, vector in zip(extractions, vectors, strict=True):
            result = _store_one(store, index, extraction.article, extraction.claims, embedding=vector)
            summary.count(result)
            note(IngestEvent(summary.articles, result=result))
    summary.seconds = time.perf_counter() - start
    return summary


def _store_one(store: Store, index: SqlStoryIndex, article: Article, claims: Sequence[Any], *,
               embedding: Sequence[float] = ()) -> AddResult:
    """Group and store one article in one transaction."""
    with store.transaction():
        if store.has_article(article.id):
            return AddResult(status="duplicate", article_id=article.id)
        fp, decision = place(article, index, embedding=embedding)
        result = store.insert_article(
            article, claims, story_id=decision.story_id, storyline_id=decision.storyline_id,
            duplicate_of=decision.duplicate_of, syndicated_of=decision.syndicated_of, story_score=decision.score,
        )
        index.add(fp, decision, title=article.title)
    return replace(result, story_id=decision.story_id, new_story=decision.new_story)
