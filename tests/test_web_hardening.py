"""Regression tests for the web part of the hardening issue: the token never reaches the
access log, ``Origin: null`` is refused, the upload limit reads the same everywhere, the
add form answers errors as a page, and a short paste is not held up by a large upload."""

from __future__ import annotations

import logging
import threading
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

with warnings.catch_warnings():  # starlette's TestClient nags about httpx2 on import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from claimdiff.store import Store  # noqa: E402

BASE = "http://127.0.0.1"
TOKEN = "s3cret-token-for-tests-0123456789"


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "corpus.db")
    Store.open(path).close()
    return path


def _client(db: str, **kwargs) -> TestClient:
    from claimdiff.web import create_app

    kwargs.setdefault("nlp_loader", lambda: None)
    return TestClient(create_app(db, **kwargs), base_url=BASE, raise_server_exceptions=False)


def test_token_is_taken_out_of_the_request_before_the_access_log_sees_it(db):
    from claimdiff.web.security import Guard

    seen = {}

    async def app(scope, receive, send):  # what runs after the guard, like uvicorn's log
        seen["query"] = scope["query_string"]

    async def main():
        scope = {"type": "http", "method": "POST", "path": "/api/ingest", "query_string": f"token={TOKEN}&a=1".encode(),
                 "headers": [(b"host", b"127.0.0.1")]}

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            pass

        guard = Guard(app, token=TOKEN, allowed_hosts=None, max_body=100, render=lambda *a, **k: "")
        await guard(scope, receive, send)
        return scope

    import asyncio

    scope = asyncio.run(main())
    assert TOKEN.encode() not in scope["query_string"] and seen["query"] == b"a=1"


def test_access_log_lines_are_redacted():
    from claimdiff.web.security import RedactToken

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", f"/?token={TOKEN}&q=x", "1.1", 303), None)
    RedactToken().filter(record)
    assert TOKEN not in record.getMessage() and "q=x" in record.getMessage()


def test_origin_null_is_refused_unless_the_browser_vouches_same_origin(db):
    with _client(db) as client:
        refused = client.post("/api/ingest", data={"text": "x"}, headers={"origin": "null"})
        assert refused.status_code == 403 and refused.json()["code"] == "cross_origin"
        sandboxed = client.post("/api/ingest", data={"text": "x"},
                                headers={"origin": "null", "sec-fetch-site": "cross-site"})
        assert sandboxed.status_code == 403


def test_upload_limit_is_stated_the_same_in_the_413_and_on_the_page(db):
    from claimdiff.web.security import MAX_UPLOAD_BYTES, limit_text

    with _client(db) as client:
        page = client.get("/add").text
        response = client.post("/api/ingest", content=b"x",
                               headers={"content-length": str(MAX_UPLOAD_BYTES + 1_000_000),
                                        "content-type": "multipart/form-data; boundary=zz"})
    stated = limit_text(MAX_UPLOAD_BYTES)
    assert stated == "20 MB" and f"{stated} in all" in page
    assert response.status_code == 413 and f"the limit is {stated} in all" in response.json()["message"]


def test_add_form_errors_are_a_readable_page_without_cli_options(db):
    with _client(db) as client:
        blocked = client.post("/add", data={"url": "http://127.0.0.1/feed.xml"})
        empty = client.post("/add", data={"text": "  "})
        big = client.post("/add", content=b"x", headers={"content-length": str(30 * 1024 * 1024),
                                                          "content-type": "multipart/form-data; boundary=zz"})
    assert blocked.status_code == 400 and blocked.headers["content-type"].startswith("text/html")
    assert "--allow-private" not in blocked.text and "public addresses only" in blocked.text
    assert 'value="http://127.0.0.1/feed.xml"' in blocked.text  # the form keeps what was typed
    assert empty.status_code == 400 and "nothing to ingest" in empty.text and "<form" in empty.text
    assert big.status_code == 413 and big.headers["content-type"].startswith("text/html") and "20 MB" in big.text


def test_a_short_paste_is_served_while_a_large_upload_is_processed(db, monkeypatch):
    from claimdiff.corpus import IngestSummary
    from claimdiff.web import jobs

    release = threading.Event()
    started = threading.Event()

    def fake_ingest(inputs, store, nlp, *, fetcher=None, progress=None):
        if any(Path(p).stat().st_size > jobs.SMALL_JOB_BYTES for p in inputs):
            started.set()
            release.wait(30)  # the large upload holds its worker until released
        return IngestSummary()

    monkeypatch.setattr(jobs, "ingest", fake_ingest)
    with _client(db) as client:
        large = client.post("/api/ingest", files={"files": ("big.txt", b"word " * 100_000, "text/plain")}).json()
        assert started.wait(10)
        small = client.post("/api/ingest", data={"text": "About 40 ships were stuck, the port said."}).json()
        deadline = time.monotonic() + 10
        while client.get(small["url"]).json()["state"] != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get(small["url"]).json()["state"] == "done"
        assert client.get(large["url"]).json()["state"] == "running"
        release.set()
