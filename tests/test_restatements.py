"""One claim per figure per article (extract/restatements.py): a figure restated by the
same source, or by the outlet after a source gave it, is one claim; two sources giving
one figure are two. All sentences are written for these tests."""

from __future__ import annotations

import pytest

from claimdiff.extract.claims import extract
from claimdiff.extract.restatements import can_be_same_speaker, same_figure
from claimdiff.model import Article, Quantity, Speaker


def _figures(nlp, text: str) -> list[tuple[float | None, str, str]]:  # noqa: ANN001 - spaCy Language
    """(value, kind, speaker name) of every claim figure of an article."""
    ex = extract(Article(source="t.txt", text=text, outlet="The Daily Test", published="2024-03-06"), nlp)
    return [(q.value, c.kind, (c.speaker.name if c.speaker else "")) for c in ex.claims for q in c.quantities]


@pytest.mark.model
def test_lede_and_body_of_one_source_are_one_claim(nlp) -> None:  # noqa: ANN001
    text = ("A senior port official says about 340 trucks are stuck at the border crossing.\n\n"
            "The official, speaking on condition of anonymity, said about 340 trucks were stuck "
            "and that the queue was growing.")
    assert [v for v, kind, _ in _figures(nlp, text) if v == 340] == [340]


@pytest.mark.model
def test_described_lede_and_named_body_keep_the_named_speaker(nlp) -> None:  # noqa: ANN001
    text = ("Finland's top health official says at least 1,200 nurses have left the profession.\n\n"
            '"At least 1,200 nurses have gone," Health Minister Aino Virtanen told reporters in Helsinki.')
    found = [(v, who) for v, _, who in _figures(nlp, text) if v == 1200]
    assert found == [(1200, "Aino Virtanen")]


@pytest.mark.model
def test_narration_that_restates_a_source_gives_way(nlp) -> None:  # noqa: ANN001
    text = ("Rail strike cancels 2,300 trains\n\n"
            "According to the operator, 2,300 trains were cancelled on Tuesday.")
    assert [(v, kind) for v, kind, _ in _figures(nlp, text)] == [(2300, "paraphrase")]


@pytest.mark.model
def test_two_sources_with_one_figure_are_two_claims(nlp) -> None:  # noqa: ANN001
    text = ("A Danish navy officer said more than 40 mines had been cleared.\n\n"
            "White House spokesperson Maya Brooks said on Friday that more than 40 mines had been cleared.")
    assert sorted(who for v, _, who in _figures(nlp, text) if v == 40) == sorted(
        ["Danish navy officer", "Maya Brooks"])


@pytest.mark.model
def test_different_periods_are_different_figures(nlp) -> None:  # noqa: ANN001
    text = ("The agency said 500 homes were sold in March.\n\n"
            "The agency said 500 homes were also sold in April.")
    assert [v for v, _, _ in _figures(nlp, text)] == [500, 500]


def _q(value: float | None, head: str | None = "ship", **kw) -> Quantity:
    return Quantity(value=value, text=str(value), start=0, end=1, object=head and head + "s", object_head=head, **kw)


def test_same_figure() -> None:
    assert same_figure(_q(30), _q(30))
    assert same_figure(_q(30), _q(30, head=None))  # "put the number at 30"
    assert not same_figure(_q(30), _q(30, head="truck"))
    assert not same_figure(_q(30, qualifier="approx"), _q(30))
    assert not same_figure(_q(30), _q(31))
    assert not same_figure(_q(30, unit="percent"), _q(30))
    assert not same_figure(_q(17, head=None, concept="Smith"), _q(17, head=None, concept="Jones"))
    assert same_figure(_q(17, head=None, concept="support for Smith"), _q(17, head=None, concept="Smith"))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (Speaker(name="Lena Ortiz", type="person"), Speaker(name="Ortiz", type="person"), True),
        (Speaker(name="Lena Ortiz", type="person"), Speaker(name="Omar Haddad", type="person"), False),
        (Speaker(name="Chile's top mining official", role="top mining official", type="person"),
         Speaker(name="Pablo Reyes", role="Mining Minister", mention="Mining Minister Pablo Reyes", type="person"), True),
        (Speaker(name="Chilean intelligence", type="organisation"),
         Speaker(name="National Intelligence Agency", type="organisation"), True),
        (Speaker(name="Danish navy officer", role="navy officer", type="person"),
         Speaker(name="Maya Brooks", role="spokesperson", mention="White House spokesperson Maya Brooks", type="person"),
         False),
        (Speaker(name="officials", role="officials", type="person"), Speaker(name="official", type="person"), False),
    ],
)
def test_can_be_same_speaker(a: Speaker, b: Speaker, same: bool) -> None:
    assert can_be_same_speaker(a, b) is same
    assert can_be_same_speaker(b, a) is same
