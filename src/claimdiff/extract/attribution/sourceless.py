"""Statements without a named source: the writer reports what is expected, reported or
asked without saying by whom.

- "The council is expected to approve the plan" (a passive expectation with an
  infinitive; ``SOURCELESS_PASSIVE`` in ``cues.jsonl``: expect, rumour …): the content is
  the whole clause, subject and cue included;
- "The ferry seems to be late", "the crew appeared calm" (``SOURCELESS_RAISING``): the
  whole clause;
- "The port has reportedly closed" (``SOURCELESS_ADVERB``): the clause the adverb hangs
  on;
- "Asked whether the bridge would reopen, Ortiz said …", "Ortiz was asked about the
  detour": the question (after "asked" and its preposition) is a statement of its own,
  whose asker is not named; the answer is Ortiz's statement, found by ``find``.

``sourceless(sent)`` returns them as attributions with no speaker (``speaker`` None,
sentence-relative ``cue_span`` and ``content``); ``claims.py`` makes them claims in the
outlet's voice with the cue's offsets.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...lexicons import patterns
from .find import Attribution
from .lexicon import PERSON_PRONOUNS, SOURCELESS_ADVERBS
from .speakers import rel

__all__ = ["sourceless"]

SOURCELESS_PASSIVES = patterns("cues", "SOURCELESS_PASSIVE")
SOURCELESS_RAISING = patterns("cues", "SOURCELESS_RAISING")
#: Words that open the question after "asked".
_QUESTION_MARKS = frozenset({"if", "whether", "about", "what", "how", "why", "who", "when", "where", "which"})
#: Edge tokens a content never starts or ends with.
_EDGE_DEPS = frozenset({"punct", "cc", "prep"})


def _trimmed(tokens: list[Token], sent: Span) -> tuple[int, int] | None:
    while tokens and (tokens[0].dep_ in _EDGE_DEPS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return rel(tokens[0], sent), rel(tokens[-1], sent) + len(tokens[-1].text)


def _clause(verb: Token, sent: Span) -> tuple[int, int] | None:
    """The clause of ``verb``: its subtree without a clause joined after it."""
    cut = next((c.left_edge.i for c in verb.children if c.i > verb.i and c.dep_ == "conj"
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
    return _trimmed([t for t in verb.subtree if cut is None or t.i < cut], sent)


def _attribution(cue: tuple[int, int], content: tuple[int, int] | None, sent: Span) -> list[Attribution]:
    if content is None:
        return []
    return [Attribution(speaker=None, cue=sent.text[cue[0]:cue[1]].lower(), kind="paraphrase", content=content,
                        cue_span=cue)]


def _expected(token: Token, sent: Span) -> list[Attribution]:
    """"X is expected to …": a passive expectation verb with an infinitive."""
    if token.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in token.children):
        return []
    if not any(c.dep_ == "xcomp" for c in token.children) or any(c.dep_ == "agent" for c in token.children):
        return []
    at = rel(token, sent)
    return _attribution((at, at + len(token.text)), _clause(token, sent), sent)


def _seems(token: Token, sent: Span) -> list[Attribution]:
    """"X seems to …": a raising verb with an infinitive whose subject is a thing or a
    description ("the plan seems to work"); a person or body named ("Ortiz seemed to
    suggest", "he appeared to blame") takes a stance of their own, not a sourceless one."""
    if token.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "xcomp" for c in token.children):
        return []
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in ("WP", "WDT") or subject.lower_ in PERSON_PRONOUNS \
            or subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return []  # "what appeared to be"; "Ortiz seemed to suggest" is Ortiz's own stance
    if any(c.dep_ == "mark" for c in token.children):
        return []  # "after the ferry appeared to stall": the writer's timing
    at = rel(token, sent)
    return _attribution((at, at + len(token.text)), _clause(token, sent), sent)


def _reportedly(token: Token, sent: Span) -> list[Attribution]:
    """"X reportedly did …": the clause the adverb qualifies."""
    if token.dep_ != "advmod" or token.head.pos_ not in ("VERB", "AUX"):
        return []
    at = rel(token, sent)
    return _attribution((at, at + len(token.text)), _clause(token.head, sent), sent)


def _asked(token: Token, sent: Span) -> list[Attribution]:
    """"Asked whether …, X said", "X was asked about …": the question."""
    if token.lemma_.lower() != "ask" or token.tag_ != "VBN":
        return []
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if not (passive or (token.dep_ == "advcl" and token.i == sent.start)):
        return []
    after = [c for c in token.children if c.i > token.i and c.dep_ in ("prep", "ccomp", "advcl", "dobj", "xcomp")]
    first = after[0] if after else None
    if first is None or not any(t.lower_ in _QUESTION_MARKS for t in sent.doc[token.i + 1:first.i + 2]):
        return []
    words = [t for c in after for t in c.subtree]
    if first.dep_ == "prep":  # "asked about the detour": the question is the object
        words = [t for t in words if t.i != first.i]
    end = rel(token, sent) + len(token.text)
    return _attribution((rel(token, sent), end), _trimmed(sorted(words, key=lambda t: t.i), sent), sent)


def sourceless(sent: Span) -> list[Attribution]:
    """The statements of a parsed sentence that name no source (see the module)."""
    found: list[Attribution] = []
    for token in sent:
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower in SOURCELESS_ADVERBS:
            found += _reportedly(token, sent)
        elif lemma in SOURCELESS_RAISING:
            found += _seems(token, sent)
        elif lemma in SOURCELESS_PASSIVES:
            found += _expected(token, sent)
        elif lemma == "ask":
            found += _asked(token, sent)
    return found
