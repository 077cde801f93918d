"""Pydantic models of the JSON API: what the OpenAPI document promises and what every
endpoint returns. Pydantic appears only here (the rest of claimdiff uses dataclasses)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "ErrorResponse",
    "StorySummary",
    "StoryPage",
    "ArticleOut",
    "FactRef",
    "OutletDelta",
    "StoryDetail",
    "ClaimOut",
    "ClaimPage",
    "AlignmentOut",
    "AlignmentPage",
    "CitationGraphOut",
    "TimelineEntryOut",
    "TimelineOut",
    "SkippedOut",
    "IngestJobOut",
]


class ErrorResponse(BaseModel):
    """Every error: the HTTP ``status``, a stable ``code`` and a one-line ``message``."""

    status: int
    code: str = Field(examples=["not_found", "CD300"])
    message: str


class Page(BaseModel):
    """Pagination fields shared by every list."""

    limit: int
    offset: int
    has_more: bool
    next: str | None = Field(default=None, description="URL of the next page, when there is one")


class StorySummary(BaseModel):
    """One row of the story list."""

    id: str
    title: str | None
    outlets: list[str]
    articles: int
    first_date: str | None
    last_date: str | None
    disagreements: int = Field(description="alignment groups whose outlets differ")
    url: str = Field(description="the story's page")


class StoryPage(Page):
    """A page of stories."""

    items: list[StorySummary]


class ArticleOut(BaseModel):
    """An article of a story (its text is in ``text``)."""

    id: str
    label: str
    outlet: str | None
    title: str | None
    published: str | None
    author: str | None
    url: str | None
    source: str
    claims: int
    duplicate_of: str | None = None
    syndicated_of: str | None = None
    text: str


class FactRef(BaseModel):
    """A reference to one aligned fact."""

    alignment: str
    label: str
    status: Literal["agree", "differ", "unique"]


class OutletDelta(BaseModel):
    """What one article adds (facts only it carries) and omits (facts most others carry)."""

    article: str
    outlet: str
    adds: list[FactRef]
    omits: list[FactRef]


class StoryDetail(StorySummary):
    """A story with its articles, counts, outlet deltas and export links."""

    counts: dict[str, Any]
    article_list: list[ArticleOut]
    outlet_deltas: list[OutletDelta]
    exports: dict[str, str]


class ClaimOut(BaseModel):
    """One claim with its offsets into its article's text: ``text``/``start``/``end`` the
    statement (quoted or reported content), ``sentence``/``sentence_start``/``sentence_end``
    the evidence it was read from, ``cue_start``/``cue_end`` the cue (null when inherited)."""

    id: str
    article: str
    outlet: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    cue_start: int | None = None
    cue_end: int | None = None
    kind: Literal["quote", "paraphrase", "narration"]
    speaker: dict[str, Any] | None
    cue: str | None
    quantities: list[dict[str, Any]]
    time_scope: dict[str, Any] | None
    hedged: bool
    hedges: list[str]
    cites: list[str]
    polarity: str
    statement_date: str | None
    claimreview: str = Field(description="URL of this claim's ClaimReview JSON-LD draft")


class ClaimPage(Page):
    """A page of claims."""

    items: list[ClaimOut]


class DiffValue(BaseModel):
    """One article's value of a differing field."""

    article: str
    value: Any = None


class DiffOut(BaseModel):
    """A field on which the aligned claims differ (``minor``: wording only)."""

    field: str
    minor: bool
    values: list[DiffValue]


class MemberOut(BaseModel):
    """A claim in an alignment, through one of its quantities (-1: the whole claim)."""

    claim: str
    quantity: int


class ConsensusOut(BaseModel):
    """What most independent outlets say for one differing field, and the articles that
    give something else (every article when the outlets are split)."""

    field: str
    value: Any = None
    deviating: list[str]


class AlignmentOut(BaseModel):
    """A group of claims reporting one fact: ``agree``, ``differ`` (see ``differences``)
    or ``unique`` to one outlet."""

    id: str
    status: Literal["agree", "differ", "unique"]
    label: str
    claims: list[str]
    members: list[MemberOut]
    outlets: list[str]
    differences: list[DiffOut]
    score: float
    consensus: list[ConsensusOut] = Field(default_factory=list, description="per differing field, what most "
                                          "independent outlets say (null: split) and who deviates")


class AlignmentPage(Page):
    """A page of alignments."""

    items: list[AlignmentOut]


class GraphNode(BaseModel):
    """An outlet, a relay (an intermediary source) or an original speaker."""

    id: str
    label: str
    kind: Literal["outlet", "relay", "speaker"]


class GraphEdge(BaseModel):
    """Claims travelling from ``source`` (who reports) to ``target`` (who is cited)."""

    source: str
    target: str
    claims: int


class CitationGraphOut(BaseModel):
    """Who cites whom in a story, and which outlet carried each fact first."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    first: list[dict[str, Any]]


class TimelineEntryOut(BaseModel):
    """One statement of a figure over time."""

    date: str | None
    date_source: str
    value: float | None
    value_max: float | None
    qualifier: str | None
    unit: str | None
    object: str | None
    speaker: str | None
    time_scope: str | None
    articles: list[dict[str, Any]]
    outlets: list[str]
    independent: int
    disputed: bool
    text: str
    measure: str | None = None
    series: str | None = None
    disagrees: bool = False
    disagrees_with: list[str] = []


class TimelineOut(Page):
    """Every stored estimate matching ``query``: one series per measure, each oldest first."""

    query: str
    total: int
    items: list[TimelineEntryOut]


class SkippedOut(BaseModel):
    """An input the ingest could not use, and why."""

    source: str
    stage: str
    code: str
    reason: str


class IngestJobOut(BaseModel):
    """A background ingest and how far it got."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    inputs: list[str] = Field(description="what was given: pasted text, file names, URLs")
    done: int = Field(description="articles handled so far")
    new: int
    duplicate: int
    updated: int
    failed: list[SkippedOut]
    stories: list[str] = Field(description="stories the new articles went into")
    message: str | None
    seconds: float
    url: str = Field(description="poll this for progress")
