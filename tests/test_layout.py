"""The layout rules of issue 13, asserted so that they stay true.

- No ``.py`` file over 600 lines and no function over 60 lines under ``src/`` (data files
  are not Python and do not count).
- No module imports another package's private (``_name``) helper. Modules of one
  sub-package (``extract/quantities/*``) share package-private helpers among themselves;
  top-level modules of ``claimdiff`` are each a stage of their own, so a private import
  between two of them counts as crossing.
- Every data file (``.jsonl``, ``.json``, ``.txt``) under ``src/claimdiff`` loads, each
  JSONL line is an object with the keys its loader reads, regex patterns compile, and the
  file is shipped: a ``[tool.setuptools.package-data]`` glob of ``pyproject.toml`` covers it.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "claimdiff"
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 60

#: Private names that may be imported across packages: none today. Make a helper public
#: (or move it beside its only user) rather than adding an entry.
ALLOWED_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()

#: Keys each JSONL data file's loader reads from every line.
JSONL_KEYS = {"measures.jsonl": {"label", "pattern", "kind"}}
DEFAULT_JSONL_KEYS = {"label", "pattern"}
#: JSONL files whose patterns are regular expressions (the others hold words and phrases).
REGEX_FILES = {"clean/data/boilerplate.jsonl", "clean/data/captions.jsonl", "report/data/trivial.jsonl"}


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _data_files() -> list[Path]:
    return sorted(p for ext in ("*.jsonl", "*.json", "*.txt") for p in PACKAGE.rglob(ext))


def _relative(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _module_name(path: Path) -> tuple[str, str]:
    """``(module, package)`` dotted names of a source file."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _imported_module(node: ast.ImportFrom, package: str) -> str:
    """The absolute dotted name ``from … import`` reads from."""
    if not node.level:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private_imports(path: Path) -> list[tuple[str, str, str]]:
    """``(file, module, name)`` for each private name imported from another package."""
    module, package = _module_name(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = _imported_module(node, package)
        source_package = source.rpartition(".")[0]
        # Siblings inside one sub-package may share helpers; the top-level package may not.
        same_package = source_package == package and package != "claimdiff" and source != module
        for alias in node.names:
            private = alias.name.startswith("_") and not alias.name.startswith("__")
            if private and not same_package:
                found.append((_relative(path), source, alias.name))
    return found


def test_no_python_file_is_over_600_lines():
    long = {_relative(p): n for p in _python_files() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert not long, f"files over {MAX_FILE_LINES} lines: {long}"


def test_no_function_is_over_60_lines():
    long = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{_relative(path)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_no_private_helper_is_imported_across_packages():
    found = {item for path in _python_files() for item in _private_imports(path)}
    assert found - ALLOWED_PRIVATE_IMPORTS == set(), "private helpers imported across packages"
    stale = ALLOWED_PRIVATE_IMPORTS - found
    assert not stale, f"allow-list entries no longer needed (remove them): {sorted(stale)}"


def test_the_private_import_check_sees_a_crossing(tmp_path, monkeypatch):
    """The checker itself: a top-level module importing another's private name is caught,
    and sibling modules of one sub-package are not."""
    package = tmp_path / "claimdiff"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("from .b import _helper\nfrom .sub.c import _other\n")
    (package / "sub" / "d.py").write_text("from .c import _shared\nfrom ..b import _crossing\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    assert _private_imports(package / "a.py") == [
        ("claimdiff/a.py", "claimdiff.b", "_helper"), ("claimdiff/a.py", "claimdiff.sub.c", "_other")]
    assert _private_imports(package / "sub" / "d.py") == [("claimdiff/sub/d.py", "claimdiff.b", "_crossing")]


def _package_globs() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["package-data"]["claimdiff"]


def _shipped(relative: PurePosixPath, globs: list[str]) -> bool:
    """True when one glob (``*`` within one path part) covers the file."""
    for glob in globs:
        parts = PurePosixPath(glob).parts
        if len(parts) == len(relative.parts) and all(map(fnmatchcase, relative.parts, parts)):
            return True
    return False


def test_data_files_exist():
    names = {p.name for p in _data_files()}
    assert {"boilerplate.jsonl", "cues.jsonl", "units.jsonl", "stopwords.txt", "months.json"} <= names


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_data_file_loads_and_is_shipped(path):
    relative = PurePosixPath(path.relative_to(PACKAGE).as_posix())
    assert _shipped(relative, _package_globs()), f"{relative} is not in pyproject.toml package-data"
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        assert json.loads(text), f"{relative} is empty"
    elif path.suffix == ".txt":
        words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
        assert words and all(w == w.lower() for w in words), f"{relative}: words, lower case"
    else:
        _check_jsonl(str(relative), text)


def _check_jsonl(relative: str, text: str) -> None:
    keys = JSONL_KEYS.get(PurePosixPath(relative).name, DEFAULT_JSONL_KEYS)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    assert lines, f"{relative} is empty"
    for number, line in lines:
        entry = json.loads(line)
        assert isinstance(entry, dict), f"{relative}:{number} is not an object"
        assert keys <= entry.keys(), f"{relative}:{number} lacks {sorted(keys - entry.keys())}"
        # A label may be empty where the kind says it all (measures.jsonl "neutral" verbs).
        assert isinstance(entry["label"], str), f"{relative}:{number} label"
        assert isinstance(entry["pattern"], str) and entry["pattern"], f"{relative}:{number} pattern"
        if relative in REGEX_FILES:
            re.compile(entry["pattern"])
