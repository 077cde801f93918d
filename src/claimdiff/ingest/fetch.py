"""URL policy and fetching for ingest: the SSRF guard (:func:`check_url`,
:func:`blocked_reason`, :func:`guard_url`) and :class:`HttpFetcher`, the real
:class:`~claimdiff.ingest.Fetcher`.

Every request is guarded against server-side request forgery. Before each connection,
the first and every redirect hop, :func:`guard_url` checks the scheme and the literal
host (:func:`check_url`), resolves the host and refuses it when any
address is loopback, private, link-local, multicast, reserved or unspecified
(:func:`blocked_reason`). The request then goes to the very address
that was checked (the ``Host`` header and TLS SNI keep the name), so a DNS answer that
changes between check and connect (DNS rebinding) cannot slip through. Redirects are
followed by hand for the same reason.

Bodies are streamed and abandoned past ``max_bytes``; only page, feed, text and JSONL
content types are read. Every failure is a :class:`~claimdiff.errors.FetchError` or
:class:`~claimdiff.errors.BlockedURL` with a one-line message naming the URL.

Tests pass ``transport=httpx.MockTransport(...)`` and a fake ``resolver``: no network.
httpx is imported only when a fetcher is built, which keeps ``import claimdiff`` fast.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import BlockedURL, FetchError, InputError
from .decode import MAX_BYTES, size_text
from .formats import FEED_MEDIA_TYPES, HTML_MEDIA_TYPES, JSONL_MEDIA_TYPES, media_type

if TYPE_CHECKING:
    import httpx

    from .body import Fetcher

__all__ = [
    "ACCEPTED_MEDIA_TYPES",
    "DEFAULT_TIMEOUT",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "Resolver",
    "HttpFetcher",
    "guard_url",
    "resolve_host",
    "ALLOW_PRIVATE_HINT",
    "allows_private",
    "blocked_reason",
    "check_url",
    "is_http",
]

logger = logging.getLogger(__name__)

#: Told to the user whenever an address is refused.
ALLOW_PRIVATE_HINT = "pass --allow-private to allow it"
#: Host names that always mean "this machine or its network", whatever DNS says.
_LOCAL_HOST_SUFFIXES = (".localhost", ".local", ".internal")
#: Why an address is refused, most specific first (127.0.0.1 is also ``is_private``).
_ADDRESS_CHECKS = (
    ("unspecified", "is_unspecified"),
    ("loopback", "is_loopback"),
    ("link-local", "is_link_local"),
    ("multicast", "is_multicast"),
    ("private", "is_private"),
    ("reserved", "is_reserved"),
)


#: Seconds allowed for each step of a request (connect, each read, …).
DEFAULT_TIMEOUT = 10.0
#: A whole fetch (all hops and the whole body) may take this many step timeouts: a server
#: that drips a byte at a time never trips the per-read timeout.
TOTAL_TIMEOUT_FACTOR = 3
MAX_REDIRECTS = 5
USER_AGENT = f"claimdiff/{__version__}"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Content types worth reading; a missing Content-Type is sniffed by ingest instead.
ACCEPTED_MEDIA_TYPES = HTML_MEDIA_TYPES | FEED_MEDIA_TYPES | JSONL_MEDIA_TYPES | frozenset({"text/plain", "application/json"})
ACCEPT_HEADER = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
)
DEFAULT_PORTS = {"http": 80, "https": 443}
_ERRNO_PREFIX = re.compile(r"^\[Errno -?\d+\]\s*")

#: Resolves ``(host, port)`` to IP address strings; raise ``OSError`` when it cannot.
Resolver = Callable[[str, int], Sequence[str]]


def resolve_host(host: str, port: int) -> list[str]:
    """Return the addresses ``host`` resolves to, in the resolver's order, without repeats."""
    addresses: list[str] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        if sockaddr[0] not in addresses:
            addresses.append(str(sockaddr[0]))
    return addresses


def _reason(exc: BaseException) -> str:
    """Describe a network error on one line, without the ``[Errno 111]`` noise."""
    text = " ".join(_ERRNO_PREFIX.sub("", str(exc)).split())
    return text[:1].lower() + text[1:] if text else type(exc).__name__


def blocked_reason(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Return why an IP address must not be fetched, or ``None`` when it is public.

    Args:
        address: an IPv4 or IPv6 address. An IPv4-mapped IPv6 address
            (``::ffff:127.0.0.1``) is judged as the IPv4 address it carries.

    Returns:
        ``unspecified``, ``loopback``, ``link-local``, ``multicast``, ``private``,
        ``reserved`` or ``not publicly routable`` (e.g. 100.64.0.0/10), or ``None``.

    Raises:
        ValueError: ``address`` is not an IP address.

    Example:
        >>> blocked_reason("::ffff:127.0.0.1"), blocked_reason("93.184.216.34")
        ('loopback', None)
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, attribute in _ADDRESS_CHECKS:
        if getattr(ip, attribute):
            return label
    return None if ip.is_global else "not publicly routable"


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Refuse URLs that are not http(s) or whose host is a local name or a non-public IP.

    Only literal hosts are checked here; a real fetcher must also check the resolved
    address before connecting, and again on every redirect (``claimdiff.fetch`` does).

    Args:
        url: the URL as given.
        allow_private: let local names and private addresses through (``--allow-private``).

    Returns:
        ``url`` unchanged.

    Raises:
        FetchError: not a valid http(s) URL (or one with control characters).
        BlockedURL: the host is local or private.

    Example:
        >>> check_url("https://example.org/a")
        'https://example.org/a'
    """
    if not url.isprintable():  # keeps every message that quotes the URL on one line
        shown = url.encode("unicode_escape").decode("ascii")
        raise FetchError(f"{shown} contains control characters; check the address", source=shown)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise FetchError(f"{url} is not a valid URL ({exc}); check the address", source=url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(f"{url} is not an http(s) URL; pass a web address or a file", source=url)
    if allow_private:
        return url
    host = host.rstrip(".")
    if host == "localhost" or host.endswith(_LOCAL_HOST_SUFFIXES):
        raise BlockedURL(f"{url} points at the local host name {host}; {ALLOW_PRIVATE_HINT}", source=url)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url
    reason = blocked_reason(address)
    if reason:
        raise BlockedURL(f"{url} points at {host} ({reason}); {ALLOW_PRIVATE_HINT}", source=url)
    return url


def allows_private(fetcher: Fetcher | None) -> bool:
    """Return True when ``fetcher`` was built with ``allow_private`` (see :class:`Fetcher`)."""
    return bool(getattr(fetcher, "allow_private", False))


def is_http(url: object) -> bool:
    """Return True when ``url`` is a string that starts like an http(s) URL."""
    return isinstance(url, str) and url.isprintable() and url.lower().startswith(("http://", "https://"))


def guard_url(url: str, *, allow_private: bool = False, resolver: Resolver = resolve_host) -> str | None:
    """Check a URL before connecting to it and return the address to connect to.

    Args:
        url: an http(s) URL.
        allow_private: skip the address checks (``--allow-private``).
        resolver: turns a host name into addresses (``socket.getaddrinfo`` by default).

    Returns:
        The checked IP address to connect to (the first one the host resolves to), or
        ``None`` with ``allow_private``, when any address will do.

    Raises:
        FetchError: not a valid http(s) URL, or the host does not resolve.
        BlockedURL: the host is a local name, or any address it resolves to is not public.

    Example:
        >>> guard_url("http://example.org/", resolver=lambda host, port: ["93.184.215.14"])
        '93.184.215.14'
    """
    import httpx  # only fetching needs it

    check_url(url, allow_private=allow_private)
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise FetchError(f"{url} is not a valid URL ({_reason(exc)}); check the address", source=url) from None
    if allow_private:
        return None
    try:
        ipaddress.ip_address(host)
        addresses: Sequence[str] = [host]
    except ValueError:
        port = parsed.port or DEFAULT_PORTS.get(parsed.scheme, 80)
        try:
            addresses = list(resolver(host, port))
        except (OSError, UnicodeError, ValueError) as exc:
            raise FetchError(f"{url} cannot be resolved ({_reason(exc)}); check the address", source=url) from None
    if not addresses:
        raise FetchError(f"{url} resolves to no address; check the address", source=url)
    for address in addresses:
        try:
            reason = blocked_reason(address)
        except ValueError:
            raise FetchError(f"{url} resolves to {address!r}, which is not an IP address", source=url) from None
        if reason:
            raise BlockedURL(f"{url} resolves to {address} ({reason}); {ALLOW_PRIVATE_HINT}", source=url)
    return str(addresses[0])


class HttpFetcher:
    """Fetches http(s) URLs with httpx: timeouts, a size cap, a content-type check and
    an SSRF guard on every hop. Implements :class:`claimdiff.ingest.Fetcher`.

    Args:
        timeout: seconds for each step (connect, each read); the whole fetch may take
            ``TOTAL_TIMEOUT_FACTOR`` times that.
        max_bytes: abandon bodies larger than this.
        allow_private: fetch loopback/private/link-local addresses too (``--allow-private``).
        user_agent: the ``User-Agent`` header.
        transport: an httpx transport; tests pass ``httpx.MockTransport``.
        resolver: turns host names into addresses; tests pass a fake one.
        max_redirects: follow at most this many redirects.

    Example:
        >>> with HttpFetcher(timeout=5) as fetcher:  # doctest: +SKIP
        ...     body, content_type = fetcher.fetch("https://example.org/")
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = MAX_BYTES,
        allow_private: bool = False,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.max_redirects = max_redirects
        self._resolver = resolver
        import httpx  # only fetching needs it

        # trust_env=False: an HTTP(S)_PROXY from the environment would connect on our
        # behalf and bypass the address check.
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": user_agent, "Accept": ACCEPT_HEADER},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def fetch(self, url: str) -> tuple[bytes, str]:
        """Fetch ``url`` and return its body and Content-Type.

        Raises:
            FetchError: bad URL, unresolvable host, connection error, timeout, HTTP
                error status, unwanted content type, body over ``max_bytes``, or too
                many redirects.
            BlockedURL: the URL or a redirect points at a non-public address.
        """
        import httpx

        deadline = time.monotonic() + self.timeout * TOTAL_TIMEOUT_FACTOR
        current = url
        for _hop in range(self.max_redirects + 1):
            address = self._guard(current, url)
            try:
                response = self._send(current, address)
                try:
                    target = self._redirect_target(response, current, url)
                    if target is None:
                        return self._read(response, url, deadline)
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise FetchError(
                    f"{url} timed out after {self.timeout:g} s; the server is slow or down, try again later",
                    source=url,
                ) from None
            except httpx.HTTPError as exc:
                where = url if current == url else f"{url} (redirected to {current})"
                raise FetchError(f"{where} could not be fetched ({_reason(exc)}); check the address", source=url) from None
            except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
                # httpx parses a redirect's Location while sending, even when not following it.
                where = url if current == url else f"{url} (redirected to {current})"
                raise FetchError(f"{where} answered with an address that is not a valid URL ({_reason(exc)}); "
                                 "check the address", source=url) from None
            current = target
        raise FetchError(f"{url} redirects more than {self.max_redirects} times; pass the final address", source=url)

    def _guard(self, current: str, url: str) -> str | None:
        """Run :func:`guard_url` on one hop; name the original URL when a redirect fails it."""
        try:
            return guard_url(current, allow_private=self.allow_private, resolver=self._resolver)
        except InputError as exc:
            if current == url:
                raise
            raise type(exc)(f"{url} redirects to {exc.message}", source=url) from None

    def _send(self, url: str, address: str | None) -> httpx.Response:
        """Send a GET for ``url`` to ``address`` (the checked IP) and return the streaming response."""
        import httpx

        parsed = httpx.URL(url)
        target, headers, extensions = parsed, {}, {}
        if address is not None:
            host = parsed.raw_host.decode("ascii")
            target = parsed.copy_with(host=address)
            headers["Host"] = parsed.netloc.decode("ascii")
            if parsed.scheme == "https" and host != address:
                extensions["sni_hostname"] = host  # TLS checks the certificate for the name
        request = self._client.build_request("GET", target, headers=headers, extensions=extensions)
        return self._client.send(request, stream=True)

    @staticmethod
    def _redirect_target(response: httpx.Response, current: str, url: str) -> str | None:
        """Return the absolute URL a redirect points to, or None when it is no redirect."""
        if response.status_code not in REDIRECT_STATUSES:
            return None
        location = response.headers.get("location")
        if not location:
            raise FetchError(f"{url} returned HTTP {response.status_code} without a Location to go to", source=url)
        return urljoin(current, location.strip()).split("#", 1)[0]

    def _read(self, response: httpx.Response, url: str, deadline: float) -> tuple[bytes, str]:
        """Check a final response's status and type, then read its body within the limits."""
        if not 200 <= response.status_code < 300:
            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise FetchError(f"{url} returned HTTP {response.status_code}{phrase}; check the address", source=url)
        content_type = response.headers.get("content-type", "")
        media = media_type(content_type)
        if media and media not in ACCEPTED_MEDIA_TYPES:
            raise FetchError(f"{url} is {media}, not a web page, feed or text; pass the address of an article", source=url)
        too_large = FetchError(
            f"{url} is larger than {size_text(self.max_bytes)}; pass a larger --max-bytes to read it",
            source=url,
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large
        chunks, total = [], 0
        for chunk in response.iter_bytes():  # as received: no buffering past the cap
            total += len(chunk)
            if total > self.max_bytes:
                raise too_large
            if time.monotonic() > deadline:
                import httpx

                raise httpx.ReadTimeout("the whole download took too long")
            chunks.append(chunk)
        return b"".join(chunks), content_type
