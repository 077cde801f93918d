"""End-to-end tests of the web app in headless Debian Chromium (Playwright drives
``/usr/bin/chromium``; ``make test`` installs it, ``playwright install`` is never run).

A real uvicorn server on loopback serves a store holding the demo corpus and one hostile
article; the tests open pages, click, and save screenshots under ``$CLAIMDIFF_SCREENSHOTS``
(default: pytest's tmp dir) for people to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright")

from claimdiff.model import Article, Claim, Quantity, Speaker  # noqa: E402
from claimdiff.store import Store  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (make test installs it)"),
]

XSS_TITLE = '<script>window.__pwned = "title"</script>Evil headline'
XSS_TEXT = ('Officials said <img src=x onerror="window.__pwned=\'img\'"> about 6,700 containers moved. '
            '<script>window.__pwned = "body"</script> "It is fine," <svg onload="window.__pwned=1"> said Mallory.')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _add_hostile_story(store: Store) -> str:
    """Store an article whose title, outlet and text carry script payloads (no NLP)."""
    article = Article(source="hostile.txt", text=XSS_TEXT, title=XSS_TITLE, outlet='Evil<b onmouseover="x()">Outlet</b>',
                      published="2024-03-30", url="javascript:alert(1)")
    start = XSS_TEXT.index("about")
    end = XSS_TEXT.index("moved.") + len("moved.")
    qstart = XSS_TEXT.index("6,700")
    claim = Claim(article=article.id, text=XSS_TEXT[start:end], start=start, end=end, kind="narration",
                  speaker=Speaker(name='<img src=x onerror="window.__pwned=3">', type="person"),
                  quantities=(Quantity(value=6700, text="6,700", start=qstart, end=qstart + 5, qualifier="approx",
                                       object="containers <script>", object_head="container"),))
    story = "hostile0story0id"
    with store.transaction():
        store.insert_article(article, [claim], story_id=story, storyline_id=story)
        store.upsert_story(story, story, XSS_TITLE, article.published)
    return story


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, nlp) -> Iterator[dict]:
    """A uvicorn server on a free loopback port over the demo corpus plus a hostile story."""
    import uvicorn

    from claimdiff.corpus import ingest
    from claimdiff.web import create_app

    db = str(tmp_path_factory.mktemp("web-e2e") / "corpus.db")
    with Store.open(db) as store:
        ingest([str(DEMO)], store, nlp)
        hostile = _add_hostile_story(store)
        demo = next(s.id for s in store.stories() if s.id != hostile and s.size == 5)
    app = create_app(db, nlp_loader=lambda: nlp)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield {"url": f"http://127.0.0.1:{port}", "demo": demo, "hostile": hostile, "db": db}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("CLAIMDIFF_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_story_list_then_story_then_click_a_difference(page, server, shots):
    page.goto(server["url"] + "/")
    assert page.locator("table.stories tbody tr").count() >= 2
    page.screenshot(path=str(shots / "stories.png"), full_page=True)
    page.get_by_role("link", name="NTSB begins Key Bridge probe").click()
    page.wait_for_selector("table.facts")
    assert page.locator("article.article").count() == 5
    assert page.locator("mark.claim").count() > 20
    page.screenshot(path=str(shots / "story.png"))

    row = page.locator("tr[data-status=differ]").first
    claims = row.get_attribute("data-claims").split()
    row.click()
    selected = page.locator("mark.claim.selected")
    assert selected.count() >= 2
    assert {m.get_attribute("data-claim") for m in selected.all()} <= set(claims)
    assert "selected" in (row.get_attribute("class") or "")
    # every highlighted piece of evidence is scrolled into view within its article column
    in_view = page.evaluate("""() => Array.from(document.querySelectorAll('mark.claim.selected[id]')).map(m => {
        const col = m.closest('.article-text').getBoundingClientRect(); const r = m.getBoundingClientRect();
        return r.top >= col.top - 1 && r.bottom <= col.bottom + 1 && r.top >= 0 && r.top < window.innerHeight; })""")
    assert in_view and all(in_view), in_view
    page.screenshot(path=str(shots / "story-selected.png"))
    page.locator("#deltas").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "story-deltas-graph.png"), full_page=False)
    assert page.locator("#deltas .delta").count() == 4  # the Lakeshore Herald reprint folds into Capital Wire
    chains = [li.text_content() for li in page.locator("ul.chains li").all()]
    assert any("Tidewater Times cites Capital Wire citing" in c for c in chains), chains
    page.locator("#graph").screenshot(path=str(shots / "story-graph.png"))
    assert not page.errors, page.errors


FIRST_SCREEN = """() => {
  const rows = Array.from(document.querySelectorAll('table.facts tbody tr.fact'));
  const seen = rows.filter(r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; });
  return {visible: seen.length, statuses: rows.map(r => r.dataset.status),
          scroll: document.documentElement.scrollWidth, width: window.innerWidth};
}"""


def _first_screen(browser, server, width: int, height: int, shot: Path) -> dict:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(server["url"] + f"/stories/{server['demo']}")
    page.wait_for_selector("table.facts")
    info = page.evaluate(FIRST_SCREEN)
    page.screenshot(path=str(shot))
    info["odd_outside"] = page.evaluate("""() => Array.from(document.querySelectorAll('table.facts mark.odd'))
        .filter(m => !m.closest('td.deviates')).length""")
    info["agree_single"] = page.evaluate("""() => Array.from(document.querySelectorAll('tr.fact[data-status=agree]'))
        .filter(r => r.querySelectorAll('td.cell').length < 2).length""")
    context.close()
    return info


@pytest.mark.parametrize(("width", "height", "rows"), [(1400, 900, 6), (390, 844, 3)])
def test_first_screen_shows_differences_first(browser, server, shots, width, height, rows):
    info = _first_screen(browser, server, width, height, shots / f"story-first-screen-{width}.png")
    assert info["visible"] >= rows, info
    statuses = info["statuses"]
    assert statuses[0] == "differ" and statuses == sorted(statuses, key=["differ", "agree"].index)
    assert info["odd_outside"] == 0  # only the cells that deviate are marked
    assert info["agree_single"] == 0  # an original and its copy never make an agree row
    assert info["scroll"] <= info["width"], info  # no horizontal scroll


def test_odd_cells_are_the_only_highlighted_ones(page, server):
    page.goto(server["url"] + f"/stories/{server['demo']}")
    containers = page.locator("tr.fact", has_text="4,679")
    assert containers.count() == 1
    assert "4,700" in containers.locator(".consensus").text_content()
    deviating = {c.get_attribute("data-outlet") for c in containers.locator("td.deviates").all()}
    assert "Harbor Ledger" in deviating and "Metro Daily" in deviating
    for row in page.locator("tr.fact[data-status=agree]").all():
        assert row.locator("mark.odd, td.deviates").count() == 0


def test_exports_and_claimreview_download(page, server):
    page.goto(server["url"] + f"/stories/{server['demo']}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Markdown").click()
    assert info.value.suggested_filename.endswith(".md")
    link = page.locator("a.claimreview").first
    response = page.request.get(server["url"] + link.get_attribute("href"))
    data = response.json()
    assert data["@type"] == "ClaimReview"
    assert data["reviewRating"]["ratingValue"] is None
    assert data["itemReviewed"]["appearance"]


def test_timeline_chart_and_table(page, server, shots):
    page.goto(server["url"] + "/timeline")
    page.fill("input[name=q]", "containers")
    page.get_by_role("button", name="Draw").click()
    page.wait_for_selector("svg.timeline-chart")
    points = page.locator("svg.timeline-chart g.point")
    assert points.count() >= 2
    title = points.first.locator("title").text_content()
    assert "containers" in title
    assert page.locator("table.timeline tbody tr").count() >= points.count()
    points.first.click()
    assert page.locator("table.timeline tr.selected").count() == 1
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)
    assert not page.errors, page.errors


def test_hostile_article_renders_as_text(page, server, shots):
    page.goto(server["url"] + f"/stories/{server['hostile']}")
    page.wait_for_selector(".article-text")
    assert page.evaluate("() => window.__pwned") is None
    text = page.locator(".article-text").first.text_content()
    assert "<script>" in text and "onerror=" in text
    assert page.locator(".article-text img, .article-text script, .article-text svg").count() == 0
    assert page.locator("main script, main img").count() == 0
    assert "<script>" in page.locator("h1").text_content()
    links = [a.get_attribute("href") or "" for a in page.locator("a").all()]
    assert not any(h.lower().startswith("javascript:") for h in links)
    page.screenshot(path=str(shots / "hostile.png"))
    page.goto(server["url"] + "/?q=evil")
    assert page.evaluate("() => window.__pwned") is None
    assert not [e for e in page.errors if "pwned" in e]


def test_csp_blocks_inline_script(page, server):
    response = page.goto(server["url"] + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    ran = page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1';
        document.body.appendChild(s); return window.__inline === 1; }""")
    assert ran is False


def test_add_paste_shows_progress_and_links_the_story(page, server, shots):
    page.goto(server["url"] + "/add")
    page.fill("input[name=title]", "Port reopens after bridge collapse")
    page.fill("input[name=outlet]", "Test Gazette")
    page.fill("input[name=published]", "2024-04-02")
    page.fill("textarea[name=text]", "The port reopened a channel on Tuesday, officials said. About 1,100 containers "
                                     "were moved through it, the Coast Guard said.")
    page.screenshot(path=str(shots / "add.png"))
    page.get_by_role("button", name="Ingest").click()
    page.wait_for_url("**/add/*")
    page.wait_for_function("() => ['done', 'failed'].includes(document.getElementById('job').dataset.state)",
                           timeout=30_000)
    assert page.locator("#job").get_attribute("data-state") == "done"
    assert page.locator("#job-stories a").count() == 1
    page.screenshot(path=str(shots / "add-done.png"))
    page.locator("#job-stories a").first.click()
    page.wait_for_selector("article.article")
    assert "Test Gazette" in page.locator("article.article h3").first.text_content()


@pytest.mark.parametrize("path", ["/", "/timeline?q=containers", "/add", "/api"])
def test_no_page_scrolls_sideways_on_a_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server["url"] + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_an_added_fact_link_opens_its_outlet_list(page, server):
    page.goto(server["url"] + f"/stories/{server['demo']}")
    link = page.locator("#deltas .delta a.fact-link").first
    target = link.get_attribute("data-row")
    assert page.locator(f"#{target}").is_hidden()  # unique facts start folded under their outlet
    link.click()
    assert page.locator(f"#{target}").is_visible()


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (390, 844)])
def test_standalone_html_report_reads_on_desk_and_phone(browser, nlp, tmp_path, width, height):
    from claimdiff.pipeline import compare
    from claimdiff.report import render_html

    report = tmp_path / "report.html"
    report.write_text(render_html(compare([str(DEMO)], nlp=nlp)), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(report.as_uri())
    statuses = [r.get_attribute("data-status") for r in page.locator("table.facts tr.fact").all()]
    assert statuses and statuses[0] == "differ" and "agree" not in statuses[:statuses.count("differ")]
    assert page.locator("table.facts th").first.text_content() == "Fact"
    assert "Capital Wire + 1 copy" in page.locator("table.facts thead").text_content()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
