"""Files and stdin: each file is read by its kind (WARC, JSONL, a feed, HTML or text) and
stdin is sniffed from its content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import EmptyInput, InputError, UnsupportedFormat
from ..model import Source
from .body import Fetcher, sources_from_text
from .decode import MAX_BYTES, check_text, decode_bytes, size_text
from .feeds import iter_feed
from .formats import FEED_SUFFIXES, JSONL_SUFFIXES, SNIFF_CHARS, looks_like_feed, looks_like_html, looks_like_jsonl
from .jsonl import iter_jsonl, iter_jsonl_stream
from .paths import is_warc, open_input, read_file
from .warc import iter_warc

__all__ = ["iter_file", "iter_stdin", "load_source"]


def _iter_jsonl_file(path: Path, name: str, max_bytes: int) -> Iterator[Source | InputError]:
    """Stream a JSONL file line by line: a dump of any size is read in constant memory,
    and ``max_bytes`` limits each record, not the file."""
    try:
        handle, _ = open_input(path, name)
    except InputError as exc:
        yield exc
        return
    with handle:
        if b"\x00" in handle.read(SNIFF_CHARS):
            yield UnsupportedFormat(f"{name} is binary (found NUL bytes), not JSONL", source=name)
            return
        handle.seek(0)
        yield from iter_jsonl_stream(handle, name, max_bytes)


def iter_file(path: Path, name: str, max_bytes: int, fetcher: Fetcher | None = None) -> Iterator[Source | InputError]:
    """Yield the Sources in one file (a page, JSONL lines, feed entries or WARC pages),
    or InputErrors for it or its bad parts."""
    if is_warc(path):
        yield from iter_warc(path, name, max_bytes=max_bytes)
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _iter_jsonl_file(path, name, max_bytes)
        return
    try:
        data = read_file(path, name, max_bytes)
        text = decode_bytes(data, name)
    except InputError as exc:
        yield exc
        return
    suffix = path.suffix.lower()
    if looks_like_feed(text):
        yield from iter_feed(data, name, fetcher=fetcher, max_bytes=max_bytes)
    elif suffix in FEED_SUFFIXES and not looks_like_html(text):
        yield UnsupportedFormat(
            f"{name} is not an RSS or Atom feed (its root element is not <rss>, <feed> or <rdf:RDF>)",
            source=name,
        )
    else:
        yield from sources_from_text(text, name, suffix=suffix)


def load_source(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[Source]:
    """Read one file into Sources: one for text/HTML, one per line for JSONL, one per
    entry with full text for a feed, one per HTML page for a WARC archive.

    Args:
        path: the file.
        max_bytes: refuse files larger than this.

    Returns:
        The Sources, in file order.

    Raises:
        InputError: (or a subclass) on the first problem, with a one-line message naming
            the file, e.g. ``[CD106] empty.txt is empty``.

    Example:
        >>> load_source("tests/fixtures/articles/wire_dateline.txt")[0].format
        'text'
    """
    name = str(path)
    sources = []
    for item in iter_file(Path(path), name, max_bytes):
        if isinstance(item, InputError):
            raise item
        sources.append(item)
    return sources


def _read_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> str:
    """Read stdin (text or binary stream) within ``max_bytes`` and decode it."""
    binary = getattr(stream, "buffer", stream)
    data = binary.read(max_bytes + 1)
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
        if len(raw) > max_bytes:
            raise InputError(
                f"stdin is over the {size_text(max_bytes)} limit; split it or pass a larger --max-bytes",
                source="-",
            )
        return check_text(data, "stdin")
    if len(data) > max_bytes:
        raise InputError(
            f"stdin is over the {size_text(max_bytes)} limit; split it or pass a larger --max-bytes",
            source="-",
        )
    if not data:
        raise EmptyInput("stdin is empty", source="-")
    return decode_bytes(data, "stdin")


def iter_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> Iterator[Source | InputError]:
    """Yield the Sources read from stdin: JSONL, HTML or text, sniffed from the content."""
    try:
        text = _read_stdin(stream, max_bytes)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield EmptyInput("stdin is empty", source="-")
        return
    if looks_like_jsonl(text):
        for item in iter_jsonl(text, "-"):
            yield item
        return
    for item in sources_from_text(text, "-", suffix=".txt" if not looks_like_html(text) else ".html"):
        yield item
