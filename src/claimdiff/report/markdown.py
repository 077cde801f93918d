"""A Comparison as a Markdown report for people.

Sections: a title line and counts, a table of articles, then **Differences** (each
differing group with one entry per outlet, differing fields in bold), **Agreements**,
**Only in one outlet** (grouped by outlet) and **Skipped inputs**. Every claim is followed
by its evidence, quoted and trimmed. All article-derived text is escaped, so an article
cannot inject Markdown or HTML into the report.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..consensus import consensus
from ..model import Alignment, Claim, Comparison
from ._common import (
    MemberView,
    alignment_label,
    article_labels,
    diff_fields,
    human_date,
    member_view,
    sorted_alignments,
    sorted_articles,
    summary_counts,
)
from .table import fact_table

__all__ = ["render_markdown"]

#: Characters that carry meaning in CommonMark inline text (and ``|`` in GFM tables).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#&|~])")
_SPACE = re.compile(r"\s+")

#: Readable names of diff fields.
FIELD_NAMES = {"time_scope": "time scope", "statement_date": "date of the statement"}


def escape(text: str) -> str:
    """Escape Markdown punctuation and fold whitespace so untrusted text stays literal."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text)).strip()


def cell(text: str | int | None) -> str:
    """Return text safe inside a table cell (pipes and newlines escaped)."""
    return escape(str(text)) if text not in (None, "") else "—"


def _bold_if(text: str, flag: bool) -> str:
    """Wrap already-escaped ``text`` in bold when ``flag``."""
    return f"**{text}**" if flag and text else text


def field_name(field: str) -> str:
    """Return a field's readable name."""
    return FIELD_NAMES.get(field, field)


def member_line(view: MemberView, differing: set[str], *, outlet: bool = True) -> list[str]:
    """Render one claim of a group as a list item plus its quoted evidence."""
    who = _bold_if(escape(view.speaker), "speaker" in differing)
    cue = _bold_if(escape(view.cue or "—"), "cue" in differing)
    kind = _bold_if(escape(view.kind), "kind" in differing)
    facts = [f"{who}, {cue} ({kind})" + (f" {escape(view.cites)}" if view.cites else "")]
    if view.quantity:
        words = [_bold_if(escape(w), f in differing) for f, w in view.quantity if w]
        facts.append(" ".join(words))
    if view.time_scope:
        facts.append("time: " + _bold_if(escape(view.time_scope), "time_scope" in differing))
    elif "time_scope" in differing:
        facts.append("time: **not stated**")
    if view.statement_date and "statement_date" in differing:
        facts.append("said on " + _bold_if(escape(view.said_on or view.statement_date), True))
    if view.hedged or "hedged" in differing:
        facts.append(_bold_if("hedged" if view.hedged else "not hedged", "hedged" in differing))
    if view.polarity != "affirm" or "polarity" in differing:
        facts.append(_bold_if(escape(view.polarity), "polarity" in differing))
    lead = f"**{escape(view.outlet)}**: " if outlet else ""
    # Curly quotes keep a quote that starts with "#" or "1." from turning into a block.
    return [f"- {lead}{' — '.join(facts)}", f"  > “{escape(view.evidence)}”"]


def _carried(alignment: Alignment, claims: dict[str, Claim]) -> str:
    """"Carried by 3 outlets, 2 independent" for a group seen in several articles."""
    carriers = len({claims[c].article for c in alignment.claims if c in claims})
    text = f"Carried by {carriers} outlets"
    if alignment.independent < carriers:
        text += f", {alignment.independent} independent (the others copy them)"
    return text + "."


def _group_lines(alignment: Alignment, claims: dict[str, Claim], labels: dict[str, str], order: dict[str, int]) -> list[str]:
    """Render the member claims of one group, in article order."""
    major, minor = diff_fields(alignment)
    lines: list[str] = []
    members = [claims[c] for c in alignment.claims if c in claims]
    for claim in sorted(members, key=lambda c: (order.get(c.article, len(order)), c.start, c.id)):
        lines.extend(member_line(member_view(alignment, claim, labels), set(major)))
    if minor:
        lines.append(f"- minor wording differences: {', '.join(field_name(f) for f in minor)}")
    return lines


def _head_lines(comparison: Comparison, articles: list, labels: dict[str, str]) -> list[str]:
    """The title, the counts and the table of articles."""
    counts = summary_counts(comparison)
    per_article = {a.id: 0 for a in articles}
    for claim in comparison.claims:
        per_article[claim.article] = per_article.get(claim.article, 0) + 1
    lines = [
        f"# claimdiff report: {counts['articles']} articles compared",
        "",
        f"{counts['claims']} claims in {counts['alignments']} groups: "
        f"{counts['differ']} differ, {counts['agree']} agree, {counts['unique']} only in one outlet"
        + (f"; {counts['skipped']} skipped (see below)." if counts["skipped"] else "."),
        "",
        "| Outlet | Title | Date | Claims |",
        "| --- | --- | --- | ---: |",
    ]
    for article in articles:
        lines.append(
            f"| {cell(labels[article.id])} | {cell(article.title)} | {cell(article.published)} "
            f"| {per_article.get(article.id, 0)} |"
        )
    return lines


def _consensus_line(alignment: Alignment, claims: dict, originals: dict[str, str]) -> str:
    """"Most say: value **4,700**; qualifier split": the majority per differing field."""
    agreed = consensus(alignment, claims, originals)
    parts = [f"{field_name(name)} **{escape(human_date(str(words)) if name == 'statement_date' else str(words))}**"
             for name, words in agreed.values if words is not None and not isinstance(words, bool)]
    split = [field_name(name) for name, words in agreed.values if words is None]
    line = "Most say: " + "; ".join(parts) if parts else ""
    if split:
        line += ("; no" if line else "No") + " majority on " + ", ".join(split)
    return line


def _shared_lines(alignments: list[Alignment], claims: dict, labels: dict[str, str], order: dict[str, int],
                  originals: dict[str, str] | None = None) -> list[str]:
    """The Differences and Agreements sections."""
    originals = originals or {}
    differ = [a for a in alignments if a.status == "differ"]
    agree = [a for a in alignments if a.status == "agree"]
    lines = ["", "## Differences", ""]
    if not differ:
        lines += ["No differing claims.", ""]
    for alignment in differ:
        major, _ = diff_fields(alignment)
        lines += [f"### {escape(alignment_label(alignment, claims))}", "", _carried(alignment, claims), ""]
        if major:
            lines += ["Differs in: " + ", ".join(f"**{field_name(f)}**" for f in major), ""]
        most = _consensus_line(alignment, claims, originals)
        if most:
            lines += [most, ""]
        lines += _group_lines(alignment, claims, labels, order) + [""]
    lines += ["## Agreements", ""]
    if not agree:
        lines += ["No claims reported alike by several outlets.", ""]
    for alignment in agree:
        lines += [f"### {escape(alignment_label(alignment, claims))}", "", _carried(alignment, claims), ""]
        lines += _group_lines(alignment, claims, labels, order) + [""]
    return lines


def _unique_lines(alignments: list[Alignment], claims: dict, labels: dict[str, str], order: dict[str, int]) -> list[str]:
    """The "Only in one outlet" section, grouped by outlet."""
    unique = [a for a in alignments if a.status == "unique"]
    lines = ["## Only in one outlet", ""]
    if not unique:
        lines += ["Every claim was reported by more than one outlet.", ""]
    by_outlet: dict[str, list[Alignment]] = {}
    for alignment in unique:
        first = next((claims[c] for c in alignment.claims if c in claims), None)
        by_outlet.setdefault(first.article if first else "", []).append(alignment)
    for article_id in sorted(by_outlet, key=lambda a: (order.get(a, len(order)), a)):
        lines += [f"### {escape(labels.get(article_id, article_id or 'unknown article'))}", ""]
        for alignment in by_outlet[article_id]:
            members = sorted((claims[c] for c in alignment.claims if c in claims), key=lambda c: (c.start, c.id))
            for claim in members:
                view = member_view(alignment, claim, labels)
                item = member_line(view, set(), outlet=False)
                item[0] = f"- **{escape(alignment_label(alignment, claims))}**: " + item[0][2:]
                lines += item
        lines.append("")
    return lines


def _as_displayed(comparison: Comparison, alignments: list[Alignment]) -> list[Alignment]:
    """The alignments with the status the HTML table shows: a fact carried only by an
    original and its syndicated copy is unique to that source, never an agreement."""
    if not comparison.copies:
        return alignments
    table = fact_table(comparison)
    shown = {row.id: row.status for row in [*table.rows, *table.by_status("unique")]}
    return [replace(a, status=shown.get(a.id, a.status)) for a in alignments]  # type: ignore[arg-type]


def render_markdown(comparison: Comparison) -> str:
    """Render the comparison as a Markdown report.

    Args:
        comparison: the result of comparing a set of articles.

    Returns:
        Markdown text ending with a newline; the same input gives the same bytes.

    Example:
        >>> render_markdown(Comparison()).splitlines()[0]
        '# claimdiff report: 0 articles compared'
    """
    articles = sorted_articles(comparison)
    labels = article_labels(articles)
    order = {a.id: i for i, a in enumerate(articles)}
    claims = {c.id: c for c in comparison.claims}
    alignments = _as_displayed(comparison, sorted_alignments(comparison))
    lines = _head_lines(comparison, articles, labels)
    lines += _shared_lines(alignments, claims, labels, order, comparison.originals)
    lines += _unique_lines(alignments, claims, labels, order)
    if comparison.skipped:
        lines += ["## Skipped inputs", "", "| Source | Stage | Code | Reason |", "| --- | --- | --- | --- |"]
        for skipped in sorted(comparison.skipped, key=lambda s: (s.source, s.stage, s.code, s.reason)):
            lines.append(f"| {cell(skipped.source)} | {cell(skipped.stage)} | {cell(skipped.code)} | {cell(skipped.reason)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
