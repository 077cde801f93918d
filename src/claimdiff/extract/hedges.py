"""Hedging cues ("could hold", "likely", "is believed to", "estimated") in a claim."""

from __future__ import annotations

import re

__all__ = ["find_hedges", "HEDGE_PATTERN"]

#: Words and phrases that mark a statement as uncertain or estimated.  Modal verbs
#: count only as modals ("could hold"), not in fixed phrases like "may I".
_HEDGES = (
    r"could", r"may", r"might", r"would likely", r"likely", r"unlikely", r"possibly",
    r"probably", r"perhaps", r"apparently", r"reportedly", r"allegedly", r"presumably",
    r"purportedly", r"seemingly",
    r"appears? to", r"appeared to", r"seems? to", r"seemed to",
    r"(?:is|are|was|were|been) (?:believed|thought|estimated|expected|understood|suspected|said) to",
    r"estimates?", r"estimated", r"an estimated", r"according to estimates",
    r"it is (?:possible|unclear|uncertain)", r"remains? (?:uncertain|unclear)", r"uncertain",
    r"believes?", r"suspects?",
    r"roughly estimated", r"preliminary",
)
HEDGE_PATTERN = re.compile(
    r"\b(?:" + "|".join(sorted((h.replace(" ", r"\s+") for h in _HEDGES), key=len, reverse=True)) + r")\b", re.I
)
#: "May" with a capital inside a sentence, or before a day or year, is the month.
_MONTH_MAY = re.compile(r"May(?=\s*(?:\d|,))")


def find_hedges(text: str) -> tuple[str, ...]:
    """Return the hedging cues in ``text``, lower-cased, in order, without repeats.

    >>> find_hedges("which could hold more than 3 million shells, and likely more")
    ('could', 'likely')
    """
    seen: list[str] = []
    for m in HEDGE_PATTERN.finditer(text):
        if m.group(0) == "May" and (m.start() > 0 or _MONTH_MAY.match(text, m.start())):
            continue
        cue = re.sub(r"\s+", " ", m.group(0).lower())
        if cue not in seen:
            seen.append(cue)
    return tuple(seen)
