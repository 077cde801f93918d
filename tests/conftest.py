"""Shared fixtures: the spaCy model (loaded once), paths to fixtures, seeds and data,
and the ``--update-golden`` switch for golden files."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (a red CI run is reproducible, never
# a dice roll); `HYPOTHESIS_PROFILE=explore make test` draws new ones to look for bugs,
# and a failure found so is pinned with an @example.
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

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


def load_script(path: Path, name: str) -> ModuleType:
    """A script of bench/ or eval/ (not a package) imported as module ``name``; it is
    registered in ``sys.modules`` first, since dataclasses look their module up by name."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def check_golden(name: str, actual: str, update: bool) -> None:
    """Compare ``actual`` with tests/golden/<name>, or rewrite it under --update-golden."""
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {name} was missing and has been written; check it and re-run")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}; run pytest --update-golden if intended"


def _start_postgres(base: Path) -> str | None:
    """Start a throwaway PostgreSQL server on loopback; return its URL, or None when the
    server binaries are not installed (``make test`` installs them)."""
    import shutil
    import socket
    import subprocess

    initdb = shutil.which("initdb") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None)
    if not initdb:
        return None
    bindir = Path(initdb).parent
    data = base / "pgdata"
    data.mkdir(parents=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    prefix: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        subprocess.run(["chown", "-R", "postgres", str(base)], check=True)
        prefix = ["runuser", "-u", "postgres", "--"]
    subprocess.run(prefix + [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "pg.log"), "-w", "-o",
                             f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server for the session (CLAIMDIFF_TEST_PG, or one started here)."""
    import subprocess

    url = os.environ.get("CLAIMDIFF_TEST_PG")
    if url:
        yield url
        return
    import shutil
    import tempfile

    # Not under pytest's private temp dir: the server runs as another user and must reach it.
    base = Path(tempfile.mkdtemp(prefix="claimdiff-pg-"))
    base.chmod(0o755)
    try:
        url = _start_postgres(base)
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.fail(f"could not start PostgreSQL for the store tests: {exc}")
    if url is None:
        pytest.skip("PostgreSQL server binaries are not installed (make test installs them)")
    yield url
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    bindir = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
    pg_ctl = str(bindir / "pg_ctl") if bindir else "pg_ctl"
    subprocess.run(prefix + [pg_ctl, "-D", str(base / "pgdata"), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty Store on each backend (a fresh schema per test on PostgreSQL)."""
    from claimdiff.store import Store

    if request.param == "sqlite":
        s = Store.open(tmp_path / "test.db")
        yield s
        s.close()
        return
    pytest.importorskip("psycopg")
    import uuid

    import psycopg

    url = request.getfixturevalue("postgres_url")
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    s = Store.open(f"{url}{sep}options=-csearch_path%3D{schema}")
    yield s
    s.close()
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
