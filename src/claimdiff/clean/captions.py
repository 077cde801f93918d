"""Photo captions and credits: whole caption lines, and captions glued to a sentence or a
paragraph. The agencies and caption keywords are data (``clean/data/captions.jsonl``)."""

from __future__ import annotations

import re

from .lexicon import alternatives
from .lines import CAPTION_MAX_WORDS, SENTENCE_END_GLUED, SENTENCE_END_SPACED, word_count

__all__ = ["caption_cuts", "CAPTION_LINE", "CREDIT_ALONE"]

_AGENCY = alternatives("captions.jsonl", "agency")
_CAPTION_KEYWORD = alternatives("captions.jsonl", "caption_keyword")
_CREDIT_PAREN = re.compile(
    r"\(\s*(?:"
    rf"(?P<kw>{_CAPTION_KEYWORD}(?:\s+(?:by|credit))?\s*[:/-]\s*[^()\n]{{1,80}})"
    r"|(?P<file>file(?:\s+photo)?)"
    rf"|(?P<agency>[^()\n]{{0,60}}?\b{_AGENCY}\b[^()\n]{{0,40}})"
    r")\s*\)",
    re.I,
)
CAPTION_LINE = re.compile(
    rf"^(?:{_CAPTION_KEYWORD}(?:\s+(?:by|credit))?\s*:|file\s+photo\b|main\s+image\s*:|above\s*:|top\s*:)", re.I
)
_CREDIT_SUFFIX = re.compile(rf"(?:/\s*{_AGENCY}|\bfile\s+photo)\s*(?:\)\s*)?\.?$", re.I)
_DASH_AFTER = re.compile(r"\s*(?:--|—|–|-)\s")
_TAIL_START = re.compile(r"[^ .]")
#: At most this many credits on one line are weighed as captions (the last ones): each
#: looks back over the line, so an unbounded number would make the work quadratic.
MAX_CAPTION_CREDITS = 16
#: Words that make a ``Source:`` line a photo credit.
_CREDIT_WORDS = re.compile(rf"/|\b(?:photo|photos|image|images|picture|file|handout|footage|video)\b|\b{_AGENCY}\s*$", re.I)
CREDIT_ALONE = re.compile(rf"^\(?\s*{_AGENCY}(?:\s*/\s*{_AGENCY})*\s*\)?$", re.I)


def _names_a_speaker(line: re.Match[str], text: str) -> bool:
    """True for a ``Source:`` line that names who said it rather than crediting a photo:
    ``Source: the Interior Ministry`` is text, ``Source: Reuters`` or ``Source: Jane
    Doe/Getty Images`` a credit."""
    if not line.group().lower().startswith("source"):
        return False
    rest = text[line.end():].strip(" .")
    return bool(rest) and not CREDIT_ALONE.match(rest) and not _CREDIT_WORDS.search(rest)


def caption_cuts(text: str) -> list[tuple[int, int, str]]:
    """Find captions in one line: ``(start, end, label)`` spans to cut, possibly all of it."""
    stripped = text.strip()
    if not stripped:
        return []
    line = CAPTION_LINE.match(stripped)
    if (line and not _names_a_speaker(line, stripped)) or CREDIT_ALONE.match(stripped):
        return [(0, len(text), "caption")]
    cuts: list[tuple[int, int, str]] = []
    if not _CREDIT_PAREN.search(text) and _CREDIT_SUFFIX.search(stripped):
        glues = list(SENTENCE_END_GLUED.finditer(text))
        if glues:
            return [(glues[-1].end(), len(text), "caption")]
        if word_count(stripped) <= CAPTION_MAX_WORDS:
            return [(0, len(text), "caption")]
    weighed = 0
    for match in reversed(list(_CREDIT_PAREN.finditer(text))):
        if _DASH_AFTER.match(text, match.end()) and not match.group("kw"):
            continue  # "LONDON (Reuters) - …" is a dateline, not a credit
        strong = bool(match.group("kw") or match.group("file")) or bool(
            re.search(r"/|getty|\bvia\b|photo", match.group(), re.I)
        )
        tail = _TAIL_START.search(text, match.end())  # the first character after it, past " ."
        glued_after = match.end() < len(text) and text[match.end()].isupper()
        new_sentence = tail is not None and (tail.group().isupper() or tail.group() in "\"“‘'")
        if tail and not (glued_after or (strong and new_sentence)):
            continue
        weighed += 1
        if weighed > MAX_CAPTION_CREDITS:
            break
        start = _caption_start(text[: match.start()], has_tail=tail is not None)
        if start is None or word_count(text[start: match.start()]) > CAPTION_MAX_WORDS:
            continue
        end = match.end() if tail else len(text)
        cuts.append((start, end, "caption"))
        text = text[:start] + " " * (end - start) + text[end:]  # later matches see the cut
    return cuts


def _caption_start(before: str, *, has_tail: bool) -> int | None:
    """Where a caption that ends with a credit starts in the text ``before`` the credit, or
    None when it has no start there.

    A caption glued after a sentence end ("…Federation.North Korean leader …") starts at
    the glue; the sentence end right before the credit belongs to the caption.
    """
    last = len(before.rstrip()) - 1
    glues = [m.end() for m in SENTENCE_END_GLUED.finditer(before) if m.end() < last]
    if glues:
        return glues[-1]
    if word_count(before) <= CAPTION_MAX_WORDS:
        return 0
    if has_tail:
        return None
    ends = [m.end() for m in SENTENCE_END_SPACED.finditer(before) if m.end() < last]
    return ends[-1] if ends else None
