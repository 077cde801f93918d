"""The one path (pipeline.iter_extracted): input order, skips and duplicates, the same
extractions in this process, in worker processes and from cached parses, and the same
articles and claims whether the corpus is in memory, SQLite or PostgreSQL."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimdiff import pipeline
from claimdiff.corpus import ingest
from claimdiff.extract.claims import extract_many
from claimdiff.ingest import iter_sources
from claimdiff.model import Article, Extraction, Skipped, Source
from claimdiff.parse import ParseCache
from claimdiff.pipeline import BATCH_ARTICLES, Duplicate, Options, compare, iter_extracted, read_articles
from claimdiff.store import Store

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.model

DEMO = ROOT / "demo" / "corpus"
DROUGHT = FIXTURES / "extract"


def _generated(n: int, seed: int) -> list[dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    return list(generate(n, seed))


def _feed(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_items_come_back_in_input_order_with_skips_and_duplicates(nlp) -> None:
    said = "The ministry said 40 ships were waiting."
    sources = [
        Source(location="a", raw=said),
        Skipped(source="b", stage="ingest", code="CD101", reason="b is empty"),
        Source(location="c", raw=said),  # the same text: a duplicate
        Source(location="d", raw="Officials said 12 roads were closed."),
    ]
    items = list(iter_extracted(sources, nlp, Options(batch_articles=1, n_process=1)))
    assert [pos for pos, _ in items] == [0, 1, 2, 3]
    kinds = [type(item) for _, item in items]
    assert kinds == [Extraction, Skipped, Duplicate, Extraction]
    assert items[3][1].claims[0].quantities[0].value == 12


def test_known_articles_are_not_extracted_again(nlp) -> None:
    (article,), _ = read_articles([str(DROUGHT / "drought.txt")])
    items = list(iter_extracted([article], nlp, known={article.id}.__contains__))
    assert items == [(0, Duplicate(article_id=article.id, source=article.source))]


def test_worker_processes_and_this_process_give_the_same_extractions(nlp, tmp_path: Path) -> None:
    feed = _feed(tmp_path, _generated(12, 5))
    inline = list(iter_extracted(iter_sources([str(feed)]), nlp, Options(batch_articles=3, n_process=1)))
    workers = list(iter_extracted(iter_sources([str(feed)]), nlp, Options(batch_articles=3, n_process=2)))
    assert len(inline) == 12 and workers == inline


def test_cached_parses_give_the_same_claims(nlp) -> None:
    articles, _ = read_articles([str(DEMO), str(DROUGHT)])
    fresh = extract_many(articles, nlp, n_process=1)
    cache = ParseCache()
    extract_many(articles, nlp, n_process=1, cache=cache)
    assert cache.misses and not cache.hits
    again = extract_many(articles, nlp, n_process=1, cache=cache)  # every sentence from the cache
    assert cache.hits == cache.misses
    assert again == fresh


def test_kept_findings_move_with_their_sentence(nlp) -> None:
    """What the rules found in a sentence is kept and reused wherever the sentence
    comes back (another article, another offset): the same as finding it again."""
    articles, _ = read_articles([str(DEMO), str(DROUGHT)])
    moved = [Article(source=f"moved-{a.source}", text="Readers wrote in.\n\n" + a.text, title=a.title,
                     outlet=a.outlet, published=a.published) for a in articles]
    cache = ParseCache()
    extract_many(articles, nlp, n_process=1, cache=cache)
    assert extract_many(moved, nlp, n_process=1, cache=cache) == extract_many(moved, nlp, n_process=1)


def test_parse_cache_forgets_the_oldest_beyond_its_size(nlp) -> None:
    cache = ParseCache(size=2)
    articles, _ = read_articles([str(DROUGHT / "drought.txt")])
    extract_many(articles, nlp, n_process=1, cache=cache)
    assert len(cache) == 2 and cache.misses > 2


def test_memory_sqlite_and_postgresql_share_one_path(store: Store, nlp) -> None:
    inputs = [str(DEMO), str(DROUGHT)]
    summary = ingest(inputs, store, nlp)
    in_memory = compare(inputs, nlp=nlp)
    ids = [a.id for a in in_memory.articles]
    assert summary.new == len(ids) == 7
    assert sorted(a.id for a in store.iter_articles()) == sorted(ids)
    assert store.articles(ids) == list(in_memory.articles)
    assert store.claims_of(ids) == list(in_memory.claims)


def test_first_articles_are_stored_before_the_input_is_read(store: Store, nlp, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupted ingest keeps what it finished: writes start after a batch or two."""
    records = _generated(3 * BATCH_ARTICLES, 9)
    read: list[object] = []
    real = pipeline.iter_sources

    def counted(*args, **kwargs):
        for item in real(*args, **kwargs):
            read.append(item)
            yield item

    monkeypatch.setattr(pipeline, "iter_sources", counted)
    at_first_write: list[int] = []

    def progress(event) -> None:
        if event.result is not None and not at_first_write:
            at_first_write.append(len(read))
            assert store.has_article(event.result.article_id)

    ingest([str(_feed(tmp_path, records))], store, nlp, options=Options(n_process=1), progress=progress)
    assert at_first_write and at_first_write[0] <= 2 * BATCH_ARTICLES + 1 < len(records)


def test_ctrl_c_during_a_parallel_ingest_is_one_line(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers leave the report to the parent."""
    import os
    import signal
    import subprocess
    import time

    feed = _feed(tmp_path, _generated(8 * BATCH_ARTICLES, 13))
    db = tmp_path / "corpus.db"
    proc = subprocess.Popen([sys.executable, "-m", "claimdiff", "ingest", str(feed), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with Store.open(db) as s:
                if s.count("articles"):
                    break
        except Exception:
            continue
    assert proc.poll() is None, "the ingest finished before it could be interrupted; use a larger corpus"
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
