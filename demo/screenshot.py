"""Screenshot the story page of the demo corpus for the README (``make screenshot``).

Stores ``demo/corpus`` in a temporary corpus, serves it on a free loopback port, opens the
story page in headless Chromium (``/usr/bin/chromium`` through Playwright) at 1400 px and
writes the first screen to the PNG named on the command line (default
``docs/story-page.png``). Rerun it whenever the story page changes.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTH, HEIGHT = 1400, 1000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _demo_store(folder: Path) -> tuple[str, str]:
    """A corpus holding the demo articles, and the id of their story."""
    from claimdiff.corpus import ingest
    from claimdiff.pipeline import load_nlp
    from claimdiff.store import Store

    db = str(folder / "demo.db")
    nlp = load_nlp()
    with Store.open(db) as store:
        ingest([str(ROOT / "demo" / "corpus")], store, nlp)
        story = max(store.stories(), key=lambda s: s.size).id
    return db, story


def _serve(db: str) -> tuple[object, str]:
    """Start the web app on a free loopback port; return the server and its URL."""
    import uvicorn

    from claimdiff.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise SystemExit("the web app did not start")
    return server, f"http://127.0.0.1:{port}"


def main(out: str = "docs/story-page.png") -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="claimdiff-shot-") as tmp:
        db, story = _demo_store(Path(tmp))
        server, url = _serve(db)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto(f"{url}/stories/{story}")
            page.wait_for_selector("table.facts")
            page.screenshot(path=out)
            browser.close()
        server.should_exit = True  # type: ignore[attr-defined]
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
