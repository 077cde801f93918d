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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .extract.attribution import speaker_key
from .extract.attribution.canonical import canonical_speakers as _canonical_speakers
from .extract.attribution.canonical import same_speaker_key, speaker_compare_key as _speaker_compare_key
from .extract.hedges import HEDGE_PATTERN
from .extract.quantities.measures import KNOWN_EVENTS, measure_parts
from .model import Alignment, Article, Claim, FieldDiff, Quantity, TimeScope
from .wording import RARE_WORDS, Vectors, content_negated, content_text, outlet_key, stem, words  # noqa: F401

__all__ = ["align", "Fact", "facts_of", "MATCH_THRESHOLD", "Consensus", "consensus", "fact_hedged",
           "fact_is_hedged", "fact_scope", "field_values", "unit_dimension", "values_differ"]

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
#: Less is enough when the two share a fact word or one is relayed through the other's
#: outlet, but never less than this.
TEXT_FLOOR = 0.1
#: Score added to claims without quantities: the same speaker, a shared fact word (see
#: ``Vectors``), one relayed through the other's outlet, both negative ("no evidence of a
#: terrorist attack" / "no credible information linking it to terrorism").
SPEAKER_BONUS = 0.2
FACT_WORD_BONUS = 0.25
RELAY_BONUS = 0.25
NEGATION_BONUS = 0.15
#: Two different figures of one measure align (as a value difference) when their wording
#: is this alike, or they share a fact word, and the smaller is at least this share of the larger.
OTHER_COUNT_TEXT = 0.3
OTHER_COUNT_RATIO = 0.2
#: ... and their articles are at most this many days apart: figures weeks apart are a
#: series (the timeline shows it), not a disagreement.
OTHER_COUNT_DAYS = 3
#: An early, hedged ceiling on the people whose fate is open ("as many as 20 people may
#: have fallen", "up to 40 feared missing") and a later toll of the same people are one
#: row: the estimate moved (a value difference), never two facts.
FATE_EVENTS = frozenset({"missing", "killed"})
ESTIMATE_QUALIFIERS = frozenset({"up_to", "approx"})
#: Irregular plurals a label puts in the singular after the figure one.
SINGULARS = {"people": "person", "men": "man", "women": "woman", "children": "child"}
#: Relative gap allowed between one figure given in two units (rounding on conversion).
UNIT_TOLERANCE = 0.02
#: Width of a value bucket on a log scale: values within CLOSE_VALUE_RATIO meet.
VALUE_BUCKET = -math.log(CLOSE_VALUE_RATIO)
#: Facts counting one head meet whatever their figures when no more than this many do.
HEAD_BLOCK_CAP = 64
#: Fields whose differences are wording only: they do not make a group "differ".
MINOR_FIELDS = frozenset({"cue", "kind"})
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


#: Units that measure the same dimension, as (dimension, factor to the base unit), so
#: "1.6 miles" meets "2.6 km" and "984 feet" meets "300 metres".
UNIT_BASE: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mile": ("length", 1609.344), "ft": ("length", 0.3048), "yard": ("length", 0.9144),
    "inch": ("length", 0.0254), "nautical mile": ("length", 1852.0),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "tonne": ("mass", 1000.0), "lb": ("mass", 0.45359237),
    "ton": ("mass", 907.18474),
    "km2": ("area", 1e6), "m2": ("area", 1.0), "hectare": ("area", 1e4), "square mile": ("area", 2589988.11),
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
    """How well two counted objects agree: same measure or head noun 1, overlap partial,
    else 0."""
    if a.measure and a.measure == b.measure:
        return 1.0
    if a.object_head and b.object_head:
        if a.object_head == b.object_head:
            return 1.0
    wa, wb = set(words(a.object or "")), set(words(b.object or ""))
    if not wa and not wb:
        return 0.7 if a.unit and a.unit == b.unit else 0.5
    if not wa or not wb:
        return 0.4
    return len(wa & wb) / len(wa | wb)


def _relayed(x: Fact, y: Fact, outlets: Mapping[str, str]) -> bool:
    """Whether one claim is passed on through the other's outlet ("according to a report
    by the Harbor Ledger" and the Harbor Ledger's own article)."""
    for a, b in ((x, y), (y, x)):
        outlet = outlets.get(b.claim.article)
        if outlet and any(outlet_key(c) == outlet for c in a.claim.cites):
            return True
    return False


def _event(q: Quantity) -> str | None:
    """The event of a quantity's measure ("killed" in "people killed · Valencia")."""
    return measure_parts(q.measure)[1]


def _same_thing(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same thing: the same measure (``Quantity.measure``,
    synonyms folded: "deaths" / "were killed"), or the same counted head unless one counts
    a known event the other does not ("22 crew members accounted for" / "six members of a
    road crew killed")."""
    if a.measure and b.measure and a.measure == b.measure:
        return True
    if not a.object_head or a.object_head != b.object_head:
        return False
    ea, eb = _event(a), _event(b)
    return ea == eb or not ({ea, eb} & KNOWN_EVENTS)


def _score(x: Fact, y: Fact, vectors: Vectors, outlets: Mapping[str, str] | None = None,
           dates: Mapping[str, str] | None = None) -> float:
    """Confidence that two facts from different articles report the same thing."""
    qa, qb = x.quantity, y.quantity
    # A figure is compared in its whole sentence; a statement without one by what it reports.
    text = vectors.cosine(x.claim.id, y.claim.id, whole=qa is not None and qb is not None)
    same_speaker = bool(speaker_key(x.claim.speaker)) and _speakers_match(x.claim, y.claim)
    fact_word = vectors.share_fact_word(x.claim.id, y.claim.id)
    relayed = _relayed(x, y, outlets or {})
    if qa is None or qb is None:
        if qa is not None or qb is not None:
            return 0.0
        # A shared fact word says little when one claim denies what the other affirms.
        negated = content_negated(x.claim), content_negated(y.claim)
        fact_word = fact_word and negated[0] == negated[1]
        if text < TEXT_ONLY_THRESHOLD and not ((fact_word or relayed) and text >= TEXT_FLOOR):
            return 0.0
        bonus = (SPEAKER_BONUS if same_speaker else 0.0) + (FACT_WORD_BONUS if fact_word else 0.0) \
            + (RELAY_BONUS if relayed else 0.0) + (NEGATION_BONUS if all(negated) and fact_word else 0.0)
        return min(1.0, text + bonus)
    if unit_dimension(qa.unit) != unit_dimension(qb.unit):
        return 0.0
    share = _estimate_and_toll(x, y)
    if share:
        # The weakest link (one measure's figures pair first), the largest toll first;
        # the story is the topic, so the wording need not be alike ("searching for" / "killed").
        near = _days_apart(x, y, dates or {}) <= OTHER_COUNT_DAYS
        return MATCH_THRESHOLD + 0.01 + 0.04 * share if near else 0.0
    value = _value_match(qa, qb)
    obj = _object_match(qa, qb)
    if obj < 0.3:
        return 0.0
    if value == 0.0:
        # A different figure for the same thing from the same speaker: a revision.
        if same_speaker and obj >= 0.99 and text >= 0.45:
            return 0.5 + 0.2 * text
        # Another count of the same measure in the same story ("about 8,000 jobs" /
        # "more than 15,000 jobs"): a value difference, weaker than any figure that agrees.
        if _same_thing(qa, qb) and (text >= OTHER_COUNT_TEXT or (fact_word and text >= TEXT_FLOOR)) \
                and _within(qa, qb, OTHER_COUNT_RATIO) and _days_apart(x, y, dates or {}) <= OTHER_COUNT_DAYS:
            return MATCH_THRESHOLD + 0.1 * text
        return 0.0
    if value < 1.0 and not same_speaker and _days_apart(x, y, dates or {}) > OTHER_COUNT_DAYS:
        # A close figure from another source weeks later is the next estimate of a series
        # (the timeline shows it), not the same figure reported differently.
        return 0.0
    return 0.45 * value + 0.3 * obj + 0.25 * text + (0.1 if same_speaker else 0.0) + _window_bonus(x.claim, y.claim)


def _estimate_and_toll(x: Fact, y: Fact) -> float:
    """When one fact is a hedged ceiling on the people missing and the other the people
    killed, no more than that ceiling (see FATE_EVENTS): the toll's share of the ceiling
    (0 < share <= 1); else 0."""
    qa, qb = x.quantity, y.quantity
    if qa is None or qb is None or {_event(qa), _event(qb)} != FATE_EVENTS:
        return 0.0
    (early, fx), (toll, _) = sorted(((qa, x), (qb, y)), key=lambda p: _event(p[0]) != "missing")
    hedged = early.qualifier in ESTIMATE_QUALIFIERS or fx.claim.hedged
    va, vb = _base_value(early), _base_value(toll)
    if not hedged or va is None or vb is None or not 0 < vb <= va:
        return 0.0
    return vb / va


def _days_apart(x: Fact, y: Fact, dates: Mapping[str, str]) -> int:
    """Days between the two facts' articles (0 when either is undated)."""
    try:
        a, b = (date.fromisoformat(dates[f.claim.article][:10]) for f in (x, y))
    except (KeyError, ValueError):
        return 0
    return abs((a - b).days)


def _within(a: Quantity, b: Quantity, ratio: float) -> bool:
    """Whether two figures are within ``ratio`` of each other (the smaller over the larger)."""
    va, vb = _base_value(a), _base_value(b)
    if va is None or vb is None or va <= 0 or vb <= 0:
        return False
    return min(va, vb) / max(va, vb) >= ratio


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


#: What parts two coordinated clauses: "… in 2022, and it directly supports 15,000 jobs".
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas)\s", re.IGNORECASE)


def fact_scope(fact: Fact) -> TimeScope | None:
    """The claim's time scope, unless it sits in another clause than the fact's figure
    ("It handled 750,000 cars in 2022, and it supports 15,000 jobs": "in 2022" dates the
    cars, not the jobs)."""
    scope, q, claim = fact.claim.time_scope, fact.quantity, fact.claim
    if scope is None or q is None or not scope.span_end:
        return scope
    lo, hi = sorted((min(q.end, scope.span_start), max(q.start, scope.span_end)))
    base = claim.evidence.start
    between = claim.evidence_text[max(0, lo - base): max(0, hi - base)]
    return None if _CLAUSE_BREAK.search(between) else scope


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
    scope = fact_scope(fact)
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
        values["qualifier"] = ((q.qualifier_text or "").lower() or q.qualifier, q.qualifier)
        # One figure in two units of a dimension is one unit ("984 feet" / "300 metres").
        values["unit"] = (q.unit, unit_dimension(q.unit))
        # People counted under any generic noun ("road workers", "members of a road crew")
        # are one object when the measure folds them into "people".
        people = measure_parts(q.measure)[0] == "people"
        values["object"] = (q.object, "people" if people else " ".join(sorted(set(words(q.object or "")))))
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
        obj = q.object
        if q.value == 1 and q.value_max is None and obj and obj.split()[-1].lower() in SINGULARS:
            *lead, last = obj.split()  # "one person", never "one people"
            obj = " ".join([*lead, SINGULARS[last.lower()]])
        return " ".join(p for p in (figure, obj) if p)
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


def _blocking_keys(fact: Fact, vectors: Vectors) -> set[tuple]:
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
    if q.object_head:
        keys.add(("head", q.object_head))  # another count of the same thing (capped: HEAD_BLOCK_CAP)
    if _event(q) in FATE_EVENTS:
        keys.add(("head", " fate"))  # an early estimate meets the toll (capped the same way)
    if q.vague or q.value is None:
        keys.add(("vague", q.object_head or ""))
    else:
        bucket = math.floor(math.log(abs(_base_value(q) or 0.0) + 1e-9) / VALUE_BUCKET)
        keys.add(("v", unit_dimension(q.unit) or "", bucket))
    return keys


def _candidate_pairs(facts: Sequence[Fact], vectors: Vectors) -> list[tuple[int, int]]:
    """Index pairs (i < j) of facts from different articles sharing a blocking key."""
    index: dict[tuple, list[int]] = {}
    for i, fact in enumerate(facts):
        for key in _blocking_keys(fact, vectors):
            index.setdefault(key, []).append(i)
    # A counted head that many facts share ("people") pairs only through the other keys.
    index = {k: v for k, v in index.items() if k[0] != "head" or len(v) <= HEAD_BLOCK_CAP}
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
    vectors = Vectors([f.claim for f in facts if f.index <= 0])
    outlets = {a.id: outlet_key(a.outlet) for a in articles if a.outlet}
    dates = {a.id: d for a in articles if (d := a.published or a.reference_date)}
    pairs = []
    for i, j in _candidate_pairs(facts, vectors):
        x, y = facts[i], facts[j]
        score = _score(x, y, vectors, outlets, dates)
        if score >= MATCH_THRESHOLD:
            pairs.append((-score, x.key, y.key, i, j))
    members, best = _merged(facts, sorted(pairs))
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
    alignments = _date_conflicts_once(alignments)
    order = {"differ": 0, "agree": 1, "unique": 2}
    alignments.sort(key=lambda a: (order[a.status], a.label.lower(), a.id))
    return alignments


def _merged(facts: Sequence[Fact], pairs: Sequence[tuple]) -> tuple[dict[int, list[int]], dict[int, float]]:
    """Groups from scored pairs, best first, never two facts of one article or one claim
    in a group: group id → fact indexes, and group id → its weakest merge score."""
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
    return members, best


def _date_conflicts_once(alignments: list[Alignment]) -> list[Alignment]:
    """Report one conflict over the date of a statement once: when outlets date one
    briefing differently, every fact from it differs on the date, and the reader needs
    to see it on one row, the one that dates it in most outlets. On the other rows the
    same dates are not listed again."""
    def dates(a: Alignment) -> frozenset[tuple[str, object]]:
        d = next((d for d in a.differences if d.field == "statement_date" and not d.minor), None)
        return frozenset((art, v) for art, v in d.values if v) if d else frozenset()

    ranked = sorted((a for a in alignments if dates(a)), key=lambda a: (-len(dates(a)), -a.score, a.id))
    shown: list[frozenset[tuple[str, object]]] = []
    demoted: set[str] = set()
    for a in ranked:
        mine = dates(a)
        if any(mine <= earlier for earlier in shown):
            demoted.add(a.id)
        else:
            shown.append(mine)
    out = []
    for a in alignments:
        if a.id in demoted:
            diffs = tuple(d for d in a.differences if d.field != "statement_date")
            a = replace(a, differences=diffs, status="differ" if any(not d.minor for d in diffs) else "agree")
        out.append(a)
    return out


# The majority view of a group (``consensus``) lives beside alignment, in its own module.
from .consensus import Consensus, consensus, fact_hedged  # noqa: E402
