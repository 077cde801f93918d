#!/usr/bin/env python3
"""Ingest throughput, per-stage time and peak memory: the plain path next to Dask.

    python bench/scale.py [--n 300] [--seed 7]                   # throughput + stages
    python bench/scale.py --rss 1000 5000 --rss-model blank:en   # memory as input grows

Articles come from bench/corpus.py (our own templates), written as sharded JSONL
(``FILE_ARTICLES`` per file, as an archive dump is) and read back through the real
ingest path into a fresh SQLite store per run:

- ``plain``: ``corpus.ingest`` (one process; and ``auto``: its default ``n_process=0``,
  which extracts batches in one forked worker process per core);
- ``dask-1``/``dask-2``: ``scale.ingest_parallel`` on a LocalCluster of 1 and 2 worker
  processes. The cluster is started (and the model loaded on each worker) before the
  clock starts; that start-up is printed separately.

Every run's store is checked against the plain one (same articles, claims, stories).
Stages come from one instrumented plain run (the same functions, timed one by one):
clean, sentence filter, parse, extract, group (fingerprint + assign), store (insert +
index), align (every stored story compared, as ``claimdiff story`` does).

Peak RSS is the largest sum of resident memory over this process and all its children
(Dask nannies and workers, spaCy parse processes), sampled every ``SAMPLE_S``. ``--rss``
runs the plain and dask-2 paths at two or more input sizes; ``--rss-model blank:en``
swaps the parser for a tokenizer-only pipeline so that large inputs finish in minutes
(what grows with the input — reading, cleaning, the store, the task graph — is the same).
"""

from __future__ import annotations

import argparse
import json
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

from claimdiff.align import align  # noqa: E402
from claimdiff.clean import clean  # noqa: E402
from claimdiff.cluster import assign, fingerprint  # noqa: E402
from claimdiff.corpus import INGEST_BATCH, SqlStoryIndex, ingest  # noqa: E402
from claimdiff.extract.claims import UNUSED_PIPES, _Parsed, claims_from_parsed  # noqa: E402
from claimdiff.extract.sentences import is_candidate, split_sentences  # noqa: E402
from claimdiff.ingest import iter_sources  # noqa: E402
from claimdiff.pipeline import MODEL_NAME, Options, load_nlp  # noqa: E402
from claimdiff.store import Store  # noqa: E402

FILE_ARTICLES = 1000
SAMPLE_S = 0.1


class PeakRSS:
    """Samples the resident memory of this process tree in a thread; ``peak`` in MB."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> float:
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        return total / 1e6

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._total())
            self._stop.wait(SAMPLE_S)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._total())


def write_corpus(n: int, seed: int, folder: Path) -> Path:
    """Write ``n`` generated articles as JSONL files of ``FILE_ARTICLES`` each."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = None
    for i, record in enumerate(generate(n, seed)):
        if i % FILE_ARTICLES == 0:
            if handle:
                handle.close()
            handle = (folder / f"part-{i // FILE_ARTICLES:05d}.jsonl").open("w", encoding="utf-8")
        handle.write(json.dumps(record) + "\n")
    if handle:
        handle.close()
    return folder


def snapshot(path: Path) -> tuple:
    """What ingest decided, comparable across runs."""
    with Store.open(path) as store:
        return (store.sql.all("SELECT id, story_id, storyline_id, duplicate_of, syndicated_of FROM articles ORDER BY seq"),
                store.sql.all("SELECT id, data FROM claims ORDER BY id"),
                store.sql.all("SELECT id, size FROM stories ORDER BY id"))


def run_plain(corpus: Path, db: Path, nlp, n_process: int) -> dict:
    """``corpus.ingest`` into a fresh store."""
    with PeakRSS() as rss, Store.open(db) as store:
        summary = ingest([str(corpus)], store, nlp, options=Options(n_process=n_process))
    return {"articles": summary.articles, "seconds": summary.seconds, "rss": rss.peak, "startup": 0.0}


def run_dask(corpus: Path, db: Path, workers: int, model: str, work: Path, shard_lines: int) -> dict:
    """``scale.ingest_parallel`` on a local cluster started (and warmed) beforehand."""
    from distributed import Client, LocalCluster

    from claimdiff.scale import MODEL_PLUGIN, ingest_parallel, model_plugin

    with PeakRSS() as rss:
        t = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.register_plugin(model_plugin(model), name=MODEL_PLUGIN)
            startup = time.perf_counter() - t
            parts = work / f"parquet-{db.stem}"
            with Store.open(db) as store:
                summary = ingest_parallel([str(corpus)], store, scheduler=cluster.scheduler_address,
                                          parquet_dir=str(parts), model=model, shard_lines=shard_lines)
    return {"articles": summary.articles, "seconds": summary.seconds, "rss": rss.peak, "startup": startup}


def stages(corpus: Path, nlp, work: Path) -> dict[str, float]:
    """Seconds per stage over the corpus, the plain path instrumented."""
    seconds: dict[str, float] = defaultdict(float)
    disable = [p for p in UNUSED_PIPES if p in nlp.pipe_names]

    def clock(stage: str, start: float) -> float:
        now = time.perf_counter()
        seconds[stage] += now - start
        return now

    with Store.open(work / "stages.db") as store:
        index = SqlStoryIndex(store)
        sources = iter_sources([str(corpus)])
        while True:
            t = time.perf_counter()
            batch = [clean(s) for _, s in zip(range(INGEST_BATCH), sources, strict=False)]
            t = clock("clean", t)
            if not batch:
                break
            plans = [split_sentences(a.text) for a in batch]
            wanted = [(ai, si) for ai, plan in enumerate(plans) for si, s in enumerate(plan) if is_candidate(s.text)]
            t = clock("sentence filter", t)
            docs = list(nlp.pipe((plans[ai][si].text for ai, si in wanted), batch_size=128, disable=disable))
            t = clock("parse", t)
            spans = {key: doc[:] for key, doc in zip(wanted, docs, strict=True)}
            extractions = [claims_from_parsed(a, [_Parsed(s, spans.get((ai, si))) for si, s in enumerate(plan)])
                           for ai, (a, plan) in enumerate(zip(batch, plans, strict=True))]
            t = clock("extract", t)
            for extraction in extractions:
                article = extraction.article
                t = time.perf_counter()
                with store.transaction():
                    df, n_docs = index.document_frequency()
                    fp = fingerprint(article, df=df, n_docs=n_docs)
                    decision = assign(fp, index)
                    t = clock("group", t)
                    store.insert_article(article, extraction.claims, story_id=decision.story_id,
                                         storyline_id=decision.storyline_id, duplicate_of=decision.duplicate_of,
                                         syndicated_of=decision.syndicated_of, story_score=decision.score)
                    index.add(fp, decision, title=article.title)
                clock("store", t)
        t = time.perf_counter()
        for row in store.stories(limit=1_000_000):
            ids = [a["id"] for a in store.story(row.id).articles if not a["duplicate_of"]]
            articles, claims = store.articles(ids), store.claims_of(ids)
            t = clock("(read story)", t)
            align(claims, articles)
            t = clock("align", t)
    return dict(seconds)


def throughput(args: argparse.Namespace, work: Path) -> None:
    """Plain vs Dask at 1 and 2 workers, and per-stage times."""
    corpus = write_corpus(args.n, args.seed, work / "corpus")
    nlp = load_nlp()
    only = set(args.only or ())
    runs = {
        "plain": lambda db: run_plain(corpus, db, nlp, 1),
        "plain-auto": lambda db: run_plain(corpus, db, nlp, 0),
        "dask-1": lambda db: run_dask(corpus, db, 1, MODEL_NAME, work, args.shard_lines),
        "dask-2": lambda db: run_dask(corpus, db, 2, MODEL_NAME, work, args.shard_lines),
    }
    reference = None
    print(f"N = {args.n} articles, {psutil.cpu_count()} cores")
    print(f"{'path':<11} {'articles/s':>10} {'seconds':>8} {'start-up s':>10} {'peak RSS MB':>11}  same store")
    for name, run in runs.items():
        if only and name not in only and name != "plain":
            continue
        db = work / f"{name}.db"
        figures = run(db)
        same = snapshot(db)
        reference = reference or same
        print(f"{name:<11} {figures['articles'] / figures['seconds']:>10.1f} {figures['seconds']:>8.1f} "
              f"{figures['startup']:>10.1f} {figures['rss']:>11.0f}  {same == reference}", flush=True)
    if not args.skip_stages:
        seconds = stages(corpus, nlp, work)
        total = sum(v for k, v in seconds.items() if not k.startswith("("))
        print(f"\nstages (plain path instrumented, one process), N = {args.n}")
        for stage, value in seconds.items():
            print(f"  {stage:<16} {value:>7.2f} s  {100 * value / total:>5.1f} %  {1000 * value / args.n:>7.2f} ms/article")


def memory(args: argparse.Namespace, work: Path) -> None:
    """Peak RSS of the plain and dask-2 paths at growing input sizes."""
    import spacy

    nlp = spacy.load(args.rss_model) if args.rss_model != MODEL_NAME else load_nlp()
    print(f"peak RSS (MB) of the process tree, model {args.rss_model}")
    print(f"{'articles':>9} {'path':<7} {'peak RSS MB':>11} {'articles/s':>10}")
    for n in args.rss:
        corpus = write_corpus(n, args.seed, work / f"rss-{n}")
        for name in args.rss_paths:
            db = work / f"rss-{n}-{name}.db"
            if name == "plain":
                figures = run_plain(corpus, db, nlp, 1)
            else:
                figures = run_dask(corpus, db, 2, args.rss_model, work, args.shard_lines)
            print(f"{n:>9} {name:<7} {figures['rss']:>11.0f} {figures['articles'] / figures['seconds']:>10.1f}",
                  flush=True)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the chosen benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles for the throughput runs")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", nargs="+", help="runs to make besides plain (plain-auto dask-1 dask-2)")
    parser.add_argument("--rss-paths", nargs="+", default=["plain", "dask-2"], choices=["plain", "dask-2"],
                        help="paths measured by the memory runs")
    parser.add_argument("--skip-stages", action="store_true")
    parser.add_argument("--shard-lines", type=int, default=25,
                        help="JSONL lines per Dask shard (small inputs need small shards to spread)")
    parser.add_argument("--rss", type=int, nargs="+", help="input sizes for the memory runs (instead of throughput)")
    parser.add_argument("--rss-model", default=MODEL_NAME, help="pipeline for the memory runs (e.g. blank:en)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="claimdiff-scale-") as tmp:
        (memory if args.rss else throughput)(args, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
