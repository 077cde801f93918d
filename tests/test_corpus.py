"""A growing corpus: ingest into the store (both backends), idempotent re-ingest,
stories, timelines, citation graphs, exports, and an ingest killed mid-way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimdiff.corpus import ingest, story_comparison, story_sources, timeline
from claimdiff.export import export_corpus
from claimdiff.pipeline import read_articles
from claimdiff.store import Store, story_copies

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.model

DEMO = ROOT / "demo" / "corpus"
DROUGHT = FIXTURES / "extract"


def test_ingest_groups_and_is_idempotent(store: Store, nlp) -> None:
    first = ingest([str(DEMO), str(DROUGHT)], store, nlp)
    assert (first.new, first.duplicate, len(first.failed)) == (7, 0, 0)
    again = ingest([str(DEMO)], store, nlp)
    assert (again.new, again.duplicate, again.stories) == (0, 5, 0)
    assert store.count("articles") == 7
    stories = {s.id: store.story(s.id) for s in store.stories()}
    sizes = sorted(s.size for s in stories.values())
    assert sizes == [2, 5]  # the bridge story and the drought story
    bridge = next(s for s in stories.values() if s.size == 5)
    copies = [a for a in bridge.articles if a["syndicated_of"]]
    assert [a["outlet"] for a in copies] == ["Lakeshore Herald"]  # the wire copy of Capital Wire


def test_a_copy_stored_first_becomes_the_copy_once_its_original_comes(store: Store, nlp) -> None:
    # Lakeshore Herald reprints Capital Wire ("(Capital Wire)" dateline and credit line).
    ingest([str(DEMO / "05_lakeshore_herald.txt")], store, nlp)
    ingest([str(DEMO / "02_capital_wire.txt")], store, nlp)
    (listed,) = store.stories()
    row = store.story(listed.id)
    outlets = {a["id"]: a["outlet"] for a in row.articles}
    assert {outlets[c]: outlets[o] for c, o in story_copies(row).items()} == {"Lakeshore Herald": "Capital Wire"}


def test_story_report_follows_the_compare_contract(store: Store, nlp) -> None:
    ingest([str(DROUGHT)], store, nlp)
    (row,) = store.stories()
    report = story_comparison(store, row.id[:8])
    assert len(report.articles) == 2
    assert any(al.status == "differ" and "2,300" in al.label for al in report.alignments)


def test_timeline_orders_statements_and_counts_copies(store: Store, nlp) -> None:
    ingest([str(DEMO)], store, nlp)
    entries = timeline(store, "containers")
    series: dict[str, list[str]] = {}
    for e in entries:
        if e.date:
            series.setdefault(e.series or "", []).append(e.date)
    assert series and all(dates == sorted(dates) for dates in series.values())  # each series oldest first
    four_seven = [e for e in entries if e.value == 4700 and e.qualifier == "approx"]
    assert four_seven and set(four_seven[0].outlets) == {"Capital Wire", "Lakeshore Herald"}
    assert four_seven[0].independent == 1  # Lakeshore Herald reprints Capital Wire


def test_citation_graph(store: Store, nlp) -> None:
    ingest([str(DEMO)], store, nlp)
    (row,) = store.stories()
    graph = story_sources(store, row.id)
    labels = {n["id"]: n["label"] for n in graph.nodes}
    edges = {(labels[e["source"]], labels[e["target"]]) for e in graph.edges}
    assert ("Tidewater Times", "Capital Wire") in edges  # "…, Capital Wire reported"
    assert ("Capital Wire", "Jennifer Homendy") in edges
    assert all(f["independent"] <= f["outlets"] for f in graph.first)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(store: Store, nlp, tmp_path: Path, fmt: str) -> None:
    ingest([str(DROUGHT)], store, nlp)
    target = tmp_path / ("corpus.jsonl" if fmt == "jsonl" else "out")
    written = export_corpus(store, fmt, target)
    counts = {p.name: n for p, n in written}
    if fmt == "jsonl":
        rows = [json.loads(line) for line in target.read_text().splitlines()]
        assert {r["table"] for r in rows} == {"articles", "claims", "alignments"}
    elif fmt == "csv":
        assert counts["articles.csv"] == 2 and counts["claims.csv"] == store.count("claims")
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        assert pq.read_table(target / "claims.parquet").num_rows == store.count("claims")


def test_bad_inputs_are_recorded_and_the_rest_stored(store: Store, nlp, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01" * 100)
    summary = ingest([str(tmp_path), str(DROUGHT / "drought.txt")], store, nlp)
    assert summary.new == 1 and len(summary.failed) == 2
    assert {s.source.rsplit("/", 1)[-1] for s in store.skipped()} == {"empty.txt", "blob.txt"}


KILL_SCRIPT = """
import sys
from claimdiff.corpus import ingest
from claimdiff.pipeline import load_nlp
from claimdiff.store import Store, story_copies
with Store.open(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, load_nlp(), batch=4)
"""


def test_ingest_killed_midway_finishes_on_rerun(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    records = list(generate(40, 3))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp_path / "corpus.db"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(db), str(feed)])
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with Store.open(db) as s:
                    stored = s.count("articles")
            except Exception:
                continue
            if stored >= 3:
                break
    assert proc.poll() is None, "the ingest finished before it could be killed; use a larger corpus"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store.open(db) as s:
        partial = s.count("articles")
    assert 0 < partial < len(records)
    subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(db), str(feed)], check=True)
    with Store.open(db) as s:
        expected, _ = read_articles([str(feed)])
        ids = [a.id for a in s.iter_articles()]
        assert sorted(ids) == sorted(a.id for a in expected)  # nothing lost, nothing twice
        assert len(ids) == len(set(ids))
        total = sum(row.size for row in s.stories(limit=10_000))
        assert total == s.count("articles")  # every stored article is in exactly one story
        claim_articles = {r[0] for r in s.sql.all("SELECT DISTINCT article_id FROM claims")}
        assert claim_articles <= set(ids)


def test_syndicated_copy_is_not_an_independent_confirmation(store: Store, nlp) -> None:
    from claimdiff.pipeline import compare

    ingest([str(DEMO)], store, nlp)
    (row,) = store.stories()
    stored = story_comparison(store, row.id)
    direct = compare([str(DEMO)], nlp=nlp)
    for report in (stored, direct):
        outlets = {a.id: a.outlet for a in report.articles}
        claims = {c.id: c for c in report.claims}
        pairs = [al for al in report.alignments
                 if {outlets[claims[c].article] for c in al.claims} == {"Capital Wire", "Lakeshore Herald"}]
        assert pairs and all(al.independent == 1 for al in pairs)
        assert any(al.independent >= 3 for al in report.alignments)


class _FakeEncoder:
    """A stand-in sentence model: a unit vector from the words' hashes (deterministic)."""

    def encode(self, texts):
        import hashlib
        import math

        out = []
        for text in texts:
            vec = [0.0] * 16
            for word in text.lower().split():
                vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % 16] += 1.0
            norm = math.sqrt(sum(v * v for v in vec)) or 1.0
            out.append(tuple(v / norm for v in vec))
        return out


def test_ingest_with_embeddings_stores_story_vectors(store: Store, nlp) -> None:
    summary = ingest([str(DEMO), str(DROUGHT)], store, nlp, embedder=_FakeEncoder())
    assert summary.new == 7
    rows = store.stories()
    assert sorted(r.size for r in rows) == [2, 5]
    for row in rows:
        vector = store.story_embedding(row.id)
        assert len(vector) == 16 and any(vector)
