"""Story pages rendered ahead (web.pagecache): kept in the store by ingest, served as
rendered now would be, and never served once the story or the code has changed."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from claimdiff.model import Article, Claim, Quantity, Speaker  # noqa: E402
from claimdiff.store import Store  # noqa: E402
from claimdiff.web import create_app, pagecache, views  # noqa: E402

STORY = "pagestory000001"


def _add(store: Store, outlet: str, value: int, story: str = STORY) -> None:
    text = f"There were {value:,} containers involved, the port authority said. Traffic was diverted."
    article = Article(source=f"{outlet}.txt", text=text, title="Port disruption", outlet=outlet,
                      published="2024-03-01", url=f"https://{outlet.lower()}.example/port")
    start = text.index(f"{value:,}")
    claim = Claim(article=article.id, text=text[:text.index("said.") + 5], start=0, end=text.index("said.") + 5,
                  kind="paraphrase", cue="said", speaker=Speaker(name="the port authority", type="organization"),
                  quantities=(Quantity(value=value, text=f"{value:,}", start=start, end=start + len(f"{value:,}"),
                                       object="containers", object_head="container"),))
    with store.transaction():
        store.insert_article(article, [claim], story_id=story, storyline_id=story)
        store.upsert_story(story, story, article.title, article.published)


def test_kept_page_is_the_page_and_goes_stale_with_its_story(tmp_path: Path) -> None:
    db = str(tmp_path / "pages.db")
    with Store.open(db) as store:
        _add(store, "Harbor Ledger", 6700)
        _add(store, "Capital Wire", 6500)
        assert pagecache.render_pages(store, [STORY, "no-such-story"]) == 1
        assert pagecache.render_pages(store, [STORY]) == 0  # kept and up to date
        row = store.story(STORY)
        kept = pagecache.kept_page(store, row)
        assert kept == pagecache.render_story_page(store, row, views.StoryCache())
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    served = client.get(f"/stories/{STORY}")
    assert served.status_code == 200 and served.content == kept
    with Store.open(db) as store:
        _add(store, "Metro Daily", 6700)  # the story changes: its kept page is stale
        row = store.story(STORY)
        assert pagecache.kept_page(store, row) is None
        assert b"Metro Daily" in pagecache.render_story_page(store, row, views.StoryCache())


def test_stamp_covers_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(str(tmp_path / "pages.db")) as store:
        _add(store, "Harbor Ledger", 6700)
        pagecache.render_pages(store, [STORY])
        row = store.story(STORY)
        assert pagecache.kept_page(store, row) is not None
        monkeypatch.setattr(pagecache, "code_version", lambda: "another claimdiff")
        assert pagecache.kept_page(store, row) is None


@pytest.mark.model
def test_ingest_keeps_the_pages_of_the_stories_it_touched(tmp_path: Path, nlp) -> None:
    from claimdiff.corpus import ingest

    demo = Path(__file__).resolve().parents[1] / "demo" / "corpus"
    with Store.open(str(tmp_path / "demo.db")) as store:
        ingest([str(demo)], store, nlp)
        (row,) = store.stories()
        full = store.story(row.id)
        assert pagecache.kept_page(store, full) is not None


def test_pages_rendered_in_several_processes_are_the_same(tmp_path: Path) -> None:
    db = str(tmp_path / "pages.db")
    stories = [f"pagestory{i:06d}" for i in range(5)]
    with Store.open(db) as store:
        for i, sid in enumerate(stories):
            _add(store, "Harbor Ledger", 6700 + i, sid)
            _add(store, "Capital Wire", 6500 + i, sid)
        assert pagecache.render_pages(store, stories, processes=3) == 5
        for sid in stories:
            row = store.story(sid)
            assert row.size == 2
            assert pagecache.kept_page(store, row) == pagecache.render_story_page(store, row, views.StoryCache())
