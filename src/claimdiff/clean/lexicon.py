"""The cleaner's word lists and patterns, kept as data files in ``clean/data`` and loaded
once: ``boilerplate.jsonl`` and ``captions.jsonl`` hold ``{"label", "pattern"}`` lines
(spaCy span_ruler style; patterns ignore case unless ``"ignore_case": false``), and
``outlets.json`` the outlet names of well-known hosts and datelines."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["patterns", "pattern", "alternatives", "outlet_table"]


@cache
def _entries(name: str) -> tuple[dict[str, Any], ...]:
    """The entries of one JSONL data file, in file order."""
    text = files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


def _compile(entry: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(entry["pattern"], re.I if entry.get("ignore_case", True) else 0)


@cache
def patterns(name: str, label: str) -> tuple[re.Pattern[str], ...]:
    """The compiled patterns with ``label`` in the data file ``name``, in file order."""
    found = tuple(_compile(entry) for entry in _entries(name) if entry["label"] == label)
    if not found:
        raise LookupError(f"clean/data/{name} has no pattern labelled {label!r}")
    return found


def pattern(name: str, label: str) -> re.Pattern[str]:
    """The one compiled pattern with ``label`` in the data file ``name``."""
    (found,) = patterns(name, label)
    return found


@cache
def alternatives(name: str, label: str) -> str:
    """The patterns with ``label`` as one regex fragment ``(?:a|b|…)``, to build on."""
    return "(?:" + "|".join(entry["pattern"] for entry in _entries(name) if entry["label"] == label) + ")"


@cache
def outlet_table(key: str) -> Any:
    """One table of ``outlets.json`` (``known_outlets``, ``second_level_suffixes``, …)."""
    return json.loads(files(__package__).joinpath("data", "outlets.json").read_text(encoding="utf-8"))[key]
