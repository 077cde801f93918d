"""Tests for claimdiff.ingest: every bad input gives a one-line message naming it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.errors import (
    BadJSONL,
    BlockedURL,
    EmptyInput,
    FetchError,
    InputError,
    UnsupportedFormat,
)
from claimdiff.ingest import (
    decode_bytes,
    iter_jsonl,
    iter_sources,
    load_source,
    looks_like_html,
    parse_date,
    parse_header,
)
from claimdiff.model import Skipped, Source

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
GOOD_TEXT = "Title: A test\nDate: 2024-03-05\n\nThe council approved the plan on Monday, the mayor said.\n"


def _write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _one_error(path: Path, **kwargs) -> InputError:
    """Load ``path`` expecting an InputError, check its message is one line naming it."""
    with pytest.raises(InputError) as info:
        load_source(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    assert message.startswith(f"[{info.value.code}] ")
    return info.value


def _skips(items) -> list[Skipped]:
    """Return the Skipped records among ``items``."""
    return [item for item in items if isinstance(item, Skipped)]


# ----------------------------------------------------------------------- good inputs


def test_text_file_with_header():
    (source,) = load_source(FIXTURES / "text_headers.txt")
    assert source.format == "text"
    assert source.title == "City council approves new bridge over the river"
    assert source.published == "2024-03-05"
    assert source.outlet == "Riverside Gazette"
    assert source.url == "https://www.riverside-gazette.example/news/bridge-vote"
    assert source.author == "Ana Lopez"
    assert source.raw.startswith("Title: City council")  # raw keeps the header


def test_html_file_by_extension():
    (source,) = load_source(FIXTURES / "html_page.html")
    assert source.format == "html"
    assert "<article>" in source.raw


def test_html_sniffed_in_txt_file(tmp_path):
    path = _write(tmp_path / "page.txt", "<!DOCTYPE html><html><body><p>Hi there.</p></body></html>")
    assert load_source(path)[0].format == "html"


def test_jsonl_file_fields(tmp_path):
    sources = [s for s in iter_sources([str(FIXTURES / "feed.jsonl")]) if isinstance(s, Source)]
    assert [s.location.rsplit(":", 1)[1] for s in sources] == ["1", "2", "5"]
    first, second, third = sources
    assert first.doc_id == "a1" and first.published == "2024-04-02" and first.url.startswith("https://www.bbc")
    assert second.published == "2024-04-03" and second.author == "Sam Reed" and second.outlet == "Morning Post"
    assert third.format == "html" and third.doc_id == "a4"


def test_decoding_boms_and_charsets():
    assert decode_bytes("\ufeffCafé".encode("utf-8"), "a.txt") == "Café"
    assert decode_bytes("Café".encode("utf-16"), "a.txt") == "Café"
    assert decode_bytes("Café".encode("utf-32"), "a.txt") == "Café"
    greek = '<html><head><meta charset="iso-8859-7"></head><body><p>Αθήνα</p></body></html>'
    assert "Αθήνα" in decode_bytes(greek.encode("iso-8859-7"), "athens.html")


def test_latin1_file_is_read_as_cp1252(tmp_path):
    path = _write(tmp_path / "latin.txt", "Le café a ouvert à Genève, a dit le maire.".encode("latin-1"))
    assert load_source(path)[0].raw == "Le café a ouvert à Genève, a dit le maire."


def test_folder_recursive_sorted_hidden_skipped(tmp_path):
    _write(tmp_path / "b.txt", GOOD_TEXT)
    _write(tmp_path / "a" / "z.md", GOOD_TEXT.replace("plan", "budget"))
    _write(tmp_path / ".hidden.txt", GOOD_TEXT)
    _write(tmp_path / ".git" / "c.txt", GOOD_TEXT)
    _write(tmp_path / "notes.pdf", b"%PDF-1.4\x00\x01")
    locations = [s.location for s in iter_sources([str(tmp_path)])]
    assert locations == [str(tmp_path / "a" / "z.md"), str(tmp_path / "b.txt")]


def test_stdin_text_html_jsonl():
    (text,) = iter_sources(["-"], stdin=io.StringIO("The council met on Monday.\n"))
    assert text.format == "text" and text.location == "-"
    (html,) = iter_sources(["-"], stdin=io.BytesIO(b"<html><body><p>Hello.</p></body></html>"))
    assert html.format == "html"
    lines = '{"text": "One."}\n\n{"text": "Two.", "id": 2}\n'
    items = list(iter_sources(["-"], stdin=io.StringIO(lines)))
    assert [i.location for i in items] == ["-:1", "-:3"]
    assert items[1].doc_id == "2"


def test_header_parsing():
    fields, end = parse_header("TITLE: Hi\nauthor:  Jo Ma \n\nBody.")
    assert fields == {"title": "Hi", "author": "Jo Ma"}
    assert "Body." == "TITLE: Hi\nauthor:  Jo Ma \n\nBody."[end:]
    assert parse_header("The minister said: no.\n\nBody.") == ({}, 0)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-02-27", "2024-02-27"),
        ("2024-02-27T10:32:00Z", "2024-02-27"),
        ("February 27, 2024", "2024-02-27"),
        ("Feb. 27, 2024", "2024-02-27"),
        ("Tuesday, 27 February 2024", "2024-02-27"),
        ("Tue, 27 Feb 2024 10:32:00 +0000", "2024-02-27"),
        ("27.02.2024", "2024-02-27"),
        ("02/27/2024", "2024-02-27"),
        ("27/02/2024", "2024-02-27"),
        ("2024/02/27", "2024-02-27"),
        ("September 2023", "2023-09-01"),
        ("next week", None),
        ("2024-02-31", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_looks_like_html():
    assert looks_like_html("  <!doctype html><html>")
    assert looks_like_html("<div><p>a</p><p>b</p></div>")
    assert not looks_like_html("The price rose 5% <b>today</b>.")


# ------------------------------------------------------------------------ bad inputs


def test_empty_file(tmp_path):
    error = _one_error(_write(tmp_path / "empty.txt", b""))
    assert isinstance(error, EmptyInput)
    assert str(error) == f"[CD106] {tmp_path / 'empty.txt'} is empty"


def test_whitespace_only_file_is_empty(tmp_path):
    assert isinstance(_one_error(_write(tmp_path / "blank.txt", "  \n\n\t\n")), EmptyInput)


def test_binary_file(tmp_path):
    error = _one_error(_write(tmp_path / "notes.pdf", b"%PDF-1.4\n\x00\x00\x01\x02binary"))
    assert isinstance(error, UnsupportedFormat)
    assert "is binary (found NUL bytes), not text or HTML" in str(error)


def test_control_characters_are_binary(tmp_path):
    error = _one_error(_write(tmp_path / "blob.txt", bytes(range(1, 32)) * 20))
    assert isinstance(error, UnsupportedFormat) and "binary" in str(error)


def test_undecodable_file(tmp_path):
    error = _one_error(_write(tmp_path / "garbage.txt", bytes(range(0x80, 0x100)) * 4))
    assert isinstance(error, UnsupportedFormat)
    assert "re-save it as UTF-8" in str(error)


def test_truncated_html(tmp_path):
    error = _one_error(_write(tmp_path / "half.html", "<html><body><p>Half a para"))
    assert "truncated" in str(error)


def test_huge_file(tmp_path):
    path = _write(tmp_path / "big.txt", "word " * 1000)
    error = _one_error(path, max_bytes=1000)
    assert str(error) == f"[CD101] {path} is 5 KB, over the 1 KB limit; split it or pass a larger --max-bytes"


def test_huge_file_default_limit_message(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: nothing is written or read
        handle.truncate(25_300_000)
    error = _one_error(path)
    assert f"{path} is 25.3 MB, over the 20 MB limit; split it or pass a larger --max-bytes" in str(error)


def test_malformed_jsonl_line_is_skipped_with_line_number():
    items = list(iter_sources([str(FIXTURES / "feed.jsonl")]))
    (skip,) = _skips(items)
    assert skip.code == "CD103" and skip.stage == "ingest"
    assert skip.source == f"{FIXTURES / 'feed.jsonl'}:4"
    assert skip.code == "CD103" and skip.reason.startswith(f"line 4 of {FIXTURES / 'feed.jsonl'} is not JSON: Expecting ',' delimiter (col ")
    assert skip.reason.endswith("; fix the line or remove it")
    assert len([i for i in items if isinstance(i, Source)]) == 3


def test_load_source_raises_on_bad_jsonl_line():
    error = _one_error(FIXTURES / "feed.jsonl")
    assert isinstance(error, BadJSONL) and "line 4 of" in str(error)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"title": "No body"}', 'has no "text" or "html" field'),
        ('[1, 2]', "is a JSON array, not an object"),
        ('{"text": 5}', 'has a non-string "text" field'),
        ('{"text": "   "}', 'has an empty "text" field'),
        ('{"html": "<html><body><p>cut"}', "looks truncated"),
    ],
)
def test_bad_jsonl_records(tmp_path, line, expected):
    path = _write(tmp_path / "feed.jsonl", '{"text": "Fine."}\n' + line + "\n")
    items = list(iter_sources([str(path)]))
    assert isinstance(items[0], Source)
    (skip,) = _skips(items)
    assert expected in skip.reason and f"line 2 of {path}" in skip.reason and "\n" not in skip.reason


def test_missing_file():
    (skip,) = list(iter_sources(["no/such/file.txt"]))
    assert skip == Skipped(
        source="no/such/file.txt", stage="ingest", code="CD101",
        reason="no/such/file.txt does not exist; check the path",
    )


def test_folder_with_one_bad_file(tmp_path):
    _write(tmp_path / "1_good.txt", GOOD_TEXT)
    _write(tmp_path / "2_bad.txt", b"\x00\x01\x02\x03")
    _write(tmp_path / "3_good.html", "<html><body><p>The council met.</p></body></html>")
    _write(tmp_path / "4_empty.md", b"")
    items = list(iter_sources([str(tmp_path), "missing.txt"]))
    assert [type(i).__name__ for i in items] == ["Source", "Skipped", "Source", "Skipped", "Skipped"]
    assert [s.code for s in _skips(items)] == ["CD102", "CD106", "CD101"]
    for skip in _skips(items):
        assert skip.source in skip.reason and "\n" not in skip.reason


def test_empty_stdin():
    (skip,) = list(iter_sources(["-"], stdin=io.BytesIO(b"")))
    assert skip.code == "CD106" and "stdin is empty" in skip.reason


def test_stdin_over_limit():
    (skip,) = list(iter_sources(["-"], stdin=io.StringIO("x" * 50), max_bytes=10))
    assert skip.code == "CD101" and "over the 10 bytes limit" in skip.reason


# ----------------------------------------------------------------------------- URLs


class FakeFetcher:
    """Serves canned pages instead of the network."""

    def __init__(self, pages: dict[str, tuple[bytes, str]]) -> None:
        self.pages = pages

    def fetch(self, url: str) -> tuple[bytes, str]:
        """Return the canned page or raise FetchError."""
        if url not in self.pages:
            raise FetchError(f"{url} returned 404; check the address", source=url)
        return self.pages[url]


def test_url_without_fetcher_is_skipped():
    (skip,) = list(iter_sources(["https://news.example.org/a"]))
    assert skip.code == FetchError.code and "claimdiff ingest" in skip.reason


def test_url_through_fetcher():
    page = b"<html><body><p>The council met.</p></body></html>"
    fetcher = FakeFetcher({"https://news.example.org/a": (page, "text/html; charset=utf-8")})
    items = list(iter_sources(["https://news.example.org/a", "https://news.example.org/b"], fetcher=fetcher))
    assert isinstance(items[0], Source) and items[0].format == "html" and items[0].url == items[0].location
    assert items[1].code == "CD104" and "404" in items[1].reason


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://localhost:8000/", "http://10.0.0.5/a", "http://[::1]/"])
def test_blocked_urls(url):
    (skip,) = list(iter_sources([url], fetcher=FakeFetcher({})))
    assert skip.code == BlockedURL.code and url in skip.reason


# ----------------------------------------------------------------------- properties

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)
_record = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.text(max_size=40), st.integers()),
        "html": st.text(max_size=40),
        "id": _json_values,
        "title": _json_values,
        "published": st.text(max_size=20),
        "date": _json_values,
        "url": _json_values,
    },
)
_line = st.one_of(
    st.text(max_size=60).map(lambda t: t.replace("\n", " ")),
    _record.map(json.dumps),
    _json_values.map(json.dumps),
    _record.map(lambda r: json.dumps(r)[:-1]),  # truncated object
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=6))
def test_jsonl_reader_never_raises(lines):
    text = "\n".join(lines)
    for item in iter_jsonl(text, "feed.jsonl"):
        assert isinstance(item, (Source, InputError))
        if isinstance(item, InputError):
            assert "\n" not in str(item) and "of feed.jsonl" in str(item)
    for item in iter_sources(["-"], stdin=io.StringIO(text)):
        assert isinstance(item, (Source, Skipped))


def test_jsonl_streams_and_limits_each_record_not_the_file(tmp_path):
    path = tmp_path / "dump.jsonl"
    good = json.dumps({"id": "a", "text": "The port handled 6,700 containers, officials said."})
    big = json.dumps({"id": "b", "text": "x " * 400})
    path.write_bytes((good + "\n" + big + "\n").encode() + b'{"text": "caf\xe9"}\n' + (good.replace('"a"', '"c"') + "\n").encode())
    items = list(iter_sources([str(path)], max_bytes=300))
    sources = [i for i in items if isinstance(i, Source)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.doc_id for s in sources] == ["a", "c"]  # the file is over 300 bytes; each good record is not
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:3"]
    assert "over the" in skipped[0].reason and "not UTF-8" in skipped[1].reason
