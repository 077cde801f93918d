"""Statements introduced by a colon: "The mayor told reporters:", "Ortiz continued:",
"The Harbor Gazette reports:" — the sentence names the speaker and the cue, and what was
said follows in the next sentence (often the next paragraph).

``introducer(sent)`` finds such a credit in one parsed sentence; ``claims.py`` gives the
statement that follows it this speaker and cue (with their offsets). The cue verbs are
the lexicon's reporting and stance verbs.
"""

from __future__ import annotations

import re
from spacy.tokens import Span, Token

from .cues import QUOTE_SPAN, cue_text, is_cue_verb
from .find import Attribution
from .speakers import can_speak, describe_speaker, rel

__all__ = ["introducer", "introduces"]

#: The sentence ends with the colon (a closing quotation mark may follow it).
_COLON_END = re.compile(r":[\"“”']?\s*$")
#: Dependents of the cue allowed between it and the colon: when, where, how, to whom.
_ADJUNCTS = frozenset({"prep", "advmod", "npadvmod", "dative", "dobj", "prt", "neg", "aux", "auxpass", "punct",
                       "nsubj", "advcl", "cc", "mark"})
#: Words after the cue and before the colon, at most ("wrote on Facebook on Monday night").
MAX_AFTER = 8


def introduces(attr: Attribution, text: str) -> bool:
    """True when ``attr`` (found in sentence ``text``) credits what the next sentence says:
    the sentence ends in a colon right after the cue and its adjuncts, and the
    attribution has a speaker and no statement of its own."""
    if attr.speaker is None or attr.cue_span is None or attr.relay or not _COLON_END.search(text):
        return False
    after = text[attr.cue_span[1]:text.rstrip().rfind(":")]
    if QUOTE_SPAN.search(after) or len(after.split()) > MAX_AFTER:
        return False
    content = text[attr.content[0]:attr.content[1]].strip()
    return not attr.says or not content or attr.content[0] >= attr.cue_span[1]


def _speaker_subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > verb.i:
        return None
    # a cue verb right before the colon: any noun introduces what follows ("The councillor
    # wrote:", "The letter says:")
    return subject if can_speak(subject) or subject.pos_ in ("PROPN", "NOUN") else None


def introducer(sent: Span) -> list[Attribution]:
    """The credit of a sentence that only introduces what follows ("Ortiz continued:"),
    as an attribution that says nothing itself (``says`` False, empty content at the
    colon), or ``[]``."""
    text = sent.text
    if not _COLON_END.search(text):
        return []
    root = sent.root
    if not is_cue_verb(root):
        return []
    if any(c.dep_ in ("ccomp", "xcomp", "csubj") or c.dep_ not in _ADJUNCTS for c in root.children if c.i > root.i):
        return []
    subject = _speaker_subject(root)
    if subject is None:
        return []
    speaker, span = describe_speaker(subject, sent)
    colon = text.rstrip().rfind(":")
    start = rel(root, sent)
    attr = Attribution(speaker=speaker, cue=cue_text(root), kind="paraphrase", content=(colon, colon),
                       speaker_span=span, cue_span=(start, start + len(root.text)), says=False)
    return [attr] if introduces(attr, text) else []
