"""Near-duplicates, syndicated copies and incremental story grouping.

Each article is reduced once to a :class:`Fingerprint` (weighted content terms and a
MinHash over word shingles). :func:`assign` then decides, from what a
:class:`StoryIndex` answers, whether the article copies one already seen, joins a story
or starts one, and which storyline that story belongs to::

    index = MemoryStoryIndex()
    for article in sorted_articles:
        df, n_docs = index.document_frequency()
        fp = fingerprint(article, df=df, n_docs=n_docs)
        decision = assign(fp, index)
        index.add(fp, decision)

:func:`group` does exactly that for a batch. The work per article is bounded: candidate
stories come from an inverted index over the article's top terms whose posting lists
keep only the most recent stories, and near-duplicates from MinHash LSH, so the time to
place one article does not grow with the corpus.

The protocol is small so that a database can implement it (``store.py``): an index
returns *profiles* of candidate stories (their summed term vector and dates) and
near-duplicate matches; all scoring and every decision happen here, in pure functions.

Decisions, in order:

1. **Copies.** A MinHash-LSH match with estimated Jaccard ≥ ``SYNDICATION_THRESHOLD``
   from another outlet is a syndicated copy (``syndicated_of``); one at ≥
   ``DUPLICATE_THRESHOLD`` from the same or an unknown outlet is a re-publication
   (``duplicate_of``). Either way the article joins the original's story. Copies do not
   count as independent confirmation: :func:`independent_sources` maps them to their
   root article.
2. **Stories.** Candidates are scored by :func:`score_candidate` (cosine between the
   article's term vector and the story's summed vector). The best one dated within
   ``STORY_WINDOW_DAYS`` of the story (or undated on either side) with a score ≥
   ``STORY_THRESHOLD`` is joined.
3. **Storylines.** Otherwise a new story starts. It links to the best candidate's
   storyline when that candidate scored ≥ ``TOPIC_THRESHOLD`` inside the window, or ≥
   ``STORY_THRESHOLD`` outside it but within ``STORYLINE_WINDOW_DAYS`` (the same topic,
   developing over months); else its storyline id is its own story id.

**Embeddings (optional).** With the ``[embed]`` extra, ``group(..., embedder=load_embedder())``
adds a sentence embedding of each article's title and lead to its fingerprint
(``claimdiff.embed``); stories keep the sum of their members' embeddings, and
:func:`score_candidate` blends the embedding cosine into the term cosine with weight
``EMBEDDING_WEIGHT`` when both sides have one. Without embeddings, on either side,
scoring is the term cosine alone, so an index that stores no embeddings (``corpus.SqlStoryIndex``
for now) keeps working unchanged.

Thresholds were tuned on the development part of the evaluation corpus only (BASIL
2010-2013, NewsWCL50 events 0-4, PAC ``dev``) with ``python eval/stories.py --tune``;
see ``eval/stories.py`` for the figures on all data.
"""

from __future__ import annotations

import inspect
import logging
import math
import re
import zlib
from collections import Counter, OrderedDict, defaultdict
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Iterable, Mapping, Protocol, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from .model import Article, content_id

__all__ = [
    "Fingerprint",
    "StoryCandidate",
    "NearDuplicate",
    "Decision",
    "GroupingOptions",
    "StoryIndex",
    "MemoryStoryIndex",
    "fingerprint",
    "score_candidate",
    "assign",
    "merge_terms",
    "group",
    "independent_sources",
    "resolve_roots",
    "jaccard",
    "story_id_for",
    "DUPLICATE_THRESHOLD",
    "SYNDICATION_THRESHOLD",
    "STORY_THRESHOLD",
    "TOPIC_THRESHOLD",
    "STORY_WINDOW_DAYS",
    "STORYLINE_WINDOW_DAYS",
    "EMBEDDING_WEIGHT",
    "EMBEDDING_BASELINE",
    "TextEncoder",
    "merge_embedding",
]

log = logging.getLogger(__name__)

# --- fingerprint parameters -------------------------------------------------------------
#: MinHash permutations and seed; fixed so fingerprints are reproducible.
NUM_PERM = 128
MINHASH_SEED = 1
#: datasketch ≥ 2.0 asks which permutation scheme stored hash values came from.
_SCHEME = {"scheme": "affine32"} if "scheme" in inspect.signature(MinHash.__init__).parameters else {}
#: Words per shingle for near-duplicate detection (3 keeps a few changed words from
#: destroying the overlap of a short wire copy).
SHINGLE_WORDS = 3
#: Fewer shingles than this: too little text to call anything a copy.
MIN_SHINGLES = 8
#: Terms kept per fingerprint (the highest weighted; the tail adds noise, not signal).
TOP_TERMS = 80
#: Weight multipliers: a capitalised word (name, place, organisation), a number, a word
#: of the title, a word of the lead (the first ``LEAD_WORDS`` words say what happened).
ENTITY_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
TITLE_WEIGHT = 2.0
LEAD_WEIGHT = 1.5
LEAD_WORDS = 120
#: Shortest lower-case content word kept.
MIN_WORD_LENGTH = 3

# --- decision thresholds (tuned on the dev part only; see the module docstring) ---------
#: Estimated Jaccard of word shingles at or above which the same (or an unknown) outlet's
#: article is a re-publication.
DUPLICATE_THRESHOLD = 0.9
#: Estimated Jaccard at or above which another outlet's article is a copy of it.
SYNDICATION_THRESHOLD = 0.5
#: Cosine between an article and a story at or above which it joins the story.
STORY_THRESHOLD = 0.16
#: Cosine at or above which a new story is on the same topic (joins the storyline).
TOPIC_THRESHOLD = 0.08
#: Days between an article and a story's date range within which it may join the story.
STORY_WINDOW_DAYS = 7
#: Score taken off per day between an article and a story: reports of one event bunch
#: within a day or two, so the further apart, the more alike they must be.
DAY_PENALTY = 0.05
#: Days assumed between an article and a story when either has no date.
UNDATED_DAYS = 2
#: Days within which a similar older story links a new one into its storyline.
STORYLINE_WINDOW_DAYS = 365
#: Cosine (without the day penalty) at or above which a story outside the story window
#: is the same developing topic.
STORYLINE_THRESHOLD = 0.30

#: Share of the embedding cosine in the story score when the article and the story both
#: have embeddings (the rest is the term cosine); tuned on the dev part with
#: ``python eval/stories.py --tune --embed`` (0.3-0.5 with ``EMBEDDING_BASELINE`` 0.3 all
#: reach dev B³ F1 96.8-97.1, against 95.6 without embeddings; 0.4 is the plateau's middle).
EMBEDDING_WEIGHT = 0.4
#: Embedding cosine that counts as no likeness: MiniLM puts any two news reports this close
#: (shared register and vocabulary), so it is subtracted before blending, which keeps the
#: blended score on the term cosine's scale and the thresholds above valid for both.
EMBEDDING_BASELINE = 0.3
#: Decimals kept of each embedding component: small to pickle and store, and far below
#: what moves a cosine at the thresholds above.
EMBEDDING_DECIMALS = 4

# --- index parameters -------------------------------------------------------------------
#: Candidate stories scored per article.
CANDIDATE_LIMIT = 30
#: Query terms used to retrieve candidates (the article's highest weighted ones).
QUERY_TERMS = 30
#: Most recent stories remembered per term; bounds the work per article.
POSTING_LIMIT = 256

STOPWORDS = frozenset("""
a about above according across after afterwards again against ago all almost alone along
already also although always am among amongst an and another any anybody anyone anything
anyway anywhere are around as at back be became because become becomes been before
beforehand behind being below beside besides between beyond both but by can cannot could
did do does doing done down during each either else elsewhere enough etc even ever every
everyone everything everywhere except few for former formerly from further get gets got
had has have having he hence her here hereby herein hers herself him himself his how
however i if in indeed into is it its itself just last latter least less let like made
make many may me meanwhile might mine more moreover most mostly much must my myself
namely neither never nevertheless new next no nobody none nor not nothing now nowhere of
off often on once one only onto or other others otherwise our ours ourselves out over own
per perhaps please put rather re really said same say says see seem seemed seems several
she should since so some somehow someone something sometime sometimes somewhere still such
than that the their theirs them themselves then thence there thereafter thereby therefore
therein these they this those though through throughout thus to together too toward
towards under until up upon us very via was we well were what whatever when whence
whenever where whereas whereby wherever whether which while who whoever whole whom whose
why will with within without would yet you your yours yourself yourselves
mr mrs ms dr st jr sr told tell tells asked added according week weeks year years day days
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec time times people percent
news reported report reports reporter statement including include includes
""".split())

_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9&]|['’.\-](?=[A-Za-z0-9]))*")
_SENTENCE_END = re.compile(r"[.!?:\"“”]\s*$|\n\s*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


# --- model ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Fingerprint:
    """Everything grouping needs from one article, computed once.

    Fields: ``article_id``, ``date`` (ISO ``YYYY-MM-DD`` or ``None``), ``outlet``
    (lower-cased, or ``None``), ``terms`` (top weighted content terms with L2-normalised
    weights, sorted by term), ``minhash`` (MinHash hash values over word shingles; empty
    when the text is too short to judge copies), ``length`` (words in the text),
    ``embedding`` (a unit sentence embedding of title and lead rounded to
    ``EMBEDDING_DECIMALS``, or ``()`` without the ``[embed]`` extra).
    """

    article_id: str
    date: str | None
    outlet: str | None
    terms: tuple[tuple[str, float], ...]
    minhash: tuple[int, ...]
    length: int
    embedding: tuple[float, ...] = ()


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


# --- fingerprint ------------------------------------------------------------------------
@lru_cache(maxsize=1 << 16)
def _normalise_word(word: str) -> str:
    """Lower-case, drop possessives and dots, and strip a plain plural ``s``."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace(".", "").replace("'", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _iter_weighted_words(text: str, base: float) -> Iterable[tuple[str, float]]:
    """Yield ``(term, weight)`` for each content word of ``text``."""
    position = 0
    for match in _WORD.finditer(text):
        raw = match.group()
        position += 1
        weight = base * (LEAD_WEIGHT if position <= LEAD_WORDS else 1.0)
        if raw[0].isdigit():
            digits = raw.replace(",", "")
            # Years and small counts are everywhere; longer numbers identify a story.
            if len(digits) < 2 or (len(digits) == 4 and digits.isdigit() and digits[:2] in ("19", "20")):
                continue
            yield "#" + digits.rstrip("."), weight * NUMBER_WEIGHT
            continue
        term = _normalise_word(raw)
        if len(term) < MIN_WORD_LENGTH and not raw[:1].isupper():
            continue
        if term in STOPWORDS or not term:
            continue
        capitalised = raw[0].isupper()
        if capitalised:
            start = match.start()
            at_sentence_start = start == 0 or bool(_SENTENCE_END.search(text[max(0, start - 3):start]))
            if not at_sentence_start or raw.isupper():
                weight *= ENTITY_WEIGHT
        yield term, weight


def _shingle_hashes(words: Sequence[str]) -> list[bytes]:
    """Word shingles of ``words`` as bytes (all the words when there are fewer)."""
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)]


def _hash32(data: bytes) -> int:
    """A fast, stable 32-bit hash for shingles (CRC-32)."""
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _permutations() -> object:
    """The MinHash permutation parameters for ``NUM_PERM``/``MINHASH_SEED`` (computed once)."""
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, **_SCHEME).permutations


def _minhash(words: Sequence[str]) -> tuple[int, ...]:
    """MinHash hash values of the word shingles, or ``()`` when there are too few."""
    shingles = sorted(set(_shingle_hashes(words)))
    if len(shingles) < MIN_SHINGLES:
        return ()
    sketch = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=_hash32, permutations=_permutations(), **_SCHEME)
    sketch.update_batch(shingles)
    return tuple(int(v) for v in sketch.hashvalues)


def _parse_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` prefix of an ISO date, or ``None`` when there is none."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return Date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def fingerprint(article: Article, *, df: Mapping[str, int] | None = None, n_docs: int = 0,
                embedding: Sequence[float] = ()) -> Fingerprint:
    """Reduce an article to what grouping needs, without any model (fast, pure).

    Terms are content words (stop words dropped, plurals folded), capitalised words
    (names) and multi-digit numbers, weighted by sublinear term frequency, by where they
    occur (title, lead) and by inverse document frequency from ``df``/``n_docs`` (the
    index's table; all terms weigh the same when ``n_docs`` is 0).

    Args:
        article: the cleaned article.
        df: number of earlier articles containing each term.
        n_docs: number of earlier articles.
        embedding: the article's sentence embedding (``embed.embed_articles``), if any;
            kept rounded to ``EMBEDDING_DECIMALS``.

    Returns:
        A :class:`Fingerprint`.

    Example:
        >>> fp = fingerprint(Article(source="a", text="Floods hit Valencia on Tuesday."))
        >>> [t for t, _ in fp.terms]
        ['flood', 'hit', 'valencia']
    """
    counts: dict[str, float] = defaultdict(float)
    for term, weight in _iter_weighted_words(article.title or "", TITLE_WEIGHT):
        counts[term] += weight
    for term, weight in _iter_weighted_words(article.text or "", 1.0):
        counts[term] += weight
    df = df or {}
    weights: dict[str, float] = {}
    for term, count in counts.items():
        idf = math.log((n_docs + 1) / (df.get(term, 0) + 1)) + 1.0 if n_docs > 0 else 1.0
        weights[term] = (1.0 + math.log(count)) * idf if count >= 1.0 else count * idf
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    terms = tuple(sorted((term, round(w / norm, 6)) for term, w in top))
    words = [w.lower() for w in _WORD.findall(article.text or "")]
    outlet = (article.outlet or "").strip().lower() or None
    return Fingerprint(
        article_id=article.id,
        # Only a published date: a reference date guessed from dates the text mentions
        # ("since September 2023") would push copies of one story months apart.
        date=_parse_date(article.published),
        outlet=outlet,
        terms=terms,
        minhash=_minhash(words),
        length=len(words),
        embedding=tuple(round(float(x), EMBEDDING_DECIMALS) for x in embedding),
    )


# --- scoring and decisions --------------------------------------------------------------
def jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """Jaccard estimate from two MinHash signatures (0.0 when either is empty)."""
    if not first or not second or len(first) != len(second):
        return 0.0
    return float(np.mean(np.asarray(first, dtype=np.uint64) == np.asarray(second, dtype=np.uint64)))


def _cosine(first: Iterable[tuple[str, float]], second: Iterable[tuple[str, float]]) -> float:
    """Cosine of two sparse term vectors."""
    small, large = dict(first), dict(second)
    if len(small) > len(large):
        small, large = large, small
    dot = sum(w * large.get(t, 0.0) for t, w in small.items())
    if dot <= 0.0:
        return 0.0
    norm = math.sqrt(sum(w * w for w in small.values())) * math.sqrt(sum(w * w for w in large.values()))
    return dot / norm if norm else 0.0


def _dense_cosine(first: Sequence[float], second: Sequence[float]) -> float:
    """Cosine of two dense vectors (0.0 when either is empty, zero or of another length)."""
    if not first or not second or len(first) != len(second):
        return 0.0
    a, b = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def score_candidate(fp: Fingerprint, candidate: StoryCandidate, *, embedding_weight: float = EMBEDDING_WEIGHT,
                    embedding_baseline: float = EMBEDDING_BASELINE) -> float:
    """Similarity in 0..1 of an article to a story: cosine with the story's summed terms,
    blended with the cosine of embeddings when both have one.

    Example:
        >>> fp = Fingerprint(article_id="a", date=None, outlet=None, terms=(("flood", 1.0),), minhash=(),
        ...                  length=1, embedding=(1.0, 0.0))
        >>> story = StoryCandidate(story_id="s", storyline_id="s", terms=(("flood", 2.0),), embedding=(3.0, 4.0))
        >>> score_candidate(fp, story, embedding_weight=0.5)
        0.8
    """
    similarity = _cosine(fp.terms, candidate.terms)
    if fp.embedding and candidate.embedding and embedding_weight:
        meaning = _dense_cosine(fp.embedding, candidate.embedding) - embedding_baseline
        similarity = max((1.0 - embedding_weight) * similarity + embedding_weight * meaning, 0.0)
    return round(similarity, 6)


def _days_apart(day: str | None, first: str | None, last: str | None) -> int | None:
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
        apart = _days_apart(fp.date, candidate.first_date, candidate.last_date)
        similarity = score_candidate(fp, candidate, embedding_weight=options.embedding_weight,
                                     embedding_baseline=options.embedding_baseline)
        gap = options.undated_days if apart is None else min(apart, options.story_window_days + 1)
        scored.append((round(similarity - options.day_penalty * gap, 6), similarity, apart, candidate))
    scored.sort(key=lambda item: (-item[0], item[3].story_id))
    for score, _, apart, candidate in scored:
        if (apart is None or apart <= options.story_window_days) and score >= options.story_threshold:
            return Decision(article_id=fp.article_id, story_id=candidate.story_id, new_story=False,
                            score=score, storyline_id=candidate.storyline_id)
    own = story_id_for(fp.article_id)
    for score, similarity, apart, candidate in scored:
        if apart is None or apart <= options.story_window_days:
            linked = score >= options.topic_threshold
        else:
            linked = apart <= options.storyline_window_days and similarity >= options.storyline_threshold
        if linked:
            return Decision(article_id=fp.article_id, story_id=own, new_story=True, score=score,
                            storyline_id=candidate.storyline_id)
    best = scored[0][0] if scored else 0.0
    return Decision(article_id=fp.article_id, story_id=own, new_story=True, score=max(best, 0.0), storyline_id=own)


def _best_copy(fp: Fingerprint, matches: Sequence[NearDuplicate], options: GroupingOptions) -> NearDuplicate | None:
    """The match that makes ``fp`` a copy: the highest Jaccard that qualifies."""
    for match in sorted(matches, key=lambda m: (-m.jaccard, m.article_id)):
        same_outlet = fp.outlet is None or match.outlet is None or fp.outlet == match.outlet
        needed = options.duplicate_threshold if same_outlet else options.syndication_threshold
        if match.jaccard >= needed:
            return match
    return None


def _sketch(hashvalues: Sequence[int]) -> MinHash:
    """A datasketch MinHash rebuilt from stored hash values (for LSH insert and query)."""
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashvalues=np.asarray(hashvalues, dtype=np.uint64),
                   permutations=_permutations(), **_SCHEME)


# --- in-memory index --------------------------------------------------------------------
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
    """A :class:`StoryIndex` in memory: dicts, bounded posting lists and MinHash LSH.

    Example:
        >>> index = MemoryStoryIndex()
        >>> decisions = group([Article(source="a", text="Floods hit Valencia.")], index=index)
        >>> index.document_frequency()[1]
        1
    """

    def __init__(self, *, storyline_window_days: int = STORYLINE_WINDOW_DAYS,
                 syndication_threshold: float = SYNDICATION_THRESHOLD) -> None:
        """Create an empty index."""
        self._window = storyline_window_days
        self._lsh = MinHashLSH(threshold=syndication_threshold, num_perm=NUM_PERM)
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
        """Earlier articles sharing enough shingles with ``fp`` (LSH, then exact estimate)."""
        if not fp.minhash:
            return []
        sketch = _sketch(fp.minhash)
        found = []
        for article_id in sorted(self._lsh.query(sketch)):
            outlet, story_id = self._articles[article_id]
            story = self._stories[story_id]
            found.append(NearDuplicate(article_id=article_id, jaccard=jaccard(fp.minhash, self._signatures[article_id]),
                                       outlet=outlet, story_id=story_id, storyline_id=story.storyline_id))
        return found

    def candidates(self, fp: Fingerprint, *, limit: int) -> list[StoryCandidate]:
        """Stories sharing the most weight of ``fp``'s top terms, within the storyline window."""
        query = sorted(fp.terms, key=lambda item: (-item[1], item[0]))[:QUERY_TERMS]
        overlap: dict[str, float] = defaultdict(float)
        for term, weight in query:
            for story_id in self._postings.get(term, ()):
                overlap[story_id] += weight
        ranked = sorted(overlap.items(), key=lambda item: (-item[1], item[0]))
        found = []
        for story_id, _ in ranked:
            story = self._stories[story_id]
            apart = _days_apart(fp.date, story.first_date, story.last_date)
            if apart is not None and apart > self._window:
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
            story.terms[term] = round(story.terms.get(term, 0.0) + weight, 6)
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
            sketch = _sketch(fp.minhash)
            self._lsh.insert(fp.article_id, sketch)
        self._df.update(term for term, _ in fp.terms)
        self._n_docs += 1


# --- batch helpers ----------------------------------------------------------------------
def _order_key(article: Article) -> tuple[bool, str, str]:
    """Date order, undated last, ties broken by id so input order never matters."""
    day = _parse_date(article.published)
    return (day is None, day or "", article.id)


def group(articles: Sequence[Article], *, index: StoryIndex | None = None,
          options: GroupingOptions = DEFAULT_OPTIONS, embedder: TextEncoder | None = None) -> list[Decision]:
    """Group articles into stories incrementally, in date order.

    Args:
        articles: the articles, in any order.
        index: an index to add to (a fresh :class:`MemoryStoryIndex` by default).
        options: thresholds.
        embedder: a sentence-embedding model (``embed.load_embedder()``); its embeddings of
            titles and leads join the term cosine in scoring. ``None``: terms only.

    Returns:
        One :class:`Decision` per article, in the order the articles were given.

    Example:
        >>> a = Article(source="a", text="Floods hit Valencia.", published="2024-10-30")
        >>> [d.new_story for d in group([a])]
        [True]
    """
    if index is None:
        index = MemoryStoryIndex(storyline_window_days=options.storyline_window_days,
                                 syndication_threshold=options.syndication_threshold)
    ordered: dict[str, Article] = {}
    for article in sorted(articles, key=_order_key):
        ordered.setdefault(article.id, article)  # the earliest of one id's copies
    embeddings: dict[str, tuple[float, ...]] = {}
    if embedder is not None:
        from .embed import embed_articles

        # One batched call: encoding article by article would cost a forward pass each.
        embeddings = dict(zip(ordered, embed_articles(list(ordered.values()), embedder)))
    decided: dict[str, Decision] = {}
    for article in ordered.values():
        df, n_docs = index.document_frequency()
        fp = fingerprint(article, df=df, n_docs=n_docs, embedding=embeddings.get(article.id, ()))
        decision = assign(fp, index, options=options)
        index.add(fp, decision)
        decided[article.id] = decision
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
