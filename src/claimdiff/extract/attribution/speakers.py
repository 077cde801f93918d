"""Who a subject or "according to" object names: a ``Speaker`` built from the head token
of the phrase, with its name, role and organisation as the sentence gives them."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...lexicons import patterns
from ...model import Speaker
from .lexicon import AUTHOR_VERBS, DOCUMENT_NOUNS, FIGURE_NOUNS, PERSON_PRONOUNS, ROLE_WORDS, SOURCE_NOUNS

__all__ = ["describe_speaker", "can_speak", "normal_name", "clean_phrase", "rel", "subtree_span"]

#: Entity labels that name a place or people rather than a speaker.
PLACE_LABELS = ("NORP", "GPE")
Described = tuple[Speaker, tuple[int, int]]
#: Possessives that point back to a speaker rather than name one.
POSSESSIVE_PRONOUNS = patterns("speakers", "POSSESSIVE_PRONOUN")


def rel(token: Token, sent: Span) -> int:
    """Offset of ``token`` relative to the start of ``sent``."""
    return token.idx - sent.start_char


def subtree_span(token: Token, sent: Span, *, stop_at_clause: bool = True) -> tuple[int, int]:
    """Sentence-relative char span of ``token``'s subtree, leaving out relative clauses."""
    tokens = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            if stop_at_clause and child.dep_ in ("relcl", "acl", "advcl", "punct") and child.i > token.i:
                continue
            tokens.append(child)
            stack.append(child)
    tokens = [t for t in tokens if t.dep_ != "punct" or token.i < t.i < max(x.i for x in tokens)]
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return rel(first, sent), rel(last, sent) + len(last.text)


def clean_phrase(text: str) -> str:
    """Trim determiners, punctuation, a trailing "(NIS)" and whitespace from a phrase."""
    text = re.sub(r"\s*\([^()]*\)?\s*$", "", re.sub(r"\s+", " ", text))
    text = text.strip(" ,;:()\"“”'")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def normal_name(text: str) -> str:
    """Normalise a person's name: drop possessive endings and extra spaces."""
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"(?:'s|’s)$", "", re.sub(r"\s+", " ", text)).strip()


def can_speak(head: Token) -> bool:
    """True when a subject token can be the source of a statement."""
    if head.lower_ in PERSON_PRONOUNS:
        return True
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return head.lemma_.lower() in SOURCE_NOUNS or head.lower_ in SOURCE_NOUNS


def _may_own(token: Token) -> bool:
    """True when a token can be the owner of a figure: a source or a proper name."""
    if token.lower_ in POSSESSIVE_PRONOUNS or token.ent_type_ in ("DATE", "TIME"):
        return False
    return can_speak(token) or token.pos_ == "PROPN"


def owner_of(noun: Token, preps: tuple[str, ...] = ("from", "by")) -> Token | None:
    """Who a figure or document noun belongs to: "Seoul's estimate", "figures from the
    ministry", "data compiled by Freightos", "a report by the agency"."""
    for child in noun.children:
        if child.dep_ == "poss" and _may_own(child):
            return child
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [c for c in child.children if c.dep_ == "pobj" and _may_own(c)]
            if objs:
                return objs[0]
        if child.dep_ == "acl":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                objs = [c for c in agent.children if c.dep_ == "pobj" and _may_own(c)]
                if objs:
                    return objs[0]
    return None


def _inside_clause(token: Token, top: Token) -> bool:
    """True when ``token`` sits in a relative or participle clause below ``top``."""
    t = token.head
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl"):
            return True
        t = t.head
    return False


def _author(noun: Token) -> Token | None:
    """The writer of a document named in a relative clause: "the report, which the
    agency submitted to lawmakers" → "the agency"."""
    for child in noun.children:
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in AUTHOR_VERBS:
            subject = next((c for c in child.children if c.dep_ == "nsubj" and c.lower_ not in ("which", "that")), None)
            if subject is not None:
                return subject
    return None


class _Phrase:
    """The words and entities of a speaker phrase."""

    def __init__(self, head: Token, sent: Span) -> None:
        self.head, self.sent = head, sent
        start, end = subtree_span(head, sent)
        # "Seoul's estimate": the owner is "Seoul", not "Seoul's".
        end = start + len(re.sub(r"\s*['’]s?$", "", sent.text[start:end])) if head.dep_ == "poss" else end
        self.span = (start, end)
        start, end = self.span
        self.tokens = [t for t in sent if start <= rel(t, sent) < end]
        ents = [e for e in sent.ents if start <= e.start_char - sent.start_char < end]
        self.persons = [e for e in ents if e.label_ == "PERSON"]
        self.orgs = [e for e in ents if e.label_ == "ORG"]
        self.places = [e for e in ents if e.label_ in PLACE_LABELS]
        self.mention = sent.text[start:end]

    @property
    def org(self) -> str | None:
        """The organisation the phrase names, else its place ("South Korea's")."""
        return self.orgs[0].text if self.orgs else (self.places[0].text if self.places else None)


def describe_speaker(head: Token, sent: Span) -> Described:
    """Build a Speaker from the head token of a subject or ``according to`` object, with
    the sentence-relative span of the words that name it."""
    p = _Phrase(head, sent)
    lower = head.lower_
    if lower in PERSON_PRONOUNS and len(p.tokens) == 1:
        kind = "unnamed" if PERSON_PRONOUNS[lower] == "p" else "person"
        return Speaker(name=None, type=kind, mention=head.text), p.span
    appos_person = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
    if p.persons and (head.ent_type_ == "PERSON" or appos_person):
        return _named_person(p), p.span
    poss = [c for c in head.children if c.dep_ == "poss"]
    of = None
    if poss and poss[0].ent_type_ == "PERSON":
        of = normal_name(" ".join(t.text for t in poss[0].subtree if t.dep_ != "case"))
    head_lemma = head.lemma_.lower()
    if head_lemma in DOCUMENT_NOUNS or lower in DOCUMENT_NOUNS or (lower in FIGURE_NOUNS and owner_of(head)):
        return _document(p)
    org = clean_phrase(p.org) if p.org else None
    if head_lemma in ROLE_WORDS:
        return _role(p, org, of), p.span
    if p.orgs or head.ent_type_ in ("ORG", "GPE", "NORP") or head_lemma in SOURCE_NOUNS:
        own = [e for e in p.orgs if e.start <= head.i < e.end]
        name = clean_phrase(own[0].text if own else (p.orgs[0].text if p.orgs and not poss else p.mention))
        return Speaker(name=name, org=org, type="organisation", mention=p.mention, of=of), p.span
    return Speaker(name=clean_phrase(p.mention), type="unnamed", mention=p.mention), p.span


def _named_person(p: _Phrase) -> Speaker:
    """A person named in the phrase, with the role and body around the name."""
    sent = p.sent
    person = max(p.persons, key=lambda e: len(e.text))
    role_tokens = [
        t for t in p.tokens
        if t.i < person.start and t.ent_type_ not in ("NORP", "GPE", "ORG") and t.dep_ not in ("det", "case", "poss", "punct")
    ]
    last = person.end - 1
    appos = [c for c in sent.doc[last].children if c.dep_ == "appos"] if last >= sent.start else []
    role = " ".join(t.text for t in role_tokens) or None
    org = p.org
    if appos:
        a = appos[0]
        role_words = [t.text for t in a.lefts if t.dep_ in ("compound", "amod")] + [a.text]
        role = role or " ".join(role_words)
        a_orgs = [e for e in p.orgs if e.start > a.i]
        if a_orgs:
            org = " of ".join(clean_phrase(e.text) for e in a_orgs)
    return Speaker(name=normal_name(person.text), role=clean_phrase(role) if role else None,
                   org=clean_phrase(org) if org else None, type="person", mention=p.mention)


def _document(p: _Phrase) -> Described:
    """A report, statement or set of figures: its author speaks ("a report by the
    inspector general", "figures from the ministry", "the report, which the agency
    submitted"), with the span of the words naming the author."""
    author = owner_of(p.head, ("from", "by", "of")) or _author(p.head)
    if author is None:
        # "by" may hang lower in the phrase; relative clauses are someone else's words.
        for child in p.head.subtree:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "from", "of")):
                if _inside_clause(child, p.head):
                    continue
                author = next((c for c in child.children if c.dep_ == "pobj"), None)
                if author is not None:
                    break
    if author is not None:
        return describe_speaker(author, p.sent)
    org = p.orgs[0].text if p.orgs else None
    return Speaker(name=clean_phrase(org or p.mention), org=clean_phrase(org) if org else None,
                   type="document", mention=p.mention), p.span


def _role(p: _Phrase, org: str | None, of: str | None) -> Speaker:
    """A person or group described by role ("the defence minister", "officials")."""
    head = p.head
    is_plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" for c in head.children)
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
    words = [t.text for t in head.lefts if t.dep_ in ("compound", "amod") and t.ent_type_ not in ("NORP", "GPE", "ORG")]
    role = " ".join(words) + " " + head.text
    stype = "unnamed" if (is_plural or determiner in ("a", "an")) else "person"
    return Speaker(name=clean_phrase(p.mention) if stype == "unnamed" else None, role=clean_phrase(role),
                   org=org, type=stype, mention=p.mention, of=of)
