"""Hostile and unlucky input to ingest (issue 12): refused with a one-line error naming
it, in bounded memory, and the inputs after it are still read."""

from __future__ import annotations

import io
import json
import tracemalloc

from claimdiff.ingest import iter_sources
from claimdiff.ingest.jsonl import iter_jsonl_stream
from claimdiff.model import Skipped, Source

_GOOD = json.dumps({"id": "a", "text": "The port handled 6,700 containers, officials said."})


def test_huge_jsonl_line_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "dump.jsonl"
    huge = json.dumps({"id": "big", "text": "word " * 4_000_000})  # a 20 MB line
    path.write_text(f"{_GOOD}\n{huge}\n{_GOOD.replace('a', 'c', 1)}\n")
    tracemalloc.start()
    try:
        items = list(iter_sources([str(path)], max_bytes=1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["Source", "Skipped", "Source"]
    assert items[1].source == f"{path}:2" and "is 20 MB, over the 1 MB limit" in items[1].reason
    assert peak < 5_000_000  # the 20 MB line was never held


def test_jsonl_range_keeps_the_line_numbers_of_the_whole_file():
    lines = [_GOOD, "not json", _GOOD.replace('"a"', '"b"'), _GOOD.replace('"a"', '"z"')]
    data = "\n".join(lines).encode() + b"\n"
    start = len(lines[0]) + 1
    end = start + len(lines[1]) + 1 + len(lines[2]) + 1
    handle = io.BytesIO(data)
    handle.seek(start)
    items = list(iter_jsonl_stream(handle, "d.jsonl", 1000, first_line=2, limit=end - start))
    assert [getattr(i, "location", None) or i.source for i in items] == ["d.jsonl:2", "d.jsonl:3"]
    assert "line 2 of d.jsonl is not JSON" in str(items[0])
    assert isinstance(items[1], Source) and items[1].doc_id == "b"
