"""Speaker identity within an article (issue 9, item 2): roles, pronouns, surnames,
descriptions of bodies and documents resolve to the entity named earlier. Articles are
our own."""

from __future__ import annotations

import pytest

from claimdiff.extract import extract
from claimdiff.model import Article

pytestmark = pytest.mark.model


def speakers(nlp, text: str) -> list[tuple[str | None, str | None]]:  # noqa: ANN001 - spaCy Language
    """(name, role) of each non-narration claim's speaker, in order."""
    claims = extract(Article(source="t", text=text, outlet="Test"), nlp).claims
    return [(c.speaker.name, c.speaker.role) for c in claims if c.kind != "narration" and c.speaker]


def test_person_introduced_without_a_figure_is_found_by_he(nlp) -> None:
    text = ("Harbour Rovers won again on Saturday.\n\n"
            "Rovers boss Tom Keane was pleased with the clean sheet.\n\n"
            '"We have won 7 of the last 9," he said.')
    assert [name for name, _ in speakers(nlp, text)] == ["Tom Keane"]


def test_she_never_resolves_to_a_man(nlp) -> None:
    text = ("Spokesman Carl Benn said 40 flights were cancelled.\n\n"
            "Transport Secretary Ruth Alder said 12 trains were also stopped.\n\n"
            '"We expect 300 more delays," she said.')
    assert [name for name, _ in speakers(nlp, text)] == ["Carl Benn", "Ruth Alder", "Ruth Alder"]


def test_role_and_surname_resolve_to_the_named_person(nlp) -> None:
    text = ("Fisheries Minister Ana Duarte visited the port on Monday.\n\n"
            "The minister said 14 trawlers had been seized.\n\n"
            "Duarte said 3 more would be inspected.")
    found = speakers(nlp, text)
    assert [name for name, _ in found] == ["Ana Duarte", "Ana Duarte"]
    assert all(role and "Minister" in role for _, role in found)


def test_a_document_speaks_for_whoever_issued_it(nlp) -> None:
    text = ("The Coastal Weather Service has issued an amber warning for wind, which runs until 9pm.\n\n"
            "According to the warning, gusts of 70mph are expected.")
    assert speakers(nlp, text) == [("Coastal Weather Service", None)]


def test_spans_of_resolved_speakers_point_at_their_own_mention(nlp) -> None:
    text = ("Fisheries Minister Ana Duarte said 14 trawlers had been seized.\n\n"
            '"Another 3 are under watch," she said.')
    claims = extract(Article(source="t", text=text, outlet="Test"), nlp).claims
    mentions = [text[c.speaker.start:c.speaker.end] for c in claims if c.speaker and c.speaker.start is not None]
    assert mentions == ["Fisheries Minister Ana Duarte", "she"]


def test_he_is_the_person_just_introduced_as_subject(nlp) -> None:
    text = ("Rovers boss Tom Keane said 7 of the last 9 games had been won.\n\n"
            "The Millbrook manager, Alan Pryce, felt his side had done enough.\n\n"
            '"We had 12 shots and scored none," he said.')
    assert [name for name, _ in speakers(nlp, text)] == ["Tom Keane", "Alan Pryce"]


def test_a_document_issued_in_a_sentence_without_figures(nlp) -> None:
    text = ("The Coastal Weather Service has issued a yellow weather warning for the islands.\n\n"
            "According to the warning, gusts of 70mph are expected.")
    assert speakers(nlp, text) == [("Coastal Weather Service", None)]
