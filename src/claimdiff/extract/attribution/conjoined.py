"""Conjoined cues sharing a subject: "The mayor said he would veto the budget and warned
that the council had overspent". The parser often hangs the second cue verb ("warned")
on the first one's reported clause ("would veto") instead of on the first cue; read that
way the second statement is part of the first one's content. Each such cue verb is a
statement of its own, by the first cue's speaker, with its own content; the first one's
content ends before the conjunction."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .cues import cue_text, is_cue_verb, quoted_ranges, stance_prep
from .lexicon import DENIAL_VERBS
from .speakers import rel

__all__ = ["split_conjoined"]

#: Dependencies of the words a conjoined cue verb reports ("warned that …", "urged
#: colleagues to …", "denied the report").
CONTENT_DEPS = ("ccomp", "xcomp", "dobj")
#: Conjunctions that join two statements of one speaker.
JOINING = frozenset({"and", "but"})


def _token_at(sent: Span, offset: int) -> Token | None:
    return next((t for t in sent if rel(t, sent) == offset), None)


def _conjoined_cue(token: Token, cue: Token) -> Token | None:
    """The conjunction before ``token`` when it is a cue verb conjoined to the clause
    ``cue`` reports, without a subject of its own and with a clause of its own, in the
    cue's tense ("said … and warned", not "said … would veto … and warn", nor an
    imperative inside the content: "wrote …, but remember …")."""
    head = token.head
    while head.dep_ == "conj" and head.head.i != head.i:  # "… would close A and lock B and tells C"
        head = head.head
    if token.dep_ != "conj" or head.dep_ != "ccomp" or head.head.i != cue.i or not is_cue_verb(token):
        return None
    if token.tag_ != cue.tag_:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
        return None
    # a clause or a quotation of its own ("and called its ending 'a mess'")
    clause = any(c.dep_ == "ccomp" and c.i > token.i for c in token.children) or any(
        t.is_quote and t.i > token.i for t in token.subtree)
    if not clause and not any(c.dep_ in CONTENT_DEPS and c.i > token.i for c in token.children) \
            and stance_prep(token) is None:
        return None
    if not clause and head.tag_ == token.tag_ and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return None  # "they said he rated … and talked about …": the clause's verbs, one tense
    joins = [c for c in token.head.children if c.dep_ == "cc" and c.i < token.i and c.lower_ in JOINING]
    return joins[-1] if joins else None


def _clause_span(verb: Token, sent: Span) -> tuple[int, int] | None:
    """The sentence-relative span of what ``verb`` reports: its words after the verb (and
    after the preposition of a stance, "called for")."""
    prep = stance_prep(verb)  # "called for calm": what follows the preposition
    words = [t for t in verb.subtree if t.i > (prep or verb).i and sent.start <= t.i < sent.end]
    while words and (words[-1].is_punct and words[-1].text not in ("”", "\"")):
        words.pop()
    if not words:
        return None
    return rel(words[0], sent), rel(words[-1], sent) + len(words[-1].text)


def _end_before(sent: Span, token: Token) -> int:
    """The sentence-relative offset where the words before ``token`` end, without the
    commas between."""
    prev = sent.doc[token.i - 1]
    while prev.i > sent.start and prev.is_punct:
        prev = sent.doc[prev.i - 1]
    return rel(prev, sent) + len(prev.text)


def _split(attr, sent: Span) -> list:
    if attr.cue_span is None or attr.relay:
        return [attr]
    lo, hi = attr.content
    verbs = [t for t in sent if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and lo <= rel(t, sent) < hi]
    cue = _token_at(sent, attr.cue_span[0]) if verbs else None
    if cue is None or cue.pos_ not in ("VERB", "AUX"):
        return [attr]
    quoted = quoted_ranges(sent.text)
    out, end = [], hi
    for token in reversed(verbs):
        if any(a <= rel(token, sent) < b for a, b in quoted):
            continue  # the speaker's own words
        join = _conjoined_cue(token, cue)
        clause = _clause_span(token, sent) if join is not None else None
        if clause is None or not rel(join, sent) > lo:
            continue
        at = rel(token, sent)
        polarity = "deny" if token.lemma_.lower() in DENIAL_VERBS else "affirm"
        out.append(replace(attr, cue=cue_text(token), cue_span=(at, at + len(token.text)), content=clause,
                           segment=(at, end), reach=None, hedge_cues=(), polarity=polarity))
        end = _end_before(sent, join)
    if not out:
        return [attr]
    first = replace(attr, content=(lo, end), reach=None, segment=((attr.segment or (0,))[0], end))
    return [first, *reversed(out)]


def _second_clause(attr, sent: Span, cues: set) -> object:
    """``attr`` with its content run on over a second clause its cue verb reports, joined
    to it after the first by a second "that" ("said that wages would fall, but that
    overtime would offset it")."""
    cue = _token_at(sent, attr.cue_span[0]) if attr.cue_span is not None and not attr.relay else None
    if cue is None or cue.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "ccomp" for c in cue.children):
        return attr
    end = attr.content[1]
    for verb in (c for c in cue.children if c.dep_ == "conj" and rel(c, sent) >= end):
        joins = [c for c in cue.children if c.dep_ == "cc" and end <= rel(c, sent) < rel(verb, sent)]
        # only a second "that": "…, but the council declined" is the writer's own contrast
        that = any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
        if not joins or rel(verb, sent) in cues or not that:
            continue
        last = _clause_span(verb, sent)
        hi = last[1] if last is not None else rel(verb, sent) + len(verb.text)
        if attr.segment is not None and hi > attr.segment[1]:
            return attr
        return replace(attr, content=(attr.content[0], hi), reach=None)
    return attr


def split_conjoined(sent: Span, found: list) -> list:
    """``found`` with each statement whose content holds conjoined cue verbs split into
    one statement per cue, and each content run on over a second clause of its cue."""
    pieces = [piece for attr in found for piece in _split(attr, sent)]
    cues = {a.cue_span[0] for a in pieces if a.cue_span is not None}
    return [_second_clause(attr, sent, cues) for attr in pieces]
