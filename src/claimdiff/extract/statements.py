"""One statement told over several sentences: who holds the office a lede describes, and
the day of a briefing that the text gives once.

- A lede often describes a source by office and the next sentence names them: "…,
  according to South Korea's defence minister." then "Shin Won-sik told reporters on
  Tuesday that …". A description of one office holder (a possessive or "the" before a
  role word: "Chile's finance minister", "the agency's director") followed straight away
  by a statement of a person named for the first time, with no role of their own, is
  that person. "A police spokesman said …" then "John Reid said …" are two people (an
  indefinite description is one of many).
- A statement date given once ("told reporters on Tuesday") holds for the same
  speaker's claims in the sentences around it, while no other speaker comes between, unless
  a claim says it was made earlier ("had said", "previously", "in December") or has a
  date of its own.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import replace

from ..lexicons import alternation, patterns
from ..model import Claim, Speaker
from .attribution import role_fits
from .attribution.resolve import same_person
from .lexicon import months
from .timescope import parse_iso

__all__ = ["name_office_holders", "carry_statement_dates", "fits_office"]

_ROLE_WORDS = patterns("speakers", "ROLE_WORD")
#: At most this many characters between a lede's description and the sentence naming them.
NAMING_GAP = 300
#: Words that place a statement before the one being reported ("had said", "has
#: previously estimated", "back in February").
_EARLIER = re.compile(r"\b(?:(?:had|has|have)\s+(?:\w+\s+)?(?:said|told|estimated|put|reported|stated|announced|"
                      r"claimed|warned)|previously|earlier\s+(?:this|that|in|on)|(?:said|told|estimated|put)\s+(?:\w+\s+)?earlier|"
                      r"last\s+(?:week|month|year)|back\s+in|at\s+the\s+time)\b", re.I)


def fits_office(description: str | None, role: str | None) -> bool:
    """True when a description ("defence minister") fits a role: every telling word in
    it (``role_fits``), or the role is the description's bare head ("Minister", when the
    text said "Defence Minister Shin" and only the head was kept)."""
    if role_fits(description, role):
        return True
    head = re.findall(r"[a-z]+", (description or "").lower())
    return bool(head) and (role or "").strip().lower() == head[-1]


_MONTHS = months()
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
#: Years, months (not "may", the verb) and weekdays.
_WHEN_WORD = re.compile(r"\b(?:(?:19|20)\d\d|(?-i:May)|" + alternation(
    [m for m in _MONTHS if len(m) > 3] + list(_WEEKDAYS)) + r")\b", re.I)


def _office(sp: Speaker | None) -> bool:
    """True for an unnamed person described as the one holder of an office."""
    if sp is None or sp.type not in ("person", "unnamed") or not sp.role or not sp.mention:
        return False
    if sp.name and sp.name not in (sp.role, sp.mention) and not sp.name.endswith(sp.role):
        return False
    words = re.findall(r"[a-z]+", sp.role.lower())
    mention = sp.mention.strip().lower()
    return bool(words) and words[-1] in _ROLE_WORDS and (mention.startswith("the ") or bool(re.search(r"['’]s\b", mention)))


def _proper(name: str | None) -> bool:
    """True for a name written as a proper name ("Shin Won-sik", "Reyes")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", name or "")
    return bool(words) and all(w[0].isupper() for w in words)


def _named_without_role(sp: Speaker | None) -> bool:
    """True for a person named by name alone ("Shin Won-sik told reporters"); the tagger
    may call a name it does not know "unnamed"."""
    return sp is not None and sp.type in ("person", "unnamed") and not sp.role and _proper(sp.name) \
        and len((sp.name or "").split()) >= 2


def name_office_holders(claims: Sequence[Claim]) -> list[Claim]:
    """Give a lede's office description the name of the person the next sentence names
    (see the module doc)."""
    out = list(claims)
    for i, claim in enumerate(out):
        if claim.kind == "narration" or not _office(claim.speaker):
            continue
        j = next((k for k in range(i + 1, len(out)) if out[k].kind != "narration"), None)
        if j is None or out[j].start - claim.end > NAMING_GAP or not _named_without_role(out[j].speaker):
            continue
        named = out[j].speaker
        if any(c.speaker and same_person(c.speaker.name, named.name) for c in out[:i]):
            continue  # named before: not introduced by this lede
        sp = claim.speaker
        out[i] = replace(claim, speaker=replace(named, role=sp.role, mention=sp.mention, start=sp.start, end=sp.end))
    return out


def _same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    """True for one speaker: one name, or a surname and the full name ("Reyes")."""
    if a is None or b is None or not a.name or not b.name:
        return False
    if _proper(a.name) and _proper(b.name):
        return same_person(a.name, b.name)
    return a.name.lower() == b.name.lower()


def carry_statement_dates(claims: Sequence[Claim]) -> list[Claim]:
    """Give a speaker's dateless claims the date of the statement next to them (see the
    module doc)."""
    out = list(claims)
    runs: list[list[int]] = []
    for i, claim in enumerate(out):
        if claim.kind == "narration":
            continue
        if runs and _same_speaker(out[runs[-1][-1]].speaker, claim.speaker):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        dates = {out[i].statement_date for i in run if out[i].statement_date and not _EARLIER.search(out[i].evidence_text)}
        if len(dates) != 1:
            continue  # none, or the run tells of several days
        day = dates.pop()
        for i in run:
            c = out[i]
            if c.statement_date is None and not _EARLIER.search(c.evidence_text) and not _names_another_day(c, day):
                out[i] = replace(c, statement_date=day)
    return out


def _names_another_day(claim: Claim, day: str) -> bool:
    """True when the claim, outside its time scope, names a month or year that is not
    ``day``'s ("a sharp increase on late December, when Shin put the number at …"), or its
    attribution names another weekday ("Shin said on Monday"). A weekday inside what is
    reported dates the event, not the statement ("the ship left early Tuesday")."""
    text, where = claim.evidence_text, claim.evidence
    scope = claim.time_scope
    when = parse_iso(day)
    if when is None:
        return False
    for m in _WHEN_WORD.finditer(text):
        at = where.start + m.start()
        if scope is not None and scope.span_start <= at < scope.span_end:
            continue
        word = m.group(0).lower()
        if word.isdigit():
            if int(word) != when.year:
                return True
        elif word in _WEEKDAYS:
            if _WEEKDAYS[word] != when.weekday() and not claim.start <= at < claim.end:
                return True
        elif _MONTHS.get(word.rstrip(".")) not in (None, when.month):
            return True
    return False
    for m in _WHEN_WORD.finditer(text):
        word = m.group(0).lower()
        if word.isdigit():
            if int(word) != when.year:
                return True
        elif word in _WEEKDAYS:
            if _WEEKDAYS[word] != when.weekday():
                return True
        elif _MONTHS.get(word.rstrip(".")) not in (None, when.month):
            return True
    return False
