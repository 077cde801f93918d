"""The command line: ``claimdiff compare`` and ``claimdiff extract``.

The only module that prints, shows progress or chooses exit codes:
0 ok, 1 some inputs skipped, 2 usage error, 3 nothing usable.

Nothing printed is read as Rich markup: article titles, feed links and error messages
are untrusted text ("[/x]" must print as itself, "[link=…]" must not become a link), so
both consoles have markup off and styled words are ``Text`` objects built here.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import ClaimdiffError, ConfigError, OutputError
from .model import Skipped
from .report._common import QUALIFIER_WORDS
from .report.terminal import terminal_table

if TYPE_CHECKING:
    from .timeline import TimelineEntry

__all__ = ["app", "main"]

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 3

app = typer.Typer(
    help="Compare, claim by claim, how news outlets report the same story.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help text is plain: "[web]" stays "[web]"
)
out = Console(soft_wrap=True, markup=False, emoji=False, highlight=False)
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False, highlight=False)


def _styled(word: str, style: str, rest: str = "") -> Text:
    """``word`` in ``style`` followed by plain ``rest`` (never parsed as markup)."""
    return Text.assemble((word, style), rest)


class CompareFormat(str, Enum):
    """Output formats of ``compare``."""

    table = "table"
    md = "md"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    csv = "csv"


class Only(str, Enum):
    """Which facts the terminal table of ``compare``/``story`` lists."""

    differ = "differ"
    agree = "agree"
    unique = "unique"


OnlyOption = Annotated[Optional[Only], typer.Option(
    "--only", help="List only the facts that differ, agree, or are unique to one outlet.")]


class ExtractFormat(str, Enum):
    """Output formats of ``extract``."""

    json = "json"
    jsonl = "jsonl"
    md = "md"


def _report_skipped(skipped: tuple[Skipped, ...] | list[Skipped]) -> None:
    """Print one line per skipped input on stderr."""
    for s in skipped:
        err.print(_styled("skipped", "yellow", f" [{s.code}] {s.reason}"))


def _output_error(output: Path, exc: OSError) -> OutputError:
    """The one-line error for a report or export that cannot be written."""
    return OutputError(f"cannot write {output}: {exc.strerror or exc}; choose another --output path")


def _write(text: str, output: Optional[Path]) -> None:
    """Write ``text`` to ``output`` or stdout.

    Raises:
        OutputError: the file cannot be written (a folder, a full disk, no permission).
    """
    if output is None:
        sys.stdout.write(text)
        return
    try:
        if output.is_dir():
            raise IsADirectoryError(21, "is a folder")
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _output_error(output, exc) from exc
    err.print(f"wrote {output}")


def _exit_code(usable: int, skipped: int) -> int:
    """0 when all inputs were used, 1 when some were skipped, 3 when none was usable."""
    if usable == 0:
        return EXIT_NOTHING
    return EXIT_SKIPPED if skipped else EXIT_OK


#: ``--outlet`` / ``--published``: for inputs without a header saying so (``ingest``, ``compare``).
OutletOption = Annotated[
    Optional[str], typer.Option(help="Outlet of inputs that name none (files without a header).")
]
PublishedOption = Annotated[
    Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) of inputs that carry none.")
]


def _options(max_bytes: int, outlet: Optional[str], published: Optional[str]):
    """The pipeline options of ``compare`` and ``ingest``; a bad ``--published`` is a usage error."""
    from .ingest import published_option
    from .pipeline import Options

    return Options(max_bytes=max_bytes, outlet=(outlet or "").strip() or None, published=published_option(published))


@app.command()
def compare(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL files, or - for stdin.")],
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input file accepted, in bytes.")] = 20_000_000,
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on loopback/private addresses.")] = False,
    only: OnlyOption = None,
    outlet: OutletOption = None,
    published: PublishedOption = None,
) -> None:
    """Compare how the given articles report one story, claim by claim."""
    from .fetch import HttpFetcher
    from .pipeline import compare as run_compare
    from .report import render

    with err.status("reading, extracting and aligning claims…"), \
            HttpFetcher(max_bytes=max_bytes, allow_private=allow_private) as fetcher:
        comparison = run_compare(inputs, options=_options(max_bytes, outlet, published), stdin=sys.stdin.buffer,
                                 fetcher=fetcher)
    _report_skipped(comparison.skipped)
    if comparison.articles:
        if format is CompareFormat.table and output is None:
            out.print(terminal_table(comparison, only.value if only else None))
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
    from .errors import ExtractionError
    from .model import Extraction, Skipped
    from .pipeline import Options, iter_extracted, parse_bound_notice, sources_of
    from .report.extraction import render_extraction

    options = Options(max_bytes=max_bytes)
    # One stream: inputs are read and cleaned while earlier batches are extracted (an
    # identical article is extracted once, as read_articles keeps it once).
    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    for _, item in iter_extracted(sources_of(inputs, options, stdin=sys.stdin.buffer), None, options):
        if isinstance(item, Extraction):
            extractions.append(item)
        elif isinstance(item, Skipped):
            if item.stage == "extract" and item.code == ExtractionError.code:
                raise ExtractionError(item.reason)
            skipped.append(item)
    articles = extractions
    _report_skipped(skipped)
    _report_skipped([n for n in map(parse_bound_notice, extractions) if n is not None])
    fmt = format.value if (len(extractions) == 1 or format is ExtractFormat.md) else "jsonl"
    _write("".join(render_extraction(e, fmt) for e in extractions), output)
    raise typer.Exit(_exit_code(len(articles), len(skipped)))


DbOption = Annotated[
    str, typer.Option("--db", envvar="CLAIMDIFF_DB", help="SQLite file or postgresql:// URL of the corpus.")
]


def _open_store(db: str, *, create: bool = False):
    """Open the corpus store (errors become one-line messages in ``main``); only
    ``ingest`` may create a new SQLite file."""
    from .errors import StoreError
    from .store import Store

    if not create and "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(f"no corpus at {db}; add articles with `claimdiff ingest … --db {db}` first")
    return Store.open(db)


class Engine(str, Enum):
    """How ``ingest`` runs."""

    serial = "serial"
    dask = "dask"


class StoryFormat(str, Enum):
    """Output formats of ``story``."""

    table = "table"
    md = "md"
    json = "json"
    html = "html"
    csv = "csv"


class ListFormat(str, Enum):
    """Output formats of listings."""

    table = "table"
    json = "json"


class TimelineFormat(str, Enum):
    """Output formats of ``timeline``."""

    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


class ExportFormat(str, Enum):
    """Output formats of ``export``."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL, WARC, RSS/Atom feeds, URLs, or -.")],
    db: DbOption = "claimdiff.db",
    allow_private: Annotated[bool, typer.Option(help="Allow URLs on loopback/private addresses.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest input accepted, in bytes.")] = 20_000_000,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a URL.")] = 10.0,
    engine: Annotated[Engine, typer.Option(help="serial: this process; dask: parallel workers.")] = Engine.serial,
    workers: Annotated[int, typer.Option(help="With --engine dask: local worker processes.")] = 2,
    scheduler: Annotated[Optional[str], typer.Option(help="With --engine dask: tcp://HOST:PORT of a cluster.")] = None,
    parquet_dir: Annotated[
        Optional[str], typer.Option(help="With --engine dask: where workers write Parquet partitions (kept).")
    ] = None,
    embed: Annotated[bool, typer.Option(help="Group stories with sentence embeddings too (the [embed] extra).")] = False,
    outlet: OutletOption = None,
    published: PublishedOption = None,
) -> None:
    """Add articles to the corpus: clean, extract claims, group into stories."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .corpus import ingest as run_ingest
    from .fetch import HttpFetcher

    options = _options(max_bytes, outlet, published)
    with HttpFetcher(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private) as fetcher, \
            _open_store(db, create=True) as store, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as bar:
        task = bar.add_task("ingesting", total=None, rate="")
        started = _now()

        def progress(event) -> None:
            rate = event.done / max(1e-9, _now() - started)
            bar.update(task, completed=event.done, rate=f"{event.done} articles · {rate:.1f}/s")
            if event.skipped is not None:
                bar.console.print(_styled("skipped", "yellow", f" [{event.skipped.code}] {event.skipped.reason}"))

        if engine is Engine.dask:
            from .scale import ingest_parallel

            if embed:
                raise ConfigError("--embed works with the serial engine only; drop --engine dask or --embed")

            summary = ingest_parallel(inputs, store, workers=workers, scheduler=scheduler, parquet_dir=parquet_dir,
                                      options=options, progress=progress)
        else:
            embedder = None
            if embed:
                from .embed import load_embedder

                embedder = load_embedder()
            # The pipeline is loaded when an input needs extracting (not for a rerun that
            # finds everything stored), before the extraction workers fork.
            summary = run_ingest(inputs, store, None, options=options, fetcher=fetcher,
                                 stdin=sys.stdin.buffer, progress=progress, embedder=embedder)
    err.print(
        f"{summary.new} new, {summary.duplicate} already stored, {summary.updated} updated, "
        f"{len(summary.failed)} failed · {summary.stories} new stories · {summary.rate:.1f} articles/s → {db}",
    )
    raise typer.Exit(_exit_code(summary.articles, len(summary.failed)))


def _now() -> float:
    import time

    return time.perf_counter()


#: Stories the table view of ``stories`` shows without ``--limit`` (JSON lists every one).
TABLE_PAGE = 50


@app.command()
def stories(
    db: DbOption = "claimdiff.db",
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only stories mentioning this.")] = None,
    sort: Annotated[str, typer.Option(help="last_date, first_date, size or title.")] = "last_date",
    limit: Annotated[
        Optional[int], typer.Option(min=0, help=f"At most this many stories (JSON: all by default; table: {TABLE_PAGE}).")
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many stories first.")] = 0,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """List the stories in the corpus."""
    import json

    if limit is None and format is ListFormat.table:
        limit = TABLE_PAGE
    with _open_store(db) as store:
        rows = [store.story(r.id) for r in store.stories(query=query, sort=sort, limit=limit, offset=offset)]
        total = store.count_stories(query=query)
    data = [
        {"id": r.id, "title": r.title, "storyline": r.storyline_id, "first_date": r.first_date,
         "last_date": r.last_date, "size": r.size,
         "articles": [{k: a[k] for k in ("id", "doc_id", "source", "outlet", "published", "syndicated_of",
                                          "duplicate_of")}
                      for a in r.articles]}
        for r in rows if r is not None
    ]
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return
    _stories_table(data, total=total, offset=offset)


def _stories_table(data: list[dict], *, total: int, offset: int) -> None:
    """Print one page of stories, saying how many the page leaves out."""
    hidden = total - offset - len(data)  # after this page
    title = f"{len(data)} of {total} stories" if len(data) < total else f"{len(data)} stories"
    table = Table(title=title)
    for column in ("id", "title", "outlets", "articles", "dates", "storyline"):
        table.add_column(column, overflow="fold")
    for r in data:
        outlets = sorted({a["outlet"] or "?" for a in r["articles"]})
        dates = " → ".join(d for d in dict.fromkeys((r["first_date"], r["last_date"])) if d) or "—"
        table.add_row(r["id"][:10], r["title"] or "—", ", ".join(outlets), str(r["size"]), dates,
                      "" if r["storyline"] == r["id"] else r["storyline"][:10])
    out.print(table)
    if hidden:
        err.print(f"{hidden} more stories not shown; page with --offset {offset + len(data)} or use --limit / "
                  f"--format json (every story)", highlight=False)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id (or a unique prefix of one).")],
    db: DbOption = "claimdiff.db",
    format: Annotated[StoryFormat, typer.Option("--format", "-f", help="Output format.")] = StoryFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here.")] = None,
    only: OnlyOption = None,
) -> None:
    """Compare how the outlets of one stored story report it (as `compare` does)."""
    from .corpus import story_comparison
    from .report import render

    with _open_store(db) as store:
        comparison = story_comparison(store, story_id)
    if format is StoryFormat.table and output is None:
        out.print(terminal_table(comparison, only.value if only else None))
        return
    _write(render(comparison, "md" if format is StoryFormat.table else format.value), output)


@app.command()
def timeline(
    query: Annotated[str, typer.Argument(
        help='A measure or counted object: "death toll", "evacuated", "containers", "152mm shells".')],
    db: DbOption = "claimdiff.db",
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = TimelineFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the timeline here.")] = None,
    story: Annotated[Optional[str], typer.Option("--story", help="Only figures from this story (an ID from `stories`).")] = None,
) -> None:
    """Follow an estimate over time: every statement of it, who gave it, who carried it; one
    series per measure ("people killed · Valencia"), with outlets that disagree marked."""
    from .corpus import timeline as run_timeline
    from .report.timeline import render_timeline

    with _open_store(db) as store:
        entries = run_timeline(store, query, story=story)
    if format is TimelineFormat.table and output is None:
        _print_timeline(query, entries)
        return
    _write(render_timeline(entries, query, format.value), output)


def _print_timeline(query: str, entries: list[TimelineEntry]) -> None:
    """The terminal form of a timeline: one table per series."""
    from itertools import groupby

    from rich.text import Text

    for series, group in groupby(entries, key=lambda e: e.series):
        rows = list(group)
        table = Table(title=f"{series or query}: {len(rows)} statements")
        for column in ("date", "figure", "speaker", "time scope", "outlets", "note"):
            table.add_column(column, overflow="fold")
        for e in rows:
            notes = (["outlets disagree"] if e.disputed else []) + (
                [f"differs from {', '.join(e.disagrees_with)}"] if e.disagrees else [])
            table.add_row(f"{e.date or '—'}{'' if e.date_source == 'statement' else '*'}",
                          f"{QUALIFIER_WORDS.get(e.qualifier or '', '')} {_figure(e.value, e.value_max, e.unit)} "
                          f"{e.object or ''}".strip(),
                          e.speaker or "(outlet)", e.time_scope or "", f"{', '.join(e.outlets)} ({e.independent} independent)",
                          Text("; ".join(notes), style="red"))
        out.print(table)
    if not entries:
        out.print(f"{query}: 0 statements")
    err.print("* date of the article; the text gives no date for the statement")


def _figure(value: float | None, value_max: float | None, unit: str | None) -> str:
    """A figure for a terminal cell."""
    from .report._common import format_number

    if value is None:
        return "(vague)"
    text = format_number(value) + (f"–{format_number(value_max)}" if value_max is not None else "")
    return f"{text} {unit}" if unit else text


@app.command()
def sources(
    story_id: Annotated[str, typer.Argument(metavar="STORY", help="A story id (or a unique prefix of one).")],
    db: DbOption = "claimdiff.db",
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """Show who cites whom in a story, and which outlet carried each fact first."""
    import json

    from .corpus import story_sources
    from .model import to_dict

    with _open_store(db) as store:
        graph = story_sources(store, story_id)
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(to_dict(graph), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return
    labels = {n["id"]: n["label"] for n in graph.nodes}
    table = Table(title="citations: outlet → relay → speaker")
    for column in ("from", "to", "claims"):
        table.add_column(column, overflow="fold")
    for e in graph.edges:
        table.add_row(labels[e["source"]], labels[e["target"]], str(e["claims"]))
    out.print(table)
    first = Table(title="first carried by")
    for column in ("fact", "status", "first", "published", "outlets", "independent"):
        first.add_column(column, overflow="fold")
    shared = [f for f in graph.first if f["outlets"] > 1]  # a fact one outlet has was first there by definition
    for f in shared:
        first.add_row(f["label"], f["status"], f["outlet"], f["published"] or "—", str(f["outlets"]), str(f["independent"]))
    if len(shared) < len(graph.first):
        first.caption = f"not listed: {len(graph.first) - len(shared)} carried by one outlet only"
    out.print(first)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or parquet.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="A file (jsonl, csv) or folder (parquet).")],
    db: DbOption = "claimdiff.db",
) -> None:
    """Export the corpus: articles, claims and alignments (one file each, or one JSONL)."""
    from .export import export_corpus

    with _open_store(db) as store:
        try:
            written = export_corpus(store, format.value, output)
        except OSError as exc:
            raise _output_error(output, exc) from exc
    for path, rows in written:
        err.print(f"wrote {rows} rows to {path}")


@app.command()
def serve(
    db: DbOption = "claimdiff.db",
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8765,
    token: Annotated[
        Optional[str], typer.Option(envvar="CLAIMDIFF_TOKEN", help="Access token required from every client.")
    ] = None,
) -> None:
    """Start the local web app: browse stories, compare outlets, follow an estimate."""
    from .errors import StoreError
    from .web.serve import serve as run_server

    if "://" not in db and db != ":memory:":
        path = Path(db)
        if not path.parent.is_dir():
            raise StoreError(f"no folder {path.parent} for the corpus {db}; create it or pass another --db")
        if not path.exists():
            err.print(f"no corpus at {db} yet: starting an empty one (add articles on the Add page "
                      "or with `claimdiff ingest`)")

    run_server(db, host, port, token)


@app.command()
def version() -> None:
    """Print the claimdiff version."""
    out.print(f"claimdiff {__version__}")


def main() -> None:
    """Run the CLI: every failure is one line on stderr with a stable code and a non-zero
    exit (2 for a usage error, 3 when nothing could be done, 130 when interrupted)."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # click's usage errors, as Typer raises them
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:  # bare `claimdiff CMD`
            out.print(ctx.get_help())
            sys.exit(EXIT_USAGE)
        where = f"; see `{ctx.command_path} --help`" if ctx is not None else ""
        err.print(_styled("error", "red", f" [{ConfigError.code}] {exc.format_message().rstrip('.')}{where}"))
        sys.exit(getattr(exc, "exit_code", EXIT_USAGE) or EXIT_USAGE)
    except ClaimdiffError as exc:
        err.print(_styled("error", "red", f" {exc}"))
        sys.exit(EXIT_NOTHING)
    except (KeyboardInterrupt, typer.Abort):
        err.print("interrupted; what was stored so far is kept")
        sys.exit(130)
    except BrokenPipeError:  # `claimdiff … | head`: the reader left; nothing to report
        sys.stderr.close()
        sys.exit(EXIT_OK)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
