"""Group PolNeAR attribution misses by kind, cue word and frame (train/dev only).

Run after ``run_claimdiff.py --what attribution --split train`` (or dev)::

    python eval/attribution_errors.py /tmp/out/claimdiff_attr_train.jsonl --split train [--show KIND]

Reads the shared scorer (``score_attribution.py``, next to the data) for its gold reading
and span rules, so a "miss" here is a gold attribution the scorer's ``+source+cue`` level
leaves unmatched.  Each miss gets one kind:

- ``missed``: no prediction overlaps its content at all;
- ``boundary_long`` / ``boundary_short`` / ``boundary_other``: a prediction overlaps the
  content (same cue) but the content Jaccard is under the threshold: ours is a superset,
  a subset, or neither;
- ``source``: content matches, the source does not; ``cue``: content and source match,
  the cue does not.

Misses are counted by the gold cue's words (lower-cased) and by a coarse frame read from
the words around the cue (question, raising, passive report, modal, relative clause,
nominal).  Never run it on the test split.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "eval" / "score_attribution.py"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_attribution", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def tolerant(read_ann):
    """The scorer's .ann reader, skipping the few malformed lines of train (a T line
    without offsets) instead of failing on them."""

    def read(path):
        lines = [ln for ln in open(path, encoding="utf8")
                 if not ln.startswith("T") or len((ln.split("\t") + [""])[1].split(" ", 1)) == 2]
        tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "attribution_errors.ann"
        tmp.write_text("".join(lines), encoding="utf8")
        return read_ann(tmp)

    return read


def span_text(text: str, chars: frozenset) -> str:
    if not chars:
        return ""
    return text[min(chars):max(chars) + 1]


FRAMES = (
    ("question", re.compile(r"\b(ask|asks|asked|asking|question|questioned)\b", re.I)),
    ("raising", re.compile(r"\b(seems?|seemed|appears?|appeared|likely|expected|believed|thought|"
                           r"said|reported|rumou?red|supposed) to\b", re.I)),
    ("modal", re.compile(r"\b(would|will|could|might|may|can|should|has|have|had)\b\s+\w+$", re.I)),
    ("relative", re.compile(r"\b(who|which|that)\b\s*(\w+\s+){0,2}$", re.I)),
    ("according", re.compile(r"according", re.I)),
    ("colon", re.compile(r"^[:\u2014-]$")),
)


def frame_of(text: str, cue: frozenset) -> str:
    if not cue:
        return "no-cue"
    a, b = min(cue), max(cue) + 1
    cue_words = text[a:b]
    before = text[max(0, a - 40):a] + cue_words
    for name, rx in FRAMES:
        if name == "question" and rx.search(cue_words):
            return name
        if name == "raising" and rx.search(text[a:b + 4]):
            return name
        if name in ("modal", "relative") and rx.search(before):
            return name
        if name in ("according", "colon") and rx.search(cue_words):
            return name
    if re.search(r"\b(claim|argument|assertion|statement|remarks?|comments?|promise|"
                 r"warning|belief|view|allegations?|suggestion|proposal|report|message)\b",
                 cue_words, re.I):
        return "nominal"
    return "verb"


def classify(sc, g, pevs, th):
    best = None
    for p in pevs:
        if not (g["content"] & p["content"]):
            continue
        j = sc.jacc(g["content"], p["content"])
        cue_ok = sc.role_ok(g["cue"], p["cue"])
        key = (j >= th, cue_ok, j)
        if best is None or key > best[0]:
            best = (key, p)
    if best is None:
        return "missed", None
    (ok, _, j), p = best
    if not ok:
        if p["content"] > g["content"]:
            return "boundary_long", p
        if p["content"] < g["content"]:
            return "boundary_short", p
        return "boundary_other", p
    if not sc.role_ok(g["source"], p["source"]):
        return "source", p
    return "cue", p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pred")
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--scorer", default=str(SCORER))
    ap.add_argument("--show", default=None, help="print examples of this kind (or frame:NAME, cue:WORD)")
    ap.add_argument("--n", type=int, default=15)
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    sys.setrecursionlimit(10000)
    sc = load_scorer(Path(a.scorer))
    sc.read_ann = tolerant(sc.read_ann)
    gold, _ = sc.load_gold(a.split)
    preds = {}
    for line in open(a.pred, encoding="utf8"):
        if line.strip():
            o = json.loads(line)
            preds[os.path.basename(o["doc"])] = o["attributions"]
    th = 0.5
    full = lambda g, p: (sc.jacc(g["content"], p["content"]) >= th and sc.role_ok(g["source"], p["source"])  # noqa: E731
                         and sc.role_ok(g["cue"], p["cue"]))
    kinds, cues, frames, shown = collections.Counter(), collections.Counter(), collections.Counter(), 0
    n_gold = 0
    for doc, (text, gevs, _) in gold.items():
        pevs = [{k: sc.charset(sc.norm_frags(pa.get(k)), text) for k in ("source", "cue", "content")}
                for pa in preds.get(doc, [])]
        n_gold += len(gevs)
        matched = [any(full(g, p) for p in pevs) for g in gevs]
        for g, m in zip(gevs, matched):
            if m:
                continue
            kind, p = classify(sc, g, pevs, th)
            cue = re.sub(r"\s+", " ", span_text(text, g["cue"]).lower())
            fr = frame_of(text, g["cue"])
            kinds[kind] += 1
            cues[(kind == "missed", cue)] += 1
            frames[(kind, fr)] += 1
            want = a.show and (a.show == kind or a.show == f"frame:{fr}" or a.show == f"cue:{cue}")
            if want and shown < a.n:
                shown += 1
                print(f"--- {doc} [{kind}/{fr}] cue={cue!r}")
                print("  SRC:", span_text(text, g["source"])[:100])
                print("  GOLD:", span_text(text, g["content"])[:300].replace("\n", " "))
                if p is not None:
                    print("  OURS:", span_text(text, p["content"])[:300].replace("\n", " "),
                          "| src:", span_text(text, p["source"])[:40], "| cue:", span_text(text, p["cue"]))
    print(f"gold={n_gold} misses={sum(kinds.values())}")
    for k, v in kinds.most_common():
        print(f"  {k:16s} {v}")
    print("frames (kind, frame):")
    for (k, f), v in frames.most_common(a.top):
        print(f"  {k:16s} {f:10s} {v}")
    print("cue words of wholly missed attributions:")
    for (m, c), v in cues.most_common():
        if m and v >= 3:
            print(f"  {v:5d} {c!r}")


if __name__ == "__main__":
    main()
