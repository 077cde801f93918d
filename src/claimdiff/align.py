"""Align claims across outlets: which facts agree, which differ and on what, and which
only one outlet reports.  Pure: claims in, alignments out.

A claim with several quantities ("6,700 containers, which could hold 3 million
shells or 500,000 rockets") is aligned quantity by quantity; a claim with none is
aligned as a whole.  Each aligned unit is a *fact*.  Facts from different articles are
scored pairwise (value, unit, counted object, speaker, wording) and merged greedily,
best pair first, never putting two facts of one article in one group.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .extract.attribution import speaker_key
from .extract.attribution.canonical import canonical_speakers as _canonical_speakers
from .extract.attribution.canonical import same_speaker_key, speaker_compare_key as _speaker_compare_key
from .extract.hedges import HEDGE_PATTERN
from .model import Alignment, Article, Claim, FieldDiff, Quantity

__all__ = ["align", "Fact", "facts_of", "MATCH_THRESHOLD", "Consensus", "consensus", "fact_hedged",
           "fact_is_hedged", "field_values", "unit_dimension", "values_differ"]

#: Pairs scoring below this are never merged.
MATCH_THRESHOLD = 0.55
#: Values within this ratio count as the same figure (rounding: 6,700 vs 6,679).
SAME_VALUE_RATIO = 0.97
#: Values within this ratio may still be one figure reported differently.
CLOSE_VALUE_RATIO = 0.8
#: Score added when two facts count over the same window (starts WINDOW_DAYS apart at most).
WINDOW_BONUS = 0.1
WINDOW_DAYS = 31
#: Wording similarity needed to align claims that carry no quantity.
TEXT_ONLY_THRESHOLD = 0.35
#: Relative gap allowed between one figure given in two units (rounding on conversion).
UNIT_TOLERANCE = 0.02
#: Width of a value bucket on a log scale: values within CLOSE_VALUE_RATIO meet.
VALUE_BUCKET = -math.log(CLOSE_VALUE_RATIO)
#: Claims without quantities meet partners through this many of their rarest words.
RARE_WORDS = 6
#: A word in more than this share of claims (and more than COMMON_MIN) is too common to block on.
COMMON_SHARE = 0.05
COMMON_MIN = 8
#: Fields whose differences are wording only: they do not make a group "differ".
MINOR_FIELDS = frozenset({"cue", "kind"})
_WORD = re.compile(r"[a-z][a-z'-]+")
STOP = frozenset(
    """a an the and or but of to in on at for from by with as that this these those it its is are was were
    be been being has have had do does did will would could should may might can than then there their
    they them he she his her we our you your i not no more most about over some said says say told
    according also which who whom what when where while after before since into up out new other""".split()
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One alignable unit: a claim, and the index of one of its quantities (-1 for
    the claim as a whole)."""

    claim: Claim
    index: int

    @property
    def quantity(self) -> Quantity | None:
        """The quantity this fact is about, if any."""
        return self.claim.quantities[self.index] if self.index >= 0 else None

    @property
    def key(self) -> tuple[str, int]:
        """(claim id, quantity index): the member reference stored in an Alignment."""
        return (self.claim.id, self.index)


def facts_of(claims: Sequence[Claim]) -> list[Fact]:
    """Split claims into facts: one per quantity, or one per claim without any; the outer
    statement of a relay is no fact of its own (the claim it passes on is)."""
    facts = []
    for claim in claims:
        if claim.relays is not None:
            continue
        if claim.quantities:
            facts.extend(Fact(claim, i) for i in range(len(claim.quantities)))
        else:
            facts.append(Fact(claim, -1))
    return facts


def _words(text: str) -> list[str]:
    """Content words of a text, lower-cased, crudely singularised."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w in STOP or len(w) < 3:
            continue
        out.append(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w)
    return out


class _Vectors:
    """TF-IDF vectors of the facts' evidence sentences, for wording similarity."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.bags = {c.id: Counter(_words(c.evidence_text)) for c in claims}
        df: Counter[str] = Counter()
        for bag in self.bags.values():
            df.update(bag.keys())
        n = max(1, len(self.bags))
        self.df = df
        self.common = max(COMMON_MIN, int(n * COMMON_SHARE))
        self.idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
        self.norms = {cid: math.sqrt(sum((tf * self.idf[w]) ** 2 for w, tf in bag.items())) or 1.0
                      for cid, bag in self.bags.items()}

    def cosine(self, a: str, b: str) -> float:
        """Cosine similarity of two claims' wording."""
        ba, bb = self.bags[a], self.bags[b]
        dot = sum(tf * bb[w] * self.idf[w] ** 2 for w, tf in ba.items() if w in bb)
        return dot / (self.norms[a] * self.norms[b])


#: Units that measure the same dimension, as (dimension, factor to the base unit), so
#: "1.6 miles" meets "2.6 km" and "984 feet" meets "300 metres".
UNIT_BASE: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mile": ("length", 1609.344), "ft": ("length", 0.3048), "yard": ("length", 0.9144),
    "inch": ("length", 0.0254), "nautical_mile": ("length", 1852.0),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "tonne": ("mass", 1000.0), "lb": ("mass", 0.45359237),
    "ton": ("mass", 907.18474),
    "km2": ("area", 1e6), "m2": ("area", 1.0), "hectare": ("area", 1e4), "sq_mile": ("area", 2589988.11),
    "acre": ("area", 4046.8564224),
    "day": ("time", 1.0), "week": ("time", 7.0), "month": ("time", 30.4375), "year": ("time", 365.25),
    "hour": ("time", 1 / 24), "minute": ("time", 1 / 1440),
}


def unit_dimension(unit: str | None) -> str | None:
    """The dimension a unit measures, or the unit itself when it has no conversions."""
    if unit is None:
        return None
    return UNIT_BASE[unit][0] if unit in UNIT_BASE else unit


def _base_value(q: Quantity) -> float | None:
    """A quantity's value in its dimension's base unit."""
    if q.value is None:
        return None
    factor = UNIT_BASE[q.unit][1] if q.unit in UNIT_BASE else 1.0
    return q.value * factor


def _value_match(a: Quantity, b: Quantity) -> float:
    """1 for the same figure, 0.5 for a close one, 0 otherwise (vague only with vague)."""
    if a.vague or b.vague or a.value is None or b.value is None:
        return 1.0 if (a.vague and b.vague) else 0.0
    lo, hi = sorted((abs(_base_value(a) or 0.0), abs(_base_value(b) or 0.0)))
    if hi == 0:
        return 1.0
    ratio = lo / hi
    if ratio >= SAME_VALUE_RATIO:
        return 1.0
    return 0.5 if ratio >= CLOSE_VALUE_RATIO else 0.0


def _object_match(a: Quantity, b: Quantity) -> float:
    """How well two counted objects agree: same head noun 1, overlap partial, else 0."""
    if a.object_head and b.object_head:
        if a.object_head == b.object_head:
            return 1.0
    wa, wb = set(_words(a.object or "")), set(_words(b.object or ""))
    if not wa and not wb:
        return 0.7 if a.unit and a.unit == b.unit else 0.5
    if not wa or not wb:
        return 0.4
    return len(wa & wb) / len(wa | wb)


def _score(x: Fact, y: Fact, vectors: _Vectors) -> float:
    """Confidence that two facts from different articles report the same thing."""
    text = vectors.cosine(x.claim.id, y.claim.id)
    same_speaker = bool(speaker_key(x.claim.speaker)) and _speakers_match(x.claim, y.claim)
    qa, qb = x.quantity, y.quantity
    if qa is None or qb is None:
        if qa is not None or qb is not None:
            return 0.0
        if text < TEXT_ONLY_THRESHOLD:
            return 0.0
        return min(1.0, text + (0.2 if same_speaker else 0.0))
    if unit_dimension(qa.unit) != unit_dimension(qb.unit):
        return 0.0
    value = _value_match(qa, qb)
    obj = _object_match(qa, qb)
    if obj < 0.3:
        return 0.0
    if value == 0.0:
        # A different figure for the same thing from the same speaker: a revision.
        if not (same_speaker and obj >= 0.99 and text >= 0.45):
            return 0.0
        return 0.5 + 0.2 * text
    return 0.45 * value + 0.3 * obj + 0.25 * text + (0.1 if same_speaker else 0.0) + _window_bonus(x.claim, y.claim)


def _window_bonus(a: Claim, b: Claim) -> float:
    """A little more confidence for two counts over the same window: both "since" dates
    within a month of each other ("since mid-November" / "since Nov. 19")."""
    sa, sb = a.time_scope, b.time_scope
    if sa is None or sb is None or not sa.start or not sb.start:
        return 0.0
    try:
        gap = abs((date.fromisoformat(sa.start[:10]) - date.fromisoformat(sb.start[:10])).days)
    except ValueError:
        return 0.0
    return WINDOW_BONUS if gap <= WINDOW_DAYS else 0.0


def _speakers_match(a: Claim, b: Claim) -> bool:
    """True when two claims name the same speaker (by normalised key)."""
    return same_speaker_key(speaker_key(a.speaker), speaker_key(b.speaker))


def fact_is_hedged(fact: Fact) -> bool:
    """Whether a fact is hedged: a hedge before its quantity, or a hedging cue."""
    claim, q = fact.claim, fact.quantity
    if not claim.hedged:
        return False
    if q is None or any(h.startswith("according to") for h in claim.hedges):
        return True
    if claim.cue and HEDGE_PATTERN.search(claim.cue):
        return True
    limit = q.start - claim.evidence.start
    return any(m.start() < limit for m in HEDGE_PATTERN.finditer(claim.evidence_text))


def _conjunction(fact: Fact) -> str | None:
    """"and"/"or" tying this quantity to a neighbour in the same claim."""
    q = fact.quantity
    if q is None:
        return None
    if q.conjunction:
        return q.conjunction
    nxt = fact.index + 1
    if nxt < len(fact.claim.quantities):
        return fact.claim.quantities[nxt].conjunction
    return None


def field_values(fact: Fact) -> dict[str, object]:
    """The comparable fields of a fact, each as (display value, comparison key)."""
    c, q = fact.claim, fact.quantity
    sp = c.speaker
    speaker_display = None
    if sp is not None:
        speaker_display = sp.name or sp.role or sp.mention
        if sp.of and sp.type == "organisation":
            speaker_display = f"{speaker_display} (of {sp.of})"
    scope = c.time_scope
    values: dict[str, object] = {
        "speaker": (speaker_display, _speaker_compare_key(c)),
        "cue": (c.cue, c.cue),
        "kind": (c.kind, c.kind),
        "hedged": (fact_is_hedged(fact), fact_is_hedged(fact)),
        "polarity": (c.polarity, c.polarity),
        "statement_date": (c.statement_date, c.statement_date),
        "time_scope": (
            scope.text if scope else None,
            (scope.start or scope.text.lower()) if scope else None,
        ),
    }
    if q is not None:
        values["value"] = (_value_display(q), q)
        values["qualifier"] = (q.qualifier_text or q.qualifier, q.qualifier)
        # One figure in two units of a dimension is one unit ("984 feet" / "300 metres").
        values["unit"] = (q.unit, unit_dimension(q.unit))
        values["object"] = (q.object, " ".join(sorted(set(_words(q.object or "")))))
        values["conjunction"] = (_conjunction(fact), _conjunction(fact))
    return values


def _value_display(q: Quantity) -> str:
    """A figure as a person reads it: "6,700", "3,000,000", "2–3 million"."""
    if q.value is None:
        return q.text
    def fmt(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
    return fmt(q.value) + (f"–{fmt(q.value_max)}" if q.value_max is not None else "")


def _label(facts: Sequence[Fact]) -> str:
    """A short human label for a group: the figure and object, or the first words."""
    # The member that names its object best speaks for the group.
    f = max(facts, key=lambda x: (len(x.quantity.object or "") if x.quantity else 0, -facts.index(x)))
    q = f.quantity
    if q is not None:
        figure = q.text
        if q.qualifier_text and figure.lower().startswith(q.qualifier_text.lower()):
            figure = figure[len(q.qualifier_text):].strip()
        return " ".join(p for p in (figure, q.object) if p)
    text = re.sub(r"\s+", " ", f.claim.text).strip()
    return text if len(text) <= 80 else text[:77].rstrip() + "…"


def values_differ(quantities: Sequence[Quantity]) -> bool:
    """True when figures differ: exactly in one unit, beyond UNIT_TOLERANCE across units
    ("984 feet" and "300 metres" are the same length)."""
    if len({q.unit for q in quantities}) == 1:
        return len({(q.value, q.value_max, q.vague) for q in quantities}) > 1
    bases = [_base_value(q) for q in quantities]
    if any(b is None for b in bases):
        return True
    lo, hi = min(bases), max(bases)  # type: ignore[type-var]
    return hi > 0 and (hi - lo) / hi > UNIT_TOLERANCE


def _field_differs(name: str, present: Sequence[object]) -> bool:
    """True when a field's normalised values disagree across a group."""
    if name == "value":
        return values_differ(present)  # type: ignore[arg-type]
    if name == "statement_date":
        # An outlet that gives no date does not disagree, nor does a month ("in February",
        # the 1st) with a day of that month.
        days = {str(k) for k in present if k}
        exact = {d for d in days if not d.endswith("-01")}
        months = {d[:7] for d in days}
        return len(exact) > 1 or len(months) > 1
    if name == "object":
        # Nor does one that names no counted object, or fewer of its words
        # ("containers" / "containers of munitions").
        words = [set(str(k).split()) for k in present if k]
        return any(not (a <= b or b <= a) for a in words for b in words)
    return len({repr(k) for k in present}) > 1


def _differences(facts: Sequence[Fact]) -> tuple[FieldDiff, ...]:
    """The fields on which a group's facts disagree, compared on normalised values."""
    per_fact = [(f.claim.article, field_values(f)) for f in facts]
    fields = sorted({k for _, values in per_fact for k in values})
    diffs = []
    for name in fields:
        present = [values[name][1] for _, values in per_fact if name in values]  # type: ignore[index]
        if name == "speaker":
            present = _canonical_speakers(present, [f.claim.speaker for f in facts])  # type: ignore[arg-type]
        if _field_differs(name, present):
            diffs.append(FieldDiff(
                field=name,
                values=tuple((art, values[name][0]) for art, values in per_fact if name in values),  # type: ignore[index]
                minor=name in MINOR_FIELDS,
            ))
    return tuple(diffs)


def _blocking_keys(fact: Fact, vectors: _Vectors) -> set[tuple]:
    """Keys under which a fact can meet its possible partners, so that scoring is not
    quadratic in the number of facts: nearby values, same object, shared rare words."""
    q = fact.quantity
    if q is None:
        bag = vectors.bags[fact.claim.id]
        # Words no other claim has can pair nothing; very common ones pair everything.
        shared = [w for w in bag if 2 <= vectors.df[w] <= vectors.common]
        rare = sorted(shared, key=lambda w: (vectors.df[w], w))[:RARE_WORDS]
        return {("w", w) for w in rare}
    keys: set[tuple] = {("o", q.object_head or "", speaker_key(fact.claim.speaker))}
    if q.vague or q.value is None:
        keys.add(("vague", q.object_head or ""))
    else:
        bucket = math.floor(math.log(abs(_base_value(q) or 0.0) + 1e-9) / VALUE_BUCKET)
        keys.add(("v", unit_dimension(q.unit) or "", bucket))
    return keys


def _candidate_pairs(facts: Sequence[Fact], vectors: _Vectors) -> list[tuple[int, int]]:
    """Index pairs (i < j) of facts from different articles sharing a blocking key."""
    index: dict[tuple, list[int]] = {}
    for i, fact in enumerate(facts):
        for key in _blocking_keys(fact, vectors):
            index.setdefault(key, []).append(i)
    found: set[tuple[int, int]] = set()
    for i, fact in enumerate(facts):
        probes = set()
        for key in _blocking_keys(fact, vectors):
            probes.add(key)
            if key[0] == "v":
                probes.update({("v", key[1], key[2] - 1), ("v", key[1], key[2] + 1)})
        for key in probes:
            for j in index.get(key, ()):
                if j > i and facts[j].claim.article != fact.claim.article:
                    found.add((i, j))
    return sorted(found)


def align(claims: Sequence[Claim], articles: Sequence[Article] = (), *,
          originals: Mapping[str, str] | None = None) -> list[Alignment]:
    """Group claims reporting the same fact across articles.

    Args:
        claims: claims of all articles being compared.
        articles: the articles (optional; used only to order output).
        originals: article id → the original it copies (itself when none), so that a
            syndicated copy does not count as an independent confirmation.

    Returns:
        Alignments sorted by status (differ, agree, unique), then by label: each names its
        member facts, the differing fields and a match score.
    """
    facts = facts_of(sorted(claims, key=lambda c: (c.article, c.start, c.id)))
    vectors = _Vectors([f.claim for f in facts if f.index <= 0])
    pairs = []
    for i, j in _candidate_pairs(facts, vectors):
        x, y = facts[i], facts[j]
        score = _score(x, y, vectors)
        if score >= MATCH_THRESHOLD:
            pairs.append((-score, x.key, y.key, i, j))
    pairs.sort()
    group_of = list(range(len(facts)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(facts))}
    best: dict[int, float] = {}
    for neg, _, _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        arts_i = {facts[k].claim.article for k in members[gi]}
        arts_j = {facts[k].claim.article for k in members[gj]}
        claims_i = {facts[k].claim.id for k in members[gi]}
        claims_j = {facts[k].claim.id for k in members[gj]}
        if arts_i & arts_j or claims_i & claims_j:
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
        best[gi] = min(best.get(gi, 1.0), best.pop(gj, 1.0), -neg)
    alignments = []
    for gid, idxs in members.items():
        group = sorted((facts[k] for k in idxs), key=lambda f: (f.claim.article, f.claim.start, f.index))
        if len(group) == 1:
            status, diffs, score = "unique", (), 1.0
        else:
            diffs = _differences(group)
            status = "differ" if any(not d.minor for d in diffs) else "agree"
            score = round(best.get(gid, 1.0), 3)
        carriers = {f.claim.article for f in group}
        alignments.append(Alignment(
            status=status, claims=tuple(dict.fromkeys(f.claim.id for f in group)),  # type: ignore[arg-type]
            members=tuple(f.key for f in group), label=_label(group), differences=diffs, score=score,
            independent=len({(originals or {}).get(a, a) for a in carriers}),
        ))
    order = {"differ": 0, "agree": 1, "unique": 2}
    alignments.sort(key=lambda a: (order[a.status], a.label.lower(), a.id))
    return alignments


# The majority view of a group (``consensus``) lives beside alignment, in its own module.
from .consensus import Consensus, consensus, fact_hedged  # noqa: E402
