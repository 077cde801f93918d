"""Numbers that are not amounts: years, dates, times, ordinals, model numbers, index names,
identifiers, footnote marks, ages after names, calibres, addresses, postal codes and phone
numbers."""

from __future__ import annotations

import re

from .lexicon import (
    AGE_AFTER_NAME_MIN,
    AGE_AFTER_NAME_VERBS,
    CALIBRES_MM,
    CALIBRE_NOUNS,
    CURRENCY_PREFIXES,
    INDEX_MEMBER_COUNTS,
    INDEX_NAME_RE,
    LABEL_WORDS,
    LOCATOR_WORDS,
    MAX_AGE,
    MONTHS,
    OBJECT_STOP,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    QUALIFIER_FORMS,
    QUALIFIER_RE,
    SCALE_ABBREVIATIONS,
    TENS_WORDS,
    UNIT_FORMS,
    YEAR_MAX,
    YEAR_MIN,
)
from .tokens import _Number, _sentence_initial, _Tok
from .units import _GLUED_CURRENCY_WORDS, _glued_currency, _match_unit


_TIME_AFTER_RE = re.compile(r"\s?(?:a\.m\.|p\.m\.|am|pm|GMT|BST|UTC|ET|EST|EDT|PST|CET|hrs\b)(?![A-Za-z])", re.IGNORECASE)
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b")
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "s"}


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that hold times of day and phone numbers."""
    spans = [m.span() for m in _TIME_RE.finditer(text)]
    spans += [m.span() for m in _PHONE_RE.finditer(text)]
    return spans


def _in_blocked(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the blocked spans."""
    return any(s < end and start < e for s, e in spans)


#: Words after "one of" that make "one" a pronoun ("one of the", "one of them").
_ONE_OF_PRONOUN_AFTER = frozenset({"the", "his", "her", "its", "their", "our", "my", "your", "those", "these",
                                   "them", "us", "which", "whom", "many", "several", "this", "that", "a", "an"})


def _near(tokens: list[_Tok], number: _Number) -> tuple[_Tok | None, _Tok | None, _Tok | None]:
    """The two tokens before a number phrase and the one after it (None past the ends)."""
    prev = tokens[number.first - 1] if number.first > 0 else None
    prev2 = tokens[number.first - 2] if number.first > 1 else None
    nxt = tokens[number.last + 1] if number.last + 1 < len(tokens) else None
    return prev, prev2, nxt


def _glued_code(text: str, tokens: list[_Tok], number: _Number) -> bool:
    """True for digits glued into a code: F-16, COVID-19, G7, 2nd, 1970s, 5G, 9/11, 3.2.1."""
    first, last, n = tokens[number.first], tokens[number.last], len(tokens)
    prev, prev2, nxt = _near(tokens, number)
    if prev is not None and prev.end == first.start:
        if prev.text[0].isalpha() and not _glued_currency(tokens, number.first - 1, number):
            return True  # "Lumia Q8", "Volvo V9", "XR-T40", "G7"
        if prev.text == "-" and prev2 is not None and prev2.end == prev.start and prev2.text[0].isalpha() \
                and prev2.low not in ("minus", "to", "from", "sub"):  # "sub-5 nanometer" is an amount
            return True
        if prev.text in ("#", "№", "/", ":", "."):
            return True
        if prev.text in ("'", "’") and len(first.text) == 2 and first.text.isdigit() and number.last == number.first \
                and (prev2 is None or prev2.end < prev.start):
            return True  # a year cut short: "the campaign of '08", "class of ’99"
        if prev.text == "[" and number.last == number.first and _closes_bracket(tokens, number):
            return True  # a footnote or reference mark: "shells.[28]", "[3] https://…"
    if nxt is None or nxt.start != last.end:
        return False
    if nxt.text[0].isalpha():  # glued suffix (units and scales are handled elsewhere)
        if nxt.low in ORDINAL_SUFFIXES:
            return True
        if not number.has_scale and _match_unit(text, last.end, number.value or 0) is None \
                and nxt.low not in SCALE_ABBREVIATIONS:
            return True
    follows = tokens[number.last + 2] if number.last + 2 < n else None
    if nxt.text == "/" and follows is not None and follows.start == nxt.end and follows.is_digit \
            and not number.fraction:
        return True  # dates and codes: "9/11", "1/16/2020", "24/7"
    if nxt.text in ("'", "’") and number.first + 2 < n and tokens[number.first + 2].low == "s":
        return True
    return nxt.text == "." and follows is not None and follows.start == nxt.end and follows.is_digit


def _closes_bracket(tokens: list[_Tok], number: _Number) -> bool:
    """True when a "]" touches the end of the number phrase ("[28]")."""
    k = number.last + 1
    return k < len(tokens) and tokens[k].text == "]" and tokens[k].start == tokens[number.last].end


def _date_like(text: str, tokens: list[_Tok], number: _Number) -> bool:
    """True for a year ("in 1998"), a day of a month ("Feb 16", "16 February") or a time."""
    first, last = tokens[number.first], tokens[number.last]
    prev, prev2, nxt = _near(tokens, number)
    raw = first.text
    if not number.has_scale and "," not in raw and "." not in raw and len(raw) == 4:
        if YEAR_MIN <= int(raw) <= YEAR_MAX and _looks_like_year(text, tokens, number):
            return True
    if "," not in raw and "." not in raw and not number.has_scale and number.value is not None \
            and 1 <= number.value <= 31:
        if prev is not None and prev.low in MONTHS and (prev.text[0].isupper()):
            return True
        if prev is not None and prev.text == "." and prev2 is not None and prev2.low in MONTHS:
            return True
        if nxt is not None and nxt.low in MONTHS and nxt.text[0].isupper() and (nxt.low != "may" or nxt.text == "May"):
            return True
    return _TIME_AFTER_RE.match(text, last.end) is not None


def _pronoun_one(tokens: list[_Tok], number: _Number) -> bool:
    """True for "one" as a pronoun or in a fixed word: "no one", "the one who", "one of the", "one-off"."""
    first = tokens[number.first]
    if first.low != "one" or number.last != number.first:
        return False
    prev, _prev2, nxt = _near(tokens, number)
    if prev is not None and (prev.low in ONE_PRONOUN_BEFORE or (prev.text == "-" and prev.end == first.start)):
        return True
    if nxt is None:
        return False
    if nxt.low in ONE_PRONOUN_AFTER or (nxt.text == "-" and nxt.start == first.end):
        return True  # "one another", "one-off", "one-sided"
    if nxt.low == "of" and number.last + 2 < len(tokens) and tokens[number.last + 2].low in _ONE_OF_PRONOUN_AFTER:
        return True
    return nxt.text in (",", ".", ";", "!", "?", ")") and prev is not None and prev.low in (
        "that", "this", "the", "which")


def _rejected(text: str, tokens: list[_Tok], number: _Number) -> bool:
    """True when the number is a year, date, ordinal, model number or pronoun 'one'."""
    first, last = tokens[number.first], tokens[number.last]
    prev, prev2, _nxt = _near(tokens, number)
    if first.is_digit:
        if _glued_code(text, tokens, number) or _date_like(text, tokens, number):
            return True
        if _is_index_name(text, first.start, number):
            return True
        if _age_after_name(tokens, number):
            return False
        if _after_locator(tokens, number):
            return True  # "page 12", "p. 12", "paragraph 4"
        # identifiers: "S&P 500", "Section 312", "Model 3", "No. 10"
        return prev is not None and _is_identifier_label(text, tokens, number.first - 1) \
            and not number.has_scale and _match_unit(text, last.end, number.value or 0) is None
    if _pronoun_one(tokens, number):
        return True
    if prev is not None and prev.text == "-" and prev.end == first.start and prev2 is not None \
            and prev2.end == prev.start and prev2.text[0].isalpha() and prev2.low not in TENS_WORDS:
        return True  # "Catch-Twenty"
    return first.text[0].isupper() and number.first > 0 and _is_identifier_label(text, tokens, number.first - 1) \
        and not _sentence_initial(text, first)  # "Radio One", "Formula One"


def _after_locator(tokens: list[_Tok], number: _Number) -> bool:
    """True for a number after a word that points into a document: "page 12", "p. 12"."""
    k = number.first - 1
    if k >= 0 and tokens[k].text == "." and k > 0 and tokens[k - 1].end == tokens[k].start:
        k -= 1
    return k >= 0 and tokens[k].low in LOCATOR_WORDS and not number.has_scale and number.last == number.first


def _age_after_name(tokens: list[_Tok], number: _Number) -> bool:
    """True for an age written straight after a person's name: "Maria Lund 37 has led"."""
    k = number.first
    if k < 2 or k + 1 >= len(tokens) or number.last != k or number.has_scale:
        return False
    first, last, nxt = tokens[k - 2], tokens[k - 1], tokens[k + 1]
    value = number.value
    if value is None or not value.is_integer() or not AGE_AFTER_NAME_MIN <= value <= MAX_AGE:
        return False
    if not tokens[k].text.isdigit() or nxt.low not in AGE_AFTER_NAME_VERBS or not nxt.text.islower():
        return False
    names = (first, last)
    return all(t.text.isalpha() and t.text[0].isupper() and t.text[1:].islower() and len(t.text) > 1
               and t.low not in LABEL_WORDS and t.low not in MONTHS and t.low not in OBJECT_STOP
               for t in names) and tokens[k - 1].end < tokens[k].start


def _is_index_name(text: str, start: int, number: _Number) -> bool:
    """True for the member count in an index or list name: "S&P 500", "sp 500", "FTSE 100"."""
    if number.has_scale or number.value is None or not number.value.is_integer() or number.last != number.first:
        return False
    m = INDEX_NAME_RE.search(text, 0, start)
    if m is None:
        return False
    name = re.sub(r"\s+", " ", m.group(1).lower())
    sizes = INDEX_MEMBER_COUNTS.get(name) or INDEX_MEMBER_COUNTS.get(name.replace(" ", ""), set())
    if name in ("global", "hot", "billboard", "inc", "inc.") and not m.group(1)[0].isupper():
        return False  # "global 2000" in lower case is not Forbes' list
    return int(number.value) in sizes


def _is_identifier_label(text: str, tokens: list[_Tok], k: int) -> bool:
    """True when token k is a capitalised name that labels the following number."""
    tok = tokens[k]
    if tok.text in ("No", "Number", "Nos") and k + 1 < len(tokens):
        return True
    if tok.text == "." and k > 0 and tokens[k - 1].text in ("No", "Nos", "no"):
        return True
    if tok.text in ("&P",):
        return True
    if tok.text == "P" and k > 1 and tokens[k - 1].text == "&":
        return True
    if not tok.text[0].isalpha() or not any(ch.isupper() for ch in tok.text[:2]):
        return False
    if tok.text in _GLUED_CURRENCY_WORDS or tok.text in CURRENCY_PREFIXES:
        return False
    if tok.low in MONTHS or tok.low in QUALIFIER_FORMS or tok.low in UNIT_FORMS:
        return False
    if tok.low in OBJECT_STOP or tok.low in ("only", "just", "some", "about", "nearly", "almost", "roughly"):
        return False
    if _sentence_initial(text, tok):
        return False
    return True


def _looks_like_year(text: str, tokens: list[_Tok], number: _Number) -> bool:
    """Decide whether a bare 4-digit integer is a year."""
    n = len(tokens)
    prev = tokens[number.first - 1] if number.first > 0 else None
    nxt = tokens[number.last + 1] if number.last + 1 < n else None
    last = tokens[number.last]
    if prev is not None and (prev.text in CURRENCY_PREFIXES or prev.text in ("$", "€", "£", "¥")):
        if prev.end == tokens[number.first].start:
            return False
    if _match_unit(text, last.end, 0.0) is not None:
        unit = _match_unit(text, last.end, 0.0)
        if unit and unit[0] not in ("m", "year"):
            return False
    before = text[: tokens[number.first].start]
    if QUALIFIER_RE.search(before.rstrip() + " " if before.endswith(" ") else before):
        qual = QUALIFIER_RE.search(before.rstrip())
        if qual and qual.group(1).lower() not in ("over", "around", "about", "by", "since", "circa", "c.", "under",
                                                 "before", "after", "beyond", "above"):
            return False
    if nxt is not None and nxt.text[0].isalpha() and nxt.text[0].islower() and nxt.low.endswith("s") \
            and nxt.low not in OBJECT_STOP and not nxt.low.endswith("ss") and nxt.low not in ("was", "has", "is"):
        # "1500 people", "2000 troops"
        if prev is None or prev.low not in ("in", "since", "by", "of", "from", "until", "to", "the", "their", "his",
                                            "her", "our", "my", "your"):
            return False
    return True


def _is_calibre(text: str, tokens: list[_Tok], number: _Number, unit: str | None, unit_end: int) -> bool:
    """True for a calibre like '152mm shells' / '122-mm' that is not an amount."""
    if unit != "mm" or number.value is None or number.has_scale:
        return False
    first = tokens[number.first]
    if number.value not in CALIBRES_MM:
        return False
    before = text[: first.start].rstrip().lower()
    after = text[unit_end:].lstrip().lower()
    word = re.match(r"[a-z-]+", after)
    if word and (word.group() in CALIBRE_NOUNS or word.group().rstrip("s") in CALIBRE_NOUNS):
        return True
    if re.search(r"(?:^|\s)(?:of|by|to|is|was|were|are|measured|measuring)$", before):
        return False
    if QUALIFIER_RE.search(before + " ") if before else False:
        return False
    # "152mm and 122mm shells", "500,000 122mm shells"
    if re.match(r"(?:and|or|,)\s*\d", after):
        return True
    prev = text[: first.start].rstrip()
    if prev and (prev[-1].isdigit() or re.search(r"(?:thousand|million|billion|dozens?|hundreds?)$", prev.lower())):
        return True
    return False


_ADDRESS_RE = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:(?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)\s+){1,3}"
    r"(?:St|Street|Rd|Road|Ave|Avenue|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|Terrace|Parkway"
    r"|Pkwy|Square|Sq|Crescent|Close|Highway|Hwy)\b"
)
#: Calendar eras and postal codes after a number: "300 BC", "1000 A.D.", "90049 ZIP code".
_CODE_AFTER_RE = re.compile(r"\s*(?:(?i:zip\s*codes?|postal\s*codes?|postcodes?)\b|B\.C\.(?:E\.)?|BCE?\b|A\.D\.|AD\b|CE\b)")


def _is_address_or_code(text: str, start: int, end: int) -> bool:
    """True for a house number, a postal code or a year of an era, not an amount."""
    before = text[max(0, start - 20):start]
    if _ADDRESS_RE.match(text, end) and not re.search(r"[$€£¥]\s*$", before):
        return True
    if re.search(r"\b(?:zip|postal|post)\s*codes?\s*$", before, re.IGNORECASE):
        return True
    if re.search(r"(?:\bA\.D\.|\bAD|\bCE)\s*$", before):  # case-sensitive: "A.D. 1000", not "ad"
        return True
    return _CODE_AFTER_RE.match(text, end) is not None


def _false_qualifier(text: str, at: int, word: str) -> bool:
    """True when a qualifier-looking word is something else ("some 3" ok, "won over 3"?)."""
    low = word.lower()
    before = text[:at].rstrip().lower()
    if low in ("some",) and re.search(r"(?:of|for)$", before):
        return True
    if low in ("over", "under", "above", "below", "beyond") and re.search(
        r"(?:^|\s)(?:lead|win|victory|edge|advantage|margin|beat|beating|defeat|rose|fell)$", before
    ):
        return True
    return False
