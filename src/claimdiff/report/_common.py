"""Shared, format-independent helpers for the report renderers.

Everything here is pure: ordering (so every format lists things the same way and the
output never depends on input order), display strings for speakers, quantities and time
scopes, and ``MemberView``, the flattened facts about one claim inside one alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..align import Fact, fact_hedged, fact_scope
from ..model import (
    DIFF_FIELDS,
    Alignment,
    Article,
    Claim,
    Comparison,
    Quantity,
    Speaker,
    TimeScope,
    outlet_display_name,
)

#: Alignments are listed differences first: they are what a reader came for.
STATUS_ORDER = {"differ": 0, "agree": 1, "unique": 2}

#: Words shown for a normalised qualifier when the article's own words are unknown.
QUALIFIER_WORDS = {
    "approx": "about",
    "more_than": "more than",
    "at_least": "at least",
    "up_to": "up to",
    "nearly": "nearly",
    "less_than": "less than",
    "at_most": "at most",
}

#: Evidence quotes are trimmed to about this many characters around the quantity.
EVIDENCE_MAX_CHARS = 200

#: How far back (in characters) a trimmed quote may move to start on a word boundary.
WORD_SNAP_CHARS = 20

#: Scales spelled out in words when a number is a round multiple of them, largest first.
LARGE_NUMBER_WORDS = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))

#: Quantity fields rendered inside the quantity phrase, in reading order.
QUANTITY_FIELDS = ("conjunction", "qualifier", "value", "unit", "object")

#: Currencies written as a sign before the figure ("$60 million", not "60 million USD").
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

#: Time scope words that open a period running to the time of writing ("since August").
OPEN_SCOPE_WORDS = ("since",)

_SPACE = re.compile(r"\s+")


def article_sort_key(article: Article) -> tuple[str, str, str, str]:
    """Order articles by outlet, date, title and id."""
    return (article.outlet or "", article.published or "", article.title or "", article.id)


def sorted_articles(comparison: Comparison) -> list[Article]:
    """Return the comparison's articles in report order."""
    return sorted(comparison.articles, key=article_sort_key)


def sorted_claims(comparison: Comparison) -> list[Claim]:
    """Return claims in report order: by article order, then position in the text."""
    rank = {a.id: i for i, a in enumerate(sorted_articles(comparison))}
    return sorted(
        comparison.claims,
        key=lambda c: (rank.get(c.article, len(rank)), c.article, c.start, c.end, c.id),
    )


def sorted_alignments(comparison: Comparison) -> list[Alignment]:
    """Return alignments differences first, then agreements, then unique; each in story order."""
    position = {c.id: i for i, c in enumerate(sorted_claims(comparison))}
    return sorted(
        comparison.alignments,
        key=lambda a: (
            STATUS_ORDER.get(a.status, len(STATUS_ORDER)),
            min((position.get(c, len(position)) for c in a.claims), default=len(position)),
            a.id,
        ),
    )


def alignments_by_claim(alignments: list[Alignment]) -> dict[str, list[Alignment]]:
    """Map each claim id to the alignments it belongs to, in the given order."""
    index: dict[str, list[Alignment]] = {}
    for alignment in alignments:
        for claim_id in alignment.claims:
            index.setdefault(claim_id, []).append(alignment)
    return index


def source_name(source: str) -> str:
    """A short name for an input: the file name of a path (``a/b/c.txt`` → ``c.txt``),
    a URL or ``file.jsonl:17`` as given."""
    if "://" in source or not source:
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def outlet_name(outlet: str | None, url: str | None = None, source: str | None = None) -> str:
    """One display name for an outlet, the same everywhere (``model.outlet_display_name``:
    the outlet, else the file stem, record or URL host; never a path or a hash)."""
    if not (outlet or "").strip() and url and "://" in url and not (source and "://" in source):
        return outlet_display_name(None, url)
    return outlet_display_name(outlet, source or url or "")


def article_labels(articles: list[Article]) -> dict[str, str]:
    """Name each article by its outlet (``outlet_name``), numbering repeats: "Reuters", "Reuters #2"."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for article in articles:
        base = outlet_name(article.outlet, article.url, article.source)
        seen[base] = seen.get(base, 0) + 1
        labels[article.id] = base if seen[base] == 1 else f"{base} #{seen[base]}"
    return labels


def format_number(value: float | int | None) -> str:
    """Format a number for people: "3 million", "1.25 billion", "6,700", no trailing ``.0``."""
    if value is None:
        return ""
    for scale, word in LARGE_NUMBER_WORDS:
        scaled = value / scale
        # Only round figures become words, so "3,141,592" stays exact.
        if abs(value) >= scale and round(scaled, 2) == scaled:
            return f"{plain_number(round(scaled, 2))} {word}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def plain_number(value: float | int | None) -> str:
    """Format a number for machines (CSV): no separators, no trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def speaker_text(speaker: Speaker | None) -> str:
    """Return "Name (role, org)" for a speaker, or "unattributed"."""
    if speaker is None:
        return "unattributed"
    name = speaker.name or speaker.mention
    # "South Korea's defence minister" needs no "(defence minister, South Korea)".
    extras = [part for part in (speaker.role, speaker.org) if part and part.casefold() not in (name or "").casefold()]
    if not name:
        return ", ".join(extras) if extras else "unnamed source"
    return f"{name} ({', '.join(extras)})" if extras else name


def short_speaker(speaker: Speaker | None) -> str:
    """A speaker in a table cell: the name alone ("Jennifer Homendy"; her role and body are
    in the hover text), else what ``speaker_text`` gives."""
    if speaker is not None and speaker.name and speaker.type == "person":
        return speaker.name
    return speaker_text(speaker)


def quantity_parts(quantity: Quantity) -> list[tuple[str, str]]:
    """Split a quantity into ``(field, words)`` parts so a renderer can mark differing fields."""
    parts: list[tuple[str, str]] = []
    if quantity.conjunction:
        parts.append(("conjunction", quantity.conjunction))
    qualifier = quantity.qualifier_text or QUALIFIER_WORDS.get(quantity.qualifier or "", "")
    if qualifier:
        parts.append(("qualifier", qualifier))
    if quantity.value is None:
        number = quantity.text
    elif quantity.value_max is not None and quantity.value_max != quantity.value:
        number = f"{format_number(quantity.value)}–{format_number(quantity.value_max)}"
    else:
        number = format_number(quantity.value)
    if quantity.unit == "percent":
        number += "%"
    elif quantity.unit in CURRENCY_SIGNS:
        number = CURRENCY_SIGNS[quantity.unit] + number
    parts.append(("value", number))
    if quantity.unit and quantity.unit != "percent" and quantity.unit not in CURRENCY_SIGNS:
        parts.append(("unit", quantity.unit))
    if quantity.object:
        parts.append(("object", quantity.object))
    return parts


def quantity_text(quantity: Quantity) -> str:
    """Return a quantity as one phrase: "about 6,700 containers of shells"."""
    return " ".join(words for _, words in quantity_parts(quantity) if words)


def time_scope_text(scope: TimeScope | None) -> str:
    """Return a time scope's words, with its resolved dates when they add something: "in
    2022" needs no "(2022-01-01 – 2022-12-31)", "in February" gets its year."""
    if scope is None:
        return ""
    if scope.text.lower().startswith(OPEN_SCOPE_WORDS) and scope.start:
        # "since September 2023" has a start and no end: it runs to the time of writing.
        return f"{scope.text} (from {scope.start} on)"
    years = {d[:4] for d in (scope.start, scope.end) if d}
    if years and all(year in scope.text for year in years):
        return scope.text
    if scope.start and scope.end and len(years) == 1 and _whole_period(scope.start, scope.end):
        return f"{scope.text} ({years.pop()})"
    if scope.start and scope.start == scope.end:
        return f"{scope.text} ({scope.start})"
    if scope.start or scope.end:
        return f"{scope.text} ({scope.start or '…'} – {scope.end or '…'})"
    return scope.text


def _whole_period(start: str, end: str) -> bool:
    """Whether ``start``–``end`` is a whole month or year ("in February" → Feb 1–29)."""
    try:
        first, last = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
    except ValueError:
        return False
    return first.day == 1 and (last + timedelta(days=1)).day == 1 and (first.month == last.month or (
        first.month == 1 and last.month == 12))


def human_date(iso: str | None) -> str:
    """An ISO date as a person reads it: "Wed 27 Mar 2024" (other text unchanged)."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day:%a} {day.day} {day:%b %Y}"


def member_quantity(alignment: Alignment, claim: Claim) -> Quantity | None:
    """Return the quantity through which ``claim`` is a member of ``alignment``.

    ``Alignment.members`` names a quantity index per claim (-1 for the whole claim); without
    one, the claim's first quantity stands for it.
    """
    for claim_id, index in alignment.members:
        if claim_id == claim.id and 0 <= index < len(claim.quantities):
            return claim.quantities[index]
    return claim.quantities[0] if claim.quantities else None


def trim_evidence(text: str, focus: tuple[int, int] | None = None, limit: int = EVIDENCE_MAX_CHARS) -> str:
    """Return ``text`` on one line, cut to about ``limit`` characters around ``focus``.

    ``focus`` is a ``(start, end)`` span relative to ``text`` (the quantity) that the cut
    keeps in view; cut ends are marked with an ellipsis.
    """
    if len(text) > limit:
        centre = (focus[0] + focus[1]) // 2 if focus else 0
        start = max(0, min(centre - limit // 2, len(text) - limit))
        end = start + limit
        if start > 0:
            space = text.find(" ", start, start + WORD_SNAP_CHARS)
            start = space + 1 if space != -1 else start
        if end < len(text):
            space = text.rfind(" ", end - WORD_SNAP_CHARS, end)
            end = space if space != -1 else end
        text = ("… " if start > 0 else "") + text[start:end].strip() + (" …" if end < len(text) else "")
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberView:
    """One claim as a member of one alignment, flattened for display.

    Fields: ``claim`` and ``article`` ids, ``outlet`` (article label), ``speaker``, ``cue``,
    ``kind``, ``hedged``, ``polarity``, ``quantity`` (``(field, words)`` parts, empty when
    the claim has none), ``time_scope`` (words), ``statement_date`` (ISO, or "") and ``said_on`` (the
    same for people: "Wed 27 Mar 2024"), ``cites`` (relay chain, "via A → B"), ``evidence`` (trimmed quote), ``title``
    (speaker · cue · kind, for hover text).
    """

    claim: str
    article: str
    outlet: str
    speaker: str
    cue: str
    kind: str
    hedged: bool
    polarity: str
    quantity: tuple[tuple[str, str], ...]
    time_scope: str
    statement_date: str
    cites: str
    evidence: str
    title: str
    said_on: str = ""
    who: str = ""


def cites_text(claim: Claim) -> str:
    """Return the sources a claim is relayed through as "via A → B", or "" (the speaker
    itself is no relay: "Buttigieg said" is not "via Buttigieg")."""
    own = (claim.speaker.name or claim.speaker.mention or "").casefold() if claim.speaker else ""
    relays = [c for c in claim.cites if c.casefold() != own]
    return "via " + " → ".join(relays) if relays else ""


def claim_title(claim: Claim) -> str:
    """Return the hover text of a claim: "speaker · cue · kind" (plus hedged/denied)."""
    parts = [speaker_text(claim.speaker), claim.cue or "no cue", claim.kind]
    if claim.cites:
        parts.append(cites_text(claim))
    if claim.hedged:
        parts.append("hedged" + (f" ({', '.join(claim.hedges)})" if claim.hedges else ""))
    if claim.polarity != "affirm":
        parts.append(claim.polarity)
    return " · ".join(parts)


def member_view(alignment: Alignment, claim: Claim, labels: dict[str, str]) -> MemberView:
    """Flatten ``claim`` as a member of ``alignment`` for display."""
    quantity = member_quantity(alignment, claim)
    index = claim.quantities.index(quantity) if quantity is not None else -1
    focus = None
    evidence = claim.evidence
    if quantity is not None and evidence.start <= quantity.start <= quantity.end <= evidence.end:
        focus = (quantity.start - evidence.start, quantity.end - evidence.start)
    return MemberView(
        claim=claim.id,
        article=claim.article,
        outlet=labels.get(claim.article, claim.article),
        # The outlet's own voice is named as the outlet is everywhere else, never by its file.
        speaker=(labels.get(claim.article, "the outlet") if claim.speaker is not None and claim.speaker.type == "outlet"
                 else speaker_text(claim.speaker)),
        cue=claim.cue or "",
        kind=claim.kind,
        hedged=fact_hedged(claim, index),
        polarity=claim.polarity,
        quantity=tuple(quantity_parts(quantity)) if quantity is not None else (),
        time_scope=time_scope_text(fact_scope(Fact(claim, index))),
        statement_date=claim.statement_date or "",
        said_on=human_date(claim.statement_date),
        who=(labels.get(claim.article, "the outlet") if claim.speaker is not None and claim.speaker.type == "outlet"
             else short_speaker(claim.speaker)),
        cites=cites_text(claim),
        evidence=trim_evidence(claim.evidence_text, focus),
        title=claim_title(claim),
    )


def alignment_label(alignment: Alignment, claims: dict[str, Claim]) -> str:
    """Return the alignment's label, or a quantity phrase / claim excerpt when it has none."""
    if alignment.label:
        return alignment.label
    for claim_id in alignment.claims:
        claim = claims.get(claim_id)
        if claim is None:
            continue
        quantity = member_quantity(alignment, claim)
        if quantity is not None:
            return quantity_text(quantity)
        return trim_evidence(claim.text, limit=60)
    return alignment.id


def diff_fields(alignment: Alignment) -> tuple[list[str], list[str]]:
    """Return the alignment's differing fields as ``(major, minor)`` lists, in DIFF_FIELDS order."""
    order = sorted(alignment.differences, key=lambda d: _field_rank(d.field))
    major = [d.field for d in order if not d.minor]
    minor = [d.field for d in order if d.minor and d.field not in major]
    return _unique(major), _unique(minor)


def _field_rank(name: str) -> tuple[int, str]:
    """Sort key putting known fields in DIFF_FIELDS order and unknown ones after, by name."""
    return (DIFF_FIELDS.index(name), "") if name in DIFF_FIELDS else (len(DIFF_FIELDS), name)


def _unique(items: list[str]) -> list[str]:
    """Drop repeats, keeping first occurrences."""
    return list(dict.fromkeys(items))


def summary_counts(comparison: Comparison) -> dict[str, Any]:
    """Count articles, claims, alignments by status, differing fields and skipped inputs."""
    statuses = {status: 0 for status in STATUS_ORDER}
    fields: dict[str, int] = {}
    for alignment in comparison.alignments:
        statuses[alignment.status] = statuses.get(alignment.status, 0) + 1
        for name in _unique([d.field for d in alignment.differences]):
            fields[name] = fields.get(name, 0) + 1
    aligned = {c for a in comparison.alignments for c in a.claims}
    return {
        "articles": len(comparison.articles),
        "claims": len(comparison.claims),
        "unaligned_claims": sum(1 for c in comparison.claims if c.id not in aligned),
        "alignments": len(comparison.alignments),
        "agree": statuses.get("agree", 0),
        "differ": statuses.get("differ", 0),
        "unique": statuses.get("unique", 0),
        "fields": dict(sorted(fields.items())),
        "skipped": len(comparison.skipped),
    }
