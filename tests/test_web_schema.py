"""Property-based tests of the JSON API against its own OpenAPI document (schemathesis,
in process through ASGI): every generated request gets a documented status, content type
and body shape, and never a server error. Bounded so the file runs in well under a minute."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import negative_data_rejection, positive_data_acceptance  # noqa: E402

from claimdiff.errors import ConfigError  # noqa: E402
from claimdiff.model import Article, Claim, Quantity, Speaker  # noqa: E402
from claimdiff.store import Store  # noqa: E402

#: Examples per operation: enough to walk every parameter, small enough for CI.
EXAMPLES = 25


def _no_model():
    raise ConfigError("no spaCy model in schema tests")


def _build_app(folder: Path):
    """An app over a small store built without NLP: one story, two outlets, one claim each."""
    from claimdiff.corpus import SqlStoryIndex  # noqa: F401  (the store schema is complete)
    from claimdiff.web import create_app

    db = str(folder / "schema.db")
    with Store.open(db) as store:
        for outlet, value in (("Alpha", 6700), ("Beta", 7000)):
            text = f"About {value:,} containers were shipped since August, the ministry said."
            article = Article(source=f"{outlet}.txt", text=text, title="Containers", outlet=outlet,
                              published="2024-02-26", url=f"https://{outlet.lower()}.example/a")
            claim = Claim(article=article.id, text=text, start=0, end=len(text), kind="paraphrase", cue="said",
                          speaker=Speaker(name="the ministry", type="organisation"),
                          quantities=(Quantity(value=value, text=f"{value:,}", start=6, end=6 + len(f"{value:,}"),
                                               qualifier="approx", object="containers", object_head="container"),))
            with store.transaction():
                store.insert_article(article, [claim], story_id="storyschema00001", storyline_id="storyschema00001")
                store.upsert_story("storyschema00001", "storyschema00001", "Containers", "2024-02-26")
    return create_app(db, nlp_loader=_no_model, allowed_hosts=None)


_FOLDER = Path(__import__("tempfile").mkdtemp(prefix="claimdiff-schema-"))
schema = schemathesis.openapi.from_asgi("/openapi.json", _build_app(_FOLDER))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case):
    # A well-formed URL on a private or unresolvable host is refused (400) by the SSRF
    # guard, a rule the schema cannot express. Ingest is a multipart form: every part is
    # text, so "an integer where a string belongs" is not invalid there (an uploaded file
    # may well hold digits). Every other check applies to ingest too.
    excluded = [positive_data_acceptance, negative_data_rejection] if case.operation.path == "/api/ingest" else []
    case.call_and_validate(excluded_checks=excluded)
