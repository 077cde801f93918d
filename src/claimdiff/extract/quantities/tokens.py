"""Tokens and the amounts under construction: a small tokenizer with offsets, the number
phrase (:class:`_Number`) and the quantity being assembled (:class:`_Found`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lexicon import IRREGULAR_SINGULARS


_TOKEN_RE = re.compile(
    r"\d+(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)"   # 6,700 / 2,318.05
    r"|\d+(?:\.\d+)?"                        # 3 / 1.5
    r"|(?<![\w.,])\.\d+(?![\d.])"               # .001 / .500 (a leading decimal point)
    r"|[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?"      # words (incl. it's)
    r"|\S",                                  # any other single character
)


@dataclass(slots=True)
class _Tok:
    """One lexical token: its text, lower-case form and offsets."""

    text: str
    start: int
    end: int
    low: str = ""

    def __post_init__(self) -> None:
        self.low = self.text.lower()

    @property
    def is_digit(self) -> bool:
        """True for digit tokens such as '6,700', '1.5' or '.001'."""
        return self.text[0].isdigit() or (self.text[0] == "." and len(self.text) > 1)


def _tokenize(text: str) -> list[_Tok]:
    """Split ``text`` into number, word and symbol tokens with offsets."""
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


@dataclass(slots=True)
class _Number:
    """A number phrase found in the token stream (before units and context)."""

    first: int               # token index of the first number token
    last: int                # token index of the last number token
    value: float | None
    vague: bool = False
    has_scale: bool = False
    words: list[str] = field(default_factory=list)
    fraction: bool = False   # "a third", "two-thirds", "1/16", "one in three"


def _glued(tokens: list[_Tok], i: int) -> bool:
    """True when token i touches token i-1 (no space between)."""
    return i > 0 and tokens[i - 1].end == tokens[i].start


def _sentence_initial(text: str, tok: _Tok) -> bool:
    """True when ``tok`` starts the text or follows sentence punctuation."""
    before = text[: tok.start].rstrip()
    return not before or before[-1] in ".!?\"“;(—–-"


@dataclass(slots=True)
class _Found:
    """A quantity under construction (offsets relative to ``text``)."""

    start: int
    end: int
    value: float | None
    value_max: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    qualifier_text: str | None = None
    vague: bool = False
    tail_token: int = 0      # index of the first token after the amount
    object: str | None = None
    object_head: str | None = None
    detail: str | None = None
    conjunction: str | None = None
    concept: str | None = None
    change: str | None = None
    measure: str | None = None
    of_object: bool = False  # the object follows "of" ("30 centimetres of snow")
    concept_token: Any = None  # the parse token of the concept, for the measure


def _singular(word: str) -> str:
    """Return a lower-case, lemma-ish singular of an English noun."""
    low = word.lower()
    if low in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[low]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and re.search(r"(?:ss|sh|ch|x|zz)es$", low):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def _token_after(tokens: list[_Tok], pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    for k, tok in enumerate(tokens):
        if tok.start >= pos:
            return k
    return len(tokens)
