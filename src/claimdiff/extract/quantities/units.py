"""Units, currencies and rates after (or before) an amount."""

from __future__ import annotations

import re

from .lexicon import (
    CASE_EXACT,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    DENOMINATOR_NAMES,
    GLUED_ONLY,
    RATE_CODES,
    RATE_CODE_RE,
    RATE_DENOMINATORS,
    RATE_RE,
    SIGN_CURRENCIES,
    UNIT_FORMS,
    UNIT_NAMES,
    UNIT_RE,
)
from .tokens import _Number, _Tok


#: Letters that may touch the digits because they spell a currency ("RM23", "US$5").
_GLUED_CURRENCY_WORDS = {k.rstrip("$= .") for k in CURRENCY_PREFIXES if k[0].isalpha()} | {
    "US", "HK", "A", "C", "NZ", "S", "AU", "R"}


#: Letter-only currency forms that may touch the digits on their own ("RM23", "Rs500").
_LETTER_CURRENCIES = {k for k in CURRENCY_PREFIXES if k.isalpha()} | {"Rs", "PS"}


def _glued_currency(tokens: list[_Tok], k: int, number: _Number) -> bool:
    """True when the letters at token ``k``, touching the number, spell its currency:
    "RM23", "$US55,931,000", "$A82m", "PS2.7m" (an ASCII-folded "£"); not "S23" or "A1"."""
    word = tokens[k].text
    if word == "PS":  # "£" folded to ASCII; "PS5" is a games console, so ask for a money-like number
        first = tokens[number.first].text
        return number.has_scale or "," in first or "." in first
    if word in _LETTER_CURRENCIES:
        return True
    if word in _GLUED_CURRENCY_WORDS and k > 0 and tokens[k - 1].text == "$" and tokens[k - 1].end == tokens[k].start:
        return True  # "$US", "$A", "$C", "$NZ"
    return False


def _match_unit(text: str, pos: int, value: float) -> tuple[str, int, str] | None:
    """Match a unit right after ``pos``; return (normalised unit, end, surface) or None."""
    m = UNIT_RE.match(text, pos)
    if not m:
        return None
    surface = m.group(1)
    key = surface.lower()
    glued = m.start(1) == pos
    if key in CASE_EXACT and surface not in CASE_EXACT[key]:
        return None
    if key in GLUED_ONLY and not glued:
        return None
    if key == "m" and not glued and text[pos:m.start(1)] == "-":
        return None
    norm = UNIT_FORMS[key]
    if key in ("c", "f") and not glued:
        return None
    if key == "won" and value is not None and value < 10 and not glued:
        # "won 3" is a verb; "3 won" rarely sensible for tiny amounts
        return None
    end = m.end()
    # "degrees" followed by C/F
    if norm == "degree":
        m2 = re.match(r"\s?(?:celsius|centigrade|C\b)", text[end:])
        if m2:
            return "celsius", end + m2.end(), text[m.start(1):end + m2.end()]
        m2 = re.match(r"\s?(?:fahrenheit|F\b)", text[end:])
        if m2:
            return "fahrenheit", end + m2.end(), text[m.start(1):end + m2.end()]
    return norm, end, surface


def _match_rate(text: str, pos: int) -> tuple[str, int] | None:
    """Match '/day', 'per barrel', 'a year' after a unit; return (denominator, end)."""
    m = RATE_RE.match(text, pos)
    if m:
        return RATE_DENOMINATORS[m.group(1).lower()], m.end()
    m = RATE_CODE_RE.match(text, pos)
    if m:
        return RATE_CODES[m.group(1).lower()], m.end()
    return None


def unit_name(unit: str | None) -> str | None:
    """The readable name of a normalised unit, as the JSON contract carries it: "year_of_age"
    → "year of age"; a money amount in dollars, euros, pounds or yen keeps its ISO code
    ("USD"), one in another currency is named in words ("MYR" → "Malaysian ringgit", "ILS"
    → "shekel"); a rate is spelled in words,
    "USD/barrel" → "dollar per barrel", "barrel/day" → "barrel per day", "USD/oz" → "dollar
    per ounce"; units that are words
    or standard symbols ("percent", "km", "mph") are their own name."""
    if unit is None:
        return None
    if unit in UNIT_NAMES:
        return UNIT_NAMES[unit]
    if unit in CURRENCY_WORDS and unit not in SIGN_CURRENCIES:
        return CURRENCY_WORDS[unit]
    if "/" in unit:
        numerator, denominator = unit.split("/", 1)
        return f"{_word_name(numerator)} per {DENOMINATOR_NAMES.get(denominator) or _word_name(denominator)}"
    return unit


def _word_name(unit: str) -> str:
    """A part of a rate in words: a currency by its English name, else its unit name."""
    return CURRENCY_WORDS.get(unit) or unit_name(unit) or unit
