"""Read inputs (files, folders, JSONL, stdin, URLs) into :class:`~claimdiff.model.Source`.

This is the only pipeline stage that touches the file system. It decodes bytes, tells
text from HTML from JSONL, reads the optional ``Title:``/``Date:``/… header of plain
text files, and turns every problem into an :class:`~claimdiff.errors.InputError` with a
one-line message that names the input. :func:`iter_sources` never stops on a bad input:
it yields a :class:`~claimdiff.model.Skipped` for it and goes on.

URL input goes through the :class:`Fetcher` seam; no fetcher ships yet, so a URL without
one is reported as a :class:`~claimdiff.errors.FetchError`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import ipaddress
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol, TextIO
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
    "SUPPORTED_SUFFIXES",
    "HEADER_KEYS",
    "Fetcher",
    "iter_sources",
    "iter_folder",
    "iter_jsonl",
    "load_source",
    "decode_bytes",
    "looks_like_html",
    "parse_header",
    "parse_date",
    "check_url",
]

logger = logging.getLogger(__name__)

#: Default cap on one input's size; larger files are refused (``--max-bytes`` raises it).
MAX_BYTES = 20_000_000
BYTES_PER_MB = 1_000_000
BYTES_PER_KB = 1_000

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

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
    """Fetches a URL: the seam that keeps network access out of tests (httpx's transport)."""

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
    for number, line in enumerate(text.split("\n"), start=1):
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


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """Read a file's bytes, refusing missing, unreadable and oversized files."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name} does not exist; check the path", source=name) from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check the path", source=name) from None
    if size > max_bytes:
        raise InputError(
            f"{name} is {_size_text(size)}, over the {_size_text(max_bytes)} limit; "
            "split it or pass a larger --max-bytes",
            source=name,
        )
    if size == 0:
        raise EmptyInput(f"{name} is empty", source=name)
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file", source=name) from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None


def _iter_file(path: Path, name: str, max_bytes: int) -> Iterator[Source | InputError]:
    """Yield the Sources in one file, or InputErrors for it (or for its bad lines)."""
    try:
        text = decode_bytes(_read_file(path, name, max_bytes), name)
    except InputError as exc:
        yield exc
        return
    yield from _sources_from_text(text, name, suffix=path.suffix.lower())


def load_source(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[Source]:
    """Read one file into Sources: one for text/HTML, one per line for JSONL.

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
    """Yield the supported, non-hidden files under ``folder``, recursively, in sorted order."""
    root = Path(folder)
    found = [
        path for path in root.rglob("*")
        if path.suffix.lower() in SUPPORTED_SUFFIXES and not _is_hidden(path, root) and path.is_file()
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


def check_url(url: str) -> str:
    """Refuse URLs that are not http(s) or that name a loopback/private/link-local host.

    Only literal hosts are checked here; a real fetcher must also check the resolved
    address before connecting.

    Raises:
        FetchError: not an http(s) URL.
        BlockedURL: the host is local or private.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url} is not an http(s) URL; pass a web address or a file", source=url)
    host = parts.hostname.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise BlockedURL(f"{url} points at a local host; only public addresses are fetched", source=url)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url
    if not address.is_global:
        raise BlockedURL(f"{url} points at a private or loopback address; only public addresses are fetched", source=url)
    return url


def _iter_url(url: str, fetcher: Fetcher | None, max_bytes: int) -> Iterator[Source | InputError]:
    """Fetch a URL through ``fetcher`` and yield its Source."""
    try:
        check_url(url)
        if fetcher is None:
            raise FetchError(
                f"{url} is a URL; URL input comes with `claimdiff ingest` and is not available "
                "here yet; save the page and pass the file",
                source=url,
            )
        body, content_type = fetcher.fetch(url)
        if len(body) > max_bytes:
            raise FetchError(f"{url} is {_size_text(len(body))}, over the {_size_text(max_bytes)} limit", source=url)
        text = decode_bytes(body, url)
    except InputError as exc:
        yield exc
        return
    is_html = "html" in content_type.lower() or looks_like_html(text)
    if is_html:
        try:
            _check_html(text, url)
        except InputError as exc:
            yield exc
            return
    elif not text.strip():
        yield EmptyInput(f"{url} is empty", source=url)
        return
    yield Source(location=url, raw=text, format="html" if is_html else "text", url=url)


# ------------------------------------------------------------------------ iterating


def _skipped(error: ClaimdiffError, fallback: str) -> Skipped:
    """Turn an error into the Skipped record for the input it names."""
    return Skipped(source=error.source or fallback, stage="ingest", code=error.code, reason=str(error))


def _iter_input(item: str, stdin: TextIO | BinaryIO | None, max_bytes: int, fetcher: Fetcher | None) -> Iterable[Source | InputError]:
    """Yield what one command-line input holds."""
    if item == "-":
        return _iter_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
    if _URL.match(item):
        return _iter_url(item, fetcher, max_bytes)
    path = Path(item)
    if path.is_dir():
        return (entry for file in iter_folder(path) for entry in _iter_file(file, str(file), max_bytes))
    return _iter_file(path, item, max_bytes)


def iter_sources(
    inputs: Sequence[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = MAX_BYTES,
    fetcher: Fetcher | None = None,
) -> Iterator[Source | Skipped]:
    """Read every input and yield its Sources; a bad input yields a Skipped and reading goes on.

    Args:
        inputs: file paths, folders (read recursively, in sorted order), ``-`` for stdin,
            or http(s) URLs (read through ``fetcher``).
        stdin: the stream for ``-`` (defaults to ``sys.stdin``); text or binary.
        max_bytes: refuse any single input larger than this.
        fetcher: fetches URL inputs; without one, URLs are skipped with CD104.

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
                          reason=f"[{InputError.code}] {item} cannot be read ({exc.strerror or exc}); check the path")
