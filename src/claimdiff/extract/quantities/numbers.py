"""Numbers: parse the words of one number ("6,700", "3m", "half a million") and read number
phrases, fractions ("two-thirds of", "1/16") and scientific notation in a token stream."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimdiff.errors import InputError

from .lexicon import (
    DOZEN,
    LARGE_SCALE_NAMES,
    SCALE_NAMES,
    FRACTION_WORDS,
    HALF,
    HALF_BEFORE,
    HALF_NOT_AMOUNT_BEFORE,
    MAX_VALUE,
    MONTHS,
    QUALIFIER_FORMS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TENS_WORDS,
    UNITS_WORDS,
    UNIT_FORMS,
    VAGUE_WORDS,
    VULGAR_FRACTIONS,
    YEAR_MAX,
    YEAR_MIN,
)
from .tokens import _glued, _Number, _Tok


_DIGITS_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")


def _digits_value(word: str) -> float | None:
    """Return the value of a digit string such as '6,700' or '1.5', else None."""
    if not _DIGITS_RE.match(word):
        return None
    return float(word.replace(",", ""))


@dataclass(slots=True)
class _Reading:
    """The state of reading number words left to right: the sum of finished scale groups,
    the group being read, the kind of the last word and a pending "half"."""

    total: float = 0.0
    current: float | None = None
    last: str = ""
    half: bool = False
    seen: bool = False

    def add_small(self, word: str) -> bool:
        """Read a units word ("five"), a tens word ("twenty") or "dozen"; False if misplaced."""
        if word in UNITS_WORDS:
            if self.last in ("units", "digits", "article", "half") or (self.last == "tens" and UNITS_WORDS[word] >= 10):
                return False
            self.current, self.last = (self.current or 0.0) + UNITS_WORDS[word], "units"
        elif word in TENS_WORDS:
            if self.last in ("units", "tens", "digits", "article", "half"):
                return False
            self.current, self.last = (self.current or 0.0) + TENS_WORDS[word], "tens"
        else:  # "dozen"
            if self.last in ("scale", "hundred"):
                return False
            self.current, self.last = (self.current if self.current is not None else 1.0) * DOZEN, "units"
        self.seen = True
        return True

    def add_scale(self, scale: float) -> bool:
        """Read a scale word ("hundred", "million"); False if nothing precedes it."""
        base = self.current if self.current is not None else (1.0 if self.half else None)
        if base is None and self.last == "scale" and scale >= 1000 and self.total:
            self.total *= scale  # "1.2 lakh crore", "two thousand million": scales multiply
            return True
        if base is None:
            return False
        if self.half:
            base *= HALF
            self.half = False
        if scale == 100:
            if self.last == "hundred":
                return False
            self.current, self.last = base * 100, "hundred"
        else:
            self.total += base * scale
            self.current, self.last = None, "scale"
        self.seen = True
        return True

    def add(self, word: str, more: bool) -> bool:
        """Read one word (``more``: words follow it); False when it cannot continue the number."""
        digits = _digits_value(word)
        if word in ("and", "-"):
            return self.last in ("hundred", "scale", "tens") and more
        if digits is not None:
            if self.last:
                return False
            self.current, self.last, self.seen = digits, "digits", True
            return True
        if word in ("a", "an"):
            if not more or self.last not in ("", "half"):
                return False
            if self.last != "half":
                self.current, self.last = 1.0, "article"
            return True
        if word == "half":
            if self.last not in ("", "and") or self.half:
                return False
            self.half, self.last = True, "half"
            return True
        if word in UNITS_WORDS or word in TENS_WORDS or word == "dozen":
            return self.add_small(word)
        if word in SCALE_WORDS:
            return self.add_scale(SCALE_WORDS[word])
        return False


def _word_sequence_value(words: list[str]) -> float | None:
    """Evaluate a sequence of number words/digits ("three hundred and five", "1.5 million").

    Returns None when the words do not form one number.
    """
    reading = _Reading()
    for index, word in enumerate(words):
        if not reading.add(word, index + 1 < len(words)):
            return None
    if reading.half or not reading.seen or reading.last == "article":
        return None
    return reading.total + (reading.current or 0.0)


_CURRENCY_STRIP_RE = re.compile(
    r"^(?:US\s?\$|U\.S\.\$|[A-Z]{1,3}\s?\$|\$[A-Z]?|€|£|¥|₹|₩|₽|₴|₪|Rs\.?|RM|USD|EUR|GBP|JPY|"
    r"CNY|INR|KRW|RUB|UAH|Y=)\s*"
)
_GLUED_SCALE_RE = re.compile(
    r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(k|m|mn|mln|bn|b|bln|tn|trn|M|K|B)$"
)


def parse_number(text: str) -> float:
    """Parse the words of one number into a float.

    Args:
        text: a number as written: digits with commas, digits with a scale word or
            abbreviation, number words, or any of these after a currency symbol.

    Returns:
        The value as a float.

    Raises:
        InputError: ``text`` is not a number.

    Example:
        >>> parse_number("half a million"), parse_number("$60 billion"), parse_number("3mn")
        (500000.0, 60000000000.0, 3000000.0)
    """
    if not isinstance(text, str):
        raise InputError(f"not a number: {text!r}; pass the number's words as a string")
    raw = text.strip()
    value: float | None = None
    if raw and len(raw) <= 200:
        stripped = _CURRENCY_STRIP_RE.sub("", raw).strip()
        glued = _GLUED_SCALE_RE.match(stripped)
        if glued:
            value = float(glued.group(1).replace(",", "")) * SCALE_WORDS[glued.group(2).lower()]
        else:
            words = [w for w in re.split(r"[\s]+|(?<=[a-z])-(?=[a-z])", stripped.lower()) if w]
            if words:
                value = _word_sequence_value(words)
    if value is None or math.isnan(value) or math.isinf(value) or abs(value) > MAX_VALUE:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise InputError(f"not a number: {shown!r}; pass digits or number words such as '3 million'")
    return value


def parse_qualifier(text: str) -> str | None:
    """Normalise a surface qualifier to one of ``model.QUALIFIERS``.

    Args:
        text: the qualifier words, e.g. "more than", "Some", "as many as".

    Returns:
        The normalised qualifier ("more_than", "approx", …), or None when unknown.

    Example:
        >>> parse_qualifier("upwards of"), parse_qualifier("close to"), parse_qualifier("red")
        ('more_than', 'nearly', None)
    """
    if not isinstance(text, str):
        return None
    key = " ".join(text.lower().split())
    return QUALIFIER_FORMS.get(key)


# ---------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------


def _is_number_word(low: str) -> bool:
    """True for a word that can be part of a spelled-out number."""
    return low in UNITS_WORDS or low in TENS_WORDS or low in ("hundred", "thousand", "million",
                                                             "billion", "trillion", "dozen")


#: Abbreviated scales read after a space as well as glued ("3 bn", "3bn"; "3m" only glued).
_SPACED_SCALES = frozenset({"mn", "bn", "mln", "bln", "trn", "tn"})


def _read_digits(tokens: list[_Tok], i: int) -> _Number | None:
    """Read digits and the scale words after them: "3 million", "4 hundred million", "3m", "1.5bn"."""
    n = len(tokens)
    words = [tokens[i].text]
    j = i
    has_scale = False
    part = 0.0  # "3½": a fraction character glued to whole digits
    if i + 1 < n and tokens[i + 1].text in VULGAR_FRACTIONS and _glued(tokens, i + 1) \
            and tokens[i].text.isdigit() and int(tokens[i].text) > 0:
        part = VULGAR_FRACTIONS[tokens[i + 1].text]
        j = i + 1
    while j + 1 < n:
        nxt = tokens[j + 1]
        if nxt.low in SCALE_NAMES:
            words.append(nxt.low)
            j += 1
            has_scale = True
            continue
        if nxt.low in SCALE_ABBREVIATIONS and not has_scale and (_glued(tokens, j + 1) or nxt.low in _SPACED_SCALES):
            words.append(nxt.low)
            j += 1
            has_scale = True
        break
    value = _word_sequence_value([w.lower() for w in words])
    if value is None:
        return None
    if part:
        whole = int(tokens[i].text)
        value = value * (whole + part) / whole
    return _Number(i, j, value, has_scale=has_scale, words=words)


def _read_vague(tokens: list[_Tok], i: int) -> _Number | None:
    """Read a vague amount: "thousands of", "tens of thousands of", "hundreds of millions of"."""
    low = tokens[i].low
    j = i
    while j + 2 < len(tokens) and tokens[j + 1].low == "of" and tokens[j + 2].low in VAGUE_WORDS - {"tens", "dozens"}:
        j += 2
    if low == "tens" and j == i:
        return None
    return _Number(i, j, None, vague=True, words=[t.low for t in tokens[i:j + 1]])


def _number_words(tokens: list[_Tok], i: int) -> list[str]:
    """The spelled-out number words from token ``i``: "twenty-five", "three hundred and five"."""
    n = len(tokens)
    j = i
    words = [tokens[i].low]
    while j + 1 < n:
        nxt = tokens[j + 1]
        if nxt.low == "-" and j + 2 < n and _glued(tokens, j + 1) and tokens[j + 2].start == nxt.end \
                and tokens[j + 2].low in UNITS_WORDS and tokens[j].low in TENS_WORDS:
            words.extend(["-", tokens[j + 2].low])
            j += 2
        elif nxt.low == "and" and j + 2 < n and tokens[j].low in ("hundred", "thousand", "million", "billion") \
                and (tokens[j + 2].low in UNITS_WORDS or tokens[j + 2].low in TENS_WORDS):
            words.extend(["and", tokens[j + 2].low])
            j += 2
        elif _is_number_word(nxt.low) or (nxt.low in ("a", "an") and words[-1] == "half"):
            words.append(nxt.low)
            j += 1
        else:
            break
    return words


def _read_words(tokens: list[_Tok], i: int) -> _Number | None:
    """Read a spelled-out number ("twenty-five", "half a million"), or its longest valid prefix."""
    low = tokens[i].low
    starts_article = low in ("a", "an", "half")
    if not (_is_number_word(low) or starts_article):
        return None
    words = _number_words(tokens, i)
    # "a million", "an estimated" is not a number; "half a million" is.
    if starts_article and (len(words) < 2 or not any(w in SCALE_NAMES + ("dozen",) for w in words)):
        return None
    for k in range(len(words), 0, -1):  # the whole phrase, else its longest valid prefix
        value = _word_sequence_value(words[:k])
        if value is not None:
            words = words[:k]  # one token per word
            has_scale = any(w in LARGE_SCALE_NAMES for w in words)
            return _Number(i, i + k - 1, value, has_scale=has_scale, words=words)
    return None


def _read_number(tokens: list[_Tok], i: int) -> _Number | None:
    """Read the number phrase starting at token ``i`` (digits or words), or None."""
    fraction = _read_fraction(tokens, i)
    if fraction is not None:
        return fraction
    if tokens[i].is_digit:
        return _mixed_number(tokens, i) or _read_scientific(tokens, i) or _read_digits(tokens, i)
    if tokens[i].low in VAGUE_WORDS:
        return _read_vague(tokens, i)
    return _read_words(tokens, i)


def _mixed_number(tokens: list[_Tok], i: int) -> _Number | None:
    """Whole digits, a space, then a slash fraction: "2 1/2 years" (the fraction's own
    conditions hold: numerator below denominator, "of" or a unit after); not after a year
    ("in 2023 1/2 of voters")."""
    if not tokens[i].text.isdigit() or len(tokens[i].text) > 3 or i + 2 >= len(tokens) or _glued(tokens, i + 1) or not tokens[i + 1].text.isdigit():
        return None
    part = _slash_fraction(tokens, i + 1)
    if part is None or part.value is None:
        return None
    return _Number(i, part.last, int(tokens[i].text) + part.value, words=[tokens[i].text, *part.words])


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
#: Scientific notation after a mantissa: "×10−30", " x 10^-8", "×10⁻³".
_SCIENTIFIC_RE = re.compile(r"\s?[×xX*]\s?10(?:\^|\*\*)?\s?([−\-–]?\d{1,3}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![\d,])")


def _read_scientific(tokens: list[_Tok], i: int) -> _Number | None:
    """Read "3.42×10−12" / "2.998 x 10^-8" / "6×10²³" at digit token ``i``."""
    tok = tokens[i]
    text_after = "".join(
        (" " if k > i + 1 and tokens[k].start > tokens[k - 1].end else "") + tokens[k].text
        for k in range(i + 1, min(i + 8, len(tokens)))
        if all(tokens[m].start - tokens[m - 1].end <= 1 for m in range(i + 1, k + 1))
    )
    if i + 1 < len(tokens) and tokens[i + 1].start > tok.end:
        text_after = " " + text_after
    m = _SCIENTIFIC_RE.match(text_after)
    mantissa = _digits_value(tok.text)
    if m is None or mantissa is None:
        return None
    exponent = int(m.group(1).translate(_SUPERSCRIPTS).replace("−", "-").replace("–", "-"))
    # the token that ends the exponent
    consumed = len(m.group(0).replace(" ", ""))
    j, used = i, 0
    while used < consumed and j + 1 < len(tokens):
        j += 1
        used += len(tokens[j].text)
    if used != consumed:
        return None
    value = mantissa * 10.0 ** exponent
    return _Number(i, j, value, has_scale=True, words=[t.text for t in tokens[i:j + 1]])


SMALL_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                     "seven": 7, "eight": 8, "nine": 9}


def _slash_fraction(tokens: list[_Tok], i: int) -> _Number | None:
    """"1/16" or "1⁄32" (numerator < denominator) before "of" or a unit; not a date
    ("1/16/2020", no second slash) nor "24/7"."""
    n = len(tokens)
    tok = tokens[i]
    if tok.is_digit and i + 2 < n and tokens[i + 1].text in ("/", "⁄") and _glued(tokens, i + 1) \
            and _glued(tokens, i + 2) and tokens[i + 2].is_digit and "," not in tok.text + tokens[i + 2].text:
        after = tokens[i + 3] if i + 3 < n else None
        if after is not None and after.text in ("/", "⁄", "-", ".") and after.start == tokens[i + 2].end \
                and i + 4 < n and tokens[i + 4].is_digit:
            return None
        num, den = _digits_value(tok.text), _digits_value(tokens[i + 2].text)
        if num is None or not den or num >= den:
            return None
        follows_of = after is not None and after.low == "of"
        if tokens[i + 1].text == "⁄" or follows_of or (after is not None and after.text[0].isalpha()
                                                       and after.low in UNIT_FORMS):
            return _Number(i, i + 2, num / den, words=[tok.text, "/", tokens[i + 2].text], fraction=True)
    return None


def _half(tokens: list[_Tok], i: int) -> _Number | None:
    """"half the flats", "almost half of whom"; not "the first half of"."""
    if tokens[i].low != "half":
        return None
    prev = tokens[i - 1].low if i > 0 else ""
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    if nxt in HALF_BEFORE and prev not in HALF_NOT_AMOUNT_BEFORE and not (i > 0 and tokens[i - 1].text == "-"):
        return _Number(i, i, HALF, words=["half"], fraction=True)
    if nxt in ("a", "an") and prev not in HALF_NOT_AMOUNT_BEFORE and i + 2 < len(tokens) \
            and _names_unit(tokens, i + 2) and tokens[i + 2].low not in SCALE_WORDS:
        return _Number(i, i, HALF, words=["half"], fraction=True)  # "cut by half a percentage point"
    return None


def _names_unit(tokens: list[_Tok], k: int) -> bool:
    """True when the word at ``k`` (alone or with the next) is a unit that ends the amount:
    "point", "percentage point"; not "half a day of power" (an "of" phrase measures)."""
    n = len(tokens)
    if k + 1 < n and f"{tokens[k].low} {tokens[k + 1].low}" in UNIT_FORMS:
        k += 1
    elif tokens[k].low not in UNIT_FORMS:
        return False
    return k + 1 >= n or tokens[k + 1].low != "of"


def _word_fraction(tokens: list[_Tok], i: int) -> _Number | None:
    """"a third of", "two-thirds of", "one fourth of", "three quarters of"."""
    n = len(tokens)
    low = tokens[i].low
    if low in SMALL_NUMERATORS:
        j = i + 1
        if j < n and tokens[j].text in ("-", "–") and _glued(tokens, j) and j + 1 < n and _glued(tokens, j + 1):
            j += 1
        if j < n and tokens[j].low in FRACTION_WORDS and j + 1 < n and tokens[j + 1].low == "of":
            den_word = tokens[j].low
            num = SMALL_NUMERATORS[low]
            if (num == 1) == den_word.endswith("s"):
                return None  # "two third of", "a thirds of": not a fraction as written
            return _Number(i, j, num / FRACTION_WORDS[den_word], words=[t.low for t in tokens[i:j + 1]],
                           fraction=True)
    return None


def _ratio(tokens: list[_Tok], i: int) -> _Number | None:
    """Ratios: "one in four voters", "1 in 6", "one out of three drivers"."""
    n = len(tokens)
    tok = tokens[i]
    low = tok.low
    if low in SMALL_NUMERATORS and low not in ("a", "an") or (tok.is_digit and tok.text.isdigit()):
        j = i + 1
        if j < n and tokens[j].low == "in":
            j += 1
        elif j + 1 < n and tokens[j].low == "out" and tokens[j + 1].low == "of":
            j += 2
        else:
            return None
        if j >= n:
            return None
        den_tok = tokens[j]
        den = _digits_value(den_tok.text) if den_tok.is_digit else (
            UNITS_WORDS.get(den_tok.low) or TENS_WORDS.get(den_tok.low) or (100 if den_tok.low == "hundred" else None))
        num = SMALL_NUMERATORS.get(low) if not tok.is_digit else _digits_value(tok.text)
        if not den or not num or num >= den or (den_tok.is_digit and "." in den_tok.text):
            return None
        after = tokens[j + 1] if j + 1 < n else None
        if after is not None and after.text[0].isalpha() and (after.low in UNIT_FORMS or after.low in SCALE_WORDS
                                                               or after.low in MONTHS):
            return None  # "1 in 10 years", "one in 3 million"
        if den_tok.is_digit and len(den_tok.text) == 4 and YEAR_MIN <= den <= YEAR_MAX:
            return None  # "one in 2019"
        if after is not None and after.text in ("-", "–", "/", ":") and after.start == den_tok.end:
            return None
        return _Number(i, j, num / den, words=[t.low for t in tokens[i:j + 1]], fraction=True)
    return None


def _read_fraction(tokens: list[_Tok], i: int) -> _Number | None:
    """Read a fraction at token ``i``: "1/16" or "1⁄32" (before "of" or a unit is checked by
    the caller's context), "a third of", "two-thirds of", "three quarters of", "half the",
    and ratios "one in three", "one out of five"."""
    tok = tokens[i]
    if not (tok.is_digit or tok.low == "half" or tok.low in SMALL_NUMERATORS):
        return None  # most tokens: no fraction can start here
    return (_slash_fraction(tokens, i) or _half(tokens, i) or _word_fraction(tokens, i)
            or _ratio(tokens, i))
