"""Opening input files: the one helper every file reader opens its input with, and the
folder scan."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInput, InputError
from .decode import size_text
from .formats import SUPPORTED_SUFFIXES, WARC_SUFFIXES

__all__ = ["open_input", "read_file", "is_warc", "iter_folder"]


def open_input(path: Path, name: str) -> tuple[BinaryIO, int]:
    """Open an input file for its bytes, with its size; a missing, unreadable, folder or
    empty input is refused with a one-line error naming it."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{name} does not exist; check the path", source=name) from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file", source=name) from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None
    size = os.fstat(handle.fileno()).st_size
    if size == 0:
        handle.close()
        raise EmptyInput(f"{name} is empty", source=name)
    return handle, size


def read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """Read a file's bytes, refusing missing, unreadable, empty and oversized files."""
    handle, size = open_input(path, name)
    with handle:
        if size > max_bytes:
            raise InputError(
                f"{name} is {size_text(size)}, over the {size_text(max_bytes)} limit; "
                "split it or pass a larger --max-bytes",
                source=name,
            )
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(f"{name} cannot be read ({exc.strerror}); check its permissions", source=name) from None


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
