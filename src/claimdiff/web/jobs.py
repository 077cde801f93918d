"""Ingest from the web: each job runs in a background thread with a Store connection of
its own (SQLite connections belong to one thread) and reports its progress through
``Job.snapshot()``, which the page polls.

Two lanes, one job at a time in each: short jobs (a paste or small files, at most
``SMALL_JOB_BYTES``, no URL to fetch) never wait behind a large upload or a feed."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import IngestEvent, IngestSummary, ingest
from ..errors import ClaimdiffError
from ..store import Store
from .security import web_message

__all__ = ["Job", "JobRunner", "safe_filename", "KEPT_JOBS", "SMALL_JOB_BYTES"]

log = logging.getLogger(__name__)

#: Finished jobs remembered for polling; older ones are forgotten.
KEPT_JOBS = 100
#: Jobs up to this many bytes of input, with nothing to fetch, run in the short lane.
SMALL_JOB_BYTES = 256 * 1024
LANES = ("short", "long")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
#: Longest file name kept for an upload (the suffix tells ingest the format).
MAX_NAME = 80


def safe_filename(name: str | None, index: int) -> str:
    """A file name that cannot leave the job's folder: no paths, no dots in front."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_NAME.sub("_", base).lstrip("._")[-MAX_NAME:]
    return f"{index:03d}-{base or 'upload.txt'}"


@dataclass
class Job:
    """One ingest: its ``inputs`` (labels for people), progress counts, the skipped
    inputs, the stories it touched, and ``state`` (queued | running | done | failed)."""

    id: str
    inputs: list[str]
    state: str = "queued"
    done: int = 0
    counts: IngestSummary = field(default_factory=IngestSummary)
    failed: list[dict[str, str]] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    message: str | None = None
    started: float = 0.0
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self, event: IngestEvent) -> None:
        """Record one ingest event (called from the job's thread)."""
        with self.lock:
            self.done = event.done
            if event.skipped is not None:
                s = event.skipped
                self.failed.append({"source": s.source, "stage": s.stage, "code": s.code, "reason": web_message(s.reason)})
            elif event.result is not None:
                result = event.result
                self.counts.count(result)
                if result.story_id and result.story_id not in self.stories:
                    self.stories.append(result.story_id)
            self.seconds = round(time.perf_counter() - self.started, 3)

    def snapshot(self) -> dict[str, Any]:
        """The job as the API returns it."""
        with self.lock:
            return {
                "id": self.id, "state": self.state, "inputs": list(self.inputs), "done": self.done,
                "new": self.counts.new, "duplicate": self.counts.duplicate, "updated": self.counts.updated,
                "failed": list(self.failed),
                "stories": list(self.stories), "message": self.message, "seconds": self.seconds,
                "url": f"/api/ingest/{self.id}",
            }


class JobRunner:
    """Runs ingest jobs one after another on a background thread; ``on_done`` is called
    after each (the app drops its page cache)."""

    def __init__(self, store_location: str, nlp_loader: Callable[[], Any],
                 fetcher_factory: Callable[[], Any], on_done: Callable[[], None] | None = None) -> None:
        self.location = store_location
        self.on_done = on_done
        self.nlp_loader = nlp_loader
        self.fetcher_factory = fetcher_factory
        self.executors: dict[str, ThreadPoolExecutor] = {}
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        """A job by id."""
        with self.lock:
            return self.jobs.get(job_id)

    def submit(self, inputs: Sequence[str], labels: Sequence[str], folder: Path | None, *, fetch: bool,
               size: int = 0) -> Job:
        """Queue an ingest of ``inputs`` (paths in ``folder``, which is deleted after, and
        URLs; ``fetch`` builds a fetcher for the URLs; ``size`` is the bytes of the files,
        which with ``fetch`` picks the lane)."""
        job = Job(id=uuid.uuid4().hex[:16], inputs=list(labels))
        lane = "short" if not fetch and size <= SMALL_JOB_BYTES else "long"
        with self.lock:
            self.jobs[job.id] = job
            while len(self.jobs) > KEPT_JOBS:
                self.jobs.popitem(last=False)
            executor = self.executors.get(lane)
            if executor is None:
                executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"claimdiff-ingest-{lane}")
                self.executors[lane] = executor
            executor.submit(self._run, job, list(inputs), folder, fetch)
        return job

    def _run(self, job: Job, inputs: list[str], folder: Path | None, fetch: bool) -> None:
        """The job's thread: its own Store connection, the shared spaCy pipeline."""
        with job.lock:
            job.state, job.started = "running", time.perf_counter()
        store = None
        try:
            nlp = self.nlp_loader()
            store = Store.open(self.location)
            fetcher = self.fetcher_factory() if fetch else None
            summary = ingest(inputs, store, nlp, fetcher=fetcher, progress=job.note)
            with job.lock:
                job.state = "done"
                job.message = (f"{summary.new} new, {summary.duplicate} already stored, {summary.updated} updated, "
                               f"{len(summary.failed)} skipped")
        except ClaimdiffError as exc:
            with job.lock:
                job.state, job.message = "failed", web_message(str(exc))
        except Exception as exc:  # a job must end, whatever broke; the log keeps the trace
            log.exception("ingest job %s failed", job.id)
            with job.lock:
                job.state, job.message = "failed", f"ingest failed: {type(exc).__name__}: {exc}"
        finally:
            if store is not None:
                store.close()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            with job.lock:
                job.seconds = round(time.perf_counter() - job.started, 3)
            if self.on_done is not None:
                self.on_done()

    def new_folder(self) -> Path:
        """A private temporary folder for one job's uploads."""
        return Path(tempfile.mkdtemp(prefix="claimdiff-upload-"))

    def shutdown(self) -> None:
        """Drop queued jobs (running ones finish); a later submit starts new threads."""
        with self.lock:
            executors, self.executors = list(self.executors.values()), {}
        for executor in executors:
            executor.shutdown(wait=False, cancel_futures=True)
