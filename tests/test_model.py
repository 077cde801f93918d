"""Tests for claimdiff.model: validation, content ids, serialisation round trips."""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.model import (
    CLAIM_KINDS,
    QUALIFIERS,
    Alignment,
    Article,
    Claim,
    Comparison,
    FieldDiff,
    Quantity,
    Source,
    Speaker,
    TimeScope,
    claim_from_dict,
    content_id,
    to_dict,
    to_json,
)

# --------------------------------------------------------------------------- strategies

_TEXT = st.text(max_size=30)
_OPT_TEXT = st.none() | _TEXT
_OFFSET = st.integers(min_value=0, max_value=100_000)
_FLOAT = st.floats(allow_nan=False, allow_infinity=False)
_NUMBER = st.none() | _FLOAT | st.integers(min_value=-(10**12), max_value=10**12).map(float)
_ISO = st.none() | st.dates().map(lambda d: d.isoformat())

quantities = st.builds(
    Quantity,
    value=_NUMBER, text=_TEXT, start=_OFFSET, end=_OFFSET, value_max=_NUMBER,
    qualifier=st.none() | st.sampled_from(QUALIFIERS), qualifier_text=_OPT_TEXT, unit=_OPT_TEXT,
    object=_OPT_TEXT, object_head=_OPT_TEXT, detail=_OPT_TEXT,
    conjunction=st.sampled_from([None, "and", "or"]), vague=st.booleans(),
)
speakers = st.builds(
    Speaker,
    name=_OPT_TEXT, role=_OPT_TEXT, org=_OPT_TEXT,
    type=st.sampled_from(["person", "organisation", "document", "unnamed", "outlet"]),
    mention=_OPT_TEXT, of=_OPT_TEXT,
)
time_scopes = st.builds(TimeScope, text=_TEXT, start=_ISO, end=_ISO, span_start=_OFFSET, span_end=_OFFSET)
claims = st.builds(
    Claim,
    article=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16), text=_TEXT,
    start=_OFFSET, end=_OFFSET, kind=st.sampled_from(CLAIM_KINDS), speaker=st.none() | speakers,
    cue=_OPT_TEXT, quantities=st.lists(quantities, max_size=3).map(tuple), time_scope=st.none() | time_scopes,
    hedged=st.booleans(), hedges=st.lists(_TEXT, max_size=3).map(tuple), cites=st.lists(_TEXT, max_size=3).map(tuple),
    polarity=st.sampled_from(["affirm", "deny"]), statement_date=_ISO,
    sentence=st.none() | _TEXT, sentence_start=st.none() | _OFFSET, sentence_end=st.none() | _OFFSET,
)


def _same_number(a: float | None, b: float | None) -> bool:
    """Numbers compare by value: to_dict writes 3.0 as 3."""
    return (a is None and b is None) or (a is not None and b is not None and float(a) == float(b))


# --------------------------------------------------------------------------- round trips

@settings(max_examples=150, deadline=None)
@given(claims)
def test_claim_json_round_trip(claim: Claim) -> None:
    back = claim_from_dict(json.loads(to_json(claim)))
    assert back == claim  # dataclass equality: 3 == 3.0
    for q_back, q in zip(back.quantities, claim.quantities, strict=True):
        assert _same_number(q_back.value, q.value)
        assert _same_number(q_back.value_max, q.value_max)
    assert back.id == claim.id
    assert to_json(back) == to_json(claim)


@settings(max_examples=100, deadline=None)
@given(claims)
def test_to_json_is_deterministic(claim: Claim) -> None:
    first = to_json(claim)
    assert first == to_json(claim)
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert to_json(claim, indent=None).count("\n") == 1


@settings(max_examples=100, deadline=None)
@given(claims)
def test_claim_pickles(claim: Claim) -> None:
    assert pickle.loads(pickle.dumps(claim)) == claim


def test_to_dict_writes_integral_floats_as_ints() -> None:
    q = Quantity(value=6700.0, value_max=1.5, text="6,700", start=0, end=5)
    data = to_dict(q)
    assert data["value"] == 6700 and isinstance(data["value"], int)
    assert data["value_max"] == 1.5 and isinstance(data["value_max"], float)
    assert to_dict({"a": (1.0, [2.5])}) == {"a": [1, [2.5]]}


def test_to_json_sorted_keys_and_unicode() -> None:
    text = to_json({"b": 1, "a": "“Ü”"})
    assert text == '{\n  "a": "“Ü”",\n  "b": 1\n}\n'


def test_claim_from_dict_ignores_unknown_keys_and_accepts_missing_lists() -> None:
    claim = claim_from_dict({"article": "a1", "text": "x", "start": 0, "end": 1, "extra": 5, "quantities": None})
    assert claim.quantities == () and claim.hedges == () and claim.cites == ()
    assert claim.speaker is None and claim.time_scope is None


# --------------------------------------------------------------------------- ids

def test_content_id_is_stable_and_short() -> None:
    assert content_id("claim", "a", 1, 2) == content_id("claim", "a", 1, 2)
    assert len(content_id("x")) == 16
    assert content_id("claim", "a", 1, 2) != content_id("claim", "a", 1, 3)
    assert content_id({"b": 1, "a": 2}) == content_id({"a": 2, "b": 1})


def test_article_id_depends_on_text() -> None:
    a = Article(source="a.txt", text="Shin said 6,700 containers.")
    assert a.id == Article(source="a.txt", text="Shin said 6,700 containers.").id
    assert a.id != Article(source="a.txt", text="Shin said 6,800 containers.").id
    # Re-reading the same article from another file is the same article...
    assert a.id == Article(source="b.txt", text="Shin said 6,700 containers.").id
    # ...but the same words from another outlet or URL are another article (a copy).
    assert a.id != Article(source="a.txt", text="Shin said 6,700 containers.", outlet="Wire").id
    assert a.id != Article(source="a.txt", text="Shin said 6,700 containers.", url="https://x.example/a").id
    assert Article(source="a.txt", text="t", id="given").id == "given"


def test_source_id_depends_on_raw() -> None:
    assert Source(location="x", raw="abc").id == Source(location="y", raw="abc").id
    assert Source(location="x", raw="abc").id != Source(location="x", raw="abd").id
    assert Source(location="x", raw="abc").id != Source(location="x", raw="abc", format="html").id


def test_claim_id_depends_on_article_and_span() -> None:
    base = Claim(article="a1", text="Shin said 5.", start=0, end=12)
    assert base.id == Claim(article="a1", text="Shin said 5.", start=0, end=12).id
    assert base.id != Claim(article="a1", text="Shin said 5.", start=1, end=12).id
    assert base.id != Claim(article="a2", text="Shin said 5.", start=0, end=12).id


@given(st.text(max_size=40), st.text(max_size=40))
def test_article_ids_differ_when_text_differs(a: str, b: str) -> None:
    same = Article(source="s", text=a).id == Article(source="s", text=b).id
    assert same == (a == b)


def test_alignment_id_and_sorting() -> None:
    one = Alignment(status="agree", claims=("b", "a"), members=(("b", 0), ("a", -1)))
    two = Alignment(status="agree", claims=("a", "b"), members=(("a", -1), ("b", 0)))
    assert one.claims == ("a", "b") and one.members == (("a", -1), ("b", 0))
    assert one.id == two.id


# --------------------------------------------------------------------------- validation

@pytest.mark.parametrize("qualifier", ["about", "", "APPROX", "more than"])
def test_unknown_qualifier_raises(qualifier: str) -> None:
    with pytest.raises(ValueError, match="qualifier"):
        Quantity(value=1.0, text="1", start=0, end=1, qualifier=qualifier)


@pytest.mark.parametrize("qualifier", [None, *QUALIFIERS])
def test_known_qualifiers_accepted(qualifier: str | None) -> None:
    assert Quantity(value=1.0, text="1", start=0, end=1, qualifier=qualifier).qualifier == qualifier


@pytest.mark.parametrize("kind", ["statement", "", "Quote"])
def test_unknown_kind_raises(kind: str) -> None:
    with pytest.raises(ValueError, match="kind"):
        Claim(article="a", text="t", start=0, end=1, kind=kind)  # type: ignore[arg-type]


def test_claim_from_dict_with_bad_qualifier_raises() -> None:
    data = to_dict(Claim(article="a", text="t", start=0, end=1, quantities=(Quantity(value=1, text="1", start=0, end=1),)))
    data["quantities"][0]["qualifier"] = "roughly"
    with pytest.raises(ValueError):
        claim_from_dict(data)


def test_models_are_frozen_and_sequences_are_tuples() -> None:
    claim = Claim(article="a", text="t", start=0, end=1, hedges=["could"], cites=["Yonhap"])  # type: ignore[arg-type]
    assert claim.hedges == ("could",) and claim.cites == ("Yonhap",)
    with pytest.raises(AttributeError):
        claim.text = "u"  # type: ignore[misc]
    assert hash(claim) == hash(Claim(article="a", text="t", start=0, end=1, hedges=("could",), cites=("Yonhap",)))


def test_claim_evidence() -> None:
    claim = Claim(article="a1", text="t", start=5, end=9)
    assert (claim.evidence.article_id, claim.evidence.start, claim.evidence.end) == ("a1", 5, 9)


# --------------------------------------------------------------------------- offsets and diffs

def test_raw_offset_identity_without_map() -> None:
    article = Article(source="s", text="abc")
    assert [article.raw_offset(i) for i in (0, 2, 50)] == [0, 2, 50]


def test_raw_offset_maps_through_segments() -> None:
    # Clean [0,10) came from raw 0.., clean [10,20) from raw 25.., clean 20.. from raw 40..
    article = Article(source="s", text="x" * 30, offset_map=[[0, 0], [10, 25], [20, 40]])
    assert article.offset_map == ((0, 0), (10, 25), (20, 40))
    assert article.raw_offset(0) == 0
    assert article.raw_offset(5) == 5
    assert article.raw_offset(10) == 25
    assert article.raw_offset(12) == 27
    assert article.raw_offset(19) == 34
    assert article.raw_offset(20) == 40
    assert article.raw_offset(29) == 49


def test_raw_offset_before_first_segment() -> None:
    article = Article(source="s", text="x" * 10, offset_map=((3, 100),))
    assert article.raw_offset(1) == 1
    assert article.raw_offset(4) == 101


def test_field_diff_sorts_values_by_article_id() -> None:
    diff = FieldDiff(field="qualifier", values=[["zz", "approx"], ("aa", "more_than"), ("mm", None)])
    assert diff.values == (("aa", "more_than"), ("mm", None), ("zz", "approx"))
    assert FieldDiff(field="value", values=(("b", 1), ("a", 2))) == FieldDiff(field="value", values=(("a", 2), ("b", 1)))


def test_comparison_serialises_deterministically() -> None:
    article = Article(source="a.txt", text="Shin said 6,700.", published="2024-02-26")
    claim = Claim(article=article.id, text=article.text, start=0, end=16, kind="paraphrase",
                  speaker=Speaker(name="Shin"), quantities=(Quantity(value=6700.0, text="6,700", start=10, end=15),))
    comparison = Comparison(articles=[article], claims=[claim], alignments=[Alignment(status="unique", claims=(claim.id,))])
    text = to_json(comparison)
    assert text == to_json(comparison) and text.endswith("\n")
    data = json.loads(text)
    assert data["claims"][0]["quantities"][0]["value"] == 6700
    assert claim_from_dict(data["claims"][0]) == claim
