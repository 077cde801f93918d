"""The comparison table a person reads in 30 seconds, shared by the HTML report, the
story page and the terminal.

Pure: a ``Comparison`` in, a ``FactTable`` out.

- **Columns are independent sources**: a syndicated copy folds into its original's
  column ("Capital Wire + 1 copy"), so an original and its copy never make a fact
  "agree" between themselves: a fact only they carry is unique to that column.
- **Rows**: differing facts first, then agreed ones; each differing row carries the
  consensus (``align.consensus``) and, per cell, the fields on which that outlet deviates
  from it, so only those words are marked.
- **Unique facts** are listed per column (a count a reader can open), not as rows.
- **Trivial facts** (a bare small count with no object, an ordinal, an age) are dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..align import Consensus, consensus
from ..wording import content_text
from ..model import Alignment, Article, Claim, Comparison, Quantity
from ._common import (
    MemberView,
    alignment_label,
    article_labels,
    diff_fields,
    human_date,
    member_view,
    sorted_alignments,
    sorted_articles,
)

__all__ = ["Column", "Cell", "Row", "FactTable", "columns_of", "fact_table", "is_trivial", "ONLY_CHOICES",
           "SMALL_COUNT"]

#: A count without object or unit up to this value says nothing on its own ("three").
SMALL_COUNT = 10
#: The ``--only`` filters of the terminal tables.
ONLY_CHOICES = ("differ", "agree", "unique")
#: A label longer than this many characters is cut.
LABEL_CHARS = 60
#: Words shown for a field with no majority.
NO_MAJORITY = "split"
DATA = Path(__file__).parent / "data" / "trivial.jsonl"


@lru_cache(maxsize=1)
def _trivial_patterns() -> dict[str, re.Pattern[str]]:
    """The ordinal and age patterns (``data/trivial.jsonl``), compiled once."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    return {e["label"]: re.compile(e["pattern"], re.IGNORECASE) for e in entries}


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """One independent source: ``id`` (the original article), ``outlet`` (its display
    name), ``label`` ("Capital Wire + 1 copy"), ``articles`` (original first, then its
    copies) and ``copies`` (display names of the copies)."""

    id: str
    outlet: str
    label: str
    articles: tuple[str, ...]
    copies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """What one column says about one fact: ``members`` (the claims of the first of its
    articles carrying the fact) and ``odd`` (fields on which it deviates from the majority)."""

    members: tuple[MemberView, ...]
    odd: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One fact: ``id`` and ``status`` (differ | agree | unique, counted over columns),
    ``label`` (the majority's figure and object), ``consensus`` (pairs of a field's
    display name and the majority's words), ``cells`` (one per column, ``None`` where the
    column does not carry it), ``major``/``minor`` differing fields, ``claims`` (ids),
    ``carriers`` (columns carrying it) and ``independent`` (as aligned)."""

    id: str
    status: str
    label: str
    consensus: tuple[tuple[str, str], ...]
    cells: tuple[Cell | None, ...]
    major: tuple[str, ...]
    minor: tuple[str, ...]
    claims: tuple[str, ...]
    carriers: int
    independent: int

    @property
    def majority(self) -> tuple[tuple[str, str], ...]:
        """The consensus pairs of the fields most outlets agree on."""
        return tuple((name, words) for name, words in self.consensus if words != NO_MAJORITY)

    @property
    def split(self) -> tuple[str, ...]:
        """The display names of the differing fields with no majority."""
        return tuple(name for name, words in self.consensus if words == NO_MAJORITY)


@dataclass(frozen=True, slots=True, kw_only=True)
class FactTable:
    """``columns``, ``rows`` (differ, then agree), ``unique`` (per column, the rows only
    it carries, in column order) and ``trivial`` (facts left out as trivial)."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unique: tuple[tuple[Column, tuple[Row, ...]], ...]
    trivial: int = 0

    def by_status(self, status: str) -> list[Row]:
        """The rows with ``status``; unique rows in column order."""
        if status == "unique":
            return [row for _, rows in self.unique for row in rows]
        return [row for row in self.rows if row.status == status]


#: Display names of the fields in consensus lines and chips.
FIELD_NAMES = {"time_scope": "time scope", "statement_date": "date of the statement", "hedged": "hedge",
               "conjunction": "and/or"}


def columns_of(comparison: Comparison) -> list[Column]:
    """One column per independent source, copies folded into their original's column."""
    articles = sorted_articles(comparison)
    labels = article_labels(articles)
    known = {a.id for a in articles}
    originals = {c: o for c, o in comparison.copies if c in known and o in known}
    columns = []
    for article in articles:
        if article.id in originals:
            continue
        family = _head_first([article, *(a for a in articles if originals.get(a.id) == article.id)])
        head, copies = family[0], family[1:]
        names = [labels[a.id] for a in copies]
        count = f" + {len(copies)} cop{'y' if len(copies) == 1 else 'ies'}" if copies else ""
        columns.append(Column(id=head.id, outlet=labels[head.id], label=labels[head.id] + count,
                              articles=tuple(a.id for a in family), copies=tuple(names)))
    return sorted(columns, key=lambda c: next(i for i, a in enumerate(articles) if a.id == c.id))


def _head_first(family: list[Article]) -> list[Article]:
    """A syndication family with the outlet its copies credit first ("This article was
    provided by Capital Wire"); otherwise the original as grouping found it."""
    def credited(article: Article) -> bool:
        name = (article.outlet or "").strip().lower()
        return bool(name) and all(name in other.text.lower() for other in family if other is not article)

    heads = [a for a in family if credited(a)]
    head = heads[0] if len(heads) == 1 else family[0]
    return [head, *(a for a in family if a is not head)]


def _trivial_quantity(quantity: Quantity, claim: Claim) -> bool:
    """A bare small count, an ordinal or an age."""
    patterns = _trivial_patterns()
    words = quantity.text.strip().lower()
    if patterns["ordinal"].match(words):
        return True
    text, start = claim.evidence_text, claim.evidence.start
    after = text[max(0, quantity.end - start):][:16]
    before = text[:max(0, quantity.start - start)][-8:]
    if patterns["age"].match(after) or patterns["age_prefix"].search(before):
        return True
    bare = not quantity.object and not quantity.unit and not quantity.vague
    return bare and quantity.value is not None and abs(quantity.value) <= SMALL_COUNT


def is_trivial(alignment: Alignment, claims: dict[str, Claim]) -> bool:
    """True when every member of the group is a trivial quantity (claims without a
    quantity are never trivial)."""
    members = [(claims[cid], index) for cid, index in alignment.members if cid in claims]
    if not members or any(index < 0 or index >= len(c.quantities) for c, index in members):
        return False
    return all(_trivial_quantity(c.quantities[index], c) for c, index in members)


def _consensus_words(agreed: Consensus) -> tuple[tuple[str, str], ...]:
    """The majority's words per differing field, for people."""
    out = []
    for name, words in agreed.values:
        if isinstance(words, bool):
            text = ("hedged" if words else "not hedged") if name == "hedged" else str(words)
        elif name == "statement_date" and words is not None:
            text = human_date(str(words)) or str(words)
        else:
            text = NO_MAJORITY if words is None else str(words)
        out.append((FIELD_NAMES.get(name, name), text))
    return tuple(out)


def _label(alignment: Alignment, agreed: Consensus, claims: dict[str, Claim]) -> str:
    """The row's label: the figure and object as the majority gives them."""
    rep = agreed.representative
    claim = claims.get(rep[0]) if rep else None
    if claim is not None and rep is not None and 0 <= rep[1] < len(claim.quantities):
        quantity = claim.quantities[rep[1]]
        if quantity.object:
            words = " ".join(quantity.text.split())
            return words if quantity.object in words else f"{words} {quantity.object}"
    if claim is not None and rep is not None and rep[1] < 0:
        # A statement without a figure is labelled with what most outlets' words report.
        words = " ".join(content_text(claim).split()).rstrip(".,;:")
        return words if len(words) <= LABEL_CHARS else words[:LABEL_CHARS - 1].rstrip() + "…"
    return alignment_label(alignment, claims)


def _cells(alignment: Alignment, columns: list[Column], claims: dict[str, Claim], labels: dict[str, str],
           agreed: Consensus) -> tuple[Cell | None, ...]:
    """Per column, the claims of its first article carrying the fact."""
    by_article: dict[str, list[Claim]] = {}
    for claim_id in alignment.claims:
        claim = claims.get(claim_id)
        if claim is not None:
            by_article.setdefault(claim.article, []).append(claim)
    cells: list[Cell | None] = []
    for column in columns:
        article = next((a for a in column.articles if a in by_article), None)
        if article is None:
            cells.append(None)
            continue
        views = tuple(member_view(alignment, c, labels) for c in by_article[article])
        cells.append(Cell(members=views, odd=agreed.odd_fields(article)))
    return tuple(cells)


def _row(alignment: Alignment, columns: list[Column], claims: dict[str, Claim], labels: dict[str, str],
         originals: dict[str, str]) -> Row:
    """One table row: status over columns, consensus, cells with their odd fields."""
    agreed = consensus(alignment, claims, originals) if alignment.status == "differ" else Consensus()
    cells = _cells(alignment, columns, claims, labels, agreed)
    carriers = sum(1 for cell in cells if cell is not None)
    status = "unique" if carriers <= 1 else alignment.status
    if status == "differ" and not agreed.values:
        status = "agree"  # nothing left to differ on once units are converted
    major, minor = diff_fields(alignment)
    if status != "differ":
        agreed, cells = Consensus(), tuple(c and Cell(members=c.members) for c in cells)
    return Row(id=alignment.id, status=status, label=_label(alignment, agreed, claims),
               consensus=_consensus_words(agreed), cells=cells,
               major=tuple(major) if status == "differ" else (), minor=tuple(minor),
               claims=alignment.claims, carriers=carriers, independent=alignment.independent)


def fact_table(comparison: Comparison) -> FactTable:
    """The comparison as a table of independent sources: see the module doc."""
    columns = columns_of(comparison)
    labels = article_labels(sorted_articles(comparison))
    claims = {c.id: c for c in comparison.claims}
    originals = {a.id: a.id for a in comparison.articles} | comparison.originals
    rows, unique, trivial = [], {c.id: [] for c in columns}, 0
    for alignment in sorted_alignments(comparison):
        if is_trivial(alignment, claims):
            trivial += 1
            continue
        row = _row(alignment, columns, claims, labels, originals)
        if row.status == "unique":
            home = next((col for col, cell in zip(columns, row.cells) if cell is not None), None)
            if home is not None:
                unique[home.id].append(row)
            continue
        rows.append(row)
    rows.sort(key=lambda r: 0 if r.status == "differ" else 1)
    return FactTable(columns=tuple(columns), rows=tuple(rows),
                     unique=tuple((col, tuple(unique[col.id])) for col in columns), trivial=trivial)


def article_of(columns: tuple[Column, ...] | list[Column], article: Article) -> Column | None:
    """The column an article belongs to."""
    return next((c for c in columns if article.id in c.articles), None)

