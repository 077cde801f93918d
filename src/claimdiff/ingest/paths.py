"""Opening input files: the one helper every file reader opens its input with, and the
folder scan."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import EmptyInput, InputError
from .decode import size_text
from .formats import SUPPORTED_SUFFIXES, WARC_SUFFIXES

__all__ = ["open_input", "too_large", "read_rest", "prefixed", "is_warc", "iter_folder"]


def open_input(path: Path, name: str) -> tuple[BinaryIO, int | None]:
    """Open an input file for its bytes, with its size; a missing, unreadable, folder or
    empty input is refused with a one-line error naming it.

    The size is None for what is not a regular file (a pipe such as ``<(cat a)``,
    ``/dev/stdin``): its ``st_size`` says nothing, so it is read to learn whether it is empty.
    """
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{name} does not exist; check the path", source=name) from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file", source=name) from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None
    info = os.fstat(handle.fileno())
    if not stat.S_ISREG(info.st_mode):
        return handle, None
    if info.st_size == 0:
        handle.close()
        raise EmptyInput(f"{name} is empty", source=name)
    return handle, info.st_size


def too_large(name: str, size: int | None, max_bytes: int) -> InputError:
    """The error for an input over ``max_bytes`` (``size`` None when it is not known)."""
    what = f"{name} is {size_text(size)}, over" if size is not None else f"{name} is over"
    return InputError(f"{what} the {size_text(max_bytes)} limit; split it or pass a larger --max-bytes", source=name)


def read_rest(handle: BinaryIO, name: str, max_bytes: int, head: bytes = b"") -> bytes:
    """Return ``head`` and the rest of ``handle``; refuse more than ``max_bytes`` in all
    (read no further than that) and nothing at all."""
    try:
        data = head + handle.read(max(max_bytes + 1 - len(head), 0))
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None
    if len(data) > max_bytes:
        raise too_large(name, None, max_bytes)
    if not data:
        raise EmptyInput(f"{name} is empty", source=name)
    return data


class _Prefixed(io.RawIOBase):
    """A binary stream that first gives back bytes already read, then the rest of a file."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def prefixed(head: bytes, rest: BinaryIO) -> BinaryIO:
    """Put ``head`` (already read from ``rest``) back in front of it: a pipe cannot seek."""
    return io.BufferedReader(_Prefixed(head, rest))


def is_warc(path: Path) -> bool:
    """Return True when ``path`` is named like a WARC archive."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def _is_hidden(path: Path, root: Path) -> bool:
    """Return True when any part of ``path`` below ``root`` starts with a dot."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_folder(folder: str | Path) -> Iterator[Path]:
    """Yield the supported, non-hidden files under ``folder`` (WARC archives included),
    recursively, in sorted order."""
    root = Path(folder)
    found = [
        path for path in root.rglob("*")
        if (path.suffix.lower() in SUPPORTED_SUFFIXES or is_warc(path))
        and not _is_hidden(path, root) and path.is_file()
    ]
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)
