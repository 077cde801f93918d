#!/usr/bin/env python3
"""Throughput of the commands a user runs, beside a full-parse baseline in the same run.

    python bench/commands.py [--n 300] [--seed 7] [--repeat 1] [--workers 2] [--json]

On a corpus from bench/corpus.py (our own templates), in this order:

- ``baseline``: spaCy's whole small pipeline (every pipe, as ``spacy.load`` gives it)
  over every sentence of every cleaned article, split over ``--workers`` forked
  processes that each parse their share in-process (no Doc shipping between processes):
  the work claimdiff would do without its candidate filter, parse cache and pipeline.
  Model loading and cleaning are left out of its time, which makes it the faster,
  stricter yardstick.
- ``baseline+``: the same parse with the numerics claimdiff runs spaCy with
  (``claimdiff.fastpipe``: numpy's matrix product, the dictionary attribute ruler, one
  BLAS thread per process): what is left of the ratio when the parse itself costs the
  same on both sides, i.e. what claimdiff saves by parsing less.
- ``ingest``: ``claimdiff ingest corpus.jsonl --db fresh.db`` (a fresh SQLite store).
- ``extract``: ``claimdiff extract corpus.jsonl -o out.jsonl``.
- ``compare``: ``claimdiff compare`` of the largest story's articles (JSON report).
- per-stage seconds of one ingest run in this process (``corpus.ingest`` with ``Timings``;
  ``extract`` is summed over the worker processes, so it can exceed the wall time).

Commands run as subprocesses: their seconds include interpreter start and model load,
as a user sees them. ``cpu s`` is the user+system CPU time of the command's process
tree (its workers included), the figure least moved by other load on the machine.
Peak RSS is sampled over the command's process tree (its forked workers included,
shared pages counted in each: an upper bound). Timing on a shared machine is noisy:
every figure is printed beside the baselines measured in the same run, and
``--repeat`` takes the best of several runs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
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

from claimdiff import fastpipe  # noqa: E402
from claimdiff.corpus import ingest  # noqa: E402
from claimdiff.extract.sentences import split_sentences  # noqa: E402
from claimdiff.pipeline import MODEL_NAME, Options, Timings, load_nlp, read_articles  # noqa: E402
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


def run_command(args: list[str]) -> tuple[float, float, float]:
    """Run a command; its wall seconds, CPU seconds (user + system, its waited-for
    workers included) and the peak RSS (MB) of its process tree."""
    errors = tempfile.TemporaryFile()
    start = time.perf_counter()
    popen = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
    proc, peak = psutil.Process(popen.pid), 0.0
    while True:
        pid, status, usage = os.wait4(popen.pid, os.WNOHANG)
        if pid:
            break
        try:
            peak = max(peak, _tree_rss(proc))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_S)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    popen.returncode = code
    if code not in (0, 1):  # 1: some inputs skipped
        errors.seek(0)
        raise SystemExit(f"{' '.join(args)} failed ({code}): {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, peak


_SHARE: list[str] = []
_NLP: list = []


def _parse_share(bounds: tuple[int, int]) -> int:
    nlp, fast = _NLP
    texts = _SHARE[bounds[0]:bounds[1]]
    if not fast:
        return sum(1 for _ in nlp.pipe(texts, batch_size=128))
    with fastpipe.one_blas_thread():
        return sum(1 for _ in fastpipe.pipe(nlp, texts, batch_size=128))


def baseline(corpus: Path, workers: int, *, fast: bool) -> tuple[float, float]:
    """Wall and CPU seconds of the full pipeline over every sentence on ``workers``
    forked processes: spaCy as loaded (``fast=False``) or with claimdiff's numerics."""
    import spacy

    articles, _ = read_articles([str(corpus)])
    _SHARE[:] = [s.text for a in articles for s in split_sentences(a.text)]
    # Loaded before the fork: the workers share it, as claimdiff's do.
    _NLP[:] = [load_nlp() if fast else spacy.load(MODEL_NAME), fast]
    step = -(-len(_SHARE) // workers)
    bounds = [(i, min(i + step, len(_SHARE))) for i in range(0, len(_SHARE), step)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parsed = sum(pool.map(_parse_share, bounds))
        pool.close()
        pool.join()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert parsed == len(_SHARE)
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


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
    for name, fast in (("baseline", False), ("baseline+", True)):
        seconds, cpu = baseline(corpus, workers, fast=fast)
        figures[name] = {"articles": n, "seconds": seconds, "cpu": cpu, "rss": 0.0}
    for name, args, count in (
        ("ingest", [*CLAIMDIFF, "ingest", str(corpus), "--db", str(db)], n),
        ("extract", [*CLAIMDIFF, "extract", str(corpus), "-o", str(work / "out.jsonl")], n),
        ("compare", [*CLAIMDIFF, "compare", str(story), "-f", "json", "-o", str(work / "story.json")], story_n),
    ):
        seconds, cpu, rss = run_command(args)
        figures[name] = {"articles": count, "seconds": seconds, "cpu": cpu, "rss": rss}
    figures["stages"] = stages(corpus, work)
    return figures


def best(rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per measurement, the round with the fewest seconds (stages: the first round)."""
    out = {name: min((r[name] for r in rounds), key=lambda f: f["seconds"]) for name in rounds[0] if name != "stages"}
    out["stages"] = rounds[0]["stages"]
    return out


def report(figures: dict[str, dict[str, float]], n: int) -> str:
    """A table of the figures: rates and their ratios to both baselines (by wall time),
    CPU seconds per article beside the baseline's, and peak RSS."""
    base = figures["baseline"]["articles"] / figures["baseline"]["seconds"]
    plus = figures["baseline+"]["articles"] / figures["baseline+"]["seconds"]
    cpu_base = figures["baseline"]["cpu"] / figures["baseline"]["articles"]
    lines = [f"claimdiff commands on {n} generated articles, {len(os.sched_getaffinity(0))} usable cores "
             f"(load {os.getloadavg()[0]:.1f})",
             f"{'what':<10} {'articles':>8} {'seconds':>8} {'art/s':>7} {'× baseline':>10} {'× baseline+':>11} "
             f"{'cpu s':>7} {'cpu × base':>10} {'peak RSS MB':>12}"]
    for name in ("baseline", "baseline+", "ingest", "extract", "compare"):
        f = figures[name]
        rate = f["articles"] / f["seconds"]
        rss = f"{f['rss']:.0f}" if f["rss"] else "-"
        cpu_ratio = cpu_base / (f["cpu"] / f["articles"]) if f.get("cpu") else float("nan")
        lines.append(f"{name:<10} {f['articles']:>8.0f} {f['seconds']:>8.2f} {rate:>7.1f} {rate / base:>10.2f} "
                     f"{rate / plus:>11.2f} {f.get('cpu', 0):>7.1f} {cpu_ratio:>10.2f} {rss:>12}")
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
