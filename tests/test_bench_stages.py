"""bench/stages.py: the counts it reports are consistent and it times every pipe.

Only counts and names are checked here; the seconds it prints are never asserted."""

from __future__ import annotations

from pathlib import Path

from claimdiff.model import Article

from .conftest import load_script

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "stages.py"


stages = load_script(SCRIPT, "bench_stages")

WIRE = ("The harbour authority said 4,200 containers were stranded on Monday. "
        "Crews worked through the night. Officials expect the backlog to clear by Friday.")
REWRITE = ("The harbour authority said 4,200 containers were stranded on Monday. "
           "Crews worked through the night. A spokesman said 300 workers were called in.")


def test_sentence_counts_see_repeats_and_the_prefilter() -> None:
    articles = [Article(source="wire.txt", text=WIRE), Article(source="rewrite.txt", text=REWRITE)]
    counts = stages.sentence_counts(articles)
    assert counts["all"] == 6
    assert counts["distinct"] == 4  # two sentences are repeated word for word
    assert counts["candidates"] < counts["all"]  # "Crews worked through the night." holds no claim
    assert counts["distinct candidates"] < counts["candidates"]
    assert counts["distinct candidates"] <= counts["distinct"]


def test_every_pipe_is_timed() -> None:
    from claimdiff.pipeline import load_nlp

    nlp = load_nlp()
    seconds = stages.pipes([Article(source="wire.txt", text=WIRE)], nlp)
    assert list(seconds) == ["tokenizer", *nlp.pipe_names]
    assert all(value >= 0 for value in seconds.values())
