"""Turn a :class:`~claimdiff.model.Source` into a cleaned :class:`~claimdiff.model.Article`.

``clean`` is pure: no I/O and no network. HTML goes through trafilatura (main text and
metadata) and htmldate (publication date), both with network access off; then text and
HTML alike go through the same boilerplate rules, each of which records a label in
``Article.removed`` when it drops something:

=============  ==========================================================================
label          what it drops
=============  ==========================================================================
header         the ``Title:``/``Date:``/``Outlet:``/``URL:``/``Author:`` block on top
title          a first line that is the headline (short, no final period)
title_repeat   a paragraph that repeats the headline (and the caption glued to it)
caption        photo captions and credits, also when glued to a sentence or paragraph
byline         ``By Jane Doe`` / ``Author: Jane Doe`` lines (the name goes to ``author``)
dateline       ``LONDON (Reuters) -`` at the start of the first paragraph
related        ``Related:``/``Read more`` lines and headline-like bullet or indented links
newsletter     sign-up and subscribe prompts
social         ``Follow us on …``
share          share buttons and share counts
cookie         cookie banners
ad             ``Advertisement`` placeholders
outreach       ``X has reached out to Y for comment`` and similar one-sentence lines
timestamp      live-blog times (``Updated 10:32 GMT``, ``2 hours ago``) and bare date lines
credits        ``Reporting by …``, ``… contributed reporting``
bio            an author bio among the last paragraphs
tagline        ``Tags: …`` lines and a run-together tag line at the end
duplicate      a paragraph repeating an earlier kept one
html_fallback  not a rule: the page was too large for trafilatura in linear time and was
               read by ``clean.html_linear`` (script, style, nav, aside, figures dropped)
=============  ==========================================================================

Subheadings are kept as their own paragraph. Kept paragraphs are joined with a blank line;
inside a paragraph the source's characters are kept as they are (a double space, a
no-break space, the line break of a hard-wrapped paragraph), so a quoted claim is found in
the input verbatim; the rules compare paragraphs with their whitespace collapsed
(``Unit.kept``), and extraction reads plain spaces (``extract.spacing``).
``Article.offset_map`` maps every cleaned offset back to ``Source.raw`` for text input,
and to the trafilatura-extracted text for HTML input (the HTML markup itself has no
stable character offsets for the text).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..errors import EmptyInput
from ..ingest.header import parse_header
from ..model import Article, Source, content_id
from .html import Extracted, extract_html
from .lines import PARAGRAPH_SEPARATOR, headline_like
from .metadata import KNOWN_OUTLETS, dateline_outlet, find_dates, outlet_from_url
from .rules import State, apply_rules, keep_lone_title, trim_tail
from .units import Unit, render, split_units

__all__ = ["clean", "outlet_from_url", "find_dates", "KNOWN_OUTLETS"]

logger = logging.getLogger(__name__)


def clean(source: Source) -> Article:
    """Clean one Source into an Article: main text without boilerplate, plus metadata.

    Args:
        source: a text or HTML Source from :mod:`claimdiff.ingest`.

    Returns:
        The Article. ``text`` is the kept paragraphs joined by blank lines; ``removed``
        lists (sorted, once each) the labels of the rules that dropped something;
        ``offset_map`` maps cleaned offsets to ``source.raw`` (text) or to the
        trafilatura-extracted text (HTML).

    Raises:
        EmptyInput: nothing is left after cleaning.

    Example:
        >>> clean(Source(location="a.txt", raw="By Jane Doe\\n\\nThe minister said 6,700.")).author
        'Jane Doe'
    """
    if not source.raw.strip():
        raise EmptyInput(f"{source.location} is empty", source=source.location)
    found = _read(source)
    state = State(title=source.title or found.get("title"), author=source.author or found.get("author"))
    units = split_units(found.base, found.start, line_paragraphs=source.format == "html")
    for unit in units:
        apply_rules(unit, state)
    trim_tail(units, state)
    # A plain-text document of one line is a sentence without its final punctuation, not
    # a heading. Text only: an HTML page reduced to one line has lost its body.
    lone = source.format == "text" and (keep_lone_title(units, state) or len(units) == 1)
    text, offset_map = render(units, found.base)
    if not (lone and text):
        _require_text(units, text, found.base, source)
    url = source.url or found.get("url")
    outlet = (
        source.outlet
        or found.header.get("outlet")
        or (_site_name(found.extracted.sitename) if found.extracted else None)
        or outlet_from_url(url)
        or (dateline_outlet(state.dateline_outlet) if state.dateline_outlet else None)
    )
    published = source.published or found.get("published")
    # Relative times ("last Friday") need some date: a date the text mentions will do, a
    # caption's too; it is never the article's date (``published``).
    dates = find_dates(found.base)
    return Article(
        id=_article_id(units, outlet, url),
        source=source.location,
        text=text,
        title=state.title,
        outlet=outlet,
        url=url,
        published=published,
        author=state.author,
        doc_id=source.doc_id,
        reference_date=published or (dates[-1] if dates else None),
        offset_map=offset_map,
        removed=tuple(sorted(set(found.removed + state.removed))),
    )


def _article_id(units: list[Unit], outlet: str | None, url: str | None) -> str:
    """The article's id: keyed by its paragraphs' words, whitespace inside them collapsed
    (``Unit.kept``), as ids were before the text kept the source's whitespace. Stored
    articles keep their ids, and a copy that differs only in no-break or double spaces is
    the same article."""
    words = PARAGRAPH_SEPARATOR.join(kept for unit in units if (kept := unit.kept()))
    return content_id("article", words, outlet, url)


@dataclass(frozen=True, slots=True)
class _Found:
    """What a Source holds before the rules run: the text they run on (``base`` from
    ``start``), the plain-text header or what trafilatura extracted, and what was removed."""

    base: str
    start: int
    header: dict[str, str]
    extracted: Extracted | None
    removed: list[str]

    def get(self, key: str) -> str | None:
        """A metadata field from the header, else from the HTML page (``published`` is its date)."""
        if self.header.get(key):
            return self.header[key]
        if self.extracted is None:
            return None
        return getattr(self.extracted, "date" if key == "published" else key, None)


def _read(source: Source) -> _Found:
    """Run trafilatura on HTML, read the header of text."""
    if source.format == "html":
        extracted = extract_html(source)
        return _Found(base=extracted.text, start=0, header={}, extracted=extracted, removed=list(extracted.removed))
    header, start = parse_header(source.raw)
    return _Found(base=source.raw, start=start, header=header, extracted=None, removed=["header"] if header else [])


def _site_name(sitename: str | None) -> str | None:
    """An HTML page's site name, as a name: a bare host (``www.bbc.co.uk``) becomes its
    outlet (``BBC``)."""
    name = " ".join((sitename or "").split())
    if re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", name):
        return outlet_from_url(name) or name
    return name or None


def _require_text(units: list[Unit], text: str, base: str, source: Source) -> None:
    """Refuse an article of which no sentence (only headings, menus or boilerplate) is left."""
    if any(unit.ranges and not headline_like(unit.kept()) for unit in units):
        return
    if not base.strip():
        why = "trafilatura found no main text" if source.format == "html" else "no text"
    elif text:
        why = "only headings or menu items are left"
    else:
        why = "only boilerplate"
    raise EmptyInput(f"{source.location} has no article text after cleaning ({why})", source=source.location)
