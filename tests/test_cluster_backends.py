"""One grouping decision whatever the backend: memory, SQLite and PostgreSQL give the same
stories for the same articles in the same order (issue 10, item 1)."""

from __future__ import annotations

import random
import sys
from dataclasses import replace

import pytest

from claimdiff.cluster import group
from claimdiff.corpus import _store_one
from claimdiff.model import Article
from claimdiff.store import SqlStoryIndex, Store

from .conftest import ROOT


def _articles(n: int = 300) -> list[Article]:
    """``n`` synthetic articles of bench/corpus.py (stories of 1-6 outlets, wire copies),
    shuffled, a tenth of them undated, so every branch of the decision is taken."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    rng = random.Random(7)
    articles = []
    for record in generate(n, 11):
        published = None if rng.random() < 0.1 else record["published"]
        articles.append(Article(source=record["id"], doc_id=record["id"], text=record["text"], title=record["title"],
                                outlet=record["outlet"], published=published))
    rng.shuffle(articles)
    return articles


def _partition(assignments: list[str]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for i, story in enumerate(assignments):
        groups.setdefault(story, []).append(i)
    return sorted(groups.values())


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return _articles()


@pytest.fixture(scope="module")
def in_memory(articles: list[Article]) -> list:
    return group(articles, date_order=False)


def test_memory_groups_the_stream_into_several_stories(in_memory: list) -> None:
    stories = {d.story_id for d in in_memory}
    assert 20 < len(stories) < len(in_memory)
    assert any(d.syndicated_of for d in in_memory)  # the copy branch is exercised


def test_stored_ingest_groups_exactly_as_memory(store: Store, articles: list[Article], in_memory: list) -> None:
    """The ingest path (``corpus._store_one``: place → insert → index.add) on SQLite and
    PostgreSQL gives the memory index's stories, storylines and copies, article by article."""
    index = SqlStoryIndex(store)
    stored = [_store_one(store, index, article, []) for article in articles]
    assert [r.story_id for r in stored] == [d.story_id for d in in_memory]
    assert [r.new_story for r in stored] == [d.new_story for d in in_memory]
    links = store.story_links([a.id for a in articles])
    assert [links[a.id]["storyline"] for a in articles] == [d.storyline_id for d in in_memory]
    assert [links[a.id]["syndicated_of"] for a in articles] == [d.syndicated_of for d in in_memory]
    assert [links[a.id]["duplicate_of"] for a in articles] == [d.duplicate_of for d in in_memory]


def test_term_rarity_counts_in_a_stored_ingest(store: Store) -> None:
    """The store's document frequencies reach the fingerprint (they were ignored when the
    lazily read table, of length 0, was taken for an empty one)."""
    from claimdiff.cluster import place

    index = SqlStoryIndex(store)
    common = "The council met on the budget and the council voted on the budget again."
    for i in range(30):
        _store_one(store, index, Article(source=f"c{i}", text=f"{common} Item {i} passed.", published="2024-05-01"), [])
    fp, _ = place(Article(source="new", text=f"{common} Ostravia flooded.", published="2024-05-01"), index)
    weights = dict(fp.terms)
    assert weights["ostravia"] > 2 * weights["council"]


def test_order_of_stories_listed_is_the_same_on_both_backends(store: Store) -> None:
    """Undated stories come last whatever the backend's NULL ordering."""
    index = SqlStoryIndex(store)
    for i, day in enumerate(("2024-01-02", None, "2024-01-05")):
        text = f"Story {i}: " + " ".join(f"word{i}x{k}" for k in range(40))
        _store_one(store, index, replace(Article(source=f"s{i}", text=text), published=day), [])
    dates = [row.last_date for row in store.stories()]
    assert dates == ["2024-01-05", "2024-01-02", None]
    assert [row.first_date for row in store.stories(sort="first_date")] == ["2024-01-02", "2024-01-05", None]


def test_kept_story_terms_follow_another_ingest(store: Store, articles: list[Article]) -> None:
    """An index keeps the term profiles of candidate stories between articles; once
    another ingest (another index) has added to a story, its profile is read again."""
    from claimdiff.cluster import place

    warm, other = SqlStoryIndex(store), SqlStoryIndex(store)
    for article in articles[:80]:
        _store_one(store, warm, article, [])
    for article in articles[80:160]:
        _store_one(store, other, article, [])
    compared = 0
    for article in articles[160:200]:
        fp, _ = place(article, warm)
        kept, fresh = warm.candidates(fp, limit=20), SqlStoryIndex(store).candidates(fp, limit=20)
        assert [(c.story_id, c.size, dict(c.terms)) for c in kept] == [(c.story_id, c.size, dict(c.terms)) for c in fresh]
        compared += len(kept)
    assert compared > 40
