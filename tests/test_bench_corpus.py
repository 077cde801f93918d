"""The synthetic bench corpus generator (bench/corpus.py): fast, deterministic, well-formed."""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "corpus.py"
FIELDS = ("id", "title", "outlet", "published", "url", "author", "text")


corpus = load_script(SCRIPT, "bench_corpus")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(corpus.generate(80, 7))


def _story(rec: dict) -> str:
    return rec["id"].rsplit("-", 1)[0]


def test_n_records_and_unique_ids(records):
    assert len(records) == 80
    assert len({r["id"] for r in records}) == 80
    for n in (0, 1, 2, 3, 7, 13):
        assert len(list(corpus.generate(n, 1))) == n


def test_deterministic_for_a_seed(records):
    again = list(corpus.generate(80, 7))
    assert again == records
    other = list(corpus.generate(80, 8))
    assert [r["text"] for r in other] != [r["text"] for r in records]


def test_prefix_is_stable():
    """The first records do not depend on how many are asked for."""
    small = list(corpus.generate(20, 3))
    big = list(corpus.generate(40, 3))
    last = _story(small[-1])
    head = [r for r in small if _story(r) != last]
    assert head and big[: len(head)] == head


def test_required_fields(records):
    for r in records:
        assert set(FIELDS) <= set(r)
        for f in FIELDS:
            assert isinstance(r[f], str) and r[f].strip(), (r["id"], f)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"])
        assert r["url"].startswith("https://") and ".example/" in r["url"]
        json.dumps(r)


def test_word_counts_in_range(records):
    for r in records:
        n = len(r["text"].split())
        assert corpus.MIN_WORDS <= n <= corpus.MAX_WORDS, (r["id"], n)


def test_several_outlets_per_story(records):
    by = collections.defaultdict(list)
    for r in records:
        by[_story(r)].append(r)
    assert 80 / 6 <= len(by) <= 80 / 2
    for recs in by.values():
        outlets = {r["outlet"] for r in recs}
        assert 2 <= len(recs) <= 6
        assert len(outlets) == len(recs)
    assert len({r["outlet"] for r in records}) >= 20


def test_phenomena_present(records):
    text = "\n".join(r["text"] for r in records)
    for pat in [r"\(Photo: [^)]+/ [^)]+\)", r"Read more:|• ", r"(did not|has) (immediately )?"
                r"(respond|reached out|contacted)", r"\b(about|more than|nearly|at least|up to)\b",
                r"\d{1,3}(,\d{3})+", r"\bmillion\b", r"percent|per cent|%", r"\$\d",
                r"\b(tonnes|metric tons|tons)\b", r"\b(km|kilometres|kilometers)\b",
                r"\bsince (January|February|March|April|May|June|July|August|September|"
                r"October|November|December|the)\b", r"\bas of\b",
                r"\b(could|may|likely|believed)\b", r"reported, citing|, [A-Z][\w ]+ reported\.",
                r'"[^"]+," [^.]*said', r"\b(He|She) (added|said)\b", r"\bdenied\b",
                r"speaking on condition of anonymity", r" (and|or) [\d$]"]:
        assert re.search(pat, text), pat


def test_syndicated_copy_exists():
    recs = list(corpus.generate(300, 7))
    marks = ("was provided by", "Republished with permission", "Additional reporting by")
    assert any(any(m in r["text"] for m in marks) for r in recs)


def test_cli_writes_jsonl(tmp_path):
    out = tmp_path / "b.jsonl"
    subprocess.run([sys.executable, str(SCRIPT), "--n", "9", "--seed", "7", "--out", str(out)],
                   check=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == list(corpus.generate(9, 7))
