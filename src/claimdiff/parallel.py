"""Claim extraction on every core: batches of articles go to worker processes, results
come back in order.

Parsing is the costly, pure step, so :class:`ProcessExtractor` runs whole batches
(split → parse → rules) in ``workers`` forked processes, each with the parent's loaded
spaCy pipeline (shared copy-on-write, nothing reloaded) or, when the parent has none
yet, loading it itself on its first batch with articles (``loader``), and each with its own
:class:`~claimdiff.parse.ParseCache`. At most ``2 × workers`` batches are in flight,
so memory holds a few batches whatever the input size, and the caller (reading,
grouping, storing) runs while the workers parse the next batches. The workers clean the
inputs too (``clean``, a few chunks ahead), so that the caller, which also groups and
stores, is not the bottleneck.
:class:`InlineExtractor` does the same in this process. Both give the same extractions.

Workers are forked from the main thread only; :func:`make_extractor` falls back to
:class:`InlineExtractor` when called from another thread (the web app's ingest thread,
a Dask worker's task), where forking could copy a lock another thread holds.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from spacy.language import Language

from .errors import ExtractionError
from .extract.claims import extract_many
from .model import Article, Extraction
from .parse import ParseCache

__all__ = ["InlineExtractor", "ProcessExtractor", "make_extractor", "BatchResult", "MAX_WORKERS"]

log = logging.getLogger(__name__)

#: Worker processes at most when the count is automatic (the parse is CPU-bound).
MAX_WORKERS = 8
#: Seconds between a worker's checks that the process that started it is still alive.
_PARENT_CHECK_S = 1.0

#: A batch's extractions (or the error that failed it) and the seconds it took.
BatchResult = tuple[list[Extraction] | ExtractionError, float]


def _extract(articles: Sequence[Article], nlp: Language, cache: ParseCache, batch_size: int) -> BatchResult:
    """Extract one batch; spaCy's errors on malformed input fail the batch, not the run."""
    if not articles:  # a run of skipped inputs and duplicates: nothing to parse
        return [], 0.0
    start = time.perf_counter()
    try:
        result: list[Extraction] | ExtractionError = extract_many(
            articles, nlp, batch_size=batch_size, n_process=1, cache=cache)
    except (ValueError, RuntimeError) as exc:
        result = ExtractionError(f"claim extraction failed: {exc}")
    return result, time.perf_counter() - start


#: Cleaned chunks of inputs a ProcessExtractor keeps ahead of the extraction.
CLEAN_AHEAD = 4


def _clean(chunk: Sequence[tuple[int, Any]], cleaner: Callable[[Any], Any]) -> tuple[list[tuple[int, Any]], float]:
    """A chunk of ``(position, input)`` cleaned, and the seconds it took."""
    start = time.perf_counter()
    return [(pos, cleaner(item)) for pos, item in chunk], time.perf_counter() - start


class InlineExtractor:
    """Extracts batches in this process, one at a time (``loader`` gives the pipeline
    when ``nlp`` is None, on the first batch with articles)."""

    def __init__(self, nlp: Language | None, *, batch_size: int, loader: Callable[[], Language] | None = None) -> None:
        self.nlp = nlp
        self.loader = loader
        self.batch_size = batch_size
        self.cache = ParseCache()

    def map(self, batches: Iterator[Sequence[Article]]) -> Iterator[BatchResult]:
        """The result of each batch, in order."""
        for batch in batches:
            if batch and self.nlp is None:
                assert self.loader is not None, "InlineExtractor needs nlp or a loader"
                self.nlp = self.loader()
            yield _extract(batch, self.nlp, self.cache, self.batch_size)  # type: ignore[arg-type]

    def clean(self, chunks: Iterator[Sequence[tuple[int, Any]]],
              cleaner: Callable[[Any], Any]) -> Iterator[tuple[list[tuple[int, Any]], float]]:
        """Each chunk of ``(position, input)`` with its inputs cleaned, in order, and the
        seconds it took."""
        for chunk in chunks:
            yield _clean(chunk, cleaner)

    def close(self) -> None:
        """Nothing to release."""


_WORKER: dict[str, Any] = {}


def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (killed with -9)."""
    while True:
        time.sleep(_PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(nlp: Language | None, loader: Callable[[], Language] | None, batch_size: int, parent: int) -> None:
    # Ctrl-C is the parent's to report (one line); it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _WORKER.update(nlp=nlp, loader=loader, batch_size=batch_size, cache=ParseCache())


def _work(articles: Sequence[Article]) -> BatchResult:
    if articles and _WORKER["nlp"] is None:  # loaded on the first batch with articles
        assert _WORKER["loader"] is not None, "ProcessExtractor needs nlp or a loader"
        _WORKER["nlp"] = _WORKER["loader"]()
    return _extract(articles, _WORKER["nlp"], _WORKER["cache"], _WORKER["batch_size"])


class ProcessExtractor:
    """Extracts batches in ``workers`` forked processes; results come back in input order.
    With ``nlp`` None, each worker loads the pipeline with ``loader``."""

    def __init__(self, nlp: Language | None, *, batch_size: int, workers: int,
                 loader: Callable[[], Language] | None = None) -> None:
        context = multiprocessing.get_context("fork")
        # With fork the initializer's arguments are inherited, never pickled.
        self.pool = context.Pool(workers, initializer=_init_worker, initargs=(nlp, loader, batch_size, os.getpid()))
        self.window = 2 * workers

    def map(self, batches: Iterator[Sequence[Article]]) -> Iterator[BatchResult]:
        """The result of each batch, in order, with ``2 × workers`` batches in flight."""
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(self.pool.apply_async(_work, (list(batch),)))
            while len(pending) >= self.window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def clean(self, chunks: Iterator[Sequence[tuple[int, Any]]],
              cleaner: Callable[[Any], Any]) -> Iterator[tuple[list[tuple[int, Any]], float]]:
        """Each chunk of ``(position, input)`` with its inputs cleaned by a worker
        (``cleaner``: a module-level function), in order, ``CLEAN_AHEAD`` chunks ahead of
        what is asked for; and the seconds it took."""
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(self.pool.apply_async(_clean, (list(chunk), cleaner)))
            while len(pending) > CLEAN_AHEAD:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        """Stop the workers."""
        self.pool.terminate()
        self.pool.join()


def auto_workers() -> int:
    """Worker processes for ``n_process=0``: one per usable core, up to ``MAX_WORKERS``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def make_extractor(nlp: Language | None, *, batch_size: int, n_process: int, batches: int,
                   loader: Callable[[], Language] | None = None) -> InlineExtractor | ProcessExtractor:
    """The extractor for a run: processes when asked for (``n_process`` > 1) or, with
    ``n_process=0``, when there is more than one batch and more than one core; in this
    process otherwise, and always off the main thread (see the module docstring). With
    ``nlp`` None the pipeline comes from ``loader`` where it is needed (in each worker,
    or here on the first batch with articles)."""
    workers = auto_workers() if n_process <= 0 else n_process
    if n_process <= 0 and batches < 2:
        workers = 1
    if workers > 1 and threading.current_thread() is not threading.main_thread():
        log.info("extracting in this process: workers are forked from the main thread only")
        workers = 1
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return InlineExtractor(nlp, batch_size=batch_size, loader=loader)
    return ProcessExtractor(nlp, batch_size=batch_size, workers=workers, loader=loader)
