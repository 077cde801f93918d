"""Acceptance on the seed articles (RBC-Ukraine 000 and CNN 004 on one Feb-2024
briefing), read in place from ../shared/seeds: every agreement, difference and unique
claim a careful reader finds must be in the report, and no boilerplate may be a claim."""

from __future__ import annotations

import pytest

from claimdiff.model import Alignment, Claim, Comparison
from claimdiff.pipeline import compare

from .conftest import SEEDS

pytestmark = [pytest.mark.model, pytest.mark.seeds]

RBC = "000_1a3110d20d41f2b2"
CNN = "004_fe63317f54c2baa6"


@pytest.fixture(scope="module")
def report(nlp) -> Comparison:
    """The comparison of the two seeds."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return compare([str(SEEDS / f"{RBC}.txt"), str(SEEDS / f"{CNN}.txt")], nlp=nlp)


def _article_id(report: Comparison, stem: str) -> str:
    """The id of the article read from the seed file ``stem``."""
    return next(a.id for a in report.articles if stem in a.source)


def _claims(report: Comparison) -> dict[str, Claim]:
    return {c.id: c for c in report.claims}


def _group(report: Comparison, *, value: float, object_word: str | None = None) -> Alignment:
    """The alignment whose facts carry ``value`` (and mention ``object_word``)."""
    claims = _claims(report)
    for al in report.alignments:
        for claim_id, index in al.members:
            q = claims[claim_id].quantities[index] if index >= 0 else None
            if q is not None and q.value == value and (object_word is None or object_word in (q.object or "")):
                return al
    raise AssertionError(f"no alignment with value {value} {object_word or ''}")


def _fields(al: Alignment) -> set[str]:
    return {d.field for d in al.differences if not d.minor}


def _values(al: Alignment, field: str) -> dict[str, object]:
    return dict(next(d.values for d in al.differences if d.field == field))


def _articles_in(report: Comparison, al: Alignment) -> set[str]:
    claims = _claims(report)
    return {claims[c].article for c in al.claims}


@pytest.mark.parametrize(
    ("value", "word"),
    [(6700, "containers"), (3_000_000, "152mm"), (500_000, "122mm"), (30, None), (10_000, "containers")],
)
def test_shared_facts_are_aligned_across_both_outlets(report: Comparison, value: float, word: str | None) -> None:
    al = _group(report, value=value, object_word=word)
    assert _articles_in(report, al) == {_article_id(report, RBC), _article_id(report, CNN)}


def test_state_department_and_capacity_figures_agree(report: Comparison) -> None:
    assert _group(report, value=10_000, object_word="containers").status == "agree"
    assert _group(report, value=30).status == "agree"


def test_containers_differ_on_time_scope_and_attribution(report: Comparison) -> None:
    al = _group(report, value=6700, object_word="containers")
    assert al.status == "differ"
    assert {"time_scope", "speaker"} <= _fields(al)
    scopes = _values(al, "time_scope")
    assert "September 2023" in scopes[_article_id(report, RBC)]
    assert scopes[_article_id(report, CNN)] == "Since August"
    speakers = _values(al, "speaker")
    assert "Shin" in speakers[_article_id(report, RBC)]
    assert "ministry" in speakers[_article_id(report, CNN)].lower()


def test_shells_differ_on_qualifier_and_conjunction(report: Comparison) -> None:
    big = _group(report, value=3_000_000, object_word="152mm")
    assert {"qualifier", "conjunction"} <= _fields(big)
    assert _values(big, "conjunction") == {_article_id(report, RBC): "and", _article_id(report, CNN): "or"}
    qualifiers = _values(big, "qualifier")
    assert qualifiers[_article_id(report, RBC)] == "approximately"
    assert qualifiers[_article_id(report, CNN)] == "more than"


def test_rockets_differ_on_qualifier_and_object(report: Comparison) -> None:
    al = _group(report, value=500_000, object_word="122mm")
    assert {"qualifier", "object"} <= _fields(al)
    objects = _values(al, "object")
    assert objects[_article_id(report, RBC)] == "122mm artillery shells"
    assert objects[_article_id(report, CNN)] == "122mm multiple rocket launcher shells"
    assert _values(al, "qualifier")[_article_id(report, RBC)] is None


@pytest.mark.parametrize(
    ("stem", "value", "word", "speaker"),
    [
        (RBC, 1_500_000, "ammunition", "Vadym Skybitskyi"),
        (CNN, 1_000_000, "projectiles", "National Intelligence Service"),
        (CNN, 10, "shipments", "National Intelligence Service"),
        (CNN, 60_000_000_000, None, "Volodymyr Zelensky"),
        (CNN, 1000, "front", None),
    ],
)
def test_unique_figures(report: Comparison, stem: str, value: float, word: str | None, speaker: str | None) -> None:
    al = _group(report, value=value, object_word=word)
    assert al.status == "unique"
    claim = _claims(report)[al.claims[0]]
    assert claim.article == _article_id(report, stem)
    if speaker:
        assert claim.speaker is not None and claim.speaker.name == speaker


def test_unique_claims_without_figures(report: Comparison) -> None:
    claims = _claims(report)
    unique = [claims[al.claims[0]] for al in report.alignments if al.status == "unique"]
    texts = {c.article: [] for c in unique}
    for c in unique:
        texts[c.article].append(c.evidence_text)
    rbc, cnn = texts[_article_id(report, RBC)], texts[_article_id(report, CNN)]
    assert any("satellite technology" in t and "three more" in t for t in rbc)
    assert any("food accounts for the majority" in t for t in cnn)
    pentagon = next(c for c in unique if "millions of artillery rounds" in c.evidence_text)
    assert pentagon.speaker is not None and "inspector general" in (pentagon.speaker.name or "")
    assert pentagon.hedged


def test_nis_claim_has_its_scope_and_statement_month(report: Comparison) -> None:
    al = _group(report, value=1_000_000, object_word="projectiles")
    claim = _claims(report)[al.claims[0]]
    assert claim.time_scope is not None and claim.time_scope.text == "since early August"
    assert claim.statement_date is not None and claim.statement_date.startswith("2023-11")


@pytest.mark.parametrize(
    "boilerplate",
    ["Getty Images", "Credit: KCNA", "reached out", "US expresses concern", "dangerous parallels",
     "main conclusions of the meeting", "Arms Sale", "Author:", "(CNN) --"],
)
def test_boilerplate_never_becomes_a_claim(report: Comparison, boilerplate: str) -> None:
    assert not any(boilerplate in c.evidence_text for c in report.claims)
    assert not any(boilerplate in a.text for a in report.articles)


def test_every_claim_points_at_its_evidence(report: Comparison) -> None:
    texts = {a.id: a.text for a in report.articles}
    for claim in report.claims:
        assert texts[claim.article][claim.start:claim.end] == claim.text
        assert texts[claim.article][claim.sentence_start:claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start <= claim.end <= claim.sentence_end
        for q in claim.quantities:
            assert texts[claim.article][q.start:q.end] == q.text
