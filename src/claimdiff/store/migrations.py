"""The schema, changed only through named migrations, each recorded in the
``migrations`` table; a database written by a newer claimdiff is refused."""

from __future__ import annotations

import json
import logging
from typing import Any

from ..errors import SchemaTooNew, StoreError
from ..model import upgrade_claim_dict
from .connection import Sql

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate", "schema_version"]

log = logging.getLogger(__name__)


def _m1_initial(sql: Sql) -> None:
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


def _m2_signatures(sql: Sql) -> None:
    """MinHash signatures, so a near-duplicate found through LSH bands can be scored."""
    sql.execute("CREATE TABLE signatures (article_id TEXT PRIMARY KEY, outlet TEXT, minhash TEXT NOT NULL)")


def _m3_bounded_postings(sql: Sql) -> None:
    """Index story terms by story, and date each posting so lookups read only the most
    recently touched stories per term (as the in-memory index does)."""
    sql.execute("CREATE INDEX story_terms_story ON story_terms (story_id)")
    sql.execute("ALTER TABLE story_terms ADD COLUMN touched BIGINT NOT NULL DEFAULT 0")
    sql.execute("CREATE INDEX story_terms_recent ON story_terms (term, touched)")


def _m4_story_embeddings(sql: Sql) -> None:
    """The summed sentence embedding of each story's members (the optional [embed] extra)."""
    sql.execute("ALTER TABLE stories ADD COLUMN embedding TEXT")


def _m5_quantity_measure(sql: Sql) -> None:
    """The measure of each figure ("people killed · Valencia"), which timelines key on."""
    sql.execute("ALTER TABLE quantities ADD COLUMN measure TEXT")
    sql.execute("CREATE INDEX quantities_measure ON quantities (measure)")


def _m6_claim_statement(sql: Sql) -> None:
    """A claim's ``text``/``start``/``end`` become its statement (they were its sentence,
    with the statement in ``content_start``/``content_end``); the sentence moves to
    ``sentence``/``sentence_start``/``sentence_end``. Rewrites each stored claim's JSON
    (``model.upgrade_claim_dict``), keeping its id, so quantities still point to it."""
    rows = sql.all("SELECT id, data FROM claims")
    changed = []
    for claim_id, data in rows:
        old = json.loads(data)
        new = upgrade_claim_dict(old)
        if new != old:
            changed.append((json.dumps(new, sort_keys=True, ensure_ascii=False), claim_id))
    if changed:
        sql.executemany("UPDATE claims SET data = ? WHERE id = ?", changed)


def _m7_story_pages(sql: Sql) -> None:
    """Story pages rendered ahead of their first view (``web.pagecache``), each with the
    stamp of the story and the code it was rendered from."""
    sql.execute(f"CREATE TABLE story_pages (story_id TEXT PRIMARY KEY, stamp TEXT NOT NULL, page {sql.dialect.blob} NOT NULL)")


#: Named migrations, in order; the store records each one it applies.
MIGRATIONS: tuple[tuple[int, str, Any], ...] = (
    (1, "initial", _m1_initial),
    (2, "signatures", _m2_signatures),
    (3, "bounded_postings", _m3_bounded_postings),
    (4, "story_embeddings", _m4_story_embeddings),
    (5, "quantity_measure", _m5_quantity_measure),
    (6, "claim_statement", _m6_claim_statement),
    (7, "story_pages", _m7_story_pages),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def migrate(sql: Sql, location: str) -> None:
    """Apply the migrations this database lacks, each in its own transaction.

    Raises:
        StoreError: the database cannot be read.
        SchemaTooNew: it was written by a newer claimdiff.
    """
    try:
        with sql.transaction():
            sql.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        applied = {row[0] for row in sql.all("SELECT version FROM migrations")}
    except Exception as exc:  # a file that is not a database, a dead server
        raise StoreError(f"cannot read the database {location}: {exc}") from exc
    if applied and max(applied) > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the database {location} has schema version {max(applied)}, newer than this claimdiff "
            f"({SCHEMA_VERSION}); upgrade claimdiff"
        )
    for version, name, apply in MIGRATIONS:
        if version in applied:
            continue
        with sql.transaction():
            # Another process opening the same new database may have applied it since
            # (SQLite's BEGIN IMMEDIATE makes this check and the change one step).
            if sql.one("SELECT 1 FROM migrations WHERE version = ?", (version,)) is not None:
                continue
            apply(sql)
            sql.execute("INSERT INTO migrations (version, name) VALUES (?, ?)", (version, name))
        log.info("applied migration %s (%s) to %s", version, name, location)


def schema_version(sql: Sql) -> int:
    """The newest migration applied."""
    row = sql.one("SELECT MAX(version) FROM migrations")
    return int(row[0]) if row and row[0] is not None else 0
