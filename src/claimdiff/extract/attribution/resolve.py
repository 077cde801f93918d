"""Who "he", "the minister", "the agency" or "Shin" is: ``SpeakerResolver`` resolves a
sentence's speaker against the people and bodies named earlier in the same article, and
``speaker_key`` gives a comparable key for a speaker."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ...model import Speaker
from .lexicon import AUTHOR_VERBS, DOCUMENT_NOUNS, GENDER_WORDS, PERSON_PRONOUNS, ROLE_FILLER
from .speakers import describe_speaker, normal_name

__all__ = ["SpeakerResolver", "speaker_key", "role_fits", "same_person"]


def speaker_key(speaker: Speaker | None) -> str:
    """A comparable key for a speaker: "shin won sik" for "Shin Won-sik", "state
    department" for "the US State Department"; "" for none."""
    if speaker is None:
        return ""
    name = speaker.name or speaker.role or speaker.mention or ""
    if speaker.type == "organisation" and speaker.of:
        name = f"{speaker.of}'s {name.split(chr(39) + 's')[-1].strip()}" if "'s" in name else name
    key = re.sub(r"[-_]", " ", name.lower())
    key = re.sub(r"[’']s\b", "", key)
    key = re.sub(r"\b(?:the|us|u\.s\.|u\.s|american|a|an)\b", " ", key)
    key = re.sub(r"[^\w\s]", " ", key)
    return re.sub(r"\s+", " ", key).strip()


def role_fits(description: str | None, role: str | None) -> bool:
    """True when a description ("the minister") fits a known role ("Defense Minister"):
    every telling word of the description is in the role."""
    if not description or not role:
        return False
    wanted = [w for w in description.lower().split() if w not in ROLE_FILLER]
    have = set(role.lower().split())
    return bool(wanted) and all(w in have for w in wanted)


def same_person(a: str | None, b: str | None) -> bool:
    """True when two name strings plausibly name one person ("Shin" / "Shin Won-sik")."""
    if not a or not b:
        return False
    ta = re.sub(r"[-\s]+", " ", a.lower()).split()
    tb = re.sub(r"[-\s]+", " ", b.lower()).split()
    short, long_ = sorted((ta, tb), key=len)
    return bool(short) and all(w in long_ for w in short)


def _initials(name: str) -> str:
    """Upper-case initials of a body's name, small words left out."""
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "the", "and", "for"))


def _is_subject(token: Token) -> bool:
    """True for the head of a clause subject, or a name set beside one ("the manager,
    Gareth Poole, felt")."""
    while token.dep_ in ("compound", "flat"):
        token = token.head
    if token.dep_ == "appos":
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _group(name: str) -> bool:
    """True for a loose group named by common nouns ("operators and brokers", "critics"):
    no referent for a later "the company" or "the agency"."""
    words = name.split()
    return bool(words) and name.islower() and (words[-1].endswith("s") or "and" in words)


def _is_description(mention: str) -> bool:
    """True for a bare description of a body: "the agency", "the ministry"."""
    words = mention.split()
    return len(words) == 2 and words[0].lower() in ("the", "this") and words[1].islower()


class SpeakerResolver:
    """Resolves pronouns, descriptions and short names to the last fitting named
    speaker seen earlier in the same article."""

    def __init__(self) -> None:
        self.people: list[Speaker] = []  # every named person, speaker or not
        self.speakers: list[Speaker] = []  # people who have spoken, latest last
        self.bodies: list[Speaker] = []  # named organisations that have spoken
        self.genders: dict[str, str] = {}  # name → "m"/"f", learnt from pronouns and titles
        self.named_bodies: list[str] = []  # organisations named, speaking or not
        self.documents: dict[str, Speaker] = {}  # "warning" → who issued it

    def note_entities(self, sent: Span) -> None:
        """Remember people named with a role ("Defense Minister Shin"), organisations, and
        who issued a document ("The Met Office has issued a warning")."""
        for ent in sent.ents:
            if ent.label_ == "ORG":
                self.named_bodies.append(ent.text)
            if ent.label_ != "PERSON" or any(ch.isdigit() for ch in ent.text):
                continue
            role_tokens = []
            i = ent.start - 1
            while i >= sent.start and sent.doc[i].is_title and sent.doc[i].ent_type_ not in ("PERSON",):
                role_tokens.insert(0, sent.doc[i])
                i -= 1
            role_tokens = [t for t in role_tokens if t.ent_type_ not in ("NORP", "GPE", "ORG")]
            role = " ".join(t.text for t in role_tokens) or None
            name = normal_name(ent.text)
            gender = next((GENDER_WORDS[w] for w in (role or "").lower().split() if w in GENDER_WORDS), None)
            if gender and name not in self.genders:
                self.genders[name] = gender
            self._remember_person(Speaker(name=name, role=role, type="person"))
            if _is_subject(sent.doc[ent.end - 1]):
                # "The Crewe manager, Gareth Poole, felt …": the next "he said" is likely his.
                known = next(k for k in reversed(self.people) if same_person(k.name, name))
                self._remember_speaker(known)
        self._note_documents(sent)

    def _note_documents(self, sent: Span) -> None:
        """Remember the author of each document a sentence says was issued or published."""
        for token in sent:
            if token.pos_ != "VERB" or token.lemma_.lower() not in AUTHOR_VERBS:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            # The document heads the object, or sits right by a misparsed head ("a yellow
            # weather warning" with "weather" as the object).
            docs = [t for c in token.children if c.dep_ == "dobj" for t in c.subtree
                    if (t.lemma_.lower() in DOCUMENT_NOUNS or t.lower_ in DOCUMENT_NOUNS) and abs(t.i - c.i) <= 3]
            if subject is not None and docs and subject.pos_ in ("PROPN", "NOUN"):
                author, _ = describe_speaker(subject, sent)
                self.documents[docs[0].lower_] = author

    def _remember_person(self, speaker: Speaker) -> None:
        """Add or refresh a person, merging a short name into a known full name."""
        for i, known in enumerate(self.people):
            if same_person(known.name, speaker.name):
                merged = replace(known, role=known.role or speaker.role, org=known.org or speaker.org,
                                 name=max((known.name or "", speaker.name or ""), key=len))
                self.people.pop(i)
                self.people.append(merged)
                return
        self.people.append(speaker)

    def _remember_speaker(self, speaker: Speaker) -> None:
        """Move ``speaker`` to the end of the list of people who have spoken."""
        self.speakers = [k for k in self.speakers if not same_person(k.name, speaker.name)]
        self.speakers.append(replace(speaker, mention=None))

    def resolve(self, speaker: Speaker | None, *, remember: bool = True) -> Speaker | None:
        """Return ``speaker`` with its name filled in from context where it can be.

        With ``remember=False`` (relays in a citation chain) the speaker is resolved
        but not noted as the latest speaker, so later pronouns skip it.
        """
        if speaker is None:
            return None
        if not remember:
            saved = (list(self.people), list(self.speakers), list(self.bodies), dict(self.genders))
            try:
                return self.resolve(speaker)
            finally:
                self.people, self.speakers, self.bodies, self.genders = saved
        if speaker.type == "person":
            return self._named(speaker) if speaker.name else self._pronoun_or_role(speaker)
        if speaker.mention and _is_description(speaker.mention):
            found = self._issued(speaker)
            if found is None and speaker.type == "organisation":
                found = self._described_body(speaker)
            if found is not None:
                return found
        return self._body_or_surname(speaker)

    def _issued(self, speaker: Speaker) -> Speaker | None:
        """"the warning", "the report": whoever issued that document earlier."""
        head = (speaker.mention or "").lower().split()[-1]
        author = self.documents.get(head) or self.documents.get(head.rstrip("s"))
        if author is None:
            return None
        resolved = self.resolve(author)
        return replace(resolved, mention=speaker.mention) if resolved is not None else None

    def _named(self, speaker: Speaker) -> Speaker:
        """A named person: completed from the fullest earlier mention of the name."""
        resolved = speaker
        for known in reversed(self.people):
            if same_person(known.name, speaker.name):
                resolved = replace(speaker, name=max((known.name or "", speaker.name or ""), key=len),
                                   role=speaker.role or known.role, org=speaker.org or known.org)
                break
        self._remember_person(resolved)
        self._remember_speaker(resolved)
        return resolved

    def _pronoun_or_role(self, speaker: Speaker) -> Speaker:
        """A pronoun or description points back to the last person who spoke; failing
        that, to the last person named with a fitting role. "He" skips a person already
        called "she", and the other way round."""
        gender = PERSON_PRONOUNS.get((speaker.mention or "").lower())
        for pool in (self.speakers, self.people):
            for known in reversed(pool):
                if gender in ("m", "f") and self.genders.get(known.name or "", gender) != gender:
                    continue
                if not speaker.role or role_fits(speaker.role, known.role):
                    resolved = replace(known, mention=speaker.mention)
                    if gender in ("m", "f") and known.name:
                        self.genders[known.name] = gender
                    self._remember_speaker(resolved)
                    return resolved
        return speaker

    def _described_body(self, speaker: Speaker) -> Speaker | None:
        """"the agency", "the ministry": the last named body that spoke, else the body of
        the last person who spoke for one ("NTSB chair Homendy said …")."""
        head = (speaker.mention or "").lower().split()[-1]
        fitting = [b for b in self.bodies if head in (b.name or "").lower()]
        if fitting:
            return replace(fitting[-1], mention=speaker.mention)
        named = [b for b in self.named_bodies if head in b.lower()]
        if named:
            return Speaker(name=named[-1], org=named[-1], type="organisation", mention=speaker.mention)
        if self.bodies:
            return replace(self.bodies[-1], mention=speaker.mention)
        for known in reversed(self.speakers):
            if known.org:
                return Speaker(name=known.org, org=known.org, type="organisation", mention=speaker.mention)
        return None

    def _body_or_surname(self, speaker: Speaker) -> Speaker:
        """A body, an acronym of a body named before, or a surname the tagger missed."""
        if speaker.of:
            for known in reversed(self.people):
                if same_person(known.name, speaker.of):
                    speaker = replace(speaker, of=known.name)
                    break
        name = speaker.name or ""
        if speaker.type in ("organisation", "unnamed") and not speaker.of and re.fullmatch(r"[A-Z][a-z'’-]+", name):
            # A surname the tagger did not see as a person ("Buttigieg said"): the person
            # named in full earlier in the article.
            for known in reversed(self.people):
                if same_person(known.name, name):
                    resolved = replace(known, mention=speaker.mention)
                    self._remember_speaker(resolved)
                    return resolved
        if speaker.type == "organisation" and re.fullmatch(r"[A-Z]{2,6}", name):
            # "NTSB" after "the National Transportation Safety Board": one body.
            bodies = [b.name for b in self.bodies] + [p.org for p in self.speakers if p.org]
            for body in reversed(bodies):
                if body and _initials(body) == name:
                    return replace(speaker, name=body, org=body)
        if speaker.type == "organisation" and not _is_description(speaker.mention or "") and not _group(name):
            self.bodies.append(speaker)
        return speaker
