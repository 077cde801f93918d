"""Rendered story pages kept in the store (``web.pagecache`` writes and reads them)."""

from __future__ import annotations

from .connection import Sql

__all__ = ["StoryPages"]


class StoryPages:
    """The ``story_pages`` table (a part of ``Store``; needs ``self.sql``)."""

    sql: Sql

    def story_page(self, story_id: str) -> tuple[str, bytes] | None:
        """(stamp, page) kept for a story, or None."""
        row = self.sql.one("SELECT stamp, page FROM story_pages WHERE story_id = ?", (story_id,))
        return (row[0], bytes(row[1])) if row else None

    def put_story_page(self, story_id: str, stamp: str, page: bytes) -> None:
        """Keep a story's page (replacing the one kept); call inside ``transaction()``."""
        self.sql.execute(
            """INSERT INTO story_pages (story_id, stamp, page) VALUES (?, ?, ?)
               ON CONFLICT (story_id) DO UPDATE SET stamp = excluded.stamp, page = excluded.page""",
            (story_id, stamp, page),
        )
