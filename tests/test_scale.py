"""Ingest at scale (scale.py): a local Dask cluster of 2 workers gives the same store as the
serial ``corpus.ingest`` (articles, claims, stories, skipped inputs), re-running is a no-op,
both executors agree, shards split JSONL by lines and keep whole-file line numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from claimdiff.corpus import ingest  # noqa: E402
from claimdiff.errors import ConfigError  # noqa: E402
from claimdiff.pipeline import Timings  # noqa: E402
from claimdiff.scale import ingest_parallel, iter_shards  # noqa: E402
from claimdiff.store import Store  # noqa: E402

from .conftest import ROOT, load_script  # noqa: E402

DEMO = ROOT / "demo" / "corpus"
N_GENERATED = 20
#: Small shards, so 20 lines make several shards and the split path is exercised.
SHARD_LINES = 6


def _generate(n: int, seed: int) -> list[dict]:
    """Records from bench/corpus.py (our own synthetic articles)."""
    return list(load_script(ROOT / "bench" / "corpus.py", "bench_corpus").generate(n, seed))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The demo folder and a JSONL of 20 generated articles with a bad line and a repeat."""
    folder = tmp_path_factory.mktemp("scale")
    records = _generate(N_GENERATED, 11)
    lines = [json.dumps(r) for r in records]
    lines.insert(7, "{not json")
    lines.insert(12, lines[3])  # the same article again: a duplicate, not a new one
    path = folder / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(DEMO), str(path)]


def _snapshot(store: Store) -> dict[str, list]:
    """Everything ingest decides, in a comparable form (ingest order included)."""
    return {
        "articles": store.sql.all(
            """SELECT id, seq, source, version, story_id, storyline_id, duplicate_of, syndicated_of, story_score
               FROM articles ORDER BY seq"""),
        "claims": store.sql.all("SELECT id, article_id, position, data FROM claims ORDER BY article_id, position"),
        "quantities": store.sql.all("SELECT * FROM quantities ORDER BY claim_id, idx"),
        "stories": store.sql.all("SELECT id, storyline_id, title, first_date, last_date, size FROM stories ORDER BY id"),
        "story_terms": store.sql.all("SELECT term, story_id, weight FROM story_terms ORDER BY term, story_id"),
        "skipped": store.skipped(),
    }


@pytest.fixture(scope="module")
def serial(inputs: list[str], nlp, tmp_path_factory: pytest.TempPathFactory):
    """The serial ingest of the inputs: its summary and store snapshot."""
    with Store.open(tmp_path_factory.mktemp("serial") / "serial.db") as store:
        summary = ingest(inputs, store, nlp)
        return summary, _snapshot(store)


@pytest.mark.model
def test_dask_two_workers_matches_serial_and_rerun_is_a_no_op(inputs: list[str], serial, tmp_path: Path) -> None:
    expected_summary, expected = serial
    assert (expected_summary.new, expected_summary.duplicate, len(expected_summary.failed)) == (N_GENERATED + 5, 1, 1)
    timings = Timings()
    with Store.open(tmp_path / "dask.db") as store:
        summary = ingest_parallel(inputs, store, workers=2, shard_lines=SHARD_LINES, timings=timings)
        got = _snapshot(store)
        assert got == expected  # same ids, claims, stories and order, byte for byte
        assert (summary.new, summary.duplicate, summary.stories, summary.failed) == (
            expected_summary.new, expected_summary.duplicate, expected_summary.stories, expected_summary.failed)
        assert {"read+clean", "extract", "group+store"} <= set(timings.stages)

        again = ingest_parallel(inputs, store, workers=2, shard_lines=SHARD_LINES)
        assert (again.new, again.updated, again.stories) == (0, 0, 0)
        assert again.duplicate == expected_summary.new + expected_summary.duplicate
        after = _snapshot(store)
        # Skipped inputs are recorded once per run, as the serial ingest records them.
        assert after.pop("skipped") == expected["skipped"] * 2
        assert after == {k: v for k, v in expected.items() if k != "skipped"}


@pytest.mark.model
def test_serial_executor_gives_the_same_store_on_both_backends(inputs: list[str], serial, store: Store) -> None:
    summary = ingest_parallel(inputs, store, engine="serial", shard_lines=SHARD_LINES)
    assert _snapshot(store) == serial[1]
    assert summary.new == serial[0].new


@pytest.mark.model
def test_kept_parquet_dir_reuses_finished_shards(inputs: list[str], tmp_path: Path) -> None:
    parquet = tmp_path / "parts"
    with Store.open(tmp_path / "a.db") as first:
        ingest_parallel(inputs, first, engine="serial", parquet_dir=str(parquet), shard_lines=SHARD_LINES)
        files = {p: p.stat().st_mtime_ns for p in parquet.glob("part-*.parquet")}
        assert len(files) == len(list(iter_shards(inputs, shard_lines=SHARD_LINES)))
        timings = Timings()
        with Store.open(tmp_path / "b.db") as second:
            ingest_parallel(inputs, second, engine="serial", parquet_dir=str(parquet), shard_lines=SHARD_LINES,
                            timings=timings)
            assert _snapshot(second) == _snapshot(first)
        assert "extract" not in timings.stages  # nothing extracted again
        assert {p: p.stat().st_mtime_ns for p in parquet.glob("part-*.parquet")} == files
        assert not list(parquet.glob(".part-*"))


def test_shards_split_jsonl_by_lines_and_cover_it(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"id": str(i), "text": "x" * i}) for i in range(23)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shards = list(iter_shards([str(path)], shard_lines=10))
    assert [(s.index, s.first_line) for s in shards] == [(0, 1), (1, 11), (2, 21)]
    data = path.read_bytes()
    assert b"".join(data[s.start:s.end] for s in shards) == data
    assert len({s.key for s in shards}) == 3
    (whole,) = iter_shards([str(path)], shard_lines=100)
    assert (whole.start, whole.end) == (None, None)


def test_folder_shards_follow_the_serial_order() -> None:
    names = [s.name for s in iter_shards([str(DEMO)])]
    assert names == [str(p) for p in sorted(DEMO.iterdir())]


def test_config_errors(tmp_path: Path) -> None:
    with Store.open(":memory:") as store:
        with pytest.raises(ConfigError, match="parquet-dir"):
            ingest_parallel([str(DEMO)], store, scheduler="tcp://127.0.0.1:1")
        with pytest.raises(ConfigError, match="serial engine"):
            ingest_parallel(["-"], store, engine="serial")
        with pytest.raises(ConfigError, match="unknown engine"):
            ingest_parallel([str(DEMO)], store, engine="spark")


def test_serial_executor_imports_without_dask_and_dask_names_the_extra(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['distributed'] = None; sys.modules['pyarrow'] = None\n"
            "from claimdiff.errors import ConfigError\n"
            "from claimdiff.scale import SerialExecutor, iter_shards\n"
            "from claimdiff.scale.executors import DaskExecutor\n"
            "from claimdiff.store import Store\n"
            "from claimdiff.scale import ingest_parallel\n"
            "try:\n    DaskExecutor()\nexcept ConfigError as exc:\n    print(exc)\n"
            "with Store.open(':memory:') as store:\n"
            f"    try:\n        ingest_parallel([{str(DEMO)!r}], store, engine='serial')\n"
            "    except ConfigError as exc:\n        print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert all("pip install 'claimdiff[dask]'" in line and "[CD400]" in line for line in lines)
    assert "pip install 'claimdiff[dask]'" in out and "[CD400]" in out
