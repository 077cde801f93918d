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
(:class:`claimdiff.fetch.HttpFetcher` is the real one); a URL without a fetcher is
reported as a :class:`~claimdiff.errors.FetchError`. :func:`check_url` and
:func:`blocked_reason` are the stdlib half of the SSRF guard; the fetcher adds DNS
resolution and re-checks every redirect.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import html as html_lib
import io
import ipaddress
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO
from urllib.parse import urlsplit

from .errors import (
    BadJSONL,
    BlockedURL,
    ClaimdiffError,
    EmptyInput,
    FetchError,
    InputError,
    UnsupportedFormat,
)
from .model import Skipped, Source

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

logger = logging.getLogger(__name__)

#: Default cap on one input's size; larger files are refused (``--max-bytes`` raises it).
MAX_BYTES = 20_000_000
BYTES_PER_MB = 1_000_000
BYTES_PER_KB = 1_000

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: Read as RSS/Atom when named so (``.xml`` too, but a folder scan leaves ``.xml`` out:
#: folders are full of XML that is not a feed).
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
#: WARC archives, matched on the end of the name (``.warc.gz`` has two suffixes).
WARC_SUFFIXES = (".warc", ".warc.gz")
#: What a folder scan picks up (WARC archives are matched separately by WARC_SUFFIXES).
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | frozenset({".rss", ".atom"})

#: How much of the start of an input the format sniffers look at.
SNIFF_CHARS = 4096
#: Above this share of control characters a decoded input is taken for binary.
MAX_CONTROL_SHARE = 0.05
#: A cp1252 reading is only believed when at most this share of characters is non-ASCII.
MAX_CP1252_NON_ASCII_SHARE = 0.3

#: Header keys a plain-text file may start with, mapped to ``Source`` fields.
HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "outlet": "outlet",
    "url": "url",
    "link": "url",
    "author": "author",
    "byline": "author",
}
_HEADER_LINE = re.compile(r"[ \t]*(" + "|".join(HEADER_KEYS) + r")[ \t]*:[ \t]*(.*?)[ \t]*$", re.I)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"</?(?:p|div|article|span|br|h[1-6]|a|meta|title|section|main)\b[^>]*>", re.I)
#: Sniffed content with at least this many common tags is HTML even without ``<html>``.
MIN_SNIFFED_TAGS = 3


class Fetcher(Protocol):
    """Fetches a URL: the seam that keeps network access out of tests (httpx's transport).

    A fetcher may also have an ``allow_private`` attribute; when it is true, the literal
    host check in :func:`check_url` lets private addresses through to the fetcher.
    """

    def fetch(self, url: str) -> tuple[bytes, str]:
        """Return the body and the content type of ``url``; raise ``FetchError`` on failure."""
        ...


# --------------------------------------------------------------------------- dates

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d])"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b")


def _iso(year: int, month: int, day: int) -> str | None:
    """Return ``YYYY-MM-DD`` or ``None`` when the parts are not a real date."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(token: str) -> int:
    """Return the month number for a numeric or named month token."""
    return int(token) if token.isdigit() else _MONTHS[token.lower().rstrip(".")]


def parse_date(value: str) -> str | None:
    """Parse a date written in any common format and return it as ISO ``YYYY-MM-DD``.

    Args:
        value: e.g. ``"2024-02-27"``, ``"2024-02-27T10:32:00Z"``, ``"Feb. 27, 2024"``,
            ``"Tuesday, 27 February 2024"``, ``"27.02.2024"`` or ``"02/27/2024"``.

    Returns:
        The ISO date, or ``None`` when no date can be read. Numeric ``a/b/yyyy`` dates
        are read month-first unless that is impossible; ``a.b.yyyy`` is read day-first.

    Example:
        >>> parse_date("Tue, 27 Feb 2024 10:32:00 +0000")
        '2024-02-27'
    """
    text = value.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            iso = _iso(int(match["year"]), _month_number(match["month"]), int(match["day"]))
            if iso:
                return iso
    match = _NUMERIC_DATE.search(text)
    if match:
        first, second, year = int(match["a"]), int(match["b"]), int(match["year"])
        day_first = match["sep"] == "." or first > 12
        month, day = (second, first) if day_first else (first, second)
        return _iso(year, month, day)
    match = _MONTH_YEAR.search(text)
    if match:
        return _iso(int(match["year"]), _month_number(match["month"]), 1)
    return None


# ----------------------------------------------------------------------- decoding


def _size_text(size: int) -> str:
    """Format a byte count for messages: ``25.3 MB``, ``20 MB``, ``4.5 KB`` or ``12 bytes``."""
    for unit, scale in (("MB", BYTES_PER_MB), ("KB", BYTES_PER_KB)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _control_share(text: str) -> float:
    """Return the share of control characters other than tab, newline, CR and FF."""
    sample = text[:SNIFF_CHARS * 4]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return bad / len(sample)


def _declared_charset(data: bytes) -> str | None:
    """Return the codec named by an HTML ``<meta charset>`` near the start, if known."""
    match = _META_CHARSET.search(data[:SNIFF_CHARS])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an input's bytes to text.

    Args:
        data: the raw bytes.
        name: the input's name, used in error messages.

    Returns:
        The text, decoded from the BOM's encoding, else UTF-8, else the encoding an HTML
        ``<meta charset>`` declares, else cp1252 when that reading is plausible text.

    Raises:
        UnsupportedFormat: the bytes are binary or no encoding fits.

    Example:
        >>> decode_bytes("Café".encode("cp1252"), "menu.txt")
        'Café'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise UnsupportedFormat(
                    f"{name} starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()} (byte {exc.start}); re-save it as UTF-8",
                    source=name,
                ) from None
    if b"\x00" in data[: SNIFF_CHARS * 4]:
        raise UnsupportedFormat(f"{name} is binary (found NUL bytes), not text or HTML", source=name)
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared not in ("utf-8",):
        try:
            return _check_text(data.decode(declared), name)
        except UnicodeDecodeError:
            logger.debug("%s declares %s but does not decode with it", name, declared)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormat(
            f"{name} is not UTF-8 and not cp1252 either (byte 0x{data[exc.start]:02x} at "
            f"{exc.start}); re-save it as UTF-8",
            source=name,
        ) from None
    non_ascii = sum(1 for ch in text if ord(ch) > 127) / max(len(text), 1)
    if non_ascii > MAX_CP1252_NON_ASCII_SHARE:
        raise UnsupportedFormat(
            f"{name} is not UTF-8 and does not read as cp1252 text either "
            f"({non_ascii:.0%} non-ASCII characters); re-save it as UTF-8",
            source=name,
        )
    logger.info("%s is not UTF-8; read it as cp1252", name)
    return _check_text(text, name)


def _check_text(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (binary in disguise)."""
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        reason = "found NUL bytes" if "\x00" in text else "too many control characters"
        raise UnsupportedFormat(f"{name} is binary ({reason}), not text or HTML", source=name)
    return text


# ------------------------------------------------------------------------- sniffing


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` starts like an HTML document or is dense with tags."""
    head = text[:SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= MIN_SNIFFED_TAGS


def _check_html(html: str, name: str) -> None:
    """Refuse an HTML page that was cut off before its end (a partial download)."""
    lower = html.lower()
    opened = re.search(r"<html\b", lower) is not None or re.search(r"<body\b", lower) is not None
    closed = "</html>" in lower or "</body>" in lower
    if opened and not closed:
        raise InputError(
            f"{name} looks truncated: the HTML opens <html>/<body> but never closes it; "
            "save the complete page and try again",
            source=name,
        )
    if not html.strip():
        raise EmptyInput(f"{name} is empty", source=name)


def _looks_like_jsonl(text: str) -> bool:
    """Return True when every non-empty line starts like a JSON object and one parses."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or not all(line.startswith("{") for line in lines):
        return False
    for line in lines:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except ValueError:
            continue
    return False


# --------------------------------------------------------------------------- header


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """Read the optional ``Key: value`` header at the top of a plain-text article.

    Args:
        text: the whole text.

    Returns:
        ``(fields, end)``: the header values keyed by ``Source`` field (``published`` is
        normalised to ISO when it parses), and the offset where the header block ends
        (after its blank line), or ``({}, 0)`` when there is no header.

    Example:
        >>> parse_header("Title: Hi\\nDate: 5 March 2024\\n\\nBody.")
        ({'title': 'Hi', 'published': '2024-03-05'}, 30)
    """
    fields: dict[str, str] = {}
    seen_header = False
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].rstrip("\r")
        next_pos = min(end + 1, len(text))
        if not line.strip():
            pos = next_pos
            if seen_header:
                break
            continue  # blank lines before the header are tolerated
        match = _HEADER_LINE.fullmatch(line)
        if not match:
            break
        seen_header = True
        key = HEADER_KEYS[match.group(1).lower()]
        value = match.group(2).strip()
        if key == "published":
            value = parse_date(value) or ""
        if value and key not in fields:
            fields[key] = value
        pos = next_pos
    if not seen_header:
        return {}, 0
    return fields, pos


# ---------------------------------------------------------------------------- JSONL

_META_FIELDS = ("title", "url", "outlet", "author")


def _scalar(value: object) -> str | None:
    """Return a metadata value as a stripped string, or None for empty/non-scalar values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    return None


def _record_source(record: object, where: str, location: str) -> Source:
    """Build a Source from one parsed JSONL record (``where`` names it in messages)."""
    if not isinstance(record, dict):
        kind = type(record).__name__.replace("dict", "object").replace("list", "array")
        raise BadJSONL(f"{where} is a JSON {kind}, not an object; write one article object per line", source=location)
    body, fmt = None, "text"
    for key, key_format in (("text", "text"), ("html", "html")):
        if key in record:
            value = record[key]
            if not isinstance(value, str):
                raise BadJSONL(f'{where} has a non-string "{key}" field; it must be a string', source=location)
            body, fmt = value, key_format
            break
    if body is None:
        raise BadJSONL(f'{where} has no "text" or "html" field; add one with the article', source=location)
    if not body.strip():
        raise EmptyInput(f'{where} has an empty "{"html" if fmt == "html" else "text"}" field', source=location)
    if fmt == "html":
        _check_html(body, where)
    published_raw = _scalar(record.get("published", record.get("date")))
    published = parse_date(published_raw) if published_raw else None
    if published_raw and not published:
        logger.warning("%s: cannot read date %r; ignoring it", where, published_raw)
    meta = {key: _scalar(record.get(key)) for key in _META_FIELDS}
    return Source(
        location=location,
        raw=body,
        format=fmt,
        published=published,
        doc_id=_scalar(record.get("id")),
        **meta,
    )


def iter_jsonl(text: str, name: str) -> Iterator[Source | InputError]:
    """Yield one Source per JSONL line, or the InputError for a bad line; never raise.

    Blank lines are ignored. Locations are ``name:LINE`` (1-based).
    """
    yield from _iter_jsonl_lines(enumerate(text.split("\n"), start=1), name)


def _iter_jsonl_lines(lines: Iterable[tuple[int, str | InputError]], name: str) -> Iterator[Source | InputError]:
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
            yield _record_source(record, where, location)
        except InputError as exc:
            yield exc


# ---------------------------------------------------------------------------- files


def _sources_from_text(text: str, name: str, *, suffix: str = "") -> Iterator[Source | InputError]:
    """Turn decoded text into Sources (or line errors), choosing the format."""
    if not text.strip():
        yield EmptyInput(f"{name} is empty", source=name)
        return
    if suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and _looks_like_jsonl(text)):
        yield from iter_jsonl(text, name)
        return
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        try:
            _check_html(text, name)
        except InputError as exc:
            yield exc
            return
        yield Source(location=name, raw=text, format="html")
        return
    fields, _ = parse_header(text)
    yield Source(location=name, raw=text, format="text", **fields)


def _open_input(path: Path, name: str) -> tuple[BinaryIO, int]:
    """Open an input file for its bytes, with its size; a missing, unreadable, folder or
    empty input is refused with a one-line error naming it."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{name} does not exist; check the path", source=name) from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file", source=name) from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None
    size = os.fstat(handle.fileno()).st_size
    if size == 0:
        handle.close()
        raise EmptyInput(f"{name} is empty", source=name)
    return handle, size


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """Read a file's bytes, refusing missing, unreadable, empty and oversized files."""
    handle, size = _open_input(path, name)
    with handle:
        if size > max_bytes:
            raise InputError(
                f"{name} is {_size_text(size)}, over the {_size_text(max_bytes)} limit; "
                "split it or pass a larger --max-bytes",
                source=name,
            )
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None


def _iter_jsonl_file(path: Path, name: str, max_bytes: int) -> Iterator[Source | InputError]:
    """Stream a JSONL file line by line: a dump of any size is read in constant memory,
    and ``max_bytes`` limits each record, not the file."""
    try:
        handle, _ = _open_input(path, name)
    except InputError as exc:
        yield exc
        return
    with handle:
        if b"\x00" in handle.read(SNIFF_CHARS):
            yield UnsupportedFormat(f"{name} is binary (found NUL bytes), not JSONL", source=name)
            return
        handle.seek(0)
        yield from _iter_jsonl_lines(_decoded_lines(handle, name, max_bytes), name)


def _decoded_lines(handle: BinaryIO, name: str, max_bytes: int) -> Iterator[tuple[int, str | InputError]]:
    """Numbered lines of a binary file as text; an oversized or undecodable line is an
    error of its own, so the lines around it still count."""
    for number, raw in enumerate(handle, start=1):
        where = f"line {number} of {name}"
        if len(raw) > max_bytes:
            yield number, InputError(f"{where} is {_size_text(len(raw))}, over the {_size_text(max_bytes)} limit; "
                                     "split it or pass a larger --max-bytes", source=f"{name}:{number}")
            continue
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield number, BadJSONL(f"{where} is not UTF-8 ({exc.reason} at byte {exc.start}); fix the line or remove it",
                                   source=f"{name}:{number}")


def _is_warc(path: Path) -> bool:
    """Return True when ``path`` is named like a WARC archive."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def _iter_file(path: Path, name: str, max_bytes: int, fetcher: Fetcher | None = None) -> Iterator[Source | InputError]:
    """Yield the Sources in one file (a page, JSONL lines, feed entries or WARC pages),
    or InputErrors for it or its bad parts."""
    if _is_warc(path):
        yield from iter_warc(path, name, max_bytes=max_bytes)
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _iter_jsonl_file(path, name, max_bytes)
        return
    try:
        data = _read_file(path, name, max_bytes)
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
        yield from _sources_from_text(text, name, suffix=suffix)


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
    for item in _iter_file(Path(path), name, max_bytes):
        if isinstance(item, InputError):
            raise item
        sources.append(item)
    return sources


def _is_hidden(path: Path, root: Path) -> bool:
    """Return True when any part of ``path`` below ``root`` starts with a dot."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_folder(folder: str | Path) -> Iterator[Path]:
    """Yield the supported, non-hidden files under ``folder`` (WARC archives included),
    recursively, in sorted order."""
    root = Path(folder)
    found = [
        path for path in root.rglob("*")
        if (path.suffix.lower() in SUPPORTED_SUFFIXES or _is_warc(path))
        and not _is_hidden(path, root) and path.is_file()
    ]
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


# ---------------------------------------------------------------------------- stdin


def _read_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> str:
    """Read stdin (text or binary stream) within ``max_bytes`` and decode it."""
    binary = getattr(stream, "buffer", stream)
    data = binary.read(max_bytes + 1)
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
        if len(raw) > max_bytes:
            raise InputError(
                f"stdin is over the {_size_text(max_bytes)} limit; split it or pass a larger --max-bytes",
                source="-",
            )
        return _check_text(data, "stdin")
    if len(data) > max_bytes:
        raise InputError(
            f"stdin is over the {_size_text(max_bytes)} limit; split it or pass a larger --max-bytes",
            source="-",
        )
    if not data:
        raise EmptyInput("stdin is empty", source="-")
    return decode_bytes(data, "stdin")


def _iter_stdin(stream: TextIO | BinaryIO, max_bytes: int) -> Iterator[Source | InputError]:
    """Yield the Sources read from stdin: JSONL, HTML or text, sniffed from the content."""
    try:
        text = _read_stdin(stream, max_bytes)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield EmptyInput("stdin is empty", source="-")
        return
    if _looks_like_jsonl(text):
        for item in iter_jsonl(text, "-"):
            yield item
        return
    for item in _sources_from_text(text, "-", suffix=".txt" if not looks_like_html(text) else ".html"):
        yield item


# ------------------------------------------------------------------------------ URLs

_URL = re.compile(r"\A[a-z][a-z0-9+.-]*://", re.I)

#: Told to the user whenever an address is refused.
ALLOW_PRIVATE_HINT = "pass --allow-private to allow it"
#: Host names that always mean "this machine or its network", whatever DNS says.
_LOCAL_HOST_SUFFIXES = (".localhost", ".local", ".internal")
#: Why an address is refused, most specific first (127.0.0.1 is also ``is_private``).
_ADDRESS_CHECKS = (
    ("unspecified", "is_unspecified"),
    ("loopback", "is_loopback"),
    ("link-local", "is_link_local"),
    ("multicast", "is_multicast"),
    ("private", "is_private"),
    ("reserved", "is_reserved"),
)

#: Media types read as HTML pages.
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Media types of feeds (generic XML is sniffed for an RSS/Atom root).
FEED_MEDIA_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})
#: Media types read as JSONL, one article object per line.
JSONL_MEDIA_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def blocked_reason(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Return why an IP address must not be fetched, or ``None`` when it is public.

    Args:
        address: an IPv4 or IPv6 address. An IPv4-mapped IPv6 address
            (``::ffff:127.0.0.1``) is judged as the IPv4 address it carries.

    Returns:
        ``unspecified``, ``loopback``, ``link-local``, ``multicast``, ``private``,
        ``reserved`` or ``not publicly routable`` (e.g. 100.64.0.0/10), or ``None``.

    Raises:
        ValueError: ``address`` is not an IP address.

    Example:
        >>> blocked_reason("::ffff:127.0.0.1"), blocked_reason("93.184.216.34")
        ('loopback', None)
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, attribute in _ADDRESS_CHECKS:
        if getattr(ip, attribute):
            return label
    return None if ip.is_global else "not publicly routable"


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Refuse URLs that are not http(s) or whose host is a local name or a non-public IP.

    Only literal hosts are checked here; a real fetcher must also check the resolved
    address before connecting, and again on every redirect (``claimdiff.fetch`` does).

    Args:
        url: the URL as given.
        allow_private: let local names and private addresses through (``--allow-private``).

    Returns:
        ``url`` unchanged.

    Raises:
        FetchError: not a valid http(s) URL (or one with control characters).
        BlockedURL: the host is local or private.

    Example:
        >>> check_url("https://example.org/a")
        'https://example.org/a'
    """
    if not url.isprintable():  # keeps every message that quotes the URL on one line
        shown = url.encode("unicode_escape").decode("ascii")
        raise FetchError(f"{shown} contains control characters; check the address", source=shown)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError(f"{url} is not a valid URL ({exc}); check the address", source=url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(f"{url} is not an http(s) URL; pass a web address or a file", source=url)
    if allow_private:
        return url
    host = host.rstrip(".")
    if host == "localhost" or host.endswith(_LOCAL_HOST_SUFFIXES):
        raise BlockedURL(f"{url} points at the local host name {host}; {ALLOW_PRIVATE_HINT}", source=url)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url
    reason = blocked_reason(address)
    if reason:
        raise BlockedURL(f"{url} points at {host} ({reason}); {ALLOW_PRIVATE_HINT}", source=url)
    return url


def _allows_private(fetcher: Fetcher | None) -> bool:
    """Return True when ``fetcher`` was built with ``allow_private`` (see :class:`Fetcher`)."""
    return bool(getattr(fetcher, "allow_private", False))


def _is_http(url: object) -> bool:
    """Return True when ``url`` is a string that starts like an http(s) URL."""
    return isinstance(url, str) and url.isprintable() and url.lower().startswith(("http://", "https://"))


def _media_type(content_type: str | None) -> str:
    """Return the bare, lower-case media type of a Content-Type value (``text/html``)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _decode_body(body: bytes, content_type: str | None, name: str) -> str:
    """Decode a fetched or archived body, trusting the Content-Type charset when it fits."""
    match = _CHARSET_PARAM.search(content_type or "")
    if match and not any(body.startswith(bom) for bom, _ in _BOMS):
        try:
            codec = codecs.lookup(match.group(1)).name
            return _check_text(body.decode(codec), name)
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared charset %s does not fit; sniffing", name, match.group(1))
    return decode_bytes(body, name)


def _sources_from_body(
    body: bytes,
    content_type: str,
    url: str,
    *,
    max_bytes: int,
    fetcher: Fetcher | None = None,
    feeds: bool = True,
) -> Iterator[Source | InputError]:
    """Turn a fetched body into Sources: feed entries, JSONL lines, one HTML or text page."""
    if len(body) > max_bytes:
        yield FetchError(f"{url} is {_size_text(len(body))}, over the {_size_text(max_bytes)} limit", source=url)
        return
    try:
        text = _decode_body(body, content_type, url)
    except InputError as exc:
        yield exc
        return
    media = _media_type(content_type)
    if feeds and looks_like_feed(text):
        yield from iter_feed(body, url, fetcher=fetcher, max_bytes=max_bytes, content_type=content_type)
        return
    if not text.strip():
        yield EmptyInput(f"{url} is empty", source=url)
        return
    is_html = media in HTML_MEDIA_TYPES or looks_like_html(text)
    if not is_html and (media in JSONL_MEDIA_TYPES or _looks_like_jsonl(text)):
        yield from iter_jsonl(text, url)
        return
    if not is_html and media in FEED_MEDIA_TYPES:
        yield UnsupportedFormat(f"{url} is {media} but not an RSS or Atom feed", source=url)
        return
    if is_html:
        try:
            _check_html(text, url)
        except InputError as exc:
            yield exc
            return
        yield Source(location=url, raw=text, format="html", url=url)
        return
    fields, _ = parse_header(text)
    fields["url"] = url  # where it was fetched from beats what the text claims
    yield Source(location=url, raw=text, format="text", **fields)


def _iter_url(url: str, fetcher: Fetcher | None, max_bytes: int) -> Iterator[Source | InputError]:
    """Fetch a URL through ``fetcher`` and yield its Source (or a feed's entries)."""
    try:
        check_url(url, allow_private=_allows_private(fetcher))
        if fetcher is None:
            raise FetchError(
                f"{url} is a URL and nothing here fetches URLs; use `claimdiff ingest` "
                "(which fetches them) or save the page and pass the file",
                source=url,
            )
        body, content_type = fetcher.fetch(url)
    except InputError as exc:
        yield exc
        return
    yield from _sources_from_body(body, content_type, url, max_bytes=max_bytes, fetcher=fetcher)


# ----------------------------------------------------------------------------- feeds

_FEED_ROOT = re.compile(
    r"\A\ufeff?(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s/>]",
    re.S,
)
_TAG = re.compile(r"<[^>]*>")


def looks_like_feed(text: str) -> bool:
    """Return True when the XML root element of ``text`` is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``.

    Example:
        >>> looks_like_feed('<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
        True
    """
    return _FEED_ROOT.match(text[:SNIFF_CHARS]) is not None


def _plain(value: object) -> str | None:
    """Return feed metadata as one line of plain text (tags and entities removed), or None."""
    if not isinstance(value, str):
        return None
    if "<" in value or "&" in value:
        value = html_lib.unescape(_TAG.sub("", value))
    value = " ".join(value.split())
    return value or None


def _entry_date(entry: Any) -> str | None:
    """Return an entry's publication (else update) date as ISO, as the feed wrote it.

    The date as written comes first: feedparser's parsed form is in UTC, which can move
    a late-evening story to the next day.
    """
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        if isinstance(written, str) and (iso := parse_date(written)):
            return iso
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            if iso := _iso(parsed.tm_year, parsed.tm_mon, parsed.tm_mday):
                return iso
    return None


def _entry_content(entry: Any) -> tuple[str | None, bool]:
    """Return an entry's full text (``content:encoded`` / Atom ``content``) and whether it is HTML.

    ``description``/``summary`` is not full text: it is usually a teaser.
    """
    for content in entry.get("content") or ():
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            media = _media_type(content.get("type") or "text/html")
            return value, "html" in media or "xml" in media
    return None, False


def _as_document(fragment: str, title: str | None) -> str:
    """Wrap an HTML fragment from a feed in a minimal document, so cleaning sees a page."""
    if _HTML_START.match(fragment[:SNIFF_CHARS]):
        return fragment
    head = f"<title>{html_lib.escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body><article>{fragment}</article></body></html>"


def _count(number: int, one: str, many: str) -> str:
    """Return ``1 entry`` / ``3 entries``."""
    return f"{number} {one if number == 1 else many}"


def _problem_text(problem: BaseException) -> str:
    """Describe a feed parsing problem on one line (with its line number when known)."""
    message = " ".join(str(getattr(problem, "getMessage", lambda: problem)()).split())
    line = getattr(problem, "getLineNumber", lambda: None)()
    return f"line {line}: {message}" if line else message or type(problem).__name__


def _iter_entry(
    entry: Any, index: int, name: str, outlet: str | None, fetcher: Fetcher | None, max_bytes: int
) -> Iterator[Source | InputError]:
    """Yield the Source for one feed entry: its full text, else its fetched page."""
    where, location = f"entry {index} of {name}", f"{name}#{index}"
    link = entry.get("link") if _is_http(entry.get("link")) else None
    meta = {
        "title": _plain(entry.get("title")),
        "outlet": outlet,
        "url": link,
        "published": _entry_date(entry),
        "author": _plain(entry.get("author")),
        "doc_id": _scalar(entry.get("id")),
    }
    body, is_html = _entry_content(entry)
    if body is not None:
        raw = _as_document(body, meta["title"]) if is_html else body
        yield Source(location=location, raw=raw, format="html" if is_html else "text", **meta)
        return
    if link is None:
        yield EmptyInput(f"{where} has no full text and no http(s) link to read it from", source=location)
        return
    if fetcher is None:
        yield FetchError(
            f"{where} has no full text and its page {link} is not fetched here; "
            "use `claimdiff ingest` (which fetches it) or save the page and pass the file",
            source=link,
        )
        return
    try:
        check_url(link, allow_private=_allows_private(fetcher))
        page, content_type = fetcher.fetch(link)
    except InputError as exc:
        yield type(exc)(f"{where}: {exc.message}", source=link)
        return
    for item in _sources_from_body(page, content_type, link, max_bytes=max_bytes, feeds=False):
        if isinstance(item, InputError):
            yield type(item)(f"{where}: {item.message}", source=link)
        else:
            # The page's own text stays; the feed's metadata is more reliable than a sniff.
            yield dataclasses.replace(item, **{k: v for k, v in meta.items() if v is not None})


def iter_feed(
    data: bytes,
    name: str,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = MAX_BYTES,
    content_type: str = "application/xml",
) -> Iterator[Source | InputError]:
    """Yield one Source per entry of an RSS/Atom feed, or the InputError for an entry.

    Args:
        data: the feed's bytes (feedparser reads them itself; it never fetches anything).
        name: the file or URL, used in locations and messages.
        fetcher: fetches the page of an entry that carries no full text; without one,
            such entries are skipped with CD104.
        max_bytes: refuse any fetched page larger than this.
        content_type: the Content-Type the feed was served with.

    Returns:
        An iterator, in feed order, of Sources with ``title``, ``url`` (the entry link),
        ``published`` (ISO), ``author``, ``outlet`` (the feed title) and ``doc_id`` (the
        entry id). An entry with full text (``content:encoded``, Atom ``content``) is
        located at ``name#N`` (1-based); a fetched one at its link. A feed that cannot be
        parsed gives one InputError; a malformed feed whose entries could still be read
        gives them followed by one InputError.

    Example:
        >>> rss = b'<rss><channel><title>T</title><item><title>A</title></item></channel></rss>'
        >>> [type(x).__name__ for x in iter_feed(rss, "t.rss")]
        ['EmptyInput']
    """
    import feedparser  # only feeds need it; keeps `import claimdiff` fast

    headers = {"content-type": content_type or "application/xml"}
    if _URL.match(name):
        headers["content-location"] = name  # base for the feed's relative links
    try:
        # A stream, never bytes or str: feedparser would open a path or fetch a URL.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted bytes
        yield UnsupportedFormat(f"{name} is not a readable RSS/Atom feed ({_problem_text(exc)})", source=name)
        return
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.ThingsNobodyCaresAboutButMe):  # encoding/content-type notes
        logger.debug("%s: %s", name, problem)
        problem = None
    entries = parsed.get("entries") or []
    if problem is not None:
        # The lenient parser makes entries out of debris; keep those worth reading.
        entries = [entry for entry in entries if _entry_content(entry)[0] is not None or _is_http(entry.get("link"))]
    if not entries:
        if problem is not None:
            yield UnsupportedFormat(
                f"{name} is not a readable RSS/Atom feed ({_problem_text(problem)}); check the feed",
                source=name,
            )
        else:
            yield EmptyInput(f"{name} is a feed with no entries", source=name)
        return
    outlet = _plain(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries, start=1):
        yield from _iter_entry(entry, index, name, outlet, fetcher, max_bytes)
    if problem is not None:
        yield InputError(
            f"{name} is malformed ({_problem_text(problem)}); read {_count(len(entries), 'entry', 'entries')} "
            "from it, anything past the damage is lost; check the feed",
            source=name,
        )


# ------------------------------------------------------------------------------ WARC


def _warc_page(record: Any, location: str, max_bytes: int) -> tuple[bytes, str, str | None] | InputError | None:
    """Return ``(body, content_type, target_uri)`` of an archived 200 HTML page, an
    InputError for an unreadable one, or None for every other record."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or headers.get_statuscode() != "200":
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if _media_type(content_type) not in HTML_MEDIA_TYPES:
        return None
    try:
        body = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - bad chunking or Content-Encoding in one record
        return InputError(f"{location} cannot be decoded ({_problem_text(exc)}); the record is damaged", source=location)
    return body, content_type, record.rec_headers.get_header("WARC-Target-URI")


def _warc_source(page: tuple[bytes, str, str | None], location: str, max_bytes: int) -> Source | InputError:
    """Turn an archived page into a Source, or the InputError saying why not."""
    body, content_type, uri = page
    if len(body) > max_bytes:
        return InputError(f"{location} ({uri}) is over the {_size_text(max_bytes)} limit; pass a larger --max-bytes", source=location)
    try:
        text = _decode_body(body, content_type, location)
        _check_html(text, location)
    except InputError as exc:
        return exc
    return Source(location=location, raw=text, format="html", url=uri if _is_http(uri) else None)


def _warc_damage(name: str, offset: int, records: int, detail: str) -> InputError:
    """The error for a WARC archive that is cut short or damaged at ``offset``."""
    return InputError(
        f"{name} is truncated or damaged at byte {offset} ({detail}); read "
        f"{_count(records, 'record', 'records')} before it, the rest is lost",
        source=name,
    )


def iter_warc(path: str | Path, name: str | None = None, *, max_bytes: int = MAX_BYTES) -> Iterator[Source | InputError]:
    """Yield one Source per archived HTML page in a ``.warc`` / ``.warc.gz`` file.

    Args:
        path: the archive.
        name: how to call it in locations and messages (default: ``path``).
        max_bytes: refuse any archived page larger than this (the archive itself may be
            larger: it is streamed).

    Returns:
        An iterator of Sources for each ``response`` (or ``resource``) record with status
        200 and an HTML content type: ``location`` is ``name#OFFSET`` (the record's byte
        offset), ``url`` its ``WARC-Target-URI``. Other records are passed over. A
        truncated or damaged archive gives the pages before the damage, then one
        InputError naming the file and the offset.

    Example:
        >>> [type(x).__name__ for x in iter_warc("missing.warc.gz")]
        ['InputError']
    """
    from warcio.archiveiterator import ArchiveIterator  # only WARC input needs it

    name = name or str(path)
    try:
        handle, size = _open_input(Path(path), name)  # closed by the with below
    except InputError as exc:
        yield exc
        return
    with handle:
        archive = ArchiveIterator(handle)
        records = 0
        try:
            for record in archive:
                if record.rec_type is None or record.format != "warc":  # warcio guesses ARC for junk
                    raise ValueError("no WARC record header here")
                offset = archive.offset  # where this record starts
                page = _warc_page(record, f"{name}#{offset}", max_bytes)
                archive.read_to_end()  # the rest of the record, so a cut-off one shows
                if getattr(record.raw_stream, "limit", 0):
                    yield _warc_damage(name, offset, records, "the last record is cut short")
                    return
                records += 1
                if isinstance(page, tuple):
                    yield _warc_source(page, f"{name}#{offset}", max_bytes)
                elif page is not None:
                    yield page
        except Exception as exc:  # noqa: BLE001 - warcio raises AttributeError, ValueError … on damage
            yield _warc_damage(name, archive.offset, records, _problem_text(exc))
            return
        if archive.offset < size:
            yield _warc_damage(name, archive.offset, records, f"{size - archive.offset} bytes there are not a WARC record")


# ------------------------------------------------------------------------ iterating


def _skipped(error: ClaimdiffError, fallback: str) -> Skipped:
    """Turn an error into the Skipped record for the input it names."""
    return Skipped(source=error.source or fallback, stage="ingest", code=error.code, reason=error.message)


def _iter_input(item: str, stdin: TextIO | BinaryIO | None, max_bytes: int, fetcher: Fetcher | None) -> Iterable[Source | InputError]:
    """Yield what one command-line input holds."""
    if item == "-":
        return _iter_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
    if _URL.match(item):
        return _iter_url(item, fetcher, max_bytes)
    path = Path(item)
    if path.is_dir():
        return (entry for file in iter_folder(path) for entry in _iter_file(file, str(file), max_bytes, fetcher))
    return _iter_file(path, item, max_bytes, fetcher)


def iter_sources(
    inputs: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
    fetcher: Fetcher | None = None,
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
