"""Work per input grows linearly with its size: the sentence splitter and the claim
assembly never rescan the text or the claims before the current one (issue: a 400 KB
single-line article took 95 s).  These are hang guards with wide margins, plus exact
checks against the quadratic reference implementations they replace."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.extract import claims as claims_module
from claimdiff.extract.sentences import ABBREVIATIONS, MAX_QUOTED_SENTENCE, _is_abbreviation, split_sentences
from claimdiff.model import Claim, Speaker


def _long_line(size: int) -> str:
    """One paragraph of claim sentences, ``size`` characters long (the reported repro)."""
    parts = (f"The minister said about {i * 7 + 3:,} shells were delivered since August." for i in range(size // 40))
    return " ".join(parts)[:size]


def _reference_is_abbreviation(text: str, dot: int) -> bool:
    """The former implementation: a regex over everything before the period."""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or len(word) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXYZ. é1\n", max_size=40), st.sampled_from(sorted(ABBREVIATIONS) + ["x", "word", "U.S"]))
def test_abbreviation_check_matches_the_reference(prefix: str, word: str) -> None:
    text = f"{prefix}{word}. Next"
    dot = len(prefix) + len(word)
    assert _is_abbreviation(text, dot) == _reference_is_abbreviation(text, dot)


def test_a_megabyte_on_one_line_splits_in_linear_time() -> None:
    text = _long_line(1_000_000)
    started = time.process_time()
    sentences = split_sentences(text)
    elapsed = time.process_time() - started
    assert len(sentences) > 10_000
    assert all(text[s.start:s.end] == s.text for s in sentences[:50])
    assert elapsed < 30, f"splitting 1 MB took {elapsed:.1f} s (quadratic scan?)"


@pytest.mark.parametrize("opener", ['"', "“"])
def test_an_unclosed_quotation_does_not_swallow_the_paragraph(opener: str) -> None:
    text = f"He said {opener}it works. " + "The shells arrived. " * 5000
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= MAX_QUOTED_SENTENCE + 100
    assert len(sentences) > 20


def test_a_closed_quotation_still_holds_its_sentences_together() -> None:
    text = 'He left. "It works. It is fast," she said. Done.'
    assert [s.text for s in split_sentences(text)] == ["He left.", '"It works. It is fast," she said.', "Done."]


def _claim(i: int, speaker: Speaker) -> Claim:
    return Claim(article="a", text="x", start=i * 10, end=i * 10 + 9, kind="paraphrase", speaker=speaker,
                 sentence="x", sentence_start=i * 10, sentence_end=i * 10 + 9)


def test_forward_naming_scans_each_role_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = claims_module.fits_office
    monkeypatch.setattr(claims_module, "fits_office", lambda a, b: calls.append(1) or real(a, b))
    unnamed = Speaker(mention="the minister", role="minister", type="person")
    named = Speaker(name="Shin Won-sik", role="defense minister", type="person", mention="Shin Won-sik")
    claims = [_claim(i, unnamed) for i in range(3000)] + [_claim(3000, named)]
    out = claims_module._resolve_forward(claims)
    assert all(c.speaker.name == "Shin Won-sik" for c in out)
    assert len(calls) <= 10, "one fits_office scan per role, not per claim"


def test_forward_naming_takes_the_next_fitting_name_only() -> None:
    unnamed = Speaker(mention="the minister", role="minister", type="person")
    first = Speaker(name="Shin Won-sik", role="defense minister", type="person", mention="Shin")
    later = Speaker(name="Kim Yong-hyun", role="defense minister", type="person", mention="Kim")
    out = claims_module._resolve_forward([_claim(0, unnamed), _claim(1, first), _claim(2, unnamed), _claim(3, later),
                                          _claim(4, unnamed)])
    assert [c.speaker.name for c in out] == ["Shin Won-sik", "Shin Won-sik", "Kim Yong-hyun", "Kim Yong-hyun",
                                             "minister"]


@pytest.mark.model
def test_an_article_past_the_parse_bound_says_what_it_left_unread(nlp) -> None:
    from claimdiff.model import Article
    from claimdiff.pipeline import parse_bound_notice

    text = " ".join(f"The ministry said {n} ships docked on Monday." for n in range(10, 20))
    article = Article(source="long.txt", text=text, outlet="Wire")
    (bounded,) = claims_module.extract_many([article], nlp, max_sentences=4)
    (whole,) = claims_module.extract_many([article], nlp, max_sentences=0)
    assert bounded.unparsed == 6 and whole.unparsed == 0
    assert [c.quantities[0].value for c in bounded.claims] == [10, 11, 12, 13]
    assert len(whole.claims) == 10
    notice = parse_bound_notice(bounded)
    assert notice is not None and notice.code == "CD201" and "6 more were not read" in notice.reason
    assert parse_bound_notice(whole) is None
