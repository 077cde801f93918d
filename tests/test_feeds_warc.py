"""Tests for RSS/Atom feed and WARC input in claimdiff.ingest: every entry or archived
page becomes a Source, every bad one a one-line Skipped, and reading goes on."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import httpx
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimdiff.fetch import HttpFetcher
from claimdiff.ingest import iter_feed, iter_sources, iter_warc, load_source, looks_like_feed
from claimdiff.model import Skipped, Source

WEB = Path(__file__).parent / "fixtures" / "web"
FEED = WEB / "harbour.rss"
PIER_URL = "https://harbour-herald.example/news/new-pier"
WARC_DATE = "2024-03-05T10:00:00Z"


def _fetcher(pages: dict[str, tuple[int, str, bytes]]) -> HttpFetcher:
    """An HttpFetcher serving ``pages`` (keyed by host + path) through a mock transport."""

    def handler(request: httpx.Request) -> httpx.Response:
        status, content_type, body = pages.get(f"{request.headers['host']}{request.url.path}", (404, "text/html", b""))
        return httpx.Response(status, headers={"content-type": content_type}, content=body)

    return HttpFetcher(transport=httpx.MockTransport(handler), resolver=lambda host, port: ["93.184.215.14"])


PIER_FETCHER_PAGES = {
    "harbour-herald.example/news/new-pier": (200, "text/html; charset=utf-8", (WEB / "new-pier.html").read_bytes()),
}


def _one_line(skip: Skipped, *names: str) -> None:
    """Check a Skipped reason is one coded line naming each of ``names``."""
    assert "\n" not in skip.reason and not skip.reason.startswith("[")  # the code is a field of its own
    for name in names:
        assert name in skip.reason


# ----------------------------------------------------------------------------- feeds


def test_feed_entries_with_content_and_one_fetched():
    items = list(iter_sources([str(FEED)], fetcher=_fetcher(PIER_FETCHER_PAGES)))
    assert all(isinstance(item, Source) for item in items), items
    port, ferry, pier = items
    assert [s.location for s in items] == [f"{FEED}#1", f"{FEED}#2", PIER_URL]
    assert port.format == ferry.format == pier.format == "html"
    assert port.title == "Port handled 6,700 containers last week, authority says"
    assert port.url == "https://harbour-herald.example/news/port-containers"
    assert port.published == "2024-03-05"  # as the outlet dated it, not the next day in UTC
    assert port.author == "Mira Koenig" and port.outlet == "Harbour Herald" and port.doc_id == "hh-2024-0305-01"
    assert "about 6,700 containers last week" in port.raw and "<title>Port handled" in port.raw
    assert "The port had a busy week." not in port.raw  # the teaser is not the text
    assert ferry.published == "2024-03-04" and "rise by 3% from April" in ferry.raw
    # The fetched page keeps its own HTML and takes the feed's metadata.
    assert "240-metre pier" in pier.raw and "<nav>" in pier.raw
    assert (pier.title, pier.url, pier.published, pier.outlet, pier.doc_id) == (
        "Council approves new pier", PIER_URL, "2024-03-03", "Harbour Herald", "hh-2024-0303-03",
    )


def test_feed_entry_without_content_and_without_fetcher_is_skipped():
    items = list(iter_sources([str(FEED)]))
    assert [type(item).__name__ for item in items] == ["Source", "Source", "Skipped"]
    skip = items[2]
    assert skip.code == "CD104" and skip.source == PIER_URL
    _one_line(skip, f"entry 3 of {FEED}", PIER_URL, "claimdiff ingest")


def test_feed_entry_fetch_failure_skips_only_that_entry():
    items = list(iter_sources([str(FEED), str(WEB / "river.atom")], fetcher=_fetcher({})))
    assert [type(item).__name__ for item in items] == ["Source", "Source", "Skipped", "Source"]
    skip = items[2]
    assert skip.code == "CD104" and skip.source == PIER_URL
    _one_line(skip, f"entry 3 of {FEED}: {PIER_URL} returned HTTP 404")


def test_atom_feed():
    (source,) = load_source(WEB / "river.atom")
    assert source.location == f"{WEB / 'river.atom'}#1"
    assert source.title == "Bridge vote passes 7 to 2"  # HTML title flattened to text
    assert source.published == "2024-03-05" and source.author == "Ana Lopez"
    assert source.outlet == "Riverside Gazette" and source.doc_id == "urn:uuid:bridge-vote-2024"
    assert source.url == "https://www.riverside-gazette.example/news/bridge-vote"
    assert "seven votes to two" in source.raw


def test_feed_from_a_url_resolves_relative_links():
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Pier News</title>
      <item><title>Council approves new pier</title><link>/news/new-pier</link></item>
    </channel></rss>"""
    pages = dict(PIER_FETCHER_PAGES)
    pages["harbour-herald.example/feed"] = (200, "application/rss+xml", feed)
    (source,) = iter_sources(["https://harbour-herald.example/feed"], fetcher=_fetcher(pages))
    assert source.url == source.location == PIER_URL and source.outlet == "Pier News"


def test_malformed_feed_is_skipped():
    (skip,) = iter_sources([str(WEB / "broken.rss")])
    assert skip.code == "CD102"
    _one_line(skip, str(WEB / "broken.rss"), "not a readable RSS/Atom feed", "line 2")


def test_feed_cut_short_gives_its_entries_then_a_skip():
    path = WEB / "cut-short.rss"
    items = list(iter_sources([str(path)]))
    assert isinstance(items[0], Source) and "Water levels fell" in items[0].raw
    assert isinstance(items[-1], Skipped) and items[-1].source == str(path)
    _one_line(items[-1], str(path), "is malformed")
    assert all(isinstance(item, Skipped) for item in items[1:])


def test_xml_that_is_not_a_feed():
    (skip,) = iter_sources([str(WEB / "sitemap.xml")])
    assert skip.code == "CD102"
    _one_line(skip, "sitemap.xml is not an RSS or Atom feed")


def test_feed_with_no_entries():
    (error,) = iter_feed(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "quiet.rss")
    assert str(error) == "[CD106] quiet.rss is a feed with no entries"


def test_feed_sniffing():
    assert looks_like_feed('\ufeff<?xml version="1.0"?>\n<!-- hi -->\n<rss version="2.0">')
    assert looks_like_feed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    assert looks_like_feed('<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not looks_like_feed("<html><body><p>rss feed</p></body></html>")
    assert not looks_like_feed("<feedback/>")


def test_feed_never_reads_a_path_or_url_itself(tmp_path, monkeypatch):
    # feedparser opens strings and bytes that name a file or a URL; we only hand it a stream.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "<rss>").write_text("secret")
    items = list(iter_feed(b"<rss>", "odd.rss"))
    assert len(items) == 1 and "secret" not in str(items[0])


# ------------------------------------------------------------------------------ WARC


def _response(writer: WARCWriter, uri: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
    """Write one HTTP response record."""
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": WARC_DATE, "WARC-Record-ID": f"<urn:claimdiff:{uri}>"},
    )
    writer.write_record(record)


def build_warc(path: Path) -> Path:
    """Write a small archive: a request, two HTML pages, an image and a 404 page."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        # Lengths given, so warcio needs no temporary file (which it leaves unclosed).
        get = b"GET /news/port-containers HTTP/1.1\r\nHost: harbour-herald.example\r\n\r\n"
        request = writer.create_warc_record(
            "https://harbour-herald.example/news/port-containers", "request",
            payload=io.BytesIO(get), length=len(get),
            warc_headers_dict={"WARC-Date": WARC_DATE, "WARC-Record-ID": "<urn:claimdiff:request>"},
        )
        writer.write_record(request)
        _response(writer, "https://harbour-herald.example/news/port-containers", "text/html; charset=utf-8",
                  (WEB / "port-containers.html").read_bytes())
        _response(writer, "https://harbour-herald.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        _response(writer, "https://harbour-herald.example/gone", "text/html", b"<html><body>Not found</body></html>", "404 Not Found")
        _response(writer, PIER_URL, "text/html", (WEB / "new-pier.html").read_bytes())
    return path


@pytest.fixture(params=["crawl.warc.gz", "crawl.warc"])
def warc(request, tmp_path) -> Path:
    """A freshly written archive, gzipped and not."""
    return build_warc(tmp_path / request.param)


def test_warc_html_responses_become_sources(warc):
    items = list(iter_sources([str(warc)]))
    assert all(isinstance(item, Source) for item in items) and len(items) == 2
    port, pier = items
    assert port.format == pier.format == "html"
    assert port.url == "https://harbour-herald.example/news/port-containers" and pier.url == PIER_URL
    assert "about 6,700 containers" in port.raw and "240-metre pier" in pier.raw
    offsets = [int(s.location.rsplit("#", 1)[1]) for s in items]
    assert [s.location.rsplit("#", 1)[0] for s in items] == [str(warc)] * 2 and 0 < offsets[0] < offsets[1]
    assert load_source(warc) == items


def test_warc_offsets_point_at_the_records(warc):
    from warcio.archiveiterator import ArchiveIterator

    for source in iter_warc(warc):
        offset = int(source.location.rsplit("#", 1)[1])
        with warc.open("rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == source.url


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_warc_gives_what_was_read_and_a_skip(tmp_path, keep):
    whole = build_warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    items = list(iter_sources([str(cut), str(FEED)]))
    first, skip = items[0], items[1]
    assert isinstance(first, Source) and "about 6,700 containers" in first.raw
    assert isinstance(skip, Skipped) and skip.source == str(cut) and skip.code == "CD101"
    _one_line(skip, f"{cut} is truncated or damaged at byte ")
    assert any(isinstance(item, Source) and item.location.startswith(str(FEED)) for item in items[2:])


def test_truncated_plain_warc_mid_header(tmp_path):
    whole = build_warc(tmp_path / "whole.warc").read_bytes()
    second_record = whole.index(b"WARC/1.0", whole.index(b"WARC-Type: response"))
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: second_record + 20])
    items = list(iter_warc(cut))
    assert isinstance(items[0], Source) and len(items) == 2
    assert str(items[1]).startswith(f"[CD101] {cut} is truncated or damaged at byte {second_record} ")


@pytest.mark.parametrize("data", [b"", b"this is not an archive at all\n", b"\x1f\x8b\x08\x00garbage"])
def test_warc_that_is_not_one(tmp_path, data):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(data)
    (skip,) = iter_sources([str(path)])
    assert isinstance(skip, Skipped) and skip.source == str(path)
    _one_line(skip, str(path))


def test_missing_warc():
    (skip,) = iter_sources(["nowhere/crawl.warc.gz"])
    assert (skip.code, skip.reason) == ("CD101", "nowhere/crawl.warc.gz does not exist; check the path")


def test_warc_page_over_the_cap_is_skipped(warc):
    items = list(iter_sources([str(warc)], max_bytes=400))
    assert [type(item).__name__ for item in items] == ["Skipped", "Skipped"]
    _one_line(items[0], "port-containers", "over the 400 bytes limit")


def test_folder_picks_up_feeds_and_archives(tmp_path):
    shutil.copy(FEED, tmp_path / "harbour.rss")
    build_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "sitemap.xml").write_text("<urlset/>")  # .xml is only read when named
    locations = [item.location if isinstance(item, Source) else item.source for item in iter_sources([str(tmp_path)])]
    assert [loc.rsplit("/", 1)[1] for loc in locations] == [
        "crawl.warc.gz#" + locations[0].rsplit("#", 1)[1],
        "crawl.warc.gz#" + locations[1].rsplit("#", 1)[1],
        "harbour.rss#1",
        "harbour.rss#2",
        "new-pier",
    ]
