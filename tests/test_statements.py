"""One statement over several sentences (extract/statements.py): the office a lede
describes is the person the next sentence names, and a briefing's date given once holds
for that speaker's neighbouring claims. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from claimdiff.extract.claims import extract
from claimdiff.extract.statements import fits_office
from claimdiff.model import Article

pytestmark = pytest.mark.model

REFERENCE = "2024-05-09"  # a Thursday


def _claims(nlp, text: str) -> list[tuple[str, str | None, list[float]]]:  # noqa: ANN001 - spaCy Language
    ex = extract(Article(source="t.txt", text=text, outlet="The Daily Test", published=REFERENCE,
                             reference_date=REFERENCE), nlp)
    return [((c.speaker.name if c.speaker else ""), c.statement_date, [q.value for q in c.quantities])
            for c in ex.claims if c.kind != "narration"]


def test_lede_office_is_the_person_named_next_and_the_date_carries(nlp) -> None:  # noqa: ANN001
    text = ("Chile's mining minister says copper output fell 4 percent in the first quarter.\n\n"
            "Pablo Reyes told reporters on Tuesday that 12 mines had cut shifts.\n\n"
            "Reyes said exports would recover by about 6 percent next year.")
    got = _claims(nlp, text)
    assert got[0][0] == "Pablo Reyes"
    assert [day for _, day, _ in got] == ["2024-05-07"] * 3


def test_indefinite_source_is_not_the_person_named_next(nlp) -> None:  # noqa: ANN001
    text = ("A police spokesman said 14 people were hurt in the crash.\n\n"
            "Maria Lund said on Wednesday that she saw 3 cars leave the road.")
    got = _claims(nlp, text)
    assert got[0][0] != "Maria Lund" and got[0][1] is None


def test_an_earlier_statement_keeps_its_own_time(nlp) -> None:  # noqa: ANN001
    text = ("The port director, Ana Silva, said on Monday that 310 ships were waiting.\n\n"
            "Silva had said in March that 120 ships were waiting.\n\n"
            "Silva said 40 berths were free.")
    got = _claims(nlp, text)
    assert [day for _, day, _ in got] == ["2024-05-06", "2024-03-01", "2024-05-06"]


def test_another_speaker_between_stops_the_date(nlp) -> None:  # noqa: ANN001
    text = ("Ana Silva, the port director, said on Monday that 310 ships were waiting.\n\n"
            "The shipping council said 28 ships had left.\n\n"
            "Silva said 40 berths were free.")
    got = _claims(nlp, text)
    assert got[0][1] == "2024-05-06" and got[-1][1] is None


@pytest.mark.parametrize(
    ("description", "role", "fits"),
    [("defence minister", "Defence Minister", True), ("defence minister", "Minister", True),
     ("defence minister", "Foreign Minister", False), ("finance minister", "spokesperson", False)],
)
def test_fits_office(description: str, role: str, fits: bool) -> None:
    assert fits_office(description, role) is fits
