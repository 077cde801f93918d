"""Who said it: reporting cues, speakers, quote vs paraphrase and citation chains,
found on a dependency-parsed sentence.

``find_attribution`` looks at one parsed sentence and returns what the sentence
itself says.  Resolving "he" or "the minister" to a name needs the article's earlier
sentences: that is ``SpeakerResolver``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..model import Speaker

__all__ = ["Attribution", "find_attribution", "SpeakerResolver", "speaker_key", "QUOTE_SPAN"]

#: Verbs that report speech or a finding; they need a subject that can be a source.
REPORTING_VERBS = frozenset(
    """say tell state add claim estimate report announce deny confirm warn note write explain
    insist argue acknowledge admit allege assert predict suggest reveal disclose testify
    describe concede indicate stress emphasise emphasize caution contend maintain reiterate
    respond reply tweet post quote assess calculate count tally forecast project promise vow
    pledge declare reject dismiss refute accuse believe think expect show find conclude
    recall brief inform observe remark comment mention complain""".split()
)
#: Of those, verbs that only report speech when they take a clause or a quotation.
NEEDS_CLAUSE = frozenset(
    "show find believe think expect promise vow pledge project forecast count calculate recall respond reply describe".split()
)
#: Verbs that report speech whatever their subject ("Dockworkers said").
SPEECH_VERBS = frozenset("say tell".split())
DENIAL_VERBS = frozenset("deny reject dismiss refute".split())
#: Verbs that report speech only when their object is something said ("rejected the
#: claims", "dismissed the concerns"), not an act ("rejected the veto").
OBJECT_VERBS = frozenset("reject dismiss accuse confirm".split())
SPEECH_OBJECTS = frozenset(
    """claim claims report reports allegation allegations accusation accusations suggestion suggestions
    notion idea criticism criticisms concern concerns warning warnings charge charges rumour rumours
    rumor rumors account accounts assertion assertions statement statements comment comments
    characterization characterisation description speculation findings finding estimate estimates""".split()
)
#: Reporting verbs that present the content as an estimate or belief, not a fact.
HEDGING_VERBS = frozenset("estimate believe think expect project forecast predict suspect assess calculate".split())
#: Nouns that head a subject able to speak for itself.
SOURCE_NOUNS = frozenset(
    """official officials minister ministry spokesman spokeswoman spokesperson secretary president
    premier chancellor general commander representative chief director governor mayor ambassador
    lawmaker senator congressman congresswoman analyst expert officer adviser advisor source
    sources department agency service office government administration military army police
    report study survey statement document analysis assessment review data figures estimate
    estimates intelligence investigators prosecutor prosecutors court judge authorities
    authority company firm spokesperson researchers scientists economists lawyer attorney
    leader leaders chair chairman chairwoman head staff embassy council committee commission
    inspector ceo executive witnesses witness residents organisation organization group
    campaign party parliament kremlin pentagon newspaper agency broadcaster board panel union
    coalition bank institute center centre university hospital network association federation
    regulator watchdog guard navy force forces spokesman""".split()
)
DOCUMENT_NOUNS = frozenset("report study survey statement document analysis assessment review sheet filing release memo letter".split())
#: "according to estimates/reports" names no one: it hedges.
GENERIC_SOURCES = frozenset("estimates estimate reports report data figures sources calculations media".split())
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "i": "?", "we": "p", "they": "p"}
ROLE_WORDS = frozenset(
    """minister president secretary spokesman spokeswoman spokesperson general commander
    representative chief director governor mayor ambassador lawmaker senator official analyst
    expert officer adviser advisor chair chairman chairwoman head leader prosecutor judge
    inspector ceo executive premier chancellor envoy deputy colonel lieutenant admiral source""".split()
)
QUOTE_SPAN = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
#: A claim is a quote when quotations cover this share of its content.
QUOTE_SHARE = 0.6


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


def _rel(token: Token, sent: Span) -> int:
    """Offset of ``token`` relative to the start of ``sent``."""
    return token.idx - sent.start_char


def _subtree_span(token: Token, sent: Span, *, stop_at_clause: bool = True) -> tuple[int, int]:
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
    return _rel(first, sent), _rel(last, sent) + len(last.text)


def _clean_phrase(text: str) -> str:
    """Trim determiners, punctuation, a trailing "(NIS)" and whitespace from a phrase."""
    text = re.sub(r"\s*\([^()]*\)?\s*$", "", re.sub(r"\s+", " ", text))
    text = text.strip(" ,;:()\"“”'")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def describe_speaker(head: Token, sent: Span) -> tuple[Speaker, tuple[int, int]]:
    """Build a Speaker from the head token of a subject or ``according to`` object."""
    start, end = _subtree_span(head, sent)
    phrase_tokens = [t for t in sent if start <= _rel(t, sent) < end]
    ents = [e for e in sent.ents if start <= e.start_char - sent.start_char < end]
    persons = [e for e in ents if e.label_ == "PERSON"]
    orgs = [e for e in ents if e.label_ == "ORG"]
    places = [e for e in ents if e.label_ in ("NORP", "GPE")]
    mention = sent.text[start:end]
    lower = head.lower_
    if lower in PERSON_PRONOUNS and len(phrase_tokens) == 1:
        kind = "unnamed" if PERSON_PRONOUNS[lower] == "p" else "person"
        return Speaker(name=None, type=kind, mention=head.text), (start, end)
    appos_person = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)
    if persons and (head.ent_type_ == "PERSON" or appos_person):
        person = max(persons, key=lambda e: len(e.text))
        role_tokens = [
            t for t in phrase_tokens
            if t.i < person.start and t.ent_type_ not in ("NORP", "GPE", "ORG") and t.dep_ not in ("det", "case", "poss", "punct")
        ]
        appos = [c for c in sent[person.end - 1 - sent.start].children if c.dep_ == "appos"] if person.end - 1 >= sent.start else []
        role = " ".join(t.text for t in role_tokens) or None
        org = orgs[0].text if orgs else (places[0].text if places else None)
        if appos:
            a = appos[0]
            role_words = [t.text for t in a.lefts if t.dep_ in ("compound", "amod")] + [a.text]
            role = role or " ".join(role_words)
            a_orgs = [e for e in orgs if e.start > a.i]
            if a_orgs:
                org = " of ".join(_clean_phrase(e.text) for e in a_orgs)
        return Speaker(
            name=_normal_name(person.text), role=_clean_phrase(role) if role else None,
            org=_clean_phrase(org) if org else None, type="person", mention=mention,
        ), (start, end)
    poss = [c for c in head.children if c.dep_ == "poss"]
    of = None
    if poss and poss[0].ent_type_ == "PERSON":
        of = _normal_name(" ".join(t.text for t in poss[0].subtree if t.dep_ != "case"))
    head_lemma = head.lemma_.lower()
    if head_lemma in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS:
        # "a report … by the Pentagon's inspector general": the author speaks.
        for child in head.subtree:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "from", "of")):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    inner, _ = describe_speaker(objs[0], sent)
                    return inner, (start, end)
        org = orgs[0].text if orgs else None
        return Speaker(name=_clean_phrase(org or mention), org=_clean_phrase(org) if org else None,
                       type="document", mention=mention), (start, end)
    is_plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" for c in head.children)
    determiner = next((c.lower_ for c in head.children if c.dep_ == "det"), None)
    org = orgs[0].text if orgs else (places[0].text if places else None)
    if head_lemma in ROLE_WORDS:
        role = " ".join(t.text for t in head.lefts if t.dep_ in ("compound", "amod") and t.ent_type_ not in ("NORP", "GPE", "ORG")) + " " + head.text
        stype = "unnamed" if (is_plural or determiner in ("a", "an")) else "person"
        return Speaker(name=_clean_phrase(mention) if stype == "unnamed" else None, role=_clean_phrase(role),
                       org=_clean_phrase(org) if org else None, type=stype, mention=mention, of=of), (start, end)
    if orgs or head.ent_type_ in ("ORG", "GPE", "NORP") or head_lemma in SOURCE_NOUNS:
        own = [e for e in orgs if e.start <= head.i < e.end]
        name = _clean_phrase(own[0].text if own else (orgs[0].text if orgs and not poss else mention))
        return Speaker(name=name, org=_clean_phrase(org) if org else None, type="organisation",
                       mention=mention, of=of), (start, end)
    return Speaker(name=_clean_phrase(mention), type="unnamed", mention=mention), (start, end)


def _normal_name(text: str) -> str:
    """Normalise a person's name: drop possessive endings and extra spaces."""
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"(?:'s|’s)$", "", re.sub(r"\s+", " ", text)).strip()


def _can_speak(head: Token) -> bool:
    """True when a subject token can be the source of a statement."""
    if head.lower_ in PERSON_PRONOUNS:
        return True
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return head.lemma_.lower() in SOURCE_NOUNS or head.lower_ in SOURCE_NOUNS


def _content_span(verb: Token, sent: Span, exclude: list[tuple[int, int]]) -> tuple[int, int]:
    """The span of what ``verb`` reports: its clausal complement, else the rest."""
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj", "attr") and c.pos_ != "PRON"]
    for comp in comps:
        if comp.dep_ in ("ccomp", "xcomp"):
            s, e = _subtree_span(comp, sent, stop_at_clause=False)
            return s, e
    if verb.dep_ in ("ccomp", "conj") or verb.head.i != verb.i:
        return 0, len(sent.text)
    # Cue after the content ("…, he said.") or before it ("In an interview, X said …"):
    # content is the larger side outside the cue phrase.
    return _outside(sent.text, exclude)


def _strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Shrink a span past surrounding spaces and punctuation."""
    s, e = span
    while s < e and text[s] in " ,;:—–-\"“”'":
        s += 1
    while e > s and text[e - 1] in " ,;:—–-\"“”'":
        e -= 1
    return s, e


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Sentence-relative spans inside quotation marks."""
    return [(m.start(1), m.end(1)) for m in QUOTE_SPAN.finditer(text)]


def _adjacent_subject(verb: Token, sent: Span) -> list[Token]:
    """The speaker of ", Transportation Secretary Pete Buttigieg said," when the parser
    attached the name elsewhere: the noun right before a speech verb (after a comma),
    or the proper noun right after it ("said Luis Ortega")."""
    if verb.lemma_.lower() not in ("say", "tell", "add", "write", "note", "warn"):
        return []
    before = sent.doc[verb.i - 1] if verb.i - 1 >= sent.start else None
    if before is not None and before.pos_ in ("PROPN", "NOUN", "PRON"):
        start = before.i
        while start - 1 >= sent.start and sent.doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART"):
            start -= 1
        if start == sent.start or sent.doc[start - 1].is_punct:
            return [before]
    after = sent.doc[verb.i + 1] if verb.i + 1 < sent.end else None
    if after is not None and after.pos_ == "PROPN":
        return [after]
    return []


def _cue_first(verb: Token, sent: Span) -> bool:
    """True when nothing but the speaker comes before the cue ("Obama wrote in …")."""
    return all(t.i >= verb.i or t.dep_ in ("nsubj", "compound", "det", "amod", "poss", "case", "punct", "appos")
               or t.head.dep_ in ("nsubj", "appos") for t in sent)


def _speech_object(verb: Token) -> bool:
    """True when a verb's direct object is something said: "rejected the claims"."""
    return any(c.dep_ == "dobj" and c.lower_ in SPEECH_OBJECTS for c in verb.children)


def _verb_cues(sent: Span) -> list[tuple[Token, Token]]:
    """(verb, subject head) pairs for reporting verbs with a subject that can speak.

    Verbs inside a quotation are the speaker's words, not the outlet's cue; a cue
    nested in another cue's content needs its own clause ("Shin told lawmakers that …,
    Yonhap reported"), so "help Maryland respond" or "expect to ask" do not count.
    """
    found = []
    quoted = _quoted_ranges(sent.text)
    for token in sent:
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_VERBS:
            continue
        rel = _rel(token, sent)
        if any(a <= rel < b for a, b in quoted):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj",)]
        if not subjects and token.dep_ == "conj" and (
            token.head.lemma_.lower() in REPORTING_VERBS or (token.head.dep_ == "ROOT" and token.head.pos_ in ("VERB", "AUX"))
        ):
            # "He praised Stumpf and said …": the main clause's subject speaks.
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        # A subject inside a quotation while the verb is outside is a misparse.
        subjects = [c for c in subjects if not any(a <= _rel(c, sent) < b for a, b in quoted)]
        if not subjects:
            subjects = _adjacent_subject(token, sent)
        if not subjects:
            continue
        subject = subjects[0]
        if subject.lower_ in ("who", "that") and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
            # "lawmakers, who also said …": the noun the clause hangs on speaks.
            subject = token.head
        if subject.lower_ in ("it", "this", "that", "which", "who"):
            continue
        lemma = token.lemma_.lower()
        has_ccomp = any(c.dep_ == "ccomp" for c in token.children)
        has_clause = has_ccomp or any(c.dep_ == "xcomp" for c in token.children) or bool(quoted)
        if lemma in NEEDS_CLAUSE and not (has_ccomp or quoted):
            continue
        if lemma in OBJECT_VERBS and not (quoted or _speech_object(token)):
            continue  # "Congress rejected the veto" reports an act, not a statement
        nested = token.dep_ not in ("ROOT", "parataxis") and token.head.i != token.i
        if nested and not (has_ccomp or quoted) and token.dep_ != "conj":
            continue
        if lemma in ("tell", "add", "warn", "note", "write", "say") or has_clause or token.dep_ in ("ROOT", "parataxis", "ccomp"):
            # Any noun can speak when it says something ("The board denied that …").
            if _can_speak(subject) or ((lemma in SPEECH_VERBS or has_ccomp) and subject.pos_ in ("NOUN", "PROPN")):
                found.append((token, subject))
    return found or _participle_cues(sent, quoted)


def _participle_cues(sent: Span, quoted: list[tuple[int, int]]) -> list[tuple[Token, Token]]:
    """(verb, subject) for "…, saying that …" / "issued a statement saying …" when the
    sentence has no finite cue: the participle reports what the nearest clause subject
    above it said, if it takes a clause or a quotation."""
    found = []
    for token in sent:
        if token.tag_ != "VBG" or token.lemma_.lower() not in REPORTING_VERBS or token.dep_ not in ("advcl", "acl", "xcomp", "conj"):
            continue
        rel = _rel(token, sent)
        if any(a <= rel < b for a, b in quoted):
            continue
        has_ccomp = any(c.dep_ == "ccomp" for c in token.children)
        if not (has_ccomp or any(a > rel for a, _ in quoted)):
            continue
        t, subject = token, None
        while t.head.i != t.i and subject is None:
            t = t.head
            subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in ("it", "this", "that", "which", "who"):
            continue
        if _can_speak(subject) or subject.pos_ in ("NOUN", "PROPN"):
            found.append((token, subject))
    return found


def _cue_text(verb: Token) -> str:
    """The cue words: the verb with its particles, negation and auxiliaries."""
    parts = [c for c in verb.children if c.dep_ in ("prt", "neg")]
    words = sorted([verb, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in words).lower()


def _date_context(verb: Token, sent: Span) -> str:
    """Words that date the statement: "Monday", "In November", "last Friday"."""
    bits = []
    for child in verb.children:
        if child.dep_ in ("npadvmod", "tmod") or (child.dep_ == "prep" and child.lower_ in ("on", "in")):
            sub = list(child.subtree)
            if any(t.ent_type_ == "DATE" for t in sub):
                bits.append(" ".join(t.text for t in sub))
    return " ".join(bits)


def _according_to(sent: Span) -> list[tuple[Token, Token]]:
    """(according, object head) pairs for each "according to X"."""
    found = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "to":
            to = sent.doc[token.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                found.append((token, objs[0]))
    return found


def _is_generic(obj: Token) -> bool:
    """True for "according to estimates": a source noun that names no one."""
    if obj.lower_ not in GENERIC_SOURCES:
        return False
    return all(c.dep_ in ("det", "amod", "compound") and c.ent_type_ == "" for c in obj.children)


def _citing(sent: Span) -> list[Token]:
    """Object heads of "citing X" / "quoting X"."""
    found = []
    for token in sent:
        if token.lower_ in ("citing", "quoting"):
            objs = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
            if objs:
                found.append(objs[0])
    return found


def find_attribution(sent: Span) -> Attribution | None:
    """Find the attribution of one parsed sentence, or ``None`` when it has none.

    The innermost verb cue names the speaker; outer cues ("…, Yonhap reported") and
    "according to" around it become the citation chain, outermost first.

    >>> # doctest needs a model; see tests/test_attribution.py
    """
    text = sent.text
    verbs = _verb_cues(sent)
    pairs = _according_to(sent)
    according = [(a, o) for a, o in pairs if not _is_generic(o)]
    generic = [o.lower_ for a, o in pairs if _is_generic(o)]
    chain: list[tuple[Speaker, tuple[int, int], str, tuple[int, int], Token | None]] = []
    for verb, subject in verbs:
        speaker, span = describe_speaker(subject, sent)
        cue_span = (_rel(verb, sent), _rel(verb, sent) + len(verb.text))
        chain.append((speaker, span, _cue_text(verb), cue_span, verb))
    for acc, obj in according:
        speaker, span = describe_speaker(obj, sent)
        cue = "according to"
        head_lemma = obj.lemma_.lower()
        if head_lemma in DOCUMENT_NOUNS:
            cue = f"according to a {head_lemma}"
        chain.append((speaker, span, cue, (_rel(acc, sent), _rel(acc, sent) + len("according to")), None))
    if not chain:
        return None
    # Outermost first: a verb that governs another cue's verb, or "according to" when a
    # verb cue sits in its content ("X said …, according to Y"), comes first.
    def depth(item: tuple) -> int:
        verb = item[4]
        if verb is None:
            return -1 if any(v is not None for *_, v in chain) else 0
        d, t = 0, verb
        while t.head.i != t.i:
            d, t = d + 1, t.head
        return d

    chain.sort(key=depth)
    speaker, span, cue, cue_span, verb = chain[-1]
    cites = tuple(item[0] for item in chain)
    for obj in _citing(sent):
        cited, _ = describe_speaker(obj, sent)
        cites = cites + (cited,)
    exclude = [span, cue_span]
    content = _content_span(verb, sent, exclude) if verb is not None else _outside(text, exclude)
    # A quotation that the content touches belongs to it whole: the parser hands only the
    # last sentence of '"A. B," she said' to the verb.
    for m in QUOTE_SPAN.finditer(text):
        if m.start(1) < content[1] and content[0] < m.end(1):
            content = (min(content[0], m.start(1)), max(content[1], m.end(1)))
    content = _strip_span(text, content)
    quoted = sum(
        max(0, min(m.end(1), content[1]) - max(m.start(1), content[0])) for m in QUOTE_SPAN.finditer(text)
    )
    kind = "quote" if quoted >= QUOTE_SHARE * max(1, content[1] - content[0]) else "paraphrase"
    polarity = "deny" if verb is not None and verb.lemma_.lower() in DENIAL_VERBS else "affirm"
    hedge_cues = tuple(f"according to {g}" for g in generic)
    if verb is not None and verb.lemma_.lower() in HEDGING_VERBS:
        hedge_cues += (verb.text.lower(),)
    return Attribution(
        speaker=speaker, cue=cue, kind=kind, content=content, cites=cites, speaker_span=span,
        cue_span=cue_span, polarity=polarity,
        date_context=_date_context(verb, sent) if verb is not None else "",
        hedge_cues=hedge_cues,
        says=verb is None or bool(QUOTE_SPAN.search(text)) or verb.dep_ in ("parataxis", "ccomp")
        or any(c.dep_ in ("ccomp", "xcomp", "dobj", "attr", "oprd") for c in verb.children)
        or not _cue_first(verb, sent),
    )


def _outside(text: str, exclude: list[tuple[int, int]]) -> tuple[int, int]:
    """The larger side of ``text`` around an attribution phrase."""
    s = min(e[0] for e in exclude)
    e = max(x[1] for x in exclude)
    return (0, s) if s >= len(text) - e else (e, len(text))


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


class SpeakerResolver:
    """Resolves pronouns, descriptions and short names to the last fitting named
    speaker seen earlier in the same article."""

    def __init__(self) -> None:
        self.people: list[Speaker] = []  # every named person, speaker or not
        self.speakers: list[Speaker] = []  # people who have spoken, latest last
        self.bodies: list[Speaker] = []  # named organisations that have spoken
        self.genders: dict[str, str] = {}  # name → "m"/"f", learnt from pronouns

    def note_entities(self, sent: Span) -> None:
        """Remember people named with a role in a sentence ("Defense Minister Shin")."""
        for ent in sent.ents:
            if ent.label_ != "PERSON":
                continue
            role_tokens = []
            i = ent.start - 1
            while i >= sent.start and sent.doc[i].is_title and sent.doc[i].ent_type_ not in ("PERSON",):
                role_tokens.insert(0, sent.doc[i])
                i -= 1
            role_tokens = [t for t in role_tokens if t.ent_type_ not in ("NORP", "GPE", "ORG")]
            role = " ".join(t.text for t in role_tokens) or None
            self._remember_person(Speaker(name=_normal_name(ent.text), role=role, type="person"))

    def _remember_person(self, speaker: Speaker) -> None:
        """Add or refresh a person, merging a short name into a known full name."""
        for i, known in enumerate(self.people):
            if _same_person(known.name, speaker.name):
                merged = replace(known, role=known.role or speaker.role, org=known.org or speaker.org,
                                 name=max((known.name or "", speaker.name or ""), key=len))
                self.people.pop(i)
                self.people.append(merged)
                return
        self.people.append(speaker)

    def _remember_speaker(self, speaker: Speaker) -> None:
        """Move ``speaker`` to the end of the list of people who have spoken."""
        self.speakers = [k for k in self.speakers if not _same_person(k.name, speaker.name)]
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
        if speaker.type == "person" and speaker.name:
            resolved = speaker
            for known in reversed(self.people):
                if _same_person(known.name, speaker.name):
                    resolved = replace(speaker, name=max((known.name or "", speaker.name), key=len),
                                       role=speaker.role or known.role, org=speaker.org or known.org)
                    break
            self._remember_person(resolved)
            self._remember_speaker(resolved)
            return resolved
        if speaker.type == "person" and not speaker.name:
            # A pronoun or description points back to the last person who spoke; failing
            # that, to the last person named with a fitting role. "He" skips a person
            # already called "she", and the other way round.
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
        if speaker.type == "organisation" and speaker.mention and _is_description(speaker.mention):
            # "the agency", "the ministry": the last named body that spoke, else the body
            # of the last person who spoke for one ("NTSB chair Homendy said …").
            head = speaker.mention.lower().split()[-1]
            fitting = [b for b in self.bodies if head in (b.name or "").lower()] or self.bodies
            if fitting:
                return replace(fitting[-1], mention=speaker.mention)
            for known in reversed(self.speakers):
                if known.org:
                    return Speaker(name=known.org, org=known.org, type="organisation", mention=speaker.mention)
        if speaker.of:
            for known in reversed(self.people):
                if _same_person(known.name, speaker.of):
                    speaker = replace(speaker, of=known.name)
                    break
        name = speaker.name or ""
        if speaker.type in ("organisation", "unnamed") and not speaker.of and re.fullmatch(r"[A-Z][a-z'’-]+", name):
            # A surname the tagger did not see as a person ("Buttigieg said"): the person
            # named in full earlier in the article.
            for known in reversed(self.people):
                if _same_person(known.name, name):
                    resolved = replace(known, mention=speaker.mention)
                    self._remember_speaker(resolved)
                    return resolved
        if speaker.type == "organisation" and re.fullmatch(r"[A-Z]{2,6}", name):
            # "NTSB" after "the National Transportation Safety Board": one body.
            bodies = [b.name for b in self.bodies] + [p.org for p in self.speakers if p.org]
            for body in reversed(bodies):
                if body and _initials(body) == name:
                    return replace(speaker, name=body, org=body)
        if speaker.type == "organisation" and not _is_description(speaker.mention or ""):
            self.bodies.append(speaker)
        return speaker


def _initials(name: str) -> str:
    """Upper-case initials of a body's name, small words left out."""
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "the", "and", "for"))


def _is_description(mention: str) -> bool:
    """True for a bare description of a body: "the agency", "the ministry"."""
    words = mention.split()
    return len(words) == 2 and words[0].lower() in ("the", "this") and words[1].islower()


ROLE_FILLER = frozenset("former top senior chief the a an new acting deputy".split())


def role_fits(description: str | None, role: str | None) -> bool:
    """True when a description ("the minister") fits a known role ("Defense Minister"):
    every telling word of the description is in the role."""
    if not description or not role:
        return False
    wanted = [w for w in description.lower().split() if w not in ROLE_FILLER]
    have = set(role.lower().split())
    return bool(wanted) and all(w in have for w in wanted)


def _same_person(a: str | None, b: str | None) -> bool:
    """True when two name strings plausibly name one person ("Shin" / "Shin Won-sik")."""
    if not a or not b:
        return False
    ta = re.sub(r"[-\s]+", " ", a.lower()).split()
    tb = re.sub(r"[-\s]+", " ", b.lower()).split()
    short, long_ = sorted((ta, tb), key=len)
    return bool(short) and all(w in long_ for w in short)
