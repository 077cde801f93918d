"""The measure of a figure (event + object + place) and timelines keyed on it."""

from __future__ import annotations

import json

import pytest

from claimdiff.errors import StoreError
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.corpus import ingest, timeline
from claimdiff.extract.quantities import find_quantities, measure_query
from claimdiff.store import Store

from .conftest import FIXTURES

FLOODS = FIXTURES / "floods"


def _measures(nlp, text: str) -> list[str | None]:
    return [q.measure for q in find_quantities(text, tokens=nlp(text)[:])]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("At least 41 people were killed in Corvale on Tuesday, the agency said.", "people killed · Corvale"),
        ("The death toll from the floods in Corvale rose to 58, officials said.", "people killed · Corvale"),
        ("Officials put the toll at 63.", "people killed"),
        ("The ministry recorded 17 fatalities.", "people killed"),
        ("The blaze destroyed more than 400 homes in Lahaina, the county said.", "homes destroyed · Lahaina"),
        ("More than 2.1 million votes were cast in Ohio.", "votes cast · Ohio"),
        ("About 3,000 residents were forced from their homes.", "people displaced"),
        ("Troops evacuated 3,500 villagers near Kaduna.", "people displaced · Kaduna"),
        ("Rescuers said 12 people remain missing in Corvale.", "people missing · Corvale"),
        ("Nine hikers were found dead near Braemoor.", "hikers killed · Braemoor"),
        # what is searched for is missing, whatever else the clause says of it
        ("Divers were searching for up to 14 people who may have been swept off the pier.", "people missing"),
        ("Volunteers looked for 30 climbers near Braemoor.", "climbers missing · Braemoor"),
    ],
)
def test_measure_from_the_governing_verb_and_its_arguments(nlp, text: str, measure: str) -> None:
    assert _measures(nlp, text) == [measure]


@pytest.mark.model
def test_each_figure_gets_its_own_event(nlp) -> None:
    assert _measures(nlp, "The storm killed 12 and injured 40 in Jamaica.") == [
        "people killed", "people injured · Jamaica"]


@pytest.mark.model
@pytest.mark.parametrize("text", ["Shares rose 3% to $45.", "The tower is 300 metres tall.",
                                  "The grant of $2 million was approved."])
def test_no_measure_for_units_without_a_counted_event(nlp, text: str) -> None:
    assert set(_measures(nlp, text)) == {None}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The hotel has 120 rooms.", "rooms"),  # a counted object with no event is its own measure
        ("The ferry line shipped 900 cars to the island.", "cars delivered"),
        ("The firm sent 900 cars to the island.", "cars delivered"),  # verbs of transfer fold
        ("Dockers said the trucks could be carrying 300 crates.", "crates carried"),
        ("The vaults held 2,000 paintings in Geneva.", "paintings held · Geneva"),
        ("The army said it fired 4,000 projectiles overnight.", "shells fired"),
    ],
)
def test_events_objects_and_participles(nlp, text: str, measure: str) -> None:
    assert _measures(nlp, text) == [measure]


def test_measure_without_a_parse_comes_from_nouns_only() -> None:
    assert [q.measure for q in find_quantities("There were 158 deaths in the region.")] == ["people killed"]
    assert [q.measure for q in find_quantities("At least 41 people were killed.")] == [None]


@pytest.mark.parametrize(
    ("query", "measure"),
    [("death toll", "people killed"), ("Deaths", "people killed"), ("killed", "people killed"),
     ("fatalities", "people killed"), ("evacuated", "people displaced"), ("evacuees", "people displaced"),
     ("displaced", "people displaced"), ("homes destroyed", "homes destroyed"), ("containers", "containers")],
)
def test_timeline_queries_fold_synonyms(query: str, measure: str) -> None:
    assert measure_query(query) == measure


@pytest.mark.model
def test_death_toll_timeline_one_series_per_place(store: Store, nlp) -> None:
    ingest([str(FLOODS)], store, nlp)
    entries = timeline(store, "death toll")
    series: dict[str, list] = {}
    for e in entries:
        series.setdefault(e.series, []).append(e)
    assert set(series) == {"people killed · Corvale", "people killed · Marenza"}
    assert [(e.date, e.value) for e in series["people killed · Corvale"]] == [
        ("2026-03-10", 41), ("2026-03-10", 44), ("2026-03-11", 58), ("2026-03-12", 63)]
    assert [e.value for e in series["people killed · Marenza"]] == [6, 9]
    # two outlets give the agency's toll of one day differently; a revision a day later is no disagreement
    day_one = series["people killed · Corvale"][:2]
    assert all(e.disagrees for e in day_one)
    assert day_one[0].disagrees_with == ("Valley Ledger",)
    assert not any(e.disagrees for e in series["people killed · Corvale"][2:])
    assert [e.value for e in timeline(store, "evacuated")] == [3000]


@pytest.mark.model
def test_timeline_story_filter(store: Store, nlp) -> None:
    ingest([str(FLOODS)], store, nlp)
    (story,) = store.stories()
    assert len(timeline(store, "death toll", story=story.id)) == 6
    assert len(timeline(store, "death toll", story=story.id[:8])) == 6  # a prefix is enough, as for `story`
    with pytest.raises(StoreError):
        timeline(store, "death toll", story="no-such-story")


@pytest.mark.model
def test_timeline_cli_story_flag_and_json(tmp_path, nlp) -> None:
    db = str(tmp_path / "floods.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(FLOODS), "--db", db]).exit_code == 0
    story = json.loads(runner.invoke(app, ["stories", "--db", db, "--format", "json"]).stdout)
    story_id = (story[0] if isinstance(story, list) else story["stories"][0])["id"]
    result = runner.invoke(app, ["timeline", "death toll", "--db", db, "--story", story_id, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["measure"] for r in rows} == {"people killed · Corvale", "people killed · Marenza"}
    table = runner.invoke(app, ["timeline", "death toll", "--db", db])
    assert "people killed · Corvale" in table.stdout and "differs" in table.stdout


@pytest.mark.model
def test_a_bare_counted_object_joins_its_one_event_series(store: Store, nlp, tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Title: Port traffic\nDate: 2026-04-01\nOutlet: Dock Daily\n\n"
                                    "The terminal's count stood at 300 containers, the port authority said.\n")
    (tmp_path / "b.txt").write_text("Title: Port traffic grows\nDate: 2026-04-08\nOutlet: Baltic Wire\n\n"
                                    "The line shipped 320 containers last week, the port authority said.\n")
    ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store, nlp)
    entries = timeline(store, "containers")
    assert {e.measure for e in entries} == {"containers", "containers delivered"}
    assert {e.series for e in entries} == {"containers delivered"}
    assert [e.value for e in entries] == [300, 320]
