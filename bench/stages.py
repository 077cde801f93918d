#!/usr/bin/env python3
"""Where the CPU time of ``extract`` and ``ingest`` goes, stage by stage, in one process.

    python bench/stages.py [--n 300] [--seed 7] [--json]

On a corpus from bench/corpus.py, everything in this process (no workers, so every
figure is CPU seconds of one core, ``time.process_time``, the figure least moved by
other load on a shared machine):

- ``sentences``: all sentences, the distinct ones, the claim candidates (the word-lookup
  prefilter) and the distinct candidates: what the parse has to cover.
- ``clean``: reading and cleaning the inputs.
- ``extract``: ``extract_many`` batch by batch (16 articles, one ``ParseCache``), as a
  worker runs it; ``parse`` is the parse of the same batches alone (``parse_texts``, a
  fresh cache), so ``rules`` (split, prefilter, claim rules, assembling) is the rest.
- ``pipes``: each pipe of the spaCy pipeline over the distinct candidates, as
  ``fastpipe.pipe`` runs them (numpy products, the dictionary attribute ruler).
- ``group+store``: grouping each extraction into a story and storing it
  (``corpus.IngestWriter``, one transaction per article) into a fresh SQLite store.
- ``pages``: rendering and keeping every story's page (``web.pagecache.render_pages``,
  one process), and the seconds per page.

Figures are for the stage alone: the commands add interpreter start and model load
(about 3 s of CPU) and spread the work over the cores (bench/commands.py times them).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

from claimdiff import fastpipe  # noqa: E402
from claimdiff.corpus import IngestSummary, IngestWriter  # noqa: E402
from claimdiff.extract.claims import DEFAULT_BATCH_SIZE, extract_many  # noqa: E402
from claimdiff.extract.sentences import is_candidate, split_sentences  # noqa: E402
from claimdiff.parse import ParseCache, parse_texts  # noqa: E402
from claimdiff.pipeline import BATCH_ARTICLES, load_nlp, read_articles  # noqa: E402
from claimdiff.store import Store  # noqa: E402


def _cpu(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` and the CPU seconds it took."""
    start = time.process_time()
    result = fn(*args, **kwargs)
    return result, time.process_time() - start


def sentence_counts(articles) -> dict[str, int]:
    """All, distinct, candidate and distinct candidate sentences."""
    texts = [s.text for a in articles for s in split_sentences(a.text)]
    candidates = [t for t in texts if is_candidate(t)]
    return {"all": len(texts), "distinct": len(set(texts)), "candidates": len(candidates),
            "distinct candidates": len(set(candidates))}


def extraction(articles, nlp) -> tuple[list, float, float]:
    """The extractions, batch by batch as a worker makes them, their CPU seconds and
    the CPU seconds of the parse of the same batches alone."""
    batches = [articles[i:i + BATCH_ARTICLES] for i in range(0, len(articles), BATCH_ARTICLES)]
    cache = ParseCache()
    out: list = []
    seconds = 0.0
    with fastpipe.one_blas_thread():
        for batch in batches:
            found, spent = _cpu(extract_many, batch, nlp, batch_size=DEFAULT_BATCH_SIZE, n_process=1, cache=cache)
            out.extend(found)
            seconds += spent
        cache, parse = ParseCache(), 0.0
        for batch in batches:
            texts = [s.text for a in batch for s in split_sentences(a.text) if is_candidate(s.text)]
            with nlp.memory_zone():
                parse += _cpu(lambda: sum(1 for _ in parse_texts(nlp, texts, batch_size=DEFAULT_BATCH_SIZE,
                                                                  cache=cache)))[1]
    return out, seconds, parse


def pipes(articles, nlp) -> dict[str, float]:
    """CPU seconds of each pipe over the distinct candidate sentences."""
    from spacy.pipeline import AttributeRuler

    texts = list(dict.fromkeys(s.text for a in articles for s in split_sentences(a.text) if is_candidate(s.text)))
    seconds: dict[str, float] = {}
    with fastpipe.one_blas_thread(), nlp.memory_zone():
        docs, seconds["tokenizer"] = _cpu(lambda: [nlp.make_doc(t) for t in texts])
        for name, component in nlp.pipeline:
            if type(component) is AttributeRuler:
                component = fastpipe.FastAttributeRuler(component)
            runner = component.pipe if hasattr(component, "pipe") else (lambda ds, c=component, **_: map(c, ds))
            docs, seconds[name] = _cpu(lambda: list(runner(docs, batch_size=DEFAULT_BATCH_SIZE)))
    return seconds


def group_store_pages(extractions, work: Path) -> dict[str, float]:
    """CPU seconds of grouping and storing every extraction, and of rendering every
    story's page, into a fresh store."""
    from claimdiff.web.pagecache import render_pages

    with Store.open(work / "profile.db") as store:
        writer = IngestWriter(store, IngestSummary(), None)
        _, store_s = _cpu(lambda: [writer.write(e) for e in extractions])
        stories = list(writer.touched)
        rendered, pages_s = _cpu(render_pages, store, stories, processes=1)
    return {"group+store": store_s, "per article ms": 1000 * store_s / max(1, len(extractions)),
            "pages": pages_s, "stories": len(stories), "per page ms": 1000 * pages_s / max(1, rendered)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    records = list(generate(args.n, args.seed))
    nlp = load_nlp()
    with tempfile.TemporaryDirectory(prefix="claimdiff-profile-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        (articles, _), clean_s = _cpu(read_articles, [str(corpus)])
        extractions, extract_s, parse_s = extraction(articles, nlp)
        figures = {"articles": len(articles), "sentences": sentence_counts(articles), "clean": clean_s,
                   "extract": extract_s, "parse": parse_s, "rules": extract_s - parse_s,
                   "pipes": pipes(articles, nlp), **group_store_pages(extractions, work)}
    print(report(figures))
    if args.json:
        print(json.dumps(figures, indent=2))


def report(f: dict) -> str:
    """The figures as lines of text."""
    s = f["sentences"]
    pipes_total = sum(f["pipes"].values())
    lines = [
        f"{f['articles']} articles; sentences: {s['all']} ({s['distinct']} distinct), candidates {s['candidates']} "
        f"({s['distinct candidates']} distinct): {s['distinct candidates'] / s['all']:.0%} of all sentences parsed",
        f"CPU s, one process: clean {f['clean']:.2f}, extract {f['extract']:.2f} = parse {f['parse']:.2f} "
        f"({f['parse'] / f['extract']:.0%}) + rules {f['rules']:.2f}",
        "pipes over the distinct candidates (CPU s): " + ", ".join(
            f"{k} {v:.2f} ({v / pipes_total:.0%})" for k, v in f["pipes"].items()),
        f"group+store {f['group+store']:.2f} s ({f['per article ms']:.1f} ms/article); "
        f"pages {f['pages']:.2f} s for {f['stories']} stories ({f['per page ms']:.0f} ms/page)",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
