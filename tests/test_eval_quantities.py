"""Accuracy floors for the quantity finder on NewsQuant and MeasEval (``eval/quantities.py``).

Floors sit a few points under the measured figures; never lower them silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import load_script

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("CLAIMDIFF_DATA", REPO.parent / "shared" / "data"))
NEWSQUANT = DATA / "newsquant_cqe" / "formatted_test_set" / "NewsQuant.json"

#: F1 floors; measured 93.9 / 85.7 / 85.8 / 63.9 (NewsQuant) and 72.7 (MeasEval spans).
#: value+change counts gold up/down against our ``change`` field (CQE's protocol); the older
#: figure that scores up/down gold as "=" (90.6) has its own floor.
NEWSQUANT_FLOORS = {"value": 91.0, "value+unit": 83.0, "value+change": 83.0, "value+concept": 61.0,
                    "value+change (up/down as =)": 88.0}
MEASEVAL_SPAN_F1_FLOOR = 70.0

pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not NEWSQUANT.exists(), reason=f"eval data not found under {DATA}"),
]


@pytest.fixture(scope="module")
def figures() -> dict:
    pytest.importorskip("spacy")
    module = load_script(REPO / "eval" / "quantities.py", "eval_quantities")
    try:
        return module.main([])
    except OSError as exc:  # model not installed
        pytest.skip(str(exc))


@pytest.mark.parametrize("metric", sorted(NEWSQUANT_FLOORS))
def test_newsquant_floor(figures: dict, metric: str) -> None:
    assert figures["newsquant"][metric]["F1"] >= NEWSQUANT_FLOORS[metric]


def test_measeval_floor(figures: dict) -> None:
    if figures["measeval"] is None:
        pytest.skip("MeasEval skipped")
    assert figures["measeval"]["span"]["F1"] >= MEASEVAL_SPAN_F1_FLOOR
