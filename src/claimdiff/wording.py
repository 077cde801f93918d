"""Wording, as alignment compares it: content words and their stems, what a claim reports
(its content span), whether it is negative, TF-IDF vectors over a story's claims and the
story's *fact words*.  Pure; no model."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .model import Claim

__all__ = ["STOP", "words", "stem", "stems", "content_text", "content_negated", "outlet_key", "Vectors",
           "COMMON_SHARE", "COMMON_MIN", "RARE_WORDS"]

#: Claims without quantities meet partners through this many of their rarest words.
RARE_WORDS = 6
#: A word in more than this share of claims (and more than COMMON_MIN) is too common to block on.
COMMON_SHARE = 0.05
COMMON_MIN = 8
_WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset(
    """a an the and or but of to in on at for from by with as that this these those it its is are was were
    be been being has have had do does did will would could should may might can than then there their
    they them he she his her we our you your i not no more most about over some said says say told
    according also which who whom what when where while after before since into up out new other""".split()
)


def words(text: str) -> list[str]:
    """Content words of a text, lower-cased, crudely singularised."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w in STOP or len(w) < 3:
            continue
        out.append(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w)
    return out


#: Suffixes taken off a word before wording is compared, longest first, with what replaces
#: them: "terrorism"/"terrorist" → "terror", "clearing"/"cleared" → "clear".
_SUFFIXES = (("isms", ""), ("ists", ""), ("ism", ""), ("ist", ""), ("ings", ""), ("ing", ""), ("ied", "y"),
             ("ies", "y"), ("ed", ""), ("ly", ""), ("s", ""))
#: A stem keeps at least this many letters.
MIN_STEM = 3


def stem(word: str) -> str:
    """A crude stem that puts a word's inflections and close derivations together
    ("terrorism", "terrorist" → "terror"; "ships", "shipping" → "ship"; "closed",
    "close" → "clos"); both sides of a comparison go through it, so it need only be consistent.

    >>> [stem(w) for w in ("terrorism", "terrorists", "clearing", "knows", "shipping", "closed", "close")]
    ['terror', 'terror', 'clear', 'know', 'ship', 'clos', 'clos']
    """
    w = word.lower()
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_STEM and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + repl
            break
    if len(w) > MIN_STEM + 1 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    if len(w) > MIN_STEM + 1 and w.endswith("e"):
        w = w[:-1]
    return w


def content_text(claim: Claim) -> str:
    """What a claim reports, without its attribution ("…, according to a report by X"):
    the claim's text, which is its statement (its sentence is ``evidence_text``)."""
    return claim.text


#: Words that make what a claim reports negative ("there was no evidence", "did not know").
_NEGATION = re.compile(r"\b(?:no|not|never|none|nothing|nobody|neither|nor|without|ruled out)\b|n't\b", re.I)


def content_negated(claim: Claim) -> bool:
    """Whether a claim reports something negative or denies it ("there was no evidence
    of …", "denied that …"): the polarity alignment compares wording under."""
    return claim.polarity == "deny" or bool(_NEGATION.search(content_text(claim)))


def stems(text: str) -> list[str]:
    """Stems of a text's content words."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOP and len(w) >= 3]


class Vectors:
    """TF-IDF vectors of what the facts' claims report (their content spans, stemmed), for
    wording similarity, and the story's *fact words*: stems that every article using them
    uses in one claim only, in two articles or more ("terror", "channel"), so that two
    claims sharing one most likely report the same thing."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.bags = {c.id: Counter(stems(content_text(c))) for c in claims}
        df: Counter[str] = Counter()
        per_article: dict[str, Counter[str]] = {}
        for c in claims:
            bag = self.bags[c.id]
            df.update(bag.keys())
            per_article.setdefault(c.article, Counter()).update(bag.keys())
        n = max(1, len(self.bags))
        self.df = df
        self.common = max(COMMON_MIN, int(n * COMMON_SHARE))
        self.idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
        self.norms = {cid: math.sqrt(sum((tf * self.idf[w]) ** 2 for w, tf in bag.items())) or 1.0
                      for cid, bag in self.bags.items()}
        # Whole sentences in plain words (singulars), as figures have always been compared.
        self.whole = {c.id: Counter(words(c.evidence_text)) for c in claims}
        whole_df: Counter[str] = Counter()
        for bag in self.whole.values():
            whole_df.update(bag.keys())
        self.whole_idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in whole_df.items()}
        self.whole_norms = {cid: math.sqrt(sum((tf * self.whole_idf[w]) ** 2 for w, tf in bag.items())) or 1.0
                            for cid, bag in self.whole.items()}
        articles: Counter[str] = Counter()
        repeated: set[str] = set()
        for counts in per_article.values():
            articles.update(counts.keys())
            repeated.update(w for w, k in counts.items() if k > 1)
        self.fact_words = frozenset(w for w, k in articles.items() if k >= 2 and w not in repeated)

    def cosine(self, a: str, b: str, *, whole: bool = False) -> float:
        """Cosine similarity of two claims' wording: of what they report, or (``whole``) of
        their whole sentences, attribution included."""
        bags, norms, idf = (self.whole, self.whole_norms, self.whole_idf) if whole else (self.bags, self.norms, self.idf)
        ba, bb = bags[a], bags[b]
        dot = sum(tf * bb[w] * idf[w] ** 2 for w, tf in ba.items() if w in bb)
        return dot / (norms[a] * norms[b])

    def share_fact_word(self, a: str, b: str) -> bool:
        """Whether two claims share a fact word."""
        ba, bb = self.bags[a], self.bags[b]
        return any(w in bb for w in ba if w in self.fact_words)


def outlet_key(name: str | None) -> str:
    """An outlet's name as compared with a relay's: lower case, single spaces, no "the"."""
    return re.sub(r"^the\s+", "", " ".join((name or "").lower().split()))
