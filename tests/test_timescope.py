"""Tests for claimdiff.extract.timescope: time scopes and statement dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.extract.timescope import find_statement_date, find_time_scope, parse_iso, resolve_month
from claimdiff.model import TimeScope

REFERENCE = "2024-02-26"  # a Monday
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def _scope(text: str, reference: str | None = REFERENCE, offset: int = 0) -> TimeScope:
    """Find a scope that must exist and check its span slices back to its text."""
    scope = find_time_scope(text, offset=offset, reference=reference)
    assert scope is not None, text
    assert text[scope.span_start - offset : scope.span_end - offset] == scope.text
    return scope


# --------------------------------------------------------------------------- "since …"

@pytest.mark.parametrize(
    ("reference", "start"),
    [
        ("2024-02-26", "2023-08-01"),  # before August: last year's August
        ("2024-01-03", "2023-08-01"),  # year rollover
        ("2024-08-15", "2024-08-01"),  # in August itself: this year's
        ("2024-10-01", "2024-08-01"),  # after August: this year's
        ("2024-12-31", "2024-08-01"),
    ],
)
def test_since_month_resolves_year_from_reference(reference: str, start: str) -> None:
    scope = _scope("North Korea has sent 6,700 containers since August.", reference)
    assert scope.text == "since August"
    assert (scope.start, scope.end) == (start, reference)


def test_since_month_year_rollover_november_in_january() -> None:
    scope = _scope("Prices have risen since November", "2025-01-10")
    assert (scope.start, scope.end) == ("2024-11-01", "2025-01-10")


def test_since_month_equal_to_reference_month_is_this_year() -> None:
    assert _scope("since January", "2024-01-10").start == "2024-01-01"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("since early August", "2023-08-01"),
        ("since mid-August", "2023-08-11"),
        ("since late August", "2023-08-21"),
        ("since the start of August", "2023-08-01"),
        ("since August 3", "2023-08-03"),
        ("since 3 August", "2023-08-03"),
        ("since August 2022", "2022-08-01"),
        ("since 2022", "2022-01-01"),
    ],
)
def test_since_variants(text: str, start: str) -> None:
    scope = _scope(f"Output grew {text}, officials said.")
    assert scope.text == text
    assert (scope.start, scope.end) == (start, REFERENCE)


def test_since_early_august_keeps_the_part_in_text() -> None:
    scope = _scope("Shipments have doubled since early August.")
    assert scope.text == "since early August"
    assert scope.start == "2023-08-01"


def test_since_event_with_month_and_year() -> None:
    text = "Shipments since the meeting between Kim and Putin in September 2023 have grown."
    scope = _scope(text)
    assert scope.text == "since the meeting between Kim and Putin in September 2023"
    assert (scope.start, scope.end) == ("2023-09-01", REFERENCE)


def test_since_named_event_month() -> None:
    scope = _scope("Trains have run daily since the September summit.")
    assert scope.text == "since the September summit"
    assert (scope.start, scope.end) == ("2023-09-01", REFERENCE)


# --------------------------------------------------------------------------- parts of years and periods

@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("since mid-2022", "2022-05-01"),
        ("since early 2023", "2023-01-01"),
        ("since late 2021", "2021-09-01"),
        ("since the start of 2022", "2022-01-01"),
        ("since the end of 2022", "2022-12-01"),
        ("since the start of the year", "2024-01-01"),
        ("since the beginning of this month", "2024-02-01"),
        ("since the end of last year", "2023-12-01"),
        ("since last year", "2023-01-01"),
    ],
)
def test_since_part_of_a_year(text: str, start: str) -> None:
    scope = _scope(f"The depot has handled 900 trucks {text}, the port said.")
    assert scope.text == text
    assert (scope.start, scope.end) == (start, REFERENCE)


PARTS = ("early", "mid", "late", "the start of", "the beginning of", "the end of", "the middle of",
         "the first half of", "the second half of")


@given(year=st.integers(1990, 2035), part=st.sampled_from(PARTS), sep=st.sampled_from([" ", "-"]),
       reference=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_part_of_a_year_property(year: int, part: str, sep: str, reference: date) -> None:
    phrase = f"{part}{sep if part in ('early', 'mid', 'late') else ' '}{year}"
    since = _scope(f"Prices have climbed 12% since {phrase}, traders said.", reference.isoformat())
    assert since.text == f"since {phrase}"
    assert since.start is not None and since.start.startswith(str(year)) and since.end == reference.isoformat()
    within = _scope(f"Some 400 homes were sold in {phrase}.", reference.isoformat())
    assert within.text == f"in {phrase}"
    assert within.start is not None and within.end is not None
    assert within.start <= within.end and within.start[:4] == within.end[:4] == str(year)
    assert since.start == within.start


@given(n=st.integers(1, 12), unit=st.sampled_from(["day", "week", "month", "year"]),
       lead=st.sampled_from(["over the next", "in the coming", "during the following", "within the next"]),
       reference=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
@settings(max_examples=100, deadline=None)
def test_coming_period_runs_forward_from_the_reference(n: int, unit: str, lead: str, reference: date) -> None:
    text = f"{lead} {n} {unit}{'s' if n > 1 else ''}"
    scope = _scope(f"The firm plans to hire 300 staff {text}.", reference.isoformat())
    assert scope.text == text
    assert scope.start == reference.isoformat()
    assert scope.end is not None and scope.end > scope.start


@given(unit=st.sampled_from(["year", "month", "week"]), which=st.sampled_from(["the", "this", "last"]),
       part=st.sampled_from(["start", "beginning", "end", "middle"]), reference=st.dates(date(2000, 1, 1), date(2040, 12, 31)))
@settings(max_examples=100, deadline=None)
def test_since_part_of_this_or_last_period_is_not_after_the_reference(unit: str, which: str, part: str,
                                                                    reference: date) -> None:
    scope = _scope(f"Sales have grown 4% since the {part} of {which} {unit}.", reference.isoformat())
    assert scope.text == f"since the {part} of {which} {unit}"
    assert scope.start is not None and scope.start <= reference.isoformat() and scope.end == reference.isoformat()


def test_period_of_a_figure_and_length_of_time() -> None:
    scope = _scope("The council is cutting £2.3 million from libraries over two years.")
    assert scope.text == "over two years" and (scope.start, scope.end) == (None, None)
    for text in ("The trial lasted over two years.", "He has worked there for over two years.",
                 "It was the first visit in over two decades."):
        assert find_time_scope(text, reference=REFERENCE) is None, text


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("by the end of March", "2024-03-31"),  # a deadline looks ahead
        ("by January", "2025-01-31"),
        ("by mid-2025", "2025-08-31"),
        ("by the end of the year", "2024-12-31"),
        ("by the end of next month", "2024-03-31"),
    ],
)
def test_deadlines(text: str, end: str) -> None:
    scope = _scope(f"The bloc aims to deliver one million rounds {text}.")
    assert scope.text == text
    assert (scope.start, scope.end) == (None, end)


def test_by_may_alone_is_not_a_deadline() -> None:
    assert find_time_scope("The plan was drafted by May and her aides.", reference=REFERENCE) is None


# --------------------------------------------------------------------------- periods

@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("over the past year", "2023-02-26"),
        ("in the past two weeks", "2024-02-12"),
        ("over the last three months", (date(2024, 2, 26) - timedelta(days=90)).isoformat()),
        ("during the previous 10 days", "2024-02-16"),
    ],
)
def test_past_periods(text: str, start: str) -> None:
    scope = _scope(f"About 40 ships docked {text}.")
    assert scope.text == text
    assert (scope.start, scope.end) == (start, REFERENCE)


def test_past_period_with_vague_count_has_no_start() -> None:
    scope = _scope("Fighting eased over the last several days.")
    assert scope.text == "over the last several days"
    assert (scope.start, scope.end) == (None, REFERENCE)


def test_as_of_day() -> None:
    scope = _scope("As of Feb 16, 500 people had left.")
    assert scope.text == "As of Feb 16"
    assert (scope.start, scope.end) == (None, "2024-02-16")


def test_as_of_dotted_abbreviation() -> None:
    scope = _scope("As of Feb. 16, 2024, 500 people had left.")
    assert scope.text == "As of Feb. 16, 2024"
    assert scope.end == "2024-02-16"


def test_between_months_without_year() -> None:
    scope = _scope("Prices rose between March and May.", "2024-06-01")
    assert scope.text == "between March and May"
    assert (scope.start, scope.end) == ("2024-03-01", "2024-05-31")


def test_between_months_with_year() -> None:
    scope = _scope("Prices rose between March and May 2024, the bank said.", "2024-06-01")
    assert scope.text == "between March and May 2024"
    assert (scope.start, scope.end) == ("2024-03-01", "2024-05-31")


def test_from_day_to_day() -> None:
    scope = _scope("from Jan 5 to March 10", "2024-06-01")
    assert (scope.start, scope.end) == ("2024-01-05", "2024-03-10")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("this year", "2024-01-01", REFERENCE),
        ("so far this year", "2024-01-01", REFERENCE),
        ("last year", "2023-01-01", "2023-12-31"),
        ("in 2023", "2023-01-01", "2023-12-31"),
    ],
)
def test_year_scopes(text: str, start: str, end: str) -> None:
    scope = _scope(f"Exports fell 8 percent {text}.")
    assert scope.text == text
    assert (scope.start, scope.end) == (start, end)


# --------------------------------------------------------------------------- preference, offsets, no reference

def test_earliest_scope_wins() -> None:
    scope = _scope("Over the past year, and since August in particular, 300 ships arrived.")
    assert scope.text == "Over the past year"


def test_longest_scope_wins_at_same_start() -> None:
    # "since the meeting … in 2023" and "since the meeting" both start at "since"; the
    # inner "in 2023" starts later.  The longest match at the earliest start wins.
    scope = _scope("since the summit in 2023 exports rose")
    assert scope.text == "since the summit in 2023"
    assert scope.start == "2023-01-01"


def test_offset_is_added_to_span() -> None:
    sentence = "He said 5,000 shells arrived since August."
    scope = _scope(sentence, offset=120)
    assert scope.span_start == 120 + sentence.index("since")
    assert scope.span_end == 120 + len(sentence) - 1


def test_span_slices_article_text() -> None:
    article = "First sentence here. Exports doubled over the past two weeks, traders said."
    offset = article.index("Exports")
    sentence = article[offset:]
    scope = find_time_scope(sentence, offset=offset, reference=REFERENCE)
    assert scope is not None
    assert article[scope.span_start : scope.span_end] == scope.text == "over the past two weeks"


@pytest.mark.parametrize(
    "text", ["since August", "over the past year", "as of Feb 16", "this year", "between March and May"]
)
def test_no_reference_leaves_relative_dates_unresolved(text: str) -> None:
    scope = find_time_scope(f"Sales rose {text}.")
    assert scope is not None
    assert scope.text == text
    assert scope.start is None and scope.end is None
    assert scope.span_end - scope.span_start == len(text)


def test_no_reference_still_resolves_explicit_year() -> None:
    scope = find_time_scope("Sales rose in 2023.")
    assert scope is not None and (scope.start, scope.end) == ("2023-01-01", "2023-12-31")


def test_bad_reference_is_like_none() -> None:
    scope = find_time_scope("since August", reference="not-a-date")
    assert scope is not None and scope.start is None


@pytest.mark.parametrize("text", ["", "The troops left.", "In a statement, the ministry spoke.", "May I ask?"])
def test_no_scope(text: str) -> None:
    assert find_time_scope(text, reference=REFERENCE) is None


# --------------------------------------------------------------------------- statement dates

@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("2024-02-26", "2024-02-26"),  # Monday article: the same day
        ("2024-02-27", "2024-02-26"),  # Tuesday article: yesterday
        ("2024-02-29", "2024-02-26"),  # Thursday
        ("2024-03-03", "2024-02-26"),  # Sunday
        ("2024-01-03", "2024-01-01"),  # Wednesday, first week of the year
        ("2024-01-10", "2024-01-08"),
    ],
)
def test_said_monday(reference: str, expected: str) -> None:
    assert find_statement_date("said Monday", reference=reference) == expected
    assert find_statement_date("said on Monday", reference=reference) == expected


def test_weekday_before_reference_in_previous_year() -> None:
    # 2024-01-01 is a Monday: "Friday" is 2023-12-29.
    assert find_statement_date("told reporters Friday", reference="2024-01-01") == "2023-12-29"


@pytest.mark.parametrize(
    ("reference", "expected"), [("2024-02-26", "2023-11-01"), ("2023-12-05", "2023-11-01"), ("2023-11-20", "2023-11-01")]
)
def test_in_november(reference: str, expected: str) -> None:
    assert find_statement_date("In November", reference=reference) == expected


@pytest.mark.parametrize(
    ("context", "reference", "expected"),
    [
        ("yesterday", "2024-02-26", "2024-02-25"),
        ("yesterday", "2024-03-01", "2024-02-29"),
        ("yesterday", "2024-01-01", "2023-12-31"),
        ("today", "2024-02-26", "2024-02-26"),
        ("last month", "2024-02-26", "2024-01-01"),
        ("last month", "2024-01-15", "2023-12-01"),
        ("last month", "2024-03-31", "2024-02-01"),
        ("last week", "2024-02-26", "2024-02-19"),
    ],
)
def test_relative_statement_dates(context: str, reference: str, expected: str) -> None:
    assert find_statement_date(context, reference=reference) == expected


@pytest.mark.parametrize("context", ["said Monday", "In November", "yesterday", "last month"])
def test_statement_date_needs_reference(context: str) -> None:
    assert find_statement_date(context) is None
    assert find_statement_date(context, reference="garbage") is None


def test_statement_date_none_without_date_words() -> None:
    assert find_statement_date("told lawmakers", reference=REFERENCE) is None


# --------------------------------------------------------------------------- helpers

def test_resolve_month() -> None:
    ref = date(2024, 2, 26)
    assert resolve_month(8, None, ref) == 2023
    assert resolve_month(2, None, ref) == 2024
    assert resolve_month(8, 2020, ref) == 2020
    assert resolve_month(8, None, None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-26", date(2024, 2, 26)), ("2024-02", date(2024, 2, 1)), ("2024", date(2024, 1, 1)),
        ("2024-02-26T10:00:00Z", date(2024, 2, 26)), (None, None), ("", None), ("2024-13-01", None),
        ("2023-02-29", None), ("yesterday", None),
    ],
)
def test_parse_iso(value: str | None, expected: date | None) -> None:
    assert parse_iso(value) == expected


# --------------------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    [*MONTH_NAMES, "Sept.", "Feb.", "since", "the", "over", "past", "last", "this", "year", "month",
     "as", "of", "between", "and", "to", "from", "in", "early", "mid-", "late", "2023", "1999", "16",
     "31", "0", "two", "several", "weeks", "summit", ",", "."]
)
_TEXT = st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=12).map(" ".join))
_REFERENCE = st.one_of(st.none(), st.dates().map(date.isoformat), st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, offset=st.integers(min_value=0, max_value=10_000), reference=_REFERENCE)
def test_find_time_scope_never_raises_and_spans_slice(text: str, offset: int, reference: str | None) -> None:
    scope = find_time_scope(text, offset=offset, reference=reference)
    assert scope is None or isinstance(scope, TimeScope)
    if scope is not None:
        assert text[scope.span_start - offset : scope.span_end - offset] == scope.text
        assert scope.text


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, reference=_REFERENCE)
def test_find_statement_date_never_raises(text: str, reference: str | None) -> None:
    result = find_statement_date(text, reference=reference)
    assert result is None or parse_iso(result) is not None


# News dates: the years the month/year patterns understand.
_NEWS_DATES = st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=200, deadline=None)
@given(reference=_NEWS_DATES, month=st.sampled_from(MONTH_NAMES))
def test_since_month_is_within_twelve_months_before_reference(reference: date, month: str) -> None:
    scope = find_time_scope(f"since {month}", reference=reference.isoformat())
    assert scope is not None and scope.start is not None
    start = date.fromisoformat(scope.start)
    assert start <= reference
    assert (reference.year - start.year) * 12 + reference.month - start.month < 12
    assert start.day == 1 and start.strftime("%B") == month
    assert scope.end == reference.isoformat()


@given(st.dates())
def test_parse_iso_round_trips_isoformat(value: date) -> None:
    assert parse_iso(value.isoformat()) == value
