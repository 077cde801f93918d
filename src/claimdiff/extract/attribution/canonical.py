"""One canonical speaker per entity across the articles of a story: "Buttigieg" and
"Pete Buttigieg", "NTSB" and its full name, "South Korea's defence minister" and "Defense
Minister Shin Won-sik", "a Maersk spokesperson" and "Moller-Maersk" compare as one speaker,
so alignment never reports them as a speaker difference."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...lexicons import load as load_lexicon
from ...lexicons import patterns
from ...model import Claim, Speaker
from .resolve import speaker_key

__all__ = ["same_speaker_key", "speaker_compare_key", "canonical_speakers"]

#: Small words an acronym leaves out ("National Transportation Safety Board" → NTSB).
ACRONYM_SKIP = patterns("speakers", "ACRONYM_SKIP")
#: Role words of someone who speaks for a body ("a Maersk spokesperson" speaks for Maersk).
SPOKESPEOPLE = frozenset(e["pattern"] for e in load_lexicon("speakers") if e["label"] == "SPOKESPERSON")
#: One spelling for the words of a role or body ("defence" → "defense").
SPELLINGS = {e["pattern"]: e["norm"] for e in load_lexicon("speakers") if e["label"] == "SPELLING"}


def same_speaker_key(a: str, b: str) -> bool:
    """True when two speaker keys name one speaker: equal, a surname and a full name
    ("buttigieg" / "pete buttigieg"), or an acronym and its body ("ntsb" / "national
    transportation safety board")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if set(short.split()) <= set(long_.split()):
        return True
    return " " not in short and short == _acronym(long_)


def _acronym(key: str) -> str:
    """Initials of a body's name, skipping small words: "ntsb"."""
    return "".join(w[0] for w in key.split() if w not in ACRONYM_SKIP)


def speaker_compare_key(c: Claim) -> str:
    """Speaker key that tells a body apart from the person it belongs to; every
    outlet's own voice compares equal (outlets differ by definition)."""
    sp = c.speaker
    if c.kind == "narration":
        return "<outlet>"
    key = speaker_key(sp)
    if sp is not None and sp.type == "organisation" and sp.of:
        key = f"{key}|{speaker_key(type(sp)(name=sp.of))}"
    words = key.split()
    if sp is not None and sp.type == "unnamed" and len(words) > 1 and words[-1] in SPOKESPEOPLE:
        # "a Maersk spokesperson" speaks for Maersk.
        key = " ".join(words[:-1])
    return key


def canonical_speakers(keys: Sequence[str], speakers: Sequence[Speaker | None] = ()) -> list[str]:
    """Map each speaker key to one canonical key per entity in the group, so "Buttigieg"
    and "Pete Buttigieg", "NTSB" and its full name, or "South Korea's defence minister"
    and "Defense Minister Shin Won-sik" do not differ.  A body tied to a person
    ("ministry|shin") stays apart from the person."""
    keys = list(keys)
    if speakers:
        keys = [_named_by_role(k, sp, keys, speakers) for k, sp in zip(keys, speakers, strict=True)]
    out = []
    for key in keys:
        base = key.split("|")[0]
        same = [k for k in keys if "|" not in k and "|" not in key and same_speaker_key(base, k)]
        out.append(max(same, key=lambda k: (len(k), k)) if same else key)
    return out


def _spelling(words: str) -> set[str]:
    """Words of a role in one spelling ("defence" → "defense"), small words left out."""
    return {SPELLINGS.get(w, w) for w in re.findall(r"[a-z]+", words.lower()) if w not in ACRONYM_SKIP}


def _named_by_role(key: str, sp: Speaker | None, keys: Sequence[str], speakers: Sequence[Speaker | None]) -> str:
    """The key of the one named person in the group whose role the unnamed ``sp``
    describes ("the defence minister" → "shin won sik"); ``key`` when none or several."""
    if sp is None or sp.type not in ("person", "unnamed") or "|" in key:
        return key
    unnamed = not sp.name or sp.type == "unnamed" or bool(sp.role and sp.role.lower() in sp.name.lower())
    described = _spelling(sp.role or sp.mention or "")
    if not unnamed or not described:
        return key
    named = {k for k, other in zip(keys, speakers, strict=True)
             if other is not None and other.type == "person" and other.role and other.name
             and other.name != sp.name and _same_role(sp.role or sp.mention or "", other.role)}
    return named.pop() if len(named) == 1 else key


def _same_role(description: str, role: str) -> bool:
    """True when a description names a role: the same head word ("minister") and, when
    either says more, a shared telling word ("defence minister" / "South Korean Defense
    Minister"; not "foreign minister")."""
    a, b = re.findall(r"[a-z]+", description.lower()), re.findall(r"[a-z]+", role.lower())
    if not a or not b or a[-1] != b[-1]:
        return False
    rest_a, rest_b = _spelling(" ".join(a[:-1])), _spelling(" ".join(b[:-1]))
    return not rest_a or not rest_b or bool(rest_a & rest_b)
