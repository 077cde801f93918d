"""The majority view of an aligned fact: which value most independent outlets give for
each field the group differs on, and which outlets deviate from it (the odd ones out a
reader looks for first in a "differ" row).  Pure: an ``Alignment`` and its claims in, a
``Consensus`` out.  Part of the align stage; it compares fields exactly as ``align``
does (``align.field_values`` and its normalised keys), so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .align import Fact, fact_is_hedged, field_values, unit_dimension, values_differ
from .extract.attribution.canonical import canonical_speakers
from .model import DIFF_FIELDS, Alignment, Claim, Speaker

__all__ = ["Consensus", "consensus", "fact_hedged", "NOT_STATED"]

#: The consensus words when most outlets give a field no value ("4,679" has no qualifier).
NOT_STATED = {"qualifier": "no qualifier", "time_scope": "no time stated", "object": "no object named",
              "conjunction": "neither and nor or", "speaker": "unattributed", "unit": "no unit",
              "statement_date": "no date"}


@dataclass(frozen=True, slots=True)
class Consensus:
    """What most independent outlets say about one aligned fact, and who deviates.

    Fields: ``values`` (differing field → the words most independent outlets use, or
    ``None`` when no value has a majority), ``odd`` (article id → the fields on which it
    deviates; an article missing here agrees with every majority), ``representative``
    (the member ``(claim id, quantity index)`` that agrees with the most majorities: it
    speaks for the group) and ``voters`` (independent outlets carrying the fact; a
    syndicated copy votes with its original, once).
    """

    values: tuple[tuple[str, object], ...] = ()
    odd: tuple[tuple[str, tuple[str, ...]], ...] = ()
    representative: tuple[str, int] | None = None
    voters: int = 0

    def odd_fields(self, article: str) -> tuple[str, ...]:
        """The fields on which ``article`` deviates from the majority."""
        return dict(self.odd).get(article, ())

    def value(self, name: str) -> object:
        """The majority's words for field ``name`` (``None``: no majority or no such field)."""
        return dict(self.values).get(name)


def _same_key(name: str, a: object, b: object) -> bool:
    """Whether two comparison keys of field ``name`` count as the same (as ``_differences`` reads them)."""
    if name == "value":
        return not values_differ([a, b])  # type: ignore[list-item]
    if name == "object":
        # Fewer words of the same object ("containers" / "containers of munitions") agree.
        wa, wb = set(str(a or "").split()), set(str(b or "").split())
        return not a or not b or wa <= wb or wb <= wa
    return repr(a) == repr(b)


def _field_majority(name: str, entries: Sequence[tuple[str, object, object]], root: Mapping[str, str],
                    speakers: Sequence[Speaker | None] = ()) -> tuple[object, list[str], set[int]]:
    """Majority of one field over ``(article, display, key)`` entries: its display words
    (``None`` when no value has more independent outlets than every other), the
    deviating articles, and the indexes of the entries in the majority."""
    if name == "speaker":
        keys = canonical_speakers([k for _, _, k in entries], speakers)  # type: ignore[misc]
        entries = [(a, d, k) for (a, d, _), k in zip(entries, keys)]
    if name == "statement_date":
        # An outlet that gives no date for the statement does not disagree on it.
        entries = [e if e[2] else (e[0], e[1], None) for e in entries]
    clusters: list[list[int]] = []
    for i, (_, _, key) in enumerate(entries):
        if name == "statement_date" and key is None:
            continue
        home = next((c for c in clusters if _same_key(name, entries[c[0]][2], key)), None)
        if home is None:
            clusters.append([i])
        else:
            home.append(i)
    votes = sorted(((len({root.get(entries[i][0], entries[i][0]) for i in c}), -c[0], c) for c in clusters),
                   reverse=True)
    if not votes:
        return None, [], set()
    won = len(votes) == 1 or votes[0][0] > votes[1][0]
    winners = set(votes[0][2]) if won else set()
    odd = [entries[i][0] for c in clusters for i in c if i not in winners]
    words = entries[votes[0][2][0]][1] if won else None
    if name == "speaker" and won and entries[votes[0][2][0]][2] == "<outlet>":
        words = "the outlets' own words"
    elif won and words is None:
        words = NOT_STATED.get(name, "none given")  # most say nothing of it: that is a majority too
    return words, odd, winners


def _consensus_fields(alignment: Alignment, facts: Sequence[Fact]) -> list[str]:
    """The group's major differing fields, less a unit difference when the figures agree
    once converted ("1.6 miles" and "2.6 km" are one length)."""
    fields = sorted({d.field for d in alignment.differences if not d.minor}, key=DIFF_FIELDS.index)
    quantities = [f.quantity for f in facts if f.quantity is not None]
    if "unit" in fields and quantities and len({unit_dimension(q.unit) for q in quantities}) == 1 \
            and not values_differ(quantities):
        fields.remove("unit")
    return fields


def consensus(alignment: Alignment, claims: Mapping[str, Claim],
              originals: Mapping[str, str] | None = None) -> Consensus:
    """The majority view of an aligned fact and its odd ones out.

    For each field on which the group differs (minor fields excepted), the facts are
    grouped by the same comparison the alignment used (a figure within unit tolerance,
    a speaker under any of its names); each independent outlet votes once (``originals``
    maps a syndicated copy to its original). The value with strictly the most votes is
    the consensus and every article giving another value deviates; on a tie there is no
    consensus and every article deviates.

    Args:
        alignment: one group from ``align``.
        claims: claim id → claim (at least the group's claims).
        originals: article id → the original it copies (itself when none).

    Returns:
        A ``Consensus`` (empty for a group with no major difference).
    """
    root = dict(originals or {})
    facts = [Fact(claims[cid], index) for cid, index in alignment.members if cid in claims]
    per_fact = [field_values(f) for f in facts]
    values: list[tuple[str, object]] = []
    odd: dict[str, list[str]] = {}
    agreeing = [0] * len(facts)
    for name in _consensus_fields(alignment, facts):
        present = [i for i, v in enumerate(per_fact) if name in v]
        entries = [(facts[i].claim.article, *per_fact[i][name]) for i in present]  # type: ignore[misc]
        speakers = [facts[i].claim.speaker for i in present] if name == "speaker" else []
        words, deviating, winners = _field_majority(name, entries, root, speakers)
        values.append((name, words))
        for article in deviating:
            odd.setdefault(article, []).append(name)
        for w in winners:
            agreeing[present[w]] += 1
    best = max(range(len(facts)), key=lambda i: (agreeing[i], -i), default=None)
    return Consensus(
        values=tuple(values),
        odd=tuple(sorted((a, tuple(dict.fromkeys(f))) for a, f in odd.items())),
        representative=facts[best].key if best is not None else None,
        voters=len({root.get(f.claim.article, f.claim.article) for f in facts}),
    )


def fact_hedged(claim: Claim, index: int) -> bool:
    """Whether the fact (``claim``, quantity ``index``) is hedged, as alignment compares it:
    a claim hedged after the figure ("6,700 containers, which could hold…") does not hedge it."""
    return fact_is_hedged(Fact(claim, index))
