"""Hedging cues ("could hold", "likely", "is believed to", "estimated") in a claim."""

from __future__ import annotations

import re

from .lexicon import load_jsonl

__all__ = ["find_hedges", "HEDGE_PATTERN"]

#: Words and phrases that mark a statement as uncertain or estimated (regular expressions,
#: from ``lexicons/hedges.jsonl``).  Modal verbs count only as modals ("could hold"), not in
#: fixed phrases like "may I".
_HEDGES = tuple(row["pattern"] for row in load_jsonl("hedges.jsonl") if row["label"] == "hedge")
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
