"""The in-memory story index, and grouping a batch of articles through any index.

:func:`place` is the one path an article takes through grouping, whatever the backend
(``MemoryStoryIndex`` here, ``store.SqlStoryIndex`` for SQLite and PostgreSQL): read the
index's document frequencies, fingerprint, decide, record. Both indexes answer the same
questions the same way (bounded posting lists ranked by integer query weights, the same
date window, the same LSH bands), so the same articles in the same order get the same
stories on every backend.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from ..model import Article
from .decide import (
    DEFAULT_OPTIONS,
    POSTING_LIMIT,
    STORYLINE_WINDOW_DAYS,
    Decision,
    GroupingOptions,
    NearDuplicate,
    StoryCandidate,
    StoryIndex,
    TextEncoder,
    assign,
    merge_embedding,
    query_terms,
    within_window,
)
from .fingerprint import Fingerprint, fingerprint, jaccard, lsh_buckets, parse_date
from .syndication import original_of

__all__ = ["MemoryStoryIndex", "place", "group", "independent_sources", "resolve_roots"]


@dataclass(slots=True)
class _Story:
    """Mutable profile of one story inside :class:`MemoryStoryIndex`."""

    story_id: str
    storyline_id: str
    terms: dict[str, float] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None
    size: int = 0
    embedding: tuple[float, ...] = ()


class MemoryStoryIndex:
    """A :class:`StoryIndex` in memory: dicts, bounded posting lists and LSH bands.

    Example:
        >>> index = MemoryStoryIndex()
        >>> decisions = group([Article(source="a", text="Floods hit Valencia.")], index=index)
        >>> index.document_frequency()[1]
        1
    """

    def __init__(self, *, storyline_window_days: int = STORYLINE_WINDOW_DAYS) -> None:
        """Create an empty index."""
        self._window = storyline_window_days
        self._bands: dict[tuple[int, str], list[str]] = defaultdict(list)
        self._signatures: dict[str, tuple[int, ...]] = {}
        self._articles: dict[str, tuple[str | None, str]] = {}  # id -> (outlet, story id)
        self._stories: dict[str, _Story] = {}
        self._postings: dict[str, OrderedDict[str, None]] = {}
        self._df: Counter[str] = Counter()
        self._n_docs = 0

    def __len__(self) -> int:
        """Number of articles added."""
        return self._n_docs

    def document_frequency(self) -> tuple[Mapping[str, int], int]:
        """The document-frequency table and the number of articles."""
        return self._df, self._n_docs

    def near_duplicates(self, fp: Fingerprint) -> list[NearDuplicate]:
        """Earlier articles sharing an LSH band with ``fp``, scored by signature Jaccard."""
        if not fp.minhash:
            return []
        ids = {aid for band in enumerate(lsh_buckets(fp.minhash)) for aid in self._bands.get(band, ())}
        found = []
        for article_id in sorted(ids - {fp.article_id}):
            outlet, story_id = self._articles[article_id]
            found.append(NearDuplicate(article_id=article_id, jaccard=jaccard(fp.minhash, self._signatures[article_id]),
                                       outlet=outlet, story_id=story_id,
                                       storyline_id=self._stories[story_id].storyline_id))
        return found

    def candidates(self, fp: Fingerprint, *, limit: int) -> list[StoryCandidate]:
        """Stories sharing the most query weight of ``fp``, within the storyline window."""
        overlap: dict[str, int] = defaultdict(int)
        for term, weight in query_terms(fp):
            for story_id in self._postings.get(term, ()):
                overlap[story_id] += weight
        found = []
        for story_id, _ in sorted(overlap.items(), key=lambda item: (-item[1], item[0])):
            story = self._stories[story_id]
            if not within_window(fp, story.first_date, story.last_date, self._window):
                continue
            found.append(StoryCandidate(story_id=story_id, storyline_id=story.storyline_id,
                                        terms=tuple(story.terms.items()), first_date=story.first_date,
                                        last_date=story.last_date, size=story.size, embedding=story.embedding))
            if len(found) >= limit:
                break
        return found

    def add(self, fp: Fingerprint, decision: Decision) -> None:
        """Record ``fp`` under ``decision``: update the story profile, postings, df and LSH."""
        story = self._stories.get(decision.story_id)
        if story is None:
            story = self._stories[decision.story_id] = _Story(decision.story_id, decision.storyline_id)
        for term, weight in fp.terms:
            story.terms[term] = story.terms.get(term, 0.0) + weight
            posting = self._postings.setdefault(term, OrderedDict())
            posting.pop(decision.story_id, None)
            posting[decision.story_id] = None  # most recent last
            if len(posting) > POSTING_LIMIT:
                posting.popitem(last=False)
        if fp.date is not None:
            story.first_date = min(filter(None, (story.first_date, fp.date)))
            story.last_date = max(filter(None, (story.last_date, fp.date)))
        story.size += 1
        story.embedding = merge_embedding(story.embedding, fp.embedding)
        self._articles[fp.article_id] = (fp.outlet, decision.story_id)
        if fp.minhash and fp.article_id not in self._signatures:
            self._signatures[fp.article_id] = fp.minhash
            for band in enumerate(lsh_buckets(fp.minhash)):
                self._bands[band].append(fp.article_id)
        self._df.update(term for term, _ in fp.terms)
        self._n_docs += 1


def place(article: Article, index: StoryIndex, *, options: GroupingOptions = DEFAULT_OPTIONS,
          embedding: Sequence[float] = ()) -> tuple[Fingerprint, Decision]:
    """Decide the story of one article against ``index`` (not yet recorded there): the
    one path every backend's grouping takes. Record it with ``index.add(fp, decision)``."""
    df, n_docs = index.document_frequency()
    fp = fingerprint(article, df=df, n_docs=n_docs, embedding=embedding)
    return fp, assign(fp, index, options=options)


# --- batch helpers ----------------------------------------------------------------------
def _order_key(article: Article) -> tuple[bool, str, str]:
    """Date order, undated last, ties broken by id so input order never matters."""
    day = parse_date(article.published)
    return (day is None, day or "", article.id)


def group(articles: Sequence[Article], *, index: StoryIndex | None = None,
          options: GroupingOptions = DEFAULT_OPTIONS, embedder: TextEncoder | None = None,
          date_order: bool = True) -> list[Decision]:
    """Group articles into stories incrementally, in date order (or as given).

    Args:
        articles: the articles, in any order.
        index: an index to add to (a fresh :class:`MemoryStoryIndex` by default).
        options: thresholds.
        embedder: a sentence-embedding model (``embed.load_embedder()``); its embeddings of
            titles and leads join the term cosine in scoring. ``None``: terms only.
        date_order: group in date order, undated last (the default); ``False`` groups in
            the order given, as an ingest of a stream does.

    Returns:
        One :class:`Decision` per article, in the order the articles were given.

    Example:
        >>> a = Article(source="a", text="Floods hit Valencia.", published="2024-10-30")
        >>> [d.new_story for d in group([a])]
        [True]
    """
    if index is None:
        index = MemoryStoryIndex(storyline_window_days=options.storyline_window_days)
    ordered: dict[str, Article] = {}
    for article in sorted(articles, key=_order_key) if date_order else articles:
        ordered.setdefault(article.id, article)  # the earliest of one id's copies
    embeddings: dict[str, tuple[float, ...]] = {}
    if embedder is not None:
        from ..embed import embed_articles

        # One batched call: encoding article by article would cost a forward pass each.
        embeddings = dict(zip(ordered, embed_articles(list(ordered.values()), embedder)))
    decided: dict[str, Decision] = {}
    for article in ordered.values():
        fp, decision = place(article, index, options=options, embedding=embeddings.get(article.id, ()))
        index.add(fp, decision)
        decided[article.id] = decision
        if decision.syndicated_of:
            root = resolve_roots({a: d.syndicated_of for a, d in decided.items() if d.syndicated_of})[article.id]
            if original_of(ordered[root], article) is article:
                # The one read later is the original (it is credited, earlier, the wire):
                # the family's old head becomes its copy.
                decided[article.id] = replace(decision, syndicated_of=None)
                decided[root] = replace(decided[root], syndicated_of=article.id)
    return [decided[article.id] for article in articles]


def independent_sources(decisions: Iterable[Decision]) -> dict[str, str]:
    """Map every article to the original it copies (itself when it is no copy).

    Chains resolve to their root: a copy of a copy maps to the first article.

    Example:
        >>> d = [Decision(article_id="a", story_id="s", new_story=True, score=0.0),
        ...      Decision(article_id="b", story_id="s", new_story=False, score=1.0, syndicated_of="a")]
        >>> independent_sources(d)
        {'a': 'a', 'b': 'a'}
    """
    return resolve_roots({d.article_id: d.duplicate_of or d.syndicated_of or d.article_id for d in decisions})


def resolve_roots(parent: Mapping[str, str]) -> dict[str, str]:
    """Follow "copy of" links to the original: ``{copy: what it copies}`` → ``{article:
    root}`` for every article named (an article absent from ``parent`` is its own root)."""
    parent = {**{p: p for p in parent.values() if p not in parent}, **parent}
    roots: dict[str, str] = {}
    for article_id in sorted(parent):
        seen = [article_id]
        current = article_id
        while parent.get(current, current) != current and current not in roots:
            current = parent[current]
            if current in seen:  # a cycle cannot come from assign(); stop rather than loop
                break
            seen.append(current)
        root = roots.get(current, current)
        for visited in seen:
            roots[visited] = root
    return {article_id: roots[article_id] for article_id in sorted(parent)}
