"""The terminal reports of a stored story: ``sources`` lists only facts outlets share;
``story --only`` keeps one status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli_hardening import _run

pytestmark = pytest.mark.model


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> str:
    a = tmp_path / "a.txt"
    a.write_text("Title: Containers shipped\nOutlet: Wire One\nDate: 2024-02-26\n\n"
                 "The minister said about 6,700 containers were shipped since August. "
                 "The port authority said 40 cranes stood idle on Monday.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Title: Containers shipped north\nOutlet: Paper Two\nDate: 2024-02-27\n\n"
                 "The minister said more than 6,700 containers were shipped since August.\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    code, _, err = _run(monkeypatch, capsys, "ingest", str(a), str(b), "--db", db)
    assert code == 0, err
    return db


def test_sources_lists_only_facts_outlets_share(corpus, monkeypatch, capsys) -> None:
    story = json.loads(_run(monkeypatch, capsys, "stories", "--db", corpus, "-f", "json")[1])[0]["id"]
    code, out, err = _run(monkeypatch, capsys, "sources", story, "--db", corpus)
    assert code == 0, err
    first = out[out.index("first carried by"):]
    assert "6,700" in first and "40 cranes" not in first and "carried by one outlet only" in first


def test_story_only_keeps_one_status(corpus, monkeypatch, capsys) -> None:
    story = json.loads(_run(monkeypatch, capsys, "stories", "--db", corpus, "-f", "json")[1])[0]["id"]
    code, out, err = _run(monkeypatch, capsys, "story", story, "--db", corpus, "--only", "unique")
    assert code == 0, err
    assert "cranes" in out and "6,700" not in out
    code, out, err = _run(monkeypatch, capsys, "story", story, "--db", corpus, "--only", "differ")
    assert code == 0, err
    assert "6,700" in out and "cranes" not in out
