"""Attribution of figures beyond speech verbs (issue 9, item 1): each frame pinned with
sentences written for this test, and several statements in one sentence."""

from __future__ import annotations

import pytest

from claimdiff.extract.attribution import find_attributions
from claimdiff.model import Article

pytestmark = pytest.mark.model


def statements(nlp, sentence: str) -> list[tuple[str, str]]:  # noqa: ANN001 - spaCy Language
    """(speaker words as written, cue) per statement, checking spans slice the sentence."""
    out = []
    for found in find_attributions(nlp(sentence)[:]):
        assert found.speaker is not None and found.speaker_span is not None and found.cue_span is not None
        s, e = found.speaker_span
        assert 0 <= s < e <= len(sentence)
        out.append((sentence[s:e], sentence[found.cue_span[0]:found.cue_span[1]]))
    return out


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        # put … at N
        ("Harbour officials put the number of stranded ferries at 14.", "Harbour officials", "put"),
        ("The coroner put the death toll at 23 on Friday.", "The coroner", "put"),
        # X's estimate / count stood at N
        ("The council's estimate stood at 4,200 homes.", "The council", "estimate"),
        ("The union's count was 1,900 strikers.", "The union", "count"),
        # figures / data from, compiled by X
        ("Figures from the port authority showed 310 ships waiting.", "the port authority", "showed"),
        ("Data compiled by the Lakeside Institute show 45 wells ran dry.", "the Lakeside Institute", "show"),
        ("The tally from the county clerk stood at 5,200 ballots.", "the county clerk", "tally"),
        # X counted / recorded / claimed / tallied N
        ("The rail operator counted 8,000 cancelled journeys.", "The rail operator", "counted"),
        ("The hospital recorded 52 admissions overnight.", "The hospital", "recorded"),
        ("The rebels claimed 300 captured rifles.", "The rebels", "claimed"),
        # N, X estimated
        ("About 900 cattle drowned, the farmers' union estimated.", "the farmers' union", "estimated"),
        # in a report to lawmakers, X said
        ("In a report to lawmakers, the agency said 70 bridges needed repair.", "the agency", "said"),
        # the report, which X submitted to Y
        ("Some 12 dams were unsafe, according to the report, which the inspectorate submitted to the "
         "assembly.", "the inspectorate", "according to"),
        # X's statement that N
        ("The new count is far above Mayor Ruth Odell's statement in May that 300 homes were lost.",
         "Mayor Ruth Odell", "statement"),
        # citing X: the cited source speaks, the relay stays in the chain
        ("Ferry traffic fell 30 percent, the Coastal Gazette reported, citing a survey by the ferry "
         "association.", "the ferry association", "citing"),
    ],
)
def test_figure_frames_name_the_speaker(nlp, sentence: str, speaker: str, cue: str) -> None:
    found = statements(nlp, sentence)
    assert found[-1:] == [(speaker, cue)] or found[:1] == [(speaker, cue)], found


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The storms flattened 80 barns across the valley, Fire Chief Dana Ortiz said.", "Fire Chief Dana Ortiz"),
        ("The strikes, fired from two ships, hit 40 depots, Admiral Jo Kessler, head of the northern fleet, said.",
         "Admiral Jo Kessler"),
        ("The floods cut 12 roads, the county engineer said on Tuesday.", "the county engineer"),
    ],
)
def test_subject_of_the_reported_clause_is_never_the_speaker(nlp, sentence: str, speaker: str) -> None:
    found = statements(nlp, sentence)
    assert len(found) == 1
    assert found[0][0].startswith(speaker)


def test_relay_keeps_the_chain(nlp) -> None:
    sentence = "Ferry traffic fell 30 percent, the Coastal Gazette reported, citing a survey by the ferry association."
    found = find_attributions(nlp(sentence)[:])[0]
    assert [c.name for c in found.cites] == ["Coastal Gazette", "ferry association"]


def test_two_statements_give_two_claims(nlp) -> None:
    from claimdiff.extract import extract

    text = "The airline counted 30,000 stranded passengers; the ministry said 12,000."
    claims = extract(Article(source="t", text=text, outlet="Test"), nlp).claims
    assert [(c.speaker.name, [q.value for q in c.quantities]) for c in claims] == [
        ("airline", [30000]), ("ministry", [12000])]
    assert len({c.id for c in claims}) == 2
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert text[c.cue_start:c.cue_end] in ("counted", "said")


def test_an_act_is_not_a_figure_statement(nlp) -> None:
    # A figure verb needs a figure in its object: "recorded an album" reports no figure.
    assert statements(nlp, "The band recorded an album in Lisbon.") == []
    assert statements(nlp, "Congress rejected the veto.") == []


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue"),
    [
        # cues beyond speech verbs: belief, intention, stance (classes from PolNeAR train/dev)
        ("The mayor believes that the ferry will be late.", "The mayor", "believes"),
        ("The harbour board wants to double the landing fee.", "The harbour board", "wants"),
        ("Fishermen's groups have called for a ban on night trawling.", "Fishermen's groups", "called"),
        ("The union urged members to reject the offer.", "The union", "urged"),
        ("Critics worry that the dam will not hold.", "Critics", "worry"),
        ("Governor Lena Marsh criticized the plan to close the clinic.", "Governor Lena Marsh", "criticized"),
        ("It is a coalition that intends to fight the tolls in court.", "a coalition", "intends"),
        ("The survey shows that most tenants pay more than before.", "The survey", "shows"),
    ],
)
def test_stance_and_belief_cues(nlp, sentence: str, speaker: str, cue: str) -> None:
    assert statements(nlp, sentence)[:1] == [(speaker, cue)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry wants a new engine.",  # a thing is no source
        "The mayor planned the route.",  # no clause or infinitive: an act
    ],
)
def test_stance_verbs_need_a_source_and_a_clause(nlp, sentence: str) -> None:
    assert statements(nlp, sentence) == []


def test_a_date_is_not_the_figure_of_an_estimate(nlp) -> None:
    assert statements(nlp, "The council's assessment comes three days after the storm.") == []
