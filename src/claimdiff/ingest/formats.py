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
    "JSONL_SNIFF_BYTES",
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
#: How many bytes of a stream are read to tell JSONL from other input.
JSONL_SNIFF_BYTES = 1 << 16
#: How many lines at the start of an input may show that it is JSONL.
JSONL_SNIFF_LINES = 64
_OBJECT_START = re.compile(r'\{\s*"[^"\n]{1,64}"\s*:')
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


def looks_like_jsonl(text: str, *, complete: bool = True) -> bool:
    """Return True when ``text`` (an input, or the start of one) reads as JSONL.

    The content decides, not all of it: the first non-blank line is a JSON object, or a
    line among the first :data:`JSONL_SNIFF_LINES` is an article object (with a ``text``
    or ``html`` key). A bad line further down is then reported as a bad line of a JSONL
    input, instead of turning the whole input into one plain-text article.

    Args:
        text: the input, or its first bytes decoded.
        complete: False when ``text`` is only the start of the input, so that its last
            line may be cut short; a first line cut short counts when it starts like an
            object with a key (``{"text": …``).
    """
    pieces = text.lstrip("\ufeff").split("\n", JSONL_SNIFF_LINES)
    cut = not complete and len(pieces) <= JSONL_SNIFF_LINES  # the last piece may be cut short
    lines = [line.strip() for line in pieces[:JSONL_SNIFF_LINES]]
    seen = [line for line in lines[:-1] if line] if cut else [line for line in lines if line]
    if cut and lines[-1] and not seen:
        return _OBJECT_START.match(lines[-1]) is not None
    keys = [_json_object_keys(line) if line.startswith("{") else None for line in seen]
    if keys and keys[0] is not None:
        return True
    if any(found is not None and found & {"text", "html"} for found in keys):
        return True
    # Every line starts like an object and one is: JSONL with a damaged first line.
    return bool(seen) and all(line.startswith("{") for line in seen) and any(k is not None for k in keys)


def _json_object_keys(line: str) -> set[str] | None:
    """The keys of ``line`` when it is a JSON object, else None."""
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return set(value) if isinstance(value, dict) else None


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
