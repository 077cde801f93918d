"""Near-duplicates, syndication and incremental story grouping (``claimdiff.cluster``)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.cluster import (
    Decision,
    MemoryStoryIndex,
    assign,
    fingerprint,
    group,
    independent_sources,
    story_id_for,
)
from claimdiff.model import Article

WIRE = (
    "VALENCIA, Spain (AP) — Flash floods tore through towns south of Valencia on Tuesday night, "
    "killing at least 95 people and leaving dozens missing, regional officials said on Wednesday. "
    "The Poyo ravine burst its banks in Paiporta after more than 490 litres of rain per square metre "
    "fell in eight hours. Prime Minister Pedro Sánchez declared three days of national mourning and "
    "sent 1,000 soldiers of the Military Emergencies Unit to search for survivors. Carlos Mazón, "
    "head of the Valencia regional government, defended the timing of the mobile phone alert, which "
    "reached residents after the water had already entered their homes."
)
GUARDIAN = (
    "At least 95 people have died in Spain's worst flooding in decades, after torrential rain turned "
    "streets in Paiporta and other towns near Valencia into rivers of mud. Pedro Sánchez said the "
    "country was united in grief and that the Military Emergencies Unit would stay as long as needed. "
    "Survivors in Paiporta, where the Poyo ravine overflowed, said the regional alert from Carlos "
    "Mazón's government came far too late. Rescuers were still searching garages and cars on Wednesday."
)
ELPAIS = (
    "The death toll from the floods in the Valencia region rose to 95 on Wednesday. In Paiporta the "
    "Poyo ravine swept away cars and ground floors; neighbours blamed the late alert sent by the "
    "government of Carlos Mazón. Pedro Sánchez announced three days of mourning and said soldiers of "
    "the Military Emergencies Unit were searching for the missing in Paiporta, Catarroja and Sedaví."
)
DHAKA = (
    "Monsoon floods in northeastern Bangladesh have killed at least 30 people and stranded two million, "
    "officials in Sylhet said on Wednesday. Rivers including the Surma and Kushiyara rose above danger "
    "levels after days of heavy rain, and the army evacuated villages in Sunamganj. Prime Minister "
    "Sheikh Hasina ordered relief boats and dry food for shelters. Rescuers said water had entered "
    "homes across Sylhet and that mobile networks were down in several districts."
)
RECOVERY = (
    "Six months after the floods that killed 95 people around Valencia, Paiporta is still rebuilding. "
    "The Poyo ravine has new walls, but families say aid promised by Pedro Sánchez is slow. Carlos "
    "Mazón faces a judicial inquiry into the late flood alert, and soldiers of the Military Emergencies "
    "Unit have left. Residents of Paiporta, Catarroja and Sedaví marked the anniversary in mourning."
)


def _article(name: str, text: str, *, outlet: str, published: str | None = "2024-10-30") -> Article:
    """A test article with source ``name``."""
    return Article(source=name, text=text, outlet=outlet, published=published)


def _syndicated_copy() -> str:
    """The wire text as another site runs it: a few words changed."""
    return WIRE.replace("(AP) — ", "— ").replace("regional officials said", "officials said").replace(
        "dozens missing", "many missing")


def test_three_outlets_on_one_event_group_together() -> None:
    """Three outlets' own reports of one event form one story."""
    articles = [_article("ap", WIRE, outlet="AP"), _article("guardian", GUARDIAN, outlet="The Guardian"),
                _article("elpais", ELPAIS, outlet="El País")]
    decisions = group(articles)
    assert len({d.story_id for d in decisions}) == 1
    assert sum(d.new_story for d in decisions) == 1
    assert not any(d.syndicated_of or d.duplicate_of for d in decisions)


def test_same_topic_different_events_stay_apart() -> None:
    """Two floods in the same week share topic words but are different stories."""
    decisions = group([_article("ap", WIRE, outlet="AP"), _article("dhaka", DHAKA, outlet="Reuters"),
                       _article("guardian", GUARDIAN, outlet="The Guardian")])
    ap, dhaka, guardian = decisions
    assert ap.story_id == guardian.story_id
    assert dhaka.story_id != ap.story_id


def test_syndicated_copy_is_marked_and_joins_the_story() -> None:
    """A wire copy on another outlet points to the original and is not independent."""
    original = _article("ap", WIRE, outlet="AP")
    copy = _article("local", _syndicated_copy(), outlet="Local Herald", published="2024-10-31")
    decisions = group([original, copy])
    assert decisions[1].syndicated_of == original.id
    assert decisions[1].duplicate_of is None
    assert decisions[1].story_id == decisions[0].story_id
    assert independent_sources(decisions) == {original.id: original.id, copy.id: original.id}


def test_exact_republication_is_a_duplicate() -> None:
    """The same text again from the same outlet is a duplicate, not a syndicated copy."""
    first = _article("ap-1", WIRE, outlet="AP")
    again = replace(_article("ap-2", WIRE, outlet="AP", published="2024-10-31"), url="https://ap.example/2", id="")
    decisions = group([first, again])
    assert decisions[1].duplicate_of == first.id
    assert decisions[1].syndicated_of is None
    assert decisions[1].score == 1.0


def test_copy_chains_resolve_to_the_root() -> None:
    """A copy of a copy maps to the first article."""
    decisions = [
        Decision(article_id="a", story_id="s", new_story=True, score=0.0),
        Decision(article_id="b", story_id="s", new_story=False, score=0.9, syndicated_of="a"),
        Decision(article_id="c", story_id="s", new_story=False, score=1.0, duplicate_of="b"),
    ]
    assert independent_sources(decisions) == {"a": "a", "b": "a", "c": "a"}


def test_story_ids_are_content_hashes_and_runs_are_deterministic() -> None:
    """The same input gives the same ids; a story is named after its first article."""
    articles = [_article("ap", WIRE, outlet="AP"), _article("dhaka", DHAKA, outlet="Reuters"),
                _article("guardian", GUARDIAN, outlet="The Guardian"), _article("elpais", ELPAIS, outlet="El País")]
    first, second = group(articles), group(articles)
    assert first == second
    starters = {d.story_id for d in first if d.new_story}
    assert starters == {story_id_for(d.article_id) for d in first if d.new_story}


def test_shuffled_input_within_a_date_gives_the_same_grouping() -> None:
    """Input order does not matter: articles are taken by date, then id."""
    articles = [_article("ap", WIRE, outlet="AP"), _article("dhaka", DHAKA, outlet="Reuters"),
                _article("guardian", GUARDIAN, outlet="The Guardian"), _article("elpais", ELPAIS, outlet="El País"),
                _article("local", _syndicated_copy(), outlet="Local Herald")]
    expected = {d.article_id: d for d in group(articles)}
    shuffled = list(articles)
    random.Random(7).shuffle(shuffled)
    assert {d.article_id: d for d in group(shuffled)} == expected


def test_same_topic_months_later_is_a_new_story_in_the_same_storyline() -> None:
    """Outside the story window a similar article starts a story linked to the storyline."""
    flood = [_article("ap", WIRE, outlet="AP"), _article("guardian", GUARDIAN, outlet="The Guardian")]
    later = _article("recovery", RECOVERY, outlet="El País", published="2025-04-29")
    decisions = group([*flood, later])
    assert decisions[2].new_story
    assert decisions[2].story_id != decisions[0].story_id
    assert decisions[2].storyline_id == decisions[0].storyline_id == decisions[0].story_id


def test_undated_articles_still_group() -> None:
    """Articles without dates are compared with every story (the window cannot apply)."""
    decisions = group([_article("ap", WIRE, outlet="AP", published=None),
                       _article("guardian", GUARDIAN, outlet="The Guardian", published=None)])
    assert decisions[0].story_id == decisions[1].story_id


def test_assign_only_reads_the_index() -> None:
    """``assign`` is a decision; the index changes only through ``add``."""
    index = MemoryStoryIndex()
    fp = fingerprint(_article("ap", WIRE, outlet="AP"))
    decision = assign(fp, index)
    assert len(index) == 0 and decision.new_story and decision.storyline_id == decision.story_id
    index.add(fp, decision)
    df, n_docs = index.document_frequency()
    assert n_docs == 1 and df["paiporta"] == 1


def test_fingerprint_terms_favour_names_and_drop_stop_words() -> None:
    """Names outweigh ordinary words; stop words and dates are not terms."""
    fp = fingerprint(_article("ap", WIRE, outlet="AP"))
    weights = dict(fp.terms)
    assert weights["paiporta"] > weights["rain"]
    assert "the" not in weights and "wednesday" not in weights and "said" not in weights
    assert fp.date == "2024-10-30" and fp.outlet == "ap" and len(fp.minhash) == 128


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=400), title=st.one_of(st.none(), st.text(max_size=40)),
       published=st.one_of(st.none(), st.text(max_size=12)))
def test_fingerprint_never_raises(text: str, title: str | None, published: str | None) -> None:
    """Any text, title or date string gives a fingerprint."""
    fp = fingerprint(Article(source="x", text=text, title=title, published=published))
    assert all(weight > 0 for _, weight in fp.terms)
    assert fp.date is None or len(fp.date) == 10


def test_a_story_that_mixed_two_events_is_scored_on_its_mean_member() -> None:
    """Joining uses the mean likeness to a story's members (average link), which a mixed
    story does not inflate; storylines keep the cosine with the centroid."""
    from claimdiff.cluster import StoryCandidate, mean_cosine, score_candidate, topic_similarity

    fp = fingerprint(Article(source="a", text="Floods hit Valencia."))
    terms = dict(fp.terms)
    # one member is the article itself, the other shares none of its words
    mixed = StoryCandidate(story_id="s", storyline_id="s", size=2,
                           terms=tuple(sorted({**terms, "wildfire": 1.0}.items())))
    assert score_candidate(fp, mixed) == pytest.approx(0.5, abs=1e-5)
    assert topic_similarity(fp, mixed) == pytest.approx(2 ** -0.5, abs=1e-5)
    assert mean_cosine(fp.terms, fp.terms, 1) == pytest.approx(1.0)


def test_the_credited_wire_is_the_original_whichever_is_read_first() -> None:
    """Two pieces of one day: the copy credits the wire ("(AP)"), so the wire is the original
    even when grouping reads the copy first."""
    wire = _article("ap", WIRE, outlet="AP")
    copy = _article("local", WIRE.replace("regional officials said", "officials said") + " This story was provided by AP.",
                    outlet="Local Herald")
    for order in ([copy, wire], [wire, copy]):
        decisions = {d.article_id: d for d in group(order, date_order=False)}
        assert decisions[copy.id].syndicated_of == wire.id and decisions[wire.id].syndicated_of is None
        assert independent_sources(decisions.values())[copy.id] == wire.id


def test_the_original_of_two_copies_by_evidence() -> None:
    from claimdiff.cluster.syndication import original_of

    text = "Crews began cutting the steel apart on Thursday."
    a = _article("a", text, outlet="Lakeshore Herald", published="2024-03-28")
    b = _article("b", text, outlet="Harbour Daily", published="2024-03-27")
    assert original_of(a, b) is b  # published first
    wire = _article("w", text, outlet="Capital Wire", published="2024-03-28")
    assert original_of(a, wire) is wire  # a wire's name, same day
    longer = _article("l", text + " More followed.", outlet="Harbour Daily", published="2024-03-28")
    assert original_of(a, longer) is longer  # copies trim
    credited = _article("c", "BALTIMORE (Harbour Daily) — " + text, outlet="Lakeshore Herald", published="2024-03-26")
    assert original_of(credited, longer) is longer  # the credit outweighs an earlier date
    assert original_of(a, _article("d", text, outlet="Harbour Daily", published="2024-03-28")) is a  # nothing tells
