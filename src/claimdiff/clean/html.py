"""HTML pages: main text and metadata with trafilatura, the publication date with
htmldate, both offline. A page too large for trafilatura in linear time (more than
``html_linear.MAX_ELEMENTS`` elements) is read by :mod:`claimdiff.clean.html_linear`
instead, and its Article's ``removed`` says ``html_fallback``."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import Source
from .html_linear import MAX_ELEMENTS, element_count, page_metadata, page_text, parse_page

__all__ = ["Extracted", "extract_html"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura and htmldate found in an HTML page."""

    text: str
    title: str | None
    author: str | None
    url: str | None
    sitename: str | None
    date: str | None
    #: ``("html_fallback",)`` when the linear reader, not trafilatura, read the page.
    removed: tuple[str, ...] = ()


def extract_html(source: Source) -> Extracted:
    """Run trafilatura (text, metadata) and htmldate (date) on the page, offline."""
    try:
        import htmldate  # noqa: F401
        import trafilatura
    except ImportError as exc:  # pragma: no cover - they are core dependencies
        raise ConfigError(f"HTML input needs trafilatura and htmldate ({exc}); pip install claimdiff") from exc
    date_params = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
    tree = parse_page(source.raw)
    if tree is not None and element_count(tree) > MAX_ELEMENTS:
        logger.info("%s: more than %d HTML elements, read without trafilatura", source.location, MAX_ELEMENTS)
        meta = page_metadata(tree)
        return Extracted(text=page_text(tree), title=meta["title"], author=meta["author"], url=meta["url"],
                         sitename=meta["sitename"], date=_page_date(source, date_params),
                         removed=("html_fallback",))
    document = trafilatura.bare_extraction(
        source.raw,
        url=source.url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        include_links=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=date_params,
    )
    text = (getattr(document, "text", None) or "") if document is not None else ""
    meta = (lambda name: (getattr(document, name, None) or None) if document is not None else None)
    return Extracted(text=text, title=meta("title"), author=meta("author"), url=meta("url"),
                     sitename=meta("sitename"), date=_page_date(source, date_params))


#: Photo captions and their figures: a date there is when the photo was taken, not when
#: the article was published.
_CAPTION_XPATH = (
    "//figcaption | //figure | //*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]"
    " | //*[contains(translate(@id, 'CAPTION', 'caption'), 'caption')]"
)


def _page_date(source: Source, date_params: dict[str, object]) -> str | None:
    """The page's publication date by htmldate, with captions and figures taken out first."""
    from htmldate import find_date
    from lxml import etree
    from lxml import html as lxml_html

    try:
        # A parsed tree, never a string: htmldate fetches strings that look like URLs.
        try:
            tree = lxml_html.document_fromstring(source.raw)
        except ValueError:  # a str with an XML encoding declaration must be parsed as bytes
            tree = lxml_html.document_fromstring(source.raw.encode("utf-8"))
        for element in tree.xpath(_CAPTION_XPATH):
            if element.getparent() is not None:
                element.drop_tree()
        return find_date(tree, url=source.url, **date_params)
    except (ValueError, TypeError, etree.ParserError) as exc:  # lxml refuses empty/odd documents
        logger.debug("%s: htmldate found no date (%s)", source.location, exc)
        return None
