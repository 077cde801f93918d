"""The corpus store: the only package that writes SQL.

SQLite by default (one file, WAL, every article's ingest one transaction) and PostgreSQL
through the same class when the location is a ``postgresql://`` URL. One module per job:

- ``connection``: opening SQLite or PostgreSQL, one placeholder style, transactions;
- ``migrations``: the schema, changed only through named, recorded migrations;
- ``articles``: the article repository (content-hash keys, URL versions, claims);
- ``story_index``: the story-grouping tables and ``SqlStoryIndex`` over them;
- ``queries``: read queries and the read APIs built on them;
- ``pages``: story pages rendered ahead of their first view.

:class:`Store` joins them into one object, so ``store.stories()``, ``store.insert_article()``
and the rest keep one home each while callers hold a single handle.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..cluster import POSTING_LIMIT
from .articles import AddResult, ArticleRepository, canonical_url
from .connection import DEFAULT_DB, Sql, connect
from .migrations import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from .pages import StoryPages
from .queries import (
    Queries,
    StoryRow,
    resolve_story,
    story_comparison,
    story_copies,
    story_sources,
    timeline,
)
from .story_index import SqlStoryIndex, StoryTables

__all__ = [
    "Store",
    "AddResult",
    "StoryRow",
    "SqlStoryIndex",
    "canonical_url",
    "resolve_story",
    "story_copies",
    "story_comparison",
    "story_sources",
    "timeline",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "POSTING_LIMIT",
]


class Store(ArticleRepository, StoryTables, Queries, StoryPages):
    """A corpus of articles, claims and stories in SQLite or PostgreSQL.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     store.count("articles")
        0
    """

    def __init__(self, sql: Sql, location: str) -> None:
        self.sql = sql
        self.location = location
        migrate(sql, location)

    @classmethod
    def open(cls, location: str | Path = DEFAULT_DB) -> Store:
        """Open (creating and migrating as needed) the store at a path or URL.

        Raises:
            StoreError: the database cannot be opened.
            SchemaTooNew: it was written by a newer claimdiff.
            ConfigError: a PostgreSQL URL without the ``psycopg`` package.
        """
        sql, shown = connect(str(location))
        return cls(sql, shown)

    def close(self) -> None:
        """Close the connection."""
        self.sql.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """The newest migration applied."""
        return schema_version(self.sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around several writes (an article and its story)."""
        with self.sql.transaction():
            yield
