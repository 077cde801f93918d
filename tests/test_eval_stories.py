"""Accuracy floor for story grouping on BASIL + NewsWCL50 + PAC (``eval/stories.py``).

Floors sit a few points under the measured figures; never lower them silently.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CLAIMDIFF_DATA", REPO.parent / "shared" / "data"))
NEEDED = (DATA / "basil" / "articles", DATA / "newswcl50" / "NewsWCL50.conll", DATA / "pac_partisan_events" / "dev.json")

#: B³ F1 floors (percent); measured 95.6 overall, 98.0 BASIL, 93.3 NewsWCL50, 90.3 PAC
#: (thresholds tuned on the dev part of the shared corpus ingested as a stream).
FLOORS = {"all": 93.0, "basil": 96.0, "newswcl50": 90.0, "pac": 86.0}

pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not all(path.exists() for path in NEEDED), reason=f"eval data not found under {DATA}"),
]


@pytest.fixture(scope="module")
def figures() -> dict:
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("eval_stories", REPO / "eval" / "stories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main([])


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_bcubed_f1_floor(figures: dict, dataset: str) -> None:
    """B³ F1 of ``group()`` stays above its floor."""
    assert figures["ours"][dataset]["f1"] >= FLOORS[dataset]


def test_beats_the_undated_tfidf_baseline(figures: dict) -> None:
    """Incremental grouping is better than TF-IDF agglomerative clustering without dates."""
    assert figures["ours"]["all"]["f1"] > figures["baseline_undated"]["all"]["f1"]


@pytest.mark.xfail(strict=True, reason="gap: given the same dates (a tuned window), whole-corpus TF-IDF average "
                   "link scores 96.5 on these loaders against 95.6 for incremental grouping (issue 10)")
def test_beats_the_dated_tfidf_baseline(figures: dict) -> None:
    """Given the same dates, incremental grouping should beat the TF-IDF baseline too."""
    assert figures["ours"]["all"]["f1"] > figures["baseline"]["all"]["f1"]
