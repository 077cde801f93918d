"""The command line on hostile and unlucky input: article text is never read as Rich
markup, help text keeps its brackets, output failures and bad options are one-line
errors with a code, and CSV exports never carry a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest

from claimdiff import cli

pytestmark = pytest.mark.model

HOSTILE_TITLE = "A [/x] b [link=http://evil.example]click[/link] [video] :smile:"


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """Run ``claimdiff ARGS`` through ``main`` (as the installed script does)."""
    monkeypatch.setattr(sys, "argv", ["claimdiff", *args])
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


def _articles(folder: Path) -> list[str]:
    a = folder / "a.txt"
    a.write_text(f"Title: {HOSTILE_TITLE}\nOutlet: Wire [bold]X\nDate: 2024-02-26\n\n"
                 "The minister said about 6,700 containers were shipped since August.\n", encoding="utf-8")
    b = folder / "b.txt"
    b.write_text("Title: =HYPERLINK(\"http://evil.example\")\nOutlet: +Paper\nDate: 2024-02-27\n\n"
                 "=SUM(A1) The ministry said more than 6,700 containers were shipped since August.\n",
                 encoding="utf-8")
    return [str(a), str(b)]


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> str:
    db = str(tmp_path / "c.db")
    code, _, err = _run(monkeypatch, capsys, "ingest", *_articles(tmp_path), "--db", db)
    assert code == 0, err
    return db


def test_article_text_is_never_markup(corpus: str, monkeypatch, capsys) -> None:
    code, out, _ = _run(monkeypatch, capsys, "stories", "--db", corpus)
    assert code == 0
    flat = "".join(out.split())
    assert "[/x]" in flat and "[video]" in flat and ":smile:" in flat and "[bold]X" in flat
    assert "\x1b]8;" not in out  # no terminal hyperlink
    story = json.loads(_run(monkeypatch, capsys, "stories", "--db", corpus, "-f", "json")[1])[0]["id"]
    for args in (["story", story], ["sources", story], ["timeline", "containers"]):
        code, out, err = _run(monkeypatch, capsys, *args, "--db", corpus)
        assert code == 0, (args, err)
        assert "Traceback" not in err and "MarkupError" not in err
        assert "[bold]X" in "".join(out.split()), args


def test_compare_table_prints_brackets(tmp_path: Path, monkeypatch, capsys) -> None:
    code, out, err = _run(monkeypatch, capsys, "compare", *_articles(tmp_path))
    assert code == 0, err
    assert "[bold]X" in "".join(out.split())


def test_help_text_keeps_its_brackets(monkeypatch, capsys) -> None:
    code, out, _ = _run(monkeypatch, capsys, "ingest", "--help")
    assert code == 0
    assert "[embed]" in out


@pytest.mark.parametrize("target", ["folder", "full", "unwritable"])
def test_output_failures_are_one_line(target: str, tmp_path: Path, monkeypatch, capsys) -> None:
    inputs = _articles(tmp_path)
    if target == "folder":
        output = str(tmp_path)
    elif target == "full":
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full here")
        output = "/dev/full"
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        if os.access(locked, os.W_OK):  # root ignores permissions: use a path under a file
            output = str(Path(inputs[0]) / "report.md")
        else:
            output = str(locked / "report.md")
    code, _, err = _run(monkeypatch, capsys, "compare", *inputs, "-f", "md", "-o", output)
    assert code == cli.EXIT_NOTHING
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "[CD500]" in lines[0] and output in lines[0], err


def test_serve_refuses_a_bad_port_and_a_missing_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    code, _, err = _run(monkeypatch, capsys, "serve", "--port", "99999")
    assert code == cli.EXIT_USAGE and "Traceback" not in err and "--port" in err
    code, _, err = _run(monkeypatch, capsys, "serve", "--db", str(tmp_path / "nodir" / "x.db"))
    assert code == cli.EXIT_NOTHING and "[CD300]" in err and "nodir" in err
    assert not (tmp_path / "nodir").exists()


def test_csv_export_defuses_formulas(corpus: str, tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "csv"
    code, _, err = _run(monkeypatch, capsys, "export", "--format", "csv", "-o", str(folder), "--db", corpus)
    assert code == 0, err
    cells = [cell for path in sorted(folder.glob("*.csv"))
             for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_export_to_a_file_where_a_folder_is_needed(corpus: str, tmp_path: Path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = _run(monkeypatch, capsys, "export", "--format", "csv", "-o", str(blocker), "--db", corpus)
    assert code == cli.EXIT_NOTHING and "[CD500]" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [["bogus"], ["compare"], ["compare", "--format", "xx", "a.txt"], ["timeline"],
                                  ["serve", "--port", "0"]])
def test_usage_errors_are_one_line_with_a_code(args: list[str], monkeypatch, capsys) -> None:
    code, _, err = _run(monkeypatch, capsys, *args)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == cli.EXIT_USAGE
    assert len(lines) == 1 and lines[0].startswith("error [CD400]") and "--help" in lines[0], err
