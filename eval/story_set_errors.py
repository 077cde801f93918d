"""Error analysis for a story set with gold claims (``../shared/dev-set`` or one like it):
per article, the predicted figures that match no gold figure (the false positives the
shared scorer counts: every attributed figure; narration only counts when it matches),
and the partial matches with the fields that failed (qualifier, speaker, object).

It runs the extractor in-process (the model loads once) and applies the matching rules
of ``../shared/eval/score_story_set.py`` (imported from there, so they stay the same).
The claim figures it prints equal that scorer's; stories, timelines and differences are
not scored here.

    PYTHONPATH=src python eval/story_set_errors.py ../shared/dev-set [--all] [--only a3,b1]

For error analysis only: fix classes of error, never one sentence of the set.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from claimdiff.pipeline import extract_articles, load_nlp, read_articles
from claimdiff.report.extraction import extraction_to_dict

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_story_set.py"


def _scorer(folder: Path):
    """The shared scorer as a module (it reads its folder from ``sys.argv[1]`` on import)."""
    argv, sys.argv = sys.argv, [str(SCORER), str(folder)]
    try:
        spec = importlib.util.spec_from_file_location("score_story_set", SCORER)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
    finally:
        sys.argv = argv
    return mod


def _fig(q: dict) -> str:
    bits = [q.get("qualifier") or "", q.get("text") or "", f"→ {q.get('value')}",
            f"unit={q.get('unit')}" if q.get("unit") else "", f"obj={q.get('object')}" if q.get("object") else ""]
    return " ".join(b for b in bits if b)


def analyse(folder: Path, *, show_all: bool, only: set[str]) -> dict:
    sc = _scorer(folder)
    nlp = load_nlp()
    tp_l = tp_s = n_gold = n_pred = 0
    for f in sc.ARTS:
        if only and not any(f.name.startswith(o) for o in only):
            continue
        gold = [c for c in sc.GOLD["claims"].get(f.name, []) if c.get("value") is not None]
        articles, _ = read_articles([str(f)])
        out = extraction_to_dict(extract_articles(articles, nlp)[0])
        preds = [(c, q) for c in out.get("claims", []) for q in (c.get("quantities") or [])]
        n_gold += len(gold)
        n_pred += sum(c.get("kind") != "narration" for c, _ in preds)
        used: dict[int, tuple[dict, bool]] = {}
        lines = []
        for g in gold:
            best = None
            for i, (c, q) in enumerate(preds):
                v = q.get("value")
                if i in used or not isinstance(v, (int, float)):
                    continue
                if abs(v - g["value"]) <= 0.01 * abs(g["value"]) + 1e-9:
                    strict = sc.qual_ok(q.get("qualifier"), g.get("qualifier")) and sc.speaker_ok(c, g) and sc.object_ok(q, g)
                    if best is None or strict:
                        best = (i, strict)
                    if strict:
                        break
            desc = f"{g['value']:g} {g.get('qualifier') or ''} [{g['unit_or_object']}] by {g['speaker']}"
            if best is None:
                lines.append(f"  MISS     {desc}")
                continue
            i, strict = best
            used[i] = (g, strict)
            c, q = preds[i]
            n_pred += c.get("kind") == "narration"
            tp_l += 1
            tp_s += strict
            if not strict:
                failed = [name for name, ok in (("qualifier", sc.qual_ok(q.get("qualifier"), g.get("qualifier"))),
                                                ("speaker", sc.speaker_ok(c, g)), ("object", sc.object_ok(q, g))) if not ok]
                lines.append(f"  PARTIAL  {desc}: failed {','.join(failed)}; got {_fig(q)} "
                             f"speaker={c.get('speaker', {}).get('name') if c.get('speaker') else None} kind={c.get('kind')}")
            elif show_all:
                lines.append(f"  ok       {desc}")
        for i, (c, q) in enumerate(preds):
            if i in used or c.get("kind") == "narration":
                continue
            sp = (c.get("speaker") or {})
            lines.append(f"  FP       {_fig(q)} | {c.get('kind')} by {sp.get('name') or sp.get('role') or sp.get('mention')}"
                         f" | {c.get('text', '').strip()[:160]!r}")
        if show_all:
            for i, (c, q) in enumerate(preds):
                if i not in used and c.get("kind") == "narration":
                    lines.append(f"  (narr)   {_fig(q)} | {c.get('text', '').strip()[:120]!r}")
        if lines:
            print(f"{f.name}: gold {len(gold)}")
            print("\n".join(lines))

    def prf(tp):
        p = tp / n_pred if n_pred else 0
        r = tp / n_gold if n_gold else 0
        return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0

    res = {"claims_loose": prf(tp_l), "claims_strict": prf(tp_s), "gold": n_gold, "predicted": n_pred,
           "strict_tp": tp_s}
    print(json.dumps(res))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, nargs="?", default=Path(__file__).resolve().parents[2] / "shared" / "dev-set")
    ap.add_argument("--all", action="store_true", help="also list strict matches and unmatched narration")
    ap.add_argument("--only", default="", help="comma-separated file-name prefixes")
    args = ap.parse_args()
    analyse(args.folder.resolve(), show_all=args.all, only={o for o in args.only.split(",") if o})


if __name__ == "__main__":
    main()
