"""Shared fixtures: the spaCy model (loaded once), paths to fixtures, seeds and data,
and the ``--update-golden`` switch for golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden`` to rewrite golden files from current output."""
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline, loaded once per test session."""
    from claimdiff.pipeline import load_nlp

    return load_nlp()


def check_golden(name: str, actual: str, update: bool) -> None:
    """Compare ``actual`` with tests/golden/<name>, or rewrite it under --update-golden."""
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {name} was missing and has been written; check it and re-run")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}; run pytest --update-golden if intended"
