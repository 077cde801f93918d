"""The comparison as a Rich table for the terminal (``compare`` and ``story``).

Built from the same ``FactTable`` as the HTML: one row per fact, differ rows first,
each with what most outlets say and, for every outlet, its version with every differing
field spelled out (the deviating words in bold red). Two columns only, so the width goes
to the words; unique facts are counted per outlet unless asked for (``only="unique"``).
Every string is a ``rich.text.Text``: nothing from an article is read as markup.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from ..model import Comparison
from ._common import MemberView
from .table import ONLY_CHOICES, Cell, FactTable, Row, fact_table

__all__ = ["terminal_table", "ONLY_CHOICES"]

STATUS_STYLE = {"differ": "bold red", "agree": "green", "unique": "blue"}
ODD_STYLE = "bold red"


def _member_text(view: MemberView, odd: tuple[str, ...], major: tuple[str, ...]) -> Text:
    """One outlet's version: the figure, then the speaker and every differing field."""
    line = Text()
    if view.quantity:
        for i, (field, words) in enumerate(view.quantity):
            line.append(("" if i == 0 else " ") + words, style=ODD_STYLE if field in odd else "")
    else:
        line.append(view.evidence if len(view.evidence) <= 120 else view.evidence[:119] + "…")
    line.append(" — ")
    line.append(view.speaker, style=ODD_STYLE if "speaker" in odd else "italic")
    if view.cue:
        line.append(f", {view.cue}")
    extras = [("time_scope", view.time_scope or ("no time stated" if "time_scope" in major else "")),
              ("hedged", ("hedged" if view.hedged else "not hedged") if "hedged" in major or view.hedged else ""),
              ("statement_date", f"said on {view.said_on or view.statement_date}" if "statement_date" in major and view.statement_date
               else ""),
              ("polarity", view.polarity if view.polarity != "affirm" or "polarity" in major else "")]
    for field, words in extras:
        if words:
            line.append(" · ")
            line.append(words, style=ODD_STYLE if field in odd else "")
    if view.cites:
        line.append(f" · {view.cites}", style="dim")
    return line


def _outlets_text(row: Row, table: FactTable) -> Text:
    """Every outlet's version of a fact, one per line."""
    lines = []
    for column, cell in zip(table.columns, row.cells):
        if not isinstance(cell, Cell):
            continue
        for view in cell.members:
            text = Text(column.label + ": ", style="bold")
            text.append_text(_member_text(view, cell.odd, row.major))
            lines.append(text)
    return Text("\n").join(lines)


def _fact_text(row: Row) -> Text:
    """The fact column: status, label, and what most say."""
    text = Text(row.status, style=STATUS_STYLE.get(row.status, ""))
    text.append("\n" + row.label, style="bold")
    if row.majority:
        text.append("\nmost say: " + "; ".join(f"{name} {words}" for name, words in row.majority), style="dim")
    if row.split:
        text.append("\nno majority on " + ", ".join(row.split), style="dim")
    return text


def terminal_table(comparison: Comparison, only: str | None = None) -> Table:
    """The comparison as a two-column Rich table; ``only`` keeps one status."""
    table = fact_table(comparison)
    shown = {s: len(table.by_status(s)) for s in ONLY_CHOICES}
    title = (f"{len(comparison.articles)} articles, {len(table.columns)} sources: {shown['differ']} differ, "
             f"{shown['agree']} agree, {shown['unique']} only in one")
    out = Table(title=Text(title), title_justify="left", show_lines=True, box=box.SIMPLE_HEAD, expand=True)
    out.add_column("fact", ratio=2, overflow="fold")
    out.add_column("how each outlet reports it", ratio=5, overflow="fold")
    statuses = [only] if only else ["differ", "agree"]
    for status in statuses:
        for row in table.by_status(status):
            out.add_row(_fact_text(row), _outlets_text(row, table))
    if not only:
        counts = [f"{column.label}: {len(rows)}" for column, rows in table.unique if rows]
        if counts:
            out.caption = Text("only in one outlet (--only unique lists them): " + ", ".join(counts))
            out.caption_justify = "left"
    return out
