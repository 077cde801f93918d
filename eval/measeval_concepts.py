"""Error analysis of `concept` on MeasEval **train** (never a test split): for every gold
Quantity that overlaps one of ours, compare our concept words (the shared scorer's
tokenisation: `concept`, else `object` + `detail`, stop words out) with the words of the
gold MeasuredProperty + MeasuredEntity attached to it.

The figures are on a **subset** (gold quantities we find, that carry a measured entity) and
out of domain (scientific text); they guide the work, they are not headline figures.

    python eval/measeval_concepts.py [--split train] [--show 40]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "eval"))

from quantities import data_dir, load_nlp  # noqa: E402

from claimdiff.extract.quantities import find_quantities  # noqa: E402

STOP = {"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
        "its", "his", "her", "their", "this", "that", "these", "those", "is", "was", "are", "were",
        "total", "he", "she", "it", "they", "'s", "s"}


def words(text: str | None) -> set[str]:
    """Lower-cased content words, as the shared scorer splits predicted concepts."""
    toks = re.split(r"[,\s]+", re.sub(r"[^\w\s,'-]", " ", text or "").lower())
    return {t for t in toks if t and t not in STOP}


def gold_rows(base: Path) -> dict[str, list[dict[str, str]]]:
    """Per document: its Quantity rows, each with the entity/property texts attached."""
    out: dict[str, list[dict[str, str]]] = {}
    for tsv in sorted((base / "tsv").glob("*.tsv")):
        rows = list(csv.DictReader(tsv.open(encoding="utf-8"), delimiter="\t"))
        quants = {r["annotId"]: dict(r, entity="", prop="") for r in rows if r["annotType"] == "Quantity"}
        for r in rows:
            other = json.loads(r["other"]) if r.get("other") else {}
            q = quants.get(other.get("HasQuantity", ""))
            if q is not None and r["annotType"] == "MeasuredEntity":
                q["entity"] = r["text"]
            if r["annotType"] == "MeasuredProperty":
                q = quants.get(other.get("HasQuantity", ""))
                if q is not None:
                    q["prop"] = r["text"]
        for q in quants.values():
            out.setdefault(q["docId"], []).append(q)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="train")
    ap.add_argument("--show", type=int, default=30)
    a = ap.parse_args()
    base = data_dir() / "measeval" / a.split
    gold = gold_rows(base)
    nlp = load_nlp()
    docs = sorted((base / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in docs]
    n = partial = complete = entity_hit = 0
    shown: list[str] = []
    for path, text, doc in zip(docs, texts, nlp.pipe(texts, batch_size=16)):
        preds = find_quantities(text, tokens=doc)
        for g in gold.get(path.stem, []):
            if not g["entity"]:
                continue
            s, e = int(g["startOffset"]), int(g["endOffset"])
            q = next((q for q in preds if q.start < e and s < q.end), None)
            if q is None:
                continue
            n += 1
            ours = words(q.concept or " ".join(x for x in (q.object, q.detail) if x))
            want = words(g["prop"] + " " + g["entity"])
            partial += bool(ours & want)
            complete += ours == want
            entity_hit += bool(ours & words(g["entity"]))
            if ours != want and len(shown) < a.show:
                shown.append(f"{text[s:e]!r:22} gold=[{g['prop']} | {g['entity']}] ours={q.concept or q.object!r}")
    print(f"MeasEval {a.split}, subset: {n} gold quantities we find that name a measured entity")
    print(f"  concept partial {100 * partial / n:.1f}%  complete {100 * complete / n:.1f}%  "
          f"shares a word with the entity {100 * entity_hit / n:.1f}%")
    for line in shown:
        print(" ", line)


if __name__ == "__main__":
    main()
