#!/usr/bin/env python3
"""Ingest and clean time per input size: the growth from a small to a large input of the
same shape should be about the size ratio (linear), never its square.

    python bench/ingest_linear.py [--sizes 100000 1000000] [--shapes prose one-line ...]

Each shape is generated here (our own words, no third-party text) at every size and read
the way ``claimdiff`` reads a file: ``iter_sources`` (decode, sniff, header) then
``clean``. Prints CPU seconds per size and the time ratio beside the size ratio; for HTML,
``(linear reader)`` marks the sizes read by ``clean.html_linear`` instead of trafilatura.
The ``inline`` shape (every word in an inline tag) is where trafilatura alone grows
faster than the page: about 0.5 s at 100 KB, 6 s at 600 KB, 27 s at 1 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from claimdiff.clean import clean  # noqa: E402
from claimdiff.errors import ClaimdiffError  # noqa: E402
from claimdiff.ingest import iter_sources  # noqa: E402
from claimdiff.model import Source  # noqa: E402

SENTENCE = "The minister said about {n:,} shells were delivered since August (Reuters). "


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def make(shape: str, size: int) -> tuple[str, str]:
    """Return ``(suffix, content)`` of about ``size`` characters for ``shape``."""
    if shape == "prose":  # paragraphs of sentences, as an article is
        para = "".join(SENTENCE.format(n=i * 7 + 3) for i in range(6)) + "\n\n"
        return ".txt", "Title: Shells\nDate: 2024-02-27\n\n" + _repeat(para, size)
    if shape == "one-line":  # the whole article on one line
        return ".txt", "".join(SENTENCE.format(n=i * 7 + 3) for i in range(size // 60 + 1))[:size]
    if shape == "punctuation":  # runs of punctuation, spaces and credits
        return ".txt", _repeat("A. (AP) ... !? -- (Photo: Getty) ;; , .. \"\" '' (Reuters)/ ", size)
    if shape == "credits":  # captions glued to sentences, each with an agency credit
        return ".txt", _repeat("Ships waited.Cranes at the port (Reuters)Next ", size)
    if shape == "header-spaces":  # a header line with a long run of spaces
        return ".txt", "Title: x" + " " * size + "y\n\nThe port handled 6,700 containers, officials said."
    if shape == "dates":  # a date every few words
        return ".txt", _repeat("On 3 March 2023 and March 4, 2024, officials said 40 ships waited. ", size)
    if shape == "markup":  # tag soup
        body = _repeat("<p>The port <b>handled</b> <i>6,700</i> <a href='#'>boxes</a>, officials said.</p>", size)
        return ".html", f"<html><head><title>Port</title></head><body><article>{body}</article></body></html>"
    if shape == "inline":  # every word in an inline tag: trafilatura's super-linear case
        words = ("<span>The</span> <b>port</b> <i>handled</i> <a href='#'>6,700</a> <em>boxes</em>, "
                 "<strong>officials</strong> <span class='x'>said</span>.")
        body = _repeat(f"<p>{words} {words}</p>\n", size)
        return ".html", f"<html><head><title>Port</title></head><body><article>{body}</article></body></html>"
    if shape == "nested":  # deeply nested elements
        depth = size // 12
        return ".html", ("<html><body>" + "<div><span>" * depth + "The port handled 6,700 boxes, officials said."
                         + "</span></div>" * depth + "</body></html>")
    raise ValueError(shape)


SHAPES = ("prose", "one-line", "punctuation", "credits", "header-spaces", "dates", "markup", "inline", "nested")


def run(shape: str, size: int, folder: Path) -> tuple[float, bool]:
    """CPU seconds to ingest and clean one generated input, and whether the linear HTML
    reader (not trafilatura) read it."""
    suffix, content = make(shape, size)
    path = folder / f"{shape}-{size}{suffix}"
    path.write_text(content)
    start = time.process_time()  # CPU time of this process: other load does not count
    linear = False
    for item in iter_sources([str(path)], max_bytes=size * 4 + 1000):
        if isinstance(item, Source):
            try:
                linear |= "html_fallback" in clean(item).removed
            except ClaimdiffError:
                pass
    return time.process_time() - start, linear


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=SHAPES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes:
            runs = [run(shape, size, Path(tmp)) for size in args.sizes]
            times = [t for t, _ in runs]
            cells = "  ".join(
                f"{size / 1000:,.0f} KB {t:6.2f} s{' (linear reader)' if linear else ''}"
                for size, (t, linear) in zip(args.sizes, runs, strict=True)
            )
            ratio = times[-1] / max(times[0], 1e-6)
            print(f"{shape:14} {cells}  time x{ratio:.1f} for size x{args.sizes[-1] / args.sizes[0]:.0f}")


if __name__ == "__main__":
    main()
