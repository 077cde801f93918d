"""The sentence pre-filter is built from the extractor's own cue lexicon: every sentence
the extractor can attribute is one the pre-filter lets through to the parser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.extract.attribution import find_attribution
from claimdiff.extract.attribution.lexicon import CUE_PHRASES, REPORTING_VERBS, ROLE_WORDS, cue_forms, inflections
from claimdiff.extract.sentences import (
    AMOUNT_PATTERN,
    AMOUNT_WORDS,
    is_candidate,
    is_candidate_by_patterns,
    split_sentences,
)

FIXTURES = Path(__file__).parent / "fixtures"

#: Sentences without digits or number words whose attribution rests on the cue alone.
OWN_SENTENCES = [
    "Nothing changed, the ministry observed.",
    "The harbour master remarked that the quay was full.",
    "The mayor conceded that the budget was short.",
    "The union complained that the shifts were too long.",
    "The agency has cautioned that the river could rise.",
    "Critics contend that the dam is unsafe.",
    "The coach mentioned that the pitch was wet.",
    "The firm is maintaining that the ferry was sound.",
    "Investigators tallied the damage, the report said.",
    "The council reiterated its opposition, according to the town clerk.",
]


@pytest.mark.parametrize("lemma", sorted(REPORTING_VERBS))
def test_every_form_of_every_cue_verb_passes(lemma: str) -> None:
    for form in inflections(lemma):
        assert is_candidate(f"Nothing changed, the ministry {form}."), form


@pytest.mark.parametrize("phrase", sorted(CUE_PHRASES))
def test_cue_phrases_pass(phrase: str) -> None:
    assert is_candidate(f"The port was closed, {phrase} the harbour master.")


def test_spelled_out_numbers_pass() -> None:
    # The regression of the hand-copied filter: spelled-out numbers and "observed".
    assert is_candidate("Sixteen people died, the ministry observed.")
    assert is_candidate("Thirteen ships were stuck.")
    assert is_candidate("Seventeen people died.")


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.txt"))]
    found = [s.text for t in texts for s in split_sentences(t)]
    # Without their amounts and quotations the sentences pass on their cue alone.
    bare = [re.sub(r"[\"“”]", "", AMOUNT_PATTERN.sub("", s)) for s in found]
    return bare + OWN_SENTENCES


@pytest.mark.model
def test_prefilter_accepts_every_sentence_the_extractor_attributes(nlp) -> None:
    attributed = 0
    for doc in nlp.pipe(_sentences()):
        if find_attribution(doc[:]) is not None:
            attributed += 1
            assert is_candidate(doc.text), doc.text
    assert attributed >= len(OWN_SENTENCES)


@pytest.mark.model
def test_spelled_out_figure_gives_a_claim(nlp) -> None:
    from claimdiff.extract import extract
    from claimdiff.model import Article

    for text in ("Sixteen people died, the ministry observed.", "16 people died, the ministry observed."):
        claims = extract(Article(source="t", text=text, outlet="Test"), nlp).claims
        assert [c.speaker.name for c in claims if c.speaker] == ["ministry"], text


# ------------------------------------------------------------ the fast filter is the same filter

#: Word characters the word lookup must treat as the patterns do: case-blind
#: equivalents of ASCII letters ("ſ" is "s", "K" is "k", "İ" and "ı" are "i"),
#: other scripts' digits, underscores.
_ODD = "ſKİıﬀßÉé١_"


def test_fast_filter_agrees_with_the_patterns_on_the_fixtures() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("**/*.txt"))]
    sentences = [s.text for t in texts for s in split_sentences(t)]
    variants = [v for s in sentences for v in (s, s.upper(), re.sub(r"\d", "", s), s.replace("s", "ſ").replace("k", "K"),
                                                 re.sub(r"[\d\"“”]", "", s).replace("i", "ı"))]
    assert len(variants) > 300
    assert [is_candidate(s) for s in variants] == [is_candidate_by_patterns(s) for s in variants]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(sorted(cue_forms())[:200] + sorted(AMOUNT_WORDS) + sorted(ROLE_WORDS)
                                          + ["issued", "report", "the", "Minister", "Jo", ",", " ", "\n"]),
                          st.text(alphabet="abcdeiksyMNO " + _ODD + ".,'’-", max_size=8)), max_size=12))
def test_fast_filter_agrees_with_the_patterns(parts: list[str]) -> None:
    sentence = " ".join(parts)
    assert is_candidate(sentence) == is_candidate_by_patterns(sentence)
