"""Hostile and unlucky input to ingest (issue 12): refused with a one-line error naming
it, in bounded memory, and the inputs after it are still read."""

from __future__ import annotations

import io
import os
import json
import tracemalloc

import pytest

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


_MIXED = (
    json.dumps({"id": "a", "text": "The port handled 6,700 containers, officials said."}) + "\n"
    + '["not", "an", "object"]\n'
    + json.dumps({"id": "b", "text": "The ministry said 40 ships were waiting."}) + "\n"
)


def _kinds(items):
    return [(type(i).__name__, getattr(i, "doc_id", None) or i.source) for i in items]


def test_jsonl_on_stdin_with_a_bad_line_is_read_as_jsonl():
    for stream in (io.BytesIO(_MIXED.encode()), io.StringIO(_MIXED)):
        items = list(iter_sources(["-"], stdin=stream))
        assert _kinds(items) == [("Source", "a"), ("Skipped", "-:2"), ("Source", "b")]
        assert items[1].code == "CD103" and "line 2 of - is a JSON array, not an object" in items[1].reason


def test_jsonl_file_without_the_suffix_is_told_by_its_content(tmp_path):
    path = tmp_path / "export"
    path.write_text(_MIXED)
    items = list(iter_sources([str(path)]))
    assert _kinds(items) == [("Source", "a"), ("Skipped", f"{path}:2"), ("Source", "b")]


def test_text_whose_later_line_is_an_object_stays_text(tmp_path):
    path = tmp_path / "note"
    path.write_text('The ministry said 40 ships were waiting.\n{"a": 1}\n')
    (item,) = iter_sources([str(path)])
    assert isinstance(item, Source) and item.format == "text"


def _pipe(data: bytes) -> tuple[str, int]:
    """A pipe holding ``data`` (as ``<(cat a)`` gives): its /dev/fd path and read end."""
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    os.close(write_end)
    return f"/dev/fd/{read_end}", read_end


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"Title: Port\n\nThe port handled 6,700 containers, officials said.\n", [("Source", None)]),
        (_MIXED.encode(), [("Source", "a"), ("Skipped", ":2"), ("Source", "b")]),
        (b"", [("Skipped", "is empty")]),
    ],
)
def test_piped_files_are_read(data, expected):
    name, read_end = _pipe(data)
    try:
        items = list(iter_sources([name]))
    finally:
        os.close(read_end)
    assert len(items) == len(expected)
    for item, (kind, detail) in zip(items, expected, strict=True):
        assert type(item).__name__ == kind
        if kind == "Skipped":
            assert detail in item.source or detail in item.reason
            assert item.source.startswith(name)
        elif detail:
            assert item.doc_id == detail
        else:
            assert item.location == name and item.title == "Port"


def test_piped_input_over_the_limit_is_refused():
    name, read_end = _pipe(b"word " * 1000)
    try:
        (item,) = iter_sources([name], max_bytes=100)
    finally:
        os.close(read_end)
    assert isinstance(item, Skipped) and item.reason == (
        f"{name} is over the 100 bytes limit; split it or pass a larger --max-bytes"
    )
