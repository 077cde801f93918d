"""Time scopes ("since August", "since mid-2022", "since the start of the year", "over the
past year", "over the next five years", "over two years", "as of Feb 16", "by the end of
March") and statement dates ("said Monday", "In November, … said"), resolved against a
reference date.

Everything here is pure and regex-based: it runs on any sentence, parsed or not.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import TimeScope
from .lexicon import months

__all__ = ["find_time_scope", "find_statement_date", "resolve_month", "parse_iso", "TimeMention"]

MONTHS = months()
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": None, "few": None,
}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}

#: A month name, or an abbreviation with an optional full stop ("Sept.", "Jan"), from months.json.
_MONTH = "(?:" + "|".join(
    name + (r"\.?" if len(name) <= 4 and name not in ("may", "june", "july") else "")
    for name in sorted(MONTHS, key=len, reverse=True)) + ")"
_PART = r"(?:(?P<part>early|mid|mid-|late|the (?:start|beginning|end) of)\s*-?\s*)?"
_DATE = (
    rf"{_PART}(?:(?P<day1>\d{{1,2}})\s+)?(?P<month>{_MONTH})(?:(?<=\.)|\b)(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_YEAR_ONLY = r"(?P<yonly>(?:19|20)\d\d)\b"
#: A part of a year: "mid-2022", "early 2023", "the end of 2021", "the first half of 2024".
_YEAR_PART = (r"(?P<ypart>early|mid|late|the\s+(?:start|beginning|end|middle|(?:first|second)\s+half)\s+of)"
              r"\s*-?\s*(?P<pyear>(?:19|20)\d\d)\b")
#: A part of the current or last year/month/week: "the start of the year", "the end of
#: last month", "last year", "this month".
_REL_PART = (r"(?:the\s+(?P<rpart>start|beginning|end|middle)\s+of\s+(?P<rwhich>the|this|last)|(?P<rbare>last|this))"
             r"\s+(?P<runit>year|month|week)\b")
_EVENT = r"(?:the\s+(?:[\w'’-]+\s+){0,8}?(?:in|on|of)\s+)"  # "the meeting between A and B in"
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"

SCOPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("since", re.compile(rf"\bsince\s+(?:{_EVENT})?{_DATE}", re.I)),
    ("since_event_month", re.compile(rf"\bsince\s+the\s+{_PART}(?P<month>{_MONTH})\b(?:\s+(?P<year>(?:19|20)\d\d))?\s+[a-z]+", re.I)),
    # Before "since_year": at one start and length, the earlier kind wins, and "since the
    # end of 2022" is a part of a year, not an event "in" 2022.
    ("since_part_year", re.compile(rf"\bsince\s+{_YEAR_PART}", re.I)),
    ("since_rel", re.compile(rf"\bsince\s+{_REL_PART}", re.I)),
    ("since_year", re.compile(rf"\bsince\s+(?:{_EVENT})?{_YEAR_ONLY}", re.I)),
    ("past", re.compile(rf"\b(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:{_N}\s+)?{_UNIT}", re.I)),
    ("next", re.compile(rf"\b(?:over|in|during|within|for)\s+the\s+(?:next|coming|following)\s+(?:{_N}\s+)?{_UNIT}", re.I)),
    ("period", re.compile(rf"\b(?:over|across|within)\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+{_UNIT}", re.I)),
    ("part_year", re.compile(rf"\b(?:in|during|by|until|through)\s+{_YEAR_PART}", re.I)),
    ("by", re.compile(rf"\bby\s+(?:{_DATE}|the\s+(?P<bpart>start|beginning|end|middle)\s+of\s+(?P<bwhich>the|this|next)\s+(?P<bunit>year|month|week)\b)", re.I)),
    ("as_of", re.compile(rf"\bas\s+of\s+{_DATE}", re.I)),
    ("between", re.compile(rf"\b(?:between|from)\s+{_DATE}\s+(?:and|to|until|through)\s+(?P<rest>{_MONTH}(?:(?<=\.)|\b)(?:\s+\d{{1,2}}\b)?(?:,?\s+(?:19|20)\d\d)?)", re.I)),
    ("this_year", re.compile(r"\b(?:so far\s+)?this\s+(?P<unit>year|month|week)\b|\bso far\b", re.I)),
    ("last_year", re.compile(r"\blast\s+(?P<unit>year|month|week)\b", re.I)),
    ("in_year", re.compile(rf"\bin\s+{_YEAR_ONLY}", re.I)),
)
STATEMENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weekday", re.compile(r"\b(?:on\s+|last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)),
    ("in_month", re.compile(rf"\b(?:in|on|earlier in|late in|early in)\s+{_DATE}", re.I)),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|earlier this (?:week|month|year)|last (?:week|month))\b", re.I)),
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a sentence: kind, text, offsets and resolved dates."""

    kind: str
    text: str
    start: int
    end: int
    date_start: str | None
    date_end: str | None


def parse_iso(value: str | None) -> date | None:
    """Parse ``YYYY-MM-DD`` (or ``YYYY-MM``), returning ``None`` when absent or bad."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def resolve_month(month: int, year: int | None, reference: date | None) -> int | None:
    """Return the year of ``month``: given, else the latest one not after ``reference``."""
    if year is not None:
        return year
    if reference is None:
        return None
    return reference.year if month <= reference.month else reference.year - 1


def _month_number(text: str) -> int:
    """Map a month name or abbreviation to 1..12."""
    return MONTHS[text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower().rstrip(".")[:3]]


def _date_from_match(m: re.Match[str], reference: date | None) -> tuple[str | None, str | None]:
    """Resolve a matched month/day/year into (start, end) ISO dates of that period."""
    groups = m.groupdict()
    if groups.get("yonly"):
        year = int(groups["yonly"])
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = _month_number(groups["month"])
    year = resolve_month(month, int(groups["year"]) if groups.get("year") else None, reference)
    if year is None:
        return None, None
    day = groups.get("day1") or groups.get("day2")
    last = calendar.monthrange(year, month)[1]
    if day and 1 <= int(day) <= last:
        iso = f"{year:04d}-{month:02d}-{int(day):02d}"
        return iso, iso
    part = (groups.get("part") or "").lower()
    first_day, last_day = 1, last
    if part.startswith("early") or "start" in part or "beginning" in part:
        last_day = 10
    elif part.startswith("mid"):
        first_day, last_day = 11, 20
    elif part.startswith("late") or "end" in part:
        first_day = 21
    return f"{year:04d}-{month:02d}-{first_day:02d}", f"{year:04d}-{month:02d}-{last_day:02d}"


#: Months (first, last) of a part of a year: "early 2023" is January to April.
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12), "start": (1, 1),
              "beginning": (1, 1), "end": (12, 12), "first half": (1, 6), "second half": (7, 12)}
#: Words before "over two years" that make it an amount ("lasted over two years"), not a period.
DURATION_WORDS = frozenset({
    "for", "in", "of", "after", "to", "than", "from", "by", "about", "nearly", "almost", "only", "just",
    "last", "lasted", "lasting", "lasts", "take", "takes", "took", "taking", "taken", "spend", "spent",
    "spends", "spending", "serve", "served", "serving", "serves", "wait", "waited", "waiting",
})


def _year_part_dates(m: re.Match[str]) -> tuple[str, str]:
    """(start, end) of "mid-2022", "the end of 2021": the months of that part of the year."""
    part = re.sub(r"^the\s+|\s+of$", "", re.sub(r"\s+", " ", m.group("ypart").lower()))
    first, last = YEAR_PARTS[part]
    year = int(m.group("pyear"))
    return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"


def _period_bounds(unit: str, shift: int, reference: date) -> tuple[date, date]:
    """The year, month or week ``shift`` periods from the one holding ``reference``."""
    if unit == "year":
        return date(reference.year + shift, 1, 1), date(reference.year + shift, 12, 31)
    if unit == "month":
        index = reference.year * 12 + reference.month - 1 + shift
        year, month = divmod(index, 12)
        return date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=shift)
    return monday, monday + timedelta(days=6)


def _part_of_period(part: str | None, unit: str, which: str, reference: date) -> tuple[str, str]:
    """(start, end) of "the start of the year", "the end of last month", "last week"."""
    shift = {"last": -1, "next": 1}.get(which.lower(), 0)
    lo, hi = _period_bounds(unit.lower(), shift, reference)
    part = (part or "").lower()
    if part in ("start", "beginning"):
        hi = min(hi, lo + timedelta(days=9 if unit.lower() == "month" else 30 if unit.lower() == "year" else 1))
    elif part == "end":
        lo = max(lo, hi - timedelta(days=9 if unit.lower() == "month" else 30 if unit.lower() == "year" else 1))
    elif part == "middle":
        span = (hi - lo).days
        lo, hi = lo + timedelta(days=span // 3), lo + timedelta(days=2 * span // 3)
    return lo.isoformat(), hi.isoformat()


def _part_scope_dates(kind: str, m: re.Match[str], reference: date | None) -> tuple[str | None, str | None]:
    """(start, end) of the scopes built on parts of periods and deadlines: "since mid-2022",
    "in early 2023", "since the start of the year", "by the end of March", "over two years"."""
    ref_iso = reference.isoformat() if reference else None
    if kind == "since_part_year":
        return _year_part_dates(m)[0], ref_iso
    if kind == "part_year":
        start, end = _year_part_dates(m)
        return (None, end) if m.group(0).lower().startswith("by") else (start, end)
    if kind == "since_rel":
        if reference is None:
            return None, None
        which = m.group("rwhich") or m.group("rbare")
        start = _part_of_period(m.group("rpart"), m.group("runit"), which, reference)[0]
        if start > ref_iso and which.lower() != "last":  # "since the end of the year" in January: last year's
            start = _part_of_period(m.group("rpart"), m.group("runit"), "last", reference)[0]
        return start, ref_iso
    if kind == "by":
        if m.group("bunit"):
            return (None, _part_of_period(m.group("bpart"), m.group("bunit"), m.group("bwhich"), reference)[1]) \
                if reference else (None, None)
        if reference is not None and not m.group("year"):
            # A deadline looks ahead: "by the end of March" in February is this March.
            month = _month_number(m.group("month"))
            reference = date(reference.year + (month < reference.month), 12, 31)
        return None, _date_from_match(m, reference)[1]
    return None, None


def _scope_dates(kind: str, m: re.Match[str], reference: date | None) -> tuple[str | None, str | None]:
    """Resolve a scope match to (start, end): a period that runs up to the reference date."""
    ref_iso = reference.isoformat() if reference else None
    if kind in ("since", "since_event_month", "since_year"):
        start, _ = _date_from_match(m, reference)
        return start, ref_iso
    if kind in ("since_part_year", "part_year", "since_rel", "by", "period"):
        return _part_scope_dates(kind, m, reference)
    if kind == "next":
        n_text = (m.group("n") or "one").lower()
        n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
        if reference is None or n is None:
            return ref_iso, None
        return ref_iso, (reference + timedelta(days=n * UNIT_DAYS[m.group("unit").lower()])).isoformat()
    if kind == "past":
        n_text = (m.group("n") or "one").lower()
        n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
        if reference is None or n is None:
            return None, ref_iso
        return (reference - timedelta(days=n * UNIT_DAYS[m.group("unit").lower()])).isoformat(), ref_iso
    if kind == "as_of":
        _, end = _date_from_match(m, reference)
        return None, end
    if kind == "between":
        start, _ = _date_from_match(m, reference)
        rest = re.match(rf"{_DATE}", m.group("rest"), re.I)
        _, end = _date_from_match(rest, reference) if rest else (None, None)
        return start, end
    if kind in ("this_year", "last_year"):
        if reference is None:
            return None, None
        unit = (m.groupdict().get("unit") or "year").lower()
        year = reference.year - (1 if kind == "last_year" and unit == "year" else 0)
        if unit == "year":
            return f"{year:04d}-01-01", (ref_iso if kind == "this_year" else f"{year:04d}-12-31")
        return None, ref_iso
    if kind == "in_year":
        return _date_from_match(m, reference)
    return None, None


def find_time_scope(text: str, *, offset: int = 0, reference: str | None = None) -> TimeScope | None:
    """Return the first time scope in ``text`` (a sentence at ``offset`` in the article).

    Args:
        text: the sentence or clause.
        offset: where ``text`` starts in the article, added to the span offsets.
        reference: ISO reference date used to pick the year of "since August".

    Returns:
        A ``TimeScope`` with resolved ``start``/``end`` where possible, or ``None``.

    >>> find_time_scope("sent 6,700 containers since August", reference="2024-02-26").start
    '2023-08-01'
    """
    ref = parse_iso(reference)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in SCOPE_PATTERNS:
        for m in pattern.finditer(text):
            if kind == "period" and _amount_not_period(text, m.start()):
                continue
            if kind == "by" and m.groupdict().get("month") and m.group("month").lower() == "may" \
                    and not (m.group("part") or m.group("day1") or m.group("day2") or m.group("year")):
                continue  # "written by May" is a name
            found.append((m.start(), -(m.end() - m.start()), kind, m))
    if not found:
        return None
    # Prefer the earliest, then the longest: "since the meeting … in September 2023"
    # must win over the "in September 2023" inside it.
    found.sort(key=lambda f: (f[0], f[1]))
    start, _, kind, m = found[0]
    date_start, date_end = _scope_dates(kind, m, ref)
    return TimeScope(
        text=m.group(0), start=date_start, end=date_end,
        span_start=offset + m.start(), span_end=offset + m.end(),
    )


def _amount_not_period(text: str, at: int) -> bool:
    """True when "over two years" at ``at`` is a length of time ("lasted over two years",
    "for over two years"), not the period a figure covers ("cut £2m over two years")."""
    before = re.findall(r"[A-Za-z]+", text[max(0, at - 30):at])
    return bool(before) and before[-1].lower() in DURATION_WORDS


def find_statement_date(cue_context: str, *, reference: str | None = None) -> str | None:
    """Resolve the date a statement was made from words near its cue ("said Monday").

    ``cue_context`` is the text right around the reporting verb; returns an ISO date
    (the first day of the month for "In November") or ``None``.
    """
    ref = parse_iso(reference)
    if ref is None:
        return None
    for kind, pattern in STATEMENT_PATTERNS:
        m = pattern.search(cue_context)
        if not m:
            continue
        if kind == "weekday":
            back = (ref.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
            return (ref - timedelta(days=back)).isoformat()
        if kind == "in_month":
            start, _ = _date_from_match(m, ref)
            return start
        rel = m.group("rel").lower()
        if rel == "yesterday":
            return (ref - timedelta(days=1)).isoformat()
        if rel == "today":
            return ref.isoformat()
        if rel == "last month":
            prev = ref.replace(day=1) - timedelta(days=1)
            return prev.replace(day=1).isoformat()
        if rel == "last week":
            return (ref - timedelta(days=7)).isoformat()
    return None
