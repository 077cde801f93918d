"""Step 2b of ``cluster.decide.assign`` (issue 10): a story of one article takes a piece
from its own day that words the event apart (cosine under ``STORY_THRESHOLD``, at least
``PAIR_THRESHOLD``) when they share ``STORYLINE_NAMES`` names; another day, a larger
story, one name in common or a weaker likeness keep the plain test.

Fingerprints are built by hand so the cosines are known exactly: two unit vectors of
``n`` equal weights sharing ``k`` terms have cosine k / n.
"""

from __future__ import annotations

import math

import pytest

from claimdiff.cluster import (
    PAIR_THRESHOLD,
    STORY_THRESHOLD,
    Decision,
    Fingerprint,
    MemoryStoryIndex,
    assign,
    story_id_for,
)


def _fp(article_id: str, day: str | None, shared: list[str], own: int, names: tuple[str, ...]) -> Fingerprint:
    """A fingerprint of ``shared`` terms plus ``own`` terms of its own, equal weights."""
    terms = shared + [f"{article_id}word{i}" for i in range(own)]
    weight = round(1.0 / math.sqrt(len(terms)), 6)
    return Fingerprint(article_id=article_id, date=day, outlet=None, terms=tuple(sorted((t, weight) for t in terms)),
                       minhash=(), length=len(terms), entities=tuple(sorted(names)))


def _index_with(*fps: Fingerprint, same_story: bool = False) -> MemoryStoryIndex:
    index = MemoryStoryIndex()
    story = story_id_for(fps[0].article_id)
    for fp in fps:
        sid = story if same_story else story_id_for(fp.article_id)
        index.add(fp, Decision(article_id=fp.article_id, story_id=sid, new_story=sid == story_id_for(fp.article_id),
                               score=0.0))
    return index


NAMES = ["ostrava", "vinter"]


def test_the_cosines_sit_between_the_thresholds() -> None:
    assert PAIR_THRESHOLD <= 2 / 18 < STORY_THRESHOLD


def test_a_same_day_piece_joins_a_story_of_one_article() -> None:
    first = _fp("a", "2025-04-02", NAMES, 16, ("ostrava", "vinter"))
    second = _fp("b", "2025-04-02", NAMES, 16, ("ostrava", "vinter"))
    decision = assign(second, _index_with(first))
    assert not decision.new_story and decision.story_id == story_id_for("a")


@pytest.mark.parametrize("day", ["2025-04-03", None])
def test_another_day_or_no_date_keeps_the_plain_test(day: str | None) -> None:
    first = _fp("a", "2025-04-02", NAMES, 16, ("ostrava", "vinter"))
    second = _fp("b", day, NAMES, 16, ("ostrava", "vinter"))
    assert assign(second, _index_with(first)).new_story


def test_one_name_in_common_is_not_enough() -> None:
    first = _fp("a", "2025-04-02", ["ostrava", "harbour"], 16, ("ostrava",))
    second = _fp("b", "2025-04-02", ["ostrava", "harbour"], 16, ("ostrava",))
    assert assign(second, _index_with(first)).new_story


def test_a_weaker_likeness_is_not_enough() -> None:
    first = _fp("a", "2025-04-02", NAMES, 28, ("ostrava", "vinter"))  # cosine 2 / 30
    second = _fp("b", "2025-04-02", NAMES, 28, ("ostrava", "vinter"))
    assert 2 / 30 < PAIR_THRESHOLD
    assert assign(second, _index_with(first)).new_story


def test_a_story_of_two_articles_keeps_the_plain_test() -> None:
    first = _fp("a", "2025-04-02", NAMES, 16, ("ostrava", "vinter"))
    twin = _fp("c", "2025-04-02", [t for t, _ in first.terms], 0, ("ostrava", "vinter"))
    second = _fp("b", "2025-04-02", NAMES, 16, ("ostrava", "vinter"))
    assert assign(second, _index_with(first, twin, same_story=True)).new_story
