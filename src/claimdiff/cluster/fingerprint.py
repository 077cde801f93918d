"""Fingerprints: each article reduced once to what story grouping needs.

A :class:`Fingerprint` holds the article's weighted content terms (names, places, longer
numbers and content words, weighted by where they occur and by how rare they are in the
corpus so far) and a MinHash over word shingles for near-duplicate detection. Nothing
here decides anything: the thresholds live in ``cluster.decide``.
"""

from __future__ import annotations

import hashlib
import inspect
import math
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash

from ..model import Article

__all__ = ["Fingerprint", "fingerprint", "jaccard", "lsh_buckets", "parse_date", "STOPWORDS", "NUM_PERM",
           "EMBEDDING_DECIMALS"]

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
#: Articles seen before term rarity counts in full: from a handful of articles, the words
#: a story's own reports share look common and novel words rare, which would pull the
#: second report of a story away from the first. Below this, idf is blended with 1.
IDF_WARMUP_DOCS = 20
#: Shortest lower-case content word kept.
MIN_WORD_LENGTH = 3

#: Decimals kept of each embedding component: small to pickle and store, and far below
#: what moves a cosine at the thresholds of ``cluster.decide``.
EMBEDDING_DECIMALS = 4
#: LSH layout for near-duplicate lookup (the same in memory and in the store): BANDS bands
#: of ROWS hash values each; two texts with shingle Jaccard s share a band with
#: probability 1 - (1 - s**ROWS)**BANDS (0.88 at s = 0.5, the syndication threshold).
LSH_BANDS = 32
LSH_ROWS = NUM_PERM // LSH_BANDS


def _load_stopwords() -> frozenset[str]:
    """The stop-word list (``stopwords.txt`` beside this module), read once."""
    text = resources.files(__package__).joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


#: Words too common in news to tell one story from another.
STOPWORDS = _load_stopwords()

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
    ``EMBEDDING_DECIMALS``, or ``()`` without the ``[embed]`` extra), ``entities`` (the
    terms that are names: capitalised inside a sentence, sorted).
    """

    article_id: str
    date: str | None
    outlet: str | None
    terms: tuple[tuple[str, float], ...]
    minhash: tuple[int, ...]
    length: int
    embedding: tuple[float, ...] = ()
    entities: tuple[str, ...] = ()


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


def _iter_weighted_words(text: str, base: float) -> Iterable[tuple[str, float, bool]]:
    """Yield ``(term, weight, is_name)`` for each content word of ``text`` (a name: a word
    capitalised inside a sentence, or in capitals)."""
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
            yield "#" + digits.rstrip("."), weight * NUMBER_WEIGHT, False
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
            capitalised = not at_sentence_start or raw.isupper()
            if capitalised:
                weight *= ENTITY_WEIGHT
        yield term, weight, capitalised


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


def parse_date(value: str | None) -> str | None:
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
    terms, names = _weighted_terms(article, {} if df is None else df, n_docs)
    words = [w.lower() for w in _WORD.findall(article.text or "")]
    outlet = (article.outlet or "").strip().lower() or None
    return Fingerprint(
        article_id=article.id,
        # Only a published date: a reference date guessed from dates the text mentions
        # ("since September 2023") would push copies of one story months apart.
        date=parse_date(article.published),
        outlet=outlet,
        terms=terms,
        minhash=_minhash(words),
        length=len(words),
        embedding=tuple(round(float(x), EMBEDDING_DECIMALS) for x in embedding),
        entities=names,
    )


def _weighted_terms(article: Article, df: Mapping[str, int], n_docs: int) -> tuple[tuple[tuple[str, float], ...],
                                                                                     tuple[str, ...]]:
    """The article's top terms with L2-normalised weights, and those of them that are names.

    Words of the article's own outlet name are left out: every piece an outlet publishes
    may carry them ("(Northline)", "Northline reported"), so they say nothing of the story.
    """
    own = {_normalise_word(w) for w in _WORD.findall(article.outlet or "")}
    counts: dict[str, float] = defaultdict(float)
    names: set[str] = set()
    for text, base in ((article.title or "", TITLE_WEIGHT), (article.text or "", 1.0)):
        for term, weight, is_name in _iter_weighted_words(text, base):
            if term in own:
                continue
            counts[term] += weight
            if is_name:
                names.add(term)
    # Not ``df or {}``: a store's lazily read table has length 0 yet answers every term.
    warmup = min(1.0, n_docs / IDF_WARMUP_DOCS) if IDF_WARMUP_DOCS else 1.0
    # A table kept in a database answers all the terms in one query (``many``).
    known = df.many(counts) if hasattr(df, "many") else df
    weights: dict[str, float] = {}
    for term, count in counts.items():
        idf = 1.0 + math.log((n_docs + 1) / (known.get(term, 0) + 1)) * warmup
        weights[term] = (1.0 + math.log(count)) * idf if count >= 1.0 else count * idf
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    terms = tuple(sorted((term, round(w / norm, 6)) for term, w in top))
    return terms, tuple(sorted(term for term, _ in top if term in names))


def jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """Jaccard estimate from two MinHash signatures (0.0 when either is empty)."""
    if not first or not second or len(first) != len(second):
        return 0.0
    return float(np.mean(np.asarray(first, dtype=np.uint64) == np.asarray(second, dtype=np.uint64)))


def lsh_buckets(minhash: Sequence[int]) -> list[str]:
    """The LSH band buckets of a MinHash signature (``LSH_BANDS`` of them)."""
    return [
        hashlib.blake2b(" ".join(map(str, minhash[i * LSH_ROWS:(i + 1) * LSH_ROWS])).encode(), digest_size=8).hexdigest()
        for i in range(LSH_BANDS)
    ]
