"""What a line of an article is: headline-like, one sentence, a byline; the shared
limits of the cleaning rules."""

from __future__ import annotations

import re

__all__ = [
    "PARAGRAPH_SEPARATOR", "HEADLINE_MAX_WORDS", "HEADLINE_MAX_CHARS", "CAPTION_MAX_WORDS",
    "BOILERPLATE_MAX_WORDS", "TIMESTAMP_MAX_WORDS", "BIO_TAIL_PARAGRAPHS", "WRAP_MAX_LINE_CHARS",
    "WRAP_MIN_LINE_CHARS", "RELATED_INDENT", "FINAL_PUNCT", "SENTENCE_END_GLUED", "SENTENCE_END_SPACED",
    "BULLET", "norm", "word_count", "headline_like", "one_sentence", "byline",
]

PARAGRAPH_SEPARATOR = "\n\n"
#: A headline/subheading/related link has at most this many words.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250
#: A caption is at most this many words (credits on longer lines cut only the last sentence).
CAPTION_MAX_WORDS = 45
#: Lines of boilerplate (newsletter, cookie, outreach…) are at most this many words.
BOILERPLATE_MAX_WORDS = 60
#: Live-blog timestamp lines are at most this many words.
TIMESTAMP_MAX_WORDS = 12
#: Author bios are looked for among this many last paragraphs.
BIO_TAIL_PARAGRAPHS = 3
#: A block of lines is taken as one hard-wrapped paragraph when its lines are at most this long.
WRAP_MAX_LINE_CHARS = 100
WRAP_MIN_LINE_CHARS = 30
#: Indentation (spaces) that marks a standalone headline as a related-story link in text.
RELATED_INDENT = 2

FINAL_PUNCT = tuple('.!?:;,…"”’\'')
SENTENCE_END_GLUED = re.compile(r"(?<=[a-z0-9%)\]][.!?])[\"”’]?(?=[A-Z\"“])")
SENTENCE_END_SPACED = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"”’]?\s+(?=[A-Z\"“])")

_BYLINE = re.compile(
    r"^(?i:by|author|authors|written\s+by|words\s+by|byline)\s*:?\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|del|van|von|der|al|bin|ibn|le|la|and|&|,)){0,9})"
    r"(?:\s*(?:,|\||/|-|—|–)\s*(?P<org>[A-Z][\w&.' -]{0,40}))?\s*$"
)
BULLET = re.compile(r"^(?:[•·▪►■▶●◦]\s*|[-*–]\s+)")


def norm(text: str) -> str:
    """Casefold, drop punctuation and collapse spaces, for comparing lines."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def word_count(text: str) -> int:
    """Count whitespace-separated words."""
    return len(text.split())


def headline_like(text: str) -> bool:
    """A short line with no final punctuation: a headline, subheading or link title."""
    text = text.strip()
    return (
        1 <= word_count(text) <= HEADLINE_MAX_WORDS
        and len(text) <= HEADLINE_MAX_CHARS
        and not text.endswith(FINAL_PUNCT)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘")
    )


def one_sentence(text: str) -> bool:
    """True when ``text`` holds no sentence break before its end."""
    return SENTENCE_END_SPACED.search(text.strip()) is None


def byline(text: str) -> str | None:
    """Return the author's name when ``text`` is a byline line, else None."""
    match = _BYLINE.match(text.strip())
    if not match or word_count(text) > 14 or text.strip().endswith("."):
        return None
    name = match.group("name").strip(" ,&")
    return re.sub(r"\s+(?:and|&)$", "", name) or None


