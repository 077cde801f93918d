"""Story pages rendered ahead of their first view, kept in the store.

A story page aligns the story's claims, builds the report's view model and renders it:
tens of milliseconds, which fifty readers opening new stories at once turn into seconds
of waiting. ``ingest`` therefore renders the page of every story it touched once, at
the end of its run (:func:`render_pages`), and keeps it, zlib-compressed, in the
store's ``story_pages`` table. The web app serves a kept page when its stamp still
matches and renders (and keeps in memory) the others.

The stamp (:func:`page_stamp`) covers what a page shows of its story (size, title,
dates, which articles and how they are linked) and the code that renders it (a digest
of claimdiff's source files and templates, :func:`code_version`): a story that gains an
article, or a claimdiff that renders differently, makes the kept page stale; it is never
served stale.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..store import Store, StoryRow
from . import views
from .render import render_page

__all__ = ["code_version", "page_stamp", "render_story_page", "kept_page", "page_for", "render_pages"]

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parents[1]
#: Files whose content a page depends on (the code and templates that render it).
_SOURCES = ("*.py", "*.j2", "*.css", "*.js", "*.svg", "*.jsonl", "*.json")


@cache
def code_version() -> str:
    """A digest of claimdiff's source files and templates (read once per process)."""
    digest = hashlib.blake2b(digest_size=16)
    for pattern in _SOURCES:
        for path in sorted(PACKAGE.rglob(pattern)):
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_stamp(row: StoryRow) -> str:
    """What a story's page depends on, as a digest: the story's row and articles, and
    the code that renders it."""
    shown = [row.id, row.title, row.storyline_id, row.first_date, row.last_date, row.size,
             [[a.get(k) for k in sorted(a)] for a in row.articles]]
    body = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.blake2b(body + code_version().encode(), digest_size=16).hexdigest()


def render_story_page(store: Store, row: StoryRow, cache: views.StoryCache) -> bytes:
    """A story's page as served (UTF-8 HTML)."""
    data = views.load_story(store, row, cache)
    return render_page("story.html.j2", nav="stories", **views.story_page_view(data)).encode()


def kept_page(store: Store, row: StoryRow) -> bytes | None:
    """The page kept for a story, when it was rendered from this story and this code."""
    kept = store.story_page(row.id)
    if kept is None or kept[0] != page_stamp(row):
        return None
    return zlib.decompress(kept[1])


def page_for(store: Store, row: StoryRow, cache: views.StoryCache) -> bytes:
    """A story's page: from the app's memory ``cache``, else kept in the store (when up
    to date), else rendered now; cached in memory either way."""
    key = (row.id, row.size, "html")
    page = cache.get(key)
    if page is None:
        page = cache.put(key, kept_page(store, row) or render_story_page(store, row, cache))
    return page


def render_pages(store: Store, story_ids: Iterable[str], *, processes: int = 1) -> int:
    """Render and keep the pages of ``story_ids`` (those kept up to date are left
    alone); returns how many were rendered. Each page is written in its own short
    transaction.

    With ``processes`` > 1 and a SQLite store, called from the main thread, the stories
    are shared out between this process and ``processes - 1`` forked ones, each with its
    own connection (a page a child fails to write is rendered on its first view instead)."""
    ids = list(dict.fromkeys(story_ids))
    start = time.perf_counter()
    forked: list[tuple[int, int]] = []
    if processes > 1 and len(ids) > 1 and _can_fork(store):
        shares = [ids[k::processes] for k in range(processes)]
        ids = shares[0]
        for share in shares[1:]:
            forked.append(_fork_render(store.location, share))
    rendered = _render(store, ids)
    for pid, pipe in forked:
        with os.fdopen(pipe) as told:
            count = told.read().strip()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not count.isdigit():
            log.warning("a page-rendering process failed; its stories' pages are rendered when first viewed")
        else:
            rendered += int(count)
    log.info("rendered %d story pages in %.1f s", rendered, time.perf_counter() - start)
    return rendered


def _fork_render(location: str, story_ids: list[str]) -> tuple[int, int]:
    """Render the pages of ``story_ids`` in a forked process with its own connection to
    the store at ``location``; (its pid, the pipe it tells its count through)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never touches the parent's connection, and leaves by _exit
        code = 1
        try:
            os.close(read)
            with Store.open(location) as own:
                count = _render(own, story_ids)
            os.write(write, str(count).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def _can_fork(store: Store) -> bool:
    """True when pages may be rendered in forked processes: a SQLite file, the main
    thread, a platform with fork."""
    return (store.sql.dialect.name == "sqlite" and store.location != ":memory:" and hasattr(os, "fork")
            and threading.current_thread() is threading.main_thread())


def _render(store: Store, story_ids: Iterable[str]) -> int:
    """Render and keep the pages of ``story_ids`` in this process; how many."""
    cache = views.StoryCache(size=8)
    rendered = 0
    for story_id in story_ids:
        row = store.story(story_id)
        if row is None:
            continue
        stamp = page_stamp(row)
        kept = store.story_page(row.id)
        if kept is not None and kept[0] == stamp:
            continue
        page = zlib.compress(render_story_page(store, row, cache), 6)
        with store.transaction():
            store.put_story_page(row.id, stamp, page)
        rendered += 1
    return rendered
