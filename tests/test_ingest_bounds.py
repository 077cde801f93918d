"""Reading and cleaning an input costs time and memory linear in its size (issue 12).

Hypothesis builds long inputs out of short generated blocks (prose, runs of punctuation,
credits, dates, tag soup, header lines) repeated to ~100 KB, as text, HTML, HTML with every
piece in an inline tag, deeply nested HTML and a JSONL record; inline-tag-heavy HTML is also
read at 1 MB, past the size where trafilatura's time grows faster than the page. Each must be read and cleaned, giving Sources, Skipped records,
Articles or a one-line ClaimdiffError, within a generous bound: a step quadratic in the
input takes minutes on these sizes where the linear path takes about a second. The bound
is the CPU time of this process (other processes on the machine do not count); memory is
the peak of Python allocations (tracemalloc, measured apart: it slows allocation down).
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import htmldate  # noqa: F401  (imported here, so that no timing includes the import)
import pytest
import trafilatura  # noqa: F401
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimdiff.clean import clean
from claimdiff.errors import ClaimdiffError
from claimdiff.ingest import iter_sources
from claimdiff.model import Article, Skipped, Source

SIZE = 100_000
#: Generous: the linear path needs about 1 s of CPU for 100 KB (HTML through trafilatura);
#: the quadratic steps found took 10 s to minutes.
CPU_SECONDS = 12.0
#: The time for 4x the input may be at most this many times the time for 1x (linear: 4,
#: quadratic: 16), plus a slack for timer noise on small times.
GROWTH = 8
SLACK_SECONDS = 0.5
#: Per character of input, plus a constant for trafilatura and lxml (they keep a copy
#: of every node, and clean keeps an offset per character).
BYTES_PER_CHAR = 400
BASE_BYTES = 30_000_000

_FRAGMENTS = [
    "The minister said about 6,700 shells were delivered since August. ",
    "Ships waited.Cranes at the port (Reuters)Next ",
    "(Photo: Getty Images) ", "LONDON (Reuters) - ", "By Jane Doe ", "Title: x    ",
    "On 3 March 2023 and March 4, 2024, ", "Updated 10:32 GMT ", "Sign up for our newsletter ",
    "<p>", "</p>", "<b>", "<div class='x'>", "</div>", "<a href='#'>", "</a>", "<!-- c -->", "&amp;",
    "....", " !?!? ", "((((", "))))", "\"“”’'", " / AFP", "—", "\n", "\n\n", "    ", "\t",
]
_block = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(alphabet="ab .,;:!?()[]/<>-\"'\n", max_size=12)),
    min_size=1,
    max_size=8,
).map("".join).filter(lambda block: block.strip())


def _repeat(block: str, size: int) -> str:
    return (block * (size // len(block) + 1))[:size]


def _input(shape: str, block: str, size: int = SIZE) -> tuple[str, str]:
    """``(suffix, content)`` of about ``size`` characters."""
    body = _repeat(block, size)
    if shape == "html":
        return ".html", f"<html><head><title>Port</title></head><body><article>{body}</article></body></html>"
    if shape == "inline":
        unit = f"<p><b>{block}</b> <i>{block}</i> <a href='#'>{block}</a><span>{block}</span></p>"
        return ".html", f"<html><body><article>{_repeat(unit, size)}</article></body></html>"
    if shape == "nested":
        depth = size // 24
        return ".html", f"<html><body>{'<div><p>' * depth}{block}{'</p></div>' * depth}</body></html>"
    if shape == "header":
        return ".txt", f"Title: x{body}y\n\nThe port handled 6,700 containers, officials said."
    if shape == "jsonl":
        return ".jsonl", json.dumps({"title": body[: size // 2], "text": body}) + "\n"
    return ".txt", body


def _read_and_clean(path: str) -> None:
    for item in iter_sources([path], max_bytes=SIZE * 8):
        assert isinstance(item, (Source, Skipped))
        if isinstance(item, Skipped):
            assert "\n" not in item.reason
            continue
        try:
            assert isinstance(clean(item), Article)
        except ClaimdiffError as exc:
            assert "\n" not in str(exc)


_SHAPES = ["text", "header", "html", "inline", "nested", "jsonl"]


def _cpu_seconds(folder: Path, shape: str, block: str, size: int) -> float:
    """CPU seconds to read and clean the input of ``shape`` built from ``block``."""
    suffix, content = _input(shape, block, size)
    path = folder / f"input-{size}{suffix}"
    path.write_text(content, encoding="utf-8")
    start = time.process_time()
    _read_and_clean(str(path))
    return time.process_time() - start


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(_SHAPES), block=_block)
@example(shape="text", block="Ships waited.Cranes at the port (Reuters)Next ")  # captions glued to credits
@example(shape="header", block="    ")  # a header value with a long run of spaces
@example(shape="text", block="On 3 March 2023 and March 4, 2024, ")  # a date every few words
@example(shape="jsonl", block="Port (AP) Port (AP) ")  # a headline as long as the article
@example(shape="jsonl", block=")?:();)?./?(\n.> ")  # a headline of punctuation only: no words to repeat
def test_time_grows_linearly_with_the_input(tmp_path, shape, block):
    small = _cpu_seconds(tmp_path, shape, block, SIZE // 4)
    large = _cpu_seconds(tmp_path, shape, block, SIZE)
    assert large < CPU_SECONDS, f"{shape} input built from {block!r} took {large:.1f} s of CPU"
    # Four times the input: about four times the time; a quadratic step gives sixteen.
    assert large < GROWTH * small + SLACK_SECONDS, (
        f"{shape} input built from {block!r}: {small:.2f} s for {SIZE // 4:,} characters, {large:.2f} s for {SIZE:,}"
    )


@pytest.mark.parametrize("shape", _SHAPES)
def test_memory_is_linear_in_the_input(tmp_path, shape):
    block = "Ships waited.Cranes at the port (Reuters)Next <b>((((ab.,;</b> / AFP "
    suffix, content = _input(shape, block, size=SIZE // 2)
    path = tmp_path / f"input{suffix}"
    path.write_text(content, encoding="utf-8")
    tracemalloc.start()
    try:
        _read_and_clean(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < BASE_BYTES + BYTES_PER_CHAR * len(content), f"{shape} from {block!r} peaked at {peak:,} bytes"


def test_inline_tag_heavy_html_is_read_in_linear_time(tmp_path):
    """A 1 MB page with every word in an inline tag (trafilatura alone: ~27 s) is read by
    the linear reader, and 4x the page costs about 4x the time."""
    block = "The port handled 6,700 boxes, officials said."
    small = _cpu_seconds(tmp_path, "inline", block, 250_000)
    large = _cpu_seconds(tmp_path, "inline", block, 1_000_000)
    assert large < CPU_SECONDS, f"1 MB of inline-tag-heavy HTML took {large:.1f} s of CPU"
    assert large < GROWTH * small + SLACK_SECONDS, f"{small:.2f} s for 250 KB, {large:.2f} s for 1 MB"
    suffix, content = _input("inline", block, 1_000_000)
    article = clean(Source(location=f"big{suffix}", raw=content, format="html"))
    assert "html_fallback" in article.removed
    assert article.text.startswith("The port handled 6,700 boxes, officials said. The port")
