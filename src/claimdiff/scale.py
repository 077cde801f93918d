"""Ingest at scale: clean and extract shards of the input in parallel, merge into the store.

The work splits where the state is. Cleaning and claim extraction are pure and per
article, so they run on workers, one shard at a time (a file, or a range of lines of a
large JSONL file), and each shard's result is written as one Parquet file. Story
grouping reads and writes the index kept in the store, so it runs on the client, which
merges the Parquet files into the store **in input order** (shard by shard, row by row)
through the same ``corpus._store_one`` the serial ``corpus.ingest`` calls. The store
therefore receives the same articles in the same order whichever engine ran, with how
many workers, finishing in whatever order — and so ends with the same stories::

    inputs ─ iter_shards ─▶ [worker] read → clean → extract ─▶ part-000017-<key>.parquet
                                                                    │ (in shard order)
    store  ◀─ _store_one (fingerprint → assign → insert → index.add) ┘  [client]

Two executors run the shards and give the same results: :class:`SerialExecutor` (this
process) and :class:`DaskExecutor` (a ``distributed.LocalCluster`` or a running
scheduler; one spaCy model per worker process, loaded when the worker joins).

Idempotency: articles are keyed by content hash and ``_store_one`` skips stored ones, so
re-running an ingest (or resuming one that was interrupted) adds only what is missing.
A shard's Parquet file is named by a key over the input file (path, size, mtime, byte
range) and the options, and is written under a temporary name then renamed, so with a
kept ``parquet_dir`` a re-run does not extract finished shards again.

Needs the ``dask`` extra (``pip install 'claimdiff[dask]'``); importing this module
without it raises :class:`~claimdiff.errors.ConfigError` with that hint.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import ClaimdiffError, ConfigError, ExtractionError, InputError

try:  # the heavy, optional part: keep the hint next to the import that fails
    import pyarrow as pa
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq
    from distributed import Client, LocalCluster, WorkerPlugin
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise ConfigError(
        f"the dask engine needs dask[distributed] and pyarrow ({exc.name} is missing); "
        "run `pip install 'claimdiff[dask]'`"
    ) from exc

from . import __version__
from .clean import clean
from .corpus import INGEST_BATCH, IngestEvent, IngestSummary, SqlStoryIndex, _store_one
from .extract.claims import extract_many
from .ingest import JSONL_SUFFIXES, iter_folder, iter_sources, with_defaults
from .ingest.jsonl import iter_jsonl_stream
from .model import Article, Skipped, claim_from_dict, content_id, to_dict
from .pipeline import MODEL_NAME, Options, Timings, load_nlp
from .store import AddResult, Store

__all__ = [
    "Shard",
    "ShardResult",
    "Executor",
    "SerialExecutor",
    "DaskExecutor",
    "iter_shards",
    "run_shard",
    "ingest_parallel",
    "DEFAULT_SHARD_LINES",
    "PARQUET_SCHEMA",
]

log = logging.getLogger(__name__)

#: Lines of a JSONL file per shard; a file with more lines is split into ranges of this
#: many. Small enough to spread a single dump over the workers and keep each worker's
#: memory to one batch, large enough that per-task overhead (~10 ms) is noise next to
#: the ~0.1 s per article of parsing.
DEFAULT_SHARD_LINES = 500
#: Bumped whenever the Parquet layout changes, so old shard files are not reused.
SHARD_FORMAT = 1
#: JSONL files starting with these byte-order marks are never split (a range after the
#: first would lose the BOM that says how to decode it).
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")

#: One row per input record, in input order: ``kind`` is ``article`` (cleaned and
#: extracted; ``claims`` holds its claims as a JSON list), ``duplicate`` (the same article
#: appeared earlier in the shard) or ``skipped`` (``stage``/``code``/``reason`` say why).
PARQUET_SCHEMA = pa.schema([
    ("pos", pa.int64()), ("kind", pa.string()), ("id", pa.string()), ("source", pa.string()),
    ("text", pa.string()), ("title", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
    ("published", pa.string()), ("author", pa.string()), ("doc_id", pa.string()),
    ("reference_date", pa.string()), ("offset_map", pa.string()), ("removed", pa.string()),
    ("claims", pa.string()), ("stage", pa.string()), ("code", pa.string()), ("reason", pa.string()),
])
_ARTICLE_FIELDS = ("id", "source", "text", "title", "outlet", "url", "published", "author", "doc_id",
                   "reference_date")


# ------------------------------------------------------------------------------ shards

@dataclass(frozen=True, slots=True, kw_only=True)
class Shard:
    """One unit of parallel work.

    Fields: ``index`` (its place in input order), ``path`` (the file, absolute), ``name``
    (how locations and messages call it, as the serial path would), ``start``/``end``
    (a byte range of a JSONL file, ``None`` for the whole file), ``first_line`` (the
    1-based line number at ``start``), ``key`` (content key of the file, range and
    options; names the shard's Parquet file).
    """

    index: int
    path: str
    name: str
    start: int | None = None
    end: int | None = None
    first_line: int = 1
    key: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShardResult:
    """What one shard gave: ``index``, the Parquet file (``parquet``), counts of
    ``articles``, ``duplicates`` and ``skipped`` rows, ``seconds`` per stage, and
    ``cached`` (True when a finished file from an earlier run was reused)."""

    index: int
    parquet: str
    articles: int = 0
    duplicates: int = 0
    skipped: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    cached: bool = False


def _shard_key(path: Path, start: int | None, end: int | None, options: Options, model: str) -> str:
    """A content key for a shard: the file as it is now, the range, and what extraction uses."""
    stat = path.stat()
    return content_id("shard", SHARD_FORMAT, str(path), stat.st_size, stat.st_mtime_ns, start, end,
                      options.max_bytes, model, __version__, options.outlet, options.published)


def _line_ranges(path: Path, lines_per_shard: int) -> list[tuple[int, int, int]]:
    """``(start, end, first_line)`` byte ranges of ``lines_per_shard`` lines each."""
    ranges: list[tuple[int, int, int]] = []
    start, offset, line, first = 0, 0, 0, 1
    with path.open("rb") as handle:  # streamed: the file may be far larger than memory
        for raw in handle:
            offset += len(raw)
            line += 1
            if line - first + 1 >= lines_per_shard:
                ranges.append((start, offset, first))
                start, first = offset, line + 1
    if offset > start:
        ranges.append((start, offset, first))
    return ranges


def _splittable(path: Path, lines_per_shard: int) -> bool:
    """True for a JSONL file worth splitting (more lines than one shard, no wide BOM)."""
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
            if head.startswith(_WIDE_BOMS):
                return False
            handle.seek(0)
            for count, _ in enumerate(handle, start=1):
                if count > lines_per_shard:
                    return True
    except OSError:
        return False  # the worker reports it, exactly as the serial path would
    return False


def _files(item: str) -> Iterator[tuple[Path, str]]:
    """``(path, name)`` of every file an input names, in the serial path's order."""
    if item == "-" or "://" in item:
        raise ConfigError(f"{item} cannot be sharded (stdin and URLs are read once, in one place); "
                          "ingest it with the serial engine")
    path = Path(item)
    if path.is_dir():
        for file in iter_folder(path):
            yield file, str(file)
    else:
        yield path, item


def iter_shards(inputs: Sequence[str], *, shard_lines: int = DEFAULT_SHARD_LINES, options: Options = Options(),
                model: str = MODEL_NAME) -> Iterator[Shard]:
    """Split inputs into shards, in input order: one per file, and line ranges of large JSONL.

    Args:
        inputs: files and folders (folders are read recursively, in sorted order).
        shard_lines: JSONL files with more lines are split into ranges of this many.
        options: the ingest options (part of each shard's key).
        model: the spaCy pipeline name (part of each shard's key).

    Returns:
        An iterator of ``Shard``; a missing file is a whole-file shard, so the worker
        reports it as the serial path would.

    Raises:
        ConfigError: an input is ``-`` or a URL.

    Example:
        >>> [s.name for s in iter_shards(["missing.jsonl"])]
        ['missing.jsonl']
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    index = 0
    for item in inputs:
        for path, name in _files(item):
            absolute = Path(os.path.abspath(path))
            exists = absolute.is_file()
            if exists and _splittable(absolute, shard_lines):
                for start, end, first in _line_ranges(absolute, shard_lines):
                    yield Shard(index=index, path=str(absolute), name=name, start=start, end=end, first_line=first,
                                key=_shard_key(absolute, start, end, options, model))
                    index += 1
                continue
            key = _shard_key(absolute, None, None, options, model) if exists else content_id("missing", name)
            yield Shard(index=index, path=str(absolute), name=name, key=key)
            index += 1


# ------------------------------------------------------------------------------ worker side

def _iter_range(shard: Shard, max_bytes: int) -> Iterator[Any]:
    """Sources (or Skipped) of one byte range of a JSONL file, located as in the whole file."""
    assert shard.start is not None and shard.end is not None
    try:
        with open(shard.path, "rb") as handle:
            handle.seek(shard.start)
            for item in iter_jsonl_stream(handle, shard.name, max_bytes, first_line=shard.first_line,
                                          limit=shard.end - shard.start):
                if isinstance(item, InputError):
                    yield Skipped(source=item.source or shard.name, stage="ingest", code=item.code, reason=item.message)
                else:
                    yield item
    except OSError as exc:
        where = f"lines {shard.first_line}+ of {shard.name}"
        yield Skipped(source=f"{shard.name}:{shard.first_line}", stage="ingest", code=InputError.code,
                      reason=f"{where} cannot be read ({exc}); check the path")


def _iter_shard_sources(shard: Shard, max_bytes: int) -> Iterator[Any]:
    """What a shard holds: Sources and Skipped records, in order."""
    if shard.start is None:
        # Read it under the name the user gave (so locations match the serial path) when
        # that name leads here from this worker's folder; else by its absolute path.
        same = os.path.abspath(shard.name) == shard.path
        return iter_sources([shard.name if same else shard.path], max_bytes=max_bytes)
    return _iter_range(shard, max_bytes)


def _article_row(pos: int, article: Article, claims: Sequence[Any]) -> dict[str, Any]:
    """A Parquet row for an extracted article."""
    row = {name: getattr(article, name) for name in _ARTICLE_FIELDS}
    row.update(pos=pos, kind="article", offset_map=json.dumps(article.offset_map), removed=json.dumps(article.removed),
               claims=json.dumps([to_dict(c) for c in claims], sort_keys=True, ensure_ascii=False))
    return row


def _skipped_row(pos: int, skipped: Skipped) -> dict[str, Any]:
    """A Parquet row for a skipped input."""
    return {"pos": pos, "kind": "skipped", "source": skipped.source, "stage": skipped.stage, "code": skipped.code,
            "reason": skipped.reason}


def _filesystem(uri: str) -> tuple[pafs.FileSystem, str]:
    """The pyarrow filesystem and path of a folder given as a local path or a URI."""
    if "://" in uri:
        return pafs.FileSystem.from_uri(uri)
    return pafs.LocalFileSystem(), str(Path(uri).resolve())


class _ShardWriter:
    """Collects one shard's rows and writes them as row groups of about a batch each."""

    def __init__(self, sink: Any) -> None:
        self.writer = pq.ParquetWriter(sink, PARQUET_SCHEMA, compression="zstd")
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        """Queue a row (written at the next ``flush``)."""
        self.rows.append(row)

    def flush(self) -> None:
        """Write the queued rows as one row group, in position order."""
        if self.rows:
            self.rows.sort(key=lambda r: r["pos"])
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=PARQUET_SCHEMA))
            self.rows = []

    def close(self) -> None:
        """Flush and close the file."""
        self.flush()
        self.writer.close()


def run_shard(shard: Shard, *, parquet_dir: str, options: Options = Options(), model: str = MODEL_NAME) -> ShardResult:
    """Read, clean and extract one shard, and write its rows to a Parquet file.

    Runs on a worker (or in-process for ``SerialExecutor``): the spaCy pipeline is loaded
    once per process (``pipeline.load_nlp``). Articles are extracted ``INGEST_BATCH`` at a
    time, as the serial ingest does, so memory holds one batch, never the shard.

    Args:
        shard: what to read.
        parquet_dir: folder (local path or pyarrow URI such as ``s3://bucket/run``) that
            the client can read too.
        options: limits and batch sizes (``n_process`` is ignored: a worker parses in its own process).
        model: the spaCy pipeline to load.

    Returns:
        A ``ShardResult``; when the shard's file already exists it is reused.
    """
    fs, base = _filesystem(parquet_dir)
    target = f"{base}/part-{shard.index:06d}-{shard.key}.parquet"
    if fs.get_file_info(target).type == pafs.FileType.File:
        return ShardResult(index=shard.index, parquet=target, cached=True)
    nlp = load_nlp(model)
    seconds = {"read+clean": 0.0, "extract": 0.0, "write": 0.0}
    counts = {"article": 0, "duplicate": 0, "skipped": 0}
    partial = f"{base}/.part-{shard.index:06d}-{shard.key}.{os.getpid()}.tmp"
    fs.create_dir(base, recursive=True)
    with fs.open_output_stream(partial) as sink:
        writer = _ShardWriter(sink)
        seen: set[str] = set()
        fresh: list[tuple[int, Article]] = []

        def extract_batch() -> None:
            """Extract the pending articles and queue their rows (a failure skips the batch)."""
            start = time.perf_counter()
            try:
                extractions = extract_many([a for _, a in fresh], nlp, batch_size=options.batch_size, n_process=1)
            except (ValueError, RuntimeError) as exc:  # as pipeline.extract_articles
                error = ExtractionError(f"claim extraction failed: {exc}")
                for pos, article in fresh:
                    writer.add(_skipped_row(pos, Skipped(source=article.source, stage="extract", code=error.code,
                                                         reason=error.message)))
                    counts["skipped"] += 1
            else:
                for (pos, _), extraction in zip(fresh, extractions, strict=True):
                    writer.add(_article_row(pos, extraction.article, extraction.claims))
                    counts["article"] += 1
            seconds["extract"] += time.perf_counter() - start
            start = time.perf_counter()
            writer.flush()
            seconds["write"] += time.perf_counter() - start
            fresh.clear()

        start = time.perf_counter()
        sources = with_defaults(_iter_shard_sources(shard, options.max_bytes), outlet=options.outlet,
                                published=options.published)
        for pos, item in enumerate(sources):
            if isinstance(item, Skipped):
                writer.add(_skipped_row(pos, item))
                counts["skipped"] += 1
            else:
                try:
                    article = clean(item)
                except ClaimdiffError as exc:
                    writer.add(_skipped_row(pos, Skipped(source=item.location, stage="clean", code=exc.code,
                                                         reason=exc.message)))
                    counts["skipped"] += 1
                else:
                    if article.id in seen:
                        writer.add({"pos": pos, "kind": "duplicate", "id": article.id, "source": article.source})
                        counts["duplicate"] += 1
                    else:
                        seen.add(article.id)
                        fresh.append((pos, article))
            if (pos + 1) % INGEST_BATCH == 0 and fresh:
                seconds["read+clean"] += time.perf_counter() - start
                extract_batch()
                start = time.perf_counter()
        seconds["read+clean"] += time.perf_counter() - start
        if fresh:
            extract_batch()
        writer.close()
    fs.move(partial, target)  # atomic on one filesystem: a file under its final name is whole
    return ShardResult(index=shard.index, parquet=target, articles=counts["article"],
                       duplicates=counts["duplicate"], skipped=counts["skipped"], seconds=seconds)


# ------------------------------------------------------------------------------ executors

class Executor(Protocol):
    """Runs ``run_shard`` over shards; yields the results in shard order."""

    def map_shards(self, shards: Sequence[Shard], **kwargs: Any) -> Iterator[ShardResult]:
        """Run every shard; yield each result once it and all earlier ones are done."""
        ...

    def close(self) -> None:
        """Release what the executor holds (processes, connections)."""
        ...


class SerialExecutor:
    """Runs shards one after another in this process (same results as ``DaskExecutor``)."""

    def map_shards(self, shards: Sequence[Shard], **kwargs: Any) -> Iterator[ShardResult]:
        """Run each shard in turn."""
        for shard in shards:
            yield run_shard(shard, **kwargs)

    def close(self) -> None:
        """Nothing to release."""


class _LoadModel(WorkerPlugin):
    """Loads the spaCy pipeline when a worker joins, so the first shard does not pay for
    it and a worker without the model package fails at once, by name."""

    name = "claimdiff-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        """Load the pipeline into this worker process's cache."""
        load_nlp(self.model)


class DaskExecutor:
    """Runs shards on Dask workers: a fresh ``LocalCluster`` of ``workers`` processes with
    one thread each, or the running cluster at ``scheduler`` (``tcp://host:8786``)."""

    def __init__(self, *, workers: int = 2, scheduler: str | None = None, model: str = MODEL_NAME) -> None:
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); "
                                  "check the address and that `dask scheduler` runs there") from exc
        else:
            if workers < 1:
                raise ConfigError(f"--workers must be at least 1, not {workers}")
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")  # no fixed port: never collides
            self.client = Client(self.cluster)
        try:
            self.client.register_plugin(_LoadModel(model), name=_LoadModel.name)
        except ConfigError as exc:
            self.close()
            raise ConfigError(f"a Dask worker cannot load the model: {exc.message} (on every worker machine)") from exc

    def map_shards(self, shards: Sequence[Shard], **kwargs: Any) -> Iterator[ShardResult]:
        """Submit every shard at once (earlier shards first) and yield results in order,
        so the client merges shard 0 while the workers extract the next ones."""
        futures = [self.client.submit(run_shard, shard, key=f"claimdiff-shard-{shard.index}-{shard.key}",
                                      priority=-shard.index, pure=False, **kwargs) for shard in shards]
        try:
            for future in futures:
                result = future.result()
                future.release()
                yield result
        finally:
            for future in futures:
                if not future.done():
                    future.cancel()

    def close(self) -> None:
        """Close the client and, when this executor started it, the local cluster."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ------------------------------------------------------------------------------ client side

def _read_rows(parquet: str, parquet_dir: str) -> Iterator[dict[str, Any]]:
    """The rows of one shard file, a row group at a time (memory holds one batch)."""
    fs, _ = _filesystem(parquet_dir)
    with fs.open_input_file(parquet) as handle:
        for batch in pq.ParquetFile(handle).iter_batches(batch_size=INGEST_BATCH):
            yield from batch.to_pylist()


def _article(row: dict[str, Any]) -> Article:
    """Rebuild the Article a row carries."""
    return Article(**{name: row[name] for name in _ARTICLE_FIELDS},
                   offset_map=tuple(tuple(p) for p in json.loads(row["offset_map"] or "[]")),
                   removed=tuple(json.loads(row["removed"] or "[]")))


def _merge(rows: Iterable[dict[str, Any]], store: Store, index: SqlStoryIndex, summary: IngestSummary,
           note: Callable[[IngestEvent], None]) -> None:
    """Store one shard's rows, in order, as ``corpus.ingest`` stores what it extracted."""
    for row in rows:
        kind = row["kind"]
        if kind == "skipped":
            skipped = Skipped(source=row["source"], stage=row["stage"], code=row["code"], reason=row["reason"])
            summary.failed.append(skipped)
            store.record_skipped(skipped)
            note(IngestEvent(summary.articles, skipped=skipped))
            continue
        if kind == "duplicate":
            summary.duplicate += 1
            note(IngestEvent(summary.articles, result=AddResult(status="duplicate", article_id=row["id"])))
            continue
        claims = [claim_from_dict(c) for c in json.loads(row["claims"])]
        result = _store_one(store, index, _article(row), claims)
        summary.count(result)
        note(IngestEvent(summary.articles, result=result))


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
    if engine not in ("dask", "serial"):
        raise ConfigError(f"unknown engine {engine!r}; use dask or serial")
    if scheduler and not parquet_dir:
        raise ConfigError("with --scheduler, pass --parquet-dir: a folder (or s3://… URI) that every worker "
                          "and this machine can reach")
    if shard_lines < 1:
        raise ConfigError(f"shard_lines must be at least 1, not {shard_lines}")
    summary = IngestSummary()
    start = time.perf_counter()
    index = SqlStoryIndex(store)
    shards = list(iter_shards(inputs, shard_lines=shard_lines, options=options, model=model))
    own_dir = parquet_dir is None
    parquet_dir = parquet_dir or tempfile.mkdtemp(prefix="claimdiff-parquet-")
    log.info("ingesting %d shards through %s; shard files in %s", len(shards), engine, parquet_dir)

    def note(event: IngestEvent) -> None:
        if progress is not None:
            progress(event)

    executor: Executor = SerialExecutor() if engine == "serial" else DaskExecutor(
        workers=workers, scheduler=scheduler, model=model)
    try:
        for result in executor.map_shards(shards, parquet_dir=parquet_dir, options=options, model=model):
            merge_start = time.perf_counter()
            _merge(_read_rows(result.parquet, parquet_dir), store, index, summary, note)
            if timings is not None:
                for stage, seconds in result.seconds.items():
                    timings.add(stage, seconds)
                timings.add("group+store", time.perf_counter() - merge_start)
    finally:
        executor.close()
        if own_dir:
            shutil.rmtree(parquet_dir, ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary
