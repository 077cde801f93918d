"""Ingest at scale: clean and extract shards of the input in parallel, merge into the store.

The work splits where the state is. Cleaning and claim extraction are pure and per
article, so they run on workers, one shard at a time (a file, or a range of lines of a
large JSONL file), and each shard's result is written as one Parquet file. Story
grouping reads and writes the index kept in the store, so it runs on the client, which
merges the Parquet files into the store **in input order** (shard by shard, row by row)
through the same ``corpus.IngestWriter`` the serial ``corpus.ingest`` uses. The store
therefore receives the same articles in the same order whichever engine ran, with how
many workers, finishing in whatever order — and so ends with the same stories::

    inputs ─ iter_shards ─▶ [worker] read → clean → extract ─▶ part-000017-<key>.parquet
                                                                    │ (in shard order)
    store  ◀─ IngestWriter (fingerprint → assign → insert → index.add) ┘  [client]

A worker runs its shard through ``pipeline.iter_extracted``, the path ``compare`` and
the serial ``ingest`` take. Two executors run the shards and give the same results:
:class:`SerialExecutor` (this process) and :class:`DaskExecutor` (a
``distributed.LocalCluster`` or a running scheduler; one spaCy model per worker process,
loaded when the worker joins).

Modules: ``shards`` (splitting inputs), ``parquet`` (the worker's shard runner and the
rows it writes), ``executors``, and this package's ``ingest_parallel`` (the client).

Idempotency: articles are keyed by content hash and stored ones are skipped, so
re-running an ingest (or resuming one that was interrupted) adds only what is missing.
A shard's Parquet file is named by a key over the input file (path, size, mtime, byte
range) and the options, and is written under a temporary name then renamed, so with a
kept ``parquet_dir`` a re-run does not extract finished shards again.

Running shards needs pyarrow and the Dask engine ``dask[distributed]`` (the ``dask``
extra, ``pip install 'claimdiff[dask]'``); the package and ``SerialExecutor`` import
without them, and what needs them raises :class:`~claimdiff.errors.ConfigError` with
that hint.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence

from ..corpus import IngestEvent, IngestSummary, IngestWriter
from ..errors import ConfigError
from ..pipeline import MODEL_NAME, Options, Timings
from ..store import Store
from .executors import MODEL_PLUGIN, DaskExecutor, Executor, SerialExecutor, model_plugin
from .parquet import ShardResult, parquet_schema, read_items, run_shard
from .shards import DEFAULT_SHARD_LINES, Shard, iter_shards

__all__ = [
    "Shard",
    "ShardResult",
    "Executor",
    "SerialExecutor",
    "DaskExecutor",
    "iter_shards",
    "run_shard",
    "ingest_parallel",
    "parquet_schema",
    "DEFAULT_SHARD_LINES",
    "MODEL_PLUGIN",
    "model_plugin",
]

log = logging.getLogger(__name__)


def ingest_parallel(inputs: Sequence[str], store: Store, *, workers: int = 2, scheduler: str | None = None,
                    parquet_dir: str | None = None, options: Options = Options(), engine: str = "dask",
                    model: str = MODEL_NAME, shard_lines: int = DEFAULT_SHARD_LINES,
                    progress: Callable[[IngestEvent], None] | None = None,
                    timings: Timings | None = None) -> IngestSummary:
    """Ingest files and folders into ``store``, cleaning and extracting shards in parallel.

    Gives the same store as ``corpus.ingest`` on the same inputs: the same articles,
    claims and stories (shards are merged in input order through the same grouping code).
    Line numbers in locations are those of the whole file. Unlike the serial path, a
    JSONL file larger than ``options.max_bytes`` is read in line ranges instead of being
    refused (the limit applies to each range).

    Args:
        inputs: files and folders (``.jsonl``, ``.warc(.gz)``, text, HTML, feeds); not
            ``-`` or URLs.
        store: the corpus (SQLite or PostgreSQL); only this process writes to it.
        workers: worker processes of the local cluster (ignored with ``scheduler``).
        scheduler: address of a running Dask scheduler (``tcp://host:8786``).
        parquet_dir: where shard results go (local path or pyarrow URI, reachable by the
            workers and this process). Default: a temporary folder, removed afterwards;
            required with ``scheduler``. A kept folder lets a re-run skip finished shards.
        options: limits and batch sizes.
        engine: ``dask``, or ``serial`` to run the same shards in this process.
        model: the spaCy pipeline workers load.
        shard_lines: JSONL files with more lines are split into ranges of this many.
        progress: called after each article or skipped input, in input order.
        timings: filled with seconds per stage (worker stages summed over workers).

    Returns:
        An ``IngestSummary``, counted as ``corpus.ingest`` counts.

    Raises:
        ConfigError: a bad engine or worker count, an unreachable scheduler, no
            ``parquet_dir`` with a scheduler, stdin or URL inputs, a worker without the model.

    Example:
        >>> # with Store.open("news.db") as store:
        >>> #     ingest_parallel(["dump/"], store, workers=2).new
    """
    _check(engine, scheduler, parquet_dir, shard_lines)
    summary = IngestSummary()
    start = time.perf_counter()
    writer = IngestWriter(store, summary, progress)
    shards = list(iter_shards(inputs, shard_lines=shard_lines, options=options, model=model))
    own_dir = parquet_dir is None
    parquet_dir = parquet_dir or tempfile.mkdtemp(prefix="claimdiff-parquet-")
    log.info("ingesting %d shards through %s; shard files in %s", len(shards), engine, parquet_dir)
    executor: Executor = SerialExecutor() if engine == "serial" else DaskExecutor(
        workers=workers, scheduler=scheduler, model=model)
    try:
        for result in executor.map_shards(shards, parquet_dir=parquet_dir, options=options, model=model):
            _merge(result, parquet_dir, writer, timings)
    finally:
        executor.close()
        if own_dir:
            shutil.rmtree(parquet_dir, ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary


def _check(engine: str, scheduler: str | None, parquet_dir: str | None, shard_lines: int) -> None:
    """Refuse arguments that cannot work, before anything starts."""
    if engine not in ("dask", "serial"):
        raise ConfigError(f"unknown engine {engine!r}; use dask or serial")
    if scheduler and not parquet_dir:
        raise ConfigError("with --scheduler, pass --parquet-dir: a folder (or s3://… URI) that every worker "
                          "and this machine can reach")
    if shard_lines < 1:
        raise ConfigError(f"shard_lines must be at least 1, not {shard_lines}")


def _merge(result: ShardResult, parquet_dir: str, writer: IngestWriter, timings: Timings | None) -> None:
    """Store one finished shard's items, in order, as ``corpus.ingest`` stores its own."""
    start = time.perf_counter()
    for item in read_items(result.parquet, parquet_dir):
        writer.write(item)
    if timings is not None:
        for stage, seconds in result.seconds.items():
            timings.add(stage, seconds)
        timings.add("group+store", time.perf_counter() - start)
