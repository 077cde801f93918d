"""Article metadata found in the text: the outlet behind a URL or a dateline, and the dates
an article mentions. Outlet tables are data (``clean/data/outlets.json``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..ingest.header import parse_date
from .lexicon import outlet_table

__all__ = ["KNOWN_OUTLETS", "outlet_from_url", "find_dates", "dateline_outlet"]

#: Well-known news hosts and the outlet names they stand for.
KNOWN_OUTLETS: dict[str, str] = outlet_table("known_outlets")
#: Second-level public suffixes, so ``bbc.co.uk`` reads as ``bbc`` (a small list, not the PSL).
_SECOND_LEVEL_SUFFIXES = frozenset(outlet_table("second_level_suffixes"))
_DATELINE_OUTLETS: dict[str, str] = outlet_table("dateline_outlets")


def outlet_from_url(url: str | None) -> str | None:
    """Name the outlet behind a URL: a known host, else its registrable domain, capitalised.

    Example:
        >>> outlet_from_url("https://www.cnn.com/2024/02/27/asia/x/index.html")
        'CNN'
        >>> outlet_from_url("https://news.example.org/a")
        'Example'
    """
    if not url:
        return None
    host = (urlsplit(url if "://" in url else f"//{url}").hostname or "").lower().rstrip(".")
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return None
    labels = host.split(".")
    for i in range(len(labels)):
        suffix = ".".join(labels[i:])
        if suffix in KNOWN_OUTLETS:
            return KNOWN_OUTLETS[suffix]
    if len(labels) < 2:
        return None
    size = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL_SUFFIXES and len(labels) >= 3 else 2
    name = labels[-size]
    if name in ("www", "m", "amp", "") or not name:
        return None
    return name.upper() if len(name) <= 3 else name.capitalize()


_SCAN_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[A-Z][a-z]{2,8})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b"),
)


def find_dates(text: str) -> list[str]:
    """Return the full dates (day-month-year or month-year) written in ``text``, as ISO, sorted.

    A month and year alone count as the first of the month.

    Example:
        >>> find_dates("on January 10, 2024, and in September 2023")
        ['2023-09-01', '2024-01-10']
    """
    found: set[str] = set()
    taken: list[tuple[int, int]] = []  # spans already read, disjoint, sorted
    for pattern in _SCAN_PATTERNS:  # full dates first, so "March 2023" in "3 March 2023" is skipped
        new: list[tuple[int, int]] = []
        index = 0
        for match in pattern.finditer(text):
            while index < len(taken) and taken[index][1] <= match.start():
                index += 1  # one sweep over the taken spans: linear, however many dates
            if index < len(taken) and taken[index][0] < match.end():
                continue
            iso = parse_date(match.group())
            if iso:
                found.add(iso)
                new.append(match.span())
        taken = sorted(taken + new)
    return sorted(found)


def dateline_outlet(name: str) -> str:
    """Normalise an outlet named in a dateline parenthesis."""
    return _DATELINE_OUTLETS.get(name.upper(), name)
