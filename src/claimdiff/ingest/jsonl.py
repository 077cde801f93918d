"""JSONL: one article object per line (``text`` or ``html``, plus metadata fields).

:func:`iter_jsonl` reads text already in memory; :func:`iter_jsonl_stream` reads an open
binary file line by line, in bounded memory, and is the one reader of JSONL files (the
serial path reads whole files with it, the Dask shards byte ranges of them).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..errors import BadJSONL, EmptyInput, InputError
from ..model import Source
from .decode import size_text
from .formats import check_html
from .header import parse_date

__all__ = ["iter_jsonl", "iter_jsonl_lines", "iter_jsonl_stream", "record_source", "scalar"]

logger = logging.getLogger(__name__)

_META_FIELDS = ("title", "url", "outlet", "author")
#: An oversized line is read past in pieces of this many bytes.
READ_CHUNK = 1 << 20


def scalar(value: object) -> str | None:
    """Return a metadata value as a stripped string, or None for empty/non-scalar values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    return None


def _record_body(record: dict, where: str, location: str) -> tuple[str, str]:
    """Return a record's ``(body, format)`` from its ``text`` or ``html`` field."""
    for key, key_format in (("text", "text"), ("html", "html")):
        if key in record:
            value = record[key]
            if not isinstance(value, str):
                raise BadJSONL(f'{where} has a non-string "{key}" field; it must be a string', source=location)
            if not value.strip():
                raise EmptyInput(f'{where} has an empty "{key}" field', source=location)
            return value, key_format
    raise BadJSONL(f'{where} has no "text" or "html" field; add one with the article', source=location)


def record_source(record: object, where: str, location: str) -> Source:
    """Build a Source from one parsed JSONL record (``where`` names it in messages)."""
    if not isinstance(record, dict):
        kind = type(record).__name__.replace("dict", "object").replace("list", "array")
        raise BadJSONL(f"{where} is a JSON {kind}, not an object; write one article object per line", source=location)
    body, fmt = _record_body(record, where, location)
    if fmt == "html":
        check_html(body, where)
    published_raw = scalar(record.get("published", record.get("date")))
    published = parse_date(published_raw) if published_raw else None
    if published_raw and not published:
        logger.warning("%s: cannot read date %r; ignoring it", where, published_raw)
    meta = {key: scalar(record.get(key)) for key in _META_FIELDS}
    return Source(
        location=location,
        raw=body,
        format=fmt,
        published=published,
        doc_id=scalar(record.get("id")),
        **meta,
    )


def iter_jsonl(text: str, name: str) -> Iterator[Source | InputError]:
    """Yield one Source per JSONL line, or the InputError for a bad line; never raise.

    Blank lines are ignored. Locations are ``name:LINE`` (1-based).
    """
    yield from iter_jsonl_lines(enumerate(text.split("\n"), start=1), name)


def iter_jsonl_lines(lines: Iterable[tuple[int, str | InputError]], name: str) -> Iterator[Source | InputError]:
    """Yield one Source (or InputError) per numbered JSONL line (or unreadable line)."""
    for number, line in lines:
        if isinstance(line, InputError):
            yield line
            continue
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        where, location = f"line {number} of {name}", f"{name}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            detail = f"{exc.msg} (col {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
            yield BadJSONL(f"{where} is not JSON: {detail}; fix the line or remove it", source=location)
            continue
        except RecursionError:
            yield BadJSONL(f"{where} is nested too deeply to read; fix the line or remove it", source=location)
            continue
        try:
            yield record_source(record, where, location)
        except InputError as exc:
            yield exc


def iter_jsonl_stream(
    handle: BinaryIO, name: str, max_bytes: int, *, first_line: int = 1, limit: int | None = None
) -> Iterator[Source | InputError]:
    """Stream JSONL from an open binary file: a dump of any size is read in bounded memory,
    and ``max_bytes`` limits each record, not the file.

    Args:
        handle: the file, positioned where reading starts (a line start).
        name: the input's name, for locations (``name:LINE``) and messages.
        max_bytes: a line longer than this is refused without being read whole.
        first_line: the number of the line at the handle's position (a range of a file
            keeps the line numbers of the whole file).
        limit: read at most this many bytes (the end of a range), or to the end.
    """
    yield from iter_jsonl_lines(_decoded_lines(handle, name, max_bytes, first_line, limit), name)


def _raw_lines(handle: BinaryIO, max_bytes: int, limit: int | None) -> Iterator[bytes | int]:
    """The lines of a binary file with their newline; a line over ``max_bytes`` comes as its
    size instead, read past in chunks so that memory stays within ``max_bytes``."""
    left = limit
    while left is None or left > 0:
        cap = max_bytes + 1 if left is None else min(max_bytes + 1, left)
        raw = handle.readline(cap)
        if not raw:
            return
        if left is not None:
            left -= len(raw)
        if len(raw) <= max_bytes:
            yield raw
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (left is None or left > 0):
            raw = handle.readline(READ_CHUNK if left is None else min(READ_CHUNK, left))
            if not raw:
                break
            size += len(raw)
            if left is not None:
                left -= len(raw)
        yield size


def _decoded_lines(
    handle: BinaryIO, name: str, max_bytes: int, first_line: int = 1, limit: int | None = None
) -> Iterator[tuple[int, str | InputError]]:
    """Numbered lines of a binary file as text; an oversized or undecodable line is an
    error of its own, so the lines around it still count."""
    for number, raw in enumerate(_raw_lines(handle, max_bytes, limit), start=first_line):
        where = f"line {number} of {name}"
        if isinstance(raw, int):
            yield number, InputError(f"{where} is {size_text(raw)}, over the {size_text(max_bytes)} limit; "
                                     "split it or pass a larger --max-bytes", source=f"{name}:{number}")
            continue
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, BadJSONL(f"{where} is not UTF-8 ({exc.reason} at byte {exc.start}); fix the line or remove it",
                                   source=f"{name}:{number}")
