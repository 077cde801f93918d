"""Accuracy floor for story grouping on BASIL + NewsWCL50 + PAC (``eval/stories.py``).

Floors sit a few points under the measured figures; never lower them silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import load_script

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CLAIMDIFF_DATA", REPO.parent / "shared" / "data"))
NEEDED = (DATA / "basil" / "articles", DATA / "newswcl50" / "NewsWCL50.conll", DATA / "pac_partisan_events" / "dev.json")

#: B³ F1 floors (percent); measured 97.2 overall, 99.6 BASIL, 90.4 NewsWCL50, 93.8 PAC
#: (thresholds tuned on the dev part of the shared corpus ingested as a stream). The
#: NewsWCL50 floor went from 90 to 87 when stories began to be joined on the mean
#: likeness to their members (issue 10): on these loaders that splits one more of its
#: events (93.3 → 90.4), while on the CLI path it stops two events merging (88.9 → 94.7).
#: PAC (86 → 90) and overall (93 → 94) rose with the same-day pair step (90.2 → 93.8).
FLOORS = {"all": 94.0, "basil": 96.0, "newswcl50": 87.0, "pac": 90.0}

pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not all(path.exists() for path in NEEDED), reason=f"eval data not found under {DATA}"),
]


@pytest.fixture(scope="module")
def figures() -> dict:
    pytest.importorskip("sklearn")
    return load_script(REPO / "eval" / "stories.py", "eval_stories").main([])


@pytest.mark.parametrize("dataset", sorted(FLOORS))
def test_bcubed_f1_floor(figures: dict, dataset: str) -> None:
    """B³ F1 of ``group()`` stays above its floor."""
    assert figures["ours"][dataset]["f1"] >= FLOORS[dataset]


def test_beats_the_undated_tfidf_baseline(figures: dict) -> None:
    """Incremental grouping is better than TF-IDF agglomerative clustering without dates."""
    assert figures["ours"]["all"]["f1"] > figures["baseline_undated"]["all"]["f1"]


def test_beats_the_dated_tfidf_baseline(figures: dict) -> None:
    """Given the same dates, incremental grouping beats the TF-IDF baseline too (97.2 to
    96.5 on these loaders since the same-day pair step; an xfail before it, 96.0)."""
    assert figures["ours"]["all"]["f1"] > figures["baseline"]["all"]["f1"]
