"""The extraction word lists live in data files under claimdiff/lexicons/, loaded once."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from claimdiff.extract import timescope
from claimdiff.extract.hedges import find_hedges
from claimdiff.extract.lexicon import label_map, load_json, load_jsonl, months
from claimdiff.extract.quantities import QUALIFIER_FORMS, UNIT_FORMS, find_quantities
from claimdiff.extract.quantities import lexicon as qlex

LEXICONS = resources.files("claimdiff") / "lexicons"


@pytest.mark.parametrize("name", sorted(p.name for p in LEXICONS.iterdir() if p.name.endswith((".json", ".jsonl"))))
def test_every_data_file_parses(name: str) -> None:
    text = (LEXICONS / name).read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        assert rows and all(isinstance(r.get("label"), str) and isinstance(r.get("pattern"), str) for r in rows)
    else:
        assert json.loads(text)


def test_loaded_once() -> None:
    assert load_jsonl("units.jsonl") is load_jsonl("units.jsonl")
    assert load_json("numbers.json") is load_json("numbers.json")


def test_one_month_list_for_quantities_and_time_scopes() -> None:
    assert set(timescope.MONTHS) == set(qlex.MONTHS) == set(months())
    assert months()["sept"] == 9
    # the time-scope pattern is built from the same list: every name and abbreviation resolves
    pattern = re.compile(timescope._MONTH + r"$", re.I)
    for name in months():
        assert pattern.match(name.capitalize()), name
        assert timescope._month_number(name.capitalize()) == months()[name]


def test_tables_come_from_the_files() -> None:
    assert QUALIFIER_FORMS == label_map("qualifiers.jsonl")
    assert UNIT_FORMS["per cent"] == "percent"
    assert qlex.CASE_EXACT["c"] == frozenset({"C"})
    assert "c" in qlex.GLUED_ONLY


def test_qualifiers_from_the_file_are_read() -> None:
    assert find_quantities("roughly 40 boats")[0].qualifier == "approx"
    assert find_quantities("no fewer than 40 boats")[0].qualifier == "at_least"


def test_hedges_come_from_the_file() -> None:
    patterns = {row["pattern"] for row in load_jsonl("hedges.jsonl")}
    assert "reportedly" in patterns
    assert find_hedges("The dam reportedly holds 3 million litres.") == ("reportedly",)
