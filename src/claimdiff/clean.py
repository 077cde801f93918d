"""Turn a :class:`~claimdiff.model.Source` into a cleaned :class:`~claimdiff.model.Article`.

``clean`` is pure: no I/O and no network. HTML goes through trafilatura (main text and
metadata) and htmldate (publication date), both with network access off; then text and
HTML alike go through the same boilerplate rules, each of which records a label in
``Article.removed`` when it drops something:

=============  ==========================================================================
label          what it drops
=============  ==========================================================================
header         the ``Title:``/``Date:``/``Outlet:``/``URL:``/``Author:`` block on top
title          a first line that is the headline (short, no final period)
title_repeat   a paragraph that repeats the headline (and the caption glued to it)
caption        photo captions and credits, also when glued to a sentence or paragraph
byline         ``By Jane Doe`` / ``Author: Jane Doe`` lines (the name goes to ``author``)
dateline       ``LONDON (Reuters) -`` at the start of the first paragraph
related        ``Related:``/``Read more`` lines and headline-like bullet or indented links
newsletter     sign-up and subscribe prompts
social         ``Follow us on …``
share          share buttons and share counts
cookie         cookie banners
ad             ``Advertisement`` placeholders
outreach       ``X has reached out to Y for comment`` and similar one-sentence lines
timestamp      live-blog times (``Updated 10:32 GMT``, ``2 hours ago``) and bare date lines
credits        ``Reporting by …``, ``… contributed reporting``
bio            an author bio among the last paragraphs
tagline        ``Tags: …`` lines and a run-together tag line at the end
duplicate      a paragraph repeating an earlier kept one
=============  ==========================================================================

Subheadings are kept as their own paragraph. Kept paragraphs are joined with a blank line
and whitespace inside a paragraph is collapsed; ``Article.offset_map`` maps every cleaned
offset back to ``Source.raw`` for text input, and to the trafilatura-extracted text for
HTML input (the HTML markup itself has no stable character offsets for the text).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .errors import ConfigError, EmptyInput
from .ingest import parse_date, parse_header
from .model import Article, Source

__all__ = ["clean", "outlet_from_url", "find_dates", "KNOWN_OUTLETS"]

logger = logging.getLogger(__name__)

PARAGRAPH_SEPARATOR = "\n\n"
#: A headline/subheading/related link has at most this many words.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250
#: A caption is at most this many words (credits on longer lines cut only the last sentence).
CAPTION_MAX_WORDS = 45
#: Lines of boilerplate (newsletter, cookie, outreach…) are at most this many words.
BOILERPLATE_MAX_WORDS = 60
#: Live-blog timestamp lines are at most this many words.
TIMESTAMP_MAX_WORDS = 12
#: Author bios are looked for among this many last paragraphs.
BIO_TAIL_PARAGRAPHS = 3
#: A block of lines is taken as one hard-wrapped paragraph when its lines are at most this long.
WRAP_MAX_LINE_CHARS = 100
WRAP_MIN_LINE_CHARS = 30
#: Indentation (spaces) that marks a standalone headline as a related-story link in text.
RELATED_INDENT = 2

#: Well-known news hosts and the outlet names they stand for.
KNOWN_OUTLETS = {
    "cnn.com": "CNN",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "theguardian.com": "The Guardian",
    "bloomberg.com": "Bloomberg",
    "aljazeera.com": "Al Jazeera",
    "npr.org": "NPR",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "politico.com": "Politico",
    "politico.eu": "Politico",
    "axios.com": "Axios",
    "dw.com": "DW",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "pravda.com.ua": "Ukrainska Pravda",
    "rbc.ua": "RBC-Ukraine",
    "ukrinform.net": "Ukrinform",
    "unian.info": "UNIAN",
    "tass.com": "TASS",
    "yna.co.kr": "Yonhap",
    "yonhapnews.co.kr": "Yonhap",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "nknews.org": "NK News",
    "scmp.com": "South China Morning Post",
}
#: Second-level public suffixes, so ``bbc.co.uk`` reads as ``bbc`` (a small list, not the PSL).
_SECOND_LEVEL_SUFFIXES = {
    "co.uk", "org.uk", "ac.uk", "gov.uk", "com.ua", "org.ua", "co.kr", "or.kr", "com.au",
    "net.au", "co.jp", "or.jp", "com.br", "co.nz", "co.in", "com.cn", "com.tr", "co.za",
    "com.mx", "com.sg", "com.hk",
}

# ---------------------------------------------------------------------------- patterns

_FINAL_PUNCT = tuple('.!?:;,…"”’\'')
_SENTENCE_END_GLUED = re.compile(r"(?<=[a-z0-9%)\]][.!?])[\"”’]?(?=[A-Z\"“])")
_SENTENCE_END_SPACED = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?][\"”’]?\s+(?=[A-Z\"“])")

_AGENCY = (
    r"(?:getty(?:\s+images)?|reuters|ap(?:\s+photo)?|afp|epa(?:[-/ ]efe)?|efe|kcna|kns|yonhap|"
    r"sputnik|tass|ria(?:\s+novosti)?|shutterstock|bloomberg|anadolu(?:\s+agency)?|xinhua|"
    r"nurphoto|sopa\s+images|lightrocket|alamy|pool|handout|unian|ukrinform|imago|dpa|ansa|"
    r"zuma(?:\s+press)?|abaca|associated\s+press|planet\s+labs|maxar(?:\s+technologies)?|"
    r"kremlin\.ru|presidential\s+press\s+service)"
)
_CAPTION_KEYWORD = r"(?:photo|photos|image|picture|credit|credits|source|illustration|video|footage|pictured)"
_CREDIT_PAREN = re.compile(
    r"\(\s*(?:"
    rf"(?P<kw>{_CAPTION_KEYWORD}(?:\s+(?:by|credit))?\s*[:/-]\s*[^()\n]{{1,80}})"
    r"|(?P<file>file(?:\s+photo)?)"
    rf"|(?P<agency>[^()\n]{{0,60}}?\b{_AGENCY}\b[^()\n]{{0,40}})"
    r")\s*\)",
    re.I,
)
_CAPTION_LINE = re.compile(
    rf"^(?:{_CAPTION_KEYWORD}(?:\s+(?:by|credit))?\s*:|file\s+photo\b|main\s+image\s*:|above\s*:|top\s*:)", re.I
)
_CREDIT_SUFFIX = re.compile(rf"(?:/\s*{_AGENCY}|\bfile\s+photo)\s*\)?\s*\.?$", re.I)
_CREDIT_ALONE = re.compile(rf"^\(?\s*{_AGENCY}(?:\s*/\s*{_AGENCY})*\s*\)?$", re.I)

_BYLINE = re.compile(
    r"^(?i:by|author|authors|written\s+by|words\s+by|byline)\s*:?\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|del|van|von|der|al|bin|ibn|le|la|and|&|,)){0,9})"
    r"(?:\s*(?:,|\||/|-|—|–)\s*(?P<org>[A-Z][\w&.' -]{0,40}))?\s*$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’ -]{1,40}?(?:,\s*[\w.'’ -]{1,40}?){0,2})\s*"
    r"\((?P<outlet>[A-Z][\w&.'’ -]{0,30})\)\s*(?:--|—|–|-|:)\s*"
)
_DATELINE_CAPS = re.compile(r"^(?P<place>[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?)\s*(?:--|—|–)\s+")

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|coverage|content|news|links?))?|read\s+more|read\s+also|"
    r"also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?|more\s+from\s+[\w ]{1,30}|recommended|"
    r"you\s+may\s+also\s+like|what\s+to\s+read\s+next|most\s+read|trending(?:\s+now)?|watch|listen)"
    r"\s*(?:[:|»>–—-]|$)",
    re.I,
)
_READ_MORE_START = re.compile(r"^(?:read\s+more|read\s+also|also\s+read|see\s+also)\b", re.I)
_BULLET = re.compile(r"^(?:[•·▪►■▶●◦]\s*|[-*–]\s+)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_TAGS_LINE = re.compile(r"^(?:tags|topics|filed\s+under|categories|keywords)\s*:", re.I)

_BOILERPLATE = (
    ("newsletter", re.compile(r"^sign\s+up\b", re.I)),
    ("newsletter", re.compile(r"^(?:subscribe|get\s+our|already\s+a\s+subscriber|become\s+a\s+(?:member|subscriber)|"
                              r"support\s+(?:our|independent)\s+journalism|donate\s+now)\b", re.I)),
    ("newsletter", re.compile(r"\bnewsletters?\b.*\b(?:sign\s+up|subscribe|inbox)\b|"
                              r"\b(?:sign\s+up|subscribe|inbox)\b.*\bnewsletters?\b", re.I)),
    ("social", re.compile(r"^follow\s+(?:us|[\w@.' ]{1,40}?)\s+on\s+(?:twitter|x|facebook|instagram|telegram|"
                          r"linkedin|youtube|tiktok|threads|whatsapp|google\s+news|bluesky)\b", re.I)),
    ("share", re.compile(r"^share(?:\s+(?:this|on|via|article|story|page)\b.*)?$", re.I)),
    ("share", re.compile(r"^[\d,.]+\s*[km]?\s+(?:shares?|comments?|views?|reads?)$", re.I)),
    ("share", re.compile(r"^(?:(?:share|tweet|email|print|copy\s+link|facebook|twitter|whatsapp|linkedin|telegram)"
                         r"\s*[|/•·]?\s*){2,}$", re.I)),
    ("cookie", re.compile(r"^(?=.*\bcookies?\b)(?=.*\b(?:site|website|browsing|browser|experience|consent|"
                          r"cookie\s+policy|privacy|personali[sz]e|preferences)\b)", re.I)),
    ("cookie", re.compile(r"^(?:accept(?:\s+all)?(?:\s+cookies)?|reject\s+all|manage\s+(?:cookies|preferences|settings)|"
                          r"cookie\s+settings|got\s+it|i\s+agree)$", re.I)),
    ("ad", re.compile(r"^(?:advertisement|sponsored(?:\s+content)?|ad|skip\s+advertisement|"
                      r"(?:story|article)\s+continues\s+below(?:\s+advertisement)?)$", re.I)),
)
_OUTREACH = re.compile(
    r"\breached\s+out\s+to\b.{0,160}?\bfor\s+(?:a\s+|further\s+)?comments?\b|"
    r"\b(?:did\s+not|didn't|has\s+not|have\s+not|hasn't|haven't|had\s+not)\s+(?:immediately\s+|yet\s+)?"
    r"(?:respond(?:ed)?|reply|replied)\s+to\s+(?:a\s+|an\s+|multiple\s+|repeated\s+|several\s+)?"
    r"(?:requests?|emails?|messages?|queries|inquir\w+)\s+for\s+comments?\b|"
    r"\b(?:could\s+not|couldn't)\s+(?:immediately\s+)?be\s+reached\s+for\s+comments?\b|"
    r"\bwas\s+not\s+(?:immediately\s+)?available\s+(?:for|to)\s+comment\b|"
    r"^[^.]{0,80}\bdeclined\s+(?:to\s+comment|requests?\s+for\s+comment)(?:\s+on\s+[^.]{0,80})?\.?$",
    re.I,
)
_TIMESTAMP = (
    re.compile(r"^(?:updated|published|posted|last\s+updated|first\s+published|last\s+modified)\b:?\s.{0,60}\d", re.I),
    re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|eet|eest|et|est|edt|pt|pst|pdt|kst|"
               r"[+-]\d{1,2}))?$", re.I),
    re.compile(r"^(?:\d+|an?|one|two|few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.I),
    re.compile(r"^(?:just\s+now|moments\s+ago)$", re.I),
)
_DATE_WORDS = re.compile(
    r"^(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?$|^\d{1,4}(?:st|nd|rd|th)?[,.]?$|^(?:at|on|,|-|—|gmt|utc|et|est|bst|cet|"
    r"kst|[ap]\.?m\.?|\d{1,2}[:.]\d{2}(?:[ap]m)?,?)$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?,?$",
    re.I,
)
_CREDITS = re.compile(
    r"^(?:additional\s+)?reporting\s+by\b|^(?:writing|editing|edited|compiled|produced)\s+by\b|"
    r"\bcontributed\s+(?:to\s+)?(?:this\s+)?report(?:ing)?\.?$",
    re.I,
)
_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:is|was|has\s+been|covers|writes)\b.{0,120}?"
    r"\b(?:reporter|correspondent|journalist|editor|writer|producer|columnist|contributor|analyst|"
    r"fellow|author|bureau\s+chief|freelance\w*)\b",
)
#: Words with an inner capital that are not two tags run together.
_CAMEL_WORDS = re.compile(
    r"\b(?:iPhone|iPad|iOS|eBay|YouTube|LinkedIn|PayPal|WhatsApp|TikTok|OpenAI|JPMorgan|BlackRock|FedEx|"
    r"PlayStation|SpaceX|DeepMind|MacBook|PowerPoint|JavaScript|GitHub|WikiLeaks|HarperCollins|DreamWorks|"
    r"McKinsey|SoftBank|AstraZeneca|BioNTech|GlaxoSmithKline|ExxonMobil|ChatGPT|DeSantis|LeBron|"
    r"(?:Mc|Mac|De|Di|La|Le|O’|O')[A-Z]\w*)\b"
)
_GLUED_TAGS = re.compile(r"(?<=[a-z])(?=[A-Z])")


# ------------------------------------------------------------------------ structures


@dataclass(slots=True)
class _Unit:
    """One paragraph candidate: its text and, for every character, the base offset."""

    text: str
    pos: list[int]
    indent: int = 0
    alone: bool = True  # the only line of its blank-line-separated block
    ranges: list[tuple[int, int]] = field(default_factory=list)  # kept parts of ``text``

    def kept(self) -> str:
        """Return the kept text, parts joined by a space and whitespace collapsed."""
        return " ".join(" ".join(self.text[a:b].split()) for a, b in self.ranges if self.text[a:b].strip())

    def cut(self, start: int, end: int) -> None:
        """Drop ``text[start:end]`` from the kept ranges."""
        out = []
        for a, b in self.ranges:
            if b <= start or a >= end:
                out.append((a, b))
                continue
            if a < start:
                out.append((a, start))
            if end < b:
                out.append((end, b))
        self.ranges = [(a, b) for a, b in out if self.text[a:b].strip()]


@dataclass(slots=True)
class _State:
    """What the rules learn while walking the paragraphs."""

    title: str | None
    author: str | None
    dateline_outlet: str | None = None
    body_started: bool = False
    candidate_seen: bool = False
    removed: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- helpers


def _norm(text: str) -> str:
    """Casefold, drop punctuation and collapse spaces, for comparing lines."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _words(text: str) -> int:
    """Count whitespace-separated words."""
    return len(text.split())


def _headline_like(text: str) -> bool:
    """A short line with no final punctuation: a headline, subheading or link title."""
    text = text.strip()
    return (
        1 <= _words(text) <= HEADLINE_MAX_WORDS
        and len(text) <= HEADLINE_MAX_CHARS
        and not text.endswith(_FINAL_PUNCT)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘")
    )


def _one_sentence(text: str) -> bool:
    """True when ``text`` holds no sentence break before its end."""
    return _SENTENCE_END_SPACED.search(text.strip()) is None


def _units(base: str, start: int, *, line_paragraphs: bool) -> list[_Unit]:
    """Split ``base[start:]`` into paragraph candidates with per-character base offsets.

    Blank lines separate blocks. A block whose lines look hard-wrapped becomes one unit;
    otherwise (and always when ``line_paragraphs``) every line is its own unit.
    """
    lines: list[tuple[int, int, int]] = []  # (start, end, indent) of stripped lines
    blocks: list[list[tuple[int, int, int]]] = []
    for match in re.finditer(r"[^\n]*(?:\n|$)", base[start:]):
        if not match.group():
            break
        a, b = start + match.start(), start + match.end()
        line = base[a:b]
        stripped = line.strip()
        if not stripped:
            if lines:
                blocks.append(lines)
                lines = []
            continue
        lead = len(line) - len(line.lstrip())
        indent = len(line[:lead].expandtabs(4).replace("\n", ""))
        a2 = a + lead
        lines.append((a2, a2 + len(stripped), indent))
    if lines:
        blocks.append(lines)

    units = []
    for block in blocks:
        if not line_paragraphs and _wrapped(base, block):
            text_parts, pos = [], []
            for i, (a, b, _) in enumerate(block):
                if i:
                    text_parts.append(" ")
                    pos.append(block[i - 1][1])
                text_parts.append(base[a:b])
                pos.extend(range(a, b))
            text = "".join(text_parts)
            units.append(_Unit(text=text, pos=pos, indent=block[0][2], alone=False, ranges=[(0, len(text))]))
            continue
        for a, b, indent in block:
            text = base[a:b]
            units.append(_Unit(text=text, pos=list(range(a, b)), indent=indent, alone=len(block) == 1,
                               ranges=[(0, len(text))]))
    return units


def _wrapped(base: str, block: list[tuple[int, int, int]]) -> bool:
    """True when a block's lines are one hard-wrapped paragraph rather than separate lines."""
    if len(block) < 2:
        return False
    heads = [base[a:b] for a, b, _ in block[:-1]]
    if any(len(line) > WRAP_MAX_LINE_CHARS for line in heads):
        return False
    if any(_BULLET.match(base[a:b]) or _byline(base[a:b]) for a, b, _ in block[1:]):
        return False
    if any(len(line) < WRAP_MIN_LINE_CHARS for line in heads):
        return False
    open_ended = sum(1 for line in heads if not line.endswith(_FINAL_PUNCT + (")",)))
    return open_ended * 2 >= len(heads)


# ----------------------------------------------------------------------------- rules


def _caption_cuts(text: str) -> list[tuple[int, int, str]]:
    """Find captions in one line: ``(start, end, label)`` spans to cut, possibly all of it."""
    stripped = text.strip()
    if not stripped:
        return []
    if _CAPTION_LINE.match(stripped) or _CREDIT_ALONE.match(stripped):
        return [(0, len(text), "caption")]
    cuts: list[tuple[int, int, str]] = []
    if not _CREDIT_PAREN.search(text) and _CREDIT_SUFFIX.search(stripped):
        glues = list(_SENTENCE_END_GLUED.finditer(text))
        if glues:
            return [(glues[-1].end(), len(text), "caption")]
        if _words(stripped) <= CAPTION_MAX_WORDS:
            return [(0, len(text), "caption")]
    for match in reversed(list(_CREDIT_PAREN.finditer(text))):
        after = text[match.end():]
        if re.match(r"\s*(?:--|—|–|-)\s", after) and not match.group("kw"):
            continue  # "LONDON (Reuters) - …" is a dateline, not a credit
        strong = bool(match.group("kw") or match.group("file")) or bool(
            re.search(r"/|getty|\bvia\b|photo", match.group(), re.I)
        )
        tail = after.strip(" .")
        glued_after = bool(after) and after[0].isupper()
        new_sentence = bool(tail) and (tail[0].isupper() or tail[0] in "\"“‘'")
        if tail and not (glued_after or (strong and new_sentence)):
            continue
        before = text[: match.start()]
        # A caption glued after a sentence end ("…Federation.North Korean leader …") starts
        # at the glue; the sentence end right before the credit belongs to the caption.
        glues = [m.end() for m in _SENTENCE_END_GLUED.finditer(before) if m.end() < len(before.rstrip()) - 1]
        start = glues[-1] if glues else 0
        if start == 0 and _words(before) > CAPTION_MAX_WORDS:
            if tail:
                continue
            ends = [m.end() for m in _SENTENCE_END_SPACED.finditer(before) if m.end() < len(before.rstrip()) - 1]
            if not ends:
                continue
            start = ends[-1]
        if _words(text[start: match.start()]) > CAPTION_MAX_WORDS:
            continue
        end = match.end()
        if not tail:
            end = len(text)
        cuts.append((start, end, "caption"))
        text = text[:start] + " " * (end - start) + text[end:]  # later matches see the cut
    return cuts


def _byline(text: str) -> str | None:
    """Return the author's name when ``text`` is a byline line, else None."""
    match = _BYLINE.match(text.strip())
    if not match or _words(text) > 14 or text.strip().endswith("."):
        return None
    name = match.group("name").strip(" ,&")
    return re.sub(r"\s+(?:and|&)$", "", name) or None


def _dateline(text: str) -> re.Match[str] | None:
    """Match a wire dateline (``LONDON (Reuters) -``) at the start of ``text``."""
    match = _DATELINE.match(text)
    if match and not re.search(r"[.!?]\s", match.group("place")):
        return match
    match = _DATELINE_CAPS.match(text)
    return match


def _is_date_line(text: str) -> bool:
    """True for a bare date/time line such as ``Tuesday, Feb 27, 2024, 10:32 GMT``."""
    if _words(text) > 9 or text.endswith(".") and not re.search(r"\b[ap]\.m\.$", text, re.I):
        return False
    if parse_date(text) is None:
        return False
    return all(_DATE_WORDS.match(word) for word in text.replace(",", " , ").split())


def _boilerplate_label(text: str, unit: _Unit) -> str | None:
    """Return the label of a whole-line boilerplate rule that ``text`` matches, else None."""
    words = _words(text)
    if _TAGS_LINE.match(text):
        return "tagline"
    if _RELATED.match(text) or (_READ_MORE_START.match(text) and words <= HEADLINE_MAX_WORDS):
        return "related"
    bullet = _BULLET.match(text)
    if bullet and _headline_like(text[bullet.end():]) and _words(text[bullet.end():]) >= 2:
        return "related"
    if unit.indent >= RELATED_INDENT and unit.alone and _headline_like(text) and words >= 3:
        return "related"
    if words <= BOILERPLATE_MAX_WORDS:
        for label, pattern in _BOILERPLATE:
            if pattern.search(text):
                return label
        if _one_sentence(text) and _OUTREACH.search(text):
            return "outreach"
    if words <= TIMESTAMP_MAX_WORDS and (any(p.search(text) for p in _TIMESTAMP) or _is_date_line(text)):
        return "timestamp"
    if words <= HEADLINE_MAX_WORDS and _CREDITS.search(text):
        return "credits"
    return None


def _glued_tagline(text: str) -> bool:
    """True for a run-together tag line such as ``North KoreaRussian War in UkraineArms Sale``."""
    if not _headline_like(text) or "." in text:
        return False
    return bool(_GLUED_TAGS.search(_CAMEL_WORDS.sub("x", text)))


def _apply_rules(unit: _Unit, state: _State) -> None:
    """Run the per-paragraph rules on one unit, cutting what they match."""
    text = unit.kept()
    if not text:
        return
    markdown = _MARKDOWN_HEADING.match(unit.text)
    if markdown:  # "## Subheading" in .md files: keep the words, drop the marks
        unit.cut(0, markdown.end())
        text = unit.kept()
        if not text:
            return
    # The headline, repeated (seed 000: title + photo caption on one line).
    if state.title and not state.body_started and _norm(text).startswith(_norm(state.title)):
        rest = unit.text[_title_end(unit.text, state.title):]
        state.removed.append("title_repeat")
        if rest.strip() and (_words(rest) <= CAPTION_MAX_WORDS and not rest.strip().endswith(".") or _caption_cuts(rest)):
            state.removed.append("caption")
            unit.ranges = []
        else:
            unit.cut(0, len(unit.text) - len(rest))
        return
    name = _byline(text)
    if name:
        state.removed.append("byline")
        state.author = state.author or name
        unit.ranges = []
        return
    if len(unit.ranges) == 1:
        for start, end, label in _caption_cuts(unit.text):
            unit.cut(start, end)
            state.removed.append(label)
        if not unit.ranges:
            return
    if not state.body_started:
        a, b = unit.ranges[0]
        match = _dateline(unit.text[a:b])
        if match:
            unit.cut(a, a + match.end())
            state.removed.append("dateline")
            outlet = match.groupdict().get("outlet")
            if outlet and not state.dateline_outlet:
                state.dateline_outlet = outlet.strip()
            if not unit.ranges:
                return
    text = unit.kept()
    label = _boilerplate_label(text, unit)
    if label:
        state.removed.append(label)
        unit.ranges = []
        return
    if not state.candidate_seen and not state.body_started:
        state.candidate_seen = True
        if state.title is None and _headline_like(text) and _words(text) >= 2:
            state.title = text
            state.removed.append("title")
            unit.ranges = []
            return
    key = _norm(text)
    if key in state.seen:
        state.removed.append("duplicate")
        unit.ranges = []
        return
    state.seen.add(key)
    state.candidate_seen = True
    if not _headline_like(text):
        state.body_started = True


def _title_end(text: str, title: str) -> int:
    """Return the offset in ``text`` just past the words of ``title`` that it starts with."""
    wanted = _norm(title)
    # Punctuation may differ, so grow the prefix until its normal form covers the title.
    for i in range(min(len(title) // 2, len(text)), min(len(text), 2 * len(title) + 10) + 1):
        if _norm(text[:i]).startswith(wanted) and (i == len(text) or not text[i].isalnum()):
            return i
    return len(text)


def _trim_tail(units: list[_Unit], state: _State) -> None:
    """Drop tag lines, bios and credits at the end of the article."""
    kept = [u for u in units if u.ranges]
    checked = 0
    while kept and checked < BIO_TAIL_PARAGRAPHS:
        unit = kept[-1]
        text = unit.kept()
        label = None
        if _glued_tagline(text) and checked == 0:
            label = "tagline"
        elif _BIO.match(text) and _words(text) <= BOILERPLATE_MAX_WORDS:
            label = "bio"
        elif _CREDITS.search(text) and _words(text) <= BOILERPLATE_MAX_WORDS:
            label = "credits"
        if label is None:
            checked += 1
            kept.pop()
            continue
        state.removed.append(label)
        unit.ranges = []
        kept.pop()


# ----------------------------------------------------------------------- rendering


def _render(units: list[_Unit]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join kept units into the cleaned text and build the (clean, base) offset map."""
    parts: list[str] = []
    pairs: list[tuple[int, int]] = []
    length = 0
    delta: int | None = None
    for unit in units:
        tokens = [
            (a + m.start(), m.group())
            for a, b in unit.ranges
            for m in re.finditer(r"\S+", unit.text[a:b])
        ]
        if not tokens:
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            length += len(PARAGRAPH_SEPARATOR)
        for i, (offset, token) in enumerate(tokens):
            if i:
                parts.append(" ")
                length += 1
            base = unit.pos[offset]
            if delta is None or base - length != delta:
                delta = base - length
                pairs.append((length, base))
            parts.append(token)
            length += len(token)
    return "".join(parts), tuple(pairs)


# ------------------------------------------------------------------------ metadata


def outlet_from_url(url: str | None) -> str | None:
    """Name the outlet behind a URL: a known host, else its registrable domain, capitalised.

    Example:
        >>> outlet_from_url("https://www.cnn.com/2024/02/27/asia/x/index.html")
        'CNN'
        >>> outlet_from_url("https://news.example.org/a")
        'Example'
    """
    if not url:
        return None
    host = (urlsplit(url if "://" in url else f"//{url}").hostname or "").lower().rstrip(".")
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return None
    labels = host.split(".")
    for i in range(len(labels)):
        suffix = ".".join(labels[i:])
        if suffix in KNOWN_OUTLETS:
            return KNOWN_OUTLETS[suffix]
    if len(labels) < 2:
        return None
    size = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL_SUFFIXES and len(labels) >= 3 else 2
    name = labels[-size]
    if name in ("www", "m", "amp", "") or not name:
        return None
    return name.upper() if len(name) <= 3 else name.capitalize()


_SCAN_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[A-Z][a-z]{2,8})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b"),
)


def find_dates(text: str) -> list[str]:
    """Return the full dates (day-month-year or month-year) written in ``text``, as ISO, sorted.

    A month and year alone count as the first of the month.

    Example:
        >>> find_dates("on January 10, 2024, and in September 2023")
        ['2023-09-01', '2024-01-10']
    """
    found = set()
    taken: list[tuple[int, int]] = []
    for pattern in _SCAN_PATTERNS:  # full dates first, so "March 2023" in "3 March 2023" is skipped
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            iso = parse_date(match.group())
            if iso:
                found.add(iso)
                taken.append(match.span())
    return sorted(found)


def _dateline_outlet(name: str) -> str:
    """Normalise an outlet named in a dateline parenthesis."""
    return {"AP": "AP", "REUTERS": "Reuters", "AFP": "AFP", "CNN": "CNN"}.get(name.upper(), name)


# ---------------------------------------------------------------------------- HTML


@dataclass(frozen=True, slots=True)
class _Extracted:
    """What trafilatura and htmldate found in an HTML page."""

    text: str
    title: str | None
    author: str | None
    url: str | None
    sitename: str | None
    date: str | None


def _extract_html(source: Source) -> _Extracted:
    """Run trafilatura (text, metadata) and htmldate (date) on the page, offline."""
    try:
        import trafilatura
        from htmldate import find_date
        from lxml import etree
        from lxml import html as lxml_html
    except ImportError as exc:  # pragma: no cover - they are core dependencies
        raise ConfigError(f"HTML input needs trafilatura and htmldate ({exc}); pip install claimdiff") from exc
    date_params = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
    document = trafilatura.bare_extraction(
        source.raw,
        url=source.url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=False,
        include_links=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=date_params,
    )
    text = (getattr(document, "text", None) or "") if document is not None else ""
    date = None
    try:
        # A parsed tree, never a string: htmldate fetches strings that look like URLs.
        try:
            tree = lxml_html.document_fromstring(source.raw)
        except ValueError:  # a str with an XML encoding declaration must be parsed as bytes
            tree = lxml_html.document_fromstring(source.raw.encode("utf-8"))
        date = find_date(tree, url=source.url, **date_params)
    except (ValueError, TypeError, etree.ParserError) as exc:  # lxml refuses empty/odd documents
        logger.debug("%s: htmldate found no date (%s)", source.location, exc)
    meta = (lambda name: (getattr(document, name, None) or None) if document is not None else None)
    return _Extracted(text=text, title=meta("title"), author=meta("author"), url=meta("url"),
                      sitename=meta("sitename"), date=date)


# ---------------------------------------------------------------------------- clean


def clean(source: Source) -> Article:
    """Clean one Source into an Article: main text without boilerplate, plus metadata.

    Args:
        source: a text or HTML Source from :mod:`claimdiff.ingest`.

    Returns:
        The Article. ``text`` is the kept paragraphs joined by blank lines; ``removed``
        lists (sorted, once each) the labels of the rules that dropped something;
        ``offset_map`` maps cleaned offsets to ``source.raw`` (text) or to the
        trafilatura-extracted text (HTML).

    Raises:
        EmptyInput: nothing is left after cleaning.

    Example:
        >>> clean(Source(location="a.txt", raw="By Jane Doe\\n\\nThe minister said 6,700.")).author
        'Jane Doe'
    """
    removed: list[str] = []
    header: dict[str, str] = {}
    extracted = None
    if not source.raw.strip():
        raise EmptyInput(f"{source.location} is empty", source=source.location)
    if source.format == "html":
        extracted = _extract_html(source)
        base, start = extracted.text, 0
    else:
        base = source.raw
        header, start = parse_header(base)
        if header:
            removed.append("header")
    title = source.title or header.get("title") or (extracted.title if extracted else None)
    author = source.author or header.get("author") or (extracted.author if extracted else None)
    state = _State(title=title, author=author)
    units = _units(base, start, line_paragraphs=source.format == "html")
    for unit in units:
        _apply_rules(unit, state)
    _trim_tail(units, state)
    text, offset_map = _render(units)
    if not any(unit.ranges and not _headline_like(unit.kept()) for unit in units):
        if not base.strip():
            why = "trafilatura found no main text" if source.format == "html" else "no text"
        elif text:
            why = "only headings or menu items are left"
        else:
            why = "only boilerplate"
        raise EmptyInput(f"{source.location} has no article text after cleaning ({why})", source=source.location)

    url = source.url or header.get("url") or (extracted.url if extracted else None)
    outlet = (
        source.outlet
        or header.get("outlet")
        or (extracted.sitename if extracted else None)
        or outlet_from_url(url)
        or (_dateline_outlet(state.dateline_outlet) if state.dateline_outlet else None)
    )
    published = source.published or header.get("published") or (extracted.date if extracted else None)
    dates = find_dates(base if source.format == "html" else source.raw)
    reference_date = published or (dates[-1] if dates else None)
    return Article(
        source=source.location,
        text=text,
        title=state.title,
        outlet=outlet,
        url=url,
        published=published,
        author=state.author,
        doc_id=source.doc_id,
        reference_date=reference_date,
        offset_map=offset_map,
        removed=tuple(sorted(set(removed + state.removed))),
    )

