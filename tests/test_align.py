"""Alignment on hand-built claims (no model): what groups, what differs, what stays
unique — and the golden alignment of the extraction fixtures."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimdiff.align import align
from claimdiff.model import Claim, Quantity, Speaker, TimeScope, to_json

SHIN = Speaker(name="Shin Won-sik", role="Defense Minister", type="person")
MINISTRY = Speaker(name="Shin's ministry", type="organisation", of="Shin Won-sik")
STATE = Speaker(name="State Department", type="organisation")


def q(value, obj, *, qualifier=None, unit=None, conjunction=None, text=None, start=0, vague=False):
    """A quantity with just the fields alignment reads."""
    head = obj.split()[-1].rstrip("s") if obj else None
    return Quantity(value=value, text=text or str(value), start=start, end=start + 3, qualifier=qualifier,
                    unit=unit, object=obj, object_head=head, conjunction=conjunction, vague=vague)


def claim(article, text, quantities=(), *, speaker=SHIN, cue="said", kind="paraphrase", scope=None, hedges=()):
    """A claim whose offsets start at 0 of its own article."""
    return Claim(article=article, text=text, start=0, end=len(text), kind=kind, speaker=speaker, cue=cue,
                 quantities=tuple(quantities), time_scope=TimeScope(text=scope[0], start=scope[1]) if scope else None,
                 hedged=bool(hedges), hedges=tuple(hedges), sentence=text, sentence_start=0, sentence_end=len(text))


def _by_label(alignments, needle):
    return next(a for a in alignments if needle in a.label)


def test_same_figure_different_qualifier_scope_and_speaker_differs() -> None:
    a = claim("A", "North Korea sent around 6,700 containers since September 2023, he said.",
              [q(6700, "containers", qualifier="approx")], scope=("since September 2023", "2023-09-01"))
    b = claim("B", "Pyongyang has sent about 6,700 containers since August, according to Shin's ministry.",
              [q(6700, "containers", qualifier="approx")], speaker=MINISTRY, cue="according to",
              scope=("Since August", "2023-08-01"))
    (al,) = align([a, b])
    assert al.status == "differ" and set(al.claims) == {a.id, b.id}
    fields = {d.field for d in al.differences if not d.minor}
    assert fields == {"time_scope", "speaker"}
    assert {d.field for d in al.differences if d.minor} == {"cue"}


def test_cue_only_difference_is_an_agreement() -> None:
    a = claim("A", "The State Department said over 10,000 containers were shipped.",
              [q(10000, "containers", qualifier="more_than")], speaker=STATE)
    b = claim("B", "According to the US State Department, more than 10,000 containers were shipped.",
              [q(10000, "containers", qualifier="more_than")], speaker=Speaker(name="US State Department", type="organisation"),
              cue="according to")
    (al,) = align([a, b])
    assert al.status == "agree"
    assert [d.field for d in al.differences] == ["cue"] and al.differences[0].minor


def test_and_versus_or_and_object_difference() -> None:
    a = claim("A", "enough for 3 million 152mm shells and 500,000 122mm artillery shells",
              [q(3e6, "152mm shells", qualifier="approx"), q(5e5, "122mm artillery shells", conjunction="and")])
    b = claim("B", "could hold more than 3 million 152mm shells or more than 500,000 122mm multiple rocket launcher shells",
              [q(3e6, "152mm shells", qualifier="more_than"),
               q(5e5, "122mm multiple rocket launcher shells", qualifier="more_than", conjunction="or")],
              hedges=("could",))
    groups = align([a, b])
    assert len(groups) == 2
    big = next(g for g in groups if g.members[0][1] == 0)
    small = next(g for g in groups if g.members[0][1] == 1)
    assert {"qualifier", "conjunction"} <= {d.field for d in big.differences}
    assert {"qualifier", "object", "conjunction"} <= {d.field for d in small.differences}
    conj = dict(next(d.values for d in big.differences if d.field == "conjunction"))
    assert conj == {"A": "and", "B": "or"}


def test_different_figures_from_different_speakers_stay_apart() -> None:
    a = claim("A", "Vadym said 1.5 million rounds were transferred.", [q(1.5e6, "artillery ammunition")],
              speaker=Speaker(name="Vadym Skybitskyi", type="person"))
    b = claim("B", "The NIS said more than a million projectiles were exported.", [q(1e6, "projectiles", qualifier="more_than")],
              speaker=Speaker(name="National Intelligence Service", type="organisation"))
    assert [al.status for al in align([a, b])] == ["unique", "unique"]


def test_units_convert_before_comparing() -> None:
    a = claim("A", "the 984-foot vessel", [q(984, None, unit="ft")], kind="narration", speaker=None, cue=None)
    b = claim("B", "a ship about 300 metres long", [q(300, None, unit="m", qualifier="approx")], kind="narration",
              speaker=None, cue=None)
    (al,) = align([a, b])
    fields = {d.field for d in al.differences}
    # One length in two units that agree is neither a unit nor a value difference.
    assert "qualifier" in fields and "unit" not in fields and "value" not in fields


def test_percent_never_meets_a_count() -> None:
    a = claim("A", "30 percent of capacity", [q(30, "capacity", unit="percent")])
    b = claim("B", "30 containers", [q(30, "containers")])
    assert all(al.status == "unique" for al in align([a, b]))


def test_claims_without_figures_align_by_wording_and_speaker() -> None:
    a = claim("A", "North Korean military factories are operating at full capacity to supply Russia, Shin said.")
    b = claim("B", "North Korean munitions factories are operating at full capacity to produce weapons for Russia.")
    c = claim("B", "The satellite shows no signs of functioning, he said.")
    groups = align([a, b, c])
    full = _by_label(groups, "full capacity")
    assert set(full.claims) == {a.id, b.id} and full.status == "agree"


def test_one_article_never_contributes_twice_to_a_group() -> None:
    a1 = claim("A", "6,700 containers were sent, he said.", [q(6700, "containers")])
    a2 = claim("A", "Again: 6,700 containers were sent, he said.", [q(6700, "containers")])
    b = claim("B", "6,700 containers were sent, he said.", [q(6700, "containers")])
    for al in align([a1, a2, b]):
        articles = [cid for cid, _ in al.members]
        assert len({c.article for c in (a1, a2, b) if c.id in articles}) == len(articles)


def test_alignment_is_deterministic_and_order_free() -> None:
    claims = [
        claim("A", "about 6,700 containers", [q(6700, "containers", qualifier="approx")]),
        claim("B", "6,700 containers", [q(6700, "containers")]),
        claim("C", "nearly 7,000 containers", [q(7000, "containers", qualifier="nearly")]),
    ]
    assert to_json(align(claims)) == to_json(align(list(reversed(claims))))


@pytest.mark.model
def test_golden_alignment_of_fixtures(nlp, update_golden) -> None:
    from claimdiff.pipeline import compare

    from .conftest import FIXTURES, check_golden

    report = compare([str(FIXTURES / "extract")], nlp=nlp)
    check_golden("drought.align.json", to_json(report.alignments), update_golden)


def test_surname_and_acronym_name_the_same_speaker() -> None:
    from claimdiff.align import same_speaker_key

    assert same_speaker_key("buttigieg", "pete buttigieg")
    assert same_speaker_key("ntsb", "national transportation safety board")
    assert not same_speaker_key("nis", "national transportation safety board")
    a = claim("A", "Buttigieg said $60 million was released.", [q(6e7, None, unit="USD")],
              speaker=Speaker(name="Buttigieg", type="person"))
    b = claim("B", "Pete Buttigieg said $60 million was released.", [q(6e7, None, unit="USD")],
              speaker=Speaker(name="Pete Buttigieg", type="person"))
    (al,) = align([a, b])
    assert al.status == "agree"


def test_statement_dates_differ_only_when_both_outlets_date_it() -> None:
    from dataclasses import replace

    a = replace(claim("A", "Homendy said on Wednesday 4,679 containers were aboard.", [q(4679, "containers")]),
                statement_date="2024-03-27")
    b = replace(claim("B", "Homendy told reporters on Thursday 4,679 containers were aboard.", [q(4679, "containers")]),
                statement_date="2024-03-28")
    c = claim("C", "Homendy said 4,679 containers were aboard.", [q(4679, "containers")])
    (al,) = align([a, b, c])
    dates = next(d for d in al.differences if d.field == "statement_date")
    assert not dates.minor and dict(dates.values)["A"] == "2024-03-27"
    (undated,) = align([a, c])
    assert "statement_date" not in {d.field for d in undated.differences}


# --------------------------------------------------------------------------- trustworthy differences

def test_a_role_description_and_the_named_minister_are_one_speaker() -> None:
    described = Speaker(name="South Korea's defence minister", role="defence minister", type="person",
                        mention="South Korea's defence minister")
    a = claim("A", "South Korea's defence minister said 6,700 containers were sent.", [q(6700, "containers")],
              speaker=described)
    b = claim("B", "Defense Minister Shin Won-sik said 6,700 containers were sent.", [q(6700, "containers")])
    c = claim("C", "Shin Won Sik said 6,700 containers were sent.", [q(6700, "containers")],
              speaker=Speaker(name="Shin Won Sik", type="person"))
    (al,) = align([a, b, c])
    assert "speaker" not in {d.field for d in al.differences}


def test_two_ministers_stay_two_speakers() -> None:
    a = claim("A", "Defense Minister Shin Won-sik said 6,700 containers were sent.", [q(6700, "containers")])
    b = claim("B", "Defense Minister Kim Yong-hyun said 6,700 containers were sent.", [q(6700, "containers")],
              speaker=Speaker(name="Kim Yong-hyun", role="Defense Minister", type="person"))
    (al,) = align([a, b])
    assert "speaker" in {d.field for d in al.differences}


def test_equal_hedging_and_a_missing_object_are_no_difference() -> None:
    a = claim("A", "The ships could carry 6,700 containers, he said.", [q(6700, "containers of munitions")],
              hedges=("could",))
    b = claim("B", "The ships may carry 6,700, he said.", [q(6700, None)], hedges=("may",))
    (al,) = align([a, b])
    assert al.status == "agree", al.differences


def test_a_different_counted_object_is_a_difference() -> None:
    a = claim("A", "The convoy held 400 trucks, he said.", [q(400, "fuel trucks")])
    b = claim("B", "The convoy held 400 tankers, he said.", [q(400, "water trucks")])
    (al,) = align([a, b])
    assert "object" in {d.field for d in al.differences}


def test_a_spokesperson_speaks_for_the_body() -> None:
    a = claim("A", "A Maersk spokesperson said the detour adds 10 days.", [q(10, "days")],
              speaker=Speaker(name="Maersk spokesperson", role="Maersk spokesperson", type="unnamed"))
    b = claim("B", "Moller-Maersk said the detour adds 10 days.", [q(10, "days")],
              speaker=Speaker(name="Moller-Maersk", type="organisation"))
    (al,) = align([a, b])
    assert "speaker" not in {d.field for d in al.differences}


def test_a_month_and_a_day_in_it_are_one_statement_date() -> None:
    a = claim("A", "In February, Shin put the number at 6,700.", [q(6700, "containers")])
    b = claim("B", "Shin said on Monday 6,700 containers were sent.", [q(6700, "containers")])
    c = claim("C", "Shin said on Tuesday 6,700 containers were sent.", [q(6700, "containers")])
    dated = [replace(a, statement_date="2024-02-01"), replace(b, statement_date="2024-02-26")]
    assert "statement_date" not in {d.field for d in align(dated)[0].differences}
    dated.append(replace(c, statement_date="2024-02-27"))
    assert "statement_date" in {d.field for d in align(dated)[0].differences}


# --------------------------------------------------------------------------- consensus


def _group(claims):
    (al,) = [a for a in align(claims) if len(a.claims) == len(claims)]
    return al


def test_consensus_names_the_majority_and_only_the_odd_one_out() -> None:
    from claimdiff.align import consensus

    homendy = Speaker(name="Jennifer Homendy", type="person")
    a = claim("A", "About 4,700 containers were on board, Homendy said.", [q(4700, "containers", qualifier="approx")],
              speaker=homendy)
    b = claim("B", "About 4,700 containers were aboard, Jennifer Homendy said.", [q(4700, "containers", qualifier="approx")],
              speaker=homendy)
    c = claim("C", "More than 4,600 containers were on board, a tracking service said.",
              [q(4600, "containers", qualifier="more_than")], speaker=Speaker(name="tracking service", type="organisation"))
    al = _group([a, b, c])
    agreed = consensus(al, {x.id: x for x in (a, b, c)})
    assert agreed.value("value") == "4,700" and agreed.value("qualifier") == "approx"
    assert agreed.value("speaker") == "Jennifer Homendy"
    assert dict(agreed.odd) == {"C": ("value", "qualifier", "speaker")}
    assert agreed.representative in {(a.id, 0), (b.id, 0)} and agreed.voters == 3


def test_a_syndicated_copy_votes_with_its_original_once() -> None:
    from claimdiff.align import consensus

    a = claim("A", "About 4,700 containers were on board, Homendy said.", [q(4700, "containers", qualifier="approx")])
    copy = claim("A2", "About 4,700 containers were on board, Homendy said.", [q(4700, "containers", qualifier="approx")])
    b = claim("B", "Nearly 4,700 containers were on board, Homendy said.", [q(4700, "containers", qualifier="nearly")])
    al = _group([a, copy, b])
    claims = {x.id: x for x in (a, copy, b)}
    assert consensus(al, claims).value("qualifier") == "approx"  # two outlets against one
    split = consensus(al, claims, {"A2": "A"})  # one source against one: no majority
    assert split.value("qualifier") is None and split.voters == 2
    assert {article for article, _ in split.odd} == {"A", "A2", "B"}


def test_one_figure_in_two_units_is_no_odd_one_out() -> None:
    from claimdiff.align import consensus

    a = claim("A", "The bridge was 1.6 miles long, he said.", [q(1.6, "bridge", unit="mile")])
    b = claim("B", "The bridge was 2.6 km long, he said.", [q(2.6, "bridge", unit="km")])
    c = claim("C", "The bridge was 1.6 miles long, he said.", [q(1.6, "bridge", unit="mile")])
    al = _group([a, b, c])
    agreed = consensus(al, {x.id: x for x in (a, b, c)})
    assert "unit" not in dict(agreed.values) and agreed.odd == ()


# --------------------------------------------------------------------------- alignment keys (issue 11)

def _article(aid, outlet, published="2024-03-28"):
    from claimdiff.model import Article

    return Article(source=f"{aid}.txt", text="", outlet=outlet, published=published, id=aid)


def _filler(article, n):
    """Unrelated claims of an article, so that the story has a vocabulary."""
    texts = ["The mayor opened a shelter for families near the harbour.", "Traffic moved to the tunnel overnight.",
             "Crews began cutting the steel apart on the river.", "The governor toured the site with engineers."]
    return [claim(article, f"{texts[i % len(texts)]} ({article}{i})", speaker=STATE) for i in range(n)]


def test_a_denial_in_other_words_from_another_speaker_aligns() -> None:
    fbi = Speaker(name="FBI", type="organisation")
    moore = Speaker(name="Wes Moore", type="person")
    a = claim("A", "The FBI said there was no credible information linking the collapse to terrorism.", speaker=fbi)
    b = claim("B", "Moore said there was no evidence of a terrorist attack.", speaker=moore)
    groups = align([a, b, *_filler("A", 3), *_filler("B", 3)])
    (al,) = [g for g in groups if a.id in g.claims]
    assert set(al.claims) == {a.id, b.id} and al.status == "differ"
    assert [d.field for d in al.differences if not d.minor] == ["speaker"]


def test_a_shared_word_does_not_align_a_denial_with_an_affirmation() -> None:
    fbi = Speaker(name="FBI", type="organisation")
    a = claim("A", "The FBI said there was no credible information linking the collapse to terrorism.", speaker=fbi)
    b = claim("B", "Analysts said terrorism insurance costs would rise.", speaker=Speaker(name="analysts", type="unnamed"))
    groups = align([a, b, *_filler("A", 3), *_filler("B", 3)])
    assert all(len(g.claims) == 1 for g in groups if a.id in g.claims)


def test_a_claim_relayed_through_an_outlet_meets_that_outlets_own_words() -> None:
    bell = Speaker(name="Marcus Bell", type="person")
    quote = claim("H", '"Nobody here knows when the ships come back. We show up and we wait."', speaker=bell,
                  kind="quote")
    sentence = ("Dockworkers said they did not know when ships would return, according to a report "
                "by the Harbor Ledger cited by Capital Wire.")
    relayed = replace(claim("T", sentence[17:58], speaker=Speaker(name="Dockworkers", type="unnamed")),
                      start=17, end=58, sentence=sentence, sentence_end=len(sentence),
                      cites=("Capital Wire", "Harbor Ledger", "Dockworkers"))
    articles = [_article("H", "Harbor Ledger"), _article("T", "Tidewater Times")]
    claims = [quote, relayed, *_filler("H", 3), *_filler("T", 3)]
    (al,) = [g for g in align(claims, articles) if quote.id in g.claims]
    assert set(al.claims) == {quote.id, relayed.id}
    assert {d.field for d in al.differences} >= {"kind", "speaker"}
    # The relay through the quoting outlet counts for the match.
    (plain,) = [g for g in align(claims) if quote.id in g.claims]
    assert len(plain.claims) == 1 or plain.score < al.score


def test_another_count_of_one_measure_aligns_as_a_value_difference_only_in_the_same_days() -> None:
    moore = Speaker(name="Wes Moore", type="person")
    mpa = Speaker(name="Maryland Port Administration", type="organisation")
    a = claim("A", "About 8,000 jobs are directly tied to the port, Gov. Wes Moore said.",
              [q(8000, "jobs", qualifier="approx")], speaker=moore)
    b = claim("B", "The port directly supports more than 15,000 jobs, according to the Maryland Port Administration.",
              [q(15000, "jobs", qualifier="more_than")], speaker=mpa)
    same_days = [_article("A", "Capital Wire"), _article("B", "Tidewater Times")]
    (al,) = [g for g in align([a, b], same_days) if a.id in g.claims]
    assert set(al.claims) == {a.id, b.id}
    assert {"value", "qualifier", "speaker"} <= {d.field for d in al.differences}
    # Figures weeks apart are a series (the timeline), not a disagreement.
    weeks_apart = [_article("A", "Capital Wire", "2024-03-28"), _article("B", "Tidewater Times", "2024-06-01")]
    assert all(len(g.claims) == 1 for g in align([a, b], weeks_apart))


def test_a_close_figure_from_another_source_weeks_later_is_a_series() -> None:
    agency = Speaker(name="Harbour Survey Office", type="organisation")
    a = claim("A", "The dredgers could be moving nearly 5 million tonnes of silt, Shin said.",
              [q(5_000_000, "tonnes of silt", qualifier="approx")])
    b = claim("B", "The dredgers likely moved about six million tonnes of silt, the survey office estimated.",
              [q(6_000_000, "tonnes of silt", qualifier="approx")], speaker=agency)
    same_days = [_article("A", "Capital Wire"), _article("B", "Tidewater Times")]
    assert any(set(g.claims) == {a.id, b.id} for g in align([a, b], same_days))
    weeks_apart = [_article("A", "Capital Wire", "2024-06-14"), _article("B", "Tidewater Times", "2024-08-28")]
    assert all(len(g.claims) == 1 for g in align([a, b], weeks_apart))


def test_another_count_of_a_different_event_stays_apart() -> None:
    crew = replace(q(22, "crew members"), measure="people accounted")
    killed = replace(q(6, "members"), measure="people killed")
    a = claim("A", "All 22 crew members of the road crew were accounted for.", [crew], kind="narration", speaker=None)
    b = claim("B", "Six members of a road crew were killed.", [killed], kind="narration", speaker=None)
    assert all(len(g.claims) == 1 for g in align([a, b], [_article("A", "X"), _article("B", "Y")]))


def test_one_dated_briefing_is_reported_once() -> None:
    shin = SHIN
    facts = []
    for art, day in (("A", "2024-02-26"), ("B", "2024-02-27")):
        facts += [replace(claim(art, "Shin said 6,700 containers were sent.", [q(6700, "containers")], speaker=shin),
                          statement_date=day),
                  replace(claim(art, "Shin said 3 million shells fit in them.", [q(3e6, "shells")], speaker=shin),
                          statement_date=day)]
    dated = [al for al in align(facts) if "statement_date" in {d.field for d in al.differences}]
    assert len(dated) == 1


def test_a_time_scope_in_another_clause_does_not_date_the_figure() -> None:
    from claimdiff.align import Fact, fact_scope

    text = "It handled 750,000 cars in 2022, and it directly supports more than 15,000 jobs."
    scope = TimeScope(text="in 2022", start="2022-01-01", end="2022-12-31", span_start=25, span_end=32)
    c = replace(claim("A", text, [q(750000, "cars", start=11), q(15000, "jobs", start=70)]), time_scope=scope)
    assert fact_scope(Fact(c, 0)) == scope
    assert fact_scope(Fact(c, 1)) is None


def test_stems_put_inflections_together() -> None:
    from claimdiff.wording import stem

    assert stem("terrorism") == stem("terrorist") == stem("terrorists")
    assert stem("ships") == stem("shipping") and stem("closed") == stem("close")


def _fates(missing_value, killed_value, *, qualifier="up_to", hedges=("may",), published=("2024-03-26", "2024-03-28")):
    early = replace(q(missing_value, "people", qualifier=qualifier), measure="people missing")
    toll = replace(q(killed_value, "workers"), measure="people killed")
    a = claim("A", f"Divers searched for as many as {missing_value} people who may have been swept away.", [early],
              kind="narration", speaker=None, hedges=hedges)
    b = claim("B", f"{killed_value} road workers died.", [toll], kind="narration", speaker=None)
    return [a, b], [_article("A", "Early Post", published[0]), _article("B", "Late Wire", published[1])]


def test_an_early_ceiling_on_the_missing_meets_the_later_toll_as_a_value_difference() -> None:
    claims, articles = _fates(20, 6)
    (al,) = [g for g in align(claims, articles) if claims[0].id in g.claims]
    assert set(al.claims) == {c.id for c in claims} and "value" in {d.field for d in al.differences}


@pytest.mark.parametrize(("kwargs", "why"), [
    ({"missing_value": 4, "killed_value": 6}, "a toll above the ceiling is another count"),
    ({"missing_value": 20, "killed_value": 6, "qualifier": None, "hedges": ()}, "a plain count of the missing"),
    ({"missing_value": 20, "killed_value": 6, "published": ("2024-03-01", "2024-03-28")}, "weeks apart: a series"),
])
def test_the_missing_and_the_dead_stay_apart_otherwise(kwargs, why) -> None:
    claims, articles = _fates(**kwargs)
    assert all(len(g.claims) == 1 for g in align(claims, articles)), why


def test_an_early_ceiling_pairs_with_the_largest_toll_under_it() -> None:
    claims, articles = _fates(20, 6)
    bodies = replace(q(2, "bodies"), measure="people killed")
    found = replace(claim("B", "Divers recovered two bodies.", [bodies], kind="narration", speaker=None), start=40, end=67)
    groups = align([*claims, found], articles)
    (al,) = [g for g in groups if claims[0].id in g.claims]
    assert set(al.claims) == {c.id for c in claims}


def test_a_label_puts_people_in_the_singular_after_one() -> None:
    one = claim("A", "One was taken to a hospital.", [q(1, "people", text="one")], kind="narration", speaker=None)
    two = claim("A", "Two people were pulled out.", [q(2, "people", text="two")], kind="narration", speaker=None)
    labels = {g.label for g in align([one, replace(two, start=30, end=57)])}
    assert labels == {"one person", "two people"}
