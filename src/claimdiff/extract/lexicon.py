"""Load the word lists and patterns extraction uses, from the data files in
``claimdiff/lexicons/`` (JSON, or JSONL rows of ``{"label", "pattern"}`` like spaCy's
span_ruler, read through ``claimdiff.lexicons.load``), each read once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..lexicons import load

__all__ = ["load_json", "load_jsonl", "label_map", "months"]


def _read(name: str) -> str:
    """The text of one data file in claimdiff/lexicons/."""
    return (resources.files("claimdiff") / "lexicons" / name).read_text(encoding="utf-8")


@cache
def load_json(name: str) -> Any:
    """The parsed content of the JSON data file ``name`` (cached: treat as read-only)."""
    return json.loads(_read(name))


def load_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of the JSONL data file ``name``, in file order (cached by
    ``claimdiff.lexicons.load``: treat as read-only)."""
    return load(name.removesuffix(".jsonl"))


def label_map(name: str) -> dict[str, str]:
    """``{pattern: label}`` for a ``{"label", "pattern"}`` JSONL file, in file order."""
    return {row["pattern"]: row["label"] for row in load_jsonl(name)}


def months() -> dict[str, int]:
    """Month names and abbreviations, lower case ("sept" included) → month number."""
    return dict(load_json("months.json"))
