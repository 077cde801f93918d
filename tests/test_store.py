"""The store on both backends: migrations, idempotent inserts, URL versions, reads,
story tables — and a round trip of claims through the database."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff.errors import SchemaTooNew, StoreError
from claimdiff.model import Article, Claim, Quantity, Speaker, TimeScope, to_json
from claimdiff.store import SCHEMA_VERSION, Store, canonical_url


def _article(text: str = "The minister said 6,700 containers were sent.", **kw) -> Article:
    return Article(source=kw.pop("source", "a.txt"), text=text, outlet=kw.pop("outlet", "Example Times"), **kw)


def _claim(article: Article, start: int = 0, end: int | None = None) -> Claim:
    end = len(article.text) if end is None else end
    return Claim(
        article=article.id, text=article.text[start:end], start=start, end=end, kind="paraphrase",
        speaker=Speaker(name="Shin Won-sik", role="Defense Minister", type="person"), cue="said",
        quantities=(Quantity(value=6700.0, text="6,700", start=18, end=23, object="containers",
                             object_head="container", qualifier=None),),
        time_scope=TimeScope(text="since August", start="2023-08-01", end="2024-02-26", span_start=0, span_end=0),
        cites=("Shin Won-sik",), sentence=article.text[start:end], sentence_start=start, sentence_end=end,
    )


def test_migrations_are_recorded(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION
    assert store.count("articles") == 0


def test_insert_is_idempotent(store: Store) -> None:
    article = _article()
    with store.transaction():
        first = store.insert_article(article, [_claim(article)])
    with store.transaction():
        again = store.insert_article(article, [_claim(article)])
    assert (first.status, again.status) == ("new", "duplicate")
    assert store.count("articles") == 1 and store.count("claims") == 1 and store.count("quantities") == 1


def test_same_url_new_text_is_a_new_version(store: Store) -> None:
    one = _article(url="https://www.example.com/story?utm_source=feed")
    two = _article(text="The minister said 6,800 containers were sent.", url="https://example.com/story/")
    with store.transaction():
        store.insert_article(one, [])
    with store.transaction():
        result = store.insert_article(two, [])
    assert result.status == "updated" and result.version == 2
    assert store.latest_version("https://example.com/story") == (two.id, 2)


def test_claims_round_trip_through_the_database(store: Store) -> None:
    article = _article()
    claim = _claim(article)
    with store.transaction():
        store.insert_article(article, [claim])
    (back,) = store.claims_of([article.id])
    assert to_json(back) == to_json(claim)
    assert store.article(article.id) == article


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    article = _article()
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_article(article, [_claim(article)])
        raise RuntimeError("crash between writes")
    assert store.count("articles") == 0 and store.count("claims") == 0


def test_nested_transaction_undoes_its_own_writes_only(store: Store) -> None:
    kept, lost = _article(), _article("The agency said 12 ferries were idle.")
    with store.transaction():
        with store.transaction():
            store.insert_article(kept, [_claim(kept)])
        with pytest.raises(RuntimeError), store.transaction():
            store.insert_article(lost, [_claim(lost)])
            raise RuntimeError("crash between writes")
    assert store.has_article(kept.id) and not store.has_article(lost.id)
    assert store.count("claims") == 1


def test_nothing_is_committed_before_the_outer_transaction_ends(tmp_path) -> None:
    article = _article()
    with Store.open(tmp_path / "n.db") as writer, Store.open(tmp_path / "n.db") as reader:
        with writer.transaction():
            with writer.transaction():
                writer.insert_article(article, [_claim(article)])
            assert reader.count("articles") == 0
        assert reader.count("articles") == 1


def test_story_tables(store: Store) -> None:
    with store.transaction():
        store.upsert_story("s1", "s1", "Containers to Russia", "2024-02-20")
        store.upsert_story("s1", "s1", "Containers to Russia", "2024-02-27")
        store.add_story_terms("s1", {"containers": 1.0, "pyongyang": 2.0})
        store.add_story_terms("s1", {"containers": 0.5})
        store.upsert_story("s2", "s1", "Satellite launch", "2023-11-21")
        store.add_story_terms("s2", {"satellite": 1.0, "pyongyang": 1.0})
        store.bump_df(["containers", "pyongyang"])
        store.bump_df(["pyongyang"])
    assert store.story_dates("s1") == ("2024-02-20", "2024-02-27", "s1")
    assert store.story_terms("s1") == {"containers": 1.5, "pyongyang": 2.0}
    # Ranked by the query's own integer weights over shared terms (as the memory index ranks).
    assert store.stories_with_terms([("pyongyang", 3), ("containers", 1)], window=None, limit=5) == ["s1", "s2"]
    assert store.stories_with_terms([("satellite", 5), ("containers", 1)], window=None, limit=5) == ["s2", "s1"]
    assert store.stories_with_terms([("pyongyang", 1)], window=("2024-01-01", "2024-12-31"), limit=5) == ["s1"]
    assert store.stories_with_terms([("pyongyang", 1)], window=("2023-01-01", "2023-12-31"), limit=5) == ["s2"]
    assert store.df(["pyongyang", "containers", "absent"]) == {"pyongyang": 2, "containers": 1}
    assert store.n_docs() == 2
    assert [s.id for s in store.stories(sort="first_date")] == ["s2", "s1"]
    assert store.find_story("s") is None and store.find_story("s2") == "s2"


def test_lsh_bands(store: Store) -> None:
    with store.transaction():
        store.add_bands("a1", ["x", "y"])
        store.add_bands("a2", ["x", "z"])
        store.add_bands("a2", ["x", "z"])
    assert store.articles_in_buckets(["x", "q"]) == ["a1", "a2"]
    assert store.articles_in_buckets(["q", "z"]) == ["a2"]


def test_timeline_rows_match_the_counted_object(store: Store) -> None:
    article = _article(published="2024-02-26")
    with store.transaction():
        store.insert_article(article, [_claim(article)])
    (row,) = store.timeline_rows("containers")
    assert row.claim.quantities[row.quantity_index].value == 6700 and row.published == "2024-02-26"
    assert store.timeline_rows("shells") == []


def test_bad_sort_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="cannot sort"):
        store.stories(sort="nope")


def test_newer_schema_is_refused(tmp_path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO migrations (version, name) VALUES (99, 'future')")
    con.commit()
    con.close()
    with pytest.raises(SchemaTooNew, match="upgrade claimdiff"):
        Store.open(path)


def test_migration_6_makes_stored_claims_their_statement(tmp_path) -> None:
    # A store written before schema 6: the claim's text/start/end were its sentence and
    # content_start/content_end the statement inside it.
    path = tmp_path / "old.db"
    article = _article("Ports were full. The minister said 6,700 containers were sent.")
    claim = _claim(article, 17)
    with Store.open(path) as store, store.transaction():
        store.insert_article(article, [claim])
    old = json.loads(to_json(claim))
    for key in ("sentence", "sentence_start", "sentence_end"):
        del old[key]
    old.update(text=article.text[17:], start=17, end=len(article.text), content_start=35,
               content_end=len(article.text) - 1)
    con = sqlite3.connect(path)
    con.execute("UPDATE claims SET data = ?", (json.dumps(old),))
    con.execute("DELETE FROM migrations WHERE version = 6")
    con.commit()
    con.close()
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (back,) = store.claims_of([article.id])
    assert back.id == claim.id and back.quantities == claim.quantities
    assert (back.text, back.start, back.end) == ("6,700 containers were sent", 35, len(article.text) - 1)
    assert (back.sentence, back.sentence_start, back.sentence_end) == (article.text[17:], 17, len(article.text))
    assert article.text[back.start:back.end] == back.text


def test_not_a_database_is_a_store_error(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store.open(path)


def test_wal_mode(tmp_path) -> None:
    with Store.open(tmp_path / "w.db") as s:
        assert s.sql.one("PRAGMA journal_mode")[0] == "wal"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://WWW.Example.com/a/b/?utm_source=x&id=3#top", "https://example.com/a/b?id=3"),
        ("http://example.com", "http://example.com"),
        ("not a url", "not a url"),
        (None, None),
    ],
)
def test_canonical_url(url, expected) -> None:
    assert canonical_url(url) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()), outlet=st.none() | st.text(max_size=20))
def test_insert_then_read_round_trips(tmp_path, text: str, outlet: str | None) -> None:
    article = Article(source="x", text=text, outlet=outlet)
    with Store.open(":memory:") as s:
        with s.transaction():
            s.insert_article(article, [])
        assert s.article(article.id) == article
