"""Tests for claimdiff.extract.hedges: hedging cues in a claim."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.extract.hedges import HEDGE_PATTERN, find_hedges


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("The depots could hold more than 3 million shells.", ("could",)),
        ("The total likely exceeds 1,000 containers.", ("likely",)),
        ("The stockpile is believed to contain 500 tonnes.", ("is believed to",)),
        ("The fighters were believed to number 3,000.", ("were believed to",)),
        ("Shipments appear to have doubled since August.", ("appear to",)),
        ("The plant appears to be running again.", ("appears to",)),
        ("North Korea reportedly sent 6,700 containers.", ("reportedly",)),
        ("An estimated 6,700 containers were shipped.", ("an estimated",)),
        ("The damage was estimated at $5 billion.", ("estimated",)),
        ("According to estimates, 500 people died.", ("according to estimates",)),
        ("Officials are expected to announce 40 new cases.", ("are expected to",)),
        ("It is unclear how many drones were sent.", ("it is unclear",)),
        ("A preliminary count found 200 ballots.", ("preliminary",)),
        ("The figure might rise, though analysts say it is unlikely.", ("might", "unlikely")),
    ],
)
def test_hedged(text: str, cues: tuple[str, ...]) -> None:
    assert find_hedges(text) == cues


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang will send more shells next month.",
        "The minister said 500 shells arrived on Monday.",
        "There is no specific information to suggest a transfer took place.",
        "Officials suggested the shipment was delayed.",
        "The ministry confirmed 40 deaths.",
        "Estimation methods vary.",  # "estimation" is not "estimate"
        "",
    ],
)
def test_not_hedged(text: str) -> None:
    assert find_hedges(text) == ()


def test_suggest_is_not_a_cue_but_other_cues_in_the_sentence_are() -> None:
    text = "There is no specific information to suggest a transfer, but shells could arrive."
    assert find_hedges(text) == ("could",)


def test_cues_in_text_order() -> None:
    text = "Reportedly the depots could hold 3 million shells, and likely more, an estimated total."
    assert find_hedges(text) == ("reportedly", "could", "likely", "an estimated")


def test_no_duplicates_and_lower_case() -> None:
    text = "Could it be? It COULD. It could, likely, LIKELY."
    assert find_hedges(text) == ("could", "likely")


def test_whitespace_inside_cue_is_normalised() -> None:
    # A sentence may run across a line break inside a paragraph.
    assert find_hedges("The camp is  believed\nto hold 200 people.") == ("is believed to",)


def test_longest_cue_wins() -> None:
    # "according to estimates" rather than "estimates"; "would likely" rather than "likely".
    assert find_hedges("according to estimates") == ("according to estimates",)
    assert find_hedges("it would likely take a year") == ("would likely",)


def test_word_boundaries() -> None:
    assert find_hedges("Maybe the mayor, a couldn't-care-less type, was unlikelyish.") == ()


@pytest.mark.parametrize("text", ["In May, 500 shells arrived.", "The May 2024 shipments totalled 6,700 containers."])
def test_month_may_is_not_a_hedge(text: str) -> None:
    assert find_hedges(text) == ()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(
    ["could", "may", "likely", "is", "believed", "to", "according", "estimates", "an", "estimated",
     "appears", "shells", "said", "suggest", ",", ".", "\n", "  "]), max_size=20).map(" ".join)))
def test_never_raises(text: str) -> None:
    cues = find_hedges(text)
    assert isinstance(cues, tuple)
    assert len(cues) == len(set(cues))
    for cue in cues:
        assert cue == cue.lower()
        assert HEDGE_PATTERN.fullmatch(cue)
