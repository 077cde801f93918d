"""RSS and Atom feeds: one Source per entry, from its full text or its fetched page."""

from __future__ import annotations

import dataclasses
import html as html_lib
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from ..errors import EmptyInput, FetchError, InputError, UnsupportedFormat
from ..model import Source
from .body import Fetcher, sources_from_body
from .decode import MAX_BYTES
from .fetch import allows_private, check_url, is_http
from .formats import HTML_START, SNIFF_CHARS, looks_like_url, media_type
from .header import iso_date, parse_date
from .jsonl import scalar

__all__ = ["iter_feed", "count_text", "problem_text"]

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]*>")


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
            if iso := iso_date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday):
                return iso
    return None


def _entry_content(entry: Any) -> tuple[str | None, bool]:
    """Return an entry's full text (``content:encoded`` / Atom ``content``) and whether it is HTML.

    ``description``/``summary`` is not full text: it is usually a teaser.
    """
    for content in entry.get("content") or ():
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            media = media_type(content.get("type") or "text/html")
            return value, "html" in media or "xml" in media
    return None, False


def _as_document(fragment: str, title: str | None) -> str:
    """Wrap an HTML fragment from a feed in a minimal document, so cleaning sees a page."""
    if HTML_START.match(fragment[:SNIFF_CHARS]):
        return fragment
    head = f"<title>{html_lib.escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body><article>{fragment}</article></body></html>"


def count_text(number: int, one: str, many: str) -> str:
    """Return ``1 entry`` / ``3 entries``."""
    return f"{number} {one if number == 1 else many}"


def problem_text(problem: BaseException) -> str:
    """Describe a feed parsing problem on one line (with its line number when known)."""
    message = " ".join(str(getattr(problem, "getMessage", lambda: problem)()).split())
    line = getattr(problem, "getLineNumber", lambda: None)()
    return f"line {line}: {message}" if line else message or type(problem).__name__


def _iter_entry(
    entry: Any, index: int, name: str, outlet: str | None, fetcher: Fetcher | None, max_bytes: int
) -> Iterator[Source | InputError]:
    """Yield the Source for one feed entry: its full text, else its fetched page."""
    where, location = f"entry {index} of {name}", f"{name}#{index}"
    link = entry.get("link") if is_http(entry.get("link")) else None
    meta = {
        "title": _plain(entry.get("title")),
        "outlet": outlet,
        "url": link,
        "published": _entry_date(entry),
        "author": _plain(entry.get("author")),
        "doc_id": scalar(entry.get("id")),
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
        check_url(link, allow_private=allows_private(fetcher))
        page, content_type = fetcher.fetch(link)
    except InputError as exc:
        yield type(exc)(f"{where}: {exc.message}", source=link)
        return
    for item in sources_from_body(page, content_type, link, max_bytes=max_bytes, feeds=False):
        if isinstance(item, InputError):
            yield type(item)(f"{where}: {item.message}", source=link)
        else:
            # The page's own text stays; the feed's metadata is more reliable than a sniff.
            yield dataclasses.replace(item, **{k: v for k, v in meta.items() if v is not None})


def _parse(data: bytes, name: str, content_type: str) -> tuple[Any, BaseException | None]:
    """Parse a feed with feedparser; return it and the problem that made it malformed, if any."""
    import feedparser  # only feeds need it; keeps `import claimdiff` fast

    headers = {"content-type": content_type or "application/xml"}
    if looks_like_url(name):
        headers["content-location"] = name  # base for the feed's relative links
    try:
        # A stream, never bytes or str: feedparser would open a path or fetch a URL.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted bytes
        raise UnsupportedFormat(f"{name} is not a readable RSS/Atom feed ({problem_text(exc)})", source=name) from None
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, feedparser.ThingsNobodyCaresAboutButMe):  # encoding/content-type notes
        logger.debug("%s: %s", name, problem)
        problem = None
    return parsed, problem


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
    try:
        parsed, problem = _parse(data, name, content_type)
    except InputError as exc:
        yield exc
        return
    entries = parsed.get("entries") or []
    if problem is not None:
        # The lenient parser makes entries out of debris; keep those worth reading.
        entries = [entry for entry in entries if _entry_content(entry)[0] is not None or is_http(entry.get("link"))]
    if not entries:
        if problem is not None:
            yield UnsupportedFormat(
                f"{name} is not a readable RSS/Atom feed ({problem_text(problem)}); check the feed",
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
            f"{name} is malformed ({problem_text(problem)}); read {count_text(len(entries), 'entry', 'entries')} "
            "from it, anything past the damage is lost; check the feed",
            source=name,
        )
