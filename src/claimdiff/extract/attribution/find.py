"""``find_attribution``: what one parsed sentence says about its source — the speaker,
the cue, quote or paraphrase, the reported content and the chain of relays."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ...model import Speaker
from .cues import (QUOTE_SPAN, according_to, as_cue, citing, cue_first, cue_text, date_context, figure_noun_cues, is_generic,
                   points_back, punctuation_credits, quoted_ranges, stance_prep, verb_cues)
from .lexicon import (ADDRESSEE_VERBS, ATTITUDE_VERBS, DENIAL_VERBS, DOCUMENT_NOUNS, HEDGING_VERBS, PERSON_PRONOUNS,
                      RELAY_VERBS, REPORTING_VERBS, STANCE_VERBS)
from .conjoined import split_conjoined
from .nominal import nominal_attributions
from .speakers import describe_speaker, rel, subtree_span

__all__ = ["Attribution", "find_attribution", "find_attributions", "QUOTE_SHARE"]

#: A claim is a quote when quotations cover this share of its content.
QUOTE_SHARE = 0.6
#: A cue with this many characters of content on each side sits in the middle of it.
MIDDLE_SIDE = 12
#: Prepositions that date or place a statement rather than complete it ("at" stays: "put
#: the toll at 40").
ADJUNCT_PREPOSITIONS = frozenset({"in", "during", "since", "after", "before", "while", "via", "through",
                                  "throughout", "amid", "despite", "until", "ahead", "following"})
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
    airline counted 30,000; the ministry said 12,000."), else ``None``; ``relay`` True for
    the outer statement of a relay ("Yonhap reported that Shin told lawmakers …": Yonhap
    reported what Shin told them), which follows the statement it passes on; ``reach`` the
    content with the writer's trailing asides kept ("…, which could hold 5 million
    shells"), where the statement's hedges are read (``None``: the content).
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
    relay: bool = False
    reach: tuple[int, int] | None = None


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


def _argument(prep: Token) -> bool:
    """True for a prepositional phrase that completes what a verb reports ("against
    Rubio", "at 40", "as a fraud during the debate"), not one that dates or places the
    saying ("on Thursday", "in a statement", "during the debate")."""
    if prep.lower_ in ADJUNCT_PREPOSITIONS:
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for t in prep.children)


def _object_span(first: Token, verb: Token, sent: Span) -> Span2:
    """From ``first`` (an object after the verb) to the end of the verb's last argument:
    "supported Crist against Rubio", "put the toll at 40"; a phrase set off by a comma
    ("…, with jabs that …") is left out."""
    last = first.right_edge
    for child in verb.children:
        infinitive = child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        argument = child.dep_ == "prep" and _argument(child) and sent.doc[max(child.i - 1, 0)].text != ","
        if (argument or child.dep_ in ("dobj", "dative", "oprd") or infinitive) and child.i > first.i:
            last = max(last, child.right_edge, key=lambda t: t.i)
    return rel(first.left_edge, sent), rel(last, sent) + len(last.text)


def _aside_head(t: Token, tokens: list[Token]) -> Token | None:
    """The head of the aside that token ``t`` (right after a comma) opens, if it does: a
    participle ("focusing on …"), a concession ("although he refused …"), a gloss (",
    which …") or an apposition ("the presumed Putin favourite"). A clause joined by "and"
    goes on with what was said (PolNeAR train: contents run over ", and …" 295 times, stop
    before it 82); one with a cue of its own is cut by that cue's statement."""
    if t.tag_ == "VBG" and t.dep_ in ("advcl", "acl", "xcomp", "conj"):
        return t
    if t.dep_ == "mark" and t.lower_ in ("although", "though", "while", "whereas"):
        return t.head
    if t.lower_ == "which" and t.head.dep_ == "relcl":
        return t.head  # "…, which would breach the treaty": the writer's gloss
    return next((u for u in tokens if u.dep_ == "appos" and u.left_edge.i == t.i), None)


def _without_asides(start: int, end: int, sent: Span) -> Span2:
    """Cut a reported clause or object before a comma (or dash) that opens a trailing
    aside of the writer's ("…, focusing on people under 30", "…, although he refused to
    …", "… Mr. Trump, the presumed Putin favourite"); an aside inside the clause ("The program, which began in 1990, has
    grown") stays."""
    quoted = quoted_ranges(sent.text)
    tokens = [t for t in sent if start <= rel(t, sent) < end]
    if not tokens:
        return start, end
    last = tokens[-1].i
    for prev, t in zip(tokens, tokens[1:]):
        if prev.text not in (",", "—", "–", ";") or any(a <= rel(t, sent) < b for a, b in quoted):
            continue
        head = _aside_head(t, tokens)
        if head is not None and head.head.i < prev.i and head.right_edge.i >= last - 1:
            return start, rel(prev, sent)
    return start, end


def _content_span(verb: Token, sent: Span, exclude: list[Span2]) -> Span2:
    """The span of what ``verb`` reports: its clausal complement, else its object ("the
    ministry said 12,000", "called for a recount"), else the rest of the sentence."""
    if as_cue(verb):  # "As X noted on Tuesday, …": the clause it hangs on
        return _outside(sent.text, [(rel(verb.left_edge, sent), rel(verb.right_edge, sent) + len(verb.right_edge))])
    lo, hi = min(e[0] for e in exclude), max(e[1] for e in exclude)
    before, after = sent.text[:lo].strip(" ,"), sent.text[hi:].strip(" ,.")
    quoted_after = after[:1] in "\"“'‘"  # 'Asked about it, Moore said, "Not now."'
    if before and len(after) >= MIDDLE_SIDE and not quoted_after and sent.text[:lo].rstrip().endswith(",") \
            and (sent.text[hi:].lstrip().startswith(",") or verb.dep_ == "parataxis") and not _trails(sent, hi):
        # "The museum, Mr. Obama said, would make visitors …", "It was, the president
        # said, a stone where …": the content is around the cue.
        return 0, len(sent.text)
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj", "attr") and c.pos_ != "PRON"]
    for comp in comps:
        if comp.dep_ in ("ccomp", "xcomp"):
            return subtree_span(comp, sent, stop_at_clause=False)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON" and c.i > verb.i]
    if objects and verb.lemma_.lower() not in ADDRESSEE_VERBS:
        return _object_span(objects[0], verb, sent)
    prep = stance_prep(verb)
    if prep is not None:
        obj = next(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
        return _object_span(obj, prep if prep.dep_ == "prt" else verb, sent)
    if before and after and verb.head.i != verb.i and min(len(before), len(after)) >= MIDDLE_SIDE:
        return 0, len(sent.text)  # a cue inside what it reports
    # Cue after the content ("…, he said.") or before it ("In an interview, X said …"):
    # content is the larger side outside the cue phrase.
    return _outside(sent.text, exclude)


def _trails(sent: Span, hi: int) -> bool:
    """True when the first word after character ``hi`` opens a trailing phrase (a
    participle, "according to", "as", "in", "on", "at") rather than the content."""
    follow = next((t for t in sent if rel(t, sent) >= hi and not t.is_punct), None)
    return follow is not None and (follow.tag_ == "VBG" or follow.lower_ in ("according", "as", "in", "on", "at"))


def _strip_span(text: str, span: Span2) -> Span2:
    """Shrink a span past surrounding spaces and punctuation."""
    s, e = span
    while s < e and text[s] in " ,;:—–-\"“”'‘’":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\"“”'‘’":
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
    if not inner and cue.i < obj.i and span[0] <= rel(obj, sent) < span[1]:
        # "According to X, the move …": the source ends at the comma, however the parser
        # hung the clause after it.
        comma = sent.text.find(",", rel(obj, sent), span[1])
        if comma > span[0]:
            span = (span[0], comma)
            speaker = replace(speaker, mention=sent.text[span[0]:comma])
    return _Link(speaker, span, words, (start, start + len(words)), None, cue, inner)


def _links(sent: Span) -> list[_Link]:
    """Every verb cue, non-generic "according to", "citing X" and owned figure noun of
    the sentence."""
    links = []
    for verb, subject in verb_cues(sent):
        speaker, span = describe_speaker(subject, sent)
        relative = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "that")), None)
        if relative is not None and relative.i != subject.i:
            if not _says_something(verb, pronoun=False):
                continue  # "members who support us" says nothing
            # "lawmakers, who also said …": the speaker is the noun the clause hangs on,
            # its mention here the relative pronoun (as "he" is for a pronoun)
            span = (rel(relative, sent), rel(relative, sent) + len(relative.text))
            speaker = replace(speaker, mention=relative.text)
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
    for head, name, cue, token in punctuation_credits(sent):
        # The line's speaker: a cue after the colon or before the dash is in what it said,
        # unless it names a source of its own ("Report: A defence official said …").
        said = (cue[1], len(sent.text)) if cue[0] > name[0] else (0, cue[0])
        inside = [link for link in links if said[0] <= rel(link.anchor, sent) < said[1]]
        speaker = replace(describe_speaker(head, sent)[0], mention=sent.text[name[0]:name[1]])
        return [_Link(speaker, name, sent.text[cue[0]:cue[1]], cue, None, token),
                *(link for link in inside if _relays(link))]
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


def _covers(a: Token, b: Token) -> bool:
    """True when cue ``a`` governs ``b``, or is an aside ("The truth, the senator said,
    was that …") whose host clause holds ``b``."""
    return _governs(a, b) or (a.dep_ == "parataxis" and a.head.i != a.i and _governs(a.head, b) and not _governs(b, a))


def _own_object(verb: Token) -> bool:
    """True when a cue verb has an object of its own ("the ministry said 12,000"); the
    hearer of "told reporters" is none."""
    if verb.lemma_.lower() in ADDRESSEE_VERBS:
        return any(c.dep_ in ("attr", "oprd") for c in verb.children)
    return any(c.dep_ in ("dobj", "attr", "oprd") for c in verb.children)


def _own_content(verb: Token) -> bool:
    """True when a cue verb reports something of its own: an object or a clause."""
    return _own_object(verb) or any(c.dep_ == "ccomp" for c in verb.children)


def _says_something(verb: Token, *, pronoun: bool = True) -> bool:
    """True when a cue verb has content of its own: an object (a pronoun one only with
    ``pronoun``), a clause, an infinitive or the object of its stance ("called for a vote")."""
    return (any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") and (pronoun or c.pos_ != "PRON")
                for c in verb.children)
            or stance_prep(verb) is not None)


def _in_content(upper: Token, lower: Token) -> bool:
    """True when ``lower`` sits in what ``upper`` reports (its clause or object, or the
    clause an aside cue stands in)."""
    if upper.dep_ == "parataxis" and not _governs(upper, lower):
        return True
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr") and _governs(c, lower) for c in upper.children)


def _nested(a: Token, b: Token) -> bool:
    """True when cue verbs ``a`` and ``b`` are one statement: one reports the other ("X
    said Y reported"). Side by side, each with its own content, they are two statements:
    "The airline counted 30,000 passengers; the ministry said 12,000", "Shin said …,
    though he stressed that …"."""
    if not (_covers(a, b) or _covers(b, a)):
        return False
    upper, lower = (a, b) if _covers(a, b) else (b, a)
    if upper.i == lower.i or upper.pos_ not in ("VERB", "AUX") or lower.pos_ not in ("VERB", "AUX"):
        return True
    if _own_object(upper) and _own_content(lower):
        return False
    if lower.dep_ == "conj" and lower.head.i == upper.i and _says_something(lower):
        return False  # "Graham urged Republicans to act and criticized the party's record"
    return _in_content(upper, lower) or not (_own_content(upper) and _own_content(lower))


def _continues(verb: Token) -> bool:
    """True for a cue verb by which a speaker goes on to a statement of its own, with its
    own clause: a participle ("…, adding that …", "…, saying …") or a clause whose
    subject is a pronoun ("…, though he stressed that …")."""
    if verb.dep_ not in ("advcl", "acl", "xcomp", "conj") or not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if verb.dep_ == "conj" and any(c.dep_ == "nsubj" for c in verb.children):
        # "X emphasized that …, and rights groups warned that …": a statement of its own;
        # "X reported that …, and that the agency estimated …" is still X's report
        return not any(c.dep_ == "mark" for c in verb.children)
    return verb.tag_ == "VBG" or any(c.dep_ == "nsubj" and c.lower_ in PERSON_PRONOUNS for c in verb.children)


def _goes_on(a: _Link, b: _Link) -> bool:
    """True when one cue continues the other's statement with one of its own: "X said …,
    adding that …", "X attacked Y, saying …", "Shin said …, though he stressed that …"."""
    return any(m.verb is not None and _continues(m.verb) for m in (a, b))


def _groups(chain: list[_Link]) -> list[list[_Link]]:
    """Cues grouped by statement: verb cues that govern one another are one statement
    ("X said Y reported"); independent ones are separate statements ("The airline counted
    30,000; the ministry said 12,000"). Phrase cues join the statement whose verb governs
    them, else the first."""
    groups: list[list[_Link]] = []
    for link in (x for x in chain if x.verb is not None):
        home = next((g for g in groups if any(_nested(m.anchor, link.anchor) and not _goes_on(m, link) for m in g)),
                    None)
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
    if _continues(top):
        return top  # ", adding that …" is its own statement wherever the parser hung it
    while top.head.i != top.i and not any(_governs(top.head, o) for o in others):
        top = top.head
    return top


def _segments(groups: list[list[_Link]], sent: Span) -> list[Span2]:
    """The sentence-relative span of each statement."""
    verbs = [[m.verb for m in g if m.verb is not None] for g in groups]
    ranges, edges = [], []
    for i, group in enumerate(groups):
        others = [v for j, vs in enumerate(verbs) if j != i for v in vs]
        top = _clause(group, others)
        lo = top.left_edge
        edges.append(rel(lo, sent))  # where another statement is cut off, "though" and all
        while lo.i < top.i and (lo.is_punct or lo.dep_ in ("cc", "mark")):
            lo = sent.doc[lo.i + 1]
        ranges.append((rel(lo, sent), rel(top.right_edge, sent) + len(top.right_edge.text)))
    out = []
    for i, (lo, hi) in enumerate(ranges):
        cue = groups[i][0].cue_span[0]
        for j, (a, b) in enumerate(ranges):
            if j != i and lo <= a and b <= hi and (a, b) != (lo, hi):
                lo, hi = (b, hi) if cue >= b else (lo, min(a, max(lo, edges[j])))
        lo, hi = _strip_span(sent.text, (lo, hi))
        tail = _TRAILING_LINK.search(sent.text, lo, hi)
        out.append(_strip_span(sent.text, (lo, tail.start())) if tail else (lo, hi))
    return out


def _content(text: str, chain: list[_Link], sent: Span, *, whole: bool = False) -> Span2:
    """The reported content of the innermost verb cue (else of the innermost phrase cue),
    with any quotation it touches whole; a trailing aside of the writer's after a verb's
    clause or object is left out unless ``whole``."""
    inner = next((link for link in reversed(chain) if link.verb is not None), chain[-1])
    exclude = [inner.span, inner.cue_span]
    content = _content_span(inner.verb, sent, exclude) if inner.verb is not None else _outside(text, exclude)
    if inner.verb is not None and not whole:
        content = _without_asides(*content, sent)
    # A quotation that the content touches belongs to it whole: the parser hands only the
    # last sentence of '"A. B," she said' to the verb.
    quotes = list(QUOTE_SPAN.finditer(text))
    lo, hi = min(e[0] for e in exclude), max(e[1] for e in exclude)
    opening = [m for m in quotes if m.end(1) <= lo and not text[m.end():lo].strip(" ,") and not text[:m.start()].strip()]
    if opening and not (content[0] < opening[0].end(1) and opening[0].start(1) < content[1]):
        # '"A. B," Hannity said during a panel after …': the quotation the sentence opens
        # with, right before its speaker and cue, is what was said
        content = (opening[0].start(1), opening[0].end(1))
    for m in quotes:
        if m.start(1) < content[1] and content[0] < m.end(1):
            content = (min(content[0], m.start(1)), max(content[1], m.end(1)))
    # '"A," Schiff said, "but B."': the quotation goes on after the speaker and the cue.
    if any(m.end(1) <= lo and m.start(1) >= content[0] for m in quotes) and content[1] <= lo:
        after = [m for m in quotes if m.start(1) >= hi]
        if after:
            content = (content[0], after[-1].end(1))
    return _strip_span(text, content)


def _says(verb: Token | None, sent: Span) -> bool:
    """False for an attribution-only sentence ("Obama wrote in a letter.")."""
    if verb is not None and points_back(verb) and not QUOTE_SPAN.search(sent.text):
        return False
    if verb is None or QUOTE_SPAN.search(sent.text) or verb.dep_ in ("parataxis", "ccomp"):
        return True
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd") for c in verb.children) or stance_prep(verb):
        return True
    return not cue_first(verb, sent)


def _relays(link: _Link) -> bool:
    """True when a cue inside another cue's content names a source that speaks for
    itself: a speech or figure verb whose subject names someone ("Shin told lawmakers",
    "the ministry estimated"), not a pronoun ("she noted": the outer speaker going on) or
    a thing ("the videos show")."""
    verb = link.verb
    if verb is None or verb.lemma_.lower() not in RELAY_VERBS or verb.lemma_.lower() in ATTITUDE_VERBS:
        return False
    speaker = link.speaker
    if speaker.type == "document" or (speaker.mention or "").lower() in PERSON_PRONOUNS:
        return False
    return True


def _attitudes_inside(group: list[_Link]) -> tuple[list[_Link], list[Token]]:
    """A statement's cues without the cues that sit in another cue's content and relay no
    source, and the verbs of those: "Clinton said she wanted to move forward" is Clinton's
    statement (wanting is what she said), "Officials said they believe 40 died" is the
    officials' (believing hedges it), "The lawyer said the videos show …" the lawyer's.
    A relay ("Yonhap reported that Shin told lawmakers …") keeps both cues."""
    verbs = [m.verb for m in group if m.verb is not None]
    # "Clinton plans to visit Charlotte, according to an aide": the aide's statement.
    phrased = any(m.verb is None and not m.inner for m in group)
    inner = [m for m in group if m.verb is not None and not _relays(m)
             and (phrased or any(v.i != m.verb.i and _covers(v, m.verb) for v in verbs))]
    if not inner or len(inner) == len(group):
        return group, []
    return [m for m in group if m not in inner], [m.verb for m in inner if m.verb is not None]


def _relay(chain: list[_Link], sent: Span, segment: Span2 | None) -> Attribution | None:
    """The outer statement of a relay, when the outermost cue passes on what a named
    source said ("Yonhap reported that Shin told lawmakers …", "According to Yahoo News,
    the spokesman said …"): that source's words are its content."""
    chain, _ = _attitudes_inside(chain)
    outer, inner = chain[0], chain[-1]
    if len(chain) < 2 or outer.inner or inner.verb is None or not _relays(inner) or outer.span == inner.span:
        return None
    content = _content(sent.text, [outer], sent)
    if segment is not None:
        content = (max(content[0], segment[0]), min(content[1], segment[1]))
    if content[0] >= content[1] or not content[0] <= inner.cue_span[0] < content[1]:
        return None
    verb = outer.verb
    return Attribution(speaker=outer.speaker, cue=outer.cue, kind="paraphrase", content=content, cites=(outer.speaker,),
                       speaker_span=outer.span, cue_span=outer.cue_span,
                       date_context=date_context(verb) if verb is not None else "", segment=segment, relay=True)


def _statement(chain: list[_Link], sent: Span, segment: Span2 | None) -> list[Attribution]:
    """The attribution of one statement, followed by its relay's when it has one."""
    found = [_attribution(chain, sent, segment)]
    relay = _relay(chain, sent, segment)
    return found + [relay] if relay is not None else found


def _attribution(chain: list[_Link], sent: Span, segment: Span2 | None) -> Attribution:
    """The attribution of one statement from its cues, outermost first."""
    text = sent.text
    chain, attitudes = _attitudes_inside(chain)
    inner = chain[-1]
    content = _content(text, chain, sent)
    reach = _content(text, chain, sent, whole=True)
    if segment is not None:
        content = (max(content[0], segment[0]), min(content[1], segment[1]))
        reach = (max(reach[0], segment[0]), min(reach[1], segment[1]))
        if content[0] >= content[1]:
            content = segment
    if not reach[0] <= content[0] <= content[1] <= reach[1]:
        reach = content
    quoted = sum(max(0, min(m.end(1), content[1]) - max(m.start(1), content[0])) for m in QUOTE_SPAN.finditer(text))
    kind = "quote" if quoted >= QUOTE_SHARE * max(1, content[1] - content[0]) else "paraphrase"
    verb = next((link.verb for link in reversed(chain) if link.verb is not None), None)
    lemma = verb.lemma_.lower() if verb is not None else ""
    lo, hi = segment or (0, len(text))
    hedge_cues = tuple(f"according to {o.lower_}" for _, o in according_to(sent)
                       if is_generic(o) and lo <= rel(o, sent) < hi)
    if lemma in HEDGING_VERBS:
        hedge_cues += (verb.text.lower(),)  # type: ignore[union-attr]
    hedge_cues += tuple(v.text.lower() for v in attitudes if v.lemma_.lower() in HEDGING_VERBS)
    return Attribution(
        speaker=inner.speaker, cue=inner.cue, kind=kind, content=content, cites=tuple(x.speaker for x in chain),
        speaker_span=inner.span, cue_span=inner.cue_span, polarity="deny" if lemma in DENIAL_VERBS else "affirm",
        date_context=date_context(verb) if verb is not None else "", hedge_cues=hedge_cues,
        says=_says(verb, sent), segment=segment, reach=reach,
    )


def find_attributions(sent: Span) -> list[Attribution]:
    """The attributions of one parsed sentence: one per statement, in text order.

    Within a statement the innermost cue names the speaker; outer cues ("…, Yonhap
    reported") and "according to" around it become the citation chain, outermost first.
    The subject of the reported clause is never the speaker. A relay's outer statement
    follows the statement it passes on (``Attribution.relay``). Nominal cues ("his claim
    that …") follow, a statement each.
    """
    found = split_conjoined(sent, _statements(sent))
    return found + nominal_attributions(sent, found, Attribution)


def _statements(sent: Span) -> list[Attribution]:
    """The attributions of the sentence's verb and phrase cues."""
    chain = _links(sent)
    if not chain:
        return []
    groups = _groups(chain)
    if len(groups) == 1:
        return _statement(_outermost_first(chain), sent, None)
    segments = _segments(groups, sent)
    return [a for g, seg in zip(groups, segments, strict=True) for a in _statement(_outermost_first(g), sent, seg)]


def find_attribution(sent: Span) -> Attribution | None:
    """The attribution of one parsed sentence (its first statement), or ``None``.

    >>> # doctest needs a model; see tests/test_attribution.py
    """
    found = [a for a in find_attributions(sent) if not a.relay]
    return found[0] if found else None
