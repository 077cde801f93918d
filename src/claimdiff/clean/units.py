"""Paragraph candidates (:class:`Unit`) with an offset for every character, and the
rendering of the kept parts into the cleaned text and its offset map."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import BULLET, FINAL_PUNCT, PARAGRAPH_SEPARATOR, WRAP_MAX_LINE_CHARS, WRAP_MIN_LINE_CHARS, byline

__all__ = ["Unit", "split_units", "render"]


@dataclass(slots=True)
class Unit:
    """One paragraph candidate: its text and, for every character, the base offset."""

    text: str
    pos: list[int]
    indent: int = 0
    alone: bool = True  # the only line of its blank-line-separated block
    ranges: list[tuple[int, int]] = field(default_factory=list)  # kept parts of ``text``

    def kept(self) -> str:
        """Return the kept text, parts joined by a space and whitespace collapsed: what the
        rules compare (headline repeats, duplicates), not what ``render`` writes."""
        return " ".join(" ".join(self.text[a:b].split()) for a, b in self.ranges if self.text[a:b].strip())

    def cut(self, start: int, end: int) -> None:
        """Drop ``text[start:end]`` from the kept ranges."""
        out = []
        for a, b in self.ranges:
            if b <= start or a >= end:
                out.append((a, b))
                continue
            if a < start:
                out.append((a, start))
            if end < b:
                out.append((end, b))
        self.ranges = [(a, b) for a, b in out if self.text[a:b].strip()]


def split_units(base: str, start: int, *, line_paragraphs: bool) -> list[Unit]:
    """Split ``base[start:]`` into paragraph candidates with per-character base offsets.

    Blank lines separate blocks. A block whose lines look hard-wrapped becomes one unit;
    otherwise (and always when ``line_paragraphs``) every line is its own unit.
    """
    lines: list[tuple[int, int, int]] = []  # (start, end, indent) of stripped lines
    blocks: list[list[tuple[int, int, int]]] = []
    for match in re.finditer(r"[^\n]*(?:\n|$)", base[start:]):
        if not match.group():
            break
        a, b = start + match.start(), start + match.end()
        line = base[a:b]
        stripped = line.strip()
        if not stripped:
            if lines:
                blocks.append(lines)
                lines = []
            continue
        lead = len(line) - len(line.lstrip())
        indent = len(line[:lead].expandtabs(4).replace("\n", ""))
        a2 = a + lead
        lines.append((a2, a2 + len(stripped), indent))
    if lines:
        blocks.append(lines)

    units = []
    for block in blocks:
        if not line_paragraphs and _wrapped(base, block):
            text_parts, pos = [], []
            for i, (a, b, _) in enumerate(block):
                if i:
                    text_parts.append(" ")
                    pos.append(block[i - 1][1])
                text_parts.append(base[a:b])
                pos.extend(range(a, b))
            text = "".join(text_parts)
            units.append(Unit(text=text, pos=pos, indent=block[0][2], alone=False, ranges=[(0, len(text))]))
            continue
        for a, b, indent in block:
            text = base[a:b]
            units.append(Unit(text=text, pos=list(range(a, b)), indent=indent, alone=len(block) == 1,
                               ranges=[(0, len(text))]))
    return units


def _wrapped(base: str, block: list[tuple[int, int, int]]) -> bool:
    """True when a block's lines are one hard-wrapped paragraph rather than separate lines."""
    if len(block) < 2:
        return False
    heads = [base[a:b] for a, b, _ in block[:-1]]
    if any(len(line) > WRAP_MAX_LINE_CHARS for line in heads):
        return False
    if any(BULLET.match(base[a:b]) or byline(base[a:b]) for a, b, _ in block[1:]):
        return False
    if any(len(line) < WRAP_MIN_LINE_CHARS for line in heads):
        return False
    open_ended = sum(1 for line in heads if not line.endswith(FINAL_PUNCT + (")",)))
    return open_ended * 2 >= len(heads)


def render(units: list[Unit], base: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join kept units into the cleaned text and build the (clean, base) offset map.

    Each kept part of a unit is written as the source's own characters (``base`` from its
    first to its last visible character): a double space, a no-break space or the line
    break of a hard-wrapped paragraph stay as they are, so a claim's text is found in the
    input verbatim and every offset maps back one to one. Parts of a unit (around a cut
    caption) are joined by a space, units by ``PARAGRAPH_SEPARATOR``.
    """
    parts: list[str] = []
    pairs: list[tuple[int, int]] = []
    length = 0
    delta: int | None = None
    for unit in units:
        pieces = [piece for a, b in unit.ranges if (piece := _source_span(unit, a, b))]
        if not pieces:
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            length += len(PARAGRAPH_SEPARATOR)
        for i, (lo, hi) in enumerate(pieces):
            if i:
                parts.append(" ")
                length += 1
            if delta is None or lo - length != delta:
                delta = lo - length
                pairs.append((length, lo))
            parts.append(base[lo:hi])
            length += hi - lo
    return "".join(parts), tuple(pairs)


def _source_span(unit: Unit, a: int, b: int) -> tuple[int, int] | None:
    """The ``base`` span of ``unit.text[a:b]`` without its outer whitespace, None when blank.

    The characters between two of a unit's offsets are its own (a hard-wrapped block only
    leaves out the whitespace around its line breaks), so the span is contiguous.
    """
    part = unit.text[a:b]
    lead, kept = len(part) - len(part.lstrip()), len(part.rstrip())
    if lead >= kept:
        return None
    return unit.pos[a + lead], unit.pos[a + kept - 1] + 1
