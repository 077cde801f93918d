"""The worker side of parallel ingest: run one shard through ``pipeline.iter_extracted``
and write what it gives, one row per input in input order, to a Parquet file; and the
client side's reader that turns those rows back into the same items.

Needs pyarrow (the ``dask`` or ``parquet`` extra); it is imported when first used, so
the rest of ``claimdiff.scale`` (shards, ``SerialExecutor``) imports without it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Claim, Extraction, Skipped, article_from_row, article_to_row, claim_from_dict, to_dict
from ..pipeline import MODEL_NAME, Duplicate, Item, Options, Timings, iter_extracted, load_nlp
from ..ingest import with_defaults
from .shards import Shard, iter_shard_sources

__all__ = ["ShardResult", "run_shard", "read_items", "parquet_schema", "ROWS_PER_GROUP"]

#: Rows per Parquet row group, written and read back one group at a time.
ROWS_PER_GROUP = 200

_COLUMNS = ("pos", "kind", "id", "source", "text", "title", "outlet", "url", "published", "author", "doc_id",
            "reference_date", "offset_map", "removed", "claims", "stage", "code", "reason")


def _pyarrow() -> Any:
    """The pyarrow modules, or a ConfigError naming the extra."""
    try:
        import pyarrow as pa
        import pyarrow.fs as pafs
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError(f"parallel ingest needs pyarrow ({exc.name} is missing); "
                          "run `pip install 'claimdiff[dask]'`") from exc
    return pa, pafs, pq


def parquet_schema() -> Any:
    """One row per input record, in input order: ``kind`` is ``article`` (cleaned and
    extracted; ``claims`` holds its claims as a JSON list), ``duplicate`` (the same
    article appeared earlier in the shard) or ``skipped`` (``stage``/``code``/``reason``
    say why). Article columns are ``model.article_to_row``'s."""
    pa = _pyarrow()[0]
    return pa.schema([(name, pa.int64() if name == "pos" else pa.string()) for name in _COLUMNS])


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


def _row(pos: int, item: Item) -> dict[str, Any]:
    """The Parquet row of one item."""
    if isinstance(item, Extraction):
        claims = json.dumps([to_dict(c) for c in item.claims], sort_keys=True, ensure_ascii=False)
        return {**article_to_row(item.article), "pos": pos, "kind": "article", "claims": claims}
    if isinstance(item, Duplicate):
        return {"pos": pos, "kind": "duplicate", "id": item.article_id, "source": item.source}
    return {"pos": pos, "kind": "skipped", "source": item.source, "stage": item.stage, "code": item.code,
            "reason": item.reason}


def _item(row: dict[str, Any]) -> Item:
    """The item a Parquet row carries (the inverse of ``_row``)."""
    if row["kind"] == "skipped":
        return Skipped(source=row["source"], stage=row["stage"], code=row["code"], reason=row["reason"])
    if row["kind"] == "duplicate":
        return Duplicate(article_id=row["id"], source=row["source"])
    claims: Sequence[Claim] = tuple(claim_from_dict(c) for c in json.loads(row["claims"]))
    return Extraction(article=article_from_row(row), claims=tuple(claims))


def filesystem(uri: str) -> tuple[Any, str]:
    """The pyarrow filesystem and path of a folder given as a local path or a URI."""
    pafs = _pyarrow()[1]
    if "://" in uri:
        return pafs.FileSystem.from_uri(uri)
    return pafs.LocalFileSystem(), str(Path(uri).resolve())


def _write(shard: Shard, sink: Any, options: Options, model: str, timings: Timings) -> dict[str, int]:
    """Extract a shard's sources and write their rows, a row group at a time."""
    pa, _, pq = _pyarrow()
    schema = parquet_schema()
    counts = {"article": 0, "duplicate": 0, "skipped": 0}
    rows: list[dict[str, Any]] = []
    # A worker parses in its own process: no further processes from here.
    items = iter_extracted(with_defaults(iter_shard_sources(shard, options.max_bytes), outlet=options.outlet,
                                   published=options.published), load_nlp(model),
                           Options(max_bytes=options.max_bytes, batch_size=options.batch_size,
                                   batch_articles=options.batch_articles, n_process=1), timings=timings)
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for pos, item in items:
            row = _row(pos, item)
            counts[row["kind"]] += 1
            rows.append(row)
            if len(rows) >= ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return counts


def run_shard(shard: Shard, *, parquet_dir: str, options: Options = Options(), model: str = MODEL_NAME) -> ShardResult:
    """Read, clean and extract one shard, and write its rows to a Parquet file.

    Runs on a worker (or in-process for ``SerialExecutor``): the spaCy pipeline is loaded
    once per process (``pipeline.load_nlp``), and ``pipeline.iter_extracted`` streams the
    shard a batch at a time, so memory holds one batch, never the shard.

    Args:
        shard: what to read.
        parquet_dir: folder (local path or pyarrow URI such as ``s3://bucket/run``) that
            the client can read too.
        options: limits and batch sizes (``n_process`` is ignored: a worker parses in its own process).
        model: the spaCy pipeline to load.

    Returns:
        A ``ShardResult``; when the shard's file already exists it is reused.
    """
    pafs = _pyarrow()[1]
    fs, base = filesystem(parquet_dir)
    target = f"{base}/part-{shard.index:06d}-{shard.key}.parquet"
    if fs.get_file_info(target).type == pafs.FileType.File:
        return ShardResult(index=shard.index, parquet=target, cached=True)
    partial = f"{base}/.part-{shard.index:06d}-{shard.key}.{os.getpid()}.tmp"
    fs.create_dir(base, recursive=True)
    timings = Timings()
    start = time.perf_counter()
    with fs.open_output_stream(partial) as sink:
        counts = _write(shard, sink, options, model, timings)
    fs.move(partial, target)  # atomic on one filesystem: a file under its final name is whole
    seconds = dict(timings.stages)
    seconds["write"] = max(0.0, time.perf_counter() - start - sum(seconds.values()))
    return ShardResult(index=shard.index, parquet=target, articles=counts["article"],
                       duplicates=counts["duplicate"], skipped=counts["skipped"], seconds=seconds)


def read_items(parquet: str, parquet_dir: str) -> Iterator[Item]:
    """The items of one shard file, in input order, a row group at a time."""
    pq = _pyarrow()[2]
    fs, _ = filesystem(parquet_dir)
    with fs.open_input_file(parquet) as handle:
        for batch in pq.ParquetFile(handle).iter_batches(batch_size=ROWS_PER_GROUP):
            for row in batch.to_pylist():
                yield _item(row)
