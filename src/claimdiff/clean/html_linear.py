"""The linear HTML reader: main text of a page too large for trafilatura in bounded time.

trafilatura's cost grows faster than the page on markup full of inline tags (about 5 ms
per KB up to ~150 KB, 10 ms at 600 KB, 27-38 ms at 1 MB; ``bench/ingest_linear.py``). A page
with more than :data:`MAX_ELEMENTS` elements (script, style and the like not counted) is
read here instead, in one pass over the lxml tree: script, style, nav, aside, figure,
figcaption, forms and embeds are dropped, every block element starts a new paragraph,
and the text goes through the same boilerplate rules as any other (``clean.rules``).
The page's metadata comes from its ``<meta>`` and ``<title>`` elements.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

__all__ = ["MAX_ELEMENTS", "parse_page", "element_count", "page_text", "page_metadata"]

#: Elements (after :data:`_DROPPED`) above which trafilatura is not used: about 200 KB of
#: inline-tag-heavy markup, where it takes ~1 s and its cost per element starts to grow.
#: The dev-set and fixture pages hold under a hundred elements once scripts are gone.
MAX_ELEMENTS = 10_000

#: Never part of the article text.
_DROPPED = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "nav", "aside", "figure", "figcaption", "form", "button", "select", "textarea", "head",
)
#: Elements that start and end a paragraph; all others are inline and run on.
_BLOCKS = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "td", "th", "caption", "address", "details", "summary", "hr", "br", "body", "html",
))
_SPACES = re.compile(r"\s+")


def parse_page(raw: str) -> etree._Element | None:
    """The page's lxml tree, or None for a document lxml refuses (empty, only a comment)."""
    try:
        try:
            return lxml_html.document_fromstring(raw)
        except ValueError:  # a str with an XML encoding declaration must be parsed as bytes
            return lxml_html.document_fromstring(raw.encode("utf-8"))
    except (ValueError, etree.ParserError):
        return None


def element_count(tree: etree._Element) -> int:
    """Elements of the page that may hold text (script, style and the like not counted)."""
    dropped = sum(1 for _ in tree.iter(*_DROPPED))
    return sum(1 for _ in tree.iter(etree.Element)) - dropped


def page_metadata(tree: etree._Element) -> dict[str, str | None]:
    """``title``, ``author``, ``url`` and ``sitename`` from the page's meta elements."""

    def first(*paths: str) -> str | None:
        for path in paths:
            for value in tree.xpath(path):
                value = _SPACES.sub(" ", str(value)).strip()
                if value:
                    return value
        return None

    return {
        "title": first("//meta[@property='og:title']/@content", "(//h1)[1]//text()", "//title/text()"),
        "author": first("//meta[@name='author']/@content", "//meta[@property='article:author']/@content"),
        "url": first("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"),
        "sitename": first("//meta[@property='og:site_name']/@content"),
    }


def page_text(tree: etree._Element) -> str:
    """The text of the page's main element (``main``, else ``article``, else ``body``), one
    paragraph a line. Changes ``tree`` (drops what is never article text)."""
    for element in list(tree.iter(*_DROPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    root = next(iter(tree.iter("main")), None)
    if root is None:
        root = next(iter(tree.iter("article")), None)
    if root is None:
        root = tree
    paragraphs: list[str] = []
    current: list[str] = []
    # iterwalk visits the tree without recursion: deeply nested markup is no problem.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag in _BLOCKS
        if block:
            _flush(current, paragraphs)
        if event == "start":
            if isinstance(element.tag, str) and element.text:
                current.append(element.text)
        elif element is not root and element.tail:
            current.append(element.tail)
    _flush(current, paragraphs)
    return "\n".join(paragraphs)


def _flush(current: list[str], paragraphs: list[str]) -> None:
    """End the paragraph being gathered (if it holds any text)."""
    if current:
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            paragraphs.append(text)
        current.clear()
