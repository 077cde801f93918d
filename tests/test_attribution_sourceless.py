"""Statements credited by a colon ("Ortiz continued:") and statements that name no source
("is expected to", "reportedly", "asked whether …") (issue 9: PolNeAR recall by class).
Every sentence here is written for this test."""

from __future__ import annotations

import pytest

from claimdiff.extract.attribution.introduced import introducer
from claimdiff.extract.attribution.sourceless import sourceless
from claimdiff.extract.claims import extract
from claimdiff.extract.sentences import is_candidate
from claimdiff.model import Article

pytestmark = pytest.mark.model


def _sourceless(nlp, sentence: str) -> list[tuple[str, str]]:  # noqa: ANN001 - spaCy Language
    out = []
    for a in sourceless(nlp(sentence)[:]):
        assert a.speaker is None and a.cue_span is not None
        out.append((sentence[a.cue_span[0]:a.cue_span[1]], sentence[a.content[0]:a.content[1]]))
    return out


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("The council is expected to approve the new ferry timetable next week.", "expected",
         "The council is expected to approve the new ferry timetable next week"),
        ("The new terminal, which is expected to open in 2027, will hold 40 ships.", "expected",
         "which is expected to open in 2027"),
        ("The minister is said to be furious about the delay.", "said",
         "The minister is said to be furious about the delay"),
        ("The harbor authority has reportedly closed two of its four berths, and dockworkers went home.",
         "reportedly", "The harbor authority has reportedly closed two of its four berths"),
        ("Asked whether the bridge would reopen before winter, Ortiz said the repairs were on schedule.",
         "Asked", "whether the bridge would reopen before winter"),
        ("The mayor was asked if the toll would rise.", "asked", "if the toll would rise"),
        ("The ferry timetable seems to favour the early shifts.", "seems",
         "The ferry timetable seems to favour the early shifts"),
    ],
)
def test_sourceless_statements(nlp, sentence: str, cue: str, content: str) -> None:
    assert is_candidate(sentence)
    assert _sourceless(nlp, sentence) == [(cue, content)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents expected to wait an hour.",  # active: their own expectation
        "She asked for a photo.",  # a request, no question
        "The vote was expected by Friday.",  # no infinitive
        "The vote was widely expected by analysts to pass.",  # the expecters are named
        "Mayor Ortiz seemed to suggest a new toll.",  # a named person's own stance
        "What appeared to be smoke rose from the pier.",
    ],
)
def test_not_sourceless(nlp, sentence: str) -> None:
    assert _sourceless(nlp, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        ("Mayor Lina Ortiz continued:", "Mayor Lina Ortiz", "continued"),
        ("The Harbor Gazette reports:", "The Harbor Gazette", "reports"),
        ("The councillor wrote on Facebook on Monday:", "The councillor", "wrote"),
    ],
)
def test_colon_credit(nlp, sentence: str, speaker: str, cue: str) -> None:
    found = introducer(nlp(sentence)[:])
    assert [(sentence[a.speaker_span[0]:a.speaker_span[1]], sentence[a.cue_span[0]:a.cue_span[1]], a.says)
            for a in found] == [(speaker, cue, False)]


@pytest.mark.parametrize(
    "sentence",
    ["The mayor listed three reasons: cost, time and safety.", "Here is the list:", "The plan worked out:"],
)
def test_no_colon_credit(nlp, sentence: str) -> None:
    assert introducer(nlp(sentence)[:]) == []


ARTICLE = """The ferry council met on Monday.

Mayor Lina Ortiz told reporters:

"The bridge will reopen in May. We have waited long enough."

The council is expected to approve the new timetable next week.

The harbor carried 4,000 riders last week, the port said.

The Harbor Gazette reports:

Ferry crews were told to work late. Most of them agreed.
"""


def test_claims_of_credits_and_sourceless_statements(nlp) -> None:  # noqa: ANN001
    claims = extract(Article(source="t", text=ARTICLE), nlp).claims
    by_text = {c.text: c for c in claims}
    quote = by_text['"The bridge will reopen in May. We have waited long enough."']
    assert quote.speaker is not None and quote.speaker.name == "Lina Ortiz"
    assert ARTICLE[quote.cue_start:quote.cue_end] == "told"
    assert ARTICLE[quote.speaker.start:quote.speaker.end] == "Mayor Lina Ortiz"
    assert quote.evidence_text.startswith("Mayor Lina Ortiz told reporters:")
    expected = by_text["The council is expected to approve the new timetable next week"]
    assert expected.kind == "narration" and expected.speaker is not None and expected.speaker.start is None
    assert ARTICLE[expected.cue_start:expected.cue_end] == "expected" and not expected.quantities
    port = next(c for c in claims if c.cue == "said")
    assert [q.value for q in port.quantities] == [4000]
    gazette = by_text["Ferry crews were told to work late. Most of them agreed."]  # the whole paragraph
    assert ARTICLE[gazette.cue_start:gazette.cue_end] == "reports" and gazette.speaker.name == "Harbor Gazette"
    # the credit itself is no claim: it says nothing
    assert not any(c.text.startswith("Mayor Lina Ortiz told") for c in claims)


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("As Mayor Ortiz noted on Tuesday, the bridge has been closed for a month.", "Mayor Ortiz",
         "the bridge has been closed for a month"),
        ("The ferry was late again, as the Harbor Gazette reported.", "the Harbor Gazette", "The ferry was late again"),
    ],
)
def test_as_clause_credits_the_clause_it_hangs_on(nlp, sentence: str, speaker: str, content: str) -> None:
    from claimdiff.extract.attribution import find_attributions

    found = find_attributions(nlp(sentence)[:])
    assert [(sentence[a.speaker_span[0]:a.speaker_span[1]], sentence[a.content[0]:a.content[1]].rstrip("."))
            for a in found] == [(speaker, content)]


def test_as_clause_with_a_stance_is_the_stance(nlp) -> None:  # noqa: ANN001
    from claimdiff.extract.attribution import find_attributions

    sentence = "The crowd cheered as the mayor called for a new vote on the toll."
    found = find_attributions(nlp(sentence)[:])
    assert [sentence[a.content[0]:a.content[1]] for a in found] == ["a new vote on the toll"]
