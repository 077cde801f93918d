"""Word lists and patterns used by extraction, kept as data: one JSONL file per subject,
one ``{"label", "pattern"}`` object a line (the shape of spaCy's ``span_ruler``
patterns), each file read once per process."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["load", "patterns", "alternation"]


@cache
def load(name: str) -> tuple[dict[str, Any], ...]:
    """The entries of lexicon ``name`` (``lexicons/<name>.jsonl``), in file order."""
    text = (files(__name__) / f"{name}.jsonl").read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


def patterns(name: str, label: str) -> frozenset[str]:
    """The patterns of lexicon ``name`` that carry ``label``."""
    return frozenset(entry["pattern"] for entry in load(name) if entry["label"] == label)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so "more than" wins
    over "more"): the body of a pattern built from a word list."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
