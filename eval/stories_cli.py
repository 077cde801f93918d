"""Story grouping as a user meets it: the shared corpus ingested as a stream, scored with B³.

``python eval/stories_cli.py`` builds the shared corpus (``../shared/eval/make_cluster_corpus.py``:
BASIL + NewsWCL50 + PAC, 464 articles in a seeded random order), reads and cleans it
exactly as ``claimdiff ingest`` does, and groups it in that order through ``cluster.place``
on each backend asked for (``--backend memory sqlite postgresql``; PostgreSQL needs
``--pg URL``). Extraction is left out: it does not touch grouping. Prints B³ per corpus,
on the dev part (used for tuning) and on the test part (reported), next to the TF-IDF
baseline given the same dates (``eval/stories.py``), and whether every backend gave the
same stories.

``--cli DB`` runs the real thing instead: ``claimdiff ingest`` then ``claimdiff stories
--format json``, scored with ``../shared/eval/score_clusters.py`` (slow: extraction runs),
then split into the dev and test parts beside the dated baseline as above (the shared
scorer restricts each corpus's figure to its own ids; the part table charges a story that
mixes corpora to each of them, so the two can differ by a few tenths).

Dev part: BASIL 2010-2013, NewsWCL50 events 0-4, PAC ``dev`` stories (the same split as
``eval/stories.py``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "src"))

from claimdiff.clean import clean  # noqa: E402
from claimdiff.cluster import GroupingOptions, MemoryStoryIndex, StoryIndex, place  # noqa: E402
from claimdiff.ingest import iter_sources  # noqa: E402
from claimdiff.model import Article, Skipped  # noqa: E402


def _eval_stories() -> Any:
    """``eval/stories.py`` as a module (B³, the dated baseline, the split)."""
    spec = importlib.util.spec_from_file_location("eval_stories", REPO / "eval" / "stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STORIES = _eval_stories()


def build_corpus(folder: Path | None) -> Path:
    """The shared corpus folder (built with make_cluster_corpus.py when not given)."""
    if folder is not None and (folder / "articles.jsonl").exists():
        return folder
    folder = folder or Path(tempfile.mkdtemp(prefix="cluster-corpus-"))
    subprocess.run([sys.executable, str(SHARED / "eval" / "make_cluster_corpus.py"), "--out", str(folder)],
                   check=True, capture_output=True)
    return folder


def _is_dev(doc_id: str, original: str, article: Article, pac_dev: set[str]) -> bool:
    """The dev/test split of ``eval/stories.py`` applied to the shared corpus's ids."""
    if doc_id.startswith("basil:"):
        return (article.published or "")[:4] in STORIES.BASIL_DEV_YEARS
    if doc_id.startswith("wcl:"):
        return original.split("_")[0] in STORIES.NEWSWCL_DEV_EVENTS
    return original.rsplit("_DOCUMENT_", 1)[0] in pac_dev


def load_items(folder: Path) -> list[Any]:
    """Cleaned articles in file order with their gold story, corpus and part."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    originals = json.loads((folder / "id_map.json").read_text(encoding="utf-8"))
    pac_dev = set(json.loads((STORIES.data_dir() / "pac_partisan_events" / "dev.json").read_text(encoding="utf-8")))
    items = []
    for source in iter_sources([str(folder / "articles.jsonl")]):
        if isinstance(source, Skipped):
            continue
        article = clean(source)
        doc_id = article.doc_id or ""
        dataset = {"wcl": "newswcl50"}.get(doc_id.split(":")[0], doc_id.split(":")[0])
        items.append(STORIES.Item(article, gold[doc_id], dataset,
                                  _is_dev(doc_id, originals.get(doc_id, doc_id), article, pac_dev)))
    return items


def _index(backend: str, pg: str | None) -> tuple[StoryIndex, Any]:
    """A fresh story index on ``backend`` and the store behind it (or None)."""
    if backend == "memory":
        return MemoryStoryIndex(), None
    from claimdiff.store import SqlStoryIndex, Store

    store = Store.open(":memory:" if backend == "sqlite" else _fresh_schema(pg))
    return SqlStoryIndex(store), store


def _fresh_schema(url: str | None) -> str:
    """A PostgreSQL URL whose search path is a new, empty schema."""
    if not url:
        raise SystemExit("--backend postgresql needs --pg postgresql://…")
    import uuid

    import psycopg

    schema = "eval_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def run_stream(items: Sequence[Any], backend: str = "memory", *, options: GroupingOptions | None = None,
               pg: str | None = None) -> list[str]:
    """Story ids when the items are grouped one by one in the given order, as an ingest does."""
    index, store = _index(backend, pg)
    options = options or GroupingOptions()
    out = []
    for item in items:
        fp, decision = place(item.article, index, options=options)
        if store is not None:
            with store.transaction():
                index.add(fp, decision)
        else:
            index.add(fp, decision)
        out.append(decision.story_id)
    if store is not None:
        store.close()
    return out


def run_cli(folder: Path, db: str) -> dict[str, Any]:
    """``claimdiff ingest`` + ``claimdiff stories --format json``, scored by the shared scorer,
    then the same stories split into the dev and test parts beside the dated baseline."""
    claimdiff = str(REPO / ".venv" / "bin" / "claimdiff")
    subprocess.run([claimdiff, "ingest", str(folder / "articles.jsonl"), "--db", db], check=True)
    listed = json.loads(subprocess.run([claimdiff, "stories", "--db", db, "--format", "json"], check=True,
                                       capture_output=True, text=True).stdout)
    stories = listed["stories"] if isinstance(listed, dict) else listed
    clusters = {"clusters": [[a["doc_id"] or a["id"] for a in s["articles"]] for s in stories]}
    pred = folder / "pred.json"
    pred.write_text(json.dumps(clusters), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SHARED / "eval" / "score_clusters.py"), str(pred),
                             "--gold", str(folder / "gold.json")], check=True, capture_output=True, text=True)
    print(result.stdout)
    items = load_items(folder)
    story_of = {doc: f"story{k}" for k, cluster in enumerate(clusters["clusters"]) for doc in cluster}
    predicted = [story_of.get(item.article.doc_id or "", f"unlisted{i}") for i, item in enumerate(items)]
    figures = report(items, {"claimdiff ingest+stories": predicted,
                             "TF-IDF + dates (baseline)": STORIES.run_baseline_tuned(items)})
    return {"stories": len(stories), "score": result.stdout, "figures": figures}


def report(items: Sequence[Any], runs: dict[str, list[str]]) -> dict[str, Any]:
    """Print B³ F1 per corpus, dev and test, for each run; return the figures."""
    figures = {}
    for name, predicted in runs.items():
        figures[name] = {part: STORIES.score_all(items, predicted, dev=dev)
                         for part, dev in (("all", None), ("dev", True), ("test", False))}
    print(f"{'run':<22} {'part':<5} {'all':>6} {'basil':>6} {'wcl50':>6} {'pac':>6}")
    for name, parts in figures.items():
        for part, scores in parts.items():
            print(f"{name:<22} {part:<5} {scores['all']['f1']:>6.1f} {scores['basil']['f1']:>6.1f} "
                  f"{scores['newswcl50']['f1']:>6.1f} {scores['pac']['f1']:>6.1f}")
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Group the shared corpus as a stream on each backend and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="output folder of make_cluster_corpus.py (built if absent)")
    parser.add_argument("--backend", nargs="+", default=["memory"], choices=["memory", "sqlite", "postgresql"])
    parser.add_argument("--pg", help="postgresql:// URL for --backend postgresql")
    parser.add_argument("--cli", metavar="DB", help="run claimdiff ingest + stories into DB instead")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N merge and N split errors")
    args = parser.parse_args(argv)
    folder = build_corpus(args.corpus)
    if args.cli:
        return run_cli(folder, args.cli)
    items = load_items(folder)
    runs = {f"claimdiff ({backend})": run_stream(items, backend, pg=args.pg or os.environ.get("CLAIMDIFF_PG"))
            for backend in args.backend}
    runs["TF-IDF + dates (baseline)"] = STORIES.run_baseline_tuned(items)
    figures = report(items, runs)
    ours = [ids for name, ids in runs.items() if name.startswith("claimdiff")]
    same = all(_partition(ids) == _partition(ours[0]) for ids in ours)
    print(f"identical stories on {', '.join(args.backend)}: {same}")
    if args.errors:
        STORIES.print_errors(items, ours[0], args.errors)
    return {"figures": figures, "identical": same}


def _partition(story_ids: Sequence[str]) -> list[list[int]]:
    """The grouping as sorted lists of positions (independent of the ids' names)."""
    groups: dict[str, list[int]] = {}
    for i, story in enumerate(story_ids):
        groups.setdefault(story, []).append(i)
    return sorted(groups.values())


if __name__ == "__main__":
    main()
