"""One display name per outlet, --outlet/--published for inputs without a header, and an
article date that never comes from a photo caption (issue 11 item 2)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.clean import clean
from claimdiff.errors import ConfigError
from claimdiff.ingest import iter_sources, published_option
from claimdiff.model import Article, Source, outlet_display_name
from claimdiff.pipeline import Options, read_articles

_BODY = (
    "<p>The port handled 6,700 containers last week, harbour officials said on Tuesday.</p>"
    "<p>Harbour master Ana Ruiz said 40 ships were waiting at anchor off the breakwater.</p>"
)


def _page(figure: str, dated: str) -> str:
    return (
        "<html><head><title>Port queue grows</title></head><body><article><h1>Port queue grows</h1>"
        f"{figure}{dated}{_BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    "figure",
    [
        "<figure><img src='a.jpg'><figcaption>Ships off the port, <time datetime='2023-01-03'>3 January 2023"
        "</time>. Photo: Reuters</figcaption></figure>",
        "<div class='image-caption'><time datetime='2023-01-03'>3 January 2023</time> Ships wait.</div>",
    ],
)
def test_article_date_never_comes_from_a_photo_caption(figure):
    html = _page(figure, "<p>Published <time datetime='2024-02-27'>27 February 2024</time></p>")
    article = clean(Source(location="port.html", raw=html, format="html"))
    assert article.published == "2024-02-27"


def test_a_caption_date_alone_is_no_article_date():
    figure = ("<figure><figcaption><time datetime='2023-01-03'>3 January 2023</time> Ships wait. Photo: Reuters"
              "</figcaption></figure>")
    article = clean(Source(location="port.html", raw=_page(figure, ""), format="html"))
    assert article.published is None


@pytest.mark.parametrize(
    "outlet, source, name",
    [
        ("Harbour Daily", "/data/in/x.txt", "Harbour Daily"),
        ("  Capital \n Wire ", "x.txt", "Capital Wire"),
        (None, "/data/in/harbour_daily.txt", "harbour_daily"),
        (None, "C:\\in\\tidewater.html", "tidewater"),
        (None, "dump.jsonl:17", "dump:17"),
        (None, "feeds/port.rss#3", "port#3"),
        (None, "crawl.warc.gz#1234", "crawl#1234"),
        (None, "-", "stdin"),
        (None, "-:4", "stdin:4"),
        (None, "https://www.harbour.example/a/b", "harbour.example"),
        ("", "notes", "notes"),
    ],
)
def test_one_display_name_per_outlet(outlet, source, name):
    assert outlet_display_name(outlet, source) == name
    assert Article(source=source, text="x", outlet=outlet).outlet_name == name


def test_a_page_whose_site_name_is_a_host_is_named_by_its_outlet():
    html = _page("", "").replace("<head>", "<head><meta property='og:site_name' content='www.bbc.co.uk'>")
    assert clean(Source(location="p.html", raw=html, format="html")).outlet == "BBC"


def test_outlet_and_published_fill_in_what_an_input_does_not_say(tmp_path):
    bare = tmp_path / "bare.txt"
    bare.write_text("The port handled 6,700 containers last week, officials said.\n")
    headed = tmp_path / "headed.txt"
    headed.write_text("Outlet: Capital Wire\nDate: 2024-02-26\n\nThe port handled 6,700 containers, officials said.\n")
    sources = list(iter_sources([str(bare), str(headed)], outlet="Harbour Daily", published="2024-02-27"))
    assert [(s.outlet, s.published) for s in sources] == [("Harbour Daily", "2024-02-27"), ("Capital Wire", "2024-02-26")]
    articles, skipped = read_articles([str(bare)], options=Options(outlet="Harbour Daily", published="2024-02-27"))
    assert not skipped and (articles[0].outlet, articles[0].published) == ("Harbour Daily", "2024-02-27")


def test_published_option_reads_any_date_and_refuses_what_is_none():
    assert published_option("27 Feb 2024") == "2024-02-27"
    assert published_option(None) is None
    with pytest.raises(ConfigError) as info:
        published_option("soon")
    assert str(info.value) == "[CD400] --published 'soon' is not a date; write it as YYYY-MM-DD (e.g. 2024-02-27)"


@pytest.mark.parametrize("command", ["compare", "ingest"])
def test_cli_refuses_a_published_that_is_no_date_in_one_line(tmp_path, command):
    path = tmp_path / "a.txt"
    path.write_text("The port handled 6,700 containers, officials said.\n")
    extra = ["--db", str(tmp_path / "c.db")] if command == "ingest" else []
    result = CliRunner().invoke(app, [command, str(path), "--published", "soon", *extra])
    assert result.exit_code != 0
    assert isinstance(result.exception, ConfigError) and "--published 'soon' is not a date" in str(result.exception)
