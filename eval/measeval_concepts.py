"""Error analysis of `concept` and `unit` on MeasEval **train** (never a test split): for
every gold Quantity that overlaps one of ours, compare our concept words (the shared
scorer's tokenisation: `concept`, else `object` + `detail`, stop words out) with the words
of the gold MeasuredProperty + MeasuredEntity attached to it; and, for every such Quantity
whose gold carries a unit, our unit as the shared runner sends it (`unit`, else the counted
noun `object_head`) with the gold unit, both through the shared scorer's `norm_unit`,
counted per gold unit class (``--units``).

The figures are on a **subset** (gold quantities we find, that carry a measured entity) and
out of domain (scientific text); they guide the work, they are not headline figures.

    python eval/measeval_concepts.py [--split train] [--show 40] [--units]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "eval"))

from quantities import data_dir, load_nlp  # noqa: E402

sys.path.insert(0, str(data_dir().parent / "eval"))
from score_quantities import norm_unit  # noqa: E402

from claimdiff.extract.quantities import UNIT_FORMS, find_quantities, unit_name  # noqa: E402

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


#: Gold unit classes the unit report groups by (the gold unit after `norm_unit`).
UNIT_CLASSES = (
    ("percent", {"percentage", "percent", "wt.%", "wt%", "‰", "v/v"}),
    ("time", {"second", "minute", "hour", "h", "hr", "day", "week", "month", "year", "yr", "ms", "ma", "ka",
              "byr", "year-old", "year of age"}),
    ("temperature", {"celsius", "°c", "k", "kelvin", "fahrenheit", "°c/min", "k/min"}),
    ("length/area/volume", {"metre", "millimetre", "centimetre", "kilometre", "micrometre", "nanometre",
                            "mm2", "mm3", "square metre", "cubic metre", "litre", "au"}),
    ("mass", {"kilogram", "gram", "milligram", "microgram", "metric ton"}),
)


def gold_unit(row: dict[str, str]) -> str | None:
    """The unit MeasEval writes on a Quantity row, or None."""
    other = json.loads(row["other"]) if row.get("other") else {}
    return other.get("unit") or None


def unit_class(norm: str) -> str:
    """The class of a normalised gold unit: percent, time, ... ; "counted noun" for a word
    no unit table knows; "other unit" else."""
    for name, members in UNIT_CLASSES:
        if norm in members:
            return name
    return "counted noun" if re.fullmatch(r"[a-z][a-z -]{3,}", norm) else "other unit"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="train")
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--units", action="store_true", help="report units per gold unit class instead")
    a = ap.parse_args()
    base = data_dir() / "measeval" / a.split
    gold = gold_rows(base)
    nlp = load_nlp()
    docs = sorted((base / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in docs]
    pairs = []
    for path, text, doc in zip(docs, texts, nlp.pipe(texts, batch_size=16)):
        preds = find_quantities(text, tokens=doc)
        for g in gold.get(path.stem, []):
            s, e = int(g["startOffset"]), int(g["endOffset"])
            q = next((q for q in preds if q.start < e and s < q.end), None)
            if q is not None:
                pairs.append((text, g, q))
    if a.units:
        report_units(pairs, a.split, a.show)
    else:
        report_concepts(pairs, a.split, a.show)


def report_concepts(pairs: list[tuple[str, dict[str, str], object]], split: str, show: int) -> None:
    """Concept agreement on the gold quantities we find that name a measured entity."""
    n = partial = complete = entity_hit = 0
    shown: list[str] = []
    for text, g, q in pairs:
        if not g["entity"]:
            continue
        n += 1
        ours = words(q.concept or " ".join(x for x in (q.object, q.detail) if x))
        want = words(g["prop"] + " " + g["entity"])
        partial += bool(ours & want)
        complete += ours == want
        entity_hit += bool(ours & words(g["entity"]))
        if ours != want and len(shown) < show:
            s, e = int(g["startOffset"]), int(g["endOffset"])
            shown.append(f"{text[s:e]!r:22} gold=[{g['prop']} | {g['entity']}] ours={q.concept or q.object!r}")
    print(f"MeasEval {split}, subset: {n} gold quantities we find that name a measured entity")
    print(f"  concept partial {100 * partial / n:.1f}%  complete {100 * complete / n:.1f}%  "
          f"shares a word with the entity {100 * entity_hit / n:.1f}%")
    for line in shown:
        print(" ", line)


def report_units(pairs: list[tuple[str, dict[str, str], object]], split: str, show: int) -> None:
    """Unit agreement, per gold unit class, on the gold quantities we find that carry a unit."""
    seen: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    misses: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    for text, g, q in pairs:
        unit = gold_unit(g)
        if unit is None:
            continue
        form = UNIT_FORMS.get(unit.lower())  # a symbol the scorer's table lacks ("MPa", "kV")
        want = norm_unit(unit_name(form) if form and norm_unit(unit) == unit.lower() else unit)
        ours = norm_unit(q.unit or q.object_head)
        cls = unit_class(want)
        seen[cls] += 1
        agree[cls] += want == ours
        if want != ours:
            misses[(f"{cls}: {unit}", ours)] += 1
            s = int(g["startOffset"])
            example.setdefault((f"{cls}: {unit}", ours), text[max(0, s - 40):int(g["endOffset"]) + 30])
    total = sum(seen.values())
    print(f"MeasEval {split}, subset: {total} gold quantities we find that carry a unit; "
          f"unit agrees {100 * sum(agree.values()) / max(total, 1):.1f}%")
    for cls, n in seen.most_common():
        print(f"  {cls:20} {agree[cls]:4}/{n:<4} {100 * agree[cls] / n:5.1f}%")
    for (want, ours), n in misses.most_common(show):
        print(f"  {n:3}  gold {want!r:32} ours {ours!r:20} e.g. {example[(want, ours)]!r}")


if __name__ == "__main__":
    main()
