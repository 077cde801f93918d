"""Bytes to text: BOMs, UTF-8, a declared charset, else cp1252 when plausible; binary and
undecodable input is refused with a one-line error naming it."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from ..errors import UnsupportedFormat
from .formats import SNIFF_CHARS

__all__ = [
    "MAX_BYTES",
    "BOMS",
    "decode_bytes",
    "decode_body",
    "check_text",
    "size_text",
]

logger = logging.getLogger(__name__)

#: Default cap on one input's size; larger files are refused (``--max-bytes`` raises it).
MAX_BYTES = 20_000_000
BYTES_PER_MB = 1_000_000
BYTES_PER_KB = 1_000

#: Above this share of control characters a decoded input is taken for binary.
MAX_CONTROL_SHARE = 0.05
#: A cp1252 reading is only believed when at most this share of characters is non-ASCII.
MAX_CP1252_NON_ASCII_SHARE = 0.3

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def size_text(size: int) -> str:
    """Format a byte count for messages: ``25.3 MB``, ``20 MB``, ``4.5 KB`` or ``12 bytes``."""
    for unit, scale in (("MB", BYTES_PER_MB), ("KB", BYTES_PER_KB)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _control_share(text: str) -> float:
    """Return the share of control characters other than tab, newline, CR and FF."""
    sample = text[:SNIFF_CHARS * 4]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return bad / len(sample)


def _declared_charset(data: bytes) -> str | None:
    """Return the codec named by an HTML ``<meta charset>`` near the start, if known."""
    match = _META_CHARSET.search(data[:SNIFF_CHARS])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode an input's bytes to text.

    Args:
        data: the raw bytes.
        name: the input's name, used in error messages.

    Returns:
        The text, decoded from the BOM's encoding, else UTF-8, else the encoding an HTML
        ``<meta charset>`` declares, else cp1252 when that reading is plausible text.

    Raises:
        UnsupportedFormat: the bytes are binary or no encoding fits.

    Example:
        >>> decode_bytes("Café".encode("cp1252"), "menu.txt")
        'Café'
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return check_text(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise UnsupportedFormat(
                    f"{name} starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()} (byte {exc.start}); re-save it as UTF-8",
                    source=name,
                ) from None
    if b"\x00" in data[: SNIFF_CHARS * 4]:
        raise UnsupportedFormat(f"{name} is binary (found NUL bytes), not text or HTML", source=name)
    try:
        return check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared not in ("utf-8",):
        try:
            return check_text(data.decode(declared), name)
        except UnicodeDecodeError:
            logger.debug("%s declares %s but does not decode with it", name, declared)
    return _decode_cp1252(data, name)


def _decode_cp1252(data: bytes, name: str) -> str:
    """The last resort: cp1252, believed only when the result reads as mostly ASCII text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormat(
            f"{name} is not UTF-8 and not cp1252 either (byte 0x{data[exc.start]:02x} at "
            f"{exc.start}); re-save it as UTF-8",
            source=name,
        ) from None
    non_ascii = sum(1 for ch in text if ord(ch) > 127) / max(len(text), 1)
    if non_ascii > MAX_CP1252_NON_ASCII_SHARE:
        raise UnsupportedFormat(
            f"{name} is not UTF-8 and does not read as cp1252 text either "
            f"({non_ascii:.0%} non-ASCII characters); re-save it as UTF-8",
            source=name,
        )
    logger.info("%s is not UTF-8; read it as cp1252", name)
    return check_text(text, name)


def check_text(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters (binary in disguise)."""
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        reason = "found NUL bytes" if "\x00" in text else "too many control characters"
        raise UnsupportedFormat(f"{name} is binary ({reason}), not text or HTML", source=name)
    return text


def decode_body(body: bytes, content_type: str | None, name: str) -> str:
    """Decode a fetched or archived body, trusting the Content-Type charset when it fits."""
    match = _CHARSET_PARAM.search(content_type or "")
    if match and not any(body.startswith(bom) for bom, _ in BOMS):
        try:
            codec = codecs.lookup(match.group(1)).name
            return check_text(body.decode(codec), name)
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared charset %s does not fit; sniffing", name, match.group(1))
    return decode_bytes(body, name)
