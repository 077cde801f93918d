"""Body dispatch: decoded text (a file, stdin) or a fetched body (a URL) becomes JSONL
records, an HTML page or a plain-text article with its header; a feed body goes to
:mod:`.feeds`. Also the :class:`Fetcher` seam that URL input is read through."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..errors import EmptyInput, FetchError, InputError, UnsupportedFormat
from ..model import Source
from .decode import decode_body, size_text
from .fetch import allows_private, check_url
from .formats import (
    FEED_MEDIA_TYPES,
    HTML_MEDIA_TYPES,
    HTML_SUFFIXES,
    JSONL_MEDIA_TYPES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    check_html,
    looks_like_feed,
    looks_like_html,
    looks_like_jsonl,
    media_type,
)
from .header import parse_header
from .jsonl import iter_jsonl

__all__ = ["Fetcher", "sources_from_text", "sources_from_body", "iter_url"]


class Fetcher(Protocol):
    """Fetches a URL: the seam that keeps network access out of tests (httpx's transport).

    A fetcher may also have an ``allow_private`` attribute; when it is true, the literal
    host check in :func:`check_url` lets private addresses through to the fetcher.
    """

    def fetch(self, url: str) -> tuple[bytes, str]:
        """Return the body and the content type of ``url``; raise ``FetchError`` on failure."""
        ...


def sources_from_text(text: str, name: str, *, suffix: str = "") -> Iterator[Source | InputError]:
    """Turn decoded text into Sources (or line errors), choosing the format."""
    if not text.strip():
        yield EmptyInput(f"{name} is empty", source=name)
        return
    if suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and looks_like_jsonl(text)):
        yield from iter_jsonl(text, name)
        return
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        try:
            check_html(text, name)
        except InputError as exc:
            yield exc
            return
        yield Source(location=name, raw=text, format="html")
        return
    fields, _ = parse_header(text)
    yield Source(location=name, raw=text, format="text", **fields)


def sources_from_body(
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
        yield FetchError(f"{url} is {size_text(len(body))}, over the {size_text(max_bytes)} limit", source=url)
        return
    try:
        text = decode_body(body, content_type, url)
    except InputError as exc:
        yield exc
        return
    media = media_type(content_type)
    if feeds and looks_like_feed(text):
        from .feeds import iter_feed  # feeds read their entries' pages through this function

        yield from iter_feed(body, url, fetcher=fetcher, max_bytes=max_bytes, content_type=content_type)
        return
    if not text.strip():
        yield EmptyInput(f"{url} is empty", source=url)
        return
    is_html = media in HTML_MEDIA_TYPES or looks_like_html(text)
    if not is_html and (media in JSONL_MEDIA_TYPES or looks_like_jsonl(text)):
        yield from iter_jsonl(text, url)
        return
    if not is_html and media in FEED_MEDIA_TYPES:
        yield UnsupportedFormat(f"{url} is {media} but not an RSS or Atom feed", source=url)
        return
    if is_html:
        try:
            check_html(text, url)
        except InputError as exc:
            yield exc
            return
        yield Source(location=url, raw=text, format="html", url=url)
        return
    fields, _ = parse_header(text)
    fields["url"] = url  # where it was fetched from beats what the text claims
    yield Source(location=url, raw=text, format="text", **fields)


def iter_url(url: str, fetcher: Fetcher | None, max_bytes: int) -> Iterator[Source | InputError]:
    """Fetch a URL through ``fetcher`` and yield its Source (or a feed's entries)."""
    try:
        check_url(url, allow_private=allows_private(fetcher))
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
    yield from sources_from_body(body, content_type, url, max_bytes=max_bytes, fetcher=fetcher)
