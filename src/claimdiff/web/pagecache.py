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


def render_pages(store: Store, story_ids: Iterable[str]) -> int:
    """Render and keep the pages of ``story_ids`` (those kept up to date are left
    alone); returns how many were rendered. Each page is written in its own short
    transaction."""
    cache = views.StoryCache(size=8)
    rendered = 0
    start = time.perf_counter()
    for story_id in dict.fromkeys(story_ids):
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
    log.info("rendered %d story pages in %.1f s", rendered, time.perf_counter() - start)
    return rendered
