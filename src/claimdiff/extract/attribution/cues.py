"""Reporting cues of one parsed sentence: verbs with a subject that can speak ("the
ministry said"), participles ("…, saying that"), "according to X" and "citing X"."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...lexicons import patterns
from .lexicon import (DOCUMENT_NOUNS, FIGURE_NOUNS, FIGURE_VERBS, GENERIC_SOURCES, NEEDS_CLAUSE, OBJECT_STANCE_VERBS,
                      OBJECT_VERBS, PERSON_PRONOUNS, PREP_STANCE, REPORTING_VERBS, SPEECH_OBJECTS, SPEECH_VERBS,
                      STANCE_VERBS, CREDIT_LINE, is_cue_form)
from .speakers import can_speak, owner_of, rel

__all__ = ["verb_cues", "according_to", "is_generic", "citing", "cue_text", "date_context", "cue_first",
           "quoted_ranges", "QUOTE_SPAN", "is_cue_verb", "figure_noun_cues", "owner_of", "figure_object",
           "punctuation_credits", "Credit"]

#: A quotation: between straight or curly double quotes, or two apostrophes (''so'', as
#: some archives write them).
QUOTE_SPAN = re.compile(r"(?:[\"“]|'')((?:[^\"“”']|'(?!'))" + "{1,})(?:[\"”]|'')")
#: Subjects that never name a speaker themselves.
EMPTY_SUBJECTS = patterns("cues", "EMPTY_SUBJECT")
#: Speech verbs that report without a clause, and whose speaker may sit next to them
#: when the parser attached it elsewhere.
ADJACENT_VERBS = patterns("cues", "ADJACENT_VERB")
Cue = tuple[Token, Token]
#: Words that open a headline or a line as a label, not as a speaker ("The Latest: …",
#: "Source: the ministry").
HEADLINE_LABELS = patterns("speakers", "HEADLINE_LABEL")
#: "“…” ― Sonya Herridge": a quotation credited to a name after a dash.
_DASH_CREDIT = re.compile(r"^[\"“”](?P<quote>.{3,}?)[\"”“]\s*(?P<dash>[―—–]|--?)\s*"
                          r"(?P<name>[A-Z@][^\"“”()\[\]]{1,60}?)[\s.]*$", re.S)
_COLON_CREDIT = CREDIT_LINE
_NAME_WORDS = 8


_OPENING = re.compile(r"“|''|\"")
_CLOSING = re.compile(r"”|''|\"")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Sentence-relative spans inside quotation marks, including a quotation still open
    at the end of the sentence (it runs on into the next) and one closing in it that
    opened before it."""
    ranges = [(m.start(1), m.end(1)) for m in QUOTE_SPAN.finditer(text)]
    first = ranges[0][0] if ranges else len(text)
    head = _CLOSING.search(text, 0, max(0, first - 1))
    if head is not None and not _OPENING.search(text, 0, head.start()) and text[head.start()] != '"':
        ranges.insert(0, (0, head.start()))
    last = ranges[-1][1] + 1 if ranges else 0
    tail = _OPENING.search(text, last)
    if tail is not None and text[tail.start()] != "”" and not _CLOSING.search(text, tail.end()):
        ranges.append((tail.end(), len(text)))
    return ranges


#: Lemmas of every verb cue (reporting and stance), built once.
CUE_LEMMAS = REPORTING_VERBS | STANCE_VERBS
#: Nouns that name a figure or a document ("the estimate", "the report").
FIGURE_OR_DOCUMENT = FIGURE_NOUNS | DOCUMENT_NOUNS


def is_cue_verb(token: Token) -> bool:
    """True for a reporting verb whose surface form the sentence pre-filter also knows."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_LEMMAS and is_cue_form(token.text)


def stance_prep(token: Token) -> Token | None:
    """The preposition through which a verb takes a stance ("called *for* a recount",
    "lashed out *at* the press"), when it has an object."""
    preps = PREP_STANCE.get(token.lemma_.lower())
    if not preps:
        return None
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in preps and child.i > token.i:
            if any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                return child
            # "lashed out at the press": the particle, then the preposition
            nxt = next((c for c in token.children if c.dep_ == "prep" and c.i > child.i), None)
            if child.dep_ == "prt" and nxt is not None and nxt.lower_ in preps:
                return nxt
    return None


def _stance(token: Token) -> bool:
    """True for a stance verb with a clause or infinitive: "wants to build", "called for
    a recount", "called the deal a disaster", "urged voters to stay home"."""
    objects = ("ccomp", "xcomp", "oprd", "dobj") if token.lemma_.lower() in OBJECT_STANCE_VERBS else ("ccomp", "xcomp", "oprd")
    return any(child.dep_ in objects for child in token.children) or stance_prep(token) is not None


def _adjacent_subject(verb: Token, sent: Span) -> list[Token]:
    """The speaker of ", Transportation Secretary Pete Buttigieg said," when the parser
    attached the name elsewhere: the noun right before a speech verb (after a comma),
    or the proper noun right after it ("said Luis Ortega")."""
    if verb.lemma_.lower() not in ADJACENT_VERBS:
        return []
    before = sent.doc[verb.i - 1] if verb.i - 1 >= sent.start else None
    if before is not None and before.is_punct and verb.i - 2 >= sent.start:
        before = sent.doc[verb.i - 2]
        # ", Lieutenant General X, commander of Y, said": the name the title is set beside.
        t = before
        while t.dep_ != "appos" and t.head.i != t.i and t.head.i < verb.i:
            t = t.head
        return [t.head] if t.dep_ == "appos" and t.head.pos_ in ("PROPN", "NOUN") else []
    if before is not None and (before.pos_ in ("PROPN", "NOUN", "PRON")
                               or (before.i == sent.start and before.is_title and not before.is_stop)):
        start = before.i
        while start - 1 >= sent.start and sent.doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART"):
            start -= 1
        if start == sent.start or sent.doc[start - 1].is_punct:
            return [before]
    after = sent.doc[verb.i + 1] if verb.i + 1 < sent.end else None
    if after is not None and after.pos_ == "PROPN":
        return [after]
    return []


def cue_first(verb: Token, sent: Span) -> bool:
    """True when nothing but the speaker comes before the cue ("Obama wrote in …")."""
    return all(t.i >= verb.i or t.dep_ in ("nsubj", "compound", "det", "amod", "poss", "case", "punct", "appos")
               or t.head.dep_ in ("nsubj", "appos") for t in sent)


def _speech_object(verb: Token) -> bool:
    """True when a verb's direct object is something said: "rejected the claims"."""
    return any(c.dep_ == "dobj" and c.lower_ in SPEECH_OBJECTS for c in verb.children)


def _subject_of(token: Token, sent: Span, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject head of a reporting verb, or None when it has none that can speak."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    # "X insisted A but conceded B": the parser may hang the "but" on A's verb
    joined = any(c.dep_ == "cc" and c.i < token.i for c in token.head.children) or sent.doc[token.i - 1].dep_ == "cc"
    if not subjects and token.dep_ == "xcomp" and token.tag_ != "VBG":
        # "Trump tended to support …", "she refused to endorse him": the subject of the
        # verb the infinitive completes.
        up = token
        while not subjects and up.dep_ == "xcomp" and up.head.i != up.i:
            up = up.head
            subjects = [c for c in up.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ == "conj" and joined and (
        token.head.lemma_.lower() in REPORTING_VERBS or (token.head.dep_ == "ROOT" and token.head.pos_ in ("VERB", "AUX"))
    ):
        # "He praised Stumpf and said …": the main clause's subject speaks.
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    # A subject inside a quotation while the verb is outside is a misparse.
    subjects = [c for c in subjects if not any(a <= rel(c, sent) < b for a, b in quoted)]
    if not subjects:
        subjects = _adjacent_subject(token, sent)
    if not subjects:
        return None
    # "Report: A defense ministry official … said": the label is not the speaker.
    labelled = [c for c in subjects if c.i + 1 < sent.end and sent.doc[c.i + 1].text == ":"]
    subject = next((c for c in subjects if c not in labelled), subjects[0])
    if subject.lower_ in ("who", "that") and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        # "lawmakers, who also said …": the noun the clause hangs on speaks.
        subject = token.head
    return None if subject.lower_ in EMPTY_SUBJECTS else subject


def _is_figure(token: Token) -> bool:
    """True for a number that is a figure, not a date or a time ("three days after")."""
    return (token.like_num or token.pos_ == "NUM") and token.ent_type_ not in ("DATE", "TIME")


def _has_number(token: Token) -> bool:
    """True when a phrase carries a figure ("30,000 stranded passengers")."""
    return any(_is_figure(t) for t in token.subtree)


def figure_object(verb: Token) -> bool:
    """True when a figure verb reports a figure through its object: "X counted 30,000
    passengers", "officials put the toll at 40", "the ministry recorded 16 deaths"."""
    if verb.lemma_.lower() not in FIGURE_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() == "put":
        at = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"]
        return bool(objects and at) and objects[0].lemma_.lower() in FIGURE_NOUNS | {"number", "cost", "loss", "damage"} \
            and _has_number(at[0])
    return any(_has_number(o) for o in objects)


def _trailing_cue(token: Token) -> bool:
    """True for a cue clause after what it reports, with its own subject: "…, Yonhap
    News TV reported on Aug. 27"."""
    if token.dep_ not in ("advcl", "conj") or token.i < token.head.i:
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in token.children):
        return False  # "… as carriers added capacity" reports an act
    before = subject.left_edge.i - 1
    return before >= 0 and subject.doc[before].text in (",", "—", "–")


def as_cue(token: Token) -> bool:
    """True for a cue in an "as" clause that credits the clause it hangs on: "As the
    harbour master observed, the quay was full", "…, as the Gazette reported"."""
    if token.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return False
    if stance_prep(token) is not None or QUOTE_SPAN.search(token.sent.text):
        return False  # "as she called for a vote": her stance; a quotation is what was said
    return not any(c.dep_ in ("ccomp", "dobj", "xcomp", "attr", "acomp") for c in token.children)


def points_back(verb: Token) -> bool:
    """True for a cue that names the speaker of the words before it: "That was how
    Marcus Bell described the morning", "This is what the minister said"."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "relcl", "advcl") or head.lemma_.lower() != "be":
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("that", "this", "those", "these", "such"):
        return False
    return any(c.lower_ in ("how", "what") for c in verb.children) or \
        any(c.lower_ == "what" for c in head.children if c.dep_ in ("attr", "dobj"))


def _reports(token: Token, subject: Token, quoted: list[tuple[int, int]]) -> bool:
    """True when a reporting verb with this subject reports a statement here."""
    lemma = token.lemma_.lower()
    if lemma in REPORTING_VERBS and (points_back(token) or as_cue(token)):
        return can_speak(subject) or subject.pos_ == "PROPN"
    if lemma in STANCE_VERBS and lemma not in REPORTING_VERBS:
        named = (subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lower_ in PERSON_PRONOUNS
                 or (subject.pos_ == "PROPN" and subject.ent_type_ not in ("DATE", "TIME", "MONEY", "CARDINAL")))
        return _stance(token) and (named or can_speak(subject)) and token.dep_ in (
            "ROOT", "conj", "parataxis", "ccomp", "relcl", "advcl", "xcomp")
    has_ccomp = any(c.dep_ == "ccomp" for c in token.children)
    has_clause = has_ccomp or any(c.dep_ == "xcomp" for c in token.children) or bool(quoted)
    figure = figure_object(token) and can_speak(subject)
    if lemma in NEEDS_CLAUSE and not (has_ccomp or quoted or figure or (lemma in STANCE_VERBS and _stance(token))):
        return False
    if lemma in OBJECT_VERBS and not (quoted or has_ccomp or _speech_object(token) or figure):
        return False  # "Congress rejected the veto" reports an act, not a statement
    nested = token.dep_ not in ("ROOT", "parataxis") and token.head.i != token.i
    if nested and not (has_ccomp or quoted or figure or _trailing_cue(token)) and token.dep_ != "conj":
        return False
    if figure or _trailing_cue(token):
        return can_speak(subject)
    if not (lemma in ADJACENT_VERBS or has_clause or token.dep_ in ("ROOT", "parataxis", "ccomp")):
        return False
    # Any noun can speak when it says something ("The board denied that …"), and so can
    # a share of people in a poll ("Six in 10 say …").
    if lemma in SPEECH_VERBS and has_ccomp:
        return True  # "Several said they …", "Most of the candidates said …"
    return can_speak(subject) or ((lemma in SPEECH_VERBS or has_ccomp) and subject.pos_ in ("NOUN", "PROPN", "NUM", "PRON"))


def verb_cues(sent: Span) -> list[Cue]:
    """(verb, subject head) pairs for reporting verbs with a subject that can speak.

    Verbs inside a quotation are the speaker's words, not the outlet's cue; a cue
    nested in another cue's content needs its own clause ("Shin told lawmakers that …,
    Yonhap reported"), so "help Maryland respond" or "expect to ask" do not count.
    """
    found = []
    quoted = quoted_ranges(sent.text)
    for token in sent:
        if not is_cue_verb(token) or any(a <= rel(token, sent) < b for a, b in quoted):
            continue
        subject = _subject_of(token, sent, quoted)
        if subject is not None and _reports(token, subject, quoted):
            found.append((token, subject))
    verbs = {verb.i for verb, _ in found}
    return found + [(v, s) for v, s in _participle_cues(sent, quoted, found) if v.i not in verbs]


def _participle_cues(sent: Span, quoted: list[tuple[int, int]], finite: list[Cue] = ()) -> list[Cue]:  # type: ignore[assignment]
    """(verb, subject) for "…, saying that …" / "issued a statement saying …": the
    participle reports what the nearest clause subject above it said, if it takes a
    clause or a quotation ("Clinton attacked Trump, saying he would …" is two statements).
    Below a cue (``finite``) it is that cue's speaker who goes on ("The ministry said 300
    died, adding that …": the parser may hang "adding" on "died"; its subject is not the
    speaker)."""
    cue_subjects = {verb.i: subject for verb, subject in finite}
    found = []
    for token in sent:
        if token.tag_ != "VBG" or not is_cue_verb(token) or token.dep_ not in ("advcl", "acl", "xcomp", "conj"):
            continue
        at = rel(token, sent)
        if any(a <= at < b for a, b in quoted):
            continue
        has_ccomp = any(c.dep_ == "ccomp" for c in token.children)
        if not (has_ccomp or any(a > at for a, _ in quoted)):
            continue
        # the outermost cue above it: "Clinton told them that she believes …, saying …"
        above = next((cue_subjects[a.i] for a in reversed(list(token.ancestors)) if a.i in cue_subjects), None)
        t, subject = token, above
        while t.head.i != t.i and subject is None:
            t = t.head
            subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in EMPTY_SUBJECTS:
            continue
        if can_speak(subject) or subject.pos_ in ("NOUN", "PROPN"):
            found.append((token, subject))
    return found


def cue_text(verb: Token) -> str:
    """The cue words: the verb with its particles, negation and the preposition of a
    stance ("called for")."""
    parts = [c for c in verb.children if c.dep_ in ("prt", "neg")]
    prep = stance_prep(verb)
    if prep is not None:
        parts.append(prep)
    words = sorted([verb, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in words).lower()


def date_context(verb: Token) -> str:
    """Words that date the statement: "Monday", "In November", "last Friday"."""
    bits = []
    for child in verb.children:
        if child.dep_ in ("npadvmod", "tmod") or (child.dep_ == "prep" and child.lower_ in ("on", "in")):
            sub = list(child.subtree)
            if any(t.ent_type_ == "DATE" for t in sub):
                bits.append(" ".join(t.text for t in sub))
    return " ".join(bits)


def according_to(sent: Span) -> list[Cue]:
    """(according, object head) pairs for each "according to X"."""
    found = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "to":
            to = sent.doc[token.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                # "according to show insiders" misparsed as a verb phrase: its object
                objs = [o for c in to.children if c.dep_ == "pcomp"
                        for o in (c, *c.children) if o.pos_ in ("NOUN", "PROPN") and o.dep_ in ("pcomp", "dobj")]
            if objs:
                found.append((token, objs[0]))
    return found


def is_generic(obj: Token) -> bool:
    """True for "according to estimates": a source noun that names no one."""
    if obj.lower_ not in GENERIC_SOURCES:
        return False
    return all(c.dep_ in ("det", "amod", "compound") and c.ent_type_ == "" for c in obj.children)


def citing(sent: Span) -> list[Cue]:
    """(citing, object head) pairs for "citing X" / "quoting X"."""
    found = []
    for token in sent:
        if token.lower_ in ("citing", "quoting"):
            # "citing a survey by the association", "citing officials"; not "citing the
            # strategic importance of …", which gives a reason, not a source
            objs = [c for c in token.children if c.dep_ in ("dobj", "pobj")
                    and (can_speak(c) or c.pos_ == "PROPN" or c.lemma_.lower() in FIGURE_OR_DOCUMENT)]
            if objs:
                found.append((token, objs[0]))
    return found


class Credit(tuple):
    """A speaker credited by punctuation: (speaker head, sentence-relative name span,
    cue span, the cue's token)."""

    __slots__ = ()


def _name_head(sent: Span, start: int, end: int) -> Token | None:
    """The head of the words at sentence-relative [start, end): the token whose head lies
    outside them (a proper noun first)."""
    words = [t for t in sent if start <= rel(t, sent) < end and not t.is_punct]
    if not words or len(words) > _NAME_WORDS:
        return None
    tops = [t for t in words if not (start <= rel(t.head, sent) < end) or t.head.i == t.i]
    return next((t for t in tops if t.pos_ == "PROPN"), tops[0] if tops else words[-1])


def _token_at(sent: Span, offset: int) -> Token | None:
    """The token that covers the sentence-relative ``offset``."""
    return next((t for t in sent if rel(t, sent) <= offset < rel(t, sent) + len(t.text)), None)


def punctuation_credits(sent: Span) -> list[Credit]:
    """Speakers credited by punctuation: a quotation followed by a dash and a name ("“We
    need jobs.” ― Carla Ruiz"), and a sentence opened by a speaker and a colon ("Sanders:
    Clinton must get away from ….", "PENCE: Well, …"), unless the words before the colon
    are a label ("The Latest:", "Source:") or the line is a subheading (no final stop)."""
    text = sent.text
    m = _DASH_CREDIT.match(text)
    if m:
        head, cue = _name_head(sent, m.start("name"), m.end("name")), _token_at(sent, m.start("dash"))
        if head is not None and cue is not None:
            return [Credit((head, (m.start("name"), m.end("name")), (m.start("dash"), m.end("dash")), cue))]
    m = _COLON_CREDIT.match(text)
    if m is None or m.group("name").lower() in HEADLINE_LABELS or len(m.group("rest").split()) < 3:
        return []
    if not re.search(r"[.!?…][\"”’')\]]*\s*$", text):
        return []  # a subheading ("South Korea: North has sent 6,700 containers") labels a section
    if not any(t.pos_ in ("VERB", "AUX") for t in sent if rel(t, sent) >= m.start("rest")):
        return []  # "Share: Facebook | X | Print" says nothing
    head, cue = _name_head(sent, m.start("name"), m.end("name")), _token_at(sent, m.start("colon"))
    if head is None or cue is None or head.lower_ in EMPTY_SUBJECTS:
        return []
    if not (head.is_title or head.is_upper or can_speak(head)):
        return []
    return [Credit((head, (m.start("name"), m.end("name")), (m.start("colon"), m.end("colon")), cue))]


def _that_clause(noun: Token) -> list[Token]:
    """The words of a "that" clause right after a noun phrase ("Shin's statement in June
    that 10,000 containers had gone"), wherever the parser hung it."""
    doc, end = noun.doc, noun.right_edge.i
    for i in range(end + 1, min(end + 5, len(doc))):
        if doc[i].lower_ == "that" and doc[i].dep_ == "mark":
            return list(doc[i].head.subtree)
    return []


def figure_noun_cues(sent: Span) -> list[Cue]:
    """(noun, owner) for each figure or document noun with an owner that can speak:
    "Seoul's estimate stood at 6,700", "figures from the ministry showed …", "Shin's
    statement in June that 10,000 containers had gone" (not "according to …", which
    ``according_to`` reads)."""
    found = []
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN") or token.lower_ not in FIGURE_OR_DOCUMENT:
            continue
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
            continue
        owner = owner_of(token)
        # The figure must be in the noun's own clause: "Seoul's estimate stood at 6,700",
        # not "Seoul's count was based on boxes observed".
        clause = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
        if owner is not None and any(_is_figure(t) for t in (*clause.subtree, *_that_clause(token))):
            found.append((token, owner))
    return found
