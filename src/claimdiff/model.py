"""The one typed data model shared by every pipeline stage.

All classes are frozen, slotted, keyword-only dataclasses: they hash (for alignment
sets), pickle (for Dask) and need no dependency. Sequences are stored as tuples.
IDs are content hashes of canonical JSON, so the same input always gives the same IDs.

Offsets (``start``/``end``) always point into ``Article.text``, the cleaned text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

__all__ = [
    "Source",
    "Article",
    "outlet_display_name",
    "Evidence",
    "Speaker",
    "Quantity",
    "TimeScope",
    "Claim",
    "FieldDiff",
    "Alignment",
    "Skipped",
    "Comparison",
    "Extraction",
    "FigureRecord",
    "QUALIFIERS",
    "CLAIM_KINDS",
    "ALIGNMENT_STATUSES",
    "DIFF_FIELDS",
    "content_id",
    "to_dict",
    "to_json",
    "claim_from_dict",
    "upgrade_claim_dict",
    "ARTICLE_COLUMNS",
    "article_to_row",
    "article_from_row",
]

#: Normalised quantity qualifiers ("about 6,700" → approx).  ``None`` means none was stated.
QUALIFIERS = (
    "approx",      # about, around, approximately, some, roughly, an estimated
    "more_than",   # more than, over, upwards of, in excess of
    "at_least",    # at least, no fewer than
    "up_to",       # up to, as many as, as much as
    "nearly",      # nearly, almost, close to, just under
    "less_than",   # fewer than, less than, under, below
    "at_most",     # at most, no more than
)
CLAIM_KINDS = ("quote", "paraphrase", "narration")
ALIGNMENT_STATUSES = ("agree", "differ", "unique")
DIFF_FIELDS = (
    "value", "qualifier", "object", "unit", "time_scope", "speaker", "cue", "kind",
    "hedged", "conjunction", "polarity", "statement_date",
)

Kind = Literal["quote", "paraphrase", "narration"]
Status = Literal["agree", "differ", "unique"]

ID_LENGTH = 16


def content_id(*parts: Any) -> str:
    """Return a short stable hash of ``parts`` serialised as canonical JSON."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:ID_LENGTH]


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One raw document as read from an input, before cleaning.

    Fields: ``location`` (path, URL, ``-`` or ``file.jsonl:17`` as given), ``raw`` (the
    decoded text or HTML), ``format`` (``text`` or ``html``), and whatever metadata the
    input carried: ``title``, ``outlet``, ``url``, ``published`` (ISO date), ``author``,
    ``doc_id`` (an id given by the input, e.g. a JSONL ``id``). ``id`` is a content hash.
    """

    location: str
    raw: str
    format: Literal["text", "html"] = "text"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    doc_id: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id("source", self.format, self.raw))


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A cleaned article: the text every offset points into, plus its metadata.

    Fields: ``id`` (content hash of the cleaned text, outlet and URL), ``source`` (location as
    given), ``text`` (cleaned), ``title``, ``outlet``, ``url``, ``published`` (ISO date),
    ``author``, ``doc_id``, ``reference_date`` (the date used to resolve relative times:
    ``published`` or, failing that, the latest full date the raw text mentions),
    ``offset_map`` (pairs ``(clean_start, raw_start)`` of aligned segments, so a cleaned
    offset maps back to the raw input), and ``removed`` (short labels of what cleaning
    dropped, e.g. ``caption``, ``related``, ``tagline``).
    """

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    doc_id: str | None = None
    reference_date: str | None = None
    offset_map: tuple[tuple[int, int], ...] = ()
    removed: tuple[str, ...] = ()
    id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "offset_map", tuple(tuple(p) for p in self.offset_map))
        object.__setattr__(self, "removed", tuple(self.removed))
        if not self.id:
            # Keyed by what the article says and who published it, not by where it was
            # read from: the same article re-read from another file is the same article.
            object.__setattr__(self, "id", content_id("article", self.text, self.outlet, self.url))

    @property
    def outlet_name(self) -> str:
        """The one name to show for this article's outlet (see :func:`outlet_display_name`)."""
        return outlet_display_name(self.outlet, self.source)

    def raw_offset(self, clean_offset: int) -> int:
        """Map an offset in ``text`` back to the raw input (identity when no map)."""
        best = (0, 0)
        for pair in self.offset_map:
            if pair[0] <= clean_offset:
                best = pair
            else:
                break
        return best[1] + (clean_offset - best[0])


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where a claim's words are: ``article_id`` and ``start``/``end`` into its text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """Who a claim is attributed to.

    Fields: ``name`` (person or body as written, e.g. "Shin Won-sik", "State Department"),
    ``role`` ("Defense Minister"), ``org`` ("South Korea's Defense Ministry"), ``type``
    (person | organisation | document | unnamed | outlet), ``mention`` (the words in the
    text that named or referred to the speaker, e.g. "he"), ``of`` (for a body tied to a
    person, e.g. "Shin" in "Shin's ministry"), ``start``/``end`` (offsets of the mention
    in the article text; ``None`` when the speaker is inherited or the outlet).
    """

    name: str | None = None
    role: str | None = None
    org: str | None = None
    type: str = "person"
    mention: str | None = None
    of: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """One amount mentioned in the text.

    Fields: ``value`` (a number, ``None`` for vague amounts such as "millions of"),
    ``value_max`` (upper end of a range), ``qualifier`` (one of QUALIFIERS or ``None``),
    ``qualifier_text`` (the words, e.g. "more than"), ``unit`` (a readable name: percent, km,
    "year of age", "percentage point"; a money amount its ISO code, USD; a rate in words,
    "dollar per barrel", "barrel per day"),
    ``object`` (what is counted, with its modifiers: "152mm artillery shells"),
    ``object_head`` (the lemma of its head noun: "shell"), ``detail`` (a complement of
    the object: "of ammunition"), ``text`` (the surface words of the amount),
    ``start``/``end`` (offsets into the article text), ``conjunction`` ("and"/"or" when
    joined to the previous quantity), ``vague`` (True for "thousands of"),
    ``concept`` (the thing measured when it is not the counted object, e.g. the subject
    of "rose 3%": "index" in "The index rose 3%", "stake" in "a stake of 5%", with whose it
    is when a verb's subject holds it: "revenue of Apple" in "Apple reported revenue of
    $90 billion"; for a
    counted object, the subject or noun that holds it: "Duly" in "Duly has 900 doctors";
    ``None`` when not found or when no parse was given), and
    ``change`` ("up"/"down" when the amount is the size of a change: "rose 3%", "fell by
    2 million", "cut by a third"; ``None`` otherwise), and ``measure`` (what the number
    is, event + object + place: "people killed · Valencia", "homes destroyed · Lahaina";
    synonyms folded, so "death toll", "deaths" and "were killed" give "people killed";
    ``None`` when the text does not say).
    """

    value: float | None
    text: str
    start: int
    end: int
    value_max: float | None = None
    qualifier: str | None = None
    qualifier_text: str | None = None
    unit: str | None = None
    object: str | None = None
    object_head: str | None = None
    detail: str | None = None
    conjunction: str | None = None
    vague: bool = False
    concept: str | None = None
    change: str | None = None
    measure: str | None = None

    def __post_init__(self) -> None:
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeScope:
    """The period a claim covers: ``text`` ("since August"), resolved ``start``/``end``
    ISO dates where the reference date allows (else ``None``), and ``span_start``/
    ``span_end`` offsets of the words in the article text."""

    text: str
    start: str | None = None
    end: str | None = None
    span_start: int = 0
    span_end: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One attributed statement: what was said (quoted or paraphrased), by whom, and the
    sentence it was read from.

    Fields: ``id``, ``article`` (article id), ``speaker`` (``Speaker`` or ``None``),
    ``cue`` ("said", "according to"), ``kind`` (quote | paraphrase | narration),
    ``text`` (= article text[start:end]: the statement itself, the quoted or reported
    content without its speaker and cue — "the port held 6,700 containers" in "the port
    held 6,700 containers, the minister said"; for the outlet's own narration, and for a
    sentence that carries on a neighbour's statement, the whole sentence),
    ``start``/``end``, ``sentence`` (= article text[sentence_start:sentence_end]: the
    evidence the claim was read from — its sentence, or the statement's part of a
    sentence holding several — with the speaker, the cue and every quantity of the claim;
    ``None`` on a claim built by hand, which is then its own evidence), ``quantities``,
    ``time_scope``, ``hedged`` and ``hedges`` (the cue words), ``cites`` (sources the
    claim is relayed through, innermost last), ``polarity`` (affirm | deny),
    ``statement_date`` (ISO date of the statement when the text says, e.g. "on Monday"),
    ``cue_start``/``cue_end`` (offsets of the cue words; ``None`` when inherited),
    ``relays`` (for the outer statement of a relay, "Yonhap reported that Shin told
    lawmakers …", the id of the claim it passes on, Shin's; it carries no quantities of
    its own and is not aligned, since that claim holds the fact; else ``None``).
    """

    article: str
    text: str
    start: int
    end: int
    kind: Kind = "narration"
    speaker: Speaker | None = None
    cue: str | None = None
    quantities: tuple[Quantity, ...] = ()
    time_scope: TimeScope | None = None
    hedged: bool = False
    hedges: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    polarity: str = "affirm"
    statement_date: str | None = None
    sentence: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    id: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    relays: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in CLAIM_KINDS:
            raise ValueError(f"unknown claim kind {self.kind!r}")
        object.__setattr__(self, "quantities", tuple(self.quantities))
        object.__setattr__(self, "hedges", tuple(self.hedges))
        object.__setattr__(self, "cites", tuple(self.cites))
        if not self.id:
            object.__setattr__(self, "id", content_id("claim", self.article, self.start, self.end))

    @property
    def evidence(self) -> Evidence:
        """Where the claim was read: its sentence (the claim's own span when it has none)."""
        start = self.start if self.sentence_start is None else self.sentence_start
        end = self.end if self.sentence_end is None else self.sentence_end
        return Evidence(article_id=self.article, start=start, end=end)

    @property
    def evidence_text(self) -> str:
        """The words of the evidence (``sentence``, else ``text``): what a reader is shown."""
        return self.text if self.sentence is None else self.sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldDiff:
    """One field on which aligned claims differ: ``field`` (one of DIFF_FIELDS),
    ``values`` (pairs of article id and that article's value, sorted), and ``minor``
    (True for wording-only differences such as the cue verb)."""

    field: str
    values: tuple[tuple[str, Any], ...]
    minor: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(sorted((tuple(v) for v in self.values), key=lambda p: p[0])))


@dataclass(frozen=True, slots=True, kw_only=True)
class Alignment:
    """A group of claims that report the same fact in different articles.

    Fields: ``id``, ``status`` (agree | differ | unique), ``claims`` (claim ids, sorted),
    ``members`` (pairs of claim id and quantity index, or -1 for a claim aligned as a
    whole), ``label`` (a short human label, e.g. "6,700 containers"),
    ``differences`` (``FieldDiff`` list), ``score`` (match confidence 0..1),
    ``independent`` (articles carrying the fact, counting a syndicated copy or a
    duplicate and its original once).
    """

    status: Status
    claims: tuple[str, ...]
    members: tuple[tuple[str, int], ...] = ()
    label: str = ""
    differences: tuple[FieldDiff, ...] = ()
    score: float = 1.0
    independent: int = 1
    id: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "claims", tuple(sorted(self.claims)))
        object.__setattr__(self, "members", tuple(sorted(tuple(m) for m in self.members)))
        object.__setattr__(self, "differences", tuple(self.differences))
        if not self.id:
            object.__setattr__(self, "id", content_id("alignment", self.members or self.claims))


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """A document that a stage could not use: ``source`` (location), ``stage``
    (ingest | clean | extract), ``code`` (stable error code, e.g. CD101), ``reason`` (the
    one-line message, without the code)."""

    source: str
    stage: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """The result of comparing a set of articles: ``articles``, ``claims``,
    ``alignments``, ``skipped`` inputs and ``copies`` (pairs of a syndicated or duplicate
    article's id and the id of the original it copies, sorted; empty when none)."""

    articles: tuple[Article, ...] = ()
    claims: tuple[Claim, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    copies: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        for name in ("articles", "claims", "alignments", "skipped"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "copies", tuple(sorted((str(a), str(b)) for a, b in self.copies if a != b)))

    @property
    def originals(self) -> dict[str, str]:
        """Article id → the original it copies (only copies are listed)."""
        return dict(self.copies)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """What extraction found in one article: its ``claims`` and every ``quantities``
    mention in the text, attributed or not; ``unparsed`` counts the candidate sentences
    past the per-article parse bound (``extract.claims.MAX_PARSED_SENTENCES``), which were
    not read for claims."""

    article: Article
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    unparsed: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "claims", tuple(self.claims))
        object.__setattr__(self, "quantities", tuple(self.quantities))


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureRecord:
    """One stored figure with where it was published: the ``claim``, the index of the
    quantity in it (``quantity_index``), and its article's ``article_id``, ``outlet``,
    ``published``, ``story_id``, ``syndicated_of`` and ``duplicate_of``."""

    claim: Claim
    quantity_index: int
    article_id: str
    outlet: str | None = None
    published: str | None = None
    story_id: str | None = None
    syndicated_of: str | None = None
    duplicate_of: str | None = None


def upgrade_claim_dict(data: dict[str, Any]) -> dict[str, Any]:
    """A claim dict written before claims were their statement, in today's layout.

    Until schema 6 a claim's ``text``/``start``/``end`` were its sentence and
    ``content_start``/``content_end`` the statement inside it; now ``text``/``start``/
    ``end`` are the statement and ``sentence``/``sentence_start``/``sentence_end`` the
    sentence. The id is kept, so what refers to the claim still finds it. Dicts in
    today's layout come back unchanged (as a copy)."""
    data = dict(data)
    if "content_start" not in data and "content_end" not in data:
        return data
    lo, hi = data.pop("content_start", None), data.pop("content_end", None)
    if "sentence_start" in data or None in (lo, hi, data.get("start"), data.get("end")):
        return data
    start, end, text = data["start"], data["end"], data.get("text") or ""
    data.update(sentence=text, sentence_start=start, sentence_end=end,
                text=text[lo - start:hi - start], start=lo, end=hi)
    return data


def claim_from_dict(data: dict[str, Any]) -> Claim:
    """Rebuild a ``Claim`` from ``to_dict`` output (the inverse of serialisation); a dict
    in the layout before schema 6 is upgraded first (``upgrade_claim_dict``)."""
    data = upgrade_claim_dict(data)
    speaker = data.get("speaker")
    scope = data.get("time_scope")
    data["speaker"] = Speaker(**speaker) if speaker else None
    data["time_scope"] = TimeScope(**scope) if scope else None
    data["quantities"] = tuple(Quantity(**q) for q in data.get("quantities") or ())
    for key in ("hedges", "cites"):
        data[key] = tuple(data.get(key) or ())
    names = {f.name for f in dataclasses.fields(Claim)}
    return Claim(**{k: v for k, v in data.items() if k in names})


#: Field names per dataclass type, for ``to_dict`` (looked up once per type).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_PLAIN = frozenset({str, int, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Convert a model object (or nested containers of them) to plain JSON data."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _FIELD_NAMES.get(cls)
    if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    if isinstance(obj, float) and obj.is_integer():
        return int(obj)
    return obj


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise with sorted keys and a trailing newline: same input, same bytes."""
    return json.dumps(to_dict(obj), sort_keys=True, ensure_ascii=False, indent=indent) + "\n"


#: Suffixes taken off a file name to make an outlet's display name from it.
_NAME_SUFFIXES = (".gz", ".warc", ".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson",
                  ".json", ".rss", ".atom", ".xml")
_RECORD = re.compile(r"(?P<base>.*?)(?P<record>[:#]\d+)")


def outlet_display_name(outlet: str | None, source: str) -> str:
    """The one name to show for an article's outlet, in every report, page and table.

    Args:
        outlet: ``Article.outlet``, as cleaning found it: the header's ``Outlet:``, the
            JSONL/feed field, ``--outlet``, the HTML page's site name, the URL's host, or
            the wire dateline (``LONDON (Reuters) -``).
        source: ``Article.source``, the location it was read from.

    Returns:
        ``outlet`` when there is one, else a name made from the location: the file stem
        (``harbour_daily`` for ``in/harbour_daily.txt``), with the record for a line of a
        JSONL file or an entry of a feed or archive (``dump:17``, ``feed#3``), the host of a
        URL, or ``stdin``. Never a path, a hash or a placeholder such as ``?``.

    Example:
        >>> outlet_display_name(None, "/tmp/in/harbour_daily.txt"), outlet_display_name(None, "dump.jsonl:17")
        ('harbour_daily', 'dump:17')
    """
    name = " ".join((outlet or "").split())
    if name:
        return name
    location = source.strip()
    if "://" in location:
        host = (urlsplit(location).hostname or "").removeprefix("www.")
        return host or "web page"
    match = _RECORD.fullmatch(location)
    base, record = (match["base"], match["record"]) if match else (location, "")
    stem = re.split(r"[\\/]", base.rstrip("\\/"))[-1]
    while stem.lower().endswith(_NAME_SUFFIXES) and "." in stem.strip("."):
        stem = stem[: stem.rindex(".")]
    if stem in ("", "-", "stdin", "<stdin>"):
        stem = "stdin"
    return stem + record


#: An article as a table row (store, Parquet shards, exports): these columns, with
#: ``removed`` and ``offset_map`` as canonical JSON text.
ARTICLE_COLUMNS = ("id", "source", "url", "outlet", "title", "published", "author", "doc_id", "reference_date",
                   "text", "removed", "offset_map")


def article_to_row(article: Article) -> dict[str, Any]:
    """An Article as a row of ``ARTICLE_COLUMNS`` (the inverse of ``article_from_row``)."""
    row = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
    for name in ("removed", "offset_map"):
        row[name] = json.dumps(to_dict(row[name]), sort_keys=True, ensure_ascii=False)
    return row


def article_from_row(row: Any) -> Article:
    """Rebuild an Article from a row: a mapping, or a sequence in ``ARTICLE_COLUMNS`` order.

    >>> a = Article(source="a.txt", text="Rain fell.", offset_map=((0, 4),))
    >>> article_from_row(article_to_row(a)) == a
    True
    """
    data = dict(row) if hasattr(row, "keys") else dict(zip(ARTICLE_COLUMNS, row, strict=True))
    fields = {name: data.get(name) for name in ARTICLE_COLUMNS}
    fields["removed"] = tuple(json.loads(fields["removed"] or "[]"))
    fields["offset_map"] = tuple(tuple(p) for p in json.loads(fields["offset_map"] or "[]"))
    return Article(**fields)
