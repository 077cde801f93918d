"""The measure of an amount: what the number is, as event + object + place ("people
killed · Valencia", "homes destroyed · Lahaina", "votes cast · Ohio").

The event comes from the verb that governs the amount or its counted noun ("95 people
were killed", "destroyed 2,200 homes", "62 people remain missing"), or from a noun that
names a measure ("the death toll rose to 158", "211 fatalities").  Synonyms fold into one
event through ``lexicons/measures.jsonl`` (killed / dead / deaths / death toll /
fatalities; evacuated / displaced / forced from their homes …), and nouns that count
people (residents, civilians, villagers …) fold into "people".  The place is a proper
noun the event or the measured noun hangs off through "in"/"across"/"throughout"/"near".
Without a parse only the noun rule runs.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ...lexicons import alternation
from ..lexicon import load_jsonl
from .concepts import _depth, _object_token
from .tokens import _Found

logger = logging.getLogger(__name__)

__all__ = ["add_measures", "measure_of", "measure_parts", "measure_query", "KNOWN_EVENTS", "MEASURE_SEPARATOR"]

#: Between the event and the place in a measure: "people killed · Valencia".
MEASURE_SEPARATOR = " · "


def _rows(kind: str) -> dict[str, dict[str, Any]]:
    """``{pattern: row}`` for one kind of row in measures.jsonl."""
    return {row["pattern"]: row for row in load_jsonl("measures.jsonl") if row["kind"] == kind}


_VERBS = _rows("verb")
_NOUNS = _rows("noun")
_PERSONS = _rows("person")
_OBJECTS = {pattern: row["label"] for pattern, row in _rows("object").items()}
_PARTICIPLES = {pattern: row["label"] for pattern, row in _rows("participle").items()}
_NEUTRAL = frozenset(_rows("neutral"))
#: Verbs whose "for" object is sought, so missing: "searching for 20 people".
_SEEK = {pattern: row["label"] for pattern, row in _rows("seek").items()}
#: The events the lexicon names (killed, injured, displaced, missing …).
KNOWN_EVENTS = frozenset(row["label"] for kind in ("verb", "noun", "phrase") for row in _rows(kind).values())
_PHRASE_RE = re.compile(
    r"\b(" + alternation(_rows("phrase")) + r")\b", re.I)
_PHRASES = _rows("phrase")
_NOUN_RE = re.compile(
    r"\b(" + alternation(_NOUNS) + r")\b", re.I)
#: Prepositions that attach a place: "killed in Valencia", "homes across the county".
PLACE_PREPS = frozenset({"in", "across", "throughout", "near", "around", "outside"})
#: Entity types that are never a place (a mis-tagged place may read PERSON or ORG).
_NOT_PLACE = frozenset({"DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "NORP", "MONEY",
                        "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "PRODUCT"})
#: Arcs the search for a place does not cross: another clause says something else.
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "parataxis", "relcl", "xcomp", "csubj", "conj"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})
_IRREGULAR_PLURALS = {"child": "children", "man": "men", "woman": "women", "person": "people",
                      "foot": "feet", "tooth": "teeth", "mouse": "mice"}


def _plural(noun: str) -> str:
    """A plural of a lower-case singular noun ("home" → "homes", "family" → "families")."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "ch", "sh", "z")):
        return noun if noun.endswith("s") else noun + "es"
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _object_word(head: str | None) -> str | None:
    """The counted object as a measure names it: people-nouns fold to "people", synonyms
    to one word ("projectiles" → "shells")."""
    if not head:
        return None
    low = head.lower()
    if low in _PERSONS or _plural(low) in _PERSONS:
        return "people"
    return _OBJECTS.get(low) or _OBJECTS.get(_plural(low)) or _plural(low)


def _noun_event(text: str | None) -> str | None:
    """The event a noun phrase names ("the death toll" → killed), or None."""
    if not text:
        return None
    m = _NOUN_RE.search(text)
    return _NOUNS[m.group(1).lower()]["label"] if m else None


_DOUBLES_RE = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprt]$")


def _participle(verb: Any) -> str:
    """A verb as an event, in its past participle: "destroyed", "cast", "carried", "held"."""
    lemma = (verb.lemma_ or verb.lower_).lower()
    if lemma in _PARTICIPLES:
        return _PARTICIPLES[lemma]
    if verb.tag_ in ("VBN", "VBD") and verb.lower_.endswith("ed"):
        return verb.lower_
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if _DOUBLES_RE.match(lemma):  # "ship" → "shipped", "plan" → "planned"
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _verb_event(verb: Any) -> tuple[str | None, bool]:
    """The event a governing verb names, and whether its object defaults to people."""
    clause = " ".join(t.lower_ for t in verb.subtree if t.i >= verb.i)
    phrase = _PHRASE_RE.search(clause)
    if phrase:
        return _PHRASES[phrase.group(1).lower()]["label"], True
    lemma = (verb.lemma_ or verb.lower_).lower()
    if lemma in _VERBS:
        return _VERBS[lemma]["label"], bool(_VERBS[lemma].get("people"))
    for child in verb.children:  # "62 people remain missing", "were left homeless"
        if child.dep_ in ("acomp", "oprd", "xcomp") and _noun_event(child.lower_):
            return _noun_event(child.lower_), True
    if lemma in _NEUTRAL or verb.pos_ != "VERB":
        return None, False
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "acomp", "advmod", "oprd")
                     and c.i == verb.i + 1 and c.pos_ in ("ADP", "ADJ", "PART")), None)  # "run dry", "shut down"
    return _participle(verb) + (f" {particle}" if particle else ""), False


def _governing_verb(start: Any) -> Any:
    """The verb whose subject or object is ``start`` (through a relative or reduced clause:
    "95 people who died", "homes destroyed by the fire"), else None."""
    for child in start.children:
        if child.dep_ in ("relcl", "acl") and child.pos_ == "VERB":
            return child
    node = start
    if node.dep_ in _ARGUMENT_DEPS and node.head.pos_ in ("VERB", "AUX"):
        return node.head
    if node.dep_ == "pobj" and node.head.dep_ == "agent":
        return node.head.head
    return None


def _clause_verb(start: Any) -> Any:
    """The verb whose subject or object ``start`` is in its own clause, else None."""
    if start.dep_ in _ARGUMENT_DEPS and start.head.pos_ in ("VERB", "AUX"):
        return start.head
    return None


def _place_text(tok: Any) -> str:
    """The words of a place: the entity around ``tok``, else the token and its compounds."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("GPE", "LOC", "FAC"):
            return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    first = left[0] if left else tok
    return tok.doc[first.i:tok.i + 1].text


def _place(roots: list[Any]) -> str | None:
    """A proper noun attached to the roots by a place preposition, nearest first."""
    frontier = [(r, 0) for r in roots if r is not None]
    seen: set[int] = set()
    while frontier:
        node, depth = frontier.pop(0)
        if node.i in seen or depth > 4:
            continue
        seen.add(node.i)
        if node.dep_ == "pobj" and node.head.lower_ in PLACE_PREPS and node.pos_ == "PROPN" \
                and node.ent_type_ not in _NOT_PLACE:
            return _place_text(node)
        frontier.extend((c, depth + 1) for c in node.children if c.dep_ not in _CLAUSE_DEPS)
    return None


def _sought(anchor: Any) -> str | None:
    """The event of a noun that is searched for ("rescuers were searching for 20 people"
    → missing), else None."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ != "for" or prep.head.pos_ != "VERB":
        return None
    return _SEEK.get((prep.head.lemma_ or "").lower())


def measure_of(item: _Found, number: Any, noun: Any, concept: Any) -> str | None:
    """The measure of one amount from its parse: the amount's root token ``number``, its
    counted noun ``noun`` and the token of its concept ``concept`` (each may be None).

    Event + object + place; a counted object with no event is its own measure ("shells"),
    an amount with a unit needs an event that counts people ("the toll of 211")."""
    event = _noun_event(item.object) if item.object else None
    people = event is not None
    anchor = noun if noun is not None else number
    verb = _governing_verb(anchor) if anchor is not None else None
    if verb is None and noun is not None and number is not None:  # "56 of those containers held ..."
        verb = _governing_verb(number)
    if event is None and verb is not None:
        event, people = _verb_event(verb)
        main = _clause_verb(anchor) if verb.dep_ in ("relcl", "acl") else None
        if main is not None and event not in KNOWN_EVENTS:
            # "Six workers who were filling potholes are presumed dead": the clause that
            # describes the workers says less than the one that counts them.
            other, other_people = _verb_event(main)
            if other in KNOWN_EVENTS:
                event, people = other, other_people
    if event not in KNOWN_EVENTS and anchor is not None and _sought(anchor):
        event, people = _sought(anchor), True
    if event is None and concept is not None:
        event = _noun_event(concept.doc[concept.left_edge.i:concept.i + 1].text)
        people = event is not None
    if item.unit is not None and not people:
        return None
    obj = None if people and item.object and _noun_event(item.object) else _object_word(item.object_head)
    if people and (obj is None or obj == "people"):
        obj = "people"
    if obj is None:
        return None
    holder = concept.head if concept is not None and verb is None and concept.head.pos_ == "VERB" else None
    place = _place([verb, noun, concept, holder])
    words = f"{obj} {event}" if event else obj
    return words + (f"{MEASURE_SEPARATOR}{place}" if place else "")


def measure_parts(measure: str | None) -> tuple[str | None, str | None, str | None]:
    """``(object, event, place)`` of a measure ("people killed · Valencia" → people, killed,
    Valencia; "shells" → shells, None, None); all None without a measure."""
    if not measure:
        return None, None, None
    words, _, place = measure.partition(MEASURE_SEPARATOR)
    obj, _, event = words.partition(" ")
    return obj, event or None, place or None


def measure_from_words(item: _Found) -> str | None:
    """The measure without a parse: only nouns that name one ("158 deaths")."""
    event = _noun_event(item.object) or _noun_event(item.concept)
    return f"people {event}" if event and item.unit is None else None


def measure_query(query: str) -> str:
    """A timeline query in measure words: "death toll" → "people killed", "evacuated" →
    "people displaced"; any other query unchanged (lower case)."""
    low = " ".join(query.lower().split())
    event = _noun_event(low)
    for lemma in (low, low.removesuffix("d"), low.removesuffix("ed")):
        if event is None and lemma in _VERBS and _VERBS[lemma].get("people"):
            event = _VERBS[lemma]["label"]
    return f"people {event}" if event else low


def _amount_root(item: _Found, toks: list[tuple[int, int, Any]]) -> Any:
    """The token of the amount nearest the root of the parse, or None."""
    inside = [tok for s, e, tok in toks if s < item.end and item.start < e]
    ids = {tok.i for tok in inside}
    roots = [tok for tok in inside if tok.head.i not in ids or tok.head.i == tok.i]
    return min(roots, key=lambda t: (_depth(t), t.i)) if roots else None


def add_measures(text: str, found: list[_Found], toks: list[tuple[int, int, Any]] | None) -> None:
    """Fill ``measure`` for every amount (from the parse when there is one)."""
    for item in found:
        if toks is None:
            item.measure = measure_from_words(item)
            continue
        try:
            noun = _object_token(text, item, toks) if item.object else None
            item.measure = measure_of(item, _amount_root(item, toks), noun, item.concept_token)
        except (ValueError, IndexError, AttributeError) as exc:  # pragma: no cover - defensive
            logger.debug("measure lookup failed: %s", exc)
