"""Tests for claimdiff.fetch: HttpFetcher over httpx.MockTransport and a fake resolver,
so nothing here touches the network."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.errors import BlockedURL, FetchError, InputError
from claimdiff.fetch import USER_AGENT, HttpFetcher, guard_url
from claimdiff.ingest import blocked_reason, check_url, iter_sources
from claimdiff.model import Skipped, Source

WEB = Path(__file__).parent / "fixtures" / "web"
PAGE = (WEB / "new-pier.html").read_bytes()
HTML = "text/html; charset=utf-8"

#: The fake DNS: host name -> addresses.
DNS = {
    "news.example": ["93.184.215.14"],
    "cdn.example": ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "internal.example": ["10.0.0.5"],
    "sneaky.example": ["93.184.215.14", "127.0.0.1"],
    "mapped.example": ["::ffff:127.0.0.1"],
    "metadata.example": ["169.254.169.254"],
}


def fake_resolver(host: str, port: int) -> list[str]:
    """Resolve from DNS, failing like getaddrinfo for unknown names."""
    if host not in DNS:
        raise OSError(-2, "Name or service not known")
    return DNS[host]


Handler = Callable[[httpx.Request], httpx.Response]


def _fetcher(handler: Handler, **kwargs) -> HttpFetcher:
    """An HttpFetcher over a mock transport and the fake resolver."""
    return HttpFetcher(transport=httpx.MockTransport(handler), resolver=fake_resolver, **kwargs)


def _page(request: httpx.Request) -> httpx.Response:
    """Serve the pier page."""
    return httpx.Response(200, headers={"content-type": HTML}, content=PAGE)


def _error(call: Callable[[], object], kind: type[InputError] = FetchError) -> str:
    """Run ``call`` expecting ``kind``; check the message is one coded line and return it."""
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    assert type(info.value) is kind
    assert "\n" not in message and message.startswith(f"[{kind.code}] ")
    return message


# ----------------------------------------------------------------------------- happy


def test_html_fetch_goes_to_the_checked_address():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _page(request)

    with _fetcher(handler) as fetcher:
        body, content_type = fetcher.fetch("https://news.example/pier?x=1")
    assert body == PAGE and content_type == HTML
    (request,) = seen
    # Pinned to the address that was checked; the name travels in Host and SNI.
    assert request.url.host == "93.184.215.14" and request.url.path == "/pier" and request.url.query == b"x=1"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"
    assert request.headers["user-agent"] == USER_AGENT


def test_ipv6_address_is_pinned_with_port():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _page(request)

    _fetcher(handler).fetch("http://cdn.example:8080/a")
    assert seen[0].url.host == DNS["cdn.example"][0] and seen[0].url.port == 8080
    assert seen[0].headers["host"] == "cdn.example:8080"


def test_redirects_are_followed_and_each_hop_checked():
    hops: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(f"{request.headers['host']}{request.url.path}")
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        if request.url.path == "/new":
            return httpx.Response(302, headers={"location": "https://cdn.example/final"})
        return _page(request)

    body, _ = _fetcher(handler).fetch("http://news.example/old")
    assert body == PAGE and hops == ["news.example/old", "news.example/new", "cdn.example/final"]


def test_plain_text_and_feeds_are_accepted():
    for content_type in ("text/plain", "application/rss+xml", "application/atom+xml; charset=utf-8", "text/xml"):
        fetcher = _fetcher(lambda r, ct=content_type: httpx.Response(200, headers={"content-type": ct}, content=b"x"))
        assert fetcher.fetch("https://news.example/")[1] == content_type


# ------------------------------------------------------------------------------ SSRF


def test_redirect_to_private_address_is_blocked():
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["host"] == "news.example", "the private hop must never be requested"
        return httpx.Response(302, headers={"location": "http://internal.example/admin"})

    message = _error(lambda: _fetcher(handler).fetch("https://news.example/a"), BlockedURL)
    assert message == (
        "[CD105] https://news.example/a redirects to http://internal.example/admin resolves to "
        "10.0.0.5 (private); pass --allow-private to allow it"
    )


def test_redirect_to_literal_loopback_is_blocked():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(307, headers={"location": "http://127.0.0.1:6379/"})

    message = _error(lambda: _fetcher(handler).fetch("https://news.example/a"), BlockedURL)
    assert "https://news.example/a redirects to http://127.0.0.1:6379/" in message and "(loopback)" in message


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/x", "127.0.0.1 (loopback)"),
        ("http://[::1]/", "::1 (loopback)"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 (loopback)"),
        ("http://mapped.example/", "::ffff:127.0.0.1 (loopback)"),
        ("http://sneaky.example/", "127.0.0.1 (loopback)"),
        ("http://metadata.example/latest/", "169.254.169.254 (link-local)"),
        ("http://[fe80::1]/", "fe80::1 (link-local)"),
        ("http://0.0.0.0/", "0.0.0.0 (unspecified)"),
        ("http://192.168.1.1/", "192.168.1.1 (private)"),
        ("http://224.0.0.1/", "224.0.0.1 (multicast)"),
        ("http://100.64.0.1/", "100.64.0.1 (not publicly routable)"),
        ("http://localhost:8000/", "local host name localhost"),
    ],
)
def test_private_targets_are_blocked(url, reason):
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a blocked address must never be requested")

    message = _error(lambda: _fetcher(handler).fetch(url), BlockedURL)
    assert url in message and reason in message and "pass --allow-private" in message


def test_allow_private_lets_loopback_through():
    assert _fetcher(_page, allow_private=True).fetch("http://127.0.0.1:8000/a")[0] == PAGE
    assert _fetcher(_page, allow_private=True).fetch("http://localhost/a")[0] == PAGE
    items = list(iter_sources(["http://127.0.0.1:8000/a"], fetcher=_fetcher(_page, allow_private=True)))
    assert isinstance(items[0], Source) and items[0].url == "http://127.0.0.1:8000/a"


def test_blocked_reason_handles_mapped_addresses():
    assert blocked_reason("::ffff:10.1.2.3") == "private"
    assert blocked_reason("::ffff:8.8.8.8") is None
    assert blocked_reason("8.8.8.8") is None


@pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "http://", "http://[::1/", "http://news.example:99999/"])
def test_bad_urls_are_fetch_errors(url):
    assert url in _error(lambda: _fetcher(_page).fetch(url))


def test_unresolvable_host():
    message = _error(lambda: _fetcher(_page).fetch("https://nowhere.example/"))
    assert message == "[CD104] https://nowhere.example/ cannot be resolved (name or service not known); check the address"


# ---------------------------------------------------------------------------- errors


def test_404_is_a_one_line_fetch_error():
    fetcher = _fetcher(lambda r: httpx.Response(404, headers={"content-type": HTML}, content=b"<html>nope</html>"))
    message = _error(lambda: fetcher.fetch("https://news.example/gone"))
    assert message == "[CD104] https://news.example/gone returned HTTP 404 Not Found; check the address"


@pytest.mark.parametrize("exc", [httpx.ConnectTimeout, httpx.ReadTimeout, httpx.PoolTimeout])
def test_timeout_is_a_fetch_error(exc):
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc("timed out", request=request)

    message = _error(lambda: _fetcher(handler, timeout=2.5).fetch("https://news.example/slow"))
    assert message.startswith("[CD104] https://news.example/slow timed out after 2.5 s")


def test_connection_refused_is_a_fetch_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    message = _error(lambda: _fetcher(handler).fetch("https://news.example/a"))
    assert message == "[CD104] https://news.example/a could not be fetched (connection refused); check the address"


def test_oversized_body_is_abandoned_while_streaming():
    pulled: list[int] = []

    def chunks() -> Iterator[bytes]:
        for number in range(1000):
            pulled.append(number)
            yield b"<p>" + b"x" * 1000 + b"</p>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": HTML}, content=chunks())

    message = _error(lambda: _fetcher(handler, max_bytes=5_000).fetch("https://news.example/huge"))
    assert message == "[CD104] https://news.example/huge is larger than 5 KB; pass a larger --max-bytes to read it"
    assert len(pulled) < 10  # stopped early, not after reading the whole body


def test_declared_length_over_the_cap_is_refused_before_reading():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": HTML, "content-length": "30000000"}, content=b"")

    assert "is larger than 20 MB" in _error(lambda: _fetcher(handler).fetch("https://news.example/big"))


def test_wrong_content_type_is_refused():
    fetcher = _fetcher(lambda r: httpx.Response(200, headers={"content-type": "image/png"}, content=b"\x89PNG"))
    message = _error(lambda: fetcher.fetch("https://news.example/logo"))
    assert message == (
        "[CD104] https://news.example/logo is image/png, not a web page, feed or text; pass the address of an article"
    )


def test_redirect_loop_stops():
    fetcher = _fetcher(lambda r: httpx.Response(302, headers={"location": "/again"}), max_redirects=3)
    assert "redirects more than 3 times" in _error(lambda: fetcher.fetch("https://news.example/loop"))


def test_redirect_without_location():
    fetcher = _fetcher(lambda r: httpx.Response(302))
    assert "returned HTTP 302 without a Location" in _error(lambda: fetcher.fetch("https://news.example/a"))


@pytest.mark.parametrize("location", ["http:127.0.0.1:8899/x", "https:news.example:99999/x", "http://[::1/x"])
def test_malformed_redirect_is_one_line_and_the_next_input_is_read(location):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/moved":
            return httpx.Response(302, headers={"location": location})
        return _page(request)

    fetcher = _fetcher(handler)
    items = list(iter_sources(["https://news.example/moved", "https://news.example/pier"], fetcher=fetcher))
    assert [type(item).__name__ for item in items] == ["Skipped", "Source"]
    skipped = items[0]
    assert skipped.source == "https://news.example/moved" and skipped.code in ("CD104", "CD105")
    assert "\n" not in skipped.reason and skipped.reason.startswith("https://news.example/moved")


# --------------------------------------------------------------------- through ingest


def test_iter_sources_fetches_urls_and_never_stops():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/pier":
            return _page(request)
        if request.url.path == "/notes.txt":
            return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"Title: Notes\n\nThe vote was 7 to 2.\n")
        if request.url.path == "/logo.png":
            return httpx.Response(200, headers={"content-type": "image/png"}, content=b"\x89PNG")
        return httpx.Response(404)

    urls = [
        "https://news.example/pier",
        "https://news.example/logo.png",
        "https://news.example/missing",
        "http://internal.example/",
        "https://news.example/notes.txt",
    ]
    items = list(iter_sources(urls, fetcher=_fetcher(handler)))
    assert [type(item).__name__ for item in items] == ["Source", "Skipped", "Skipped", "Skipped", "Source"]
    page, png, missing, private, notes = items
    assert page.format == "html" and page.url == page.location == urls[0]
    assert "240-metre pier" in page.raw
    assert notes.format == "text" and notes.title == "Notes" and notes.url == urls[4]
    assert [s.code for s in (png, missing, private)] == ["CD104", "CD104", "CD105"]
    for skip, url in zip((png, missing, private), urls[1:4]):
        assert isinstance(skip, Skipped) and skip.source == url and url in skip.reason and "\n" not in skip.reason


def test_charset_from_content_type_is_used():
    body = "<html><body><p>Le café a ouvert à Genève.</p></body></html>".encode("iso-8859-1")
    fetcher = _fetcher(lambda r: httpx.Response(200, headers={"content-type": "text/html; charset=ISO-8859-1"}, content=body))
    (source,) = iter_sources(["https://news.example/cafe"], fetcher=fetcher)
    assert "café a ouvert à Genève" in source.raw


# ------------------------------------------------------------------------ properties

_hosts = st.one_of(
    st.sampled_from([*DNS, "nowhere.example", "localhost", "127.0.0.1", "[::1]", "[::ffff:10.0.0.1]", "0x7f.1", ""]),
    st.text(max_size=20),
    st.ip_addresses().map(lambda ip: f"[{ip}]" if ip.version == 6 else str(ip)),
)
_urls = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda scheme, host, port, path: f"{scheme}://{host}{port}/{path}",
        st.sampled_from(["http", "https", "ftp", "HTTP", "javascript", ""]),
        _hosts,
        st.one_of(st.just(""), st.integers(-5, 100_000).map(lambda p: f":{p}"), st.text(max_size=5).map(lambda p: f":{p}")),
        st.text(max_size=15),
    ),
)


@settings(max_examples=300, deadline=None)
@given(url=_urls, answer=st.one_of(st.lists(st.ip_addresses().map(str), max_size=3), st.just(None), st.lists(st.text(max_size=8), max_size=2)))
def test_ssrf_guard_raises_only_input_errors(url, answer):
    def resolver(host: str, port: int) -> list[str]:
        if answer is None:
            raise OSError("no such host")
        return answer

    for check in (lambda: check_url(url), lambda: guard_url(url, resolver=resolver), lambda: guard_url(url, allow_private=True, resolver=resolver)):
        try:
            check()
        except (BlockedURL, FetchError) as exc:
            assert "\n" not in str(exc)
        except InputError:  # pragma: no cover - allowed by the contract, not produced today
            pass
