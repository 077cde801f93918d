"""The attribution word lists, read from ``lexicons/cues.jsonl`` and
``lexicons/speakers.jsonl``, and the surface forms of the cue verbs that the sentence
pre-filter looks for (built from the same lists, so the two cannot drift apart)."""

from __future__ import annotations

import re
from functools import cache

from ...lexicons import load, patterns

#: Verbs that report speech or a finding; they need a subject that can be a source.
REPORTING_VERBS = patterns("cues", "REPORTING_VERB")
#: Of those, verbs that only report speech when they take a clause or a quotation.
NEEDS_CLAUSE = patterns("cues", "NEEDS_CLAUSE")
#: Verbs that report speech whatever their subject ("Dockworkers said").
SPEECH_VERBS = patterns("cues", "SPEECH_VERB")
DENIAL_VERBS = patterns("cues", "DENIAL_VERB")
#: Verbs that report speech only when their object is something said ("rejected the
#: claims"), not an act ("rejected the veto").
OBJECT_VERBS = patterns("cues", "OBJECT_VERB")
SPEECH_OBJECTS = patterns("cues", "SPEECH_OBJECT")
#: Reporting verbs that present the content as an estimate or belief, not a fact.
HEDGING_VERBS = patterns("cues", "HEDGING_VERB")
#: Verbs that attribute a stance or intention, with a clause or infinitive ("wants to").
STANCE_VERBS = patterns("cues", "STANCE_VERB") | patterns("cues", "OBJECT_STANCE_VERB")
#: Verbs that take a stance on what their preposition governs: "called for a recount",
#: "voted against the bill", "lashed out at the press" (verb → its prepositions).
PREP_STANCE: dict[str, frozenset[str]] = {}
for _e in load("cues"):
    if _e["label"] == "PREP_STANCE":
        PREP_STANCE[_e["pattern"]] = PREP_STANCE.get(_e["pattern"], frozenset()) | {_e["prep"].split()[-1]}
STANCE_VERBS = STANCE_VERBS | frozenset(PREP_STANCE)
#: Verbs that report what someone believes or expects, not what a source says.
BELIEF_VERBS = patterns("cues", "BELIEF_VERB")
#: Cues of a mind's attitude: inside another cue's content they are part of what that
#: source said ("Clinton said she wanted to move forward"), never a relay to a new source.
ATTITUDE_VERBS = STANCE_VERBS | BELIEF_VERBS
#: Of those, verbs that take a side on an object ("criticized the plan").
OBJECT_STANCE_VERBS = patterns("cues", "OBJECT_STANCE_VERB")
#: Verbs that attribute a figure through their object ("X counted 30,000 passengers").
FIGURE_VERBS = patterns("cues", "FIGURE_VERB")
#: Nouns that carry a figure for their owner ("X's estimate", "figures from X").
FIGURE_NOUNS = patterns("cues", "FIGURE_NOUN")
#: Nouns whose owner said the "that" clause after them ("his claim that …").
CLAIM_NOUNS = patterns("cues", "CLAIM_NOUN")
#: Verbs by which a named source inside another cue's content speaks for itself, so the
#: outer cue relays it ("Yonhap reported that Shin told lawmakers …"); any other cue in
#: the content ("the videos show", "she noted", "Clinton once described") is part of
#: what the outer speaker said.
RELAY_VERBS = patterns("cues", "RELAY_VERB")
#: Verbs whose direct object is the hearer, not what was said ("told reporters that …").
ADDRESSEE_VERBS = patterns("cues", "ADDRESSEE_VERB")
#: Verbs whose subject wrote the document they govern ("which the agency submitted").
AUTHOR_VERBS = patterns("cues", "AUTHOR_VERB")
#: Multi-word and participle cues ("according to", "citing").
CUE_PHRASES = patterns("cues", "PHRASE")
#: Cues of statements that name no source ("is expected to", "seems to", "reportedly").
SOURCELESS_VERBS = patterns("cues", "SOURCELESS_PASSIVE") | patterns("cues", "SOURCELESS_RAISING")
SOURCELESS_ADVERBS = patterns("cues", "SOURCELESS_ADVERB")
#: Nouns that head a subject able to speak for itself.
SOURCE_NOUNS = patterns("speakers", "SOURCE_NOUN")
DOCUMENT_NOUNS = patterns("speakers", "DOCUMENT_NOUN")
#: "according to estimates/reports" names no one: it hedges.
GENERIC_SOURCES = patterns("speakers", "GENERIC_SOURCE")
ROLE_WORDS = patterns("speakers", "ROLE_WORD")
#: Words of a description that say nothing about which role it is ("the former minister").
ROLE_FILLER = patterns("speakers", "ROLE_FILLER")
#: Pronoun → "m", "f", "p" (plural) or "?".
PERSON_PRONOUNS = {e["pattern"]: e["gender"] for e in load("speakers") if e["label"] == "PRONOUN"}
#: Titles and roles that tell a person's gender ("Mrs", "spokeswoman") → "m"/"f".
GENDER_WORDS = {e["pattern"]: e["gender"] for e in load("speakers") if e["label"] == "GENDER_WORD"}
#: Irregular verb forms → lemma ("said" → "say").
IRREGULAR_FORMS = {e["pattern"]: e["lemma"] for e in load("cues") if e["label"] == "FORM"}

#: "Sanders: Clinton needs to get away from …", "PENCE: Well, look …": a line opened by
#: a speaker (a few capitalised words) and a colon (``cues.punctuation_credits`` decides).
CREDIT_LINE = re.compile(r"^[\"“]?(?P<name>[A-Z][\w.’'&-]*(?:\s+(?:[A-Z][\w.’'&-]*|of|on|the|and|for|de|van|von)){0,5})"
                         r"(?P<colon>:)\s+(?P<rest>\S.{8,})$", re.S)

_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def inflections(lemma: str) -> set[str]:
    """Every regular form a verb may take, generously (over-generating is harmless for a
    filter): "admit" → admit, admits, admitted, admitting, admited, …"""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if _CONSONANT_Y.search(lemma):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= {form for form, base in IRREGULAR_FORMS.items() if base == lemma}
    return forms


@cache
def cue_forms() -> frozenset[str]:
    """Surface forms (lower case) of every cue the extractor can use."""
    lemmas = REPORTING_VERBS | STANCE_VERBS | SOURCELESS_VERBS
    forms = {f for lemma in lemmas for f in inflections(lemma)}
    return frozenset(forms | {p.split()[0] for p in CUE_PHRASES} | SOURCELESS_ADVERBS)


def is_cue_form(word: str) -> bool:
    """True when ``word`` is a surface form of a cue verb the pre-filter knows."""
    return word.lower() in cue_forms()
