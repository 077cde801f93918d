"""Errors raised by claimdiff, each with a stable code and a message that names the
input, the place and the fix.

::

    ClaimdiffError                  CD100  base class; the CLI catches only this
    ├── InputError                  CD101  an input cannot be read as an article
    │   ├── UnsupportedFormat       CD102  binary, undecodable or unknown format
    │   ├── BadJSONL                CD103  a JSONL line is not a JSON object
    │   ├── FetchError              CD104  a URL could not be fetched
    │   ├── BlockedURL              CD105  a URL points at a private/loopback address
    │   └── EmptyInput              CD106  nothing left after reading/cleaning
    ├── ExtractionError             CD200  the NLP pipeline failed on a document
    │   └── ParseBoundReached       CD201  an article past the per-article parse bound (a notice)
    ├── StoreError                  CD300  the database refused an operation
    │   └── SchemaTooNew            CD301  the database was written by a newer claimdiff
    ├── ConfigError                 CD400  bad options, or a missing optional dependency
    └── OutputError                 CD500  a report or export could not be written
"""

from __future__ import annotations

__all__ = [
    "ClaimdiffError",
    "InputError",
    "UnsupportedFormat",
    "BadJSONL",
    "FetchError",
    "BlockedURL",
    "EmptyInput",
    "ExtractionError",
    "ParseBoundReached",
    "StoreError",
    "SchemaTooNew",
    "ConfigError",
    "OutputError",
]


class ClaimdiffError(Exception):
    """Base class of every claimdiff error."""

    code = "CD100"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ClaimdiffError):
    """An input cannot be read as an article."""

    code = "CD101"


class UnsupportedFormat(InputError):
    """The input is binary, undecodable or of an unknown format."""

    code = "CD102"


class BadJSONL(InputError):
    """A JSONL line is not a JSON object with text or html."""

    code = "CD103"


class FetchError(InputError):
    """A URL could not be fetched (dead, timed out, too large, wrong content type)."""

    code = "CD104"


class BlockedURL(InputError):
    """A URL points at a loopback, private or link-local address."""

    code = "CD105"


class EmptyInput(InputError):
    """The input holds no article text."""

    code = "CD106"


class ExtractionError(ClaimdiffError):
    """The NLP pipeline failed on a document."""

    code = "CD200"


class ParseBoundReached(ExtractionError):
    """An article holds more candidate sentences than one article's parse bound; the
    rest were not read for claims (a notice: the article is still used)."""

    code = "CD201"


class StoreError(ClaimdiffError):
    """The database refused an operation."""

    code = "CD300"


class SchemaTooNew(StoreError):
    """The database was written by a newer claimdiff."""

    code = "CD301"


class ConfigError(ClaimdiffError):
    """Bad options, or a missing optional dependency."""

    code = "CD400"


class OutputError(ClaimdiffError):
    """A report or export could not be written (a full disk, a folder, no permission)."""

    code = "CD500"
