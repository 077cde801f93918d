"""The JSON API (``/api/…``, documented at ``/openapi.json``): stories, claims,
alignments, sources, exports, ClaimReview drafts, the timeline and ingest jobs."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Form, Path as PathParam, Query, Request, UploadFile
from fastapi.responses import Response

from ..errors import StoreError
from ..report import render
from ..report import timeline as timeline_report
from ..report._common import sorted_alignments
from . import views
from .context import Paste, WebContext, next_url, not_found
from .schemas import (
    AlignmentPage,
    CitationGraphOut,
    ClaimPage,
    ErrorResponse,
    IngestJobOut,
    StoryDetail,
    StoryPage,
    TimelineOut,
)

__all__ = ["install_api", "PAGE_SIZE", "MAX_LIMIT", "MAX_QUERY"]

#: Rows per page of the story list, and the most any API page may ask for.
PAGE_SIZE = 25
MAX_LIMIT = 200
#: Longest search phrase accepted.
MAX_QUERY = 200
EXPORT_TYPES = {"md": "text/markdown; charset=utf-8", "json": "application/json", "csv": "text/csv; charset=utf-8"}
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="items to skip")]
TextField = Annotated[str, Form(description="pasted article text (header lines Title:/Date:/Outlet: allowed)")]
TitleField = Annotated[str, Form(max_length=500, description="title of the pasted text")]
OutletField = Annotated[str, Form(max_length=200, description="outlet of the pasted text")]
DateField = Annotated[str, Form(max_length=40, pattern=r"^(\d{4}-\d{2}-\d{2}.*)?$",
                                description="publication date of the pasted text (YYYY-MM-DD)")]
ArticleUrlField = Annotated[str, Form(max_length=2000, description="where the pasted text was published")]
UrlField = Annotated[str, Form(max_length=2000, pattern=r"^(https?://\S+)?$",
                               description="a page or RSS/Atom feed to fetch (public addresses only)")]
FilesField = Annotated[list[UploadFile], File(description="article files: .txt, .html, .jsonl, .warc, feeds")]
StoryId = Annotated[str, PathParam(min_length=1, max_length=64, description="story id or unique prefix")]
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "no such story, claim or job"},
    422: {"model": ErrorResponse, "description": "a parameter is invalid"},
}


def install_api(app: FastAPI, ctx: WebContext) -> None:
    """Add the story endpoints and the timeline and ingest endpoints to ``app``."""
    _install_story_api(app, ctx)
    _install_other_api(app, ctx)


def _install_story_api(app: FastAPI, ctx: WebContext) -> None:
    """Stories, claims, alignments and sources."""
    @app.get("/api/stories", response_model=StoryPage, responses=ERRORS, tags=["stories"])
    def api_stories(request: Request, q: Annotated[str | None, Query(max_length=MAX_QUERY, description="words in titles or outlets")] = None,
                    sort: Literal["last_date", "first_date", "size", "title"] = "last_date",
                    limit: Limit | None = None, offset: Offset = 0) -> dict[str, Any]:
        """Stories, newest first (or by ``sort``), filtered by ``q``: every one unless ``limit``."""
        if limit is None:  # a script reading the list must not lose the stories past a page
            limit = max(1, ctx.stores.get().count_stories(query=q or None) - offset)
        items, more = ctx.summaries(q, sort, limit, offset)
        return {"items": items, "limit": limit, "offset": offset, "has_more": more,
                "next": next_url(request, offset, limit, more)}

    @app.get("/api/stories/{story_id}", response_model=StoryDetail, responses=ERRORS, tags=["stories"])
    def api_story(story_id: StoryId) -> dict[str, Any]:
        """One story: its articles (with text), counts, what each outlet adds or omits, and links."""
        return views.story_detail(ctx.story_or_404(story_id))

    @app.get("/api/stories/{story_id}/claims", response_model=ClaimPage, responses=ERRORS, tags=["stories"])
    def api_claims(request: Request, story_id: StoryId,
                   article: Annotated[str | None, Query(max_length=64, description="only this article's claims")] = None,
                   kind: Literal["quote", "paraphrase", "narration"] | None = None,
                   speaker: Annotated[str | None, Query(max_length=MAX_QUERY, description="speaker name contains")] = None,
                   limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """The story's claims with evidence offsets, filtered and paginated."""
        data = ctx.story_or_404(story_id)
        claims = [c for c in data.comparison.claims
                  if (not article or c.article == article) and (not kind or c.kind == kind)
                  and (not speaker or (c.speaker and speaker.lower() in (c.speaker.name or "").lower()))]
        claims.sort(key=lambda c: (data.labels.get(c.article, ""), c.start, c.id))
        page = claims[offset:offset + limit]
        more = offset + limit < len(claims)
        return {"items": [views.claim_dict(c, data.labels, data.row.id) for c in page], "limit": limit,
                "offset": offset, "has_more": more, "next": next_url(request, offset, limit, more)}

    @app.get("/api/stories/{story_id}/alignments", response_model=AlignmentPage, responses=ERRORS, tags=["stories"])
    def api_alignments(request: Request, story_id: StoryId,
                       status: Literal["agree", "differ", "unique"] | None = None,
                       field: Annotated[str | None, Query(max_length=32, description="only groups differing on this field")] = None,
                       limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """The story's aligned facts (differences first), filtered and paginated."""
        data = ctx.story_or_404(story_id)
        groups = [a for a in sorted_alignments(data.comparison)
                  if (not status or a.status == status) and (not field or any(d.field == field for d in a.differences))]
        page = groups[offset:offset + limit]
        more = offset + limit < len(groups)
        return {"items": [views.alignment_dict(a, data) for a in page], "limit": limit, "offset": offset,
                "has_more": more, "next": next_url(request, offset, limit, more)}

    @app.get("/api/stories/{story_id}/sources", response_model=CitationGraphOut, responses=ERRORS, tags=["stories"])
    def api_sources(story_id: StoryId) -> dict[str, Any]:
        """Who cites whom in the story, and which outlet carried each fact first."""
        graph = ctx.story_or_404(story_id).graph
        return {"nodes": list(graph.nodes), "edges": list(graph.edges), "first": list(graph.first)}


def _install_export_api(app: FastAPI, ctx: WebContext) -> None:
    """Exports and ClaimReview drafts."""
    @app.get("/api/stories/{story_id}/export/{fmt}", response_class=Response, tags=["stories"],
             responses={**ERRORS, 200: {"description": "the comparison report as a download",
                                        "content": {t.split(";")[0]: {} for t in EXPORT_TYPES.values()}}})
    def api_export(story_id: StoryId, fmt: Literal["md", "json", "csv"]) -> Response:
        """The story's comparison as Markdown, JSON or CSV (same as ``claimdiff story``)."""
        data = ctx.story_or_404(story_id)
        return Response(render(data.comparison, fmt), media_type=EXPORT_TYPES[fmt],
                        headers={"content-disposition": f'attachment; filename="story-{data.row.id}.{fmt}"'})

    @app.get("/api/stories/{story_id}/claims/{claim_id}/claimreview", tags=["stories"],
             response_class=Response,
             responses={**ERRORS, 200: {"description": "a schema.org ClaimReview draft (JSON-LD); the rating is "
                                                       "left to the fact-checker",
                                        "content": {"application/ld+json": {"schema": {"type": "object"}}}}})
    def api_claimreview(story_id: StoryId,
                        claim_id: Annotated[str, PathParam(min_length=1, max_length=64)]) -> Response:
        """A ClaimReview JSON-LD draft for one claim: the claim, its author, first and all appearances."""
        data = ctx.story_or_404(story_id)
        try:
            body = views.claimreview(data, claim_id)
        except StoreError as exc:
            raise not_found(exc.message) from None
        return Response(json.dumps(body, indent=2, ensure_ascii=False) + "\n", media_type="application/ld+json",
                        headers={"content-disposition": f'attachment; filename="claimreview-{claim_id}.jsonld"'})


def _install_other_api(app: FastAPI, ctx: WebContext) -> None:
    """The timeline and ingest jobs."""
    _install_export_api(app, ctx)
    @app.get("/api/timeline", response_model=TimelineOut, responses=ERRORS, tags=["timeline"])
    def api_timeline(request: Request,
                     q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="the counted object, e.g. containers")],
                     outlet: Annotated[str | None, Query(max_length=MAX_QUERY, description="only statements this outlet carried")] = None,
                     limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Every stored estimate of ``q`` over time, one entry per statement, oldest first."""
        entries = ctx.timeline_entries(q, outlet)
        page = entries[offset:offset + limit]
        more = offset + limit < len(entries)
        return {"query": q, "total": len(entries), "items": timeline_report.timeline_to_dicts(page), "limit": limit,
                "offset": offset, "has_more": more, "next": next_url(request, offset, limit, more)}

    @app.post("/api/ingest", status_code=202, response_model=IngestJobOut, tags=["ingest"],
              responses={400: {"model": ErrorResponse, "description": "nothing to ingest, or a blocked URL"},
                         413: {"model": ErrorResponse, "description": "the upload is over the size limit"},
                         422: ERRORS[422]})
    def api_ingest(text: TextField = "", title: TitleField = "", outlet: OutletField = "",
                   published: DateField = "", article_url: ArticleUrlField = "", url: UrlField = "",
                   files: FilesField = []) -> dict[str, Any]:
        """Start ingesting pasted text, uploaded files and/or a URL or feed; poll ``url`` for progress."""
        return ctx.start_ingest(Paste(text, title, outlet, published, article_url), url, files or [])

    @app.get("/api/ingest/{job_id}", response_model=IngestJobOut, responses=ERRORS, tags=["ingest"])
    def api_job(job_id: Annotated[str, PathParam(min_length=1, max_length=64)]) -> dict[str, Any]:
        """How far an ingest job got."""
        job = ctx.runner.get(job_id)
        if job is None:
            raise not_found(f"no ingest job {job_id!r} (jobs are kept in memory until the server stops)")
        return job.snapshot()
