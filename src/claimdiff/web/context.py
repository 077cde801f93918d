"""What the API and the pages share: the store connections, the story cache, the ingest
job runner and the few operations both route modules call (find a story, list stories,
a timeline, start an ingest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request, UploadFile
from starlette.exceptions import HTTPException

from ..ingest import check_url
from ..timeline import build_timeline
from . import views
from .jobs import JobRunner, safe_filename

__all__ = ["WebContext", "Paste", "MAX_FILES", "next_url", "not_found"]

#: Most files one ingest request may carry.
MAX_FILES = 50


def next_url(request: Request, offset: int, limit: int, has_more: bool) -> str | None:
    """The URL of the next page of a paginated answer, or None."""
    if not has_more:
        return None
    params = dict(request.query_params)
    params.update(offset=str(offset + limit), limit=str(limit))
    return f"{request.url.path}?{urlencode(params)}"


def not_found(what: str) -> HTTPException:
    """A 404 naming what is missing."""
    return HTTPException(status_code=404, detail=what)


@dataclass(frozen=True, slots=True)
class Paste:
    """Pasted text and the header fields the form gives it."""

    text: str = ""
    title: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""

    def file_text(self) -> str:
        """The text as an article file with ``Title:``/``Outlet:``/``Date:``/``URL:`` header lines."""
        header = [f"{name}: {' '.join(value.split())}" for name, value in
                  (("Title", self.title), ("Outlet", self.outlet), ("Date", self.published), ("URL", self.url))
                  if value]
        return ("\n".join(header) + "\n\n" if header else "") + self.text.strip() + "\n"


@dataclass(slots=True)
class WebContext:
    """The app's shared state: ``stores`` (per-thread connections), ``cache``,
    ``runner`` (ingest jobs) and ``max_upload_bytes``."""

    stores: Any
    cache: views.StoryCache
    runner: JobRunner
    max_upload_bytes: int

    def story_or_404(self, story_id: str) -> views.StoryData:
        """A story's loaded data, or a 404."""
        store = self.stores.get()
        row = views.find_story(store, story_id)
        if row is None:
            raise not_found(f"no story {story_id!r}; list them at /api/stories")
        return views.load_story(store, row, self.cache)

    def summaries(self, q: str | None, sort: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], bool]:
        """A page of story summaries and whether more follow."""
        store = self.stores.get()
        rows = store.stories(query=q or None, limit=limit + 1, offset=offset, sort=sort)
        items = []
        for row in rows[:limit]:
            full = store.story(row.id)
            if full is not None:
                items.append(views.story_summary(full, views.load_story(store, full, self.cache)))
        return items, len(rows) > limit

    def timeline_entries(self, q: str, outlet: str | None) -> list[Any]:
        """The timeline of ``q``, optionally only what ``outlet`` carried."""
        entries = build_timeline(self.stores.get().timeline_rows(q))
        if outlet:
            entries = [e for e in entries if any(outlet.lower() in o.lower() for o in e.outlets)]
        return entries

    def start_ingest(self, paste: Paste, url: str | None, files: list[UploadFile]) -> dict[str, Any]:
        """Queue an ingest of pasted text, uploads and/or a URL; return the job's snapshot.

        Raises:
            HTTPException: nothing to ingest, or too many files.
            BlockedURL, FetchError: the URL is refused (checked again when fetched).
        """
        url = (url or "").strip()
        uploads = [f for f in files if f.filename or f.size]
        if not paste.text.strip() and not url and not uploads:
            raise HTTPException(400, "nothing to ingest: paste text, choose files, or give a URL or feed")
        if len(uploads) > MAX_FILES:
            raise HTTPException(400, f"{len(uploads)} files; at most {MAX_FILES} per ingest")
        if url:
            check_url(url)
        folder = self.runner.new_folder() if (paste.text.strip() or uploads) else None
        inputs, labels = self._write_inputs(folder, paste, uploads)
        if url:
            inputs.append(url)
            labels.append(url)
        size = sum(Path(p).stat().st_size for p in inputs if folder is not None and p.startswith(str(folder)))
        return self.runner.submit(inputs, labels, folder, fetch=bool(url), size=size).snapshot()

    @staticmethod
    def _write_inputs(folder: Path | None, paste: Paste, uploads: list[UploadFile]) -> tuple[list[str], list[str]]:
        """Write the pasted text and the uploads into the job's folder."""
        inputs: list[str] = []
        labels: list[str] = []
        if folder is None:
            return inputs, labels
        if paste.text.strip():
            path = folder / "000-pasted.txt"
            path.write_text(paste.file_text(), encoding="utf-8")
            inputs.append(str(path))
            labels.append("pasted text" + (f" ({' '.join(paste.title.split())})" if paste.title else ""))
        for index, upload in enumerate(uploads, start=1):
            path = folder / safe_filename(upload.filename, index)
            with path.open("wb") as out:
                while chunk := upload.file.read(1 << 16):
                    out.write(chunk)
            inputs.append(str(path))
            labels.append(upload.filename or path.name)
        return inputs, labels
