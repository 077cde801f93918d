"""Cheap sentence splitting and the candidate filter that decides which sentences are
worth a full parse (a reporting cue, a quotation or an amount)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import patterns
from .attribution.lexicon import AUTHOR_VERBS, CREDIT_LINE, DOCUMENT_NOUNS, ROLE_WORDS, cue_forms, inflections
from .quantities.lexicon import FRACTION_WORDS, SCALE_WORDS, TENS_WORDS, UNITS_WORDS, VAGUE_WORDS

__all__ = ["Sentence", "split_sentences", "is_candidate", "is_candidate_by_patterns", "CUE_PATTERN", "AMOUNT_PATTERN",
           "AMOUNT_WORDS"]

#: Words whose period does not end a sentence ("Mr.", "Jan.", "U.S."), from lexicons/sentences.jsonl.
ABBREVIATIONS = patterns("sentences", "ABBREVIATION")
_LONGEST_ABBREVIATION = max(len(a) for a in ABBREVIATIONS) + 1
#: An open quotation stops holding sentences together past this many characters (a stray
#: quotation mark must not turn the rest of a long paragraph into one sentence).
MAX_QUOTED_SENTENCE = 3000
#: A sentence end: final punctuation, closing quotes or brackets, footnote marks ("[28]").
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?:\[\d{1,3}\])*(?=\s+(?:''|["'“‘(\[])?[A-Z0-9])""")
_QUOTE_CHARS = re.compile(r"[\"“”]|''")
#: A question or exclamation closing a quotation, then its credit ('"Why now?" Clinton
#: asked.', '"Enough!" said Mayor Lund.'): one sentence, not two.
_CREDIT_AFTER = re.compile(
    r"\s+(?:[A-Z][\w.’'-]*\s+(?:(?:[A-Z][\w.’'-]*|of|the|for|and|\([\w. -]{1,12}\),?)\s+){0,6}(?:" + "|".join(sorted(
        {f for v in patterns("sentences", "CREDIT_VERB") for f in inflections(v)}, key=len, reverse=True))
    + r")\b|(?:said|says|asked|added)\s+[A-Z])")


def _word_pattern(words: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A case-blind pattern matching any of ``words`` as a whole word."""
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b", re.I)


#: Surface forms of every cue the attribution extractor uses (built from its lexicon,
#: ``lexicons/cues.jsonl``); a sentence with one of them may carry an attribution.
CUE_PATTERN = _word_pattern(cue_forms())
#: A person introduced by role ("County boss Neil Harrop", "the Crewe manager, Gareth
#: Poole"): parsed so that a later "he said" can resolve to the name.
NAMING_PATTERN = re.compile(
    r"(?i:\b(?:" + "|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True)) + r")\b),?\s+[A-Z][a-z]"
)
#: A document being issued ("The Met Office has issued a yellow warning"): parsed so that
#: a later "according to the warning" can name who issued it.
ISSUE_PATTERN = re.compile(
    _word_pattern({f for verb in AUTHOR_VERBS for f in inflections(verb)}).pattern + r".*"
    + _word_pattern(DOCUMENT_NOUNS | {n + "s" for n in DOCUMENT_NOUNS}).pattern, re.I
)
#: Number and scale words the quantity extractor reads ("sixteen", "dozens", "half"),
#: plus words that make an amount of a digit-free phrase, and multiples written as one
#: word ("tenfold"); any digit counts too.
AMOUNT_WORDS = frozenset(
    w for w in (*UNITS_WORDS, *TENS_WORDS, *SCALE_WORDS, *VAGUE_WORDS, *FRACTION_WORDS) if len(w) > 2
) | {"dozen", "percent", "score", "scores", "hundredfold"} | {w + "fold" for w in (*UNITS_WORDS, *TENS_WORDS)}
AMOUNT_PATTERN = re.compile(r"\d|" + _word_pattern(AMOUNT_WORDS).pattern, re.I)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article: ``start``/``end`` offsets, its ``text`` and the index
    of its ``paragraph``."""

    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends a known abbreviation or an initial.

    Walks back over the run of ASCII letters and periods before ``dot`` (the word the
    period ends), so the cost is the length of that word, not of the text before it.
    """
    start = dot
    while start > 0 and (text[start - 1] == "." or ("a" <= text[start - 1].lower() <= "z")):
        start -= 1
        if dot - start > _LONGEST_ABBREVIATION:  # longer than any abbreviation, unless only
            rest = start                          # periods lead up to it ("..approx.")
            while rest > 0 and text[rest - 1] == ".":
                rest -= 1
            if rest > 0 and "a" <= text[rest - 1].lower() <= "z":
                return False
            break
    while start < dot and text[start] == ".":
        start += 1
    if start == dot:
        return False
    word = text[start:dot].lower().rstrip(".")
    return word in ABBREVIATIONS or len(word) == 1


class _QuoteState:
    """Counts quotation marks since the last cut, one stretch of text at a time, so that
    asking "is a quotation open?" at every boundary stays linear in the paragraph."""

    __slots__ = ("opens", "closes", "straight", "doubled")

    def __init__(self) -> None:
        self.opens = self.closes = self.straight = self.doubled = 0

    def add(self, chunk: str) -> None:
        """Count the quotation marks of ``chunk``, the text after what was counted so far
        (two apostrophes, as some archives write a quotation mark, count as one)."""
        self.opens += chunk.count("“")
        self.closes += chunk.count("”")
        self.straight += chunk.count('"')
        self.doubled += chunk.count("''")

    def is_open(self) -> bool:
        """True when the text counted leaves a quotation open (odd straight or doubled
        quotes, or an unclosed “)."""
        return self.opens > self.closes or self.straight % 2 == 1 or self.doubled % 2 == 1


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, never inside an open quotation, so that a
    multi-sentence quote and its "she said" stay one unit.

    >>> [s.text for s in split_sentences('He left. "It works. It is fast," she said.')]
    ['He left.', '"It works. It is fast," she said.']
    """
    sentences: list[Sentence] = []
    for p_index, para in enumerate(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)):
        p_start, p_text = para.start(), para.group(0)
        cut = counted = 0
        quotes = _QuoteState()
        for m in _BOUNDARY.finditer(p_text):
            end = m.end()
            if p_text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(p_text, m.start()):
                continue
            if p_text[m.start()] in "?!" and p_text[m.end() - 1] in "\"”'" and _CREDIT_AFTER.match(p_text, m.end()):
                continue
            quotes.add(p_text[counted:end])
            counted = end
            if quotes.is_open() and end - cut < MAX_QUOTED_SENTENCE:
                continue
            sentences.append(_make(p_text, p_start, cut, end, p_index))
            cut = end
            quotes = _QuoteState()
        if p_text[cut:].strip():
            sentences.append(_make(p_text, p_start, cut, len(p_text), p_index))
    return sentences


def _make(p_text: str, p_start: int, start: int, end: int, paragraph: int) -> Sentence:
    """Build a Sentence with surrounding whitespace trimmed from its offsets."""
    chunk = p_text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    s, e = p_start + start + lead, p_start + end - trail
    return Sentence(start=s, end=e, text=p_text[start + lead : end - trail], paragraph=paragraph)


class _Words:
    """The words of ``_word_pattern(words)``, looked up word by word: a sentence holds one
    of them exactly when one of its ``\\w+`` runs is one of them (their letters are word
    characters, so the pattern's ``\\b`` on both sides means a whole run). ASCII runs are
    lower-cased and looked up in a set; other runs are matched whole against the words
    (the pattern's case-blind matching of "ſ", "K" and the like). Words that are not one
    ASCII run ("follow-up", "señor") make the lookup give way to the pattern."""

    __slots__ = ("pattern", "whole", "lower")

    def __init__(self, words: frozenset[str] | set[str]) -> None:
        self.pattern = _word_pattern(words)
        self.whole = re.compile(r"(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\Z", re.I)
        simple = all(w.isascii() and _ASCII_WORD.fullmatch(w) for w in words)
        self.lower = frozenset(w.lower() for w in words) if simple else None

    def found(self, sentence: str, lower: set[str], other: list[str]) -> bool:
        """True when ``self.pattern.search(sentence)`` would be (``lower``: the sentence's
        ASCII word runs lower-cased, ``other``: its other runs)."""
        if self.lower is None:
            return self.pattern.search(sentence) is not None
        return not self.lower.isdisjoint(lower) or any(self.whole.match(w) for w in other)


_ASCII_WORD = re.compile(r"\w+", re.ASCII)
_RUN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_CUES = _Words(cue_forms())
_AMOUNTS = _Words(AMOUNT_WORDS)
_ROLES = _Words(ROLE_WORDS)
_AUTHORING = _Words({f for verb in AUTHOR_VERBS for f in inflections(verb)})
_DOCUMENTS = _Words(DOCUMENT_NOUNS | {n + "s" for n in DOCUMENT_NOUNS})


def is_candidate(sentence: str) -> bool:
    """True when a sentence may hold a claim (a cue, a quotation, an amount or a speaker
    opening it with a colon), names a person by role whom a later pronoun may mean, or
    says who issued a document.

    The same answer as :func:`is_candidate_by_patterns` (tested), found by looking each
    word up once instead of trying a thousand-word alternation at every position.
    """
    if _QUOTE_CHARS.search(sentence) or _DIGIT.search(sentence) or CREDIT_LINE.match(sentence):
        return True
    runs = _RUN.findall(sentence)
    lower = {w.lower() for w in runs if w.isascii()}
    other = [w for w in runs if not w.isascii()]
    if _CUES.found(sentence, lower, other) or _AMOUNTS.found(sentence, lower, other):
        return True
    # The two longer patterns need one of their words first.
    if _ROLES.found(sentence, lower, other) and NAMING_PATTERN.search(sentence):
        return True
    return bool(_AUTHORING.found(sentence, lower, other) and _DOCUMENTS.found(sentence, lower, other)
                and ISSUE_PATTERN.search(sentence))


def is_candidate_by_patterns(sentence: str) -> bool:
    """:func:`is_candidate` by its definition, one pattern after another (slow)."""
    return bool(CUE_PATTERN.search(sentence) or AMOUNT_PATTERN.search(sentence) or _QUOTE_CHARS.search(sentence)
                or NAMING_PATTERN.search(sentence) or ISSUE_PATTERN.search(sentence) or CREDIT_LINE.match(sentence))
