"""``find_attribution``: what one parsed sentence says about its source — the speaker,
the cue, quote or paraphrase, the reported content and the chain of relays."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ...model import Speaker
from .cues import (QUOTE_SPAN, according_to, citing, cue_first, cue_text, date_context, is_generic, verb_cues)
from .lexicon import DENIAL_VERBS, DOCUMENT_NOUNS, HEDGING_VERBS
from .speakers import describe_speaker, rel, subtree_span

__all__ = ["Attribution", "find_attribution", "QUOTE_SHARE"]

#: A claim is a quote when quotations cover this share of its content.
QUOTE_SHARE = 0.6
Span2 = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attribution:
    """What one sentence says about its source.

    ``speaker`` is as written (maybe a pronoun, unresolved); ``cue`` the reporting words;
    ``kind`` quote or paraphrase; ``content`` the (start, end) sentence-relative char
    span of what was said; ``cites`` the relays from the outlet inward (each a Speaker);
    ``speaker_span`` the sentence-relative span naming the speaker (to keep its numbers
    out of the claim's quantities); ``date_context`` words that date the statement;
    ``says`` False for an attribution-only sentence ("Obama wrote in a letter.") that
    names the speaker of a neighbouring quotation and says nothing itself.
    """

    speaker: Speaker | None
    cue: str
    kind: str
    content: tuple[int, int]
    cites: tuple[Speaker, ...] = ()
    speaker_span: tuple[int, int] | None = None
    cue_span: tuple[int, int] | None = None
    polarity: str = "affirm"
    date_context: str = ""
    hedge_cues: tuple[str, ...] = field(default=())
    says: bool = True


@dataclass(frozen=True, slots=True)
class _Link:
    """One cue of a sentence: who, where, which words, and the verb (None for a phrase)."""

    speaker: Speaker
    span: Span2
    cue: str
    cue_span: Span2
    verb: Token | None


def _content_span(verb: Token, sent: Span, exclude: list[Span2]) -> Span2:
    """The span of what ``verb`` reports: its clausal complement, else the rest."""
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj", "attr") and c.pos_ != "PRON"]
    for comp in comps:
        if comp.dep_ in ("ccomp", "xcomp"):
            return subtree_span(comp, sent, stop_at_clause=False)
    if verb.dep_ in ("ccomp", "conj") or verb.head.i != verb.i:
        return 0, len(sent.text)
    # Cue after the content ("…, he said.") or before it ("In an interview, X said …"):
    # content is the larger side outside the cue phrase.
    return _outside(sent.text, exclude)


def _strip_span(text: str, span: Span2) -> Span2:
    """Shrink a span past surrounding spaces and punctuation."""
    s, e = span
    while s < e and text[s] in " ,;:—–-\"“”'":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\"“”'":
        e -= 1
    return s, e


def _outside(text: str, exclude: list[Span2]) -> Span2:
    """The larger side of ``text`` around an attribution phrase."""
    s = min(e[0] for e in exclude)
    e = max(x[1] for x in exclude)
    return (0, s) if s >= len(text) - e else (e, len(text))


def _links(sent: Span) -> list[_Link]:
    """Every verb cue and non-generic "according to" of the sentence, in text order."""
    links = []
    for verb, subject in verb_cues(sent):
        speaker, span = describe_speaker(subject, sent)
        links.append(_Link(speaker, span, cue_text(verb), (rel(verb, sent), rel(verb, sent) + len(verb.text)), verb))
    for acc, obj in according_to(sent):
        if is_generic(obj):
            continue
        speaker, span = describe_speaker(obj, sent)
        lemma = obj.lemma_.lower()
        cue = f"according to a {lemma}" if lemma in DOCUMENT_NOUNS else "according to"
        links.append(_Link(speaker, span, cue, (rel(acc, sent), rel(acc, sent) + len("according to")), None))
    return links


def _outermost_first(chain: list[_Link]) -> list[_Link]:
    """Order cues outermost first: a verb that governs another cue's verb, or "according
    to" when a verb cue sits in its content ("X said …, according to Y"), comes first."""
    has_verb = any(link.verb is not None for link in chain)

    def depth(link: _Link) -> int:
        if link.verb is None:
            return -1 if has_verb else 0
        d, t = 0, link.verb
        while t.head.i != t.i:
            d, t = d + 1, t.head
        return d

    return sorted(chain, key=depth)


def _content(text: str, inner: _Link, sent: Span) -> Span2:
    """The reported content of the innermost cue, with any quotation it touches whole."""
    exclude = [inner.span, inner.cue_span]
    content = _content_span(inner.verb, sent, exclude) if inner.verb is not None else _outside(text, exclude)
    # A quotation that the content touches belongs to it whole: the parser hands only the
    # last sentence of '"A. B," she said' to the verb.
    for m in QUOTE_SPAN.finditer(text):
        if m.start(1) < content[1] and content[0] < m.end(1):
            content = (min(content[0], m.start(1)), max(content[1], m.end(1)))
    return _strip_span(text, content)


def _says(verb: Token | None, sent: Span) -> bool:
    """False for an attribution-only sentence ("Obama wrote in a letter.")."""
    if verb is None or QUOTE_SPAN.search(sent.text) or verb.dep_ in ("parataxis", "ccomp"):
        return True
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd") for c in verb.children):
        return True
    return not cue_first(verb, sent)


def find_attribution(sent: Span) -> Attribution | None:
    """Find the attribution of one parsed sentence, or ``None`` when it has none.

    The innermost cue names the speaker; outer cues ("…, Yonhap reported") and
    "according to" around it become the citation chain, outermost first.

    >>> # doctest needs a model; see tests/test_attribution.py
    """
    chain = _links(sent)
    if not chain:
        return None
    text = sent.text
    chain = _outermost_first(chain)
    inner = chain[-1]
    cites = tuple(link.speaker for link in chain)
    cites += tuple(describe_speaker(obj, sent)[0] for obj in citing(sent))
    content = _content(text, inner, sent)
    quoted = sum(max(0, min(m.end(1), content[1]) - max(m.start(1), content[0])) for m in QUOTE_SPAN.finditer(text))
    kind = "quote" if quoted >= QUOTE_SHARE * max(1, content[1] - content[0]) else "paraphrase"
    verb = inner.verb
    lemma = verb.lemma_.lower() if verb is not None else ""
    hedge_cues = tuple(f"according to {o.lower_}" for _, o in according_to(sent) if is_generic(o))
    if lemma in HEDGING_VERBS:
        hedge_cues += (verb.text.lower(),)  # type: ignore[union-attr]
    return Attribution(
        speaker=inner.speaker, cue=inner.cue, kind=kind, content=content, cites=cites, speaker_span=inner.span,
        cue_span=inner.cue_span, polarity="deny" if lemma in DENIAL_VERBS else "affirm",
        date_context=date_context(verb) if verb is not None else "", hedge_cues=hedge_cues,
        says=_says(verb, sent),
    )
