"""Tests for claimdiff.report: JSON contract and schema, determinism, Markdown, HTML, CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import types
from html.parser import HTMLParser
from pathlib import Path

import jsonschema

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import report
from claimdiff.errors import ConfigError
from claimdiff.model import (
    ALIGNMENT_STATUSES,
    CLAIM_KINDS,
    DIFF_FIELDS,
    QUALIFIERS,
    Alignment,
    Article,
    Claim,
    Comparison,
    FieldDiff,
    Quantity,
    Skipped,
    Speaker,
    TimeScope,
)
from claimdiff.report import FORMATS, render
from claimdiff.report.csv import COLUMNS
from claimdiff.report.html import Span, iter_tokens, render_html

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

YONHAP_TEXT = (
    "SEOUL, Oct. 27 (Yonhap) -- North Korea has shipped about 6,700 containers of munitions "
    "to Russia since August, Defense Minister Shin Won-sik said Friday.\n\n"
    "The shipments could hold more than 3 million artillery shells, he said. " + XSS_SCRIPT
)
REUTERS_TEXT = (
    "North Korea has sent more than 6,700 containers of munitions to Russia since early "
    "September, South Korea's defence minister told reporters on Friday.\n\n"
    "The containers could carry more than 3 million artillery shells, the minister said. "
    + XSS_IMG
    + "\n\nSatellite images showed 12 freight cars at the Tumangang rail yard, analysts said."
)
AP_TEXT = (
    "South Korea says North Korea has shipped more than 3 million artillery shells to Russia, "
    "according to Defense Minister Shin Won-sik. Officials gave no breakdown | by month."
)


def span_of(text: str, phrase: str) -> tuple[int, int]:
    """Return the offsets of ``phrase`` in ``text`` (which must contain it)."""
    start = text.index(phrase)
    return start, start + len(phrase)


def make_claim(article: Article, sentence: str, number: str, **fields) -> Claim:
    """Build a claim over ``sentence`` with one quantity at ``number`` (offsets computed)."""
    start, end = span_of(article.text, sentence)
    q_start, q_end = span_of(article.text, number)
    quantity = Quantity(text=article.text[q_start:q_end], start=q_start, end=q_end, **fields.pop("quantity"))
    return Claim(article=article.id, text=article.text[start:end], start=start, end=end, quantities=(quantity,), **fields)


@pytest.fixture
def comparison() -> Comparison:
    """Three articles, six claims: one differ group, one agree group, one unique claim."""
    yonhap = Article(source="yonhap.txt", text=YONHAP_TEXT, outlet="Yonhap", title="N. Korea shipped 6,700 containers",
                     published="2023-10-27", reference_date="2023-10-27")
    reuters = Article(source="https://example.com/reuters", url="https://example.com/reuters", text=REUTERS_TEXT,
                      outlet="Reuters", title="North Korea sent munitions <b>to</b> Russia", published="2023-10-27")
    ap = Article(source="ap.txt", text=AP_TEXT, outlet="AP", title="Shells | containers", published="2023-10-28",
                 url="javascript:alert(1)")
    shin = Speaker(name="Shin Won-sik", role="Defense Minister", org="South Korea's Defense Ministry")
    minister = Speaker(name=None, role="defence minister", org="South Korea", mention="South Korea's defence minister")
    containers = {"object": "containers of munitions", "object_head": "container"}
    shells = {"value": 3_000_000.0, "qualifier": "more_than", "qualifier_text": "more than", "object": "artillery shells"}

    y1 = make_claim(yonhap, "North Korea has shipped about 6,700 containers of munitions to Russia since August, "
                    "Defense Minister Shin Won-sik said Friday.", "about 6,700",
                    kind="paraphrase", speaker=shin, cue="said",
                    quantity={"value": 6700.0, "qualifier": "approx", "qualifier_text": "about", **containers},
                    time_scope=TimeScope(text="since August", start="2023-08-01", end="2023-10-27",
                                         span_start=YONHAP_TEXT.index("since August"),
                                         span_end=YONHAP_TEXT.index("since August") + 12))
    r1 = make_claim(reuters, "North Korea has sent more than 6,700 containers of munitions to Russia since early "
                    "September, South Korea's defence minister told reporters on Friday.", "more than 6,700",
                    kind="paraphrase", speaker=minister, cue="told",
                    quantity={"value": 6700.0, "qualifier": "more_than", "qualifier_text": "more than", **containers},
                    time_scope=TimeScope(text="since early September"))
    y2 = make_claim(yonhap, "The shipments could hold more than 3 million artillery shells, he said.",
                    "more than 3 million", kind="paraphrase", speaker=shin, cue="said", hedged=True,
                    hedges=("could",), quantity=shells)
    r2 = make_claim(reuters, "The containers could carry more than 3 million artillery shells, the minister said.",
                    "more than 3 million", kind="paraphrase", speaker=minister, cue="said", hedged=True,
                    hedges=("could",), quantity=shells)
    a1 = make_claim(ap, "South Korea says North Korea has shipped more than 3 million artillery shells to Russia, "
                    "according to Defense Minister Shin Won-sik.", "more than 3 million",
                    kind="paraphrase", speaker=shin, cue="according to", quantity=shells, cites=("South Korea",))
    r3 = make_claim(reuters, "Satellite images showed 12 freight cars at the Tumangang rail yard, analysts said.",
                    "12", kind="narration", speaker=Speaker(name="analysts", type="unnamed"), cue="said",
                    quantity={"value": 12, "object": "freight cars"})

    differ = Alignment(
        status="differ", claims=(y1.id, r1.id), members=((y1.id, 0), (r1.id, 0)), label="6,700 containers",
        score=0.92,
        differences=(
            FieldDiff(field="qualifier", values=((yonhap.id, "approx"), (reuters.id, "more_than"))),
            FieldDiff(field="time_scope", values=(
                (yonhap.id, {"text": "since August", "start": "2023-08-01", "end": "2023-10-27"}),
                (reuters.id, {"text": "since early September", "start": None, "end": None}))),
            FieldDiff(field="cue", values=((yonhap.id, "said"), (reuters.id, "told")), minor=True),
        ),
    )
    agree = Alignment(status="agree", claims=(y2.id, r2.id, a1.id), members=((y2.id, 0), (r2.id, 0), (a1.id, 0)),
                      label="3 million artillery shells")
    unique = Alignment(status="unique", claims=(r3.id,), members=((r3.id, 0),), label="12 freight cars")
    return Comparison(
        articles=(yonhap, reuters, ap),
        claims=(y1, r1, y2, r2, a1, r3),
        alignments=(unique, agree, differ),
        skipped=(Skipped(source="feed.jsonl:3", stage="ingest", code="CD103", reason="line 3 is not JSON | bad"),),
    )


def reversed_input(comparison: Comparison) -> Comparison:
    """The same comparison with every list in reverse order."""
    return Comparison(
        articles=comparison.articles[::-1],
        claims=comparison.claims[::-1],
        alignments=comparison.alignments[::-1],
        skipped=comparison.skipped[::-1],
    )


# --- API -----------------------------------------------------------------------------


def test_all_matches_public_names():
    public = {
        name for name, value in vars(report).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    imported = {"annotations", "Callable", "Comparison", "ConfigError"}
    assert set(report.__all__) == public - imported


def test_unknown_format_is_a_config_error(comparison):
    with pytest.raises(ConfigError, match="unknown report format 'xml'"):
        render(comparison, "xml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(comparison, fmt):
    first = render(comparison, fmt)
    assert first == render(comparison, fmt)
    assert first == render(reversed_input(comparison), fmt), "output must not depend on input order"
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_comparison_renders(fmt):
    assert isinstance(render(Comparison(), fmt), str)


# --- JSON ----------------------------------------------------------------------------


def test_json_validates_against_schema(comparison):
    data = json.loads(report.render_json(comparison))
    jsonschema.Draft202012Validator.check_schema(report.load_schema())
    jsonschema.Draft202012Validator(report.load_schema()).validate(data)


def test_json_is_sorted_with_trailing_newline(comparison):
    text = report.render_json(comparison)
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_json_carries_the_contract_fields(comparison):
    data = json.loads(report.render_json(comparison))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for article in data["articles"]:
        assert {"id", "source", "outlet", "title", "published", "text"} <= set(article)
    for claim in data["claims"]:
        assert {"id", "article", "speaker", "cue", "kind", "text", "start", "end", "quantities",
                "time_scope", "hedged", "cites"} <= set(claim)
        assert claim["text"] == texts[claim["article"]][claim["start"]:claim["end"]]
        for quantity in claim["quantities"]:
            assert {"value", "qualifier", "unit", "object", "text"} <= set(quantity)
            assert quantity["text"] in claim["text"]
    assert [a["status"] for a in data["alignments"]] == ["differ", "agree", "unique"]
    differ = data["alignments"][0]
    yonhap, reuters = (next(a["id"] for a in data["articles"] if a["outlet"] == o) for o in ("Yonhap", "Reuters"))
    diffs = {d["field"]: d["values"] for d in differ["differences"]}
    assert diffs["qualifier"] == {yonhap: "approx", reuters: "more_than"}
    assert diffs["time_scope"][yonhap] == {"text": "since August", "start": "2023-08-01", "end": "2023-10-27"}
    assert diffs["time_scope"][reuters]["start"] is None
    assert [a["outlet"] for a in data["articles"]] == ["AP", "Reuters", "Yonhap"]
    values = [q["value"] for c in data["claims"] for q in c["quantities"]]
    assert values == [3000000, 6700, 3000000, 12, 6700, 3000000]
    assert all(type(v) is int for v in values)  # whole floats become ints
    assert data["summary"] == {"articles": 3, "claims": 6, "unaligned_claims": 0, "alignments": 3, "agree": 1,
                               "differ": 1, "unique": 1, "fields": {"cue": 1, "qualifier": 1, "time_scope": 1},
                               "skipped": 1}


def test_schema_enums_match_the_model():
    defs = report.load_schema()["$defs"]
    assert tuple(defs["claim"]["properties"]["kind"]["enum"]) == CLAIM_KINDS
    assert tuple(defs["alignment"]["properties"]["status"]["enum"]) == ALIGNMENT_STATUSES
    assert tuple(defs["difference"]["properties"]["field"]["enum"]) == DIFF_FIELDS
    assert tuple(defs["quantity"]["properties"]["qualifier"]["enum"]) == (None, *QUALIFIERS)


def test_schema_rejects_a_broken_document(comparison):
    data = json.loads(report.render_json(comparison))
    del data["claims"][0]["speaker"]
    data["alignments"][0]["status"] = "maybe"
    errors = list(jsonschema.Draft202012Validator(report.load_schema()).iter_errors(data))
    assert len(errors) == 2


def test_jsonl_has_one_line_per_claim_with_its_group(comparison):
    lines = report.render_jsonl(comparison).splitlines()
    assert len(lines) == len(comparison.claims)
    records = [json.loads(line) for line in lines]
    status = {a.id: a.status for a in comparison.alignments}
    for record in records:
        assert record["alignment"] in status
        assert record["status"] == status[record["alignment"]]
    assert sorted(r["id"] for r in records) == sorted(c.id for c in comparison.claims)


# --- Markdown ------------------------------------------------------------------------


def test_markdown_has_sections_and_bold_differences(comparison):
    text = report.render_markdown(comparison)
    assert text.startswith("# claimdiff report: 3 articles compared\n")
    for heading in ("## Differences", "## Agreements", "## Only in one outlet", "## Skipped inputs"):
        assert f"\n{heading}\n" in text
    assert text.index("## Differences") < text.index("## Agreements") < text.index("## Only in one outlet")
    assert "Differs in: **qualifier**, **time scope**" in text
    assert "**about** 6,700 containers of munitions" in text
    assert "time: **since early September**" in text
    assert "minor wording differences: cue" in text
    assert "### Reuters\n\n- **12 freight cars**:" in text
    assert "> “North Korea has shipped about 6,700" in text
    assert "according to (paraphrase) via South Korea — more than 3 million artillery shells" in text


def test_markdown_escapes_table_cells_and_html(comparison):
    text = report.render_markdown(comparison)
    assert "| AP | Shells \\| containers | 2023-10-28 | 1 |" in text
    assert "line 3 is not JSON \\| bad" in text
    assert "<b>" not in text and "\\<b\\>to\\</b\\>" in text


def test_markdown_trims_long_evidence():
    long_text = ("Filler words go here. " * 30) + "Officials said 42 ships left." + (" More filler." * 30)
    article = Article(source="long.txt", text=long_text, outlet="Long")
    q_start, q_end = span_of(long_text, "42")
    claim = Claim(article=article.id, text=long_text, start=0, end=len(long_text),
                  quantities=(Quantity(value=42, text="42", start=q_start, end=q_end, object="ships"),))
    comparison = Comparison(articles=(article,), claims=(claim,),
                            alignments=(Alignment(status="unique", claims=(claim.id,)),))
    quote = next(line for line in report.render_markdown(comparison).splitlines() if line.startswith("  > "))
    assert len(quote) < 220
    assert "42 ships" in quote and quote.startswith("  > “… ") and quote.endswith(" …”")


# --- HTML ----------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Collect each element's attributes, the text inside each id'd element, and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inner: dict[str, str] = {}
        self.open: list[tuple[str, str | None]] = []
        self.scripts = 0
        self.rows: list[tuple[dict[str, str | None], list[str]]] = []
        self.in_row = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        self.scripts += tag == "script"
        if tag == "tr" or (tag == "li" and attributes.get("data-claims")):  # table rows and unique facts
            self.rows.append((attributes, []))
            self.in_row = True
        if tag == "a" and self.in_row and "href" in attributes:
            self.rows[-1][1].append(attributes["href"])
        self.open.append((tag, attributes.get("id")))
        if attributes.get("id"):
            self.inner[attributes["id"]] = ""

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.in_row = self.in_row and tag not in ("tr", "li")
        while self.open:
            name, _ = self.open.pop()
            if name == tag:
                break

    def handle_data(self, data):
        for _, element_id in self.open:
            if element_id:
                self.inner[element_id] += data


@pytest.fixture
def page(comparison) -> PageParser:
    parser = PageParser()
    parser.feed(report.render_html(comparison))
    parser.close()
    return parser


def test_html_marks_every_claim_at_its_offsets(comparison, page):
    texts = {a.id: a.text for a in comparison.articles}
    for claim in comparison.claims:
        assert page.inner[f"c-{claim.id}"] == texts[claim.article][claim.start:claim.end]
    marks = [attrs for tag, attrs in page.tags if tag == "mark" and attrs.get("id")]
    assert len(marks) == len(comparison.claims)
    assert all("claim" in m["class"].split() and f"kind-{c}" for m in marks for c in [m["class"]])


def test_html_bolds_quantities_inside_claims(comparison):
    html = report.render_html(comparison)
    assert '<b class="qty" title="about 6,700 containers of munitions">about 6,700</b>' in html


def test_html_rows_link_to_every_claim(comparison, page):
    rows = {attrs["id"]: (attrs, hrefs) for attrs, hrefs in page.rows if attrs.get("data-claims")}
    assert len(rows) == len(comparison.alignments)
    for alignment in comparison.alignments:
        attrs, hrefs = rows[f"a-{alignment.id}"]
        assert attrs["data-claims"].split() == list(alignment.claims)
        assert sorted(hrefs) == sorted(f"#c-{c}" for c in alignment.claims)
        assert f"status-{alignment.status}" in attrs["class"]


def test_html_escapes_untrusted_article_text(comparison, page):
    html = report.render_html(comparison)
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert page.scripts == 1, "only the report's own script"
    assert not [tag for tag, attrs in page.tags if tag == "img"]
    event_handlers = [(tag, name) for tag, attrs in page.tags for name in attrs if name.startswith("on")]
    assert event_handlers == []
    assert 'href="javascript:' not in html


def test_html_is_self_contained(page):
    for tag, attrs in page.tags:
        assert tag not in ("link", "iframe", "img")
        assert not (tag == "script" and "src" in attrs)
        if tag == "a":
            assert attrs["href"].startswith(("#", "https://example.com/"))


def test_html_marks_differing_fields(page):
    classes = [(attrs.get("class") or "").split() for tag, attrs in page.tags if tag == "mark"]
    diffs = [c for c in classes if "odd" in c and any(name.startswith("f-") for name in c)]
    fields = sorted({name for c in diffs for name in c if name.startswith("f-")})
    assert fields == ["f-qualifier", "f-time_scope"]
    assert len(diffs) == 4  # two outlets split on two fields: no majority, both deviate


spans = st.lists(
    st.tuples(st.integers(-2, 32), st.integers(-2, 32), st.integers(0, 1)), max_size=8
)


@given(text=st.text(alphabet="ab <&>\n", max_size=30), raw=spans)
def test_tokens_nest_and_cover_every_span(text, raw):
    spans_in = [Span(start=s, end=e, rank=r, key=f"k{i}") for i, (s, e, r) in enumerate(raw)]
    tokens = list(iter_tokens(text, spans_in))
    assert "".join(t.text for t in tokens if t.type == "text") == text
    stack: list[str] = []
    pieces: dict[str, str] = {}
    for token in tokens:
        if token.type == "open":
            assert token.first == (token.span.key not in pieces)
            pieces.setdefault(token.span.key, "")
            stack.append(token.span.key)
        elif token.type == "close":
            assert stack.pop() == token.span.key
        else:
            for key in stack:
                pieces[key] += token.text
    assert stack == []
    for span in spans_in:
        start = min(max(span.start, 0), len(text))
        end = min(max(span.end, start), len(text))
        assert pieces[span.key] == text[start:end]


def test_html_crossing_claims_stay_well_formed():
    text = "Alpha beta gamma delta."
    article = Article(source="x.txt", text=text, outlet="X")
    first = Claim(article=article.id, text=text[0:16], start=0, end=16)
    second = Claim(article=article.id, text=text[6:23], start=6, end=23)
    comparison = Comparison(articles=(article,), claims=(first, second))
    parser = PageParser()
    parser.feed(report.render_html(comparison))
    assert parser.inner[f"c-{first.id}"] == text[0:16]
    assert parser.inner[f"c-{second.id}"] == "beta gamma"  # first piece; the rest is a continuation
    assert report.render_html(comparison).count(f'data-claim="{second.id}"') == 2


def test_html_screenshot(comparison):
    """Write the page to /tmp/report-test.html and, when Chromium exists, screenshot it."""
    page_path = Path("/tmp/report-test.html")
    page_path.write_text(report.render_html(comparison), encoding="utf-8")
    chromium = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if chromium is None:
        pytest.skip("chromium is not installed")
    shot = Path("/tmp/report.png")
    shot.unlink(missing_ok=True)
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--screenshot={shot}",
         "--window-size=1400,1000", page_path.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- CSV -----------------------------------------------------------------------------


def test_csv_has_one_row_per_alignment_claim(comparison):
    rows = list(csv.DictReader(io.StringIO(report.render_csv(comparison))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == sum(len(a.claims) for a in comparison.alignments)
    assert {(r["alignment_id"], r["claim_id"]) for r in rows} == {
        (a.id, c) for a in comparison.alignments for c in a.claims
    }
    differ = [r for r in rows if r["status"] == "differ"]
    assert {r["differing_fields"] for r in differ} == {"qualifier;time_scope;cue"}
    assert {(r["outlet"], r["qualifier"], r["value"], r["time_scope"]) for r in differ} == {
        ("Yonhap", "approx", "6700", "since August (from 2023-08-01 on)"),
        ("Reuters", "more_than", "6700", "since early September"),
    }
    texts = {c.id: c.text for c in comparison.claims}
    assert all(r["text"] == texts[r["claim_id"]] for r in rows)


def test_csv_defuses_formulas():
    text = "=HYPERLINK(1) said 5 people."
    article = Article(source="f.txt", text=text, outlet="@outlet")
    claim = Claim(article=article.id, text=text, start=0, end=len(text),
                  quantities=(Quantity(value=-5, text="5", start=19, end=20),))
    comparison = Comparison(articles=(article,), claims=(claim,),
                            alignments=(Alignment(status="unique", claims=(claim.id,)),))
    row = next(csv.DictReader(io.StringIO(report.render_csv(comparison))))
    assert row["text"] == "'" + text and row["outlet"] == "'@outlet" and row["value"] == "-5"


def test_json_claims_round_trip_to_the_model(comparison):
    from claimdiff import model

    claim_from_dict = getattr(model, "claim_from_dict", None)
    if claim_from_dict is None:
        pytest.skip("model.claim_from_dict is not available")
    data = json.loads(report.render_json(comparison))
    assert sorted((claim_from_dict(c) for c in data["claims"]), key=lambda c: c.id) == sorted(
        comparison.claims, key=lambda c: c.id
    )


def test_html_counts_outlets_and_independent_sources(comparison):
    from dataclasses import replace

    claims = {c.id: c for c in comparison.claims}
    shared = next(a for a in comparison.alignments if len({claims[c].article for c in a.claims}) >= 2)
    carriers = len({claims[c].article for c in shared.claims})
    copied = replace(comparison, alignments=tuple(
        replace(a, independent=1) if a.id == shared.id else a for a in comparison.alignments))
    html = render_html(copied)
    assert f"{carriers} outlets, 1 independent" in html
    plain = replace(comparison, alignments=tuple(
        replace(a, independent=carriers) if a.id == shared.id else a for a in comparison.alignments))
    assert f"{carriers} outlets</span>" in render_html(plain)
