"""What kind of input a name, a media type or the first few KB of text are: the suffix and
media-type tables and the content sniffers (HTML, feed, JSONL) the other ingest modules
dispatch on."""

from __future__ import annotations

import json
import re

from ..errors import EmptyInput, InputError

__all__ = [
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "FEED_SUFFIXES",
    "WARC_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "HTML_MEDIA_TYPES",
    "FEED_MEDIA_TYPES",
    "JSONL_MEDIA_TYPES",
    "SNIFF_CHARS",
    "HTML_START",
    "media_type",
    "looks_like_html",
    "looks_like_feed",
    "looks_like_jsonl",
    "looks_like_url",
    "check_html",
]

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

#: Media types read as HTML pages.
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Media types of feeds (generic XML is sniffed for an RSS/Atom root).
FEED_MEDIA_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})
#: Media types read as JSONL, one article object per line.
JSONL_MEDIA_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})

#: How much of the start of an input the format sniffers look at.
SNIFF_CHARS = 4096
#: Sniffed content with at least this many common tags is HTML even without ``<html>``.
MIN_SNIFFED_TAGS = 3

HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"</?(?:p|div|article|span|br|h[1-6]|a|meta|title|section|main)\b[^>]*>", re.I)
_FEED_ROOT = re.compile(
    r"\A\ufeff?(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s/>]",
    re.S,
)
_URL = re.compile(r"\A[a-z][a-z0-9+.-]*://", re.I)


def media_type(content_type: str | None) -> str:
    """Return the bare, lower-case media type of a Content-Type value (``text/html``)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def looks_like_url(item: str) -> bool:
    """Return True when ``item`` starts like a URL (``scheme://``) rather than a path."""
    return _URL.match(item) is not None


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` starts like an HTML document or is dense with tags."""
    head = text[:SNIFF_CHARS]
    if HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= MIN_SNIFFED_TAGS


def looks_like_feed(text: str) -> bool:
    """Return True when the XML root element of ``text`` is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``.

    Example:
        >>> looks_like_feed('<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
        True
    """
    return _FEED_ROOT.match(text[:SNIFF_CHARS]) is not None


def looks_like_jsonl(text: str) -> bool:
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


def check_html(html: str, name: str) -> None:
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
