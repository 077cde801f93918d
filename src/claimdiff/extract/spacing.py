"""The source's whitespace and the rules' plain spaces.

A cleaned article keeps the source's own characters inside a paragraph: a no-break space,
a tab, a double space, the line break of a hard-wrapped paragraph (see ``clean.units``).
The claim rules, the prefilter and the parser were written for (and spaCy was trained on)
text with plain spaces: spaCy makes a no-break space or a line break a token of its own,
and a pattern such as ``according to`` is spelt with a plain space. So extraction reads
a copy of the text of the same length in which every whitespace character inside a
paragraph is a plain space (:func:`plain_spaces`), and every offset it finds holds for
the article text as it is; the evidence, a claim's ``text`` and ``sentence``, is then
taken from the article text itself (:func:`with_source_text`), so it is found verbatim in
the input. Words read as labels (a speaker's mention, a quantity's or time scope's words)
keep plain spaces: a no-break space is layout, not wording.

One exception: a no-break, thin or figure space between groups of three digits is a
thousands separator ("3\u00a0000", "12\u202f500\u202f000", the SI and French style), so
the copy has a comma there ("3,000"), the separator the number rules read. A plain space
between digits is left alone: "in 2023 400 people" is a year and a count.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Article, Claim, Extraction

__all__ = ["plain_spaces", "plain_article", "with_source_text"]

#: Whitespace other than the line feed (which separates paragraphs), each read as a space.
_SPACES = str.maketrans({ch: " " for ch in "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003"
                         "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"})
#: Digits grouped by threes with a no-break, thin or figure space (not after a digit, a
#: point or a comma, so a year or a decimal is never the first group).
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[\xa0\u2007\u2009\u202f]\d{3})+(?![\d]|[\xa0\u2007\u2009\u202f]\d)")
_GROUP_SPACE = re.compile(r"[\xa0\u2007\u2009\u202f]")
#: A line break inside a paragraph (paragraphs are separated by a blank line).
_INNER_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def plain_spaces(text: str) -> str:
    """``text`` with every whitespace character inside a paragraph made a plain space;
    the same length, so every offset holds for both.

    >>> plain_spaces("3\\u00a0000 people\\nleft.\\n\\nThen\\train.")
    '3,000 people left.\\n\\nThen rain.'
    """
    if "\xa0" in text or "\u2007" in text or "\u2009" in text or "\u202f" in text:
        text = _GROUPED.sub(lambda m: _GROUP_SPACE.sub(",", m.group()), text)
    return _INNER_BREAK.sub(" ", text.translate(_SPACES))


def plain_article(article: Article) -> Article:
    """The article as extraction reads it (:func:`plain_spaces`); the article itself when
    its text has nothing to change. The id stays the article's."""
    text = plain_spaces(article.text)
    return article if text == article.text else replace(article, text=text)


def with_source_text(extraction: Extraction, article: Article) -> Extraction:
    """``extraction`` (made from ``plain_article(article)``) with ``article`` back and each
    claim's ``text`` and ``sentence`` in the article's own characters."""
    if extraction.article is article:
        return extraction
    plain, text = extraction.article.text, article.text

    def source(words: str | None, start: int | None, end: int | None) -> str | None:
        if words is None or start is None or end is None or words != plain[start:end]:
            return words
        return text[start:end]

    def claim(c: Claim) -> Claim:
        return replace(c, text=source(c.text, c.start, c.end) or c.text,
                       sentence=source(c.sentence, c.sentence_start, c.sentence_end))

    return replace(extraction, article=article, claims=tuple(map(claim, extraction.claims)))
