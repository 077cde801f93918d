"""Which of two copies of one story is the original (the wire story) and which the copy.

Grouping finds that two articles from different outlets share their text; the order it
reads them in says nothing about who copied whom (two pieces dated the same day are read
in id order). :func:`original_of` decides by evidence, strongest first:

1. **Credit.** The copy names the original's outlet in a credit: a dateline
   ("BALTIMORE (Capital Wire) —"), a credit line ("This article was provided by Capital
   Wire", "Reporting by Reuters", "© AFP"); the original does not name the copy's outlet.
2. **Publication.** The one published first.
3. **Wire.** An outlet named as a news agency or wire ("Reuters", "Associated Press",
   "Capital Wire", "… News Agency") over one that is not.
4. **Length.** The longer text: copies trim.

Otherwise the one read first stays the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Article

__all__ = ["original_of", "credits", "is_wire"]

#: News agencies by name, and words that name an outlet as a wire.
WIRE_NAMES = ("reuters", "associated press", "ap", "afp", "agence france-presse", "agence france presse",
              "bloomberg", "upi", "united press international", "dpa", "xinhua", "pa media", "press association",
              "ansa", "efe", "kyodo", "yonhap", "tass", "interfax", "anadolu", "bernama", "pti", "press trust of india",
              "canadian press", "australian associated press", "aap", "europa press")
_WIRE_WORDS = re.compile(r"\b(?:wire|newswire|news agency|press agency|press service)\b", re.I)
#: Where a text credits an outlet: a dateline "(Outlet)", a credit line.
_CREDIT_PATTERNS = (
    r"\(\s*{name}\s*\)",
    r"\b(?:provided|supplied|distributed|syndicated|reported|written)\s+by\s+(?:the\s+)?{name}\b",
    r"\b(?:reporting|additional reporting|via|source|copyright|©)\s*:?\s*(?:by\s+)?(?:the\s+)?{name}\b",
    r"\b{name}\s+contributed\s+to\s+this\s+(?:report|article|story)",
)


@lru_cache(maxsize=256)
def _credit_pattern(name: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in name.split())
    return re.compile("|".join(p.format(name=words) for p in _CREDIT_PATTERNS), re.I)


def credits(article: Article, outlet: str | None) -> bool:
    """Whether ``article``'s text credits ``outlet`` (a dateline or a credit line)."""
    name = " ".join((outlet or "").split())
    return bool(name) and bool(_credit_pattern(name.lower()).search(article.text))


def is_wire(outlet: str | None) -> bool:
    """Whether an outlet is named as a news agency or wire service."""
    name = " ".join((outlet or "").lower().split())
    return bool(name) and (name in WIRE_NAMES or bool(_WIRE_WORDS.search(name)))


def original_of(first: Article, second: Article) -> Article:
    """The original of two articles that copy one another (``first``: the one grouping read
    first, kept when nothing tells them apart).

    Example:
        >>> wire = Article(source="w", text="BALTIMORE (Capital Wire) — Crews began work.", outlet="Capital Wire",
        ...                published="2024-03-28")
        >>> copy = Article(source="c", text="BALTIMORE (Capital Wire) — Crews began work.", outlet="Lakeshore Herald",
        ...                published="2024-03-28")
        >>> original_of(copy, wire).outlet
        'Capital Wire'
    """
    a, b = first, second
    a_credited, b_credited = credits(b, a.outlet), credits(a, b.outlet)
    if a_credited != b_credited:
        return a if a_credited else b
    da, db = (a.published or "")[:10], (b.published or "")[:10]
    if da and db and da != db:
        return a if da < db else b
    if is_wire(a.outlet) != is_wire(b.outlet):
        return a if is_wire(a.outlet) else b
    if len(a.text) != len(b.text):
        return a if len(a.text) > len(b.text) else b
    return a
