"""WARC archives (``.warc``, ``.warc.gz``): one Source per archived HTML page, streamed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Source
from .decode import MAX_BYTES, decode_body, size_text
from .feeds import count_text, problem_text
from .fetch import is_http
from .paths import open_input
from .formats import HTML_MEDIA_TYPES, check_html, media_type

__all__ = ["iter_warc"]


def _warc_page(record: Any, location: str, max_bytes: int) -> tuple[bytes, str, str | None] | InputError | None:
    """Return ``(body, content_type, target_uri)`` of an archived 200 HTML page, an
    InputError for an unreadable one, or None for every other record."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or headers.get_statuscode() != "200":
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if media_type(content_type) not in HTML_MEDIA_TYPES:
        return None
    try:
        body = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - bad chunking or Content-Encoding in one record
        return InputError(f"{location} cannot be decoded ({problem_text(exc)}); the record is damaged", source=location)
    return body, content_type, record.rec_headers.get_header("WARC-Target-URI")


def _warc_source(page: tuple[bytes, str, str | None], location: str, max_bytes: int) -> Source | InputError:
    """Turn an archived page into a Source, or the InputError saying why not."""
    body, content_type, uri = page
    if len(body) > max_bytes:
        return InputError(f"{location} ({uri}) is over the {size_text(max_bytes)} limit; pass a larger --max-bytes", source=location)
    try:
        text = decode_body(body, content_type, location)
        check_html(text, location)
    except InputError as exc:
        return exc
    return Source(location=location, raw=text, format="html", url=uri if is_http(uri) else None)


def _warc_damage(name: str, offset: int, records: int, detail: str) -> InputError:
    """The error for a WARC archive that is cut short or damaged at ``offset``."""
    return InputError(
        f"{name} is truncated or damaged at byte {offset} ({detail}); read "
        f"{count_text(records, 'record', 'records')} before it, the rest is lost",
        source=name,
    )


def iter_warc(path: str | Path, name: str | None = None, *, max_bytes: int = MAX_BYTES) -> Iterator[Source | InputError]:
    """Yield one Source per archived HTML page in a ``.warc`` / ``.warc.gz`` file.

    Args:
        path: the archive.
        name: how to call it in locations and messages (default: ``path``).
        max_bytes: refuse any archived page larger than this (the archive itself may be
            larger: it is streamed).

    Returns:
        An iterator of Sources for each ``response`` (or ``resource``) record with status
        200 and an HTML content type: ``location`` is ``name#OFFSET`` (the record's byte
        offset), ``url`` its ``WARC-Target-URI``. Other records are passed over. A
        truncated or damaged archive gives the pages before the damage, then one
        InputError naming the file and the offset.

    Example:
        >>> [type(x).__name__ for x in iter_warc("missing.warc.gz")]
        ['InputError']
    """
    from warcio.archiveiterator import ArchiveIterator  # only WARC input needs it

    name = name or str(path)
    try:
        handle, size = open_input(Path(path), name)  # closed by the with below
    except InputError as exc:
        yield exc
        return
    with handle:
        archive = ArchiveIterator(handle)
        records = 0
        try:
            for record in archive:
                if record.rec_type is None or record.format != "warc":  # warcio guesses ARC for junk
                    raise ValueError("no WARC record header here")
                offset = archive.offset  # where this record starts
                page = _warc_page(record, f"{name}#{offset}", max_bytes)
                archive.read_to_end()  # the rest of the record, so a cut-off one shows
                if getattr(record.raw_stream, "limit", 0):
                    yield _warc_damage(name, offset, records, "the last record is cut short")
                    return
                records += 1
                if isinstance(page, tuple):
                    yield _warc_source(page, f"{name}#{offset}", max_bytes)
                elif page is not None:
                    yield page
        except Exception as exc:  # noqa: BLE001 - warcio raises AttributeError, ValueError … on damage
            yield _warc_damage(name, archive.offset, records, problem_text(exc))
            return
        if size is not None and archive.offset < size:
            yield _warc_damage(name, archive.offset, records, f"{size - archive.offset} bytes there are not a WARC record")
