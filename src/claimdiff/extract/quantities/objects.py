"""The counted object of an amount ("6,700 containers"), lists joined by "and"/"or", and
units or nouns the text elides ("5 or $6", "two-, three- and four-bedroom")."""

from __future__ import annotations

import re
from typing import Any

from .lexicon import OBJECT_MAX_WORDS, OBJECT_STOP, QUALIFIER_FORMS, UNIT_FORMS
from .tokens import _Found, _singular, _Tok, _token_after


def _index_tokens(tokens: Any, text: str) -> list[tuple[int, int, Any]] | None:
    """Return (start, end, token) in ``text`` coordinates for a spaCy Doc/Span, else None."""
    if tokens is None:
        return None
    try:
        base = getattr(tokens, "start_char", 0) or 0
        out = []
        for tok in tokens:
            start = tok.idx - base
            out.append((start, start + len(tok.text), tok))
        if out and text[out[0][0]:out[0][1]] != out[0][2].text:
            return None
        return out
    except (AttributeError, TypeError):
        return None


_OBJECT_POS = {"NOUN", "PROPN", "ADJ", "NUM", "VERB", "X", "SYM"}


#: A reference mark glued to a word: "containers.[29]", "shells[4]".
_CITATION_RE = re.compile(r"\.?\[.*$")
#: Determiners of the whole in a part-of-whole count: "1,300 of its workers".
_PARTITIVE_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "these", "those", "whose"})
#: Units after which "of" does not introduce what is measured ("aged 40 of ...").
_NO_OF_OBJECT_UNITS = frozenset({"year_of_age", "month_of_age", "week_of_age", "day_of_age", "times"})


def _measures_a_thing(unit: str | None) -> bool:
    """True when "<amount> <unit> of X" measures X: "30 centimetres of snow", "40% of
    voters", "$2 billion of debt", "5 million barrels of oil", "a third of the pupils"."""
    return unit is not None and unit not in _NO_OF_OBJECT_UNITS


#: Words that open a time expression after an amount ("210,000 last week").
_TIME_DETERMINERS = frozenset({"last", "next", "this"})


def _object_from_tokens(text: str, item: _Found, toks: list[tuple[int, int, Any]]) -> None:
    """Fill object/object_head/detail using spaCy tags after the amount."""
    after = [t for t in toks if t[0] >= item.end]
    if not after:
        return
    # vague amounts: "thousands of troops" → skip "of"; a part of a whole: "1,300 of its
    # 9,000 workers", "12 of the victims" → skip "of", the determiner and the whole's size
    partitive = item.unit is None and not item.vague and len(after) > 2 and after[0][2].lower_ == "of" \
        and after[1][2].lower_ in _PARTITIVE_DETERMINERS
    if after[0][2].lower_ == "of" and (item.vague or _measures_a_thing(item.unit) or partitive):
        after = after[1:]
        while after and (after[0][2].pos_ == "DET" or after[0][2].lower_ in _PARTITIVE_DETERMINERS
                         or (partitive and after[0][2].like_num)):
            after = after[1:]
        of_object = item.of_object = True
    else:
        of_object = False
    chain: list[tuple[int, int, Any]] = []
    head_index = -1
    for k, (s, e, tok) in enumerate(after):
        if k > 0 and s > after[k - 1][1] + 1:
            break
        pos = tok.pos_
        if pos == "PUNCT" and tok.text in ("-",) and chain and s == chain[-1][1]:
            chain.append((s, e, tok))
            continue
        if pos not in _OBJECT_POS and not (pos == "ADV" and tok.dep_ == "amod"):
            break
        if pos == "VERB" and tok.dep_ not in ("amod", "compound") and tok.tag_ not in ("VBN", "VBG"):
            break
        if pos == "VERB" and tok.tag_ in ("VBN", "VBG") and tok.dep_ not in ("amod", "compound"):
            break
        if pos == "NUM" and not re.match(r"^\d+(?:\.\d+)?(?:-?mm)?$", tok.text) and tok.text.lower() != "mm":
            break
        chain.append((s, e, tok))
        if pos in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod") and k > 0 or (
            pos in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod")
            and (k + 1 >= len(after) or after[k + 1][2].pos_ not in ("NOUN", "PROPN"))
        ):
            head_index = len(chain) - 1
            break
        if pos in ("NOUN", "PROPN"):
            head_index = len(chain) - 1
        if len(chain) >= OBJECT_MAX_WORDS + 1:
            break
    if head_index < 0 or chain[0][2].lower_ in _TIME_DETERMINERS:
        return  # "fell to 210,000 last week": a time, not what is counted
    chain = chain[: head_index + 1]
    # a currency/unit-word head (e.g. "dollars") is not an object
    head_tok = chain[-1][2]
    if head_tok.lower_ in UNIT_FORMS and chain[-1][0] == item.end + 1 and item.unit is not None:
        return
    if not any(ch.isalpha() for ch in head_tok.text):
        return  # "69 ± 3°": a symbol is not what is counted
    item.object = _CITATION_RE.sub("", text[chain[0][0]:chain[-1][1]]).rstrip(".")
    lemma = head_tok.lemma_.lower() if head_tok.lemma_ else head_tok.lower_
    head = lemma if head_tok.pos_ != "PROPN" else _singular(head_tok.text)
    item.object_head = _CITATION_RE.sub("", head).rstrip(".")
    if not of_object:
        item.detail = _detail_from_tokens(text, toks, chain[-1][1])


def _detail_from_tokens(text: str, toks: list[tuple[int, int, Any]], end: int) -> str | None:
    """The "of" phrase after a counted object ("shells of ammunition"), or None."""
    rest = [t for t in toks if t[0] >= end]
    if len(rest) < 2 or rest[0][2].lower_ != "of":
        return None
    end_tok = None
    for s, e, tok in rest[1:]:
        if tok.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV") or (tok.text == "-"):
            end_tok = (s, e, tok)
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod"):
                break
            continue
        break
    if end_tok is not None and end_tok[2].pos_ in ("NOUN", "PROPN"):
        return text[rest[0][0]:end_tok[1]]
    return None


def _object_from_words(text: str, item: _Found, toks: list[_Tok]) -> None:
    """Fill object/object_head/detail with a word-list heuristic after the amount."""
    k = _token_after(toks, item.end)
    of_object = False
    if k < len(toks) and toks[k].low == "of" and (
        item.vague or _measures_a_thing(item.unit)
    ):
        k += 1
        while k < len(toks) and toks[k].low in ("the", "a", "an", "their", "its", "his", "her", "our"):
            k += 1
        of_object = item.of_object = True
    words: list[_Tok] = []
    while k < len(toks) and len(words) < OBJECT_MAX_WORDS:
        tok = toks[k]
        if words and tok.start > words[-1].end + 1:
            break
        if tok.text == "-" and words and tok.start == words[-1].end:
            words.append(tok)
            k += 1
            continue
        calibre = tok.is_digit and re.match(r"-?mm\b", text[tok.end:tok.end + 4]) is not None
        if not (tok.text[0].isalpha() or calibre):
            if not (tok.is_digit and words and words[-1].text == "-"):
                break
        if tok.low in OBJECT_STOP or tok.low in QUALIFIER_FORMS and not words:
            break
        if tok.low.endswith("ly") and len(tok.low) > 4:
            break
        words.append(tok)
        k += 1
    # a trailing "-ed"/"-ing" word is a verb ("people killed"), not the head
    while words and (words[-1].text == "-" or (
        len(words[-1].low) > 4 and words[-1].low.endswith(("ed", "ing")) and len(words) > 1
    ) or words[-1].is_digit or words[-1].low == "mm"):
        words.pop()
    if not words:
        return
    if len(words) == 1 and words[0].low.endswith(("ed", "ing")) and len(words[0].low) > 4:
        return
    if words[-1].low in UNIT_FORMS and item.unit is not None and len(words) == 1:
        return
    item.object = text[words[0].start:words[-1].end]
    item.object_head = _singular(words[-1].text)
    k2 = _token_after(toks, words[-1].end)
    if not of_object and k2 + 1 < len(toks) and toks[k2].low == "of":
        detail_words = []
        m = k2 + 1
        while m < len(toks) and len(detail_words) < OBJECT_MAX_WORDS:
            tok = toks[m]
            if not tok.text[0].isalpha() or (tok.low in OBJECT_STOP and tok.low not in ("the", "a", "an")):
                break
            detail_words.append(tok)
            m += 1
        while detail_words and detail_words[-1].low in ("the", "a", "an"):
            detail_words.pop()
        if detail_words:
            item.detail = text[toks[k2].start:detail_words[-1].end]


_CONJ_RE = re.compile(r"(?:^|[\s,])(and|or)\s*$", re.IGNORECASE)
#: Longest gap (characters) between two quantities that can still form a list.
CONJUNCTION_MAX_GAP = 80


def _link_conjunctions(text: str, found: list[_Found]) -> None:
    """Mark a quantity joined to the previous one by 'and'/'or' (same clause)."""
    ordered = sorted(found, key=lambda f: f.start)
    for prev, cur in zip(ordered, ordered[1:]):
        gap = text[prev.end:cur.start]
        if len(gap) > CONJUNCTION_MAX_GAP or re.search(r"[.;:!?]\s", gap) or "(" in gap or ")" in gap:
            continue
        if re.search(r"\b(?:said|says|while|but|whereas|which|who|that|was|were|is|are)\b", gap, re.IGNORECASE):
            continue
        m = _CONJ_RE.search(gap)
        if m:
            cur.conjunction = m.group(1).lower()


_BACKWARD_LINK_RE = re.compile(
    r"^[^.;:!?()\d]*\b(?:and|or|including|while|whereas|but|compared with|compared to|versus|vs)\b[^.;:!?()\d]*$",
    re.IGNORECASE,
)
_FORWARD_LINK_RE = re.compile(r"^\s*(?:or|and|of the|of)\s*$", re.IGNORECASE)


_OF_THEM_RE = re.compile(r"\s+of\s+(?:them|those|these)\b", re.IGNORECASE)


_PARALLEL_GAP_RE = re.compile(r"^\s*[,;]\s+[^.;:!?()\d]{1,40}?\b([A-Za-z]{3,})\s+$")


def _parallel_clause(text: str, prev: _Found, gap: str) -> bool:
    """True when the bare number after ``gap`` repeats the verb before ``prev`` in a
    parallel clause ("Okonjo has 412 delegates, Varga has 187"): the noun is elided."""
    if prev.object and gap.lstrip().startswith(prev.object):
        gap = gap.lstrip()[len(prev.object):]
    m = _PARALLEL_GAP_RE.match(gap)
    if not m:
        return False
    before = re.search(r"\b([A-Za-z]{3,})\s+$", text[:prev.start])
    return before is not None and before.group(1).lower() == m.group(1).lower()


_LIST_COMMA_RE = re.compile(r"^\s*,\s*$")
_LIST_END_RE = re.compile(r"^\s*,\s*(?:or|and)\s+$", re.IGNORECASE)  # "2, 3, or 4 per cent"


def _share_forward(text: str, ordered: list[_Found]) -> None:
    """A bare number takes the unit of the next one when the text joins them ("5 or $6",
    "between 4 and 6 percent"), through a list of them ("4, 5 and 6 percent"): a comma
    links only to a number that is itself linked onward."""
    linked: set[int] = set()
    for index in range(len(ordered) - 2, -1, -1):
        cur, nxt = ordered[index], ordered[index + 1]
        if cur.unit is not None or cur.object is not None or cur.vague or nxt.unit is None:
            continue
        gap = text[cur.end:nxt.start]
        if _FORWARD_LINK_RE.match(gap) or _LIST_END_RE.match(gap) \
                or (index + 1 in linked and _LIST_COMMA_RE.match(gap)):
            cur.unit = nxt.unit
            linked.add(index)


def _share_elided(text: str, found: list[_Found]) -> None:
    """Give a bare number the unit or counted noun its neighbour states ("5 or $6",
    "212 flats ... and 96 by auction"): the text elides it, it does not change it."""
    ordered = sorted(found, key=lambda f: f.start)
    _share_forward(text, ordered)
    for index, cur in enumerate(ordered):
        if cur.unit is not None or cur.object is not None or cur.vague:
            continue
        prev = ordered[index - 1] if index > 0 else None
        if prev is None or prev.vague:
            continue
        if _OF_THEM_RE.match(text[cur.end:]):
            # "launched 14 drones; air defence destroyed 11 of them": drones
            named = next((p for p in reversed(ordered[:index]) if p.object is not None and p.unit is None), None)
            if named is not None:
                cur.object, cur.object_head = named.object, named.object_head
            continue
        if re.match(r"\s+who\b", text[cur.end:]):
            # "5120 tenants who ... for one to three years and 7300 who ...": tenants, not years
            people = next((p for p in reversed(ordered[:index]) if p.object is not None
                           and not re.search(r"[.;!?]\s", text[p.end:cur.start])), None)
            if people is not None and _BACKWARD_LINK_RE.match(text[prev.end:cur.start]):
                cur.object, cur.object_head = people.object, people.object_head
            continue
        gap = text[prev.end:cur.start]
        if prev.unit is not None and re.fullmatch(r"\s+to\s+", gap) \
                and re.search(r"\bfrom\s+$", text[:prev.start]):
            if not text[cur.end:cur.end + 2][:1].isalpha() or re.match(r"\s(?:for|in|by|on)\b", text[cur.end:]):
                cur.unit = prev.unit  # "from about 30-35 mpg to 41 for hybrids": the level in the same unit
                continue
        if prev.unit is None and prev.object is not None and re.fullmatch(r"\s+" + re.escape(prev.object) + r"\s+to\s+", gap) \
                and not text[cur.end:cur.end + 2][:1].isalpha():
            cur.object, cur.object_head = prev.object, prev.object_head  # "passed by 312 votes to 45"
            continue
        if len(gap) > CONJUNCTION_MAX_GAP or not (_BACKWARD_LINK_RE.match(gap) or _parallel_clause(text, prev, gap)):
            continue
        after = text[cur.end:cur.end + 2]
        if after[:1].isalpha():
            continue
        if prev.unit is not None:
            cur.unit = prev.unit
        elif prev.object is not None:
            cur.object, cur.object_head = prev.object, prev.object_head


_HYPHEN_NOUN_RE = re.compile(r"-([a-z]{3,})\b(?!-)")
_SUSPENDED_RE = re.compile(r"-(?:,\s*|\s+(?:and|or|to)\s+|,\s*(?:and|or)\s+)$")


def _hyphen_compounds(text: str, found: list[_Found]) -> None:
    """A counted noun written into a compound ("a three-bedroom flat" counts bedrooms),
    and suspended hyphens ("two-, three- and four-bedroom", "a 10- or 12-inch blade"): the
    first numbers take the unit or noun written after the last one."""
    for item in found:
        if item.unit is None and item.object is None and not item.vague and item.value is not None:
            m = _HYPHEN_NOUN_RE.match(text, item.end)
            if m and m.group(1) not in OBJECT_STOP and m.group(1) not in ("old", "year", "odd", "plus"):
                item.object = m.group(1)
                item.object_head = _singular(m.group(1))
    ordered = sorted(found, key=lambda f: f.start)
    for index in range(len(ordered) - 2, -1, -1):
        cur, nxt = ordered[index], ordered[index + 1]
        if cur.unit is not None or cur.object is not None:
            continue
        gap_end = nxt.start
        if _SUSPENDED_RE.search(text[cur.end:gap_end]) or re.fullmatch(
                r"-(?:,\s*|\s+(?:and|or|to)\s+|,\s*(?:and|or)\s+)", text[cur.end:gap_end]):
            cur.unit, cur.object, cur.object_head = nxt.unit, nxt.object, nxt.object_head
