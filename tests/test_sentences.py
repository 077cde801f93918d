"""Tests for claimdiff.extract.sentences: splitting and the candidate filter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.extract.sentences import ABBREVIATIONS, Sentence, is_candidate, split_sentences


def _texts(text: str) -> list[str]:
    """Split ``text`` and check every sentence's offsets slice back to its text."""
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Kim arrived in Moscow. He left on Friday.", ["Mr. Kim arrived in Moscow.", "He left on Friday."]),
        ("Mrs. Lee and Dr. Park spoke. Nobody else did.", ["Mrs. Lee and Dr. Park spoke.", "Nobody else did."]),
        ("The U.S. sent 40 tanks. Seoul agreed.", ["The U.S. sent 40 tanks.", "Seoul agreed."]),
        ("Officials in the U.S. Army said so. Nobody objected.", ["Officials in the U.S. Army said so.", "Nobody objected."]),
        ("Gen. Park inspected the line. The troops cheered.", ["Gen. Park inspected the line.", "The troops cheered."]),
        ("Lt. Col. Ahn briefed reporters. It rained.", ["Lt. Col. Ahn briefed reporters.", "It rained."]),
        ("On Jan. 5 the talks began. They ended in March.", ["On Jan. 5 the talks began.", "They ended in March."]),
        ("By Sept. 13 the ships had left. Ports closed.", ["By Sept. 13 the ships had left.", "Ports closed."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("John F. Kennedy spoke in Berlin. It rained.", ["John F. Kennedy spoke in Berlin.", "It rained."]),
        ("J. R. R. Tolkien wrote books. He died in 1973.", ["J. R. R. Tolkien wrote books.", "He died in 1973."]),
        ("The report by A. Smith found 40 cases. Nobody disputed it.",
         ["The report by A. Smith found 40 cases.", "Nobody disputed it."]),
    ],
)
def test_initials_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He left. "It works. It is fast," she said. Then it rained.',
         ["He left.", '"It works. It is fast," she said.', "Then it rained."]),
        ("He left. “Output fell. Prices rose. We will act,” the minister said. Markets fell.",
         ["He left.", "“Output fell. Prices rose. We will act,” the minister said.", "Markets fell."]),
        ('"We counted 40 trucks. Most carried fuel," the inspector told reporters on Monday.',
         ['"We counted 40 trucks. Most carried fuel," the inspector told reporters on Monday.']),
    ],
)
def test_multi_sentence_quote_stays_with_its_attribution(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_closed_quote_ending_a_sentence_splits_after_the_mark() -> None:
    assert _texts('She said, "We are ready." The talks resumed.') == ['She said, "We are ready."', "The talks resumed."]


def test_a_question_in_quotes_keeps_its_credit() -> None:
    assert _texts('“Why now?” Mayor Ann Lund of Tarrow asked. “We waited a year.”') == [
        "“Why now?” Mayor Ann Lund of Tarrow asked.", "“We waited a year.”"]
    assert _texts('"Enough!" said Lund. The crowd left.') == ['"Enough!" said Lund.', "The crowd left."]
    # an unquoted question, or a quotation followed by a new sentence, still ends there
    assert _texts("Is it late? Lund said no.") == ["Is it late?", "Lund said no."]
    assert _texts('"Who knows?" Lund wants more.') == ['"Who knows?"', "Lund wants more."]


def test_other_terminators() -> None:
    assert _texts("Who sent them? Nobody knows! Wait… It rained.") == [
        "Who sent them?", "Nobody knows!", "Wait…", "It rained."
    ]


def test_decimal_numbers_do_not_split() -> None:
    assert _texts("It cost 5.5 million dollars. Then 3 more. Done.") == [
        "It cost 5.5 million dollars.", "Then 3 more.", "Done."
    ]


def test_sentence_may_start_with_a_digit() -> None:
    assert _texts("Troops left. 400 stayed behind.") == ["Troops left.", "400 stayed behind."]


def test_paragraphs() -> None:
    text = "First paragraph here. It has two sentences.\n\nSecond paragraph. Also two.\n\n\nThird."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First paragraph here.", "It has two sentences.", "Second paragraph.", "Also two.", "Third."
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1, 2]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_single_newline_keeps_the_paragraph() -> None:
    text = "A line that\ncontinues here. Next sentence."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["A line that\ncontinues here.", "Next sentence."]
    assert {s.paragraph for s in sentences} == {0}


def test_quote_never_spans_paragraphs() -> None:
    # An open quotation ends at its paragraph: the next paragraph starts fresh.
    text = '"The first part. And more.\n\nA new paragraph. Another one.'
    texts = _texts(text)
    assert texts[-2:] == ["A new paragraph.", "Another one."]


def test_surrounding_whitespace_is_trimmed() -> None:
    text = "   Leading space.    Trailing space.   \n\n   "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Leading space.", "Trailing space."]
    assert sentences[0].start == 3


def test_text_without_terminator() -> None:
    assert _texts("no terminator at all") == ["no terminator at all"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_empty(text: str) -> None:
    assert split_sentences(text) == []


# --------------------------------------------------------------------------- candidate filter

@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said it was over.",  # cue
        "According to Yonhap, it rained.",  # cue
        "The Kremlin denied it.",  # cue
        "About 500 shells arrived.",  # digit
        "There were dozens of drones.",  # number word
        "Three ships sank.",  # number word
        '"Fine," he replied.',  # quotation and cue
        "“We will go,” she shouted.",  # curly quotation only
        '"Enough" was the headline.',  # straight quotation only
    ],
)
def test_candidate(sentence: str) -> None:
    assert is_candidate(sentence) is True


@pytest.mark.parametrize(
    "sentence",
    [
        "The sun rose over the hills and the birds sang.",
        "It rained in Seoul.",
        "She smiled at the crowd.",
        "The convoy moved north along the coast.",
        "",
    ],
)
def test_not_candidate(sentence: str) -> None:
    assert is_candidate(sentence) is False


# --------------------------------------------------------------------------- properties

_WORDS = [w for w in (
    "troops ships shells minister talks border grain convoy harbour village officials "
    "moved arrived sank fired left crossed stayed waited north south quickly again today"
).split() if w not in ABBREVIATIONS]
_WORD = st.sampled_from(_WORDS)
_SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    _WORD, st.lists(_WORD, max_size=8), st.sampled_from([".", "!", "?", "..."]),
)
_SEPARATOR = st.sampled_from([" ", "  ", "\n", " \n "])


@settings(max_examples=100, deadline=None)
@given(
    paragraphs=st.lists(st.lists(st.tuples(_SENTENCE, _SEPARATOR), min_size=1, max_size=5), min_size=1, max_size=4),
    lead=st.sampled_from(["", " ", "\n"]),
)
def test_generated_sentences_round_trip(paragraphs: list[list[tuple[str, str]]], lead: str) -> None:
    paragraph_texts = ["".join(s + sep for s, sep in para[:-1]) + para[-1][0] for para in paragraphs]
    text = lead + "\n\n".join(paragraph_texts)
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [s for para in paragraphs for s, _ in para]
    assert [s.paragraph for s in sentences] == [i for i, para in enumerate(paragraphs) for _ in para]
    for s in sentences:
        assert isinstance(s, Sentence)
        assert text[s.start : s.end] == s.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_offsets_slice_on_arbitrary_text(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end
        previous_end = s.end
    assert isinstance(is_candidate(text), bool)


def test_footnote_marks_end_a_sentence() -> None:
    text = "The agency counted 40 ships.[12] The port stayed shut. It reopened.[3][4] Then it rained."
    assert _texts(text) == ["The agency counted 40 ships.[12]", "The port stayed shut.", "It reopened.[3][4]",
                            "Then it rained."]
