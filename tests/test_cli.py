"""The command line as a person uses it: every command documented, reports written,
bad input answered with one line naming the input and the right exit code."""

from __future__ import annotations

import json

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from claimdiff.cli import EXIT_NOTHING, EXIT_OK, EXIT_SKIPPED, app
from claimdiff.report import load_schema

from .conftest import FIXTURES, ROOT

runner = CliRunner()
DROUGHT = str(FIXTURES / "extract" / "drought.txt")
DROUGHT_B = str(FIXTURES / "extract" / "drought_b.txt")


def _commands() -> dict[str, click.Command]:
    return get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = _commands()[name]
    assert command.help and command.help.strip()
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert f"claimdiff {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.model
def test_compare_json_follows_the_schema(tmp_path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["compare", DROUGHT, DROUGHT_B, "--format", "json", "-o", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema())
    assert {a["outlet"] for a in data["articles"]} == {"Valley Courier", "Central Ledger"}
    assert any(al["status"] == "differ" for al in data["alignments"])


@pytest.mark.model
def test_compare_table_in_the_terminal() -> None:
    result = runner.invoke(app, ["compare", DROUGHT, DROUGHT_B])
    assert result.exit_code == EXIT_OK
    assert "differ" in result.stdout and "2,300 wells" in result.stdout


@pytest.mark.model
def test_html_report_is_one_file_with_every_claim(tmp_path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["compare", str(FIXTURES / "extract"), "-f", "html", "-o", str(out)])
    assert result.exit_code == EXIT_OK
    html = out.read_text(encoding="utf-8")
    assert html.count('class="claim') >= 8 and "<script src" not in html and "<link" not in html


@pytest.mark.model
def test_extract_jsonl_gives_one_line_per_document_with_its_id() -> None:
    result = runner.invoke(app, ["extract", str(FIXTURES / "articles" / "feed.jsonl")])
    assert result.exit_code == EXIT_SKIPPED  # the fixture has one malformed line
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3 and all(line["id"] for line in lines)
    assert all({"claims", "quantities", "text"} <= set(line) for line in lines)
    assert "line" in result.stderr and "feed.jsonl" in result.stderr


@pytest.mark.model
def test_extract_reads_stdin() -> None:
    text = "Title: Test\n\nThe mayor said about 1,200 homes lost power on Monday.\n"
    result = runner.invoke(app, ["extract", "-"], input=text)
    assert result.exit_code == EXIT_OK
    data = json.loads(result.stdout)
    (claim,) = data["claims"]
    assert claim["quantities"][0]["value"] == 1200 and claim["cue"] == "said"


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.txt", b"", "empty"),
        ("blob.txt", b"\x00\x01\x02binary\x00" * 50, "binary"),
        ("cut.html", b"<html><body><p>Half a para", "truncated"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, name: str, content: bytes, needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["compare", str(path)])
    assert result.exit_code == EXIT_NOTHING
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and needle in lines[0]


def test_missing_file_is_reported_not_raised(tmp_path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == EXIT_NOTHING
    assert "nope.txt" in result.stderr and "Traceback" not in result.output


@pytest.mark.model
def test_one_bad_file_among_good_ones_is_skipped(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 10)
    result = runner.invoke(app, ["compare", DROUGHT, str(bad), DROUGHT_B, "-f", "json"])
    assert result.exit_code == EXIT_SKIPPED
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 2 and data["skipped"][0]["source"].endswith("bad.txt")


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0 and "claimdiff" in result.stdout


def test_reading_a_corpus_that_does_not_exist_is_one_line(tmp_path) -> None:
    import subprocess
    import sys

    missing = tmp_path / "none.db"
    # Through the real entry point: main() turns claimdiff errors into one line.
    result = subprocess.run([sys.executable, "-m", "claimdiff", "stories", "--db", str(missing)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == EXIT_NOTHING
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no corpus at" in lines[0] and "claimdiff ingest" in lines[0]
    assert "Traceback" not in result.stderr and not missing.exists()
