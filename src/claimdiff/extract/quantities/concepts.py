"""What an amount measures (its concept) and whether it is a rise or a fall (change), from
the dependency parse; plus levels of stock indices and signed changes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from .lexicon import (
    CHANGE_DOWN,
    CHANGE_UP,
    EMPTY_PRONOUNS,
    ESTIMATE_VERBS,
    HOLDER_NOUNS,
    INDEX_MEMBER_COUNTS,
    LIGHT_CONCEPT_NOUNS,
    TIME_NOUNS,
)
from .tokens import _Found

logger = logging.getLogger(__name__)


#: Prepositions that mark the amount as the size of the change ("rose by 3%").
_CHANGE_PREPS = {"by"}
#: Prepositions that mark a level, not a change ("rose to $5", "up from 3", "closed at 9").
_LEVEL_PREPS = {"to", "at", "from", "of", "near", "around", "above", "below", "under", "over"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
_RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose", "what"}
#: Subject pronouns that, in a reported clause, stand for the reporting verb's subject.
_THIRD_PERSON = frozenset({"it", "they", "he", "she"})


#: Left modifiers kept in a concept phrase ("the benchmark Merval index").
_PHRASE_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "npadvmod", "quantmod", "punct"}
CONCEPT_MAX_WORDS = 8
_CLIMB_LIMIT = 8
#: Arcs climbed from a concept noun to the verb whose subject holds it.
_HOLDER_CLIMB = 4


#: The possessive ending of a word in a concept: it names no part of what is measured.
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s?(?=\s|$)")

#: "of" + a possessive after an amount: a share of the subject's own whole, not what is measured.
_OF_OWN_RE = re.compile(r"\s+of\s+(?:its|their|his|her|our|my|your)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Climb:
    """A walk up the dependency parse from an amount: where it is, the arc it came up by,
    whether it passed a level preposition, and the change and concept found so far."""

    node: Any
    anchor: Any
    amounts: set[int]
    came_from: str = ""
    via_level: bool = False
    change: str | None = None
    concept: Any = None

    def up(self, node: Any, came_from: str) -> bool:
        """Move to ``node``, having come by ``came_from``; keep climbing."""
        self.node, self.came_from = node, came_from
        return True


def _verb_step(climb: _Climb) -> bool:
    """At a verb: its subject, the noun a relative clause modifies or its object is the
    concept; an open complement or conjunct climbs on.  True to keep climbing."""
    node, amounts = climb.node, climb.amounts
    if climb.came_from in _SUBJECT_DEPS:
        return False  # the amount is the subject: what it measures is its own noun
    found = None
    if climb.came_from == "at":  # "estimated the cost at $1.2 billion", "put losses at 3%"
        found = next((c for c in node.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")
                      and c.i not in amounts and c.lower_ not in EMPTY_PRONOUNS), None)
    if climb.came_from == "prep" and _change_of(node) is not None:  # "raised its rate by 0.25 points"
        found = next((c for c in node.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")
                      and c.i not in amounts and c.lower_ not in EMPTY_PRONOUNS), None)
    found = found or _subject_of(node, amounts)
    if found is None and node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN") \
            and node.head.i not in amounts:
        found = node.head
    if found is None and node.dep_ not in ("xcomp", "conj", "advcl", "pcomp"):
        found = _complement_of(node, amounts)  # "extend the runway by 40 metres", "paid $12,900 for a licence"
    if found is not None:
        climb.concept = found
        return False
    if node.dep_ in ("xcomp", "conj", "advcl", "pcomp") and node.head.i != node.i:
        return climb.up(node.head, node.dep_)
    return False


def _prep_step(climb: _Climb, item: _Found, ids: set[int], counted: bool) -> bool:
    """From the object of a preposition: a noun it hangs off is the concept ("a stake of
    5%"); "by" marks a change, "to"/"at"/"from" a level.  True to keep climbing."""
    prep = climb.node.head
    word, grand = prep.lower_, prep.head
    if grand.pos_ in ("NOUN", "PROPN") and grand.i not in climb.amounts:
        if not (counted and word != "of"):
            climb.concept = grand
        return False
    if word == "from" and item.value_max is not None:
        pass  # "fell from $3,180 to $3,040": the range is the movement itself
    elif word == "to" and not climb.via_level and climb.change is None and not _has_change_amount(grand, ids):
        climb.via_level = True  # "increased to $5bn": the level reached is all the text says
        climb.change = _change_of(grand)
    elif word in _LEVEL_PREPS:
        climb.via_level = True
    elif word in _CHANGE_PREPS and not climb.via_level and climb.change is None:
        climb.change = _change_of(grand)
    return climb.up(grand, "at" if word == "at" else "prep")


#: Arcs by which an amount states the size of its head's change ("rose 5%", "up 3%").
_CHANGE_DEPS = frozenset({"dobj", "npadvmod", "advmod", "attr", "nummod", "quantmod", "acomp", "oprd", "prt",
                          "appos", "conj", "dep"})


def _step(climb: _Climb, item: _Found, ids: set[int], counted: bool) -> bool:
    """One arc up from a non-verb node.  True to keep climbing."""
    node = climb.node
    if node is not climb.anchor and node.pos_ in ("VERB", "AUX"):
        return _verb_step(climb)
    dep, head = node.dep_, node.head
    if head.i == node.i:
        return False
    if head.lower_ in TIME_NOUNS and head.dep_ in ("npadvmod", "advmod") and head.head.pos_ in ("VERB", "AUX"):
        return climb.up(head, dep)  # "rose 7% year on year": the period, not what is measured
    if dep not in ("conj", "pobj", "prep") and head.pos_ in ("NOUN", "PROPN") and head.i not in climb.amounts:
        climb.concept = head
        return False
    if dep == "conj" or head.i in climb.amounts:
        return climb.up(head, dep)
    if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent", "dative"):
        return _prep_step(climb, item, ids, counted)
    if dep == "prep":
        return climb.up(head, dep)
    if head.pos_ in ("VERB", "AUX", "ADJ", "ADV", "ADP") or dep in ("advmod", "acomp", "prt"):
        if climb.change is None and not climb.via_level and dep in _CHANGE_DEPS:
            climb.change = _change_of(head)
        return climb.up(head, dep)
    return False


def _concept_and_change(text: str, item: _Found, toks: list[tuple[int, int, Any]],
                        others: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    """Fill ``item.concept`` and ``item.change`` by walking up the dependency parse.

    The walk starts at the amount's syntactic root (or at the counted noun) and climbs:
    a noun the amount modifies ("a $60 billion aid request") or hangs off through a
    preposition ("a stake of 5%") is the concept; a verb's subject is the concept
    ("The gauge was up 12 per cent", "Revenue rose to $5bn"), through relative clauses
    to the noun they modify.  On the way, a verb or adverb of rising or falling whose
    object, adverbial or "by" complement is the amount sets ``change``; an amount after
    "to"/"at"/"from" is a level, not a change.
    """
    inside = [tok for s, e, tok in toks if s < item.end and item.start < e]
    ids = {tok.i for tok in inside}
    roots = [tok for tok in inside if tok.head.i not in ids or tok.head.i == tok.i]
    if not roots:
        return
    anchor = min(roots, key=lambda t: (_depth(t), t.i))
    counted = item.unit is None and item.object is not None
    head = _object_token(text, item, toks) if counted else None
    if head is not None:
        ids = ids | {t.i for t in head.subtree if t.i <= head.i}
        anchor = head
    # other amounts are passed through: "21.4 points, 8.2 rebounds", "$2.6bn (£2.1bn)"
    climb = _Climb(node=anchor, anchor=anchor, amounts=ids | (set(others) - ids))
    for _ in range(_CLIMB_LIMIT):
        if not _step(climb, item, ids, counted):
            break
    if climb.change is not None and not counted:
        item.change = climb.change
    if item.of_object and item.unit is not None and item.object and not _OF_OWN_RE.match(text, item.end) and (
            climb.concept is None or anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "ROOT")):
        # "dumped 30 centimetres of snow", "40% of voters backed it": the "of" noun is what
        # is measured (but "reservoirs are at 40 percent of capacity" and "reservoirs hold
        # 41 percent of their capacity" measure reservoirs)
        item.concept = item.object
        return
    if climb.concept is not None:
        climb.concept = _past_light_noun(climb.concept, climb.amounts)
        item.concept_token = climb.concept
        phrase = _concept_phrase(text, climb.concept, climb.amounts, toks)
        holder = _holder_phrase(text, climb.concept, climb.amounts, toks) if phrase else None
        if holder:
            phrase = f"{phrase} of {holder}"  # "revenue of Apple", "effective tax rate of Bush"
        if phrase:
            item.concept = _POSSESSIVE_RE.sub("", phrase)  # "Norvik's revenue" → "Norvik revenue"


def _concepts(text: str, found: list[_Found], toks: list[tuple[int, int, Any]]) -> None:
    """Fill concept and change for every amount, each knowing where the others are."""
    spans = [{tok.i for s, e, tok in toks if s < item.end and item.start < e} for item in found]
    # a counted noun belongs to its amount: in "4,000 shareholders voted, along with 200
    # investors" "shareholders" is not what 200 investors measure (but in "2,300 wells ran
    # dry, up from 1,100" the bare 1,100 counts wells)
    heads = [_object_token(text, item, toks) if item.unit is None and item.object else None for item in found]
    for k, item in enumerate(found):
        others = set().union(*(ids for j, ids in enumerate(spans) if j != k)) if len(spans) > 1 else set()
        if heads[k] is not None:
            others |= {h.i for j, h in enumerate(heads) if j != k and h is not None}
        try:
            _concept_and_change(text, item, toks, others)
        except (ValueError, IndexError, AttributeError) as exc:  # pragma: no cover - defensive
            logger.debug("concept lookup failed: %s", exc)


#: The words between two amounts of a gapped clause: ", the Dow 0.3%", " and Italy 0.3 percent".
_GAP_LINK_RE = re.compile(r"^\s*(?:,\s*(?:and\s+|while\s+|but\s+)?|\s(?:and|while|but|whereas)\s+)(?:the\s+)?$",
                          re.IGNORECASE)
_GAP_NOUN_WORDS = 4


def _gapped_clauses(text: str, found: list[_Found], toks: list[tuple[int, int, Any]]) -> None:
    """An amount right after a noun phrase that follows an earlier amount's clause, with the
    verb left out ("The S&P 500 rose 0.5%, the Dow 0.3% and the Nasdaq 0.9%"; "Germany grew
    1.2 percent, France 0.8 percent"), measures that noun phrase, and moves as the first did."""
    ordered = sorted(found, key=lambda f: f.start)
    parsed = [item.concept for item in ordered]  # as the parse gave them, before this pass
    for k, (prev, cur) in enumerate(zip(ordered, ordered[1:])):
        if prev.concept is None:
            continue
        words = [tok for s, e, tok in toks if prev.end <= s and e <= cur.start]
        nouns = [tok for tok in words if tok.pos_ in ("NOUN", "PROPN", "ADJ", "DET")]
        phrase = [tok for tok in nouns if tok.pos_ != "DET"]
        if not phrase or len(phrase) > _GAP_NOUN_WORDS or phrase[-1].pos_ not in ("NOUN", "PROPN") \
                or phrase[-1].i + 1 != _first_index(cur, toks):
            continue
        start = (nouns[0] if nouns[0].pos_ != "DET" else phrase[0]).i
        if any(tok.i >= start and tok.pos_ not in ("NOUN", "PROPN", "ADJ") for tok in words) \
                or not _GAP_LINK_RE.match(text[prev.end:_offset(words, start, toks)]):
            continue
        named = text[_offset(words, start, toks):_offset(words, phrase[-1].i, toks) + len(phrase[-1].text)]
        if cur.concept not in (None, parsed[k]) and not cur.concept.startswith(named):
            continue
        cur.concept, cur.concept_token = named, phrase[-1]
        cur.change = cur.change or prev.change


def _first_index(item: _Found, toks: list[tuple[int, int, Any]]) -> int:
    """The parse index of the first token of ``item``, or -1."""
    return next((tok.i for s, e, tok in toks if s >= item.start), -1)


def _offset(words: list[Any], index: int, toks: list[tuple[int, int, Any]]) -> int:
    """The character offset (in the text the finder was given) of parse token ``index``."""
    return next(s for s, e, tok in toks if tok.i == index)


def _past_light_noun(tok: Any, ids: set[int]) -> Any:
    """The "of" noun after a light noun ("the value of the front factor" → "factor"),
    else ``tok``."""
    if (tok.lemma_ or tok.lower_).lower() not in LIGHT_CONCEPT_NOUNS:
        return tok
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.i not in ids:
                return obj
    return tok


def _has_change_amount(verb: Any, ids: set[int]) -> bool:
    """True when ``verb`` states its own amount of change ("rose 5% to ...", "rose by 5%")."""
    for child in verb.children:
        if child.i in ids:
            continue
        if child.dep_ in ("dobj", "npadvmod", "attr") and any(t.like_num for t in child.subtree):
            return True
        if child.dep_ == "prep" and child.lower_ == "by":
            return True
        if child.dep_ == "advmod" and child.lower_ in ("up", "down") and any(t.like_num for t in child.subtree):
            return True
    return False


def _depth(tok: Any) -> int:
    """Number of arcs from ``tok`` up to its sentence root."""
    depth = 0
    while tok.head.i != tok.i and depth < 100:
        tok = tok.head
        depth += 1
    return depth


def _object_token(text: str, item: _Found, toks: list[tuple[int, int, Any]]) -> Any:
    """The spaCy token of the counted object's head noun, or None."""
    if not item.object:
        return None
    start = text.find(item.object, item.end)
    if start < 0:
        return None
    end = start + len(item.object)
    for s, e, tok in toks:
        if e == end and s >= start:
            return tok
    return None


def _change_of(tok: Any) -> str | None:
    """"up"/"down" for a verb or adverb of change (with its particle: "edged down")."""
    for child in tok.children:
        if child.dep_ in ("prt", "advmod") and child.lower_ in ("up", "higher", "upward", "upwards"):
            return "up"
        if child.dep_ in ("prt", "advmod") and child.lower_ in ("down", "lower", "downward", "downwards"):
            return "down"
    lemma = (tok.lemma_ or tok.lower_).lower()
    if lemma in CHANGE_UP or tok.lower_ in CHANGE_UP:
        return "up"
    if lemma in CHANGE_DOWN or tok.lower_ in CHANGE_DOWN:
        return "down"
    return None


def _complement_of(verb: Any, ids: set[int]) -> Any:
    """A verb's object, or else its "for"/"on" complement, when the amount is in neither."""
    for deps, preps in ((("dobj",), ()), (("prep",), ("for", "on"))):
        for child in verb.children:
            if child.dep_ not in deps or any(t.i in ids for t in child.subtree):
                continue
            if preps:
                if child.lower_ not in preps:
                    continue
                child = next((c for c in child.children if c.dep_ == "pobj"), None)
                if child is None:
                    continue
            if child.pos_ in ("NOUN", "PROPN") and child.lower_ not in EMPTY_PRONOUNS \
                    and child.ent_type_ not in ("DATE", "TIME") \
                    and child.lower_ not in TIME_NOUNS:  # "17 new cases on Friday", "rose 7% year on year"
                return child
    return None


def _subject_of(verb: Any, ids: set[int]) -> Any:
    """The subject of ``verb`` (resolving a relative pronoun), skipping empty pronouns."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i not in ids:
            low = child.lower_
            if low in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head
            if low in _THIRD_PERSON and verb.dep_ == "ccomp" and verb.head.pos_ in ("VERB", "AUX"):
                # "Apple said it would invest $5 billion": "it" is most likely the speaker
                antecedent = _subject_of(verb.head, ids)
                return antecedent if antecedent is not None and antecedent.pos_ in ("NOUN", "PROPN") else None
            if child.pos_ == "PRON" or low in EMPTY_PRONOUNS:
                return None
            if child.pos_ in ("NOUN", "PROPN", "NUM", "X", "ADJ"):
                return child
            return None
    return None


def _holder_phrase(text: str, concept: Any, ids: set[int], toks: list[tuple[int, int, Any]]) -> str | None:
    """Whose the concept is, when the concept is a verb's object or complement and the verb
    has a subject: "Apple" in "Apple reported revenue of $90 billion", "Bush" in "Bush paid
    an effective tax rate of 36 percent"; None when the concept is itself the subject or the
    verb only estimates the amount ("Officials estimated the cost at $1.2 billion")."""
    if concept.dep_ in _SUBJECT_DEPS:
        return None
    verb = concept.head
    for _ in range(_HOLDER_CLIMB):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or (verb.lemma_ or verb.lower_).lower() in ESTIMATE_VERBS:
        return None
    subject = _subject_of(verb, ids)
    if subject is None or subject.i in {t.i for t in concept.subtree} or concept.i in {t.i for t in subject.subtree}:
        return None
    if not _can_hold(subject):
        return None  # "the sample had a power of 90%", "Diabetes was defined by glucose of 7 mmol/L"
    phrase = _concept_phrase(text, subject, ids, toks)
    if phrase and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        phrase = f"the {phrase}"  # "parking fee of the council"
    return phrase


#: Named-entity types of a subject that can hold an amount.
_HOLDER_ENTS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC"})


def _can_hold(subject: Any) -> bool:
    """True when a verb's subject is a body or a person that can own an amount: a name
    (organisation, person, place) or a noun such as "company", "council", "bank"."""
    return subject.ent_type_ in _HOLDER_ENTS or (subject.lemma_ or subject.lower_).lower() in HOLDER_NOUNS \
        or subject.lower_ in HOLDER_NOUNS


def _concept_phrase(text: str, head: Any, ids: set[int], toks: list[tuple[int, int, Any]]) -> str | None:
    """The words of the noun phrase headed by ``head``: left modifiers, head and its
    prepositional complements."""
    if head.pos_ == "PRON" or head.lower_ in EMPTY_PRONOUNS or not any(ch.isalpha() for ch in head.text):
        return None
    left = [head]
    frontier = [head]
    while frontier:
        tok = frontier.pop()
        for child in tok.lefts:
            if child.dep_ in _PHRASE_LEFT_DEPS and child.i not in ids and child.pos_ not in ("DET",) \
                    and child.lower_ not in EMPTY_PRONOUNS \
                    and (_in_index_name(child) or not child.like_num and child.pos_ != "NUM"):
                left.append(child)
                frontier.append(child)
    start_i = min(t.i for t in left)
    # stop at the amount itself or punctuation that is not inside a word ("S&P/TSX")
    kept = [t for t in left if t.i >= start_i]
    first = head
    for tok in sorted(kept, key=lambda t: -t.i):
        if tok.i > head.i:
            continue
        between = [t for t in head.doc[tok.i:head.i] if t.i in ids or t.like_num and not _in_index_name(t)]
        if between:
            break
        first = tok
    words_start, words_end = first.idx, max(_complement_end(head, ids), _index_name_end(head, ids))
    base = toks[0][2].idx - toks[0][0] if toks else 0
    phrase = text[words_start - base:words_end - base].strip(" ,;:-–—'\"“”")
    words = phrase.split()
    if not words or len(words) > CONCEPT_MAX_WORDS + 4:
        phrase = head.text
    return phrase or None


def _in_index_name(tok: Any) -> bool:
    """True for the member count in a stock index's name ("500" in "S&P 500")."""
    if tok.i == 0 or not tok.text.isdigit():
        return False
    return int(tok.text) in INDEX_MEMBER_COUNTS.get(tok.doc[tok.i - 1].lower_, frozenset())


def _index_name_end(head: Any, ids: set[int]) -> int:
    """Where a stock index's name ends when its member count follows the head ("S&P 500",
    "FTSE 100", "Nikkei 225"): the number is part of the name; else the head's end."""
    end = head.idx + len(head.text)
    if head.i + 1 >= len(head.doc):
        return end
    nxt = head.doc[head.i + 1]
    sizes = INDEX_MEMBER_COUNTS.get(head.lower_, frozenset())
    if nxt.i not in ids and nxt.text.isdigit() and int(nxt.text) in sizes:
        return nxt.idx + len(nxt.text)
    return end


#: Prepositions whose noun completes a concept phrase: "the price of crude for March
#: delivery", "shipments to Chile", "sales in Europe".
_COMPLEMENT_PREPS = frozenset({"of", "to", "in", "for", "from", "on", "at"})


def _complement_end(head: Any, ids: set[int]) -> int:
    """Where the noun phrase headed by ``head`` ends, its prepositional complements
    included ("the price of Brent crude for March delivery"); a complement that holds an
    amount or names a date, and anything after a comma or a clause, end it."""
    end = head.idx + len(head.text)
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ not in _COMPLEMENT_PREPS or child.i in ids:
            break
        obj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in ("DATE", "TIME") \
                or any(t.i in ids or t.like_num for t in obj.subtree):
            break
        end = _complement_end(obj, ids)
    return end


#: Units for which a written sign marks a change ("Dow +0.2%", "FTSE -0.6%").
_SIGNED_CHANGE_UNITS = {"percent", "percentage_point", "basis_point", "point"}


_INDEX_CUE_RE = re.compile(
    r"\b(?:index|indices|indexes|S&P|Dow|Nasdaq|NASDAQ|FTSE|Nikkei|TSX|Stoxx|STOXX|DAX|CAC|Hang\s+Seng|Kospi|KOSPI"
    r"|Sensex|Nifty|TA-\d+|blue[- ]chip|Stock\s+Exchange)")
_LEVEL_BEFORE_RE = re.compile(r"(?:\b(?:to|at|of)\s+|\(\s*)$")


def _index_levels(text: str, found: list[_Found]) -> None:
    """A bare figure that a stock index moved to or closed at, in a sentence that counts the
    index's moves in points, is a level in points (the text elides the unit): "The Nasdaq
    gained 51.37 points to 6,208.45"; "... lost 212.4 points, while the Merval added 0.3% to
    2,875.66"."""
    if not any(f.unit == "point" for f in found):
        return
    for item in found:
        if item.unit is not None or item.object is not None or item.vague or item.value is None \
                or item.value_max is not None or item.value < 100:
            continue
        surface = text[item.start:item.end]
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+\.\d{1,2}", surface):
            continue
        before = text[:item.start]
        if not _LEVEL_BEFORE_RE.search(before):
            continue
        clause = re.split(r"[.;!?]\s", before)[-1]
        if _INDEX_CUE_RE.search(clause):
            item.unit = "point"


def _signed_changes(text: str, found: list[_Found]) -> None:
    """A leading "+" or "-" on a percentage or point figure marks a rise or fall."""
    for item in found:
        if item.change is not None or item.unit not in _SIGNED_CHANGE_UNITS or item.value is None:
            continue
        if item.value_max is not None:
            continue
        before = text[item.start - 1:item.start] if item.start > 0 else ""
        if before == "+" or text[item.start:item.start + 1] == "+":
            item.change = "up"
        elif item.value < 0 and text[item.start:item.start + 1] in ("-", "−"):
            item.change = "down"


def _share_conversions(text: str, found: list[_Found]) -> None:
    """A conversion in brackets ("1.8 billion miles (2.8bn km)") measures the same thing as
    the amount before it: it takes that amount's concept and change."""
    ordered = sorted(found, key=lambda f: f.start)
    for prev, cur in zip(ordered, ordered[1:]):
        if re.fullmatch(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+)?", text[prev.end:cur.start]) is None:
            continue
        if cur.concept is None and cur.object is None:
            cur.concept = prev.concept
        if cur.change is None:
            cur.change = prev.change
