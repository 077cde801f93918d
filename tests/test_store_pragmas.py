"""SQLite connections of the store keep a page cache large enough for the story index
and checkpoint the WAL less often than SQLite's default (issue 10: store add time)."""

from __future__ import annotations

from pathlib import Path

from claimdiff.store import Store
from claimdiff.store.connection import SQLITE_CACHE_KIB, SQLITE_WAL_PAGES


def test_sqlite_store_sets_cache_and_checkpoint(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        connection = store.sql.connection
        assert connection.execute("PRAGMA cache_size").fetchone()[0] == -SQLITE_CACHE_KIB
        assert connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == SQLITE_WAL_PAGES
        assert SQLITE_CACHE_KIB > 2000 and SQLITE_WAL_PAGES > 1000  # above SQLite's defaults
