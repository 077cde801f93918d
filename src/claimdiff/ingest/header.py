"""Dates and the ``Title:``/``Date:``/… header of a plain-text article."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["HEADER_KEYS", "iso_date", "parse_date", "parse_header"]

#: Header keys a plain-text file may start with, mapped to ``Source`` fields.
HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "outlet": "outlet",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}
#: The value is taken greedily and stripped after: a lazy value before ``[ \t]*$`` is
#: quadratic in a long run of spaces.
_HEADER_LINE = re.compile(r"[ \t]*(" + "|".join(HEADER_KEYS) + r")[ \t]*:[ \t]*(.*)", re.I)

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d])"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b")


def iso_date(year: int, month: int, day: int) -> str | None:
    """Return ``YYYY-MM-DD`` or ``None`` when the parts are not a real date."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(token: str) -> int:
    """Return the month number for a numeric or named month token."""
    return int(token) if token.isdigit() else _MONTHS[token.lower().rstrip(".")]


def parse_date(value: str) -> str | None:
    """Parse a date written in any common format and return it as ISO ``YYYY-MM-DD``.

    Args:
        value: e.g. ``"2024-02-27"``, ``"2024-02-27T10:32:00Z"``, ``"Feb. 27, 2024"``,
            ``"Tuesday, 27 February 2024"``, ``"27.02.2024"`` or ``"02/27/2024"``.

    Returns:
        The ISO date, or ``None`` when no date can be read. Numeric ``a/b/yyyy`` dates
        are read month-first unless that is impossible; ``a.b.yyyy`` is read day-first.

    Example:
        >>> parse_date("Tue, 27 Feb 2024 10:32:00 +0000")
        '2024-02-27'
    """
    text = value.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            iso = iso_date(int(match["year"]), _month_number(match["month"]), int(match["day"]))
            if iso:
                return iso
    match = _NUMERIC_DATE.search(text)
    if match:
        first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
        day_first = match["sep"] == "." or first > 12
        month, day = (second, first) if day_first else (first, second)
        return iso_date(year, month, day)
    match = _MONTH_YEAR.search(text)
    if match:
        return iso_date(int(match["year"]), _month_number(match["month"]), 1)
    return None


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Read the optional ``Key: value`` header at the top of a plain-text article.

    Args:
        text: the whole text.

    Returns:
        ``(fields, end)``: the header values keyed by ``Source`` field (``published`` is
        normalised to ISO when it parses), and the offset where the header block ends
        (after its blank line), or ``({}, 0)`` when there is no header.

    Example:
        >>> parse_header("Title: Hi\\nDate: 5 March 2024\\n\\nBody.")
        ({'title': 'Hi', 'published': '2024-03-05'}, 30)
    """
    fields: dict[str, str] = {}
    seen_header = False
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].rstrip("\r")
        next_pos = min(end + 1, len(text))
        if not line.strip():
            pos = next_pos
            if seen_header:
                break
            continue  # blank lines before the header are tolerated
        match = _HEADER_LINE.fullmatch(line)
        if not match:
            break
        seen_header = True
        key = HEADER_KEYS[match.group(1).lower()]
        value = match.group(2).strip()
        if key == "published":
            value = parse_date(value) or ""
        if value and key not in fields:
            fields[key] = value
        pos = next_pos
    if not seen_header:
        return {}, 0
    return fields, pos
