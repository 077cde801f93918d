"""Assemble a quantity around a number phrase: sign, currency, range, unit, rate and qualifier."""

from __future__ import annotations

import re

from ...lexicons import alternation
from .filters import (
    _age_after_name,
    _blocked_spans,
    _false_qualifier,
    _in_blocked,
    _is_address_or_code,
    _is_calibre,
    _rejected,
)
from .lexicon import (
    CURRENCY_ALTERNATION,
    CURRENCY_PREFIXES,
    CURRENCY_PREFIX_RE,
    CHANGE_VERB_FORMS,
    MAX_AGE,
    MIN_AGE,
    MONEY_CUES,
    MULTIPLIER_WORDS,
    OBJECT_STOP,
    QUALIFIER_FORMS,
    WEIGHT_CUES,
    QUALIFIER_RE,
    TENS_WORDS,
    UNITS_WORDS,
    YEAR_MAX,
    YEAR_MIN,
)
from .numbers import _digits_value, _read_number, _word_sequence_value
from .tokens import _Found, _glued, _Number, _Tok, _token_after, _tokenize
from .units import _glued_currency, _match_rate, _match_unit


def _find(text: str) -> list[_Found]:
    """Scan ``text`` and return the amounts (without objects)."""
    tokens = _tokenize(text)
    blocked = _blocked_spans(text)
    results: list[_Found] = []
    i = 0
    n = len(tokens)
    while i < n:
        number = _read_number(tokens, i)
        if number is None:
            i += 1
            continue
        if i > 1 and tokens[i - 1].text in ("-", "–", "/") and tokens[i - 1].end == tokens[i].start \
                and tokens[i - 2].end == tokens[i - 1].start and tokens[i - 2].is_digit:
            i = number.last + 1  # the tail of a rejected "2014-15", "Oct. 18-22", "ISO 3888-2"
            continue
        item = _build(text, tokens, number)
        if item is None:
            i = number.last + 1
            continue
        if _in_blocked(blocked, item.start, item.end):
            i = max(item.tail_token, i + 1)
            continue
        results.append(item)
        i = max(item.tail_token, i + 1)
    return _with_multipliers(text, tokens, results)


#: A multiplier word used as one ("double their level", "twice as many", "triple that of"),
#: not as an adjective or a frequency ("a double murder", "twice a week").
_MULTIPLIER_RE = re.compile(
    r"\b(?:(" + alternation(MULTIPLIER_WORDS) + r")"
    r"(?=\s+(?:the|their|its|that|those|this|these|what|his|her|our|as\s+(?-i:(?!(?:he|she|it|they|we|you|i|the|a|an|"
    r"his|her|their|its|our|well|part|one|if|though|usual)\b)[a-z]+))\b)"
    r"|((?:" + alternation(UNITS_WORDS) + r"|" + alternation(TENS_WORDS) + r"|hundred)fold)\b)", re.IGNORECASE)


def _with_multipliers(text: str, tokens: list[_Tok], results: list[_Found]) -> list[_Found]:
    """Add the multipliers of ``text`` as amounts in unit "times" ("more than double" → >2)."""
    for m in _MULTIPLIER_RE.finditer(text):
        if any(r.start < m.end() and m.start() < r.end for r in results):
            continue
        word = (m.group(1) or m.group(2)).lower()
        value = MULTIPLIER_WORDS.get(word) or UNITS_WORDS.get(word[:-4]) or TENS_WORDS.get(word[:-4]) or 100
        qualifier, qualifier_text, start = _qualifier_before(text, m.start(), False)
        item = _Found(start=start, end=m.end(), value=float(value), unit="times", qualifier=qualifier,
                      qualifier_text=qualifier_text)
        item.tail_token = _token_after(tokens, m.end())
        results.append(item)
    return sorted(results, key=lambda r: r.start)


#: "minus"/"negative" before a number: "minus 130 degrees".
_MINUS_WORD_RE = re.compile(r"(?:^|[\s,(])(minus|negative)[\s-]$", re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
#: Words after "3 m" that make the "m" metres, not million ("3 m tall").
_METRE_AFTER = frozenset({"tall", "high", "long", "wide", "deep", "away", "above", "below", "race", "sprint",
                          "hurdles"})
_OLD_RE = re.compile(r"-?old\b|\s+old\b")
_OF_UNIT_RE = re.compile(r"\s+(?:of\s+)?an?\s+(?:(?:US|U\.S\.|imperial|metric)\s+)?")
_UNIT_ENDS_RE = re.compile(r"\s*(?:[,.;:)]|$|\s(?!of\b))")
_AGE_OF_RE = re.compile(r"\bage\s+of\s*$", re.IGNORECASE)
#: "aged 94", "at age 94", "ages 18 to 34": the number right after is an age in years.
_AGED_RE = re.compile(r"\b(?:aged?|ages)\s+$", re.IGNORECASE)
_BRACKET_RE = re.compile(r"\s*\([^()]{1,40}\)")
_BETWEEN_RE = re.compile(r"(?:^|(?<=\s))(between|from)\s+$", re.IGNORECASE)


def _sign(text: str, tokens: list[_Tok], number: _Number) -> tuple[float, int]:
    """The sign and the start of a signed number: "-1.3%", "minus 130 degrees", "+0.2%"."""
    first_tok = tokens[number.first]
    start = first_tok.start
    sign = 1.0
    if first_tok.is_digit and number.first > 0:
        prev = tokens[number.first - 1]
        if prev.text in ("-", "−", "–") and prev.end == start and (
            number.first < 2 or tokens[number.first - 2].end < prev.start
            or tokens[number.first - 2].text in ("$", "(", "€", "£")
        ):
            sign, start = -1.0, prev.start
        elif prev.text == "+" and prev.end == start:
            start = prev.start
    minus = _MINUS_WORD_RE.search(text[:start])
    if minus and sign > 0:
        sign, start = -1.0, minus.start(1)
    return sign, start


def _currency_before(text: str, tokens: list[_Tok], number: _Number, start: int,
                     sign: float) -> tuple[str | None, int]:
    """The currency written before the number ("$", "US$", "RM"), and the new start."""
    unit: str | None = None
    currency = CURRENCY_PREFIX_RE.search(text[:start])
    if currency and currency.group(1) == "PS" and (currency.end(1) != start or not _glued_currency(
            tokens, number.first - 1, number)):
        currency = None  # "PS" is "£" only glued to a money-like number ("PS2.7m", not "PS 5")
    if currency and tokens[number.first].is_digit:
        unit = CURRENCY_PREFIXES[currency.group(1)]
        start = currency.start(1)
    if sign < 0 and start > 0:  # a sign between the currency and the digits: "$-50.8bn"
        cur2 = CURRENCY_PREFIX_RE.search(text[:start])
        if cur2 and unit is None:
            unit, start = CURRENCY_PREFIXES[cur2.group(1)], cur2.start(1)
    return unit, start


def _metres_not_million(text: str, tokens: list[_Tok], number: _Number, unit: str | None) -> _Number:
    """Decide what a glued/loose "m" means: million after a currency or before a noun,
    else metres (the number is then the digits alone and "m" is read as a unit)."""
    if not (number.words and number.words[-1] == "m" and tokens[number.first].is_digit):
        return number
    next_word = _NEXT_WORD_RE.match(text[tokens[number.last].end:])
    is_million = unit is not None or tokens[number.last].text == "M" or (
        next_word is not None and next_word.group(1).lower() not in OBJECT_STOP
        and next_word.group(1).lower() not in _METRE_AFTER
        and not next_word.group(1)[0].isupper()
    )
    if is_million:
        return number
    first = tokens[number.first]
    return _Number(number.first, number.first, _digits_value(first.text), words=[first.text])


def _unit_after(text: str, tokens: list[_Tok], number: _Number, unit: str | None,
                pos: int, value: float | None) -> tuple[str | None, int] | None:
    """The unit written after the amount (or None for a calibre, which is not an amount)."""
    unit_match = _match_unit(text, pos, value if value is not None else 0.0)
    if unit_match is not None and not number.vague:
        norm, end, _surface = unit_match
        if _is_calibre(text, tokens, number, norm, end):
            return None
        if unit is None or norm in ("percent",):
            # "$60 billion dollars" keeps USD; "5 dollars" sets it
            if unit is None or norm not in ("USD",):
                unit = norm if unit is None else unit
            pos = end
        elif unit is not None and norm == "USD":
            pos = end
        if unit == "lb" and _pounds_are_money(text, tokens, number, pos):
            unit = "GBP"
        m_old = _OLD_RE.match(text[pos:]) if norm == "year" else None
        if m_old:
            unit, pos = "year_of_age", pos + m_old.end()
    if unit is None and number.fraction:
        unit = "fraction"  # "a third of the pupils tested"
        of_unit = _OF_UNIT_RE.match(text[pos:])
        if of_unit:  # "1/8 of a US gallon": a fraction of a unit is an amount in that unit
            measured = _match_unit(text, pos + of_unit.end(), value or 0.0)
            if measured is not None and measured[0] not in ("USD", "EUR", "GBP", "year", "times") \
                    and _UNIT_ENDS_RE.match(text[measured[1]:]):
                unit, pos = measured[0], measured[1]
    return unit, pos


#: Words before an amount that the money and weight cues are looked for in.
_POUND_CUE_WINDOW = 6
_WORD_RE = re.compile(r"[A-Za-z]+")


def _pounds_are_money(text: str, tokens: list[_Tok], number: _Number, end: int) -> bool:
    """True when "pounds" after an amount is sterling: a money word shortly before ("sold
    for 300,000 pounds", "fined 5,000 pounds") or a scale word ("40 million pounds"), and
    neither a weight word before ("weighs 12 pounds") nor "of" + a thing after ("2 million
    pounds of beef")."""
    if re.match(r"\s+of\b", text[end:]):
        return False
    before = [w.lower() for w in _WORD_RE.findall(text[:tokens[number.first].start])][-_POUND_CUE_WINDOW:]
    if any(w in WEIGHT_CUES for w in before):
        return False
    return number.has_scale or any(w in MONEY_CUES for w in before)


def _age_unit(text: str, tokens: list[_Tok], number: _Number, unit: str | None, start: int,
              value: float | None, value_max: float | None) -> str | None:
    """"year_of_age" where the amount is an age: "under the age of 11 years", "died at age
    94", "aged 58", "Maria Lund 37 has led", "Okafor, 58, said"; else ``unit`` unchanged."""
    if unit in (None, "year") and not number.has_scale and (
            _AGE_OF_RE.search(text[:start]) or _AGED_RE.search(text[:start])):
        return "year_of_age"
    if unit is None and value_max is None and _age_after_name(tokens, number):
        return "year_of_age"
    if unit is None and value is not None and value_max is None and not number.has_scale \
            and value.is_integer() and MIN_AGE <= value <= MAX_AGE and tokens[number.first].is_digit:
        k = number.first
        if k > 1 and tokens[k - 1].text == "," and tokens[k - 2].text[:1].isupper() \
                and tokens[k - 2].text[0].isalpha() and k + 1 < len(tokens) and tokens[k + 1].text == ",":
            return "year_of_age"
    return unit


def _with_rate(text: str, unit: str | None, pos: int) -> tuple[str | None, int]:
    """Append a rate to the unit ("barrels a day", "$5 per share"), past a conversion in
    brackets ("4 billion shekels ($1.1 billion) a year")."""
    if unit is None:
        return unit, pos
    rate = _match_rate(text, pos)
    if rate is not None and unit not in ("year_of_age",):
        return f"{unit}/{rate[0]}", rate[1]
    if rate is None and unit not in ("year_of_age", "fraction"):
        bracket = _BRACKET_RE.match(text[pos:])
        if bracket and re.search(r"\d", bracket.group(0)):
            rate = _match_rate(text, pos + bracket.end())
            if rate is not None:
                unit = f"{unit}/{rate[0]}"
    return unit, pos


def _qualifier_before(text: str, start: int, is_range: bool) -> tuple[str | None, str | None, int]:
    """The qualifier before the amount ("more than", "about"): normalised, as written, new start."""
    qualifier = qualifier_text = None
    if not is_range or not text[:start].rstrip().lower().endswith(("between", "from")):
        qual = QUALIFIER_RE.search(text[:start])
        if qual and not _false_qualifier(text, qual.start(1), qual.group(1)):
            qualifier, qualifier_text, start = QUALIFIER_FORMS[qual.group(1).lower()], qual.group(1), qual.start(1)
    if is_range:
        m_between = _BETWEEN_RE.search(text[:start])
        if m_between and m_between.group(1).lower() == "between":
            start = m_between.start(1)
    return qualifier, qualifier_text, start


def _build(text: str, tokens: list[_Tok], number: _Number) -> _Found | None:
    """Turn a number phrase into a quantity with range, currency, unit and qualifier."""
    if _rejected(text, tokens, number):
        return None
    sign, start = _sign(text, tokens, number)
    unit, start = _currency_before(text, tokens, number, start, sign)
    number = _metres_not_million(text, tokens, number, unit)
    pos, last_index = tokens[number.last].end, number.last
    value = number.value * sign if number.value is not None else None
    value_max: float | None = None
    # range: "40 to 60", "2-3 million", "between 2 and 3 million", "from $3,180 to $3,040"
    range_match = None if number.fraction else _read_range(text, tokens, number, last_index, unit)
    if range_match is not None:
        value_lo, value_max, last_index, pos = range_match
        if number.has_scale is False and value_lo is not None:
            value = value_lo * sign
        if value is not None and value == value_max and unit is None \
                and text[tokens[number.last].end:tokens[number.last].end + 1] in ("-", "–"):
            return None  # a tie, not a range: "drew 1-1", "level at 74-74"
    if _is_address_or_code(text, start, pos):
        return None
    after = _unit_after(text, tokens, number, unit, pos, value)
    if after is None:
        return None
    unit, pos = after
    unit = _age_unit(text, tokens, number, unit, start, value, value_max)
    unit, pos = _with_rate(text, unit, pos)
    qualifier, qualifier_text, start = _qualifier_before(text, start, range_match is not None)
    item = _Found(start=start, end=pos, value=value, value_max=value_max, unit=unit,
                  qualifier=qualifier, qualifier_text=qualifier_text, vague=number.vague)
    item.tail_token = _token_after(tokens, pos)
    while item.end > item.start and text[item.end - 1].isspace():  # no trailing spaces in the span
        item.end -= 1
    return item


_BETWEEN_BEFORE_RE = re.compile(r"(?:^|\s)between(?:\s+\S{1,4})?$")
_FROM_BEFORE_RE = re.compile(r"(?:^|\s)from(?:\s+\S{1,4})?$")
#: "widened by $12.5 billion to ...": a change, then the level reached.
_BY_BEFORE_RE = re.compile(r"(?:^|\s)by(?:\s+(?:an?|about|some|around|nearly|almost|roughly|more\s+than|over|just))*"
                           r"\s*(?:[a-z]{0,3}\s?[$€£¥]|rs\.?|rm)?$")
_HI_CURRENCY_RE = re.compile(r"\s*(" + CURRENCY_ALTERNATION + r")\s?(?=\d)")


def _range_separator(text: str, tokens: list[_Tok], number: _Number, last_index: int,
                     unit: str | None) -> tuple[int, bool, tuple[str, int, str] | None] | None:
    """Find "to"/"-"/"and" after the lower end; return (token after it, glued dash, unit
    of the lower end) or None when no range follows."""
    n = len(tokens)
    before = text[:tokens[number.first].start].rstrip().lower()
    between = _BETWEEN_BEFORE_RE.search(before) is not None
    lo_unit = _match_unit(text, tokens[last_index].end, number.value)
    j = last_index + 1
    if lo_unit is not None:
        if lo_unit[0] in ("m", "year") and not (between or _FROM_BEFORE_RE.search(before)):
            lo_unit = None
        else:
            j = _token_after(tokens, lo_unit[1])
    if j >= n:
        return None
    if _BY_BEFORE_RE.search(before) and (unit is not None or lo_unit is not None or number.has_scale):
        return None  # a change, then the level (but "cooled by 2 to 2.5 degrees" is a range)
    sep = tokens[j]
    glued_dash = sep.text in ("-", "–") and sep.start == tokens[j - 1].end
    if glued_dash and j + 3 < n and tokens[j + 1].low == "to" and tokens[j + 2].text == "-" \
            and _glued(tokens, j + 1) and _glued(tokens, j + 2) and _glued(tokens, j + 3):
        j += 2  # "0-to-100-km/h"
        sep = tokens[j]
    if not (sep.low == "to" or (sep.low == "and" and between) or sep.text in ("-", "–")):
        return None
    if sep.text in ("-", "–") and not glued_dash and text[sep.end:sep.end + 1] != " ":
        return None  # "50 -1.3%": a sign, not a range
    k = j + 1
    if k < n and tokens[k].text == "-" and tokens[k].start == sep.end:  # "to-260,000"
        k += 1
    return k, glued_dash and sep.text in ("-", "–"), lo_unit


def _range_upper(text: str, tokens: list[_Tok], number: _Number, k: int, unit: str | None,
                 lo_unit: tuple[str, int, str] | None, glued_dash: bool) -> _Number | None:
    """Read the upper end of a range at token ``k``, or None when it is not one."""
    n = len(tokens)
    hi_currency = None
    cur = _HI_CURRENCY_RE.match(text[tokens[k].start:] if k < n else "")
    if cur:
        hi_currency = CURRENCY_PREFIXES[cur.group(1)]
        k = _token_after(tokens, tokens[k].start + cur.end())
    if k >= n:
        return None
    upper = _read_number(tokens, k)
    if upper is None or upper.value is None or upper.vague:
        return None
    if hi_currency is not None and (unit is None or hi_currency != unit):
        return None
    hi_unit = _match_unit(text, tokens[upper.last].end, upper.value)
    if lo_unit is not None and (hi_unit is None or hi_unit[0] != lo_unit[0]):
        return None
    if glued_dash:
        lo_raw = tokens[number.first].text
        hi_raw = tokens[upper.first].text
        if len(lo_raw) == 4 and lo_raw.isdigit() and YEAR_MIN <= int(lo_raw) <= YEAR_MAX and not number.has_scale:
            return None
        if not tokens[upper.first].is_digit:
            return None
        if len(hi_raw) >= 4 and len(lo_raw) >= 3 and "," not in hi_raw:
            return None
    if _rejected(text, tokens, upper):
        return None
    return upper


_CHANGE_BEFORE_RE = re.compile(r"(?:^|\s)(" + "|".join(sorted(CHANGE_VERB_FORMS, key=len, reverse=True))
                               + r")(?:\s+(?:an?|about|some|around|nearly|almost|roughly|just))*"
                               + r"\s*(?:[a-z]{0,3}\s?[$€£¥])?$")


def _change_then_level(before: str, lo: float, hi: float, repeated: bool) -> bool:
    """True when "A to B" right after a verb of change is the change, then the level it
    reached, not a range: "rose $12 to $1,950 an ounce", "fell 40 to 10,500" (the upper
    end more than ten times the lower, or more than twice with the unit on both ends);
    "rose 3 to 4 percent" and "rose 2 to 5 percent" stay ranges."""
    if lo <= 0 or not _CHANGE_BEFORE_RE.search(before):
        return False
    return hi > 10 * lo or (repeated and hi > 2 * lo)


def _read_range(text: str, tokens: list[_Tok], number: _Number, last_index: int,
                unit: str | None) -> tuple[float | None, float, int, int] | None:
    """Read the upper end of a range after ``number``; return (lo, hi, last token, end).

    Accepts "40 to 60", "2-3 million", "between 2 and 3 million", "from $3,180 to $3,040",
    "between 7% and 9%" and "six per cent to 15 per cent" (same unit on both ends).
    """
    if number.vague or number.value is None:
        return None
    found = _range_separator(text, tokens, number, last_index, unit)
    if found is None:
        return None
    k, glued_dash, lo_unit = found
    upper = _range_upper(text, tokens, number, k, unit, lo_unit, glued_dash)
    if upper is None:
        return None
    lo, hi = number.value, upper.value
    before = text[:tokens[number.first].start].rstrip().lower()
    if hi > 2 * lo > 0 and _BY_BEFORE_RE.search(before):
        return None  # "fell by 12,000 to 210,000": the change, then the level it reached
    repeated = lo_unit is not None or (unit is not None and _HI_CURRENCY_RE.match(text[tokens[k].start:]) is not None)
    if _change_then_level(before, lo, hi, repeated):
        return None
    # scale propagation: "3 to 4 thousand", "between 2 and 3 million", "2-3 million"
    if upper.has_scale and not number.has_scale and "," not in tokens[number.first].text and lo < 1000:
        head = tokens[upper.first].text.lower() if tokens[upper.first].is_digit else upper.words[0]
        base = _word_sequence_value([head])
        if base and lo * (hi / base) <= hi:  # not "$500 to $2 million" (500 million > 2 million)
            lo = lo * (hi / base)
    return lo, hi, upper.last, tokens[upper.last].end
