"""Files and stdin: each file is read by its kind (WARC, JSONL, a feed, HTML or text) and
stdin is sniffed from its content."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import EmptyInput, InputError, UnsupportedFormat
from ..model import Source
from .body import Fetcher, sources_from_text
from .decode import MAX_BYTES, check_text, decode_bytes, size_text
from .feeds import iter_feed
from .formats import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SNIFF_BYTES,
    JSONL_SUFFIXES,
    SNIFF_CHARS,
    TEXT_SUFFIXES,
    looks_like_feed,
    looks_like_html,
    looks_like_jsonl,
)
from .jsonl import iter_jsonl, iter_jsonl_stream
from .paths import is_warc, open_input, prefixed, read_rest, too_large
from .warc import iter_warc

__all__ = ["iter_file", "iter_stdin", "load_source"]


def _sniff_text(head: bytes) -> str:
    """The start of an input as text, for sniffing only (bad bytes replaced)."""
    return head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")


def _is_jsonl(head: bytes, suffix: str) -> bool:
    """True when an input named with ``suffix`` and starting with ``head`` is JSONL: by its
    name, or by its content when the name says nothing (no suffix, ``.dat``, a pipe)."""
    if suffix in JSONL_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES or b"\x00" in head[:SNIFF_CHARS]:
        return False
    return looks_like_jsonl(_sniff_text(head), complete=len(head) < JSONL_SNIFF_BYTES)


def _iter_jsonl_handle(handle: BinaryIO, head: bytes, name: str, max_bytes: int) -> Iterator[Source | InputError]:
    """Stream JSONL line by line (``head`` already read): a dump of any size is read in
    bounded memory, and ``max_bytes`` limits each record, not the file."""
    if b"\x00" in head[:SNIFF_CHARS]:
        yield UnsupportedFormat(f"{name} is binary (found NUL bytes), not JSONL", source=name)
        return
    yield from iter_jsonl_stream(prefixed(head, handle), name, max_bytes)


def iter_file(path: Path, name: str, max_bytes: int, fetcher: Fetcher | None = None) -> Iterator[Source | InputError]:
    """Yield the Sources in one file (a page, JSONL lines, feed entries or WARC pages),
    or InputErrors for it or its bad parts. Pipes (``<(cat a)``, ``/dev/stdin``) are read too."""
    if is_warc(path):
        yield from iter_warc(path, name, max_bytes=max_bytes)
        return
    try:
        handle, size = open_input(path, name)
    except InputError as exc:
        yield exc
        return
    with handle:
        suffix = path.suffix.lower()
        head = handle.read(JSONL_SNIFF_BYTES)
        if head and _is_jsonl(head, suffix):
            yield from _iter_jsonl_handle(handle, head, name, max_bytes)
            return
        try:
            if size is not None and size > max_bytes:
                raise too_large(name, size, max_bytes)
            data = read_rest(handle, name, max_bytes, head)
            text = decode_bytes(data, name)
        except InputError as exc:
            yield exc
            return
    yield from _sources_from_file(data, text, name, suffix, max_bytes, fetcher)


def _sources_from_file(
    data: bytes, text: str, name: str, suffix: str, max_bytes: int, fetcher: Fetcher | None
) -> Iterator[Source | InputError]:
    """Dispatch a file's decoded text: a feed, a file named like a feed that is not one, or
    HTML and text (and JSONL sniffed from the content)."""
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


def _read_stdin(stream: TextIO | BinaryIO, head: bytes | str, max_bytes: int) -> str:
    """Read the rest of stdin (text or binary stream, ``head`` already read) within
    ``max_bytes`` and decode it."""
    if isinstance(head, bytes):
        return decode_bytes(read_rest(stream, "stdin", max_bytes, head), "stdin")  # type: ignore[arg-type]
    data = head + stream.read(max(max_bytes + 1 - len(head), 0))
    if len(data.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputError(f"stdin is over the {size_text(max_bytes)} limit; split it or pass a larger --max-bytes",
                         source="-")
    return check_text(data, "stdin")


def iter_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> Iterator[Source | InputError]:
    """Yield the Sources read from stdin: JSONL (streamed, each record within ``max_bytes``),
    HTML or text, sniffed from the content."""
    binary = getattr(stream, "buffer", stream)
    head = binary.read(JSONL_SNIFF_BYTES)
    if isinstance(head, bytes) and head and _is_jsonl(head, ""):
        yield from _iter_jsonl_handle(binary, head, "-", max_bytes)
        return
    try:
        text = _read_stdin(binary, head, max_bytes)
    except InputError as exc:
        if exc.source == "stdin":  # read_rest names the input "stdin"; its location is "-"
            exc = type(exc)(exc.message, source="-")
        yield exc
        return
    if not text.strip():
        yield EmptyInput("stdin is empty", source="-")
        return
    if looks_like_jsonl(text):
        yield from iter_jsonl(text, "-")
        return
    yield from sources_from_text(text, "-", suffix=".txt" if not looks_like_html(text) else ".html")
