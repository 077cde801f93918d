"""Decisions: which story an article joins, which article it copies, which storyline its
story belongs to. The one home of every grouping threshold; pure functions only.

Decisions, in order:

1. **Copies.** A MinHash-LSH match with estimated Jaccard ≥ ``SYNDICATION_THRESHOLD``
   from another outlet is a syndicated copy (``syndicated_of``); one at ≥
   ``DUPLICATE_THRESHOLD`` from the same or an unknown outlet is a re-publication
   (``duplicate_of``). Either way the article joins the original's story.
2. **Stories.** Candidates are scored by :func:`score_candidate` (the mean of the
   article's term cosines with the story's members, read from the story's summed vector
   and size: average link, so a story that has mixed two events does not pull in more of
   either). The best one dated within
   ``STORY_WINDOW_DAYS`` of the story (or undated on either side) with a score ≥
   ``STORY_THRESHOLD`` is joined. (2b) Failing that, a story of one article dated the
   article's own day is joined at ≥ ``PAIR_THRESHOLD`` with ``STORYLINE_NAMES`` names in
   common: the first two pieces on a day's event, worded apart (``_same_day_pair``).
3. **Storylines.** Otherwise a new story starts. It links to the storyline of the best
   candidate by :func:`topic_similarity` (the cosine with the story's centroid, which
   still names a topic whose reports drift apart) when that scored ≥ ``TOPIC_THRESHOLD``
   inside the window, or ≥
   ``STORYLINE_THRESHOLD`` outside it but within ``STORYLINE_WINDOW_DAYS`` (the same
   topic, developing over months); else its storyline id is its own story id.

Thresholds were tuned on the development part of the evaluation corpus only (BASIL
2010-2013, NewsWCL50 events 0-4, PAC ``dev``) with ``python eval/stories.py --tune``.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from datetime import date as Date
from typing import Iterable, Mapping, Protocol, Sequence

import numpy as np

from ..model import content_id
from .fingerprint import EMBEDDING_DECIMALS, Fingerprint

# --- decision thresholds (tuned on the dev part only; see the module docstring) ---------
#: Estimated Jaccard of word shingles at or above which the same (or an unknown) outlet's
#: article is a re-publication.
DUPLICATE_THRESHOLD = 0.9
#: Estimated Jaccard at or above which another outlet's article is a copy of it.
SYNDICATION_THRESHOLD = 0.5
#: Mean cosine with a story's members at or above which an article joins the story (the
#: middle of the dev plateau 0.16-0.18, ``eval/stories_cli.py``; 0.18 with the centroid).
STORY_THRESHOLD = 0.17
#: Cosine at or above which a new story is on the same topic (joins the storyline).
TOPIC_THRESHOLD = 0.09
#: Days between an article and a story's date range within which it may join the story.
STORY_WINDOW_DAYS = 7
#: Score taken off per day between an article and a story: reports of one event bunch
#: within a day or two, so the further apart, the more alike they must be.
DAY_PENALTY = 0.03
#: Days assumed between an article and a story when neither has a date.
UNDATED_DAYS = 1
#: Days assumed when one of them has a date and the other none: nothing says they are
#: close in time, and an undated piece must not slip into any dated story of its topic.
HALF_DATED_DAYS = 6
#: Names (people, places, organisations) an article must share with a story to link into
#: its storyline: the same kind of event elsewhere shares vocabulary, not names.
STORYLINE_NAMES = 2
#: Mean cosine at or above which an article joins a story of one article published the
#: same day that shares ``STORYLINE_NAMES`` names with it (see :func:`assign`, step 2b):
#: the storyline link's own test (``TOPIC_THRESHOLD``), applied as a story join when the
#: two pieces are the first two on a day's event. The dev part scores the same for any
#: value in 0.04-0.09 and less above (0.10: 95.8, 0.14: 95.3); 0.09 is the strictest of
#: that plateau.
PAIR_THRESHOLD = 0.09
#: Days within which a similar older story links a new one into its storyline.
STORYLINE_WINDOW_DAYS = 365
#: Cosine (without the day penalty) at or above which a story outside the story window
#: is the same developing topic.
STORYLINE_THRESHOLD = 0.25

#: Share of the embedding cosine in the story score when the article and the story both
#: have embeddings (the rest is the term cosine); tuned on the dev part with
#: ``python eval/stories.py --tune --embed`` (0.3-0.5 with ``EMBEDDING_BASELINE`` 0.3 all
#: reach dev B³ F1 96.8-97.1, against 95.6 without embeddings; 0.4 is the plateau's middle).
EMBEDDING_WEIGHT = 0.4
#: Embedding cosine that counts as no likeness: MiniLM puts any two news reports this close
#: (shared register and vocabulary), so it is subtracted before blending, which keeps the
#: blended score on the term cosine's scale and the thresholds above valid for both.
EMBEDDING_BASELINE = 0.3

# --- index parameters (the same for every backend) -------------------------------------
#: Candidate stories scored per article.
CANDIDATE_LIMIT = 30
#: Query terms used to retrieve candidates (the article's highest weighted ones).
QUERY_TERMS = 30
#: Most recent stories remembered per term; bounds the work per article.
POSTING_LIMIT = 256
#: Query term weights are summed as integers in these units, so that every backend ranks
#: candidates exactly alike (floating-point sums depend on their order).
WEIGHT_UNITS = 1_000_000

@dataclass(frozen=True, slots=True, kw_only=True)
class StoryCandidate:
    """A story an index proposes for an article, with the profile needed to score it.

    Fields: ``story_id``, ``storyline_id``, ``terms`` (sum of its members' term vectors,
    order not significant), ``first_date``/``last_date`` (ISO dates of its dated members, or
    ``None``), ``size`` (members), ``embedding`` (sum of its members' embeddings, ``()``
    when the index keeps none).
    """

    story_id: str
    storyline_id: str
    terms: tuple[tuple[str, float], ...]
    first_date: str | None = None
    last_date: str | None = None
    size: int = 1
    embedding: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NearDuplicate:
    """An earlier article whose text overlaps: ``article_id``, ``jaccard`` (estimated over
    word shingles), its ``outlet``, ``story_id`` and ``storyline_id``."""

    article_id: str
    jaccard: float
    outlet: str | None
    story_id: str
    storyline_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """The outcome for one article.

    Fields: ``article_id``, ``story_id``, ``new_story`` (True when it started the story),
    ``score`` (similarity to the story joined, or to the best candidate for a new one),
    ``duplicate_of`` (an earlier article it re-publishes, near-identical text),
    ``syndicated_of`` (another outlet's article it copies, e.g. a wire story),
    ``storyline_id`` (the developing topic the story belongs to).
    """

    article_id: str
    story_id: str
    new_story: bool
    score: float
    duplicate_of: str | None = None
    syndicated_of: str | None = None
    storyline_id: str = ""

    def __post_init__(self) -> None:
        if not self.storyline_id:
            object.__setattr__(self, "storyline_id", self.story_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupingOptions:
    """Thresholds for :func:`assign`, built once; defaults are the module constants."""

    duplicate_threshold: float = DUPLICATE_THRESHOLD
    syndication_threshold: float = SYNDICATION_THRESHOLD
    story_threshold: float = STORY_THRESHOLD
    topic_threshold: float = TOPIC_THRESHOLD
    story_window_days: int = STORY_WINDOW_DAYS
    storyline_window_days: int = STORYLINE_WINDOW_DAYS
    storyline_threshold: float = STORYLINE_THRESHOLD
    candidate_limit: int = CANDIDATE_LIMIT
    day_penalty: float = DAY_PENALTY
    undated_days: int = UNDATED_DAYS
    half_dated_days: int = HALF_DATED_DAYS
    storyline_names: int = STORYLINE_NAMES
    pair_threshold: float = PAIR_THRESHOLD
    embedding_weight: float = EMBEDDING_WEIGHT
    embedding_baseline: float = EMBEDDING_BASELINE


DEFAULT_OPTIONS = GroupingOptions()


class TextEncoder(Protocol):
    """What grouping needs from a sentence-embedding model (``embed.Embedder``, or a fake
    in tests): unit vectors, one per text, in order."""

    def encode(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """Embed ``texts``."""
        ...


class StoryIndex(Protocol):
    """What incremental grouping needs from storage (memory, SQLite, PostgreSQL)."""

    def candidates(self, fp: Fingerprint, *, limit: int) -> list[StoryCandidate]:
        """Stories sharing the article's rarest terms, at most ``limit``, within
        ``STORYLINE_WINDOW_DAYS`` of its date (any date when either is unknown)."""
        ...

    def near_duplicates(self, fp: Fingerprint) -> list[NearDuplicate]:
        """Earlier articles whose shingle Jaccard may reach ``SYNDICATION_THRESHOLD``."""
        ...

    def add(self, fp: Fingerprint, decision: Decision) -> None:
        """Record the article and the decision taken for it."""
        ...

    def document_frequency(self) -> tuple[Mapping[str, int], int]:
        """The number of articles containing each term, and the number of articles."""
        ...


def query_terms(fp: Fingerprint) -> list[tuple[str, int]]:
    """The article's ``QUERY_TERMS`` heaviest terms with integer weights, to retrieve
    candidate stories: every index ranks a story by the sum of these weights over the
    terms it shares, then by story id."""
    top = sorted(fp.terms, key=lambda item: (-item[1], item[0]))[:QUERY_TERMS]
    return [(term, int(round(weight * WEIGHT_UNITS))) for term, weight in top]


def within_window(fp: Fingerprint, first: str | None, last: str | None, window_days: int) -> bool:
    """True when a story dated ``first..last`` may be a candidate for ``fp``: within
    ``window_days`` of it, or undated on either side."""
    apart = days_apart(fp.date, first, last)
    return apart is None or apart <= window_days


def _sum_squares(values: Iterable[float]) -> float:
    """The correctly rounded sum of squares (the same whatever the order of ``values``)."""
    items = list(values)
    return math.fsum(map(operator.mul, items, items))


def _dense_cosine(first: Sequence[float], second: Sequence[float]) -> float:
    """Cosine of two dense vectors (0.0 when either is empty, zero or of another length)."""
    if not first or not second or len(first) != len(second):
        return 0.0
    a, b = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def score_candidate(fp: Fingerprint, candidate: StoryCandidate, *, embedding_weight: float = EMBEDDING_WEIGHT,
                    embedding_baseline: float = EMBEDDING_BASELINE) -> float:
    """Similarity in 0..1 of an article to a story: the mean of its term cosines with the
    story's members (:func:`mean_cosine`), blended with the cosine of embeddings when both
    have one.

    Example:
        >>> fp = Fingerprint(article_id="a", date=None, outlet=None, terms=(("flood", 1.0),), minhash=(),
        ...                  length=1, embedding=(1.0, 0.0))
        >>> story = StoryCandidate(story_id="s", storyline_id="s", terms=(("flood", 2.0),), size=2,
        ...                        embedding=(3.0, 4.0))
        >>> score_candidate(fp, story, embedding_weight=0.5)  # 0.5 × 1.0 + 0.5 × (0.6 - 0.3)
        0.65
    """
    similarity = mean_cosine(fp.terms, candidate.terms, candidate.size)
    if fp.embedding and candidate.embedding and embedding_weight:
        meaning = _dense_cosine(fp.embedding, candidate.embedding) - embedding_baseline
        similarity = max((1.0 - embedding_weight) * similarity + embedding_weight * meaning, 0.0)
    return round(similarity, 6)


def topic_similarity(fp: Fingerprint, candidate: StoryCandidate, *, embedding_weight: float = EMBEDDING_WEIGHT,
                     embedding_baseline: float = EMBEDDING_BASELINE) -> float:
    """Similarity in 0..1 of an article to a story's topic, for storylines: the cosine with
    the story's summed terms (its centroid), blended with embeddings as in
    :func:`score_candidate`. A developing story's reports drift apart, so their mean
    likeness to a new report falls while their centroid still names the topic.

    Example:
        >>> fp = Fingerprint(article_id="a", date=None, outlet=None, terms=(("flood", 1.0),), minhash=(), length=1)
        >>> story = StoryCandidate(story_id="s", storyline_id="s", terms=(("flood", 1.0), ("fire", 1.0)), size=2)
        >>> topic_similarity(fp, story), score_candidate(fp, story)
        (0.707107, 0.5)
    """
    similarity = mean_cosine(fp.terms, candidate.terms, 0)  # size 0: the plain cosine
    if fp.embedding and candidate.embedding and embedding_weight:
        meaning = _dense_cosine(fp.embedding, candidate.embedding) - embedding_baseline
        similarity = max((1.0 - embedding_weight) * similarity + embedding_weight * meaning, 0.0)
    return round(similarity, 6)


def mean_cosine(terms: Iterable[tuple[str, float]], profile: Iterable[tuple[str, float]], size: int) -> float:
    """The mean cosine of an article's terms with the ``size`` members whose unit term
    vectors sum to ``profile`` (average link, read from the sum alone: a·Σm / n).

    Unlike the cosine with the sum, it does not rise as a story mixes events: the sum of
    unlike members is short, and dividing by its length flatters any article close to one
    of them. Where the profile is longer than ``size`` (``size`` 0, or not a sum of unit
    vectors) it is the plain cosine, so it never exceeds 1.

    Example:
        >>> mean_cosine((("flood", 1.0),), (("flood", 1.0), ("fire", 1.0)), 2)
        0.5
    """
    small, large = dict(terms), dict(profile)
    dot = math.fsum(w * large[t] for t, w in small.items() if t in large)
    if dot <= 0.0:
        return 0.0
    norm = math.sqrt(_sum_squares(small.values())) * max(float(size), math.sqrt(_sum_squares(large.values())))
    return dot / norm if norm else 0.0


def days_apart(day: str | None, first: str | None, last: str | None) -> int | None:
    """Days from ``day`` to the range ``first..last`` (0 inside); ``None`` when unknown."""
    if day is None or first is None or last is None:
        return None
    when = Date.fromisoformat(day)
    low, high = Date.fromisoformat(first), Date.fromisoformat(last)
    if when < low:
        return (low - when).days
    if when > high:
        return (when - high).days
    return 0


def merge_terms(profile: Iterable[tuple[str, float]], terms: Iterable[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """Add an article's term vector to a story's summed vector (sorted by term)."""
    total: dict[str, float] = dict(profile)
    for term, weight in terms:
        total[term] = total.get(term, 0.0) + weight
    return tuple(sorted((t, round(w, 6)) for t, w in total.items()))


def merge_embedding(profile: Sequence[float], embedding: Sequence[float]) -> tuple[float, ...]:
    """Add an article's embedding to a story's summed embedding (``()`` + nothing = ``()``).

    A story whose members lack embeddings keeps the sum of those that have one; the sum
    points the same way as the mean, which is all a cosine sees.
    """
    if not embedding:
        return tuple(profile)
    if not profile:
        return tuple(round(float(x), EMBEDDING_DECIMALS) for x in embedding)
    return tuple(round(a + b, EMBEDDING_DECIMALS) for a, b in zip(profile, embedding))


def story_id_for(article_id: str) -> str:
    """The id of a story started by ``article_id`` (a content hash)."""
    return content_id("story", article_id)


def assign(fp: Fingerprint, index: StoryIndex, *, options: GroupingOptions = DEFAULT_OPTIONS) -> Decision:
    """Decide, from the index's answers, which story an article belongs to.

    Args:
        fp: the article's fingerprint.
        index: what has been grouped so far (only queried, never changed).
        options: thresholds; the module constants by default.

    Returns:
        A :class:`Decision`; pass it to ``index.add`` to record it.

    Example:
        >>> from claimdiff.cluster import MemoryStoryIndex, fingerprint
        >>> from claimdiff.model import Article
        >>> index = MemoryStoryIndex()
        >>> fp = fingerprint(Article(source="a", text="Floods hit Valencia."))
        >>> assign(fp, index).new_story
        True
    """
    copy = _best_copy(fp, index.near_duplicates(fp), options)
    if copy is not None:
        same_outlet = fp.outlet is None or copy.outlet is None or fp.outlet == copy.outlet
        return Decision(
            article_id=fp.article_id,
            story_id=copy.story_id,
            new_story=False,
            score=round(copy.jaccard, 6),
            duplicate_of=copy.article_id if same_outlet and copy.jaccard >= options.duplicate_threshold else None,
            syndicated_of=None if same_outlet else copy.article_id,
            storyline_id=copy.storyline_id,
        )
    scored = []
    for candidate in index.candidates(fp, limit=options.candidate_limit):
        apart = days_apart(fp.date, candidate.first_date, candidate.last_date)
        similarity = score_candidate(fp, candidate, embedding_weight=options.embedding_weight,
                                     embedding_baseline=options.embedding_baseline)
        gap = _gap(fp, candidate, apart, options)
        scored.append((round(similarity - options.day_penalty * gap, 6), gap, apart, candidate))
    scored.sort(key=lambda item: (-item[0], item[3].story_id))
    for score, _, apart, candidate in scored:
        if (apart is None or apart <= options.story_window_days) and score >= options.story_threshold:
            return Decision(article_id=fp.article_id, story_id=candidate.story_id, new_story=False,
                            score=score, storyline_id=candidate.storyline_id)
    pair = _same_day_pair(fp, scored, options)
    if pair is not None:
        return Decision(article_id=fp.article_id, story_id=pair[1].story_id, new_story=False,
                        score=pair[0], storyline_id=pair[1].storyline_id)
    own = story_id_for(fp.article_id)
    link = _storyline_link(fp, scored, options)
    if link is not None:
        return Decision(article_id=fp.article_id, story_id=own, new_story=True, score=link[0], storyline_id=link[1])
    best = scored[0][0] if scored else 0.0
    return Decision(article_id=fp.article_id, story_id=own, new_story=True, score=max(best, 0.0), storyline_id=own)


def _storyline_link(fp: Fingerprint, scored: Sequence[tuple[float, int, int | None, StoryCandidate]],
                    options: GroupingOptions) -> tuple[float, str] | None:
    """(score, storyline id) of the storyline a new story links into, or ``None``.

    Storylines follow the topic: each candidate's centroid (:func:`topic_similarity`),
    day-penalised as for stories, in the window (≥ ``topic_threshold``) or within
    ``storyline_window_days`` (≥ ``storyline_threshold``), and sharing
    ``storyline_names`` names."""
    topics = []
    for _, gap, apart, candidate in scored:
        topic = topic_similarity(fp, candidate, embedding_weight=options.embedding_weight,
                                 embedding_baseline=options.embedding_baseline)
        topics.append((round(topic - options.day_penalty * gap, 6), topic, apart, candidate))
    topics.sort(key=lambda item: (-item[0], item[3].story_id))
    for score, topic, apart, candidate in topics:
        if apart is None or apart <= options.story_window_days:
            linked = score >= options.topic_threshold
        else:
            linked = apart <= options.storyline_window_days and topic >= options.storyline_threshold
        if linked and _shared_names(fp, candidate) >= options.storyline_names:
            return score, candidate.storyline_id
    return None


def _same_day_pair(fp: Fingerprint, scored: Sequence[tuple[float, int, int | None, StoryCandidate]],
                   options: GroupingOptions) -> tuple[float, StoryCandidate] | None:
    """(score, story) of a one-article story from the article's own day that it joins
    although below ``story_threshold``, or ``None``.

    Two pieces on one event published the same day may word it apart (an opinion piece
    and a report: term cosine 0.09-0.15), while a story of one article has no second
    report to average over. Such a story takes the article when the article would link
    into its storyline (``pair_threshold``, ``storyline_names`` names in common) and both
    are dated the same day; undated pieces and larger stories keep the plain test."""
    for score, _, apart, candidate in scored:  # best first
        if score < options.pair_threshold:
            return None
        if apart == 0 and fp.date is not None and candidate.size == 1 \
                and _shared_names(fp, candidate) >= options.storyline_names:
            return score, candidate
    return None


def _shared_names(fp: Fingerprint, candidate: StoryCandidate) -> int:
    """How many of the article's names (people, places, organisations) the story has."""
    if not fp.entities:
        return 0
    terms = {term for term, _ in candidate.terms}
    return sum(1 for name in fp.entities if name in terms)


def _gap(fp: Fingerprint, candidate: StoryCandidate, apart: int | None, options: GroupingOptions) -> int:
    """Days counted between an article and a story for the day penalty."""
    if apart is not None:
        return min(apart, options.story_window_days + 1)
    both_undated = fp.date is None and candidate.first_date is None
    return options.undated_days if both_undated else options.half_dated_days


def _best_copy(fp: Fingerprint, matches: Sequence[NearDuplicate], options: GroupingOptions) -> NearDuplicate | None:
    """The match that makes ``fp`` a copy: the highest Jaccard that qualifies."""
    for match in sorted(matches, key=lambda m: (-m.jaccard, m.article_id)):
        same_outlet = fp.outlet is None or match.outlet is None or fp.outlet == match.outlet
        needed = options.duplicate_threshold if same_outlet else options.syndication_threshold
        if match.jaccard >= needed:
            return match
    return None


