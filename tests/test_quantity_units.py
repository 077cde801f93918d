"""Issue 9: unit classes of news amounts (sterling written "pounds", lists that state the
unit once, a change then the level it reached, rates per ounce or tonne) and periods that
are not what an amount measures ("rose 7% year on year").  Sentences written for these
tests."""

from __future__ import annotations

import pytest

from claimdiff.extract.quantities import find_quantities, unit_name


def _units(text: str, nlp=None) -> list[tuple[float | None, float | None, str | None]]:
    tokens = nlp(text) if nlp is not None else None
    return [(q.value, q.value_max, q.unit) for q in find_quantities(text, tokens=tokens)]


@pytest.mark.parametrize(("text", "unit"), [
    ("The cottage sold for 310,000 pounds in May.", "GBP"),
    ("The council was fined 4,000 pounds.", "GBP"),
    ("The club lost 35 million pounds last season.", "GBP"),
    ("The suitcase weighs 23 pounds.", "lb"),
    ("He shed 14 pounds before the fight.", "lb"),
    ("The plant recalled 3 million pounds of chicken.", "lb"),
])
def test_pounds_money_or_weight(text: str, unit: str) -> None:
    assert [u for _v, _m, u in _units(text)] == [unit]


@pytest.mark.parametrize(("text", "expected"), [
    ("Fares went up 3, 4 and 7 percent.", [(3, None, "percent"), (4, None, "percent"), (7, None, "percent")]),
    ("The bids were 2, 3, or 5 per cent.", [(2, None, "percent"), (3, None, "percent"), (5, None, "percent")]),
    ("Of the 40, 9 percent stayed.", [(40, None, None), (9, None, "percent")]),
])
def test_list_shares_unit_written_once(text: str, expected: list[tuple[float, float | None, str | None]]) -> None:
    assert _units(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Silver rose $2 to $31 an ounce.", [(2, None, "USD"), (31, None, "dollar per ounce")]),
    ("The gauge fell 35 to 9,800.", [(35, None, None), (9800, None, None)]),
    ("Fees rose 3 to 4 percent.", [(3, 4, "percent")]),
    ("Fees rose 2 to 5 percent.", [(2, 5, "percent")]),
    ("Fees rose from 2 to 30 percent.", [(2, 30, "percent")]),
])
def test_change_then_level_after_verb(text: str, expected: list[tuple[float, float | None, str | None]]) -> None:
    assert _units(text) == expected


@pytest.mark.parametrize(("unit", "name"), [
    ("USD/oz", "dollar per ounce"), ("USD/tonne", "dollar per metric ton"), ("EUR/kg", "euro per kilogram"),
    ("barrel/day", "barrel per day"),
])
def test_rate_denominators_in_words(unit: str, name: str) -> None:
    assert unit_name(unit) == name


@pytest.mark.model
@pytest.mark.parametrize(("text", "concept", "change"), [
    ("Rents rose 7% year on year.", "Rents", "up"),
    ("Food prices fell 2 percent month on month.", "Food prices", "down"),
])
def test_period_is_not_the_concept(nlp, text: str, concept: str, change: str) -> None:
    (q,) = find_quantities(text, tokens=nlp(text))
    assert (q.concept, q.change) == (concept, change)


@pytest.mark.model
@pytest.mark.parametrize(("text", "concept"), [
    ("The trust reported profit of $40 million.", "profit of the trust"),
    ("Halvorsen reported revenue of $2 billion.", "revenue of Halvorsen"),
    ("The survey found a response rate of 45 percent.", "response rate"),
    ("The trial reached a power of 80%.", "power"),
])
def test_holder_is_a_body_or_a_name(nlp, text: str, concept: str) -> None:
    (q,) = find_quantities(text, tokens=nlp(text))
    assert q.concept == concept


@pytest.mark.parametrize(("text", "expected"), [
    ("The bank cut rates by half a percentage point.", [(0.5, None, "percentage point")]),
    ("The shares rose half a percent.", [(0.5, None, "percent")]),
    ("The village lost half a day of water.", []),
    ("The port handled half a million boxes.", [(500000, None, None)]),
])
def test_half_a_unit(text: str, expected: list[tuple[float, float | None, str | None]]) -> None:
    assert _units(text) == expected


@pytest.mark.parametrize(("text", "value"), [
    ("5,000 crore", 5e10), ("3 lakh", 3e5), ("1.2 lakh crore", 1.2e12), ("two thousand million", 2e9),
])
def test_lakh_crore_and_multiplied_scales(text: str, value: float) -> None:
    from claimdiff.extract.quantities import parse_number

    assert parse_number(text) == pytest.approx(value)


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    ("Copper rose 2%, zinc 1.5% and the tin price 0.4%.",
     [("Copper", "up"), ("zinc", "up"), ("tin price", "up")]),
    ("Spain grew 0.9 percent, Portugal 0.6 percent.", [("Spain", "up"), ("Portugal", "up")]),
    ("Sales rose 5% in May and 3% in June.", [("Sales", "up"), ("Sales", None)]),
])
def test_gapped_clause_names_its_own_concept(nlp, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(q.concept, q.change) for q in find_quantities(text, tokens=nlp(text))] == expected


@pytest.mark.model
@pytest.mark.parametrize(("text", "concept"), [
    ("The FTSE 250 slipped 0.7 per cent.", "FTSE 250"),
    ("The Nikkei 225 index ended 1% lower.", "Nikkei 225 index"),
])
def test_index_member_count_is_part_of_the_name(nlp, text: str, concept: str) -> None:
    assert find_quantities(text, tokens=nlp(text))[0].concept == concept
