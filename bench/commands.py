#!/usr/bin/env python3
"""Throughput of the commands a user runs, beside a full-parse baseline in the same run.

    python bench/commands.py [--n 300] [--seed 7] [--repeat 1] [--workers 2] [--json]

On a corpus from bench/corpus.py (our own templates), in this order:

- ``baseline``: spaCy's whole small pipeline (every pipe) over every sentence of every
  cleaned article, split over ``--workers`` forked processes that each parse their share
  in-process (no Doc shipping between processes): the work claimdiff would do without
  its candidate filter, parse cache and pipeline. Model loading and cleaning are left
  out of its time, which makes it the faster, stricter yardstick.
- ``ingest``: ``claimdiff ingest corpus.jsonl --db fresh.db`` (a fresh SQLite store).
- ``extract``: ``claimdiff extract corpus.jsonl -o out.jsonl``.
- ``compare``: ``claimdiff compare`` of the largest story's articles (JSON report).
- per-stage seconds of one ingest run in this process (``corpus.ingest`` with ``Timings``;
  ``extract`` is summed over the worker processes, so it can exceed the wall time).

Commands run as subprocesses: their seconds include interpreter start and model load,
as a user sees them. Peak RSS is sampled over the command's process tree (its forked
workers included, shared pages counted in each: an upper bound). Timing on a shared
machine is noisy: every figure is printed beside the baseline measured in the same run,
and ``--repeat`` takes the best of several runs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

from claimdiff.corpus import ingest  # noqa: E402
from claimdiff.extract.sentences import split_sentences  # noqa: E402
from claimdiff.pipeline import Options, Timings, load_nlp, read_articles  # noqa: E402
from claimdiff.store import Store  # noqa: E402

SAMPLE_S = 0.05
CLAIMDIFF = [sys.executable, "-m", "claimdiff"]


def _tree_rss(proc: psutil.Process) -> float:
    """Resident MB of a process and its descendants."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 1e6


def run_command(args: list[str]) -> tuple[float, float]:
    """Run a command; its wall seconds and the peak RSS (MB) of its process tree."""
    start = time.perf_counter()
    popen = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc, peak = psutil.Process(popen.pid), 0.0
    while popen.poll() is None:
        try:
            peak = max(peak, _tree_rss(proc))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_S)
    seconds = time.perf_counter() - start
    if popen.returncode not in (0, 1):  # 1: some inputs skipped
        raise SystemExit(f"{' '.join(args)} failed ({popen.returncode}): {popen.stderr.read().decode()[-2000:]}")
    return seconds, peak


_SHARE: list[str] = []


def _parse_share(bounds: tuple[int, int]) -> int:
    nlp = load_nlp()
    return sum(1 for _ in nlp.pipe(_SHARE[bounds[0]:bounds[1]], batch_size=128))


def baseline(corpus: Path, workers: int) -> float:
    """Seconds for the full pipeline over every sentence, on ``workers`` forked processes."""
    articles, _ = read_articles([str(corpus)])
    _SHARE[:] = [s.text for a in articles for s in split_sentences(a.text)]
    load_nlp()  # loaded before the fork: the workers share it, as claimdiff's do
    step = -(-len(_SHARE) // workers)
    bounds = [(i, min(i + step, len(_SHARE))) for i in range(0, len(_SHARE), step)]
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parsed = sum(pool.map(_parse_share, bounds))
    assert parsed == len(_SHARE)
    return time.perf_counter() - start


def stages(corpus: Path, work: Path) -> dict[str, float]:
    """Seconds per stage of one in-process ingest into a fresh store."""
    timings = Timings()
    with Store.open(work / "stages.db") as store:
        ingest([str(corpus)], store, load_nlp(), timings=timings)
    return dict(timings.stages)


def _story_file(records: list[dict], work: Path) -> tuple[Path, int]:
    """The largest story's records (bench ids carry the story) as a JSONL file."""
    by_story: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_story[record["id"].rsplit("-", 1)[0]].append(record)
    story = max(by_story.values(), key=len)
    path = work / "story.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in story), encoding="utf-8")
    return path, len(story)


def run_once(records: list[dict], work: Path, workers: int) -> dict[str, dict[str, float]]:
    """One round of every measurement."""
    corpus = work / "corpus.jsonl"
    n = len(records)
    story, story_n = _story_file(records, work)
    db = work / "fresh.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    figures: dict[str, dict[str, float]] = {}
    seconds = baseline(corpus, workers)
    figures["baseline"] = {"articles": n, "seconds": seconds, "rss": 0.0}
    for name, args, count in (
        ("ingest", [*CLAIMDIFF, "ingest", str(corpus), "--db", str(db)], n),
        ("extract", [*CLAIMDIFF, "extract", str(corpus), "-o", str(work / "out.jsonl")], n),
        ("compare", [*CLAIMDIFF, "compare", str(story), "-f", "json", "-o", str(work / "story.json")], story_n),
    ):
        seconds, rss = run_command(args)
        figures[name] = {"articles": count, "seconds": seconds, "rss": rss}
    figures["stages"] = stages(corpus, work)
    return figures


def best(rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per measurement, the round with the fewest seconds (stages: the first round)."""
    out = {name: min((r[name] for r in rounds), key=lambda f: f["seconds"]) for name in rounds[0] if name != "stages"}
    out["stages"] = rounds[0]["stages"]
    return out


def report(figures: dict[str, dict[str, float]], n: int) -> str:
    """A table of the figures."""
    base = figures["baseline"]["articles"] / figures["baseline"]["seconds"]
    lines = [f"claimdiff commands on {n} generated articles, {os.cpu_count()} cores",
             f"{'what':<10} {'articles':>8} {'seconds':>8} {'art/s':>7} {'× baseline':>10} {'peak RSS MB':>12}"]
    for name in ("baseline", "ingest", "extract", "compare"):
        f = figures[name]
        rate = f["articles"] / f["seconds"]
        rss = f"{f['rss']:.0f}" if f["rss"] else "-"
        lines.append(f"{name:<10} {f['articles']:>8.0f} {f['seconds']:>8.2f} {rate:>7.1f} {rate / base:>10.2f} {rss:>12}")
    lines.append("ingest stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in figures["stages"].items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best of each is shown")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)),
                        help="baseline processes (default: the usable cores)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    records = list(generate(args.n, args.seed))
    with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
        work = Path(tmp)
        (work / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        rounds = [run_once(records, work, args.workers) for _ in range(args.repeat)]
    figures = best(rounds)
    print(report(figures, args.n))
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))


if __name__ == "__main__":
    assert threading.current_thread() is threading.main_thread()
    main()
