"""Measure story grouping (``claimdiff.cluster.group``) with B³ against gold events.

Run ``python eval/stories.py`` (``--tune`` grid-searches the thresholds on the dev part;
``--errors N`` lists N wrongly merged or split articles; ``--embed`` adds a run with
sentence embeddings, which needs the ``[embed]`` extra, and ``--tune --embed`` searches
the embedding weight and baseline on the dev part). The data are read in place
from ``../shared/data`` next to the repository, or from the folder named by
``CLAIMDIFF_DATA``; nothing is copied.

One corpus, grouped in a single incremental run (date order, undated last):

- ``basil/``: 100 events × 3 outlets (2010-2019); gold = ``triplet-uuid``; date = ``date``.
- ``newswcl50/``: 10 events × 5 outlets (April-May 2018); gold = event id; date from the
  ``/YYYY/MM/DD/`` part of the URL in ``urls.tsv`` where there is one, else none.
- ``pac_partisan_events/`` (dev + test): 57 stories × 2 outlets (2022-2023); gold = story
  id; date = ``date`` (empty for some, left undated). Placeholder titles equal to the
  article's ``old_id`` (e.g. ``abortion_9_1``) are dropped: they name the topic.
  Two test stories (131/132 and 133/145) hold the same two documents under two ids; the
  gold is kept as given, which caps B³ precision for those 4 articles at 0.5.

Dev part (used for ``--tune`` and nothing else): BASIL 2010-2013, NewsWCL50 events 0-4,
PAC ``dev``. B³ (Bagga & Baldwin 1998): for each article, precision = share of its
predicted cluster in its gold cluster, recall = share of its gold cluster in its
predicted cluster; averaged over articles. Per-dataset figures average over that
dataset's articles but use whole predicted clusters, so merging across datasets costs.

Baseline: TF-IDF (scikit-learn, fitted on the whole corpus, English stop words,
sublinear tf) with average-linkage agglomerative clustering on cosine distance, given the
same dates claimdiff gets: two articles dated further apart than a window are kept apart.
Its distance threshold and window are tuned on the same dev part (``tune_baseline``).

Figures (2026-11-30, terms only, stories joined on the mean cosine with their members;
thresholds tuned on the dev part of the shared corpus ingested as a stream,
``eval/stories_cli.py``):

=========  ==========  ==============
B³ F1      claimdiff   TF-IDF + dates
=========  ==========  ==============
BASIL      99.1        99.3
NewsWCL50  90.4        94.7
PAC        90.2        89.7
all        96.0        96.5
dev part   95.5        93.6
test part  96.4        98.5
=========  ==========  ==============

Given the same dates, the whole-corpus baseline is ahead on these loaders (a strict xfail
in ``tests/test_eval_stories.py`` names the gap); on the CLI path (``eval/stories_cli.py``:
the shared corpus as ``claimdiff ingest`` reads it, in its random order) claimdiff leads,
96.7 against 94.4.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date as Date
from pathlib import Path
from typing import Any, NamedTuple, Sequence

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimdiff.cluster import GroupingOptions, TextEncoder, group, parse_date  # noqa: E402
from claimdiff.model import Article  # noqa: E402

DATASETS = ("basil", "newswcl50", "pac")
NEWSWCL_OUTLETS = {"LL": "HuffPost", "L": "New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
BASIL_DEV_YEARS = ("2010", "2011", "2012", "2013")
NEWSWCL_DEV_EVENTS = ("0", "1", "2", "3", "4")
#: Baseline distance threshold, chosen with ``--tune`` on the dev part.
BASELINE_DISTANCE = 0.75
#: What the baseline tries on the dev part: distance thresholds and date windows (days).
BASELINE_GRID = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.95)
BASELINE_WINDOWS = (3, 7, 14, 30)
#: Distance given to two articles dated further apart than the window.
BASELINE_APART = 10.0
_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}”’]|n't\b|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{“$]) ")


class Item(NamedTuple):
    """One corpus article with its gold event, dataset and dev/test part."""

    article: Article
    gold: str
    dataset: str
    dev: bool


def data_dir() -> Path:
    """Folder holding the shared data sets (env ``CLAIMDIFF_DATA`` overrides)."""
    env = os.environ.get("CLAIMDIFF_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "data"


def detokenize(tokens: Sequence[str]) -> str:
    """Join tokens into readable text: no space before closing punctuation or clitics."""
    lines, current = [], []
    for token in tokens:
        if token in ("\\n", "\n"):
            if current:
                lines.append(current)
            current = []
        else:
            current.append(token)
    if current:
        lines.append(current)
    text = "\n".join(" ".join(line) for line in lines)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def load_basil(folder: Path) -> list[Item]:
    """BASIL articles: paragraphs of sentences; gold = triplet."""
    items = []
    for path in sorted(folder.glob("articles/*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(sentences) for sentences in data["body-paragraphs"])
        outlet = BASIL_OUTLETS.get(data["source"].lower(), data["source"].lower())
        article = Article(source=f"basil:{path.stem}", text=text, title=data.get("title") or None,
                          outlet=outlet, url=data.get("url"), published=data.get("date") or None)
        items.append(Item(article, f"basil:{data['triplet-uuid']}", "basil", path.parent.name in BASIL_DEV_YEARS))
    return items


def load_newswcl50(folder: Path) -> list[Item]:
    """NewsWCL50 documents from the CoNLL file; gold = event id; date from the URL."""
    urls: dict[str, str] = {}
    with (folder / "urls.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            urls[f"{row['Event ID']}_{row['Outlet']}"] = row["URL"]
    documents: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (folder / "NewsWCL50.conll").read_text(encoding="utf-8").splitlines():
        if line.startswith("#begin document"):
            doc_id = line.split()[2].rstrip(";")
            current = documents.setdefault(doc_id, [])
        elif line.startswith("#end document"):
            current = None
        elif current is not None and line.strip():
            columns = line.split("\t")
            if len(columns) >= 4:
                current.append(columns[3])
    items = []
    for doc_id, tokens in sorted(documents.items()):
        key = doc_id.split("/")[-1]
        event, outlet = key.split("_", 1)
        url = urls.get(key)
        match = _URL_DATE.search(url or "")
        published = f"{match[1]}-{match[2]}-{match[3]}" if match else None
        article = Article(source=f"newswcl50:{key}", text=detokenize(tokens), outlet=NEWSWCL_OUTLETS.get(outlet, outlet),
                          url=url, published=published)
        items.append(Item(article, f"newswcl50:{event}", "newswcl50", event in NEWSWCL_DEV_EVENTS))
    return items


def load_pac(folder: Path) -> list[Item]:
    """PAC dev and test stories; gold = story id."""
    items = []
    for split in ("dev", "test"):
        stories = json.loads((folder / f"{split}.json").read_text(encoding="utf-8"))
        for story_id, articles in sorted(stories.items()):
            for data in articles:
                text = "\n".join(detokenize(sentence) for sentence in data["tokens"])
                title = data.get("title") or None
                if title in (data.get("old_id"), data.get("id")):
                    title = None
                article = Article(source=f"pac:{data['id']}", text=text, title=title, outlet=data.get("source") or None,
                                  published=data.get("date") or None)
                items.append(Item(article, f"pac:{story_id}", "pac", split == "dev"))
    return items


def load_corpus(folder: Path) -> list[Item]:
    """All three data sets as one list."""
    return load_basil(folder / "basil") + load_newswcl50(folder / "newswcl50") + load_pac(folder / "pac_partisan_events")


def bcubed(predicted: Sequence[str], gold: Sequence[str], members: Sequence[int] | None = None) -> dict[str, float]:
    """B³ precision, recall and F1 (percent) over the articles in ``members`` (default all)."""
    by_pred, by_gold, pair = Counter(predicted), Counter(gold), Counter(zip(predicted, gold))
    members = range(len(gold)) if members is None else members
    if not members:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    precision = sum(pair[predicted[i], gold[i]] / by_pred[predicted[i]] for i in members) / len(members)
    recall = sum(pair[predicted[i], gold[i]] / by_gold[gold[i]] for i in members) / len(members)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 1), "recall": round(100 * recall, 1), "f1": round(100 * f1, 1),
            "n": len(members)}


def score_all(items: Sequence[Item], predicted: Sequence[str], *, dev: bool | None = None) -> dict[str, dict[str, float]]:
    """B³ per dataset and overall (optionally only the dev or only the test part)."""
    gold = [item.gold for item in items]
    keep = [i for i, item in enumerate(items) if dev is None or item.dev == dev]
    result = {name: bcubed(predicted, gold, [i for i in keep if items[i].dataset == name]) for name in DATASETS}
    result["all"] = bcubed(predicted, gold, keep)
    return result


def run_ours(items: Sequence[Item], options: GroupingOptions | None = None,
             embedder: TextEncoder | None = None) -> tuple[list[str], float]:
    """Story ids from ``group()`` and the articles per second (encoding included)."""
    start = time.perf_counter()
    decisions = group([item.article for item in items], options=options or GroupingOptions(), embedder=embedder)
    elapsed = time.perf_counter() - start
    return [d.story_id for d in decisions], len(items) / elapsed if elapsed else float("inf")


def tfidf_matrix(items: Sequence[Item]) -> Any:
    """TF-IDF rows (title + text), L2-normalised."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{item.article.title or ''}\n{item.article.text}" for item in items]
    return TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)


def run_baseline(matrix: Any, distance: float = BASELINE_DISTANCE, *, dates: Sequence[str | None] | None = None,
                 window_days: int | None = None) -> list[str]:
    """Average-linkage agglomerative clustering of TF-IDF rows on cosine distance.

    With ``dates`` and ``window_days`` the baseline gets what claimdiff gets: two articles
    dated more than ``window_days`` apart are kept apart (distance set past any threshold)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics.pairwise import cosine_distances

    distances = cosine_distances(matrix)
    if dates is not None and window_days is not None:
        days = np.array([_ordinal(d) for d in dates], dtype=float)
        apart = np.abs(days[:, None] - days[None, :])
        distances[np.nan_to_num(apart, nan=0.0) > window_days] = BASELINE_APART
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=distance)
    return [f"tfidf:{label}" for label in model.fit_predict(distances)]


def _ordinal(value: str | None) -> float:
    """Day number of an ISO date, NaN when there is none."""
    day = parse_date(value)
    return float(Date.fromisoformat(day).toordinal()) if day else float("nan")


def tune_baseline(items: Sequence[Item], *, dated: bool = True) -> tuple[float, int | None, float]:
    """The baseline's distance threshold (and date window when ``dated``) that score best
    on the dev part: ``(distance, window_days, dev F1)``."""
    dev_items = [item for item in items if item.dev]
    matrix = tfidf_matrix(dev_items)
    dates = [item.article.published for item in dev_items]
    best = (-1.0, BASELINE_DISTANCE, None)
    for distance in BASELINE_GRID:
        for window in (BASELINE_WINDOWS if dated else (None,)):
            predicted = run_baseline(matrix, distance, dates=dates, window_days=window)
            f1 = score_all(dev_items, predicted)["all"]["f1"]
            best = max(best, (f1, distance, window), key=lambda item: item[0])
    return best[1], best[2], best[0]


def run_baseline_tuned(items: Sequence[Item], *, dated: bool = True) -> list[str]:
    """The baseline tuned on the dev part, then run on every item (dev and test)."""
    distance, window, _ = tune_baseline(items, dated=dated)
    dates = [item.article.published for item in items]
    return run_baseline(tfidf_matrix(items), distance, dates=dates if dated else None, window_days=window)


def tune(items: Sequence[Item]) -> dict[str, Any]:
    """Grid-search our thresholds and the baseline's on the dev part only."""
    dev_items = [item for item in items if item.dev]
    results = []
    for story, penalty in itertools.product((0.14, 0.15, 0.16, 0.17, 0.18), (0.03, 0.05, 0.07)):
        options = GroupingOptions(story_threshold=story, topic_threshold=story / 2, day_penalty=penalty)
        predicted, _ = run_ours(dev_items, options)
        figures = score_all(dev_items, predicted)["all"]
        results.append((figures["f1"], story, penalty))
        print(f"ours story≥{story:.2f} day penalty {penalty:.2f}  dev B³ F1 {figures['f1']:.1f} "
              f"(P {figures['precision']:.1f} R {figures['recall']:.1f})")
    distance, window, base_f1 = tune_baseline(items)
    best = max(results)
    print(f"best ours: story≥{best[1]:.2f} day penalty {best[2]:.2f} (F1 {best[0]:.1f}); "
          f"best dated baseline: distance<{distance:.2f} window={window}d (F1 {base_f1:.1f})")
    best_base = (base_f1, distance, window)
    return {"ours": best, "baseline": best_base}


class CachedEncoder:
    """Wraps an encoder and remembers each text's vector, so a grid search encodes once."""

    def __init__(self, encoder: TextEncoder) -> None:
        self.encoder = encoder
        self.cache: dict[str, tuple[float, ...]] = {}

    def encode(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """Vectors of ``texts``, encoding only those not seen before."""
        missing = sorted({text for text in texts if text not in self.cache})
        self.cache.update(zip(missing, self.encoder.encode(missing)))
        return [self.cache[text] for text in texts]


def tune_embed(items: Sequence[Item], embedder: TextEncoder) -> dict[str, Any]:
    """Grid-search the embedding weight and baseline on the dev part only (other
    thresholds at their defaults)."""
    dev_items = [item for item in items if item.dev]
    cached = CachedEncoder(embedder)
    results = []
    for weight, baseline in itertools.product((0.2, 0.3, 0.4, 0.5, 0.6), (0.2, 0.25, 0.3, 0.35, 0.4)):
        options = GroupingOptions(embedding_weight=weight, embedding_baseline=baseline)
        predicted, _ = run_ours(dev_items, options, cached)
        figures = score_all(dev_items, predicted)["all"]
        results.append((figures["f1"], weight, baseline))
        print(f"ours+embed weight={weight:.2f} baseline={baseline:.2f}  dev B³ F1 {figures['f1']:.1f} "
              f"(P {figures['precision']:.1f} R {figures['recall']:.1f})")
    terms_only, _ = run_ours(dev_items)
    print(f"terms only: dev B³ F1 {score_all(dev_items, terms_only)['all']['f1']:.1f}")
    best = max(results)
    print(f"best: weight={best[1]:.2f} baseline={best[2]:.2f} (F1 {best[0]:.1f})")
    return {"embed": best}


def print_errors(items: Sequence[Item], predicted: Sequence[str], limit: int) -> None:
    """List predicted clusters that mix gold events and gold events that are split."""
    clusters: dict[str, list[int]] = defaultdict(list)
    for i, story in enumerate(predicted):
        clusters[story].append(i)
    shown = 0
    for story, members in sorted(clusters.items()):
        golds = {items[i].gold for i in members}
        if len(golds) > 1 and shown < limit:
            shown += 1
            print("MERGED:", " | ".join(f"{items[i].gold[:20]} {items[i].article.published} "
                                         f"{(items[i].article.title or items[i].article.text)[:50]!r}" for i in members))
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i, item in enumerate(items):
        by_gold[item.gold].add(predicted[i])
    for gold, stories in sorted(by_gold.items()):
        if len(stories) > 1 and shown < 2 * limit:
            shown += 1
            print("SPLIT:", " | ".join(f"{item.article.published} {(item.article.title or item.article.text)[:50]!r}"
                                        for item in items if item.gold == gold))


def _print_table(ours: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]], speed: float,
                 parts: dict[str, dict[str, dict[str, dict[str, float]]]]) -> None:
    """Print B³ per dataset for ours and the dated baseline, then each on the dev part
    (tuned on) and the test part (reported)."""
    print(f"{'dataset':<10} {'n':>4}  {'ours P':>7} {'R':>6} {'F1':>6}   {'TF-IDF P':>8} {'R':>6} {'F1':>6}")
    for name in (*DATASETS, "all"):
        o, b = ours[name], baseline[name]
        print(f"{name:<10} {o['n']:>4}  {o['precision']:>7.1f} {o['recall']:>6.1f} {o['f1']:>6.1f}   "
              f"{b['precision']:>8.1f} {b['recall']:>6.1f} {b['f1']:>6.1f}")
    for key, label in (("ours", "ours"), ("baseline", "TF-IDF + dates")):
        dev, test = parts[key]["dev"], parts[key]["test"]
        print(f"{label}: dev part (tuned on) B³ F1 {dev['all']['f1']:.1f}; test part (reported) B³ F1 "
              f"{test['all']['f1']:.1f} (PAC {test['pac']['f1']:.1f})")
    print(f"group(): {speed:.0f} articles/s (fingerprint + assign + index, one process)")


def _print_embed_table(ours: dict[str, dict[str, float]], embedded: dict[str, dict[str, float]],
                       baseline: dict[str, dict[str, float]], parts: dict[str, dict[str, dict[str, dict[str, float]]]],
                       speeds: dict[str, float], load_seconds: float) -> None:
    """Print B³ per dataset: terms only, with embeddings, and the baseline; then speeds."""
    print(f"{'dataset':<10} {'n':>4}  {'terms P':>7} {'R':>6} {'F1':>6}   {'+embed P':>8} {'R':>6} {'F1':>6}   "
          f"{'TF-IDF P':>8} {'R':>6} {'F1':>6}")
    for name in (*DATASETS, "all"):
        o, e, b = ours[name], embedded[name], baseline[name]
        print(f"{name:<10} {o['n']:>4}  {o['precision']:>7.1f} {o['recall']:>6.1f} {o['f1']:>6.1f}   "
              f"{e['precision']:>8.1f} {e['recall']:>6.1f} {e['f1']:>6.1f}   "
              f"{b['precision']:>8.1f} {b['recall']:>6.1f} {b['f1']:>6.1f}")
    for label, key in (("terms only", "ours"), ("+ embeddings", "embed")):
        print(f"{label}: dev part B³ F1 {parts[key]['dev']['all']['f1']:.1f}; "
              f"test part B³ F1 {parts[key]['test']['all']['f1']:.1f}")
    print(f"group(): {speeds['ours']:.0f} articles/s terms only; {speeds['embed']:.0f} articles/s with embeddings "
          f"(encoding title + lead on the CPU included); model load {load_seconds:.1f} s")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the evaluation and print the table; return the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tune", action="store_true", help="grid-search thresholds on the dev part")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N merge and N split errors")
    parser.add_argument("--embed", action="store_true", help="also group with sentence embeddings ([embed] extra)")
    args = parser.parse_args(argv)
    folder = data_dir()
    items = load_corpus(folder)
    if args.embed:
        return main_embed(items, tune_only=args.tune, errors=args.errors)
    if args.tune:
        return tune(items)
    predicted, speed = run_ours(items)
    ours = score_all(items, predicted)
    dated = run_baseline_tuned(items)
    baseline = score_all(items, dated)
    undated = score_all(items, run_baseline_tuned(items, dated=False))
    print(f"TF-IDF without dates (as before issue 10): B³ F1 {undated['all']['f1']:.1f}")
    parts = {key: {"dev": score_all(items, ids, dev=True), "test": score_all(items, ids, dev=False)}
             for key, ids in (("ours", predicted), ("baseline", dated))}
    _print_table(ours, baseline, speed, parts)
    if args.errors:
        print_errors(items, predicted, args.errors)
    return {"ours": ours, "baseline": baseline, "dev": parts["ours"]["dev"], "test": parts["ours"]["test"],
            "parts": parts, "baseline_undated": undated, "articles_per_second": speed, "articles": len(items)}


def main_embed(items: Sequence[Item], *, tune_only: bool = False, errors: int = 0) -> dict[str, Any]:
    """Compare grouping with and without sentence embeddings (and the baseline)."""
    from claimdiff.embed import load_embedder

    start = time.perf_counter()
    embedder = load_embedder()
    load_seconds = time.perf_counter() - start
    if tune_only:
        return tune_embed(items, embedder)
    predicted, speed = run_ours(items)
    embedded, embed_speed = run_ours(items, embedder=embedder)
    figures = {"ours": score_all(items, predicted), "embed": score_all(items, embedded)}
    parts = {key: {"dev": score_all(items, ids, dev=True), "test": score_all(items, ids, dev=False)}
             for key, ids in (("ours", predicted), ("embed", embedded))}
    baseline = score_all(items, run_baseline_tuned(items))
    speeds = {"ours": speed, "embed": embed_speed}
    _print_embed_table(figures["ours"], figures["embed"], baseline, parts, speeds, load_seconds)
    if errors:
        print_errors(items, embedded, errors)
    return {**figures, "baseline": baseline, "parts": parts, "articles_per_second": speeds,
            "model_load_seconds": load_seconds, "articles": len(items)}


if __name__ == "__main__":
    main()
