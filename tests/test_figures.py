"""Incidental numbers are not claim figures (extract/figures.py); every sentence is written
for these tests. The article's quantities keep them all."""

from __future__ import annotations

import pytest

from claimdiff.extract.claims import extract
from claimdiff.extract.figures import claim_figures
from claimdiff.extract.quantities import find_quantities
from claimdiff.model import Article


def _kept(text: str, tokens=None) -> list[str]:  # noqa: ANN001 - spaCy Span
    return [q.text for q in claim_figures(find_quantities(text), text, tokens=tokens)]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # the denominator of a rate
        ("Rates climbed to $2,900 per 20-foot box, the broker said.", ["$2,900"]),
        ("The clinic logged 14 cases per 10,000 residents.", ["14"]),
        # fixed compounds and ages
        ("The mayor called it a two-way deal that cost 300 jobs.", ["300"]),
        ("A 41-year-old driver was among 12 people hurt.", ["12"]),
        ("The driver, aged 41, was among 12 people hurt.", ["12"]),
        ("The three-time winner said 40 riders had withdrawn.", ["40"]),
        ("The coach said they won 3-1 in front of 8,000 fans.", ["8,000"]),
        ("Officials said the remaining four crew were safe.", ["four"]),
        # lengths of time that place an event
        ("The port reopened three days after the storm, with 80 ships waiting.", ["80"]),
        ("Two years ago the plant employed 900 workers.", ["900"]),
        # the window a figure is counted in
        ("They have won 11 of the last 14 matches.", ["11"]),
        ("The agency hired 250 inspectors in its first 100 days.", ["250"]),
        # a definite description of things already named
        ("The two leaders signed a deal covering 6,000 tonnes of grain.", ["6,000 tonnes"]),
        # a thing sized by a number; money and shares stay figures
        ("A 9,000 TEU vessel ran aground with 300 crew aboard.", ["300"]),
        ("The board approved a $40 million loan and a 5% fee.", ["$40 million", "5%"]),
        ("Police said a 3,000-strong crowd marched.", ["3,000"]),
        ("Insurers reported a fourfold rise in claims.", ["fourfold"]),
        ("He gave it a 1 in 4 chance.", ["1 in 4"]),
        ("Both sides agreed a 30-day ceasefire.", ["30-day"]),
        ("\"I doubt he has one,\" she said of the 40 permits.", ["40"]),
        ("In one email, he listed 12 donors.", ["12"]),
        ("Officials said one person died.", ["one"]),
    ],
)
def test_incidental_numbers(sentence: str, kept: list[str]) -> None:
    assert _kept(sentence) == kept


@pytest.mark.model
def test_threshold_of_a_place_uses_the_word_before(nlp) -> None:  # noqa: ANN001 - spaCy Language
    text = "Forecasters expect up to 15cm of snow on hills above 400 metres."
    assert _kept(text, nlp(text)[:]) == ["up to 15cm"]
    text = "The river rose above 5 metres on Sunday."
    assert _kept(text, nlp(text)[:]) == ["5 metres"]


@pytest.mark.model
def test_incidental_numbers_stay_in_the_article_quantities(nlp) -> None:  # noqa: ANN001
    text = "Harbour officials said 80 ships were waiting three days after the storm."
    ex = extract(Article(source="t.txt", text=text, outlet="Test"), nlp)
    assert [q.text for c in ex.claims for q in c.quantities] == ["80"]
    assert [q.text for q in ex.quantities] == ["80", "three days"]


def test_weeks_are_given_in_days() -> None:
    text = "The detour adds up to two weeks, or 3 to 4 weeks in winter, and two months in all."
    got = [(q.text, q.value, q.value_max, q.unit) for q in claim_figures(find_quantities(text), text)]
    assert got == [("up to two weeks", 14, None, "day"), ("3 to 4 weeks", 21, 28, "day"), ("two months", 2, None, "month")]
