"""A paragraph keeps the source's own whitespace: claims are found verbatim in the raw input
and every cleaned offset maps back to the same raw character (issue 9)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.clean import clean
from claimdiff.extract import extract
from claimdiff.extract.spacing import plain_article, plain_spaces
from claimdiff.model import Source

# One paragraph with a double space, a no-break space (also as a thousands separator), a
# hard-wrap line break and a tab; a second paragraph with a no-break space in its quote.
RAW = (
    "Title: Ferry service resumes\n\n"
    "The ferry company  said on Friday that 2\u00a0400 passengers had crossed\n"
    "the strait since the\u00a0service resumed in\tApril.\n\n"
    "\u201cWe expect the busiest\u00a0summer in a decade,\u201d said operations manager Lena Holt.\n"
)


def _article():
    source = Source(location="ferry.txt", raw=RAW)
    return source, clean(source)


def test_cleaned_paragraph_keeps_the_source_characters():
    source, article = _article()
    first = "The ferry company  said on Friday that 2\u00a0400 passengers had crossed\nthe strait"
    assert first in article.text
    assert "in\tApril." in article.text
    assert "\n\n" in article.text  # paragraphs are still separated by a blank line
    for i, char in enumerate(article.text):
        if article.text[i:i + 2] != "\n\n" and article.text[i - 1:i + 1] != "\n\n":
            assert source.raw[article.raw_offset(i)] == char, i


def test_claims_are_found_verbatim_in_the_raw_input(nlp):
    source, article = _article()
    claims = extract(article, nlp).claims
    texts = [c.text for c in claims]
    assert any("2\u00a0400 passengers had crossed\nthe strait" in t for t in texts), texts
    assert any(t == "We expect the busiest\u00a0summer in a decade" for t in texts), texts
    for claim in claims:
        assert claim.text == article.text[claim.start:claim.end]
        assert claim.sentence == article.text[claim.sentence_start:claim.sentence_end]
        raw_start = article.raw_offset(claim.start)
        assert source.raw[raw_start:raw_start + len(claim.text)] == claim.text
        assert claim.text in source.raw


def test_extraction_reads_plain_spaces_with_the_same_offsets(nlp):
    _, article = _article()
    claims = extract(article, nlp).claims
    holt = next(c for c in claims if c.text.startswith("We expect"))
    assert holt.speaker is not None and holt.speaker.name == "Lena Holt"
    view = plain_article(article)
    assert view.id == article.id and len(view.text) == len(article.text)
    assert "\u00a0" not in view.text and "\t" not in view.text
    assert view.text.count("\n") == article.text.count("\n\n") * 2


def test_plain_spaces_keeps_paragraph_breaks_and_length():
    text = "a\u00a0b\tc\nd\r\ne\n\nf\u2009g"
    plain = plain_spaces(text)
    assert len(plain) == len(text)
    assert plain == "a b c d  e\n\nf g"


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_GAP = st.sampled_from([" ", "  ", "\u00a0", " \u00a0", "\t", "   ", "\n", " \n  "])


@st.composite
def _paragraph(draw) -> str:
    """A sentence of random words joined by random runs of inner whitespace and line
    breaks (a hard-wrapped paragraph, or lines of their own)."""
    words = draw(st.lists(_WORD, min_size=4, max_size=14))
    gaps = [draw(_GAP) for _ in words[1:]]
    text = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    return text[0].upper() + text[1:] + "."


@settings(max_examples=60, deadline=None)
@given(st.lists(_paragraph(), min_size=1, max_size=4))
def test_paragraph_content_maps_back_to_the_same_raw_characters(paragraphs):
    raw = "\n\n".join(paragraphs) + "\n"
    article = clean(Source(location="p.txt", raw=raw))
    # Rules may drop a paragraph (a repeat, a headline) and lines may be paragraphs of
    # their own; what is kept is the source's, as is.
    for kept in article.text.split("\n\n"):
        assert kept == kept.strip() and any(kept in p for p in paragraphs), kept
    for match in re.finditer(r"[^\n]+", article.text):
        start = article.raw_offset(match.start())
        assert raw[start:start + len(match.group())] == match.group()


def test_whitespace_inside_a_paragraph_does_not_change_the_article_id():
    _, article = _article()
    plain = clean(Source(location="other.txt", raw=" ".join(RAW.split(" ")).replace("\u00a0", " ")
                         .replace("  ", " ").replace("crossed\nthe", "crossed the").replace("\t", " ")))
    assert plain.text != article.text and " ".join(plain.text.split()) == " ".join(article.text.split())
    assert plain.id == article.id
    assert clean(Source(location="x.txt", raw=RAW.replace("2\u00a0400", "2\u00a0500"))).id != article.id
