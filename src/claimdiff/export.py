"""Export the whole corpus: articles, claims and alignments as JSONL (one file, a
``table`` field per row), CSV (three files) or Parquet (three files, needs pyarrow)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import article_to_row, to_dict
from .report.csv import defuse_cell

__all__ = ["export_corpus", "iter_rows", "EXPORT_FORMATS"]

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "claims", "alignments")


def iter_rows(store: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) pairs for every article, claim and per-story alignment."""
    from .corpus import story_comparison

    links: dict[str, dict[str, Any]] = {}
    for article in store.iter_articles():
        link = store.story_links([article.id]).get(article.id, {})
        links[article.id] = link
        row = article_to_row(article)
        yield "articles", {
            **{name: row[name] for name in ("id", "source", "url", "outlet", "title", "published", "author")},
            "story": link.get("story"), "storyline": link.get("storyline"), "version": link.get("version"),
            "duplicate_of": link.get("duplicate_of"), "syndicated_of": link.get("syndicated_of"), "text": row["text"],
        }
        for claim in store.claims_of([article.id]):
            data = to_dict(claim)
            yield "claims", {
                "id": claim.id, "article": claim.article, "kind": claim.kind, "cue": claim.cue,
                "speaker": claim.speaker.name if claim.speaker else None, "text": claim.text,
                "start": claim.start, "end": claim.end, "sentence_start": claim.evidence.start,
                "sentence_end": claim.evidence.end, "relays": claim.relays, "hedged": claim.hedged, "polarity": claim.polarity,
                "time_scope": claim.time_scope.text if claim.time_scope else None,
                "statement_date": claim.statement_date, "cites": json.dumps(list(claim.cites)),
                "quantities": json.dumps(data["quantities"], sort_keys=True),
            }
    for story in sorted({link["story"] for link in links.values() if link.get("story")}):
        for al in story_comparison(store, story).alignments:
            yield "alignments", {
                "id": al.id, "story": story, "status": al.status, "label": al.label,
                "claims": json.dumps(list(al.claims)),
                "differences": json.dumps([d.field for d in al.differences if not d.minor]),
                "score": al.score,
            }


def export_corpus(store: Any, fmt: str, output: Path) -> list[tuple[Path, int]]:
    """Write the corpus to ``output`` (a file for jsonl, a folder for csv/parquet).

    Returns:
        The files written with their row counts.
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonl":
        output.parent.mkdir(parents=True, exist_ok=True)
        count = 0
        with output.open("w", encoding="utf-8") as fh:
            for table, row in iter_rows(store):
                fh.write(json.dumps({"table": table, **row}, sort_keys=True, ensure_ascii=False) + "\n")
                count += 1
        return [(output, count)]
    output.mkdir(parents=True, exist_ok=True)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for table, row in iter_rows(store):
        tables[table].append(row)
    written = []
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise ConfigError("Parquet export needs pyarrow: pip install 'claimdiff[parquet]'") from exc
        for name, rows in tables.items():
            path = output / f"{name}.parquet"
            pq.write_table(pa.Table.from_pylist(rows), path)
            written.append((path, len(rows)))
        return written
    for name, rows in tables.items():
        path = output / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            if rows:
                writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                # Article text is untrusted: no cell may run as a spreadsheet formula.
                writer.writerows({k: defuse_cell(v) if isinstance(v, str) else v for k, v in row.items()}
                                 for row in rows)
        written.append((path, len(rows)))
    return written
