"""Conjoined cues sharing a subject (issue 9: PolNeAR recall by class): "X said A and
warned B" is two statements by X, each with its own cue and content, however the parser
hangs the second cue verb. Every sentence here is written for this test."""

from __future__ import annotations

import pytest

from claimdiff.extract.attribution import find_attributions

pytestmark = pytest.mark.model


def _found(nlp, sentence: str) -> list[tuple[str, str, str]]:  # noqa: ANN001 - spaCy Language
    out = []
    for a in find_attributions(nlp(sentence)[:]):
        speaker = sentence[a.speaker_span[0]:a.speaker_span[1]] if a.speaker_span else ""
        cue = sentence[a.cue_span[0]:a.cue_span[1]] if a.cue_span else ""
        out.append((speaker, cue, sentence[a.content[0]:a.content[1]]))
    return out


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor said he would veto the budget and warned that the council had overspent.",
         [("The mayor", "said", "he would veto the budget"),
          ("The mayor", "warned", "that the council had overspent")]),
        ("Harris argued that taxes were too high and insisted the state could cut spending.",
         [("Harris", "argued", "that taxes were too high"), ("Harris", "insisted", "the state could cut spending")]),
        ("The company denied that it had misled investors but acknowledged that its forecasts were too rosy.",
         [("The company", "denied", "that it had misled investors"),
          ("The company", "acknowledged", "that its forecasts were too rosy")]),
        # a second cue with an infinitive or a stance of its own
        ("Officials said the bridge would reopen Monday and warned drivers to expect delays.",
         [("Officials", "said", "the bridge would reopen Monday"), ("Officials", "warned", "drivers to expect delays")]),
        ("The mayor told reporters that the city would stay open and called for calm.",
         [("The mayor", "told", "that the city would stay open"), ("The mayor", "called", "calm")]),
        # a quotation of its own; a second cue after the clause's own conjoined verbs
        ("The critic wrote that the film was dull and called its ending \"a mess.\"",
         [("The critic", "wrote", "that the film was dull"), ("The critic", "called", "its ending \"a mess")]),
        ("The farmer says he would close the gate and lock the barn and tells visitors that the fields are private.",
         [("The farmer", "says", "he would close the gate and lock the barn"),
          ("The farmer", "tells", "visitors that the fields are private")]),
        # the conjunction hung on the first statement's clause
        ("Jones insisted the deal was fair but conceded that it could have been better.",
         [("Jones", "insisted", "the deal was fair"), ("Jones", "conceded", "that it could have been better")]),
    ],
)
def test_each_conjoined_cue_is_a_statement_of_the_subject(nlp, sentence: str, expected: list) -> None:  # noqa: ANN001
    assert _found(nlp, sentence) == expected


def test_the_second_statement_has_its_own_polarity(nlp) -> None:  # noqa: ANN001
    sentence = "The coach said the team had trained hard and denied that any player was injured."
    found = find_attributions(nlp(sentence)[:])
    assert [a.polarity for a in found] == ["affirm", "deny"]
    assert found[1].segment is not None and sentence[found[1].segment[0]:].startswith("denied")


def test_a_verb_of_the_reported_clause_stays_in_it(nlp) -> None:  # noqa: ANN001
    """Not in the cue's tense, the verb is the reported clause's own, not a second cue."""
    for sentence in ("The mayor said the council would cut the budget and warn residents that taxes would rise.",
                     # the reported clause's verbs in one tense, the second without a clause
                     "Neighbours said the landlord raised the rent and refused repairs."):
        assert len(_found(nlp, sentence)) == 1


def test_a_second_that_clause_is_part_of_the_content(nlp) -> None:  # noqa: ANN001
    """ "said that A, but that B": both clauses are what was said; "said A, but the
    council kept its rules" leaves the writer's contrast out."""
    sentence = "The economist said that wages would fall slightly, but that workers would earn more overtime."
    assert _found(nlp, sentence) == [("The economist", "said",
                                      "that wages would fall slightly, but that workers would earn more overtime")]
    sentence = "The tenants said the landlord offered a refund, but the council kept its rules."
    assert [content for _, _, content in _found(nlp, sentence)] == ["the landlord offered a refund"]
