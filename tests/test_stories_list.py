"""Listing stories: every story in JSON unless ``--limit`` (with ``--offset``), a page in the
table that says what it hides (issue 10, item 3); an ingest reports only the stories it
started (issue 12, item 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.corpus import _store_one
from claimdiff.model import Article
from claimdiff.store import SqlStoryIndex, Store

runner = CliRunner()


def _story_text(i: int) -> str:
    """A text that shares no word with the other stories' texts."""
    return f"Report {i}: " + " ".join(f"w{i}z{k}" for k in range(30)) + "."


@pytest.fixture
def corpus(tmp_path: Path) -> str:
    """A SQLite corpus of 60 one-article stories, one a day."""
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        index = SqlStoryIndex(store)
        for i in range(60):
            day = f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}"
            _store_one(store, index, Article(source=f"a{i}", doc_id=f"doc{i}", text=_story_text(i), published=day), [])
    return str(db)


def test_json_lists_every_story_by_default(corpus: str) -> None:
    result = runner.invoke(app, ["stories", "--db", corpus, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 60
    assert {a["doc_id"] for s in data for a in s["articles"]} == {f"doc{i}" for i in range(60)}


def test_json_pages_with_limit_and_offset(corpus: str) -> None:
    every = [s["id"] for s in json.loads(runner.invoke(app, ["stories", "--db", corpus, "--format", "json"]).stdout)]
    page = runner.invoke(app, ["stories", "--db", corpus, "--format", "json", "--limit", "10", "--offset", "55"])
    assert [s["id"] for s in json.loads(page.stdout)] == every[55:]


def test_the_table_keeps_a_page_and_says_how_many_are_hidden(corpus: str) -> None:
    result = runner.invoke(app, ["stories", "--db", corpus])
    assert result.exit_code == 0
    assert "50 of 60 stories" in result.stdout
    assert "10 more stories not shown" in result.output and "--offset 50" in result.output
    last = runner.invoke(app, ["stories", "--db", corpus, "--offset", "50"])
    assert "10 of 60 stories" in last.stdout and "more stories not shown" not in last.output


def test_count_stories_matches_the_listing(corpus: str) -> None:
    with Store.open(corpus) as store:
        assert store.count_stories() == len(store.stories(limit=None)) == 60
        assert store.count_stories(query="nothing like it") == 0


@pytest.mark.model
def test_an_ingest_reports_only_the_stories_it_started(tmp_path: Path, nlp) -> None:
    """Another ingest adding stories to the same corpus meanwhile is not counted."""
    from claimdiff.corpus import ingest

    db = tmp_path / "c.db"
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"f{i}", "text": _story_text(i), "published": "2024-03-01"}) + "\n"
                            for i in range(3)))
    other_done = []

    def other_ingest(_event: object) -> None:
        if not other_done:  # a second writer adds two stories while this ingest runs
            with Store.open(db) as other:
                index = SqlStoryIndex(other)
                for i in (100, 101):
                    _store_one(other, index, Article(source=f"o{i}", text=_story_text(i), published="2024-03-01"), [])
            other_done.append(True)

    with Store.open(db) as store:
        summary = ingest([str(feed)], store, nlp, progress=other_ingest)
        assert store.count("stories") == 5
    assert (summary.new, summary.stories) == (3, 3)
