"""How an estimate moves over time: stored figures, one series per measure ("people
killed · Valencia", else the counted object), each ordered by the date of the statement,
one entry per statement with every outlet that carried it.

Pure: rows in (from ``Store.timeline_rows``), entries out. An estimate revised over
months is a timeline, not a contradiction; outlets that give one statement differently
(same speaker and day, another value or qualifier) are flagged ``disputed``, and outlets
whose figures for one series and day differ are flagged ``disagrees`` (with the others'
outlets in ``disagrees_with``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .align import Fact, fact_scope
from .extract.attribution import speaker_key
from .extract.quantities.measures import MEASURE_SEPARATOR, measure_parts
from .model import FigureRecord, Quantity

__all__ = ["TimelineEntry", "build_timeline"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """One statement of a figure: ``date`` (of the statement when the text says, else of
    the earliest article), ``date_source`` (statement | article), ``value``,
    ``value_max``, ``qualifier``, ``unit``, ``object``, ``speaker``, ``time_scope`` (text),
    ``articles`` ({id, outlet, published, claim, syndicated_of}), ``outlets``,
    ``independent`` (outlets that are not copies of another), ``disputed`` (another
    entry gives the same speaker's statement of that day differently), ``text`` (the
    words of the first evidence), ``measure`` (what the figure is, when the text says),
    ``series`` (the measure, else the counted object's head: one line of the chart),
    ``disagrees`` (other outlets give another figure for the same series and day) and
    ``disagrees_with`` (those outlets)."""

    date: str | None
    date_source: str
    value: float | None
    value_max: float | None
    qualifier: str | None
    unit: str | None
    object: str | None
    speaker: str | None
    time_scope: str | None
    articles: tuple[dict[str, Any], ...]
    outlets: tuple[str, ...]
    independent: int
    disputed: bool
    text: str
    measure: str | None = None
    series: str = ""
    disagrees: bool = False
    disagrees_with: tuple[str, ...] = ()


#: Two figures this close (ratio) can be one statement reported differently.
CLOSE_RATIO = 0.8


def _close(a: float | None, b: float | None) -> bool:
    """True when two figures are near enough to be one statement given differently."""
    if a is None or b is None:
        return a is None and b is None
    lo, hi = sorted((abs(a), abs(b)))
    return hi == 0 or lo / hi >= CLOSE_RATIO


def _quantity(row: FigureRecord) -> Quantity:
    return row.claim.quantities[row.quantity_index]


def _series(row: FigureRecord) -> str:
    """The series a figure belongs to: its measure, else its counted object's head."""
    q = _quantity(row)
    return q.measure or q.object_head or ""


def _fold_series(rows: Sequence[FigureRecord]) -> dict[str, str]:
    """Series names after folding a bare counted object ("containers", the text names no
    event) into the one event series of that object ("containers delivered"), if only
    one exists among the rows."""
    names = {_series(r) for r in rows}
    folded = {}
    for name in names:
        if measure_parts(name)[1]:
            continue
        events = {n for n in names if n.startswith(name + " ") and MEASURE_SEPARATOR not in n}
        if len(events) == 1:
            folded[name] = events.pop()
    return folded


def _statement_key(row: FigureRecord, folded: dict[str, str]) -> tuple:
    """Rows with the same key report one statement."""
    q = _quantity(row)
    c = row.claim
    date = c.statement_date or row.published
    series = _series(row)
    return (speaker_key(c.speaker) if c.kind != "narration" else "", date or "", folded.get(series, series),
            q.value, q.value_max, q.qualifier, q.unit)


def _disagreements(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Mark entries whose outlets give another figure than other outlets for the same
    series and day (a revision on another day is not a disagreement)."""
    by_day: dict[tuple[str, str | None], list[TimelineEntry]] = {}
    for e in entries:
        by_day.setdefault((e.series, e.date), []).append(e)
    marked = []
    for e in entries:
        others = {o for other in by_day[(e.series, e.date)]
                  if (other.value, other.value_max) != (e.value, e.value_max) and e.date
                  for o in other.outlets if o not in e.outlets}
        marked.append(replace(e, disagrees=bool(others), disagrees_with=tuple(sorted(others))) if others else e)
    return marked


def build_timeline(rows: Sequence[FigureRecord]) -> list[TimelineEntry]:
    """Group stored figures into statements and order them by date.

    Args:
        rows: figures for one query, as the store returns them.

    Returns:
        Entries sorted by series, then date (undated last), then value.
    """
    groups: dict[tuple, list[FigureRecord]] = {}
    folded = _fold_series(rows)
    for row in rows:
        if row.duplicate_of:
            continue  # the same article again adds nothing
        groups.setdefault(_statement_key(row, folded), []).append(row)
    statement_variants: dict[tuple, set[tuple]] = {}
    for key in groups:
        statement_variants.setdefault(key[:3], set()).add(key[3:])

    def disputed(key: tuple) -> bool:
        """Another entry gives the same speaker's figure of that day differently."""
        if not key[0]:
            return False
        value = key[3]
        return any(other != key[3:] and _close(value, other[0]) for other in statement_variants[key[:3]])

    entries = []
    for key, members in groups.items():
        # Originals before their syndicated copies, then by date.
        members = sorted(members, key=lambda r: (bool(r.syndicated_of), r.published or "", r.article_id))
        first = members[0]
        q, c = _quantity(first), first.claim
        sp = c.speaker
        speaker = (sp.name or sp.role or sp.mention) if sp else None
        articles = tuple(
            {"id": r.article_id, "outlet": r.outlet, "published": r.published, "claim": r.claim.id,
             "syndicated_of": r.syndicated_of}
            for r in members
        )
        outlets = tuple(sorted({r.outlet or r.article_id for r in members}))
        independent = len({r.outlet or r.article_id for r in members if not r.syndicated_of}) or 1
        entries.append(TimelineEntry(
            date=c.statement_date or first.published, date_source="statement" if c.statement_date else "article",
            value=q.value, value_max=q.value_max, qualifier=q.qualifier, unit=q.unit, object=q.object,
            speaker=speaker if c.kind != "narration" else None,
            time_scope=scope.text if (scope := fact_scope(Fact(c, first.quantity_index))) else None,
            articles=articles, outlets=outlets,
            independent=independent, disputed=disputed(key),
            text=c.evidence_text, measure=q.measure, series=key[2],
        ))
    entries.sort(key=lambda e: (e.series, e.date is None, e.date or "",
                                e.value if e.value is not None else float("inf"), e.speaker or "",
                                e.articles[0]["id"]))
    return _disagreements(entries)
