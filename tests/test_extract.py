"""Extraction on small articles we wrote: golden claims JSON per fixture, plus the
facts a reader checks by eye (speakers, cues, figures, scopes, hedges, denials)."""

from __future__ import annotations

import json

import pytest

from claimdiff.clean import clean
from claimdiff.extract.claims import extract
from claimdiff.ingest import load_source
from claimdiff.model import Extraction, to_json

from .conftest import FIXTURES, check_golden

pytestmark = pytest.mark.model

EXTRACT_FIXTURES = sorted((FIXTURES / "extract").glob("*.txt"))


def _extract(path, nlp) -> Extraction:
    """Read, clean and extract one fixture file."""
    (source,) = load_source(path)
    return extract(clean(source), nlp)


@pytest.mark.parametrize("path", EXTRACT_FIXTURES, ids=lambda p: p.stem)
def test_golden_claims(path, nlp, update_golden) -> None:
    extraction = _extract(path, nlp)
    check_golden(f"{path.stem}.extract.json", to_json({"claims": extraction.claims}), update_golden)


@pytest.mark.parametrize("path", EXTRACT_FIXTURES, ids=lambda p: p.stem)
def test_offsets_point_at_evidence(path, nlp) -> None:
    extraction = _extract(path, nlp)
    text = extraction.article.text
    for claim in extraction.claims:
        assert text[claim.start:claim.end] == claim.text
        assert text[claim.sentence_start:claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start <= claim.end <= claim.sentence_end
        for q in claim.quantities:
            assert text[q.start:q.end] == q.text
            assert claim.sentence_start <= q.start < q.end <= claim.sentence_end
    for q in extraction.quantities:
        assert text[q.start:q.end] == q.text


def _claim(extraction: Extraction, needle: str):
    return next(c for c in extraction.claims if needle in c.evidence_text)


def test_reader_checks_on_drought_article(nlp) -> None:
    ex = _extract(FIXTURES / "extract" / "drought.txt", nlp)
    first = _claim(ex, "41 percent")
    assert first.speaker.name == "Elena Marsh" and first.speaker.role.endswith("Director")
    assert "Water Resources" in f"{first.speaker.role} {first.speaker.org}"
    assert first.quantities[0].qualifier == "approx" and first.quantities[0].unit == "percent"
    assert first.statement_date == "2025-08-12"  # "on Tuesday", article dated Thursday 14 August

    quote = _claim(ex, "Farmers should plan")
    assert quote.kind == "quote" and quote.speaker.name == "Elena Marsh"
    assert "We have not seen" in quote.text  # the two-sentence quote is one claim

    wells = _claim(ex, "2,300 wells")
    assert wells.speaker.name == "Elena Marsh" and wells.speaker.mention == "She"
    assert wells.quantities[0].qualifier == "more_than" and wells.quantities[0].object == "wells"
    assert wells.time_scope.text == "since January" and wells.time_scope.start == "2025-01-01"

    board = _claim(ex, "up to 30%")
    assert board.cue == "according to" and board.hedged and "could" in board.hedges
    assert board.quantities[0].qualifier == "up_to"

    cost = _claim(ex, "$1.2 billion")
    assert cost.hedged and cost.quantities[0].value_max == 1.5e9 and cost.quantities[0].unit == "USD"

    denial = _claim(ex, "denied")
    assert denial.polarity == "deny" and denial.speaker.name == "state water board"

    vague = _claim(ex, "Thousands of acres")
    assert vague.kind == "narration" and vague.speaker.type == "outlet" and vague.quantities[0].vague


def test_unnamed_source_and_dateline(nlp) -> None:
    ex = _extract(FIXTURES / "extract" / "drought_b.txt", nlp)
    assert not any("SACRAMENTO" in c.evidence_text for c in ex.claims)
    anon = _claim(ex, "condition of anonymity")
    assert anon.speaker.type == "unnamed" and "spokesperson" in anon.speaker.name


def test_extract_json_is_deterministic(nlp) -> None:
    path = EXTRACT_FIXTURES[0]
    assert to_json(_extract(path, nlp).claims) == to_json(_extract(path, nlp).claims)
    assert json.loads(to_json(_extract(path, nlp).claims))
