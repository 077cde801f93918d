#!/usr/bin/env python3
"""Time to add one article to a large corpus store (grouping + insert, one transaction).

    python bench/store_add.py [--sizes 10000 100000 1000000] [--adds 7] [--recommended]

Stores of the given sizes are built directly (bulk ``executemany`` in one transaction, no
NLP): articles, stories of about ``STORY_SIZE`` articles, story term profiles, document
frequencies, MinHash signatures and LSH band rows, modelled on ``SAMPLE`` articles that
bench/corpus.py generates and ``cluster.fingerprint`` reduces. Each synthetic story takes
a sample article's terms; its rarer terms (names, places, numbers) get a per-story suffix,
so stories share the common vocabulary but not their specifics, as in a real archive.
Signatures are random (no synthetic article copies another). Claims are not generated:
adding an article never reads them.

Then ``--adds`` real articles (generated with another seed, cleaned and extracted once,
before timing) are added through ``corpus._store_one``, the code ``claimdiff ingest``
runs per article (on a copy of the store, flushed to disk first), and the median is
printed: wall time, the process's CPU time (what
the add costs when other work shares the cores, as on a busy machine) and the candidate
query. With
``--recommended`` the same is measured again after the index changes recommended in the
README (on the same store file; each size prints both). With ``--sqlite-defaults`` the
adds are timed again, alternately with the store's settings, with SQLite's own page cache
and checkpoint interval (``store.connection.SQLITE_CACHE_KIB``/``SQLITE_WAL_PAGES`` set to
2,000 KiB and 1,000 pages), ``--rounds`` times each, and the medians of the rounds print.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

from claimdiff.clean import clean  # noqa: E402
from claimdiff.cluster import CANDIDATE_LIMIT, fingerprint  # noqa: E402
from claimdiff.cluster import lsh_buckets  # noqa: E402
from claimdiff.corpus import SqlStoryIndex, _store_one  # noqa: E402
from claimdiff.ingest import iter_jsonl  # noqa: E402
from claimdiff.store import Store  # noqa: E402
from claimdiff.store import connection as sql_connection  # noqa: E402

SAMPLE = 400
STORY_SIZE = 4
#: A term in more than this share of the sample's articles is common vocabulary.
COMMON_SHARE = 0.05
START = date(2023, 1, 1)
SPAN_DAYS = 730
ROWS_PER_CHUNK = 200_000
#: The index changes the README recommends (tested here on the same store).
RECOMMENDED = (
    "CREATE INDEX IF NOT EXISTS story_terms_story ON story_terms (story_id)",
)


def _articles(n: int, seed: int) -> list:
    """Cleaned articles from bench/corpus.py."""
    text = "\n".join(json.dumps(r) for r in generate(n, seed))
    return [clean(s) for s in iter_jsonl(text, "bench.jsonl")]


def _profiles(sample: list) -> tuple[list[tuple[tuple[str, float], ...]], set[str]]:
    """Term vectors of the sample and the set of its common terms."""
    fps = [fingerprint(a) for a in sample]
    df = Counter(t for fp in fps for t, _ in fp.terms)
    common = {t for t, c in df.items() if c > COMMON_SHARE * len(fps)}
    return [fp.terms for fp in fps], common


def build(path: Path, n: int, profiles: list, common: set[str], rng: random.Random) -> float:
    """Write a store of ``n`` articles at ``path``; return the seconds it took."""
    start = time.perf_counter()
    with Store.open(path) as store:
        sql = store.sql
        sql.connection.execute("PRAGMA synchronous=OFF")
        n_stories = (n + STORY_SIZE - 1) // STORY_SIZE
        df: Counter[str] = Counter()
        with store.transaction():
            for lo in range(0, n_stories, ROWS_PER_CHUNK // 80):
                stories, terms = [], []
                for s in range(lo, min(n_stories, lo + ROWS_PER_CHUNK // 80)):
                    base = profiles[s % len(profiles)]
                    size = min(STORY_SIZE, n - s * STORY_SIZE)
                    day = (START + timedelta(days=s * SPAN_DAYS // n_stories)).isoformat()
                    sid = f"story{s:09d}"
                    stories.append((sid, sid, f"Story {s}", day, day, size))
                    for term, weight in base:
                        name = term if term in common else f"{term}~{s // len(profiles)}"
                        terms.append((name, sid, weight * size))
                        df[name] += size
                sql.executemany("INSERT INTO stories (id, storyline_id, title, first_date, last_date, size) "
                                "VALUES (?, ?, ?, ?, ?, ?)", stories)
                sql.executemany("INSERT INTO story_terms (term, story_id, weight) VALUES (?, ?, ?)", terms)
            for lo in range(0, n, ROWS_PER_CHUNK // 32):
                articles, signatures, bands = [], [], []
                for i in range(lo, min(n, lo + ROWS_PER_CHUNK // 32)):
                    s = i // STORY_SIZE
                    aid = f"art{i:012d}"
                    day = (START + timedelta(days=s * SPAN_DAYS // n_stories)).isoformat()
                    articles.append((aid, i + 1, f"syn.jsonl:{i + 1}", f"https://syn.example/{i}",
                                     f"https://syn.example/{i}", "Outlet %d" % (i % 40), f"Title {i}", day,
                                     f"Synthetic article {i}.", f"story{s:09d}", f"story{s:09d}"))
                    minhash = [rng.getrandbits(32) for _ in range(128)]
                    signatures.append((aid, "outlet %d" % (i % 40), " ".join(map(str, minhash))))
                    bands.extend((b, bucket, aid) for b, bucket in enumerate(lsh_buckets(minhash)))
                sql.executemany("""INSERT INTO articles (id, seq, source, url, canonical_url, outlet, title, published,
                    text, story_id, storyline_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", articles)
                sql.executemany("INSERT INTO signatures (article_id, outlet, minhash) VALUES (?, ?, ?)", signatures)
                sql.executemany("INSERT INTO lsh_bands (band, bucket, article_id) VALUES (?, ?, ?)", bands)
            sql.executemany("INSERT INTO term_df (term, df) VALUES (?, ?)", sorted(df.items()))
            store.set_meta("n_docs", str(n))
    return time.perf_counter() - start


def _copy_synced(source: Path, target: Path) -> None:
    """Copy the store and flush the copy to disk before timing: otherwise the first
    checkpoint's fsync writes back the whole freshly copied file (hundreds of MB), a cost
    of the benchmark's copy, not of adding an article."""
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def time_adds(path: Path, extractions: list) -> dict[str, float]:
    """Median milliseconds to add each article (and to its candidate query), on a copy."""
    copy = path.with_suffix(".copy.db")
    _copy_synced(path, copy)
    totals, candidates, cpu = [], [], []
    with Store.open(copy) as store:
        index = SqlStoryIndex(store)
        for article, claims in extractions:
            df, n_docs = index.document_frequency()
            fp = fingerprint(article, df=df, n_docs=n_docs)
            t = time.perf_counter()
            index.candidates(fp, limit=CANDIDATE_LIMIT)
            candidates.append(time.perf_counter() - t)
            t, c = time.perf_counter(), time.process_time()
            result = _store_one(store, index, article, claims)
            totals.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            assert result.status == "new", result
    copy.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    return {"add_ms": 1000 * statistics.median(totals), "candidates_ms": 1000 * statistics.median(candidates),
            "cpu_ms": 1000 * statistics.median(cpu)}


def compare_defaults(path: Path, extractions: list, rounds: int) -> str:
    """Median add wall/CPU ms over ``rounds``, SQLite's defaults and the store's, alternated."""
    ours = (sql_connection.SQLITE_CACHE_KIB, sql_connection.SQLITE_WAL_PAGES)
    rows: dict[str, list[dict[str, float]]] = {"sqlite defaults": [], "store settings": []}
    try:
        for _ in range(rounds):
            for name, (kib, pages) in (("sqlite defaults", (2000, 1000)), ("store settings", ours)):
                sql_connection.SQLITE_CACHE_KIB, sql_connection.SQLITE_WAL_PAGES = kib, pages
                rows[name].append(time_adds(path, extractions))
    finally:
        sql_connection.SQLITE_CACHE_KIB, sql_connection.SQLITE_WAL_PAGES = ours
    return "; ".join(f"{name}: add {statistics.median(r['add_ms'] for r in runs):.1f} ms, "
                     f"cpu {statistics.median(r['cpu_ms'] for r in runs):.1f} ms" for name, runs in rows.items())


def main(argv: list[str] | None = None) -> int:
    """Build the stores, time the adds, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--adds", type=int, default=7)
    parser.add_argument("--recommended", action="store_true", help="also time with the recommended indexes")
    parser.add_argument("--sqlite-defaults", action="store_true",
                        help="also time with SQLite's default page cache and checkpoint interval, alternately")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each setting for --sqlite-defaults")
    parser.add_argument("--dir", default=None, help="where to build the stores (default: a temp folder)")
    args = parser.parse_args(argv)
    from claimdiff.pipeline import extract_articles, load_nlp

    profiles, common = _profiles(_articles(SAMPLE, 5))
    fresh = _articles(args.adds, 99)
    extractions = [(e.article, e.claims) for e in extract_articles(fresh, load_nlp())]
    folder = Path(args.dir or tempfile.mkdtemp(prefix="claimdiff-storeadd-"))
    print(f"{'articles':>10} {'build s':>8} {'db MB':>7} {'add ms':>8} {'cpu ms':>7} {'cands ms':>9}"
          + (f" {'add ms*':>8} {'cands ms*':>9}" if args.recommended else ""))
    for n in args.sizes:
        path = folder / f"store-{n}.db"
        if not path.exists():
            built = build(path, n, profiles, common, random.Random(n))
        else:
            built = 0.0
        row = time_adds(path, extractions)
        line = f"{n:>10} {built:>8.1f} {path.stat().st_size / 1e6:>7.0f} {row['add_ms']:>8.1f} {row['cpu_ms']:>7.1f} {row['candidates_ms']:>9.1f}"
        if args.recommended:
            with Store.open(path) as store:
                for statement in RECOMMENDED:
                    store.sql.execute(statement)
            better = time_adds(path, extractions)
            line += f" {better['add_ms']:>8.1f} {better['candidates_ms']:>9.1f}"
            with Store.open(path) as store:
                store.sql.execute("DROP INDEX IF EXISTS story_terms_story")
        print(line, flush=True)
        if args.sqlite_defaults:
            print(f"{n:>10} {compare_defaults(path, extractions, args.rounds)}", flush=True)
    print(f"(median of {args.adds} adds; * = with {'; '.join(RECOMMENDED)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
