"""The article repository: articles with their claims and quantities, keyed by content
hash (adding the same article twice is a no-op) and by canonical URL (an article whose
text changed under the same URL is stored as a new version)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..model import Article, Claim, Skipped, claim_from_dict, to_dict
from ..model import ARTICLE_COLUMNS, article_from_row, article_to_row
from .connection import Sql

__all__ = ["AddResult", "ArticleRepository", "canonical_url"]

_TRACKING_PARAMS = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$", re.I)


def canonical_url(url: str | None) -> str | None:
    """Normalise a URL so that one article has one key: lower-case host, no ``www.``,
    no fragment, no tracking parameters, no trailing slash.

    >>> canonical_url("https://WWW.Example.com/a/b/?utm_source=x&id=3#top")
    'https://example.com/a/b?id=3'
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    query = "&".join(
        p for p in parts.query.split("&") if p and not _TRACKING_PARAMS.match(p.split("=", 1)[0])
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """What adding one article did: ``status`` (new | duplicate | updated), the
    ``article_id``, its ``version`` under its URL, its ``story_id``, and ``new_story``
    (True when this article started that story)."""

    status: str
    article_id: str
    version: int = 1
    story_id: str | None = None
    new_story: bool = False


def _json(value: Any) -> str:
    """Canonical JSON text for a stored column."""
    return json.dumps(to_dict(value), sort_keys=True, ensure_ascii=False)


_ARTICLE_COLUMNS = ", ".join(ARTICLE_COLUMNS)


def _article(row: Sequence[Any]) -> Article:
    """Rebuild an Article from an ``articles`` row (columns of ``_ARTICLE_COLUMNS``)."""
    return article_from_row(row)


class ArticleRepository:
    """Writing and reading articles and claims (a part of ``Store``; needs ``self.sql``)."""

    sql: Sql

    def has_article(self, article_id: str) -> bool:
        """True when an article with this content hash is stored."""
        return self.sql.one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def latest_version(self, url: str | None) -> tuple[str, int] | None:
        """(article id, version) of the newest article stored under ``url``."""
        key = canonical_url(url)
        if not key:
            return None
        row = self.sql.one(
            "SELECT id, version FROM articles WHERE canonical_url = ? ORDER BY version DESC LIMIT 1", (key,)
        )
        return (row[0], int(row[1])) if row else None

    def insert_article(self, article: Article, claims: Sequence[Claim], *, story_id: str | None = None,
                       storyline_id: str | None = None, duplicate_of: str | None = None,
                       syndicated_of: str | None = None, story_score: float | None = None) -> AddResult:
        """Insert an article and its claims; call inside ``transaction()``.

        Returns ``duplicate`` without writing when the article is already stored, and
        ``updated`` (a new version) when its URL already holds other text.
        """
        if self.has_article(article.id):
            row = self.sql.one("SELECT version, story_id FROM articles WHERE id = ?", (article.id,))
            return AddResult(status="duplicate", article_id=article.id, version=int(row[0]), story_id=row[1])
        previous = self.latest_version(article.url)
        version = previous[1] + 1 if previous else 1
        row = article_to_row(article)
        self.sql.execute(
            """INSERT INTO articles (id, seq, source, url, canonical_url, version, outlet, title, published, author,
                doc_id, reference_date, text, removed, offset_map, story_id, storyline_id, duplicate_of,
                syndicated_of, story_score) VALUES (?, COALESCE((SELECT MAX(seq) FROM articles), 0) + 1,
                ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (row["id"], row["source"], row["url"], canonical_url(article.url), version, row["outlet"],
             row["title"], row["published"], row["author"], row["doc_id"], row["reference_date"],
             row["text"], row["removed"], row["offset_map"], story_id, storyline_id,
             duplicate_of, syndicated_of, story_score),
        )
        from ..extract.attribution import speaker_key

        self.sql.executemany(
            """INSERT INTO claims (id, article_id, position, speaker, speaker_key, cue, kind, statement_date, data)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
            [(c.id, article.id, i, (c.speaker.name if c.speaker else None), speaker_key(c.speaker), c.cue, c.kind,
              c.statement_date, _json(c)) for i, c in enumerate(claims)],
        )
        self.sql.executemany(
            """INSERT INTO quantities (claim_id, idx, value, value_max, qualifier, unit, object, object_head, text,
                                         measure)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (claim_id, idx) DO NOTHING""",
            [(c.id, i, q.value, q.value_max, q.qualifier, q.unit, q.object, q.object_head, q.text, q.measure)
             for c in claims for i, q in enumerate(c.quantities)],
        )
        return AddResult(status="updated" if previous else "new", article_id=article.id, version=version,
                         story_id=story_id)

    def syndication_root(self, article_id: str) -> str:
        """The article a stored copy's chain of "syndicated copy of" links ends at."""
        seen = [article_id]
        while True:
            row = self.sql.one("SELECT syndicated_of FROM articles WHERE id = ?", (seen[-1],))
            if row is None or not row[0] or row[0] in seen:
                return seen[-1]
            seen.append(row[0])

    def set_syndicated_of(self, article_id: str, original_id: str | None) -> None:
        """Record a stored article as a syndicated copy of ``original_id`` (``None``: of none)."""
        self.sql.execute("UPDATE articles SET syndicated_of = ? WHERE id = ?", (original_id, article_id))

    def record_skipped(self, skipped: Skipped) -> None:
        """Remember an input that could not be used (shown in ingest summaries)."""
        with self.sql.transaction():
            self.sql.execute("INSERT INTO skipped (source, stage, code, reason) VALUES (?, ?, ?, ?)",
                             (skipped.source, skipped.stage, skipped.code, skipped.reason))

    def article(self, article_id: str) -> Article | None:
        """One stored article."""
        row = self.sql.one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return _article(row) if row else None

    def articles(self, article_ids: Sequence[str]) -> list[Article]:
        """Stored articles, in the order of ``article_ids`` (missing ones left out)."""
        found = {a.id: a for a in (self.article(i) for i in article_ids) if a}
        return [found[i] for i in article_ids if i in found]

    def claims_of(self, article_ids: Sequence[str]) -> list[Claim]:
        """Claims of the given articles, in article then text order."""
        out: list[Claim] = []
        for aid in article_ids:
            out.extend(claim_from_dict(json.loads(r[0])) for r in self.sql.all(
                "SELECT data FROM claims WHERE article_id = ? ORDER BY position", (aid,)))
        return out

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest ingest first."""
        for row in self.sql.all(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
            yield _article(row)

