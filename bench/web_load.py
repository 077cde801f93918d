"""Loopback load test of the web app's story pages.

Builds (or reuses) a store of generated articles with pre-extracted claims inserted
directly through ``Store`` (no NLP, so 10k articles take seconds) and renders each
story's page ahead, as ``claimdiff ingest`` does at the end of a run
(``web.pagecache.render_pages``; ``--no-pages`` leaves every first view to be rendered
while the clients wait), starts ``uvicorn`` in
a child process on 127.0.0.1, and runs CLIENTS concurrent keep-alive clients for DURATION
seconds, each fetching ``/stories/<id>`` for stories drawn at random. Prints p50/p99
latency, errors and requests per second.

    python bench/web_load.py                        # 10k articles, 50 clients, 30 s
    python bench/web_load.py --articles 2000 --duration 5 --clients 20

Goal: 0 errors and p99 < 200 ms on 2 cores with 10k stored articles. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimdiff.model import Article, Claim, Quantity, Speaker
from claimdiff.store import Store

#: Articles per generated story (outlets covering one event).
ARTICLES_PER_STORY = 5
#: Facts per generated story; each article reports most of them, some differently.
FACTS_PER_STORY = 12
#: Articles written per transaction while building the store.
BATCH = 500
OUTLETS = ("Harbor Ledger", "Capital Wire", "Tidewater Times", "Metro Daily", "Lakeshore Herald", "Valley Post",
           "Coastal Courier", "Northern Star")
OBJECTS = ("containers", "artillery shells", "workers", "vessels", "jobs", "tons of cargo", "cars", "families")
SPEAKERS = ("Jennifer Homendy", "the Coast Guard", "Gov. Wes Moore", "the port authority", "Shin Won-sik",
            "the ministry", "a spokesperson", "state officials")
QUALIFIERS = ((None, ""), ("approx", "about "), ("more_than", "more than "), ("nearly", "nearly "))
FILLER = ("Officials gave no further details on Tuesday. ", "The agency has been criticised before. ",
          "Traffic was diverted to the tunnels. ", "Residents gathered near the river to watch. ")


def _article(rng: random.Random, story: int, index: int, facts: list[tuple[int, str, str]]) -> tuple[Article, list]:
    """One generated article of ``story`` and its claims, with exact offsets."""
    outlet = OUTLETS[(story + index) % len(OUTLETS)]
    parts: list[str] = []
    spans = []
    cursor = 0
    for value, obj, speaker in facts:
        if rng.random() < 0.25:
            continue  # an outlet leaves some facts out
        if rng.random() < 0.3:
            value = int(value * rng.choice((0.9, 1.1, 1.5)))
        qualifier, words = rng.choice(QUALIFIERS)
        number = f"{value:,}"
        sentence = f"There were {words}{number} {obj} involved, {speaker} said. "
        filler = rng.choice(FILLER)
        start = cursor
        qstart = start + len(f"There were {words}")
        spans.append((start, start + len(sentence) - 1, qstart, qstart + len(number), value, qualifier, words, obj,
                      speaker))
        parts.append(sentence + filler)
        cursor += len(sentence) + len(filler)
    text = "".join(parts) or "Nothing was said. "
    article = Article(source=f"gen/{story}/{index}.txt", text=text, title=f"Story {story}: port disruption update",
                      outlet=outlet, published=f"2024-{1 + story % 12:02d}-{1 + (story + index) % 28:02d}",
                      url=f"https://{outlet.lower().replace(' ', '')}.example/{story}/{index}")
    claims = [
        Claim(article=article.id, text=text[s:e], start=s, end=e, kind="paraphrase", cue="said",
              speaker=Speaker(name=sp, type="person"),
              quantities=(Quantity(value=v, text=text[qs:qe], start=qs, end=qe, qualifier=q,
                                   qualifier_text=w.strip() or None, object=o, object_head=o.split()[-1].rstrip("s")),))
        for s, e, qs, qe, v, q, w, o, sp in spans
    ]
    return article, claims


def build_store(path: str, articles: int, seed: int = 7, *, pages: bool = True) -> float:
    """Write ``articles`` generated articles into a new store and (``pages``) render their
    stories' pages as ingest does; return the seconds taken."""
    rng = random.Random(seed)
    start = time.perf_counter()
    with Store.open(path) as store:
        pending = []
        for story in range((articles + ARTICLES_PER_STORY - 1) // ARTICLES_PER_STORY):
            facts = [(rng.choice((56, 850, 4_679, 6_700, 10_000, 3_000_000)) * rng.randint(1, 3), rng.choice(OBJECTS),
                      rng.choice(SPEAKERS)) for _ in range(FACTS_PER_STORY)]
            for index in range(min(ARTICLES_PER_STORY, articles - story * ARTICLES_PER_STORY)):
                pending.append((story, *_article(rng, story, index, facts)))
            if len(pending) >= BATCH:
                _flush(store, pending)
        _flush(store, pending)
        if pages:
            from claimdiff.web.pagecache import render_pages

            clock = time.perf_counter()
            ids = [s.id for s in store.stories(limit=None)]
            rendered = render_pages(store, ids)
            print(f"rendered {rendered} story pages ahead in {time.perf_counter() - clock:.1f} s (as ingest does)")
    return time.perf_counter() - start


def _flush(store: Store, pending: list) -> None:
    """Insert pending articles in one transaction."""
    with store.transaction():
        for story, article, claims in pending:
            sid = f"gen{story:013d}"
            store.insert_article(article, claims, story_id=sid, storyline_id=sid)
            store.upsert_story(sid, sid, article.title, article.published)
    pending.clear()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One keep-alive GET; returns the status (body read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), None)
    if length is None:
        raise RuntimeError("no content-length")
    await reader.readexactly(length)
    return status


async def _client(port: int, paths: list[str], until: float, rng: random.Random, latencies: list[float],
                  errors: list[str]) -> None:
    """A client looping over random story pages until ``until``."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            path = rng.choice(paths)
            start = time.perf_counter()
            try:
                status = await _fetch(reader, writer, path)
            except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as exc:
                errors.append(f"{path}: {type(exc).__name__}")
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(f"{path}: HTTP {status}")
    finally:
        writer.close()


async def _load(port: int, paths: list[str], clients: int, duration: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    until = start + duration
    await asyncio.gather(*(_client(port, paths, until, random.Random(i), latencies, errors) for i in range(clients)))
    return latencies, errors, time.perf_counter() - start


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the generated store")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--stories", type=int, default=200, help="distinct story pages requested (random)")
    parser.add_argument("--db", help="reuse (or create) the store here instead of a temporary one")
    parser.add_argument("--warm", action="store_true", help="request every page once before measuring")
    parser.add_argument("--no-pages", action="store_true",
                        help="build the store without rendering story pages ahead (first views rendered live)")
    args = parser.parse_args()
    if args.clients > 200 or args.duration > 300:
        parser.error("bounded: at most 200 clients and 300 seconds")

    folder = tempfile.mkdtemp(prefix="claimdiff-bench-")
    db = args.db or os.path.join(folder, "bench.db")
    if not Path(db).exists():
        seconds = build_store(db, args.articles, pages=not args.no_pages)
        print(f"built store: {args.articles} articles in {seconds:.1f} s ({args.articles / seconds:.0f} articles/s)")
    with Store.open(db) as store:
        counts = store.count("articles"), store.count("stories"), store.count("claims")
        ids = [s.id for s in store.stories(limit=args.stories, sort="title")]
    print(f"store: {counts[0]} articles, {counts[1]} stories, {counts[2]} claims; requesting {len(ids)} story pages")
    port = _free_port()
    code = ("import sys, uvicorn; from claimdiff.web import create_app; "
            f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning', access_log=False)")
    server = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        paths = [f"/stories/{i}" for i in ids]
        cpu_before = _cpu_seconds(server.pid)
        if args.warm:
            cold, _, took = asyncio.run(_warm(port, paths))
            print(f"warm-up: {len(paths)} pages in {took:.1f} s, first view p50 {_percentile(cold, .5) * 1000:.1f} ms")
        latencies, errors, took = asyncio.run(_load(port, paths, args.clients, args.duration))
        server_cpu = _cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{args.clients} clients x {args.duration:.0f} s on story pages: {len(latencies)} requests, "
          f"{len(latencies) / took:.0f} req/s")
    print(f"p50 {_percentile(latencies, .5) * 1000:.1f} ms  p99 {_percentile(latencies, .99) * 1000:.1f} ms  "
          f"max {max(latencies, default=0) * 1000:.1f} ms  mean {statistics.fmean(latencies or [0]) * 1000:.1f} ms  "
          f"errors {len(errors)}")
    print(f"server CPU {server_cpu:.1f} s, {server_cpu / max(1, len(latencies)) * 1000:.2f} ms per request "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for error in sorted(set(errors))[:5]:
        print("  error:", error)
    return 1 if errors else 0


async def _warm(port: int, paths: list[str]) -> tuple[list[float], list[str], float]:
    """Fetch every page once, one at a time (first views: align + render)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies: list[float] = []
    start = time.perf_counter()
    for path in paths:
        t = time.perf_counter()
        await _fetch(reader, writer, path)
        latencies.append(time.perf_counter() - t)
    writer.close()
    return latencies, [], time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
