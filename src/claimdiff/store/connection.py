"""The database connection: SQLite or PostgreSQL behind one small SQL interface.

SQLite by default (one file, WAL) and PostgreSQL when the location is a
``postgresql://`` URL. Statements use ``?`` placeholders everywhere; :class:`Sql`
rewrites them for PostgreSQL, and runs transactions as context managers.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, StoreError

__all__ = ["Sql", "Dialect", "SQLITE", "POSTGRES", "connect", "redact", "BUSY_TIMEOUT_S", "DEFAULT_DB"]

DEFAULT_DB = "claimdiff.db"
#: SQLite waits this long for a lock held by another writer before giving up.
BUSY_TIMEOUT_S = 30.0
#: SQLite page cache per connection, in KiB (SQLite's default is 2 MiB): adding an article
#: reads scattered pages of the story index (posting lists, term counts, LSH bands), and
#: with the default a large store reads most of them again on every add.
SQLITE_CACHE_KIB = 65_536
#: WAL pages written before SQLite checkpoints them into the database (its default is
#: 1,000, about 3 adds): pages of common terms touched by every add are then copied back
#: once per checkpoint instead of once per few adds. The last connection to close
#: checkpoints whatever is left.
SQLITE_WAL_PAGES = 4_000


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between SQLite and PostgreSQL for the SQL this module writes."""

    name: str
    param: str
    real: str
    autoincrement: str
    blob: str = "BLOB"


SQLITE = Dialect("sqlite", "?", "REAL", "INTEGER PRIMARY KEY AUTOINCREMENT")
POSTGRES = Dialect("postgresql", "%s", "DOUBLE PRECISION", "BIGSERIAL PRIMARY KEY", "BYTEA")


class Sql:
    """A connection with one dialect: ``?`` placeholders everywhere, rewritten for
    PostgreSQL, and transactions as context managers."""

    def __init__(self, connection: Any, dialect: Dialect) -> None:
        self.connection = connection
        self.dialect = dialect
        #: Transactions open on this connection (a nested one is a savepoint).
        self.depth = 0

    def _q(self, statement: str) -> str:
        return statement if self.dialect.param == "?" else statement.replace("?", "%s")

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""
        cursor = self.connection.cursor()
        cursor.execute(self._q(statement), tuple(params))
        return cursor

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for many rows."""
        rows = [tuple(r) for r in rows]
        if rows:
            self.connection.cursor().executemany(self._q(statement), rows)

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        """All rows of a query."""
        return list(self.execute(statement, params).fetchall())

    def one(self, statement: str, params: Sequence[Any] = ()) -> tuple | None:
        """The first row of a query, or None."""
        return self.execute(statement, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit on success, roll back on any error. Inside another transaction it is a
        savepoint: an error undoes its own writes only, and nothing is committed before
        the outermost transaction ends (an ingest commits a batch of articles at once)."""
        if self.depth:
            yield from self._savepoint()
            return
        if self.dialect.name == "sqlite":
            self.connection.execute("BEGIN IMMEDIATE")
        self.depth = 1
        try:
            yield
        except BaseException:
            self.connection.rollback()
            raise
        else:
            self.connection.commit()
        finally:
            self.depth = 0

    def _savepoint(self) -> Iterator[None]:
        name = f"nested_{self.depth}"
        self.connection.execute(f"SAVEPOINT {name}")
        self.depth += 1
        try:
            yield
        except BaseException:
            self.connection.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self.connection.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.connection.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self.depth -= 1



def connect(location: str) -> tuple[Sql, str]:
    """Open a connection to ``location`` (a path, ``:memory:`` or a PostgreSQL URL);
    returns it with the location as shown in messages (no password).

    Raises:
        StoreError: the database cannot be opened.
        ConfigError: a PostgreSQL URL without the ``psycopg`` package.
    """
    if location.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg
        except ImportError as exc:
            raise ConfigError("PostgreSQL needs the psycopg package: pip install 'claimdiff[postgres]'") from exc
        try:
            connection = psycopg.connect(location)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(location)}: {str(exc).strip().splitlines()[0]}") from exc
        return Sql(connection, POSTGRES), redact(location)
    try:
        if location != ":memory:":
            Path(location).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(location, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute(f"PRAGMA cache_size=-{int(SQLITE_CACHE_KIB)}")
        connection.execute(f"PRAGMA wal_autocheckpoint={int(SQLITE_WAL_PAGES)}")
        connection.execute("PRAGMA foreign_keys=ON")
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot open the database {location}: {exc}; check the path and its permissions") from exc
    return Sql(connection, SQLITE), location


def redact(url: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
