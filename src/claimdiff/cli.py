"""The command line: ``claimdiff compare`` and ``claimdiff extract``.

The only module that prints, shows progress or chooses exit codes:
0 ok, 1 some inputs skipped, 2 usage error, 3 nothing usable.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import ClaimdiffError
from .model import Comparison, Skipped
from .report._common import article_labels

__all__ = ["app", "main"]

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 3

app = typer.Typer(
    help="Compare, claim by claim, how news outlets report the same story.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class CompareFormat(str, Enum):
    """Output formats of ``compare``."""

    table = "table"
    md = "md"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    csv = "csv"


class ExtractFormat(str, Enum):
    """Output formats of ``extract``."""

    json = "json"
    jsonl = "jsonl"
    md = "md"


def _report_skipped(skipped: tuple[Skipped, ...] | list[Skipped]) -> None:
    """Print one line per skipped input on stderr."""
    for s in skipped:
        err.print(f"[yellow]skipped[/] [{s.code}] {s.reason}", markup=True, highlight=False)


def _write(text: str, output: Optional[Path]) -> None:
    """Write ``text`` to ``output`` or stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    err.print(f"wrote {output}", highlight=False)


def _exit_code(usable: int, skipped: int) -> int:
    """0 when all inputs were used, 1 when some were skipped, 3 when none was usable."""
    if usable == 0:
        return EXIT_NOTHING
    return EXIT_SKIPPED if skipped else EXIT_OK


def _table(comparison: Comparison) -> Table:
    """A terminal table of alignments: status, label, each outlet's version, differences."""
    outlets = article_labels(list(comparison.articles))
    claims = {c.id: c for c in comparison.claims}
    table = Table(title=f"{len(comparison.articles)} articles · {len(comparison.claims)} claims", show_lines=True)
    for column in ("status", "fact", "as reported", "differs on"):
        table.add_column(column, overflow="fold")
    colour = {"agree": "green", "differ": "red", "unique": "blue"}
    for al in comparison.alignments:
        lines = []
        for claim_id, index in al.members:
            c = claims[claim_id]
            q = c.quantities[index] if index >= 0 else None
            what = f"{q.text} {q.object or ''}".strip() if q else c.text[:90]
            who = (c.speaker.name or c.speaker.role or "?") if c.speaker else "?"
            scope = f" [{c.time_scope.text}]" if c.time_scope else ""
            lines.append(f"[bold]{outlets.get(c.article, c.article)}[/]: {what}{scope} — {who} ({c.cue or 'narration'})")
        fields = ", ".join(d.field + ("*" if d.minor else "") for d in al.differences)
        table.add_row(f"[{colour[al.status]}]{al.status}[/]", al.label, "\n".join(lines), fields)
    return table


@app.command()
def compare(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL files, or - for stdin.")],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input file accepted, in bytes.")] = 20_000_000,
) -> None:
    """Compare how the given articles report one story, claim by claim."""
    from .pipeline import Options
    from .pipeline import compare as run_compare
    from .report import render

    with err.status("reading, extracting and aligning claims…"):
        comparison = run_compare(inputs, options=Options(max_bytes=max_bytes), stdin=sys.stdin.buffer)
    _report_skipped(comparison.skipped)
    if comparison.articles:
        if format is CompareFormat.table and output is None:
            out.print(_table(comparison))
        else:
            fmt = "md" if format is CompareFormat.table else format.value
            _write(render(comparison, fmt), output)
    raise typer.Exit(_exit_code(len(comparison.articles), len(comparison.skipped)))


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="A file, folder, JSONL file, or - for stdin.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = ExtractFormat.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the result here.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input file accepted, in bytes.")] = 20_000_000,
) -> None:
    """Extract the attributed claims and every quantity of each document.

    One document gives one JSON object; several (a JSONL file, a folder) give one JSON
    line per document, each carrying its ``id``.
    """
    from .pipeline import Options, extract_articles, load_nlp, read_articles
    from .report.extraction import render_extraction

    options = Options(max_bytes=max_bytes)
    articles, skipped = read_articles(inputs, options=options, stdin=sys.stdin.buffer)
    _report_skipped(skipped)
    extractions = extract_articles(articles, load_nlp(), options=options) if articles else []
    fmt = format.value if (len(extractions) == 1 or format is ExtractFormat.md) else "jsonl"
    _write("".join(render_extraction(e, fmt) for e in extractions), output)
    raise typer.Exit(_exit_code(len(articles), len(skipped)))


@app.command()
def version() -> None:
    """Print the claimdiff version."""
    out.print(f"claimdiff {__version__}")


def main() -> None:
    """Run the CLI, turning claimdiff errors into one-line messages."""
    try:
        app(standalone_mode=True)
    except ClaimdiffError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        sys.exit(EXIT_NOTHING)
