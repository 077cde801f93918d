"""``find_attribution``: what one parsed sentence says about its source — the speaker,
the cue, quote or paraphrase, the reported content and the chain of relays."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ...model import Speaker
from .cues import (QUOTE_SPAN, according_to, citing, cue_first, cue_text, date_context, figure_noun_cues, is_generic,
                   points_back, verb_cues)
from .lexicon import DENIAL_VERBS, DOCUMENT_NOUNS, HEDGING_VERBS, REPORTING_VERBS, STANCE_VERBS
from .speakers import describe_speaker, rel, subtree_span

__all__ = ["Attribution", "find_attribution", "find_attributions", "QUOTE_SHARE"]

#: A claim is a quote when quotations cover this share of its content.
QUOTE_SHARE = 0.6
#: A conjunction left at the end of one statement of several ("Moore said …, and").
_TRAILING_LINK = re.compile(r"[\s,;]+(?:and|but|or|while|whereas|though|although)$", re.IGNORECASE)
#: Participles that name who passed a source on: "a report … cited by Capital Wire".
RELAY_PARTICIPLES = frozenset({"cite", "quote", "report", "carry", "publish", "relay"})
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
    names the speaker of a neighbouring quotation and says nothing itself; ``segment``
    the sentence-relative span of the statement when the sentence holds several ("The
    airline counted 30,000; the ministry said 12,000."), else ``None``.
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
    segment: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Link:
    """One cue of a sentence: who, where, which words, the verb (None for a phrase), the
    cue's token, and ``inner`` for a cue that names the innermost source ("citing X",
    "X's estimate")."""

    speaker: Speaker
    span: Span2
    cue: str
    cue_span: Span2
    verb: Token | None
    anchor: Token
    inner: bool = False
    outer_of: int | None = None


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


def _phrase_link(sent: Span, cue: Token, obj: Token, words: str, *, inner: bool) -> _Link:
    """A link for a cue phrase ("according to X", "citing X", "X's estimate")."""
    speaker, span = describe_speaker(obj, sent)
    start = rel(cue, sent)
    return _Link(speaker, span, words, (start, start + len(words)), None, cue, inner)


def _links(sent: Span) -> list[_Link]:
    """Every verb cue, non-generic "according to", "citing X" and owned figure noun of
    the sentence."""
    links = []
    for verb, subject in verb_cues(sent):
        speaker, span = describe_speaker(subject, sent)
        links.append(_Link(speaker, span, cue_text(verb), (rel(verb, sent), rel(verb, sent) + len(verb.text)), verb, verb))
    for acc, obj in according_to(sent):
        if is_generic(obj):
            continue
        link = _phrase_link(sent, acc, obj, "according to", inner=False)
        lemma = obj.lemma_.lower()
        links.append(replace(link, cue=f"according to a {lemma}") if lemma in DOCUMENT_NOUNS else link)
    for cue, obj in citing(sent):
        links.append(_phrase_link(sent, cue, obj, cue.lower_, inner=True))
    for noun, owner in figure_noun_cues(sent):
        # "A report by the GAO said …": the verb cue already names the report's author.
        subject_of_cue = any(link.verb is not None and noun.head.i == link.verb.i and noun.dep_ == "nsubj"
                             for link in links)
        if not subject_of_cue and not any(link.span[0] <= rel(noun, sent) < link.span[1] for link in links):
            links.append(_phrase_link(sent, noun, owner, noun.text, inner=True))
    links = [link for link in links if not _stance_in_content(link, links)]
    return links + _relays_by(sent, links)


def _stance_in_content(link: _Link, links: list[_Link]) -> bool:
    """A stance verb inside what another cue reports is part of the statement, not a
    source: "Dockworkers said they did not know when ships would return"."""
    verb = link.verb
    if verb is None or verb.lemma_.lower() not in STANCE_VERBS or verb.lemma_.lower() in REPORTING_VERBS:
        return False
    return any(other.verb is not None and other.verb.i != verb.i and _in_content(other.verb, verb) for other in links)


def _relays_by(sent: Span, links: list[_Link]) -> list[_Link]:
    """"… cited by Y", "… as reported by Y" after a source: Y passed the source on, so Y
    comes just outside it in the chain ("according to a report by the Harbor Ledger cited
    by Capital Wire": Capital Wire, then the Harbor Ledger)."""
    found = []
    for link in links:
        if link.verb is not None:
            continue
        lo, hi = link.span
        for token in sent:
            if token.dep_ != "acl" or token.lemma_.lower() not in RELAY_PARTICIPLES or not lo <= rel(token.head, sent) < hi:
                continue
            agents = [t for c in token.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"]
            if agents:
                relay = _phrase_link(sent, token, agents[0], f"{token.lower_} by", inner=False)
                found.append(replace(relay, outer_of=link.anchor.i))
    return found


def _outermost_first(chain: list[_Link]) -> list[_Link]:
    """Order cues outermost first: a verb that governs another cue's verb, or "according
    to" when a verb cue sits in its content ("X said …, according to Y"), comes first;
    "citing X" and "X's estimate" name the innermost source."""
    has_verb = any(link.verb is not None for link in chain)

    def depth(link: _Link) -> int:
        if link.inner:
            return 10_000
        if link.verb is None:
            return -1 if has_verb else 0
        d, t = 0, link.verb
        while t.head.i != t.i:
            d, t = d + 1, t.head
        return d

    ordered = sorted((link for link in chain if link.outer_of is None), key=depth)
    # A relay named by "cited by Y" sits just outside the source it passed on.
    for relay in (link for link in chain if link.outer_of is not None):
        at = next((i for i, link in enumerate(ordered) if link.anchor.i == relay.outer_of), 0)
        ordered.insert(at, relay)
    return ordered


def _governs(a: Token, b: Token) -> bool:
    """True when token ``a`` is ``b`` or one of its ancestors."""
    return a.i == b.i or any(x.i == a.i for x in b.ancestors)


def _own_object(verb: Token) -> bool:
    """True when a cue verb has an object of its own ("the ministry said 12,000")."""
    return any(c.dep_ in ("dobj", "attr", "oprd") for c in verb.children)


def _own_content(verb: Token) -> bool:
    """True when a cue verb reports something of its own: an object or a clause."""
    return _own_object(verb) or any(c.dep_ == "ccomp" for c in verb.children)


def _in_content(upper: Token, lower: Token) -> bool:
    """True when ``lower`` sits in what ``upper`` reports (its clause or object)."""
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr") and _governs(c, lower) for c in upper.children)


def _nested(a: Token, b: Token) -> bool:
    """True when cue verbs ``a`` and ``b`` are one statement: one reports the other ("X
    said Y reported"). Side by side, each with its own content, they are two statements:
    "The airline counted 30,000 passengers; the ministry said 12,000", "Shin said …,
    though he stressed that …"."""
    if not (_governs(a, b) or _governs(b, a)):
        return False
    upper, lower = (a, b) if _governs(a, b) else (b, a)
    if upper.i == lower.i or upper.pos_ not in ("VERB", "AUX") or lower.pos_ not in ("VERB", "AUX"):
        return True
    if _own_object(upper) and _own_content(lower):
        return False
    return _in_content(upper, lower) or not (_own_content(upper) and _own_content(lower))


def _groups(chain: list[_Link]) -> list[list[_Link]]:
    """Cues grouped by statement: verb cues that govern one another are one statement
    ("X said Y reported"); independent ones are separate statements ("The airline counted
    30,000; the ministry said 12,000"). Phrase cues join the statement whose verb governs
    them, else the first."""
    groups: list[list[_Link]] = []
    for link in (x for x in chain if x.verb is not None):
        home = next((g for g in groups if any(_nested(m.anchor, link.anchor) for m in g)), None)
        if home is None:
            groups.append([link])
        else:
            home.append(link)
    if len(groups) < 2:
        return [chain]
    for link in (x for x in chain if x.verb is None):
        home = next((g for g in groups if any(_governs(m.anchor, link.anchor) for m in g)), groups[0])
        home.append(link)
    groups.sort(key=lambda g: min(m.anchor.i for m in g))
    return groups


def _clause(group: list[_Link], others: list[Token]) -> Token:
    """The highest token above a statement's cue verb whose subtree holds no other
    statement's cue verb."""
    top = min((m.verb for m in group if m.verb is not None), key=lambda v: len(list(v.ancestors)))
    while top.head.i != top.i and not any(_governs(top.head, o) for o in others):
        top = top.head
    return top


def _segments(groups: list[list[_Link]], sent: Span) -> list[Span2]:
    """The sentence-relative span of each statement."""
    verbs = [[m.verb for m in g if m.verb is not None] for g in groups]
    ranges = []
    for i, group in enumerate(groups):
        others = [v for j, vs in enumerate(verbs) if j != i for v in vs]
        top = _clause(group, others)
        lo = top.left_edge
        while lo.i < top.i and (lo.is_punct or lo.dep_ in ("cc", "mark")):
            lo = sent.doc[lo.i + 1]
        ranges.append((rel(lo, sent), rel(top.right_edge, sent) + len(top.right_edge.text)))
    out = []
    for i, (lo, hi) in enumerate(ranges):
        cue = groups[i][0].cue_span[0]
        for j, (a, b) in enumerate(ranges):
            if j != i and lo <= a and b <= hi and (a, b) != (lo, hi):
                lo, hi = (b, hi) if cue >= b else (lo, a)
        lo, hi = _strip_span(sent.text, (lo, hi))
        tail = _TRAILING_LINK.search(sent.text, lo, hi)
        out.append(_strip_span(sent.text, (lo, tail.start())) if tail else (lo, hi))
    return out


def _content(text: str, chain: list[_Link], sent: Span) -> Span2:
    """The reported content of the innermost verb cue (else of the innermost phrase cue),
    with any quotation it touches whole."""
    inner = next((link for link in reversed(chain) if link.verb is not None), chain[-1])
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
    if verb is not None and points_back(verb) and not QUOTE_SPAN.search(sent.text):
        return False
    if verb is None or QUOTE_SPAN.search(sent.text) or verb.dep_ in ("parataxis", "ccomp"):
        return True
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd") for c in verb.children):
        return True
    return not cue_first(verb, sent)


def _attribution(chain: list[_Link], sent: Span, segment: Span2 | None) -> Attribution:
    """The attribution of one statement from its cues, outermost first."""
    text = sent.text
    inner = chain[-1]
    content = _content(text, chain, sent)
    if segment is not None:
        content = (max(content[0], segment[0]), min(content[1], segment[1]))
        if content[0] >= content[1]:
            content = segment
    quoted = sum(max(0, min(m.end(1), content[1]) - max(m.start(1), content[0])) for m in QUOTE_SPAN.finditer(text))
    kind = "quote" if quoted >= QUOTE_SHARE * max(1, content[1] - content[0]) else "paraphrase"
    verb = next((link.verb for link in reversed(chain) if link.verb is not None), None)
    lemma = verb.lemma_.lower() if verb is not None else ""
    lo, hi = segment or (0, len(text))
    hedge_cues = tuple(f"according to {o.lower_}" for _, o in according_to(sent)
                       if is_generic(o) and lo <= rel(o, sent) < hi)
    if lemma in HEDGING_VERBS:
        hedge_cues += (verb.text.lower(),)  # type: ignore[union-attr]
    return Attribution(
        speaker=inner.speaker, cue=inner.cue, kind=kind, content=content, cites=tuple(x.speaker for x in chain),
        speaker_span=inner.span, cue_span=inner.cue_span, polarity="deny" if lemma in DENIAL_VERBS else "affirm",
        date_context=date_context(verb) if verb is not None else "", hedge_cues=hedge_cues,
        says=_says(verb, sent), segment=segment,
    )


def find_attributions(sent: Span) -> list[Attribution]:
    """The attributions of one parsed sentence: one per statement, in text order.

    Within a statement the innermost cue names the speaker; outer cues ("…, Yonhap
    reported") and "according to" around it become the citation chain, outermost first.
    The subject of the reported clause is never the speaker.
    """
    chain = _links(sent)
    if not chain:
        return []
    groups = _groups(chain)
    if len(groups) == 1:
        return [_attribution(_outermost_first(chain), sent, None)]
    segments = _segments(groups, sent)
    return [_attribution(_outermost_first(g), sent, seg) for g, seg in zip(groups, segments, strict=True)]


def find_attribution(sent: Span) -> Attribution | None:
    """The attribution of one parsed sentence (its first statement), or ``None``.

    >>> # doctest needs a model; see tests/test_attribution.py
    """
    found = find_attributions(sent)
    return found[0] if found else None
