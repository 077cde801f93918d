"""Tests for claimdiff.extract.attribution: one sentence per row of DOMAIN.md's
"Who said it" table, plus speaker keys and the SpeakerResolver.

The sentences are our own; the parse comes from the project model (``model`` mark).
"""

from __future__ import annotations

import pytest

from claimdiff.extract.attribution import Attribution, SpeakerResolver, find_attribution, role_fits, speaker_key
from claimdiff.model import Speaker


def attribution(nlp, sentence: str) -> Attribution | None:  # noqa: ANN001 - spaCy Language
    """Parse ``sentence`` and return its attribution, checking span invariants."""
    found = find_attribution(nlp(sentence)[:])
    if found is not None:
        start, end = found.content
        assert 0 <= start <= end <= len(sentence)
        if found.speaker_span is not None:
            s, e = found.speaker_span
            assert 0 <= s < e <= len(sentence)
    return found


def content(sentence: str, found: Attribution) -> str:
    """The reported content as text."""
    return sentence[found.content[0] : found.content[1]]


def names(found: Attribution) -> list[str | None]:
    """Names of the citation chain, outermost first."""
    return [c.name for c in found.cites]


# --------------------------------------------------------------------------- speaker after quote

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "role", "cue", "said"),
    [
        ('"Exports of grain doubled last quarter," the minister said.', "minister", "said",
         "Exports of grain doubled last quarter"),
        ('"We have no plans to retreat," the general told reporters.', "general", "told", "We have no plans to retreat"),
    ],
)
def test_speaker_after_quote_description(nlp, sentence: str, role: str, cue: str, said: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None
    assert found.speaker is not None
    assert found.speaker.type == "person" and found.speaker.name is None
    assert found.speaker.role == role
    assert found.cue == cue
    assert found.kind == "quote"
    assert content(sentence, found) == said


@pytest.mark.model
def test_speaker_after_quote_named(nlp) -> None:
    sentence = '"Prices will fall by spring," Finance Minister Maria Lopez said.'
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.name == "Maria Lopez"
    assert found.speaker.role == "Finance Minister"
    assert found.kind == "quote" and found.cue == "said"
    assert content(sentence, found) == "Prices will fall by spring"
    s, e = found.speaker_span
    assert sentence[s:e] == "Finance Minister Maria Lopez"


# --------------------------------------------------------------------------- inverted verb

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "name", "said"),
    [
        ("The harbour will reopen next week, said Transport Minister Ahmed Karimi.", "Ahmed Karimi",
         "The harbour will reopen next week"),
        ("About 300 ships passed through the strait in March, said Defence Minister Shin Won-sik.", "Shin Won-sik",
         "About 300 ships passed through the strait in March"),
    ],
)
def test_inverted_said_with_title(nlp, sentence: str, name: str, said: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.type == "person"
    assert found.speaker.name == name
    assert "Minister" in (found.speaker.role or "")
    # Name + role + org: the ministry's field must be kept, as role or org.
    assert found.speaker.mention is not None and found.speaker.mention.endswith(f"Minister {name}")
    assert found.cue == "said" and found.kind == "paraphrase"
    assert content(sentence, found) == said


@pytest.mark.model
def test_inverted_said_keeps_date_context(nlp) -> None:
    sentence = '"The bridge is safe," said Interior Minister Ana Ruiz on Tuesday.'
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.name == "Ana Ruiz"
    assert found.speaker.role == "Interior Minister"
    assert found.kind == "quote"
    assert "Tuesday" in found.date_context


# --------------------------------------------------------------------------- according to

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "name", "said"),
    [
        ("According to the ministry, about 400 tonnes of rice were delivered.", "ministry",
         "about 400 tonnes of rice were delivered."),
        ("About 1,200 families were evacuated, according to the fire department.", "fire department",
         "About 1,200 families were evacuated"),
        ("According to the Pentagon, roughly 20 drones were shot down.", "Pentagon", "roughly 20 drones were shot down."),
    ],
)
def test_according_to(nlp, sentence: str, name: str, said: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.cue == "according to"
    assert found.speaker.type == "organisation"
    assert found.speaker.name == name
    assert found.kind == "paraphrase" and found.polarity == "affirm"
    assert content(sentence, found) == said
    s, e = found.cue_span
    assert sentence[s:e].lower() == "according to"


@pytest.mark.model
def test_according_to_estimates_names_no_one(nlp) -> None:
    assert attribution(nlp, "According to estimates, 500 people died.") is None


# --------------------------------------------------------------------------- possessive org

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "owner", "body"),
    [
        ("According to Kim's ministry, 40 tunnels were sealed.", "Kim", "ministry"),
        ("According to Shin's ministry, 6,700 containers were shipped.", "Shin", "ministry"),
        ("According to Zelensky's office, 30 drones were downed.", "Zelensky", "office"),
    ],
)
def test_possessive_org(nlp, sentence: str, owner: str, body: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.type == "organisation"
    assert found.speaker.of == owner
    assert body in (found.speaker.name or "")
    # "according to Shin's ministry" is not "Shin said".
    assert speaker_key(found.speaker) != speaker_key(Speaker(name=owner))


# --------------------------------------------------------------------------- nested / relay

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "speaker", "relay"),
    [
        ("Shin told lawmakers that 6,700 containers had been shipped, Yonhap reported.", "Shin", "Yonhap"),
        ("Shin Won-sik told lawmakers on Monday that 6,700 containers had arrived, Yonhap reported.",
         "Shin Won-sik", "Yonhap"),
    ],
)
def test_relay_named_speaker(nlp, sentence: str, speaker: str, relay: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.name == speaker
    assert found.cue == "told"
    assert names(found) == [relay, speaker]  # outermost first
    assert "6,700 containers" in content(sentence, found)
    assert relay not in content(sentence, found)


@pytest.mark.model
def test_relay_described_speaker(nlp) -> None:
    sentence = "The minister told parliament that 20 bridges were damaged, the BBC reported."
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.role == "minister"
    assert found.cites[0].name == "BBC"
    assert found.cites[-1] == found.speaker


@pytest.mark.model
def test_relay_date_context_comes_from_inner_verb(nlp) -> None:
    sentence = "Shin Won-sik told lawmakers on Monday that 6,700 containers had arrived, Yonhap reported."
    found = attribution(nlp, sentence)
    assert found is not None
    assert "Monday" in found.date_context


# --------------------------------------------------------------------------- document as source

@pytest.mark.model
def test_report_by_inspector_general(nlp) -> None:
    sentence = "According to a report by the Pentagon's inspector general, 59 Ukrainian aircraft were lost."
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.cue == "according to a report"
    assert found.speaker.role == "inspector general"
    assert found.speaker.org == "Pentagon"
    assert content(sentence, found) == "59 Ukrainian aircraft were lost."


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "author", "cue"),
    [
        ("A fact sheet published Friday by the State Department said 500 shells were delivered.",
         "State Department", "said"),
        ("According to a study by the World Bank, 12 million people fell into poverty.", "World Bank",
         "according to a study"),
        ("A report by the Government Accountability Office said 300 jets were grounded.",
         "Government Accountability Office", "said"),
    ],
)
def test_document_author_speaks(nlp, sentence: str, author: str, cue: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.name == author
    assert found.cue == cue
    assert speaker_key(found.speaker) == speaker_key(Speaker(name=author, type="organisation"))


# --------------------------------------------------------------------------- unnamed source

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "word", "said"),
    [
        ("A senior official, speaking on condition of anonymity, said 200 soldiers were killed.", "official",
         "200 soldiers were killed"),
        ("A senior defense official said 10 missiles were fired.", "official", "10 missiles were fired"),
        ("Officials, speaking on condition of anonymity, said 80 prisoners were freed.", "Officials",
         "80 prisoners were freed"),
    ],
)
def test_unnamed_source(nlp, sentence: str, word: str, said: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.type == "unnamed"
    assert word in (found.speaker.name or "")
    assert content(sentence, found) == said


@pytest.mark.model
def test_unnamed_plural_sources(nlp) -> None:
    found = attribution(nlp, "Sources familiar with the matter said 40 tanks were sent.")
    assert found is not None and found.speaker is not None
    assert found.speaker.type == "unnamed"


# --------------------------------------------------------------------------- pronoun / description

@pytest.mark.model
def test_pronoun_speaker_is_left_for_the_resolver(nlp) -> None:
    found = attribution(nlp, "He added that 40 more tanks would arrive.")
    assert found is not None and found.speaker is not None
    assert found.speaker.type == "person"
    assert found.speaker.name is None
    assert found.speaker.mention == "He"
    assert found.cue == "added"
    assert content("He added that 40 more tanks would arrive.", found) == "that 40 more tanks would arrive"


@pytest.mark.model
def test_description_speaker(nlp) -> None:
    found = attribution(nlp, "The former general said 3,000 troops were ready.")
    assert found is not None and found.speaker is not None
    assert found.speaker.type == "person" and found.speaker.name is None
    assert found.speaker.role == "former general"


# --------------------------------------------------------------------------- multi-sentence quote

@pytest.mark.model
def test_multi_sentence_quote_told(nlp) -> None:
    sentence = '"We counted 40 trucks. Most carried fuel," the inspector told reporters.'
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.speaker.role == "inspector"
    assert found.kind == "quote"
    assert content(sentence, found) == "We counted 40 trucks. Most carried fuel"


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ('"The dam held. The water is falling now," she said.', "The dam held. The water is falling now"),
        ("“Output fell. Prices rose,” Finance Minister Maria Lopez said.", "Output fell. Prices rose"),
    ],
)
def test_multi_sentence_quote_said(nlp, sentence: str, said: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.kind == "quote"
    assert content(sentence, found) == said


# --------------------------------------------------------------------------- reporter's own voice

@pytest.mark.model
@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has fired thousands of shells a day.",
        "The storm destroyed 500 houses in the province.",
        "Prices rose 3 percent in March.",
    ],
)
def test_narration_has_no_attribution(nlp, sentence: str) -> None:
    assert attribution(nlp, sentence) is None


# --------------------------------------------------------------------------- reported denial

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "name", "cue", "said"),
    [
        ("The Kremlin denied receiving any shells from North Korea.", "Kremlin", "denied",
         "receiving any shells from North Korea"),
        ("The ministry denied that 90 civilians had died.", "ministry", "denied", "that 90 civilians had died"),
        ("North Korea denied sending weapons to Russia.", "North Korea", "denied", "sending weapons to Russia"),
    ],
)
def test_reported_denial(nlp, sentence: str, name: str, cue: str, said: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.polarity == "deny"
    assert found.speaker.name == name
    assert found.cue == cue
    assert content(sentence, found) == said


@pytest.mark.model
def test_rejected_claims_is_a_denial(nlp) -> None:
    found = attribution(nlp, "Moscow rejected claims that it had bought 3,000 drones.")
    assert found is not None and found.polarity == "deny" and found.cue == "rejected"


@pytest.mark.model
def test_plain_statement_affirms(nlp) -> None:
    found = attribution(nlp, "The ministry said that 90 civilians had died.")
    assert found is not None and found.polarity == "affirm"


# --------------------------------------------------------------------------- verbs inside quotations

@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "cue", "mention"),
    [
        ('"Our analysts estimated 600 drones and reported the figure," the spokesman said.', "said", "the spokesman"),
        ('"Voters say they want change," the senator said.', "said", "the senator"),
        ('"Officials reported 40 deaths, but the real figure is higher," Karimi said.', "said", "Karimi"),
        ('"I never told them to leave," Karimi said.', "said", "Karimi"),
    ],
)
def test_verb_inside_quotation_is_not_a_cue(nlp, sentence: str, cue: str, mention: str) -> None:
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker is not None
    assert found.cue == cue
    assert found.speaker.mention == mention
    assert len(found.cites) == 1
    assert found.hedge_cues == ()  # "estimated" inside the quote is not the cue
    assert found.kind == "quote"


@pytest.mark.model
def test_quotation_alone_has_no_attribution(nlp) -> None:
    assert attribution(nlp, '"We said we would win and we did."') is None


@pytest.mark.model
def test_hedging_verb_as_cue(nlp) -> None:
    found = attribution(nlp, "The ministry estimated that 2,000 jobs were lost.")
    assert found is not None
    assert found.cue == "estimated" and found.hedge_cues == ("estimated",)


# --------------------------------------------------------------------------- speaker_key

@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Speaker(name="the US State Department", type="organisation"), Speaker(name="State Department", type="organisation")),
        (Speaker(name="The U.S. State Department", type="organisation"), Speaker(name="State Department", type="organisation")),
        (Speaker(name="Shin Won-sik"), Speaker(name="Shin Won Sik")),
        (Speaker(name="Shin  Won-Sik"), Speaker(name="shin won-sik")),
    ],
)
def test_speaker_key_equal(a: Speaker, b: Speaker) -> None:
    assert speaker_key(a) == speaker_key(b)


def test_speaker_key_values() -> None:
    assert speaker_key(Speaker(name="the US State Department", type="organisation")) == "state department"
    assert speaker_key(Speaker(name="Shin Won-sik")) == "shin won sik"
    assert speaker_key(None) == ""
    assert speaker_key(Speaker(name=None, role="Defense Minister")) == "defense minister"
    assert speaker_key(Speaker(name=None, mention="he")) == "he"


def test_speaker_key_distinguishes() -> None:
    assert speaker_key(Speaker(name="Shin Won-sik")) != speaker_key(Speaker(name="Kim Yong-hyun"))
    shin = speaker_key(Speaker(name="Shin"))
    ministry = speaker_key(Speaker(name="Shin's ministry", type="organisation", of="Shin"))
    assert shin != ministry and "ministry" in ministry


# --------------------------------------------------------------------------- SpeakerResolver (no parse)

SHIN = Speaker(name="Shin Won-sik", role="Defense Minister")
LOPEZ = Speaker(name="Maria Lopez", role="Finance Minister")


def _pronoun(word: str) -> Speaker:
    return Speaker(type="person", mention=word)


def _description(words: str, role: str) -> Speaker:
    return Speaker(type="person", role=role, mention=words)


def test_resolver_pronoun_to_last_speaker() -> None:
    resolver = SpeakerResolver()
    resolver.resolve(SHIN)
    he = resolver.resolve(_pronoun("he"))
    assert he is not None
    assert (he.name, he.role, he.mention) == ("Shin Won-sik", "Defense Minister", "he")


def test_resolver_description_to_fitting_role() -> None:
    resolver = SpeakerResolver()
    resolver.resolve(SHIN)
    resolver.resolve(Speaker(name="Park Jin", role="Spokesman"))
    minister = resolver.resolve(_description("the minister", "minister"))
    assert minister is not None and minister.name == "Shin Won-sik"
    assert minister.mention == "the minister"


def test_resolver_he_skips_a_person_called_she() -> None:
    resolver = SpeakerResolver()
    resolver.resolve(SHIN)
    resolver.resolve(LOPEZ)
    she = resolver.resolve(_pronoun("she"))
    assert she is not None and she.name == "Maria Lopez"
    resolver.resolve(Speaker(name="Lopez"))  # Lopez speaks again: the latest speaker
    he = resolver.resolve(_pronoun("he"))
    assert he is not None and he.name == "Shin Won-sik"


def test_resolver_short_name_merges_into_full_name() -> None:
    resolver = SpeakerResolver()
    resolver.resolve(SHIN)
    short = resolver.resolve(Speaker(name="Shin"))
    assert short is not None
    assert (short.name, short.role) == ("Shin Won-sik", "Defense Minister")


def test_resolver_unresolvable_pronoun_is_returned_as_is() -> None:
    resolver = SpeakerResolver()
    assert resolver.resolve(_pronoun("he")) == _pronoun("he")
    assert resolver.resolve(None) is None


def test_resolver_remember_false_does_not_change_latest_speaker() -> None:
    resolver = SpeakerResolver()
    resolver.resolve(SHIN)
    resolver.resolve(LOPEZ, remember=False)
    she = resolver.resolve(_pronoun("she"))
    # Lopez was only a relay: she is not remembered, and Shin has no gender yet.
    assert she is not None and she.name == "Shin Won-sik"


def test_resolver_possessive_owner_gets_full_name() -> None:
    resolver = SpeakerResolver()
    resolver.resolve(SHIN)
    body = resolver.resolve(Speaker(name="Shin's ministry", type="organisation", of="Shin", mention="Shin's ministry"))
    assert body is not None and body.of == "Shin Won-sik"


def test_role_fits() -> None:
    assert role_fits("the minister", "Defense Minister")
    assert role_fits("the former defense minister", "Defense Minister")
    assert not role_fits("the general", "Defense Minister")
    assert not role_fits("the minister", None)


# --------------------------------------------------------------------------- SpeakerResolver over parsed sentences

@pytest.mark.model
def test_resolver_over_an_article(nlp) -> None:
    resolver = SpeakerResolver()
    resolved = []
    for sentence in [
        "Defence Minister Shin Won-sik said 6,700 containers had been shipped.",
        "He added that 500 more were expected.",
        "The minister said the figure could rise.",
    ]:
        span = nlp(sentence)[:]
        found = find_attribution(span)
        assert found is not None
        resolved.append(resolver.resolve(found.speaker))
        resolver.note_entities(span)
    assert [s.name for s in resolved] == ["Shin Won-sik"] * 3
    assert [s.mention for s in resolved[1:]] == ["He", "The minister"]


@pytest.mark.model
def test_resolver_skips_she_over_an_article(nlp) -> None:
    resolver = SpeakerResolver()
    out = {}
    for sentence in [
        "Finance Minister Maria Lopez visited the port on Friday.",
        '"The harbour is busy," she said.',
        "Defence Minister Shin Won-sik arrived later.",
        "He said 40 ships were waiting.",
    ]:
        span = nlp(sentence)[:]
        found = find_attribution(span)
        if found is not None:
            out[sentence] = resolver.resolve(found.speaker)
        resolver.note_entities(span)
    assert out['"The harbour is busy," she said.'].name == "Maria Lopez"
    # Lopez spoke last, but she is "she": "he" goes to Shin, named in between.
    assert out["He said 40 ships were waiting."].name == "Shin Won-sik"


@pytest.mark.model
def test_surname_without_person_tag_and_acronym_resolve_within_an_article(nlp) -> None:
    from claimdiff.extract.attribution import SpeakerResolver, find_attribution

    resolver = SpeakerResolver()
    sentences = [
        "The National Transportation Safety Board said the ship lost power twice.",
        "Transportation Secretary Pete Buttigieg said the port would reopen.",
        "Buttigieg said the money was a first installment.",
        "The NTSB said its investigators would stay a week.",
    ]
    names = []
    for text in sentences:
        span = nlp(text)[:]
        attribution = find_attribution(span)
        names.append(resolver.resolve(attribution.speaker).name)
        resolver.note_entities(span)
    assert names == ["National Transportation Safety Board", "Pete Buttigieg", "Pete Buttigieg",
                     "National Transportation Safety Board"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "is_cue"),
    [
        ("Congress on Wednesday rejected the president's veto of the bill.", False),
        ("The ministry rejected the claims as baseless.", True),
        ("Lawmakers dismissed the concerns raised by the agency.", True),
    ],
)
def test_reject_and_dismiss_report_speech_only_about_something_said(nlp, sentence: str, is_cue: bool) -> None:
    from claimdiff.extract.attribution import find_attribution

    attribution = find_attribution(nlp(sentence)[:])
    assert (attribution is not None) is is_cue
    if attribution is not None:
        assert attribution.polarity == "deny"


@pytest.mark.model
def test_attribution_only_sentence_says_nothing(nlp) -> None:
    from claimdiff.extract.attribution import find_attribution

    assert not find_attribution(nlp("Obama wrote in a letter delivered Tuesday.")[:]).says
    assert find_attribution(nlp("Obama wrote that the bill was misguided.")[:]).says
    assert find_attribution(nlp("The bill is misguided, Obama wrote in a letter.")[:]).says


# --------------------------------------------------------------------------- relays and back-references (issue 11)

@pytest.mark.model
def test_a_report_cited_by_another_outlet_is_a_two_step_relay(nlp) -> None:
    sentence = ("Dockworkers in Baltimore said they did not know when ships would return, according to a report "
                "by the Harbor Ledger cited by Capital Wire.")
    found = attribution(nlp, sentence)
    assert found is not None and found.speaker.name == "Dockworkers in Baltimore"
    assert names(found) == ["Capital Wire", "Harbor Ledger", "Dockworkers in Baltimore"]
    assert content(sentence, found) == "they did not know when ships would return"


@pytest.mark.model
def test_a_stance_inside_a_statement_is_not_its_source(nlp) -> None:
    found = attribution(nlp, "The minister said he knows that 40 people died.")
    assert found is not None and found.speaker.mention == "The minister" and len(found.cites) == 1


@pytest.mark.model
def test_that_was_how_names_the_speaker_of_the_quote_before(nlp) -> None:
    from claimdiff.extract.claims import extract_claims
    from claimdiff.model import Article

    text = ('"Nobody here knows when the ships come back. We show up and we wait." That was how Marcus Bell, '
            'a crane operator who has worked the terminal for 14 years, described the morning.')
    claims = extract_claims(Article(source="a.txt", text=text, outlet="Harbor Ledger"), nlp)
    quote = next(c for c in claims if c.text.startswith('"Nobody'))
    assert quote.kind == "quote" and quote.speaker.name == "Marcus Bell"
    # The sentence naming him says nothing of his own.
    assert not any(c.speaker and c.speaker.name == "Marcus Bell" and "crane operator" in c.text for c in claims)


@pytest.mark.model
def test_a_speakers_undated_statements_take_the_date_of_the_briefing(nlp) -> None:
    from claimdiff.extract.claims import extract_claims
    from claimdiff.model import Article

    text = ("NTSB chair Jennifer Homendy said the ship was carrying 4,679 containers.\n\n"
            "Investigators have recovered the voyage data recorder, Homendy said at a briefing on Wednesday.\n\n"
            "The FBI has said there was no credible threat. The FBI said on Tuesday the site was secure.\n\n"
            "Moore said on Monday that 20 people were missing. Moore said on Tuesday that 6 had died. "
            "Moore said 8,000 jobs depend on the port.")
    article = Article(source="a.txt", text=text, outlet="Harbor Ledger", published="2024-03-27",
                      reference_date="2024-03-27")
    claims = {c.evidence_text[:20]: c for c in extract_claims(article, nlp)}
    assert claims["NTSB chair Jennifer "].statement_date == "2024-03-27"  # one briefing, one day
    assert claims["The FBI has said the"].statement_date is None  # said earlier
    assert claims["Moore said 8,000 job"].statement_date is None  # two days: which one?
