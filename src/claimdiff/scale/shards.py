"""Shards: the units of parallel ingest work, in input order — one per file, and line
ranges of large JSONL files — and the Sources each one holds, located as the serial
path locates them (line numbers of the whole file)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ConfigError, InputError
from ..ingest import JSONL_SUFFIXES, iter_folder, iter_sources
from ..ingest.jsonl import iter_jsonl_stream
from ..model import Skipped, content_id
from ..pipeline import MODEL_NAME, Options

__all__ = ["Shard", "iter_shards", "iter_shard_sources", "DEFAULT_SHARD_LINES", "SHARD_FORMAT"]

#: Lines of a JSONL file per shard; a file with more lines is split into ranges of this
#: many. Small enough to spread a single dump over the workers and keep each worker's
#: memory to one batch, large enough that per-task overhead (~10 ms) is noise next to
#: the ~0.1 s per article of parsing.
DEFAULT_SHARD_LINES = 500
#: Bumped whenever the Parquet layout changes, so old shard files are not reused.
SHARD_FORMAT = 2
#: JSONL files starting with these byte-order marks are never split (a range after the
#: first would lose the BOM that says how to decode it).
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


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


def iter_shard_sources(shard: Shard, max_bytes: int) -> Iterator[Any]:
    """What a shard holds: Sources and Skipped records, in order."""
    if shard.start is None:
        # Read it under the name the user gave (so locations match the serial path) when
        # that name leads here from this worker's folder; else by its absolute path.
        same = os.path.abspath(shard.name) == shard.path
        return iter_sources([shard.name if same else shard.path], max_bytes=max_bytes)
    return _iter_range(shard, max_bytes)
