"""The per-paragraph cleaning rules: headline repeats, bylines, captions, datelines and
whole-line boilerplate (patterns in ``clean/data/boilerplate.jsonl``), and the tail rules
(tag lines, bios, credits). Each records the label of what it dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.header import MONTHS, parse_date
from .captions import caption_cuts
from .lexicon import pattern, patterns
from .lines import (
    BIO_TAIL_PARAGRAPHS,
    BOILERPLATE_MAX_WORDS,
    BULLET,
    CAPTION_MAX_WORDS,
    HEADLINE_MAX_WORDS,
    RELATED_INDENT,
    TIMESTAMP_MAX_WORDS,
    byline,
    headline_like,
    norm,
    one_sentence,
    word_count,
)
from .units import Unit

__all__ = ["State", "apply_rules", "keep_lone_title", "trim_tail"]

_BOILERPLATE_FILE = "boilerplate.jsonl"
_BOILERPLATE = tuple(
    (label, compiled)
    for label in ("newsletter", "social", "share", "cookie", "ad")
    for compiled in patterns(_BOILERPLATE_FILE, label)
)
_OUTREACH = pattern(_BOILERPLATE_FILE, "outreach")
_TIMESTAMP = patterns(_BOILERPLATE_FILE, "timestamp")
#: ``Updated``/``Published``/``Posted by Jane Doe`` … before a date or time.
_TIMESTAMP_LEAD = pattern(_BOILERPLATE_FILE, "timestamp_lead")
#: A numeric date or time such as ``27.02.2024`` or ``10:32``.
_NUMERIC_WORD = re.compile(r"\d[\d./:-]*,?")
_CREDITS = pattern(_BOILERPLATE_FILE, "credits")
_RELATED = pattern(_BOILERPLATE_FILE, "related")
_READ_MORE_START = pattern(_BOILERPLATE_FILE, "read_more")
_TAGS_LINE = pattern(_BOILERPLATE_FILE, "tagline")
_BIO = pattern(_BOILERPLATE_FILE, "bio")
#: Words with an inner capital that are not two tags run together.
_CAMEL_WORDS = pattern(_BOILERPLATE_FILE, "camel_words")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’ -]{1,40}?(?:,\s*[\w.'’ -]{1,40}?){0,2})\s*"
    r"\((?P<outlet>[A-Z][\w&.'’ -]{0,30})\)\s*(?:--|—|–|-|:)\s*"
)
_DATELINE_CAPS = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?)\s*(?:--|—|–)\s+")

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
#: A month is any word that starts with one of the short month names ("Jan", "June").
_MONTH_PREFIXES = "|".join(sorted((name for name in MONTHS if len(name) <= 4), key=len, reverse=True))
_DATE_WORDS = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?$|^\d{1,4}(?:st|nd|rd|th)?[,.]?$|^(?:at|on|,|-|—|gmt|utc|et|est|bst|cet|"
    rf"kst|[ap]\.?m\.?|\d{{1,2}}[:.]\d{{2}}(?:[ap]m)?,?)$|^(?:{_MONTH_PREFIXES})\w*\.?,?$",
    re.I,
)
_GLUED_TAGS = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(slots=True)
class State:
    """What the rules learn while walking the paragraphs."""

    title: str | None
    author: str | None
    dateline_outlet: str | None = None
    body_started: bool = False
    candidate_seen: bool = False
    removed: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    #: The unit the title rule took, and what of it was kept then.
    title_unit: tuple[Unit, list[tuple[int, int]]] | None = None
    #: ``(title, its normal form)``: every unit is compared with the title's words, which
    #: are computed once per title.
    _title_norm: tuple[str, str] | None = None

    def title_words(self) -> str:
        """The title's normal form (``norm``), "" without a title."""
        if not self.title:
            return ""
        if self._title_norm is None or self._title_norm[0] != self.title:
            self._title_norm = (self.title, norm(self.title))
        return self._title_norm[1]


def _dateline(text: str) -> re.Match[str] | None:
    """Match a wire dateline (``LONDON (Reuters) -``) at the start of ``text``."""
    match = _DATELINE.match(text)
    if match and not re.search(r"[.!?]\s", match.group("place")):
        return match
    match = _DATELINE_CAPS.match(text)
    return match


def _is_date_line(text: str) -> bool:
    """True for a bare date/time line such as ``Tuesday, Feb 27, 2024, 10:32 GMT``."""
    if word_count(text) > 9 or text.endswith(".") and not re.search(r"\b[ap]\.m\.$", text, re.I):
        return False
    if parse_date(text) is None:
        return False
    return all(_DATE_WORDS.match(word) for word in text.replace(",", " , ").split())


def _is_timestamp(text: str) -> bool:
    """True for a live-blog or publication time line: ``Updated 10:32 GMT``, ``Published:
    27.02.2024``, ``2 hours ago``, a bare date; not a sentence that starts with the same
    word (``Published figures show 40 ships …``)."""
    lead = _TIMESTAMP_LEAD.match(text)
    if lead and lead.end():
        rest = text[lead.end():].strip()
        if not any(ch.isdigit() for ch in rest):
            return False
        return any(p.search(rest) for p in _TIMESTAMP) or all(
            _DATE_WORDS.match(word) or _NUMERIC_WORD.fullmatch(word) for word in rest.replace(",", " , ").split()
        )
    return any(p.search(text) for p in _TIMESTAMP) or _is_date_line(text)


def boilerplate_label(text: str, unit: Unit) -> str | None:
    """Return the label of a whole-line boilerplate rule that ``text`` matches, else None."""
    words = word_count(text)
    if _TAGS_LINE.match(text):
        return "tagline"
    if _RELATED.match(text) or (_READ_MORE_START.match(text) and words <= HEADLINE_MAX_WORDS):
        return "related"
    bullet = BULLET.match(text)
    if bullet and headline_like(text[bullet.end():]) and word_count(text[bullet.end():]) >= 2:
        return "related"
    if unit.indent >= RELATED_INDENT and unit.alone and headline_like(text) and words >= 3:
        return "related"
    if words <= BOILERPLATE_MAX_WORDS:
        for label, pattern in _BOILERPLATE:
            if pattern.search(text):
                return label
        if one_sentence(text) and _OUTREACH.search(text):
            return "outreach"
    if words <= TIMESTAMP_MAX_WORDS and _is_timestamp(text):
        return "timestamp"
    if words <= HEADLINE_MAX_WORDS and _CREDITS.search(text):
        return "credits"
    return None


def _glued_tagline(text: str) -> bool:
    """True for a run-together tag line such as ``North KoreaRussian War in UkraineArms Sale``."""
    if not headline_like(text) or "." in text:
        return False
    return bool(_GLUED_TAGS.search(_CAMEL_WORDS.sub("x", text)))


def apply_rules(unit: Unit, state: State) -> None:
    """Run the per-paragraph rules on one unit, in order, cutting what they match; a rule
    that settles the unit (or leaves nothing of it) ends the run."""
    for rule in _RULES:
        if not unit.kept() or rule(unit, state):
            return


def _markdown_rule(unit: Unit, state: State) -> bool:
    """``## Subheading`` in .md files: keep the words, drop the marks."""
    markdown = _MARKDOWN_HEADING.match(unit.text)
    if markdown:
        unit.cut(0, markdown.end())
    return False


def _title_repeat_rule(unit: Unit, state: State) -> bool:
    """The headline, repeated (seed 000: title + photo caption on one line)."""
    text = unit.kept()
    wanted = state.title_words()
    # A title of punctuation only has no words to repeat; a unit shorter than the title's
    # words cannot start with them (``norm`` never lengthens a text).
    if not (state.title and wanted and not state.body_started and len(text) >= len(wanted)
            and norm(text).startswith(wanted)):
        return False
    rest = unit.text[_title_end(unit.text, state.title):]
    state.removed.append("title_repeat")
    if rest.strip() and (word_count(rest) <= CAPTION_MAX_WORDS and not rest.strip().endswith(".") or caption_cuts(rest)):
        state.removed.append("caption")
        unit.ranges = []
    else:
        unit.cut(0, len(unit.text) - len(rest))
    return True


def _byline_rule(unit: Unit, state: State) -> bool:
    """``By Jane Doe``: the name goes to the author."""
    name = byline(unit.kept())
    if not name:
        return False
    state.removed.append("byline")
    state.author = state.author or name
    unit.ranges = []
    return True


def _caption_rule(unit: Unit, state: State) -> bool:
    """Captions and credits, whole lines or glued to a sentence."""
    if len(unit.ranges) == 1:
        for start, end, label in caption_cuts(unit.text):
            unit.cut(start, end)
            state.removed.append(label)
    return False


def _dateline_rule(unit: Unit, state: State) -> bool:
    """``LONDON (Reuters) -`` at the start of the first paragraph; its outlet is noted."""
    if state.body_started:
        return False
    a, b = unit.ranges[0]
    match = _dateline(unit.text[a:b])
    if match:
        unit.cut(a, a + match.end())
        state.removed.append("dateline")
        outlet = match.groupdict().get("outlet")
        if outlet and not state.dateline_outlet:
            state.dateline_outlet = outlet.strip()
    return False


def _boilerplate_rule(unit: Unit, state: State) -> bool:
    """Whole-line boilerplate (newsletter, cookie, related links, timestamps …)."""
    label = boilerplate_label(unit.kept(), unit)
    if not label:
        return False
    state.removed.append(label)
    unit.ranges = []
    return True


def _title_rule(unit: Unit, state: State) -> bool:
    """The first headline-like line before the body is the title when none is known."""
    if state.candidate_seen or state.body_started:
        return False
    state.candidate_seen = True
    text = unit.kept()
    if state.title is None and headline_like(text) and word_count(text) >= 2:
        state.title = text
        state.removed.append("title")
        state.title_unit = (unit, unit.ranges)
        unit.ranges = []
        return True
    return False


def keep_lone_title(units: list[Unit], state: State) -> bool:
    """A document whose only line was taken for its title is a sentence without its final
    punctuation, not a headline: give the line back as text (a one-sentence document).
    Return True when it did."""
    if state.title_unit is None or any(unit.ranges for unit in units):
        return False
    unit, ranges = state.title_unit
    unit.ranges = ranges
    state.title = None
    state.title_unit = None
    state.removed.remove("title")
    return True


def _duplicate_rule(unit: Unit, state: State) -> bool:
    """A paragraph repeating an earlier kept one; else the unit is kept (and a sentence
    starts the body)."""
    text = unit.kept()
    key = norm(text)
    if key in state.seen:
        state.removed.append("duplicate")
        unit.ranges = []
        return True
    state.seen.add(key)
    state.candidate_seen = True
    if not headline_like(text):
        state.body_started = True
    return True


_RULES = (
    _markdown_rule, _title_repeat_rule, _byline_rule, _caption_rule, _dateline_rule,
    _boilerplate_rule, _title_rule, _duplicate_rule,
)


def _title_end(text: str, title: str) -> int:
    """Return the offset in ``text`` just past the words of ``title`` that it starts with.

    Punctuation may differ, so the end is the shortest prefix (of at least half the title)
    whose normal form covers the title and that ends at a word end. A longer prefix has a
    longer normal form, so the shortest one is found by bisection: O(n log n), not O(n²).
    """
    wanted = norm(title)
    low, high = min(len(title) // 2, len(text)), min(len(text), 2 * len(title) + 10)
    if low > high or not norm(text[:high]).startswith(wanted):
        return len(text)
    while low < high:
        middle = (low + high) // 2
        if norm(text[:middle]).startswith(wanted):
            high = middle
        else:
            low = middle + 1
    for i in range(low, min(len(text), 2 * len(title) + 10) + 1):
        if i == len(text) or not text[i].isalnum():
            return i
    return len(text)


def trim_tail(units: list[Unit], state: State) -> None:
    """Drop tag lines, bios and credits at the end of the article."""
    kept = [u for u in units if u.ranges]
    checked = 0
    while kept and checked < BIO_TAIL_PARAGRAPHS:
        unit = kept[-1]
        text = unit.kept()
        label = None
        if _glued_tagline(text) and checked == 0:
            label = "tagline"
        elif _BIO.match(text) and word_count(text) <= BOILERPLATE_MAX_WORDS:
            label = "bio"
        elif _CREDITS.search(text) and word_count(text) <= BOILERPLATE_MAX_WORDS:
            label = "credits"
        if label is None:
            checked += 1
            kept.pop()
            continue
        state.removed.append(label)
        unit.ranges = []
        kept.pop()
