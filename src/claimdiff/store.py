"""The corpus store: the only module that writes SQL.

SQLite by default (one file, WAL, every article's ingest one transaction) and
PostgreSQL through the same class when the location is a ``postgresql://`` URL.
The schema changes only through the named migrations in ``MIGRATIONS``, each recorded
in the ``migrations`` table; a database written by a newer claimdiff is refused.

Articles are keyed by content hash, so adding the same article twice is a no-op, and
by canonical URL, so an article whose text changed under the same URL is stored as a
new version.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import ConfigError, SchemaTooNew, StoreError
from .model import Article, Claim, FigureRecord, Skipped, claim_from_dict, to_dict

__all__ = [
    "Store",
    "AddResult",
    "StoryRow",
    "canonical_url",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "MIGRATIONS",
]

log = logging.getLogger(__name__)

DEFAULT_DB = "claimdiff.db"
#: SQLite waits this long for a lock held by another writer before giving up.
BUSY_TIMEOUT_S = 30.0
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


# --------------------------------------------------------------------------- schema

def _m1_initial(sql: _Sql) -> None:
    """Articles, claims, quantities, stories, story terms, LSH bands, skipped inputs."""
    real, auto = sql.dialect.real, sql.dialect.autoincrement
    statements = [
        f"""CREATE TABLE articles (
            id TEXT PRIMARY KEY, seq BIGINT NOT NULL,
            source TEXT NOT NULL, url TEXT, canonical_url TEXT, version INTEGER NOT NULL DEFAULT 1,
            outlet TEXT, title TEXT, published TEXT, author TEXT, doc_id TEXT, reference_date TEXT,
            text TEXT NOT NULL, removed TEXT, offset_map TEXT,
            story_id TEXT, storyline_id TEXT, duplicate_of TEXT, syndicated_of TEXT, story_score {real})""",
        "CREATE UNIQUE INDEX articles_seq ON articles (seq)",
        "CREATE INDEX articles_url ON articles (canonical_url, version)",
        "CREATE INDEX articles_story ON articles (story_id)",
        "CREATE INDEX articles_published ON articles (published)",
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL, position INTEGER NOT NULL,
            speaker TEXT, speaker_key TEXT, cue TEXT, kind TEXT, statement_date TEXT, data TEXT NOT NULL)""",
        "CREATE INDEX claims_article ON claims (article_id, position)",
        f"""CREATE TABLE quantities (
            claim_id TEXT NOT NULL, idx INTEGER NOT NULL, value {real}, value_max {real}, qualifier TEXT,
            unit TEXT, object TEXT, object_head TEXT, text TEXT, PRIMARY KEY (claim_id, idx))""",
        "CREATE INDEX quantities_head ON quantities (object_head)",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY, storyline_id TEXT NOT NULL, title TEXT, first_date TEXT, last_date TEXT,
            size INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX stories_last ON stories (last_date)",
        "CREATE INDEX stories_storyline ON stories (storyline_id)",
        f"CREATE TABLE story_terms (term TEXT NOT NULL, story_id TEXT NOT NULL, weight {real} NOT NULL, PRIMARY KEY (term, story_id))",
        "CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL)",
        "CREATE TABLE lsh_bands (band INTEGER NOT NULL, bucket TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, bucket, article_id))",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE skipped (id {auto}, source TEXT NOT NULL, stage TEXT NOT NULL, code TEXT NOT NULL,
            reason TEXT NOT NULL)""",
    ]
    for statement in statements:
        sql.execute(statement)


def _m2_signatures(sql: _Sql) -> None:
    """MinHash signatures, so a near-duplicate found through LSH bands can be scored."""
    sql.execute("CREATE TABLE signatures (article_id TEXT PRIMARY KEY, outlet TEXT, minhash TEXT NOT NULL)")


def _m3_bounded_postings(sql: _Sql) -> None:
    """Index story terms by story, and date each posting so lookups read only the most
    recently touched stories per term (as the in-memory index does)."""
    sql.execute("CREATE INDEX story_terms_story ON story_terms (story_id)")
    sql.execute("ALTER TABLE story_terms ADD COLUMN touched BIGINT NOT NULL DEFAULT 0")
    sql.execute("CREATE INDEX story_terms_recent ON story_terms (term, touched)")


def _m4_story_embeddings(sql: _Sql) -> None:
    """The summed sentence embedding of each story's members (the optional [embed] extra)."""
    sql.execute("ALTER TABLE stories ADD COLUMN embedding TEXT")


def _m5_quantity_measure(sql: _Sql) -> None:
    """The measure of each figure ("people killed · Valencia"), which timelines key on."""
    sql.execute("ALTER TABLE quantities ADD COLUMN measure TEXT")
    sql.execute("CREATE INDEX quantities_measure ON quantities (measure)")


#: Named migrations, in order; the store records each one it applies.
MIGRATIONS: tuple[tuple[int, str, Any], ...] = (
    (1, "initial", _m1_initial),
    (2, "signatures", _m2_signatures),
    (3, "bounded_postings", _m3_bounded_postings),
    (4, "story_embeddings", _m4_story_embeddings),
    (5, "quantity_measure", _m5_quantity_measure),
)
#: A term's lookup reads at most this many stories, the most recently touched first.
POSTING_LIMIT = 256
SCHEMA_VERSION = MIGRATIONS[-1][0]


@dataclass(frozen=True, slots=True)
class _Dialect:
    """What differs between SQLite and PostgreSQL for the SQL this module writes."""

    name: str
    param: str
    real: str
    autoincrement: str


SQLITE = _Dialect("sqlite", "?", "REAL", "INTEGER PRIMARY KEY AUTOINCREMENT")
POSTGRES = _Dialect("postgresql", "%s", "DOUBLE PRECISION", "BIGSERIAL PRIMARY KEY")


class _Sql:
    """A connection with one dialect: ``?`` placeholders everywhere, rewritten for
    PostgreSQL, and transactions as context managers."""

    def __init__(self, connection: Any, dialect: _Dialect) -> None:
        self.connection = connection
        self.dialect = dialect

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
        """Commit on success, roll back on any error."""
        if self.dialect.name == "sqlite":
            self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.rollback()
            raise
        else:
            self.connection.commit()


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """What adding one article did: ``status`` (new | duplicate | updated), the
    ``article_id``, its ``version`` under its URL, and its ``story_id``."""

    status: str
    article_id: str
    version: int = 1
    story_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A stored story: ``id``, ``title``, ``storyline_id``, ``first_date``/``last_date``,
    ``size`` (articles) and, when asked for, its ``articles`` (id, source, outlet,
    published, duplicate_of, syndicated_of dicts)."""

    id: str
    title: str | None
    storyline_id: str
    first_date: str | None
    last_date: str | None
    size: int
    articles: tuple[dict[str, Any], ...] = ()


def _json(value: Any) -> str:
    """Canonical JSON text for a stored column."""
    return json.dumps(to_dict(value), sort_keys=True, ensure_ascii=False)


class Store:
    """A corpus of articles, claims and stories in SQLite or PostgreSQL.

    Example:
        >>> with Store.open(":memory:") as store:
        ...     store.count("articles")
        0
    """

    def __init__(self, sql: _Sql, location: str) -> None:
        self.sql = sql
        self.location = location
        self._migrate()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, location: str | Path = DEFAULT_DB) -> Store:
        """Open (creating and migrating as needed) the store at a path or URL.

        Raises:
            StoreError: the database cannot be opened.
            SchemaTooNew: it was written by a newer claimdiff.
            ConfigError: a PostgreSQL URL without the ``psycopg`` package.
        """
        text = str(location)
        if text.startswith(("postgresql://", "postgres://")):
            try:
                import psycopg
            except ImportError as exc:
                raise ConfigError("PostgreSQL needs the psycopg package: pip install 'claimdiff[postgres]'") from exc
            try:
                connection = psycopg.connect(text)
            except psycopg.Error as exc:
                raise StoreError(f"cannot connect to {_redact(text)}: {str(exc).strip().splitlines()[0]}") from exc
            return cls(_Sql(connection, POSTGRES), _redact(text))
        try:
            if text != ":memory:":
                Path(text).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(text, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the database {text}: {exc}; check the path and its permissions") from exc
        return cls(_Sql(connection, SQLITE), text)

    def close(self) -> None:
        """Close the connection."""
        self.sql.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, each in its own transaction."""
        try:
            with self.sql.transaction():
                self.sql.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            applied = {row[0] for row in self.sql.all("SELECT version FROM migrations")}
        except Exception as exc:  # a file that is not a database, a dead server
            raise StoreError(f"cannot read the database {self.location}: {exc}") from exc
        if applied and max(applied) > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"the database {self.location} has schema version {max(applied)}, newer than this claimdiff "
                f"({SCHEMA_VERSION}); upgrade claimdiff"
            )
        for version, name, apply in MIGRATIONS:
            if version in applied:
                continue
            with self.sql.transaction():
                apply(self.sql)
                self.sql.execute("INSERT INTO migrations (version, name) VALUES (?, ?)", (version, name))
            log.info("applied migration %s (%s) to %s", version, name, self.location)

    def schema_version(self) -> int:
        """The newest migration applied."""
        row = self.sql.one("SELECT MAX(version) FROM migrations")
        return int(row[0]) if row and row[0] is not None else 0

    # ------------------------------------------------------------------ writing

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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around several writes (an article and its story)."""
        with self.sql.transaction():
            yield

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
        self.sql.execute(
            """INSERT INTO articles (id, seq, source, url, canonical_url, version, outlet, title, published, author,
                doc_id, reference_date, text, removed, offset_map, story_id, storyline_id, duplicate_of,
                syndicated_of, story_score) VALUES (?, COALESCE((SELECT MAX(seq) FROM articles), 0) + 1,
                ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (article.id, article.source, article.url, canonical_url(article.url), version, article.outlet,
             article.title, article.published, article.author, article.doc_id, article.reference_date,
             article.text, _json(article.removed), _json(article.offset_map), story_id, storyline_id,
             duplicate_of, syndicated_of, story_score),
        )
        from .extract.attribution import speaker_key

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

    def record_skipped(self, skipped: Skipped) -> None:
        """Remember an input that could not be used (shown in ingest summaries)."""
        with self.sql.transaction():
            self.sql.execute("INSERT INTO skipped (source, stage, code, reason) VALUES (?, ?, ?, ?)",
                             (skipped.source, skipped.stage, skipped.code, skipped.reason))

    # ------------------------------------------------------------------ story index tables

    def upsert_story(self, story_id: str, storyline_id: str, title: str | None, date: str | None) -> None:
        """Create a story or widen its date range and count one more article."""
        row = self.sql.one("SELECT first_date, last_date, size FROM stories WHERE id = ?", (story_id,))
        if row is None:
            self.sql.execute(
                "INSERT INTO stories (id, storyline_id, title, first_date, last_date, size) VALUES (?, ?, ?, ?, ?, 1)",
                (story_id, storyline_id, title, date, date),
            )
            return
        first = min(d for d in (row[0], date) if d) if (row[0] or date) else None
        last = max(d for d in (row[1], date) if d) if (row[1] or date) else None
        self.sql.execute("UPDATE stories SET first_date = ?, last_date = ?, size = ? WHERE id = ?",
                         (first, last, int(row[2]) + 1, story_id))

    def add_story_terms(self, story_id: str, terms: Mapping[str, float]) -> None:
        """Add term weights to a story's profile (summed with what it has), marking its
        postings as the most recently touched."""
        touched = self.n_docs() + 1
        self.sql.executemany(
            """INSERT INTO story_terms (term, story_id, weight, touched) VALUES (?, ?, ?, ?)
               ON CONFLICT (term, story_id) DO UPDATE
               SET weight = story_terms.weight + excluded.weight, touched = excluded.touched""",
            [(term, story_id, weight, touched) for term, weight in sorted(terms.items())],
        )

    def story_terms(self, story_id: str) -> dict[str, float]:
        """A story's term profile."""
        return self.stories_terms([story_id]).get(story_id, {})

    def stories_terms(self, story_ids: Sequence[str]) -> dict[str, dict[str, float]]:
        """Term profiles of several stories, read in one query."""
        if not story_ids:
            return {}
        marks = ", ".join("?" for _ in story_ids)
        out: dict[str, dict[str, float]] = {sid: {} for sid in story_ids}
        for sid, term, weight in self.sql.all(
                f"SELECT story_id, term, weight FROM story_terms WHERE story_id IN ({marks})", list(story_ids)):
            out[sid][term] = float(weight)
        return out

    def stories_with_terms(self, terms: Sequence[str], *, since: str | None, limit: int) -> list[tuple[str, float]]:
        """Stories sharing ``terms`` (summed weight), last seen on or after ``since``."""
        if not terms:
            return []
        # Each term contributes only its POSTING_LIMIT most recently touched stories, so a
        # common word never makes the lookup scan the whole corpus.
        postings = " UNION ALL ".join(
            f"SELECT * FROM (SELECT story_id, weight FROM story_terms WHERE term = ? "
            f"ORDER BY touched DESC LIMIT {POSTING_LIMIT}) AS p{i}"
            for i in range(len(terms))
        )
        window = "WHERE s.last_date IS NULL OR s.last_date >= ?" if since else ""
        params: list[Any] = list(terms) + ([since] if since else []) + [limit]
        rows = self.sql.all(
            f"""SELECT u.story_id, SUM(u.weight) AS w FROM ({postings}) AS u JOIN stories s ON s.id = u.story_id
                {window} GROUP BY u.story_id ORDER BY w DESC, u.story_id LIMIT ?""",
            params,
        )
        return [(r[0], float(r[1])) for r in rows]

    def story_embedding(self, story_id: str) -> tuple[float, ...]:
        """The summed embedding of a story's members (``()`` when none was stored)."""
        row = self.sql.one("SELECT embedding FROM stories WHERE id = ?", (story_id,))
        return tuple(float(x) for x in row[0].split()) if row and row[0] else ()

    def set_story_embedding(self, story_id: str, embedding: Sequence[float]) -> None:
        """Replace a story's summed embedding."""
        self.sql.execute("UPDATE stories SET embedding = ? WHERE id = ?",
                         (" ".join(repr(float(x)) for x in embedding) or None, story_id))

    def story_dates(self, story_id: str) -> tuple[str | None, str | None, str]:
        """(first date, last date, storyline id) of a story."""
        first, last, storyline, _ = self.story_profile(story_id)
        return first, last, storyline

    def story_profile(self, story_id: str) -> tuple[str | None, str | None, str, int]:
        """(first date, last date, storyline id, size) of a story."""
        row = self.sql.one("SELECT first_date, last_date, storyline_id, size FROM stories WHERE id = ?", (story_id,))
        if row is None:
            raise StoreError(f"no story {story_id} in {self.location}")
        return row[0], row[1], row[2], int(row[3])

    def bump_df(self, terms: Iterable[str]) -> None:
        """Count one more document for each term, and one more document overall."""
        self.sql.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1",
            [(term,) for term in sorted(set(terms))],
        )
        self.set_meta("n_docs", str(self.n_docs() + 1))

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies of ``terms`` (absent terms are left out)."""
        terms = sorted(set(terms))
        out: dict[str, int] = {}
        for start in range(0, len(terms), 500):
            chunk = terms[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            out.update({t: int(d) for t, d in self.sql.all(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)})
        return out

    def n_docs(self) -> int:
        """Documents counted in the term statistics."""
        value = self.get_meta("n_docs")
        return int(value) if value else 0

    def add_bands(self, article_id: str, buckets: Sequence[str]) -> None:
        """Index an article's MinHash band buckets."""
        self.sql.executemany(
            "INSERT INTO lsh_bands (band, bucket, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(i, b, article_id) for i, b in enumerate(buckets)],
        )

    def add_signature(self, article_id: str, outlet: str | None, minhash: Sequence[int]) -> None:
        """Keep an article's MinHash signature."""
        self.sql.execute(
            "INSERT INTO signatures (article_id, outlet, minhash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (article_id, outlet, " ".join(str(v) for v in minhash)),
        )

    def signatures(self, article_ids: Sequence[str]) -> dict[str, tuple[str | None, tuple[int, ...], str | None, str | None]]:
        """(outlet, signature, story id, storyline id) of stored articles."""
        out = {}
        for aid in article_ids:
            row = self.sql.one(
                """SELECT s.outlet, s.minhash, a.story_id, a.storyline_id FROM signatures s
                   LEFT JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?""", (aid,))
            if row:
                out[aid] = (row[0], tuple(int(v) for v in row[1].split()), row[2], row[3])
        return out

    def articles_in_buckets(self, buckets: Sequence[str]) -> list[str]:
        """Articles sharing at least one band bucket."""
        found: set[str] = set()
        for i, bucket in enumerate(buckets):
            found.update(r[0] for r in self.sql.all("SELECT article_id FROM lsh_bands WHERE band = ? AND bucket = ?", (i, bucket)))
        return sorted(found)

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.sql.one("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value in the meta table."""
        self.sql.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # ------------------------------------------------------------------ reading

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in ("articles", "claims", "quantities", "stories", "skipped"):
            raise StoreError(f"no table {table!r}")
        row = self.sql.one(f"SELECT COUNT(*) FROM {table}")
        return int(row[0]) if row else 0

    def _article(self, row: Sequence[Any]) -> Article:
        """Rebuild an Article from an ``articles`` row (columns of ``_ARTICLE_COLUMNS``)."""
        (aid, source, url, outlet, title, published, author, doc_id, reference_date, text, removed, offset_map) = row
        return Article(
            id=aid, source=source, url=url, outlet=outlet, title=title, published=published, author=author,
            doc_id=doc_id, reference_date=reference_date, text=text, removed=tuple(json.loads(removed or "[]")),
            offset_map=tuple(tuple(p) for p in json.loads(offset_map or "[]")),
        )

    _ARTICLE_COLUMNS = "id, source, url, outlet, title, published, author, doc_id, reference_date, text, removed, offset_map"

    def article(self, article_id: str) -> Article | None:
        """One stored article."""
        row = self.sql.one(f"SELECT {self._ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return self._article(row) if row else None

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
        for row in self.sql.all(f"SELECT {self._ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
            yield self._article(row)

    def story_links(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Story, storyline, duplicate and syndication marks of articles."""
        out = {}
        for aid in article_ids:
            row = self.sql.one(
                "SELECT story_id, storyline_id, duplicate_of, syndicated_of, version FROM articles WHERE id = ?", (aid,))
            if row:
                out[aid] = {"story": row[0], "storyline": row[1], "duplicate_of": row[2], "syndicated_of": row[3],
                            "version": row[4]}
        return out

    def stories(self, *, query: str | None = None, limit: int = 100, offset: int = 0,
                sort: str = "last_date") -> list[StoryRow]:
        """Stories, newest first, optionally those whose title or articles mention ``query``."""
        order = {"last_date": "s.last_date DESC", "size": "s.size DESC", "title": "s.title ASC",
                 "first_date": "s.first_date ASC"}.get(sort)
        if order is None:
            raise StoreError(f"cannot sort stories by {sort!r}; use last_date, first_date, size or title")
        where, params = "", []
        if query:
            where = """WHERE LOWER(s.title) LIKE ? OR s.id IN (SELECT story_id FROM articles WHERE LOWER(title) LIKE ?
                       OR LOWER(outlet) LIKE ?)"""
            like = f"%{query.lower()}%"
            params = [like, like, like]
        rows = self.sql.all(
            f"""SELECT s.id, s.title, s.storyline_id, s.first_date, s.last_date, s.size FROM stories s {where}
                ORDER BY {order}, s.id LIMIT ? OFFSET ?""",
            params + [limit, offset],
        )
        return [StoryRow(id=r[0], title=r[1], storyline_id=r[2], first_date=r[3], last_date=r[4], size=int(r[5]))
                for r in rows]

    def story(self, story_id: str) -> StoryRow | None:
        """One story with its articles (oldest first)."""
        row = self.sql.one("SELECT id, title, storyline_id, first_date, last_date, size FROM stories WHERE id = ?",
                           (story_id,))
        if row is None:
            return None
        articles = tuple(
            {"id": r[0], "source": r[1], "outlet": r[2], "published": r[3], "title": r[4], "url": r[5],
             "duplicate_of": r[6], "syndicated_of": r[7], "version": r[8]}
            for r in self.sql.all(
                """SELECT id, source, outlet, published, title, url, duplicate_of, syndicated_of, version
                   FROM articles WHERE story_id = ? ORDER BY published, seq""", (story_id,))
        )
        return StoryRow(id=row[0], title=row[1], storyline_id=row[2], first_date=row[3], last_date=row[4],
                        size=int(row[5]), articles=articles)

    def find_story(self, prefix: str) -> str | None:
        """The full id of the story whose id starts with ``prefix`` (unique), else None."""
        rows = self.sql.all("SELECT id FROM stories WHERE id LIKE ? ORDER BY id LIMIT 2", (f"{prefix}%",))
        return rows[0][0] if len(rows) == 1 else None

    def timeline_rows(self, query: str, *, story: str | None = None) -> list[FigureRecord]:
        """Every stored figure whose measure ("death toll" finds "people killed · …") or
        counted object (or its head) matches ``query``; only story ``story`` when given."""
        from .extract.quantities import measure_query

        words = [w for w in re.findall(r"[a-z0-9]+", query.lower()) if w]
        if not words:
            return []
        by_object = " AND ".join("LOWER(COALESCE(q.object, '')) LIKE ?" for _ in words)
        by_measure = " AND ".join("LOWER(COALESCE(q.measure, '')) LIKE ?" for _ in words)
        # "death toll" → "people killed": any counted object of that event ("hikers killed")
        event = measure_query(query).removeprefix("people ")
        params = [f"%{event}%", *(f"%{w}%" for w in words), *(f"%{w}%" for w in words)]
        in_story = ""
        if story is not None:
            in_story, params = " AND a.story_id = ?", [*params, story]
        rows = self.sql.all(
            f"""SELECT c.data, q.idx, a.id, a.outlet, a.published, a.story_id, a.syndicated_of, a.duplicate_of
                FROM quantities q JOIN claims c ON c.id = q.claim_id JOIN articles a ON a.id = c.article_id
                WHERE (LOWER(COALESCE(q.measure, '')) LIKE ? OR ({by_object}) OR ({by_measure})){in_story}
                ORDER BY a.published, a.seq, c.position, q.idx""",
            params,
        )
        return [FigureRecord(claim=claim_from_dict(json.loads(r[0])), quantity_index=int(r[1]), article_id=r[2],
                            outlet=r[3], published=r[4], story_id=r[5], syndicated_of=r[6], duplicate_of=r[7])
                for r in rows]

    def skipped(self) -> list[Skipped]:
        """Every recorded skipped input, oldest first."""
        return [Skipped(source=r[0], stage=r[1], code=r[2], reason=r[3])
                for r in self.sql.all("SELECT source, stage, code, reason FROM skipped ORDER BY id")]


def _redact(url: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
