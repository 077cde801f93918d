"""Nominal cues: a noun of saying with an owner and a "that" clause ("the mayor's claim
that the bridge was safe", "her warning that rents would rise"). The owner is the
source, the noun the cue and the clause, from its "that", what was said."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import CLAIM_NOUNS
from .speakers import describe_speaker, rel

__all__ = ["claim_noun_cues", "nominal_attributions", "that_clause"]


def that_clause(noun: Token, sent: Span) -> tuple[int, int] | None:
    """The sentence-relative span of the "that" clause right after ``noun``, from its
    "that" (a complementiser, not a relative pronoun: "the claim that was made")."""
    nxt = noun.i + 1
    if nxt >= sent.end or sent.doc[nxt].lower_ != "that" or sent.doc[nxt].dep_ != "mark":
        return None
    verb = sent.doc[nxt].head
    if not (noun.i < verb.i < sent.end) or verb.head.i != noun.i:
        return None
    # the clause's words, wherever the parser hung its last ones (on the noun or the verb)
    last = max((t for t in (*verb.subtree, *noun.subtree) if t.i < sent.end), key=lambda t: t.i)
    while last.i > nxt and last.is_punct and last.text not in ("”", "\"", "’", "'"):
        last = sent.doc[last.i - 1]
    return rel(sent.doc[nxt], sent), rel(last, sent) + len(last.text)


def claim_noun_cues(sent: Span) -> list[tuple[Token, Token, tuple[int, int]]]:
    """(noun, owner, content span) for each owned noun of saying with a "that" clause."""
    found = []
    for token in sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in CLAIM_NOUNS:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        content = that_clause(token, sent)
        if owner is not None and content is not None:
            found.append((token, owner, content))
    return found


def nominal_attributions(sent: Span, found: list, make: type) -> list:
    """One attribution (built by ``make``, the ``Attribution`` class) per nominal cue whose
    noun is not already the cue of one in ``found``."""
    taken = {a.cue_span for a in found}
    out = []
    for noun, owner, content in claim_noun_cues(sent):
        cue = (rel(noun, sent), rel(noun, sent) + len(noun.text))
        if cue in taken:
            continue
        speaker, span = describe_speaker(owner, sent)
        out.append(make(speaker=speaker, cue=noun.text, kind="paraphrase", content=content, cites=(speaker,),
                        speaker_span=span, cue_span=cue))
    return out
