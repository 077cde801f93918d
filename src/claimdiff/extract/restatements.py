"""One claim per figure per article: a figure restated later in the same article (the
lede's "a defence official says more than 1,000 containers", then the body's quote of
the same official) is one claim, not two.

Two mentions are one figure when the amount is the same (value, range, unit, qualifier,
counted object, time scope and statement date agree, an unknown one agreeing with any)
and the speakers can be one source:

- the outlet's own voice (kind ``narration``) restating a figure that a source gives in
  the article is that source's claim: the figure leaves the narration;
- two attributed mentions are one when the speakers can be the same: two named people
  with one name, or descriptions that share a telling word ("South Korea's top defence
  official" / "Defense Minister Shin Won-sik"; "South Korean intelligence" / "the Defense
  Intelligence Agency"). Role words alone ("official", "spokesperson") tell nothing:
  "a South Korean defence official" and "White House spokesperson John Kirby" giving one
  figure are two claims.

The mention kept is the one with the most specific speaker (a named person, then a proper
name, then a description), then the one that says when (scope, date), then the first.
The article's ``quantities`` keep every mention; only the claims lose the repeats.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import replace

from ..lexicons import alternation, patterns
from ..model import Claim, Quantity, Speaker
from .attribution.resolve import same_person
from .lexicon import months

__all__ = ["merge_restatements", "same_figure", "can_be_same_speaker"]

#: Words that tell nothing about who is speaking: role nouns, fillers, small words.
_UNTELLING = (patterns("speakers", "ROLE_WORD") | patterns("speakers", "ROLE_FILLER")
              | patterns("speakers", "ACRONYM_SKIP") | patterns("speakers", "GENERIC_SOURCE")
              | frozenset({"officials", "sources", "spokespeople", "said", "says", "told", "according"}))
_SPELLING = {e: n for e, n in (("defence", "defense"), ("organisation", "organization"), ("centre", "center"))}


def _telling_words(sp: Speaker) -> set[str]:
    """Content words of a speaker's name, role, mention and body, role nouns left out."""
    text = " ".join(x for x in (sp.name, sp.role, sp.org, sp.mention, sp.of) if x)
    words = {_SPELLING.get(w, w) for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 1}
    words |= {w[:-1] for w in words if w.endswith("n") and w[:-1] + "n" in words and len(w) > 5}  # korean → korea
    return words - _UNTELLING


def _is_name(text: str | None) -> bool:
    """True for a proper name ("Shin Won-sik", "Defense Intelligence Agency"), not a
    description ("South Korea's top defense official")."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", text or "")
    return bool(words) and all(w[0].isupper() and not w.endswith(("'s", "’s")) for w in words if len(w) > 3)


def _role_head(sp: Speaker) -> str | None:
    """The last word of a speaker's role ("official" for "senior port official")."""
    words = re.findall(r"[a-z]+", (sp.role or "").lower())
    return words[-1] if words else None


def can_be_same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    """True when two speakers of one article can be one source (see the module doc)."""
    if a is None or b is None:
        return False
    if a.type == "person" and b.type == "person" and _is_name(a.name) and _is_name(b.name):
        return same_person(a.name, b.name)  # two people named: one name, or two people
    ta, tb = _telling_words(a), _telling_words(b)
    if (not ta or not tb) and _role_head(a) and _role_head(a) == _role_head(b):
        return True  # "the official" after "a senior port official"
    return bool(ta & tb)


def _head(q: Quantity) -> str | None:
    return (q.object_head or (q.object or "").lower().split()[-1:] or [None])[0] if (q.object_head or q.object) else None


def same_figure(a: Quantity, b: Quantity) -> bool:
    """True when two mentions give one amount: value (or the vague words), range, unit,
    qualifier and counted object agree; a missing object agrees with any, and with no
    object on either side, what the amounts measure (``concept``) must share a word."""
    if a.vague or b.vague:
        return a.vague and b.vague and a.text.lower() == b.text.lower() and _head(a) == _head(b)
    if a.value != b.value or a.value_max != b.value_max or a.unit != b.unit or a.qualifier != b.qualifier:
        return False
    ha, hb = _head(a), _head(b)
    if ha is None and hb is None and a.concept and b.concept:
        # No counted object: what the amount measures must agree ("Smith at 17 percent" is
        # not "Jones at 17 percent").
        return bool(_content_words(a.concept) & _content_words(b.concept))
    return ha is None or hb is None or ha == hb


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2} - {"the", "and", "for", "with", "its", "their"}


_MONTHS = months()
#: Years, month names (not "may", the verb) and weekdays: what says when a figure holds.
_TIME_WORD = re.compile(r"\b(?:(?:19|20)\d\d|(?-i:May)|" + alternation(
    [m for m in months() if len(m) > 3] + [d.lower() for d in calendar.day_name]) + r")\b", re.I)


def _same_when(a: Claim, b: Claim) -> bool:
    """True when two claims do not give different periods or statement dates, nor name
    different months, weekdays or years ("500 homes in March" / "500 homes in April")."""
    sa, sb = a.time_scope, b.time_scope
    if sa and sb and (sa.start, sa.end) != (sb.start, sb.end):
        return False
    if a.statement_date and b.statement_date and a.statement_date != b.statement_date:
        return False
    wa, wb = _time_words(a.evidence_text), _time_words(b.evidence_text)
    return not wa or not wb or bool(wa & wb)


def _time_words(text: str) -> set[str]:
    """The years, months (as numbers: "Sept" is "September") and weekdays a text names."""
    return {str(_MONTHS.get(w.lower(), w.lower())) for w in _TIME_WORD.findall(text)}


def _rank(claim: Claim, index: int) -> tuple:
    """Which of two mentions of a figure to keep: the highest rank."""
    sp = claim.speaker or Speaker()
    proper = _is_name(sp.name)
    named_person = sp.type == "person" and proper
    return (claim.kind != "narration", named_person, proper, claim.time_scope is not None,
            claim.statement_date is not None, -index)


def merge_restatements(claims: Sequence[Claim]) -> list[Claim]:
    """Drop each figure's repeats from the claims of one article (see the module doc).

    A narration claim left with no figure is dropped; an attributed one stays (it is
    still a statement)."""
    # Only mentions of one amount can be one figure: compare within those groups, so a
    # long article costs no more than the repeats it holds.
    groups: dict[tuple, list[tuple[int, int]]] = {}
    for ci, c in enumerate(claims):
        for qi, q in enumerate(c.quantities):
            key = (q.text.lower(),) if q.vague else (q.value, q.value_max, q.unit, q.qualifier)
            groups.setdefault(key, []).append((ci, qi))
    dropped: set[tuple[int, int]] = set()
    for mentions in groups.values():
        if len(mentions) > 1:
            _drop_repeats(claims, mentions, dropped)
    if not dropped:
        return list(claims)
    out = []
    for ci, c in enumerate(claims):
        kept = tuple(q for qi, q in enumerate(c.quantities) if (ci, qi) not in dropped)
        if len(kept) == len(c.quantities):
            out.append(c)
        elif kept or c.kind != "narration":
            out.append(replace(c, quantities=kept))
    return out


def _drop_repeats(claims: Sequence[Claim], mentions: list[tuple[int, int]], dropped: set[tuple[int, int]]) -> None:
    """Add to ``dropped`` the repeats among ``mentions`` (claim, quantity) of one amount."""
    for n, (ci, qi) in enumerate(mentions):
        if (ci, qi) in dropped:
            continue
        a = claims[ci]
        for cj, qj in mentions[n + 1:]:
            if cj == ci or (cj, qj) in dropped:
                continue
            b = claims[cj]
            if not same_figure(a.quantities[qi], b.quantities[qj]) or not _same_when(a, b):
                continue
            if a.kind != "narration" and b.kind != "narration" and not can_be_same_speaker(a.speaker, b.speaker):
                continue
            if a.kind == "narration" and b.kind == "narration":
                continue  # the outlet repeating itself is not scored as a source's claim
            loser = (ci, qi) if _rank(a, ci) < _rank(b, cj) else (cj, qj)
            dropped.add(loser)
            if loser == (ci, qi):
                break
