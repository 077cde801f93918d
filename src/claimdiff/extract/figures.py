"""Which amounts of a sentence are figures a claim gives, and which are incidental numbers
that only help say something else. Every amount stays in the article's ``quantities``;
claims leave out:

- the denominator of a rate: "$4,400 per 40-foot container", "3 deaths per 100,000";
- a number in a fixed compound: "a two-way street", "a three-time champion", "a two-horse race";
- an age: "a 52-year-old man", "aged 45";
- a score: "won 3-1", "a 7-2 vote" (a dash pair falling);
- a length of time that places an event, not a figure: "three days after the vote",
  "two years ago", "eight minutes into the second half";
- the size of a window a figure is counted in: "19 points from the last 21", "in its
  first 100 days";
- a small number in a definite description of things already named: "the two states'
  cooperation", "its three reactors";
- "one" as a pronoun or an article: "I'm not sure he has one", "In one message, …";
- a singular thing sized by a number: "a 15,000 TEU ship", "a 300-metre tower" (money,
  percentages, multipliers, odds, terms such as "a 30-day ceasefire" and "a 2,000-strong
  crowd" are figures);
- a threshold that picks out a place: "up to 20cm on ground above 300 metres".

Durations in weeks are given in days (exact; months and years keep their unit).
Word lists are data: ``lexicons/figures.jsonl``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..lexicons import alternation, patterns
from ..model import Quantity

__all__ = ["is_incidental", "claim_figures"]

_IDIOM = re.compile(r"-(?:" + alternation(patterns("figures", "IDIOM_HEAD")) + r")\b", re.I)
_TIME_RELATION = re.compile(r"\s+(?:" + alternation(patterns("figures", "TIME_RELATION")) + r")\b", re.I)
_WINDOW = re.compile(r"\b(?:the|its|their|his|her|our)\s+(?:" + alternation(patterns("figures", "WINDOW_WORD"))
                     + r")\s+$", re.I)
_ANAPHORIC = re.compile(r"\b(?:" + alternation(patterns("figures", "ANAPHORIC_DETERMINER")) + r")\s+$", re.I)
_THRESHOLD = patterns("figures", "THRESHOLD_WORD")
_PER = re.compile(r"\b(?:per|for\s+every)\s+$", re.I)
_INDEFINITE = re.compile(r"\b(?:a|an)\s+$", re.I)
#: Characters of context read on each side of an amount.
CONTEXT = 80
_ONE_AS_A = re.compile(r"\b(?:in|on|at|for)\s+$", re.I)
_SMALL_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade"})
_LENGTH_UNITS = frozenset({"km", "m", "cm", "mm", "mile", "ft", "yard", "inch", "nautical_mile"})


def _money_or_share(q: Quantity) -> bool:
    """True for money ("$5bn", "£1.72 a week"), percentages, multipliers ("a fivefold
    rise") and odds ("a 2 in 3 chance"): figures even as modifiers."""
    unit = q.unit or ""
    return bool(re.match(r"[A-Z]{3}\b", unit)) or unit.startswith(("percent", "times", "fraction")) \
        or q.text[:1] in "$£€¥"


def _threshold_of_a_place(q: Quantity, tokens: Any, offset: int) -> bool:
    """True when "above/below/over/under N <length>" follows a noun ("ground above 300
    metres"), not a verb ("the river rose above 5 metres"). The word before is asked, not
    the attachment, which a small parser often gets wrong here."""
    if tokens is None or q.unit not in _LENGTH_UNITS:
        return False
    chunk = tokens.char_span(q.start - offset, q.end - offset, alignment_mode="expand")
    for tok in chunk or ():
        if tok.lower_ in _THRESHOLD:
            return tok.i > getattr(tokens, "start", 0) and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN")
    return False


def is_incidental(q: Quantity, text: str, offset: int = 0, *, tokens: Any = None) -> bool:
    """True when amount ``q`` of sentence ``text`` (at ``offset`` in the article) is an
    incidental number, not a figure of the claim (see the module doc). ``tokens``: the
    sentence's parse, when there is one."""
    s, e = q.start - offset, q.end - offset
    if not 0 <= s < e <= len(text):
        return False
    before, after = text[max(0, s - CONTEXT):s], text[e:e + CONTEXT]  # bounded: linear in a long sentence
    first = q.text.split()[0].lower() if q.text.split() else ""
    if q.unit == "year_of_age" or _IDIOM.match(after) or re.search(r"\baged\s+$", before, re.I):
        return True
    if q.value is not None and q.value_max is not None and q.value > q.value_max and q.unit is None \
            and re.search(r"\d\s?[-–]\s?\d", q.text):
        return True  # a score ("won 3-1", "a 7-2 vote"), not a range
    if _PER.search(before) and not _money_or_share(q):
        return True
    if q.unit in _TIME_UNITS and _TIME_RELATION.match(after):
        return True
    if _WINDOW.search(before):
        return True
    if first in _SMALL_WORDS and q.qualifier is None and q.unit is None and _ANAPHORIC.search(before):
        return True
    if first == "one" and q.text.lower() == "one" and (q.object is None or _ONE_AS_A.search(before)):
        return True  # "he has one", "a necessary one", "In one message" (one as "a"), not a count
    if _INDEFINITE.search(before) and q.qualifier is None and not _money_or_share(q) \
            and q.unit not in _TIME_UNITS and not re.match(r"-?strong\b", after):
        return True
    return _threshold_of_a_place(q, tokens, offset)


#: Durations a claim gives in days, where the conversion is exact ("up to two weeks" → up
#: to 14 days, comparable with "10 to 14 days"); months and years vary in length and keep
#: their unit.
EXACT_DAYS = {"week": 7}


def _in_days(q: Quantity) -> Quantity:
    """A duration in weeks as days; other amounts unchanged (the text stays as written)."""
    factor = EXACT_DAYS.get(q.unit or "")
    if factor is None or q.value is None:
        return q
    return replace(q, value=q.value * factor, value_max=q.value_max * factor if q.value_max is not None else None,
                   unit="day")


def claim_figures(found: list[Quantity], text: str, offset: int = 0, *, tokens: Any = None) -> list[Quantity]:
    """The amounts of a sentence that a claim gives: ``found`` less the incidental ones,
    durations in weeks given in days."""
    return [_in_days(q) for q in found if not is_incidental(q, text, offset, tokens=tokens)]
