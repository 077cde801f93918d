#!/usr/bin/env python3
"""How fast ``extract`` and ``ingest`` could be with a cheaper parse: upper bounds, measured.

    python bench/bounds.py [--n 300] [--seed 7] [--repeat 1]

On a corpus from bench/corpus.py, beside the stock-spaCy baseline of bench/commands.py
(every sentence, every pipe, forked processes; model load and cleaning left out), the
commands run as subprocesses, as a user runs them, in three forms:

- ``as is``: the command.
- ``no NER``: the ``ner`` pipe removed from the loaded pipeline: what the command would
  cost if named entities were free (its output changes: the rules read entities).
- ``free parse``: every candidate sentence's parse served from a parse cache filled
  before the command starts (``parse.ParseCache``, passed to the forked workers): what
  the command would cost if the whole parse were free (rebuilding a ``Doc`` from the
  cached annotations is still paid). Its output is the same as ``as is``.

It prints the wall and CPU seconds and their ratios to the baseline of the same run
(``cpu ×``: the figure least moved by other load), and whether each form's output is
the same as the command's. ``--repeat`` keeps the best of several rounds. Last, what
the NER runs on: the distinct candidate sentences, how many hold an entity, and how
many are plain (no capital after the first word, no digit) and still hold one.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FORMS = {"as is": "", "no NER": "noner", "free parse": "freeparse"}


def launch(mode: str, cache_file: str, argv: list[str]) -> None:
    """Run the claimdiff CLI with ``argv`` in the ``mode`` form (see the docstring)."""
    from claimdiff import parallel, pipeline

    if mode == "noner":
        load = pipeline.load_nlp

        def without_ner(name: str = pipeline.MODEL_NAME):
            nlp = load(name)
            if "ner" in nlp.pipe_names:
                nlp.remove_pipe("ner")
            return nlp

        pipeline.load_nlp = without_ner
    elif mode == "freeparse":
        with open(cache_file, "rb") as f:
            filled = pickle.load(f)
        parallel.ParseCache = lambda **_: filled  # each forked worker gets its own copy
    from claimdiff.cli import main

    sys.argv = ["claimdiff", *argv]
    main()


def _plain(doc) -> bool:
    """True for a sentence with no capital letter after its first word and no digit:
    the only ones where an entity is unlikely."""
    return not any(c.isdigit() for c in doc.text) and not any(t.text[:1].isupper() for t in doc[1:])


def filled_cache(corpus: Path, path: Path) -> dict[str, int]:
    """Parse every candidate sentence of ``corpus`` once and pickle the parse cache;
    how many distinct candidates there are, how many hold an entity, how many are
    plain (``_plain``) and how many of those still hold one."""
    from claimdiff import fastpipe
    from claimdiff.extract.sentences import is_candidate, split_sentences
    from claimdiff.parse import ParseCache, parse_texts
    from claimdiff.pipeline import load_nlp, read_articles

    articles, _ = read_articles([str(corpus)])
    texts = list(dict.fromkeys(s.text for a in articles for s in split_sentences(a.text) if is_candidate(s.text)))
    nlp, cache = load_nlp(), ParseCache(size=len(texts) + 1)
    counts = dict.fromkeys(("distinct candidates", "with entities", "plain", "plain with entities"), 0)
    with fastpipe.one_blas_thread(), nlp.memory_zone():
        for doc in parse_texts(nlp, texts, batch_size=128, cache=cache):
            plain = _plain(doc)
            counts["distinct candidates"] += 1
            counts["with entities"] += bool(doc.ents)
            counts["plain"] += plain
            counts["plain with entities"] += plain and bool(doc.ents)
    path.write_bytes(pickle.dumps(cache))
    return counts


def run_once(work: Path, cache_file: Path) -> dict[str, tuple[float, float]]:
    """One round: the baseline, then each command in each form; (wall s, CPU s) each."""
    from commands import baseline, run_command

    corpus = work / "corpus.jsonl"
    figures = {"baseline": baseline(corpus, len(os.sched_getaffinity(0)), fast=False)}
    for command in ("extract", "ingest"):
        for form, mode in FORMS.items():
            out = work / f"{command}-{mode or 'asis'}"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{out}.db{suffix}").unlink(missing_ok=True)
            args = [str(corpus), "-o", f"{out}.jsonl"] if command == "extract" else [str(corpus), "--db", f"{out}.db"]
            os.environ["CLAIMDIFF_BOUND"] = mode
            seconds, cpu, _ = run_command([sys.executable, __file__, "--launch", str(cache_file), command, *args])
            figures[f"{command}, {form}"] = (seconds, cpu)
    os.environ.pop("CLAIMDIFF_BOUND", None)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the best of each is shown")
    args = parser.parse_args()
    from corpus import generate

    with tempfile.TemporaryDirectory(prefix="claimdiff-bounds-") as tmp:
        work = Path(tmp)
        records = list(generate(args.n, args.seed))
        (work / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        counts = filled_cache(work / "corpus.jsonl", work / "cache.pkl")
        rounds = [run_once(work, work / "cache.pkl") for _ in range(args.repeat)]
        same = {mode: (work / f"extract-{mode}.jsonl").read_bytes() == (work / "extract-asis.jsonl").read_bytes()
                for mode in ("noner", "freeparse")}
    best = {name: min(r[name] for r in rounds) for name in rounds[0]}
    base_s, base_cpu = best["baseline"]
    print(f"{args.n} generated articles, load {os.getloadavg()[0]:.1f}")
    print(f"{'what':<22} {'wall s':>7} {'× base':>7} {'cpu s':>7} {'cpu ×':>6}")
    for name, (seconds, cpu) in best.items():
        print(f"{name:<22} {seconds:>7.2f} {base_s / seconds:>7.2f} {cpu:>7.2f} {base_cpu / cpu:>6.2f}")
    print(f"extract output the same as as-is: no NER {same['noner']}, free parse {same['freeparse']}")
    print("sentences the NER runs on: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--launch":
        launch(os.environ.get("CLAIMDIFF_BOUND", ""), sys.argv[2], sys.argv[3:])
    else:
        main()
