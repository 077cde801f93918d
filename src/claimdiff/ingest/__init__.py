"""Read inputs (files, folders, JSONL, RSS/Atom feeds, WARC archives, stdin, URLs) into
:class:`~claimdiff.model.Source`.

This is the only pipeline stage that touches the file system. It decodes bytes, tells
text from HTML from JSONL from a feed, reads the optional ``Title:``/``Date:``/… header
of plain text files, and turns every problem into an
:class:`~claimdiff.errors.InputError` with a one-line message that names the input.
:func:`iter_sources` never stops on a bad input: it yields a
:class:`~claimdiff.model.Skipped` for it and goes on.

Feeds (:func:`iter_feed`) yield one Source per entry; WARC archives (:func:`iter_warc`)
one per archived HTML page. URL input goes through the :class:`Fetcher` seam
(:class:`claimdiff.ingest.fetch.HttpFetcher` is the real one); a URL without a fetcher is
reported as a :class:`~claimdiff.errors.FetchError`. :func:`check_url` and
:func:`blocked_reason` are the stdlib half of the SSRF guard; the fetcher adds DNS
resolution and re-checks every redirect.

Modules, one job each: :mod:`.formats` (suffixes, media types, sniffing), :mod:`.decode`
(bytes to text), :mod:`.header` (dates and the text header), :mod:`.jsonl`, :mod:`.paths`
(opening files, folder scans), :mod:`.files` (files and stdin), :mod:`.body` (body
dispatch and the Fetcher seam), :mod:`.feeds`, :mod:`.warc` and :mod:`.fetch` (URL policy
and the HTTP fetcher). This module walks the command-line inputs.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import ClaimdiffError, ConfigError, InputError
from ..model import Skipped, Source
from .body import Fetcher, iter_url
from .decode import MAX_BYTES, decode_bytes
from .feeds import iter_feed
from .fetch import ALLOW_PRIVATE_HINT, blocked_reason, check_url
from .files import iter_file, iter_stdin, load_source
from .formats import (
    FEED_MEDIA_TYPES,
    FEED_SUFFIXES,
    HTML_MEDIA_TYPES,
    HTML_SUFFIXES,
    JSONL_MEDIA_TYPES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
    looks_like_feed,
    looks_like_html,
    looks_like_url,
)
from .header import HEADER_KEYS, parse_date, parse_header
from .jsonl import iter_jsonl
from .paths import iter_folder
from .warc import iter_warc

__all__ = [
    "MAX_BYTES",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "FEED_SUFFIXES",
    "WARC_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "HEADER_KEYS",
    "Fetcher",
    "iter_sources",
    "with_defaults",
    "published_option",
    "iter_folder",
    "iter_jsonl",
    "iter_feed",
    "iter_warc",
    "looks_like_feed",
    "blocked_reason",
    "load_source",
    "decode_bytes",
    "looks_like_html",
    "parse_header",
    "parse_date",
    "check_url",
    "ALLOW_PRIVATE_HINT",
    "HTML_MEDIA_TYPES",
    "FEED_MEDIA_TYPES",
    "JSONL_MEDIA_TYPES",
]


def _skipped(error: ClaimdiffError, fallback: str) -> Skipped:
    """Turn an error into the Skipped record for the input it names."""
    return Skipped(source=error.source or fallback, stage="ingest", code=error.code, reason=error.message)


def _iter_input(item: str, stdin: TextIO | BinaryIO | None, max_bytes: int, fetcher: Fetcher | None) -> Iterable[Source | InputError]:
    """Yield what one command-line input holds."""
    if item == "-":
        return iter_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
    if looks_like_url(item):
        return iter_url(item, fetcher, max_bytes)
    path = Path(item)
    if path.is_dir():
        return (entry for file in iter_folder(path) for entry in iter_file(file, str(file), max_bytes, fetcher))
    return iter_file(path, item, max_bytes, fetcher)


def iter_sources(
    inputs: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
    fetcher: Fetcher | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> Iterator[Source | Skipped]:
    """Read every input and yield its Sources; a bad input yields a Skipped and reading goes on.

    Args:
        inputs: file paths (text, HTML, JSONL, RSS/Atom feeds, ``.warc``/``.warc.gz``
            archives), folders (read recursively, in sorted order), ``-`` for stdin, or
            http(s) URLs of pages or feeds (read through ``fetcher``).
        stdin: the stream for ``-`` (defaults to ``sys.stdin``); text or binary.
        max_bytes: refuse any single input larger than this.
        fetcher: fetches URL inputs and the pages of feed entries that carry no full
            text (e.g. :class:`claimdiff.fetch.HttpFetcher`); without one, those are
            skipped with CD104.

    Returns:
        An iterator of ``Source`` and ``Skipped(stage="ingest")`` records, in input order.

    Example:
        >>> [type(x).__name__ for x in iter_sources(["missing.txt"])]
        ['Skipped']
    """
    if isinstance(inputs, str):  # a lone path, not a sequence of characters
        inputs = [inputs]
    yield from with_defaults(_iter_inputs(inputs, stdin, max_bytes, fetcher), outlet=outlet, published=published)


def with_defaults(
    items: Iterable[Source | Skipped], *, outlet: str | None = None, published: str | None = None
) -> Iterator[Source | Skipped]:
    """Give every Source without an outlet or a date the ones given on the command line
    (``--outlet``, ``--published``); what an input says itself wins."""
    for item in items:
        if isinstance(item, Source) and ((outlet and not item.outlet) or (published and not item.published)):
            item = dataclasses.replace(item, outlet=item.outlet or outlet, published=item.published or published)
        yield item


def published_option(value: str | None) -> str | None:
    """Read ``--published`` as an ISO date; refuse what is no date with a one-line error."""
    if value is None or not value.strip():
        return None
    iso = parse_date(value)
    if iso is None:
        raise ConfigError(f"--published {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2024-02-27)")
    return iso


def _iter_inputs(
    inputs: Sequence[str], stdin: TextIO | BinaryIO | None, max_bytes: int, fetcher: Fetcher | None
) -> Iterator[Source | Skipped]:
    """Every input's Sources, and a Skipped for each bad input or part of one."""
    for item in inputs:
        try:
            for entry in _iter_input(item, stdin, max_bytes, fetcher):
                if isinstance(entry, ClaimdiffError):
                    yield _skipped(entry, item)
                else:
                    yield entry
        except ClaimdiffError as exc:
            yield _skipped(exc, item)
        except OSError as exc:
            yield Skipped(source=item, stage="ingest", code=InputError.code,
                          reason=f"{item} cannot be read ({exc.strerror or exc}); check the path")
