"""The web app through its ASGI interface (no browser): pages, the JSON API, errors,
and the safety rules (headers, host, token, origin, upload cap, SSRF guard)."""

from __future__ import annotations

import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

with warnings.catch_warnings():  # starlette's TestClient nags about httpx2 on import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from claimdiff.errors import ConfigError, FetchError  # noqa: E402
from claimdiff.model import Article, Claim, Quantity, Speaker  # noqa: E402
from claimdiff.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
BASE = "http://127.0.0.1"
HOSTILE = "hostile0story0id"
TOKEN = "s3cret-token-for-tests-0123456789"


class NoNetwork:
    """A fetcher that refuses everything: tests never touch the network."""

    allow_private = False

    def fetch(self, url: str) -> tuple[bytes, str]:
        raise FetchError(f"{url}: no network in tests")


def _hostile(store: Store) -> None:
    text = 'Officials said <img src=x onerror="alert(1)"> about 6,700 containers moved. <script>alert(2)</script>'
    article = Article(source="hostile.txt", text=text, title="<script>alert(3)</script>", outlet="Evil<b>Outlet</b>",
                      published="2024-03-30", url="javascript:alert(4)")
    start, end = text.index("about"), text.index("moved.") + 6
    claim = Claim(article=article.id, text=text[start:end], start=start, end=end,
                  speaker=Speaker(name="<i>Mallory</i>"),
                  quantities=(Quantity(value=6700, text="6,700", start=text.index("6,700"), end=text.index("6,700") + 5,
                                       qualifier="approx", object="containers", object_head="container"),))
    with store.transaction():
        store.insert_article(article, [claim], story_id=HOSTILE, storyline_id=HOSTILE)
        store.upsert_story(HOSTILE, HOSTILE, article.title, article.published)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp) -> dict:
    from claimdiff.corpus import ingest

    db = str(tmp_path_factory.mktemp("web") / "corpus.db")
    with Store.open(db) as store:
        ingest([str(DEMO)], store, nlp)
        _hostile(store)
        demo = next(s.id for s in store.stories() if s.id != HOSTILE)
    return {"db": db, "demo": demo}


def _client(db: str, nlp=None, **kwargs) -> TestClient:
    from claimdiff.web import create_app

    app = create_app(db, nlp_loader=(lambda: nlp) if nlp is not None else None,
                     fetcher_factory=NoNetwork, **kwargs)
    return TestClient(app, base_url=BASE, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(corpus, nlp) -> TestClient:
    with _client(corpus["db"], nlp) as client:
        yield client


# --------------------------------------------------------------------------- API


def test_stories_list_paginates_filters_and_sorts(client, corpus):
    data = client.get("/api/stories").json()
    assert {s["id"] for s in data["items"]} == {corpus["demo"], HOSTILE}
    demo = next(s for s in data["items"] if s["id"] == corpus["demo"])
    assert demo["articles"] == 5 and len(demo["outlets"]) == 5 and demo["disagreements"] > 0
    assert demo["first_date"] <= demo["last_date"] and demo["url"] == f"/stories/{demo['id']}"
    page = client.get("/api/stories", params={"limit": 1, "sort": "title"}).json()
    assert len(page["items"]) == 1 and page["has_more"] and "offset=1" in page["next"]
    assert client.get(page["next"]).json()["items"][0]["id"] != page["items"][0]["id"]
    assert [s["id"] for s in client.get("/api/stories", params={"q": "harbor ledger"}).json()["items"]] == [corpus["demo"]]


def test_story_detail_claims_alignments_sources(client, corpus):
    sid = corpus["demo"]
    detail = client.get(f"/api/stories/{sid[:6]}").json()  # a unique prefix is enough
    assert detail["id"] == sid and len(detail["article_list"]) == 5
    # One delta per independent source: the Lakeshore Herald reprint folds into Capital Wire.
    assert {d["outlet"] for d in detail["outlet_deltas"]} == {
        "Capital Wire + 1 copy", "Harbor Ledger", "Metro Daily", "Tidewater Times"}
    assert any(d["adds"] for d in detail["outlet_deltas"]) and any(d["omits"] for d in detail["outlet_deltas"])
    texts = {a["id"]: a["text"] for a in detail["article_list"]}
    claims = client.get(f"/api/stories/{sid}/claims", params={"limit": 200}).json()["items"]
    assert len(claims) == detail["counts"]["claims"]
    for claim in claims:  # every figure links to its evidence
        assert texts[claim["article"]][claim["start"]:claim["end"]] == claim["text"]
    quotes = client.get(f"/api/stories/{sid}/claims", params={"kind": "quote"}).json()["items"]
    assert quotes and all(c["kind"] == "quote" for c in quotes)
    differ = client.get(f"/api/stories/{sid}/alignments", params={"status": "differ"}).json()["items"]
    assert len(differ) == detail["disagreements"]
    assert all(a["status"] == "differ" and a["differences"] for a in differ)
    by_value = client.get(f"/api/stories/{sid}/alignments", params={"field": "value"}).json()["items"]
    assert all(any(d["field"] == "value" for d in a["differences"]) for a in by_value)
    graph = client.get(f"/api/stories/{sid}/sources").json()
    assert graph["nodes"] and graph["edges"] and graph["first"]


@pytest.mark.parametrize(("fmt", "media"), [("md", "text/markdown"), ("json", "application/json"), ("csv", "text/csv")])
def test_exports(client, corpus, fmt, media):
    response = client.get(f"/api/stories/{corpus['demo']}/export/{fmt}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert f'story-{corpus["demo"]}.{fmt}' in response.headers["content-disposition"]
    if fmt == "json":
        assert response.json()["alignments"]


def test_claimreview_draft(client, corpus):
    sid = corpus["demo"]
    group = client.get(f"/api/stories/{sid}/alignments", params={"status": "differ"}).json()["items"][0]
    response = client.get(f"/api/stories/{sid}/claims/{group['claims'][0]}/claimreview")
    assert response.headers["content-type"].startswith("application/ld+json")
    review = response.json()
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert len(item["appearance"]) == len(group["outlets"]) >= 2
    assert item["firstAppearance"] == item["appearance"][0]
    dates = [a["datePublished"] for a in item["appearance"]]
    assert dates == sorted(dates)
    assert all(a["@type"] == "CreativeWork" and a["url"].startswith("https://") for a in item["appearance"])
    assert review["reviewRating"]["ratingValue"] is None
    assert "fact-checker" in review["reviewRating"]["ratingExplanation"]
    assert review["datePublished"] is None
    missing = client.get(f"/api/stories/{sid}/claims/nope/claimreview")
    assert missing.status_code == 404 and "nope" in missing.json()["message"]


def test_timeline_api(client):
    data = client.get("/api/timeline", params={"q": "containers"}).json()
    assert data["total"] >= 3 and data["query"] == "containers"
    series: dict[str, list[str]] = {}
    for e in data["items"]:
        if e["date"]:
            series.setdefault(e["series"] or "", []).append(e["date"])
    assert series and all(dates == sorted(dates) for dates in series.values())
    assert all("container" in (e["object"] or "") for e in data["items"])
    only = client.get("/api/timeline", params={"q": "containers", "outlet": "metro"}).json()["items"]
    assert only and all(any("Metro" in o for o in e["outlets"]) for e in only)
    assert client.get("/api/timeline", params={"q": "zeppelins"}).json()["items"] == []


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/api/stories/doesnotexist", 404, "not_found"),
    ("/api/stories?limit=0", 422, "invalid"),
    ("/api/stories?sort=colour", 422, "invalid"),
    ("/api/stories/x/export/pdf", 422, "invalid"),
    ("/api/timeline", 422, "invalid"),
    ("/api/ingest/nojob", 404, "not_found"),
    ("/api/nothing-here", 404, "not_found"),
])
def test_errors_are_json_with_a_message(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == status and body["code"] == code and len(body["message"]) > 5


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/claims",
            "/api/stories/{story_id}/alignments", "/api/stories/{story_id}/sources", "/api/timeline",
            "/api/ingest", "/api/ingest/{job_id}"} <= set(spec["paths"])
    assert not any(p in spec["paths"] for p in ("/", "/timeline", "/add"))
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


# --------------------------------------------------------------------------- pages


@pytest.mark.parametrize("url", ["/", "/?q=bridge&sort=size&page=1", "/timeline", "/timeline?q=containers", "/add",
                                 "/api"])
def test_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<script src=\"/static/app.js\" defer></script>" in response.text


def test_story_page_highlights_claims_and_escapes(client, corpus):
    html = client.get(f"/stories/{corpus['demo']}").text
    assert html.count("<mark") > 20 and "data-claims=" in html and 'class="odd' in html
    assert "What each outlet adds or omits" in html and "citation-graph" in html
    hostile = client.get(f"/stories/{HOSTILE}").text
    assert "<script>alert" not in hostile and "&lt;script&gt;alert(2)&lt;/script&gt;" in hostile
    assert "<img" not in hostile and "&lt;img src=x onerror=" in hostile
    assert "<b>Outlet" not in hostile and "<i>Mallory" not in hostile
    assert 'href="javascript:' not in hostile
    assert " on" not in "".join(part.split(">")[0] for part in hostile.split("<")[1:] if part[:1].isalpha())


def test_missing_story_page_is_404_html(client):
    response = client.get("/stories/doesnotexist")
    assert response.status_code == 404 and "no story" in response.text


def test_static_files_are_served(client):
    assert "addEventListener" in client.get("/static/app.js").text
    assert ":root" in client.get("/static/app.css").text


# --------------------------------------------------------------------------- safety


@pytest.mark.parametrize("url", ["/", "/api/stories", "/static/app.js", "/api/stories/nope"])
def test_security_headers_everywhere(client, url):
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"


def test_templates_have_no_inline_script_style_or_handlers():
    import re

    from claimdiff.web import app as web_app

    for path in (Path(web_app.__file__).parent / "templates").glob("*.j2"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert "<style" not in text and " style=" not in text, path
        assert not re.search(r"\son[a-z]+\s*=", text), path


def test_foreign_host_is_refused_without_token(client):
    response = client.get("/api/stories", headers={"host": "evil.example"})
    assert response.status_code == 421 and response.json()["code"] == "bad_host"


def test_token_required_when_given(corpus):
    with _client(corpus["db"], token=TOKEN) as client:
        assert client.get("/api/stories").status_code == 401
        assert client.get("/api/stories", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
        ok = client.get("/api/stories", headers={"authorization": f"Bearer {TOKEN}", "host": "10.1.2.3:8765"})
        assert ok.status_code == 200
        login = client.get(f"/?token={TOKEN}&q=bridge", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/?q=bridge"
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        assert client.get("/api/stories").status_code == 200  # the cookie now carries it


def test_cross_origin_posts_are_refused(client):
    response = client.post("/api/ingest", data={"text": "x"}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403 and response.json()["code"] == "cross_origin"
    response = client.post("/api/ingest", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_upload_cap_gives_413_json(corpus):
    with _client(corpus["db"], max_upload_bytes=10_000) as client:
        big = {"files": ("big.txt", b"x" * 20_000, "text/plain")}
        response = client.post("/api/ingest", files=big)
        assert response.status_code == 413 and response.json()["code"] == "too_large"

        def chunks():  # no Content-Length: the cap is enforced while reading
            for _ in range(10):
                yield b"y" * 5_000

        response = client.post("/api/ingest", content=chunks(),
                               headers={"content-type": "multipart/form-data; boundary=zz"})
        assert response.status_code == 413 and response.json()["code"] == "too_large"


@pytest.mark.parametrize(("url", "status", "code"), [
    ("http://127.0.0.1/feed.xml", 400, "CD105"), ("http://10.0.0.8/", 400, "CD105"),
    ("http://localhost:8765/api/stories", 400, "CD105"), ("file:///etc/passwd", 422, "invalid"),
])
def test_url_ingest_applies_the_ssrf_guard(client, url, status, code):
    response = client.post("/api/ingest", data={"url": url})
    assert response.status_code == status and response.json()["code"] == code


def test_empty_ingest_is_400(client):
    response = client.post("/api/ingest", data={"text": "   "})
    assert response.status_code == 400 and "nothing to ingest" in response.json()["message"]


def _wait(client: TestClient, url: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {url} did not finish")


def test_ingest_paste_and_upload_in_background(corpus, nlp, tmp_path):
    db = str(tmp_path / "fresh.db")
    Store.open(db).close()
    with _client(db, nlp) as client:
        files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(DEMO.glob("*.txt"))[:2]]
        files.append(("files", ("../../etc/evil name.txt", b"Title: Odd\n\nThe mayor said 12 bridges closed.", "text/plain")))
        response = client.post("/api/ingest", files=files,
                               data={"text": "About 40 ships were stuck, the port said.", "title": "Ships\nstuck",
                                     "outlet": "Paste Post", "published": "2024-03-29"})
        assert response.status_code == 202
        job = _wait(client, response.json()["url"])
        assert job["state"] == "done", job
        assert job["new"] == 4 and job["failed"] == [] and job["stories"]
        assert "pasted text (Ships stuck)" in job["inputs"] and "../../etc/evil name.txt" in job["inputs"]
        titles = {s["title"] for s in client.get("/api/stories", params={"limit": 50}).json()["items"]}
        assert "Ships stuck" in titles
        page = client.post("/add", data={"text": "About 40 ships were stuck, the port said.", "title": "Ships stuck",
                                          "outlet": "Paste Post", "published": "2024-03-29"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/add/")
        assert 'data-job-url="/api/ingest/' in client.get(page.headers["location"]).text
        assert _wait(client, "/api/ingest/" + page.headers["location"].rsplit("/", 1)[1])["duplicate"] == 1


def test_ingest_failure_is_reported(corpus, tmp_path):
    from claimdiff.web import create_app

    def broken():
        raise ConfigError("the spaCy model is not installed; run pip install …")

    db = str(tmp_path / "x.db")
    with TestClient(create_app(db, nlp_loader=broken), base_url=BASE) as client:
        job = _wait(client, client.post("/api/ingest", data={"text": "Some text."}).json()["url"])
        assert job["state"] == "failed" and "CD400" in job["message"]


# --------------------------------------------------------------------------- serve


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org", "::"])
def test_serve_refuses_public_host_without_token(host, monkeypatch):
    from claimdiff.web.serve import check_binding

    monkeypatch.delenv("CLAIMDIFF_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="--token"):
        check_binding(host, None)
    assert check_binding(host, TOKEN) == TOKEN
    monkeypatch.setenv("CLAIMDIFF_TOKEN", TOKEN)
    assert check_binding(host, None) == TOKEN


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_serve_allows_loopback_without_token(host, monkeypatch):
    from claimdiff.web.serve import check_binding

    monkeypatch.delenv("CLAIMDIFF_TOKEN", raising=False)
    assert check_binding(host, None) is None


def test_short_token_is_refused_and_serve_checks_before_binding(monkeypatch):
    from claimdiff.web.serve import check_binding, serve

    monkeypatch.delenv("CLAIMDIFF_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="at least"):
        check_binding("0.0.0.0", "abc")
    with pytest.raises(ConfigError, match="--token"):
        serve("unused.db", "0.0.0.0", 8765, None)


def test_import_without_fastapi_gives_install_hint():
    code = ("import sys; sys.modules['fastapi'] = None\n"
            "from claimdiff.errors import ConfigError\n"
            "try:\n    import claimdiff.web\nexcept ConfigError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert "CD400" in out and "pip install 'claimdiff[web]'" in out


def test_job_filenames_cannot_escape():
    from claimdiff.web.jobs import safe_filename

    for name in ("../../etc/passwd", "..\\..\\boot.ini", ".bashrc", "", None, "a/b/c.html"):
        made = safe_filename(name, 3)
        assert "/" not in made and "\\" not in made and not made.startswith(".") and made.startswith("003-")
    assert safe_filename("feed.xml", 1).endswith("feed.xml")


def test_alignments_api_carries_the_consensus(client, corpus):
    items = client.get(f"/api/stories/{corpus['demo']}/alignments", params={"status": "differ"}).json()["items"]
    containers = next(a for a in items if any(c["field"] == "value" and c["value"] == "4,700" for c in a["consensus"]))
    value = next(c for c in containers["consensus"] if c["field"] == "value")
    assert value["deviating"] and len(value["deviating"]) < len({m["claim"] for m in containers["members"]})
