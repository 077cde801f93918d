"""Tests for claimdiff.clean: this sentence is in, this boilerplate is out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.clean import clean, find_dates, outlet_from_url
from claimdiff.errors import EmptyInput
from claimdiff.ingest import iter_sources, load_source
from claimdiff.model import Article, Source

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_000 = "000_1a3110d20d41f2b2.txt"
SEED_004 = "004_fe63317f54c2baa6.txt"


def _clean_file(name: str) -> tuple[Source, Article]:
    """Load and clean the first Source of a fixture file."""
    source = load_source(FIXTURES / name)[0]
    return source, clean(source)


def _jsonl_articles() -> list[Article]:
    """Clean the good records of the JSONL fixture."""
    return [clean(s) for s in iter_sources([str(FIXTURES / "feed.jsonl")]) if isinstance(s, Source)]


def _assert_offsets(source: Source, article: Article, base: str | None = None) -> None:
    """Every non-space cleaned character maps back to the same character in the raw input."""
    base = source.raw if base is None else base
    for i, char in enumerate(article.text):
        if not char.isspace():
            assert base[article.raw_offset(i)] == char, (i, article.text[max(0, i - 20): i + 20])


# name: (sentences that must stay, boilerplate that must go, labels that must be recorded)
CASES = {
    "text_headers.txt": (
        [
            "The city council voted 7 to 2 on Monday to approve a new pedestrian bridge over the river, "
            "the mayor's office said.",
            "The bridge is expected to cost about 12 million dollars and to open in 2026, according to "
            "the city's transport department.",
            "Construction details",  # a subheading stays as its own paragraph
            "Two lanes of the riverside road will close for about six months.",
        ],
        ["Title:", "Date:", "Outlet:", "URL:", "Author:", "Read more", "bus lanes", "Sign up",
         "newsletter", "is a reporter covering"],
        {"header", "title_repeat", "related", "newsletter", "bio"},
    ),
    "wire_dateline.txt": (
        [
            "Rescue teams searched on Tuesday for survivors after heavy rain flooded several villages "
            "in the south of the country, officials said.",
            "At least 14 people were rescued from the roofs of their houses overnight",
            "about 300 homes had been damaged",
            # "declined to comment" inside a longer sentence is a claim, not boilerplate
            "and the governor declined to comment on the cost.",
        ],
        ["KYIV", "(AP)", "Rescuers pull a boat", "Ivan Petrenko/AFP", "Updated 10:32", "did not immediately respond",
         "The governor declined to comment.", "Reporting by", "Editing by"],
        {"title", "dateline", "caption", "timestamp", "outreach", "credits"},
    ),
    "captions_taglines.txt": (
        [
            "The national farmers' union said on Thursday that it expects a wheat harvest of about 32 million "
            "tonnes this year, up from 28 million tonnes last year.",
            "The union said warm weather in spring had helped the crops, although some regions had too little rain.",
            "• Farmers planted more land with wheat than in previous years.",  # sentence bullets stay
            "• Fewer fields were damaged by hail.",
            "Export prices are expected to fall if the forecast is confirmed, traders said.",
        ],
        ["combine harvester", "Getty Images", "Credit:", "Bread prices fall", "123 shares", "Telegram",
         "AgricultureWheat", "Food Prices"],
        {"title", "title_repeat", "caption", "related", "duplicate", "share", "social", "tagline"},
    ),
    "reuters_style.txt": (
        [
            "Britain's wind farms produced a record amount of electricity on Wednesday, supplying more than "
            "half of the country's power for several hours, the grid operator said.",
            "Wind turbines generated about 21.8 gigawatts at the peak",
            "The operator said strong winds were expected to continue until the weekend.",
        ],
        ["By Jane Doe", "LONDON", "(Reuters)", "2 hours ago", "Jane Doe is a reporter"],
        {"title", "byline", "dateline", "timestamp", "bio"},
    ),
    "html_page.html": (
        [
            "The central library will stay open until 9 p.m. on weekdays from June, the city's culture "
            "department said on Tuesday.",
            "The longer hours will cost about 250,000 dollars a year",
            "according to a letter signed by more than 1,200 people.",
            "The library will also add 40 new study desks on its second floor, the department said.",
        ],
        ["cookie", "Accept all", "Home", "Sport", "By Tom Baker", "Read more", "Parks department",
         "Related stories", "Swimming pool", "Copyright", "Privacy policy", "Sign up"],
        set(),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_sentences_in_boilerplate_out(name):
    source, article = _clean_file(name)
    kept, dropped, labels = CASES[name]
    # A hard-wrapped paragraph keeps its line breaks: the sentences are read across them.
    flat = " ".join(article.text.split())
    for sentence in kept:
        assert sentence in flat
    for junk in dropped:
        assert junk not in flat, junk
    assert labels <= set(article.removed)
    assert "\n\n\n" not in article.text and "  " not in article.text
    assert article.source == source.location


@pytest.mark.parametrize("name", ["text_headers.txt", "wire_dateline.txt", "captions_taglines.txt", "reuters_style.txt"])
def test_fixture_offsets_map_back_to_raw(name):
    source, article = _clean_file(name)
    _assert_offsets(source, article)


def test_text_header_metadata():
    _, article = _clean_file("text_headers.txt")
    assert article.title == "City council approves new bridge over the river"
    assert article.author == "Ana Lopez"
    assert article.outlet == "Riverside Gazette"
    assert article.published == article.reference_date == "2024-03-05"
    assert article.url == "https://www.riverside-gazette.example/news/bridge-vote"


def test_wire_metadata_from_title_line_and_dateline():
    _, article = _clean_file("wire_dateline.txt")
    assert article.title == "Rescue teams search for survivors after flooding"
    assert article.outlet == "AP"
    assert article.published is None


def test_reuters_byline_and_hard_wrapped_paragraphs():
    _, article = _clean_file("reuters_style.txt")
    assert article.title == "Wind power output hits new high in windy week"
    assert article.author == "Jane Doe"
    assert article.outlet == "Reuters"
    assert article.text.count("\n\n") == 2  # three wrapped paragraphs, each on one line


def test_caption_date_becomes_reference_date():
    _, article = _clean_file("captions_taglines.txt")
    assert article.published is None
    assert article.reference_date == "2023-07-12"  # from the removed caption


def test_html_metadata():
    _, article = _clean_file("html_page.html")
    assert article.title == "Library extends opening hours"
    assert article.author == "Tom Baker"
    assert article.outlet == "Lakeside Courier"
    assert article.published == "2024-05-14"
    assert article.url == "https://www.lakeside-courier.example/local/library-hours"


def test_jsonl_articles():
    first, second, third = _jsonl_articles()
    assert first.doc_id == "a1" and first.outlet == "BBC" and first.title == "Museum reopens after renovation"
    assert "The renovation cost about 40 million euros, the director said." in first.text
    assert second.outlet == "Morning Post" and "newsletter" not in second.text
    assert third.title == "Museum shop opens" and "open every day except Monday" in third.text
    assert "Museum shop opens" not in third.text


def test_glued_caption_after_sentence_end():
    raw = (
        "The ministry said 1.5 million shells had been sent to the Russian Federation.North Korean leader "
        "Kim Jong Un visits a munitions factory on January 10, 2024. (Credit: KCNA/Reuters)\n\n"
        "Kim Jong Un at a factory (Getty Images)Officials said the factories were working at full capacity."
    )
    article = clean(Source(location="glued.txt", raw=raw))
    assert article.text == (
        "The ministry said 1.5 million shells had been sent to the Russian Federation.\n\n"
        "Officials said the factories were working at full capacity."
    )
    assert article.removed == ("caption",)
    _assert_offsets(Source(location="glued.txt", raw=raw), article)


def test_text_rules_on_small_inputs():
    raw = (
        "We use cookies to personalise content. By continuing to browse you accept our cookie policy.\n\n"
        "The bakery said it sold 3,000 cookies on Saturday.\n\n"
        "Share this article\n\n"
        "Advertisement\n\n"
        "Follow us on X for the latest news\n\n"
        "The Kremlin has reached out to the embassy for comment, officials said. The talks went on.\n\n"
        "Tags: Bakery, Food\n\n"
        "- Bakery opens second shop\n"
        "- Flour prices rise again\n\n"
        "Updated: 2024-06-01 14:05\n\n"
        "Sales rose 12% in May, the owner said."
    )
    article = clean(Source(location="mixed.txt", raw=raw, title="Bakery sales rise"))
    assert article.text == (
        "The bakery said it sold 3,000 cookies on Saturday.\n\n"
        "The Kremlin has reached out to the embassy for comment, officials said. The talks went on.\n\n"
        "Sales rose 12% in May, the owner said."
    )
    assert {"cookie", "share", "ad", "social", "tagline", "related", "timestamp"} <= set(article.removed)
    assert article.reference_date == "2024-06-01"


def test_only_boilerplate_is_empty():
    with pytest.raises(EmptyInput) as info:
        clean(Source(location="junk.txt", raw="Advertisement\n\nShare this article\n\n123 shares\n"))
    assert str(info.value).startswith("[CD106] junk.txt has no article text after cleaning")


def test_html_without_main_text_is_empty():
    with pytest.raises(EmptyInput) as info:
        clean(Source(location="blank.html", raw="<html><body><nav>Home</nav></body></html>", format="html"))
    assert "blank.html" in str(info.value)


def test_source_metadata_wins_and_doc_id_carries():
    source = Source(location="x.txt", raw="By Jane Doe\n\nThe minister said 6,700 containers were sent.",
                    outlet="Example Times", author="Given Name", doc_id="d7", published="2024-02-26")
    article = clean(source)
    assert (article.outlet, article.author, article.doc_id) == ("Example Times", "Given Name", "d7")
    assert article.reference_date == "2024-02-26"
    assert article.text == "The minister said 6,700 containers were sent."


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.cnn.com/2024/02/27/asia/story/index.html", "CNN"),
        ("https://edition.cnn.com/x", "CNN"),
        ("https://www.rbc.ua/ukr/news/x", "RBC-Ukraine"),
        ("https://news.bbc.co.uk/a", "BBC"),
        ("https://www.riverside-gazette.example/news", "Riverside-gazette"),
        ("https://www.thetimes.co.uk/article/x", "Thetimes"),
        ("http://abc.xyz/", "ABC"),
        ("http://127.0.0.1/x", None),
        (None, None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_find_dates():
    assert find_dates("On January 10, 2024 and 3 March 2023, and in September 2023; 2024-02-30 is no date.") == [
        "2023-03-03", "2023-09-01", "2024-01-10",
    ]


_PIECES = st.sampled_from([
    "The minister said 6,700 containers were sent.", "North Korea", "(Getty Images)", "(Credit: KCNA/Reuters)",
    "By Jane Doe", "Author: Jo Ma", "Title: X", "LONDON (Reuters) - ", "  • Related headline here", "Tags: a, b",
    "Subscribe", "123 shares", "Updated 10:32 GMT", "\n", "\n\n", "  ", "\t", ".", "Word", "KoreaRussia",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=12))
def test_clean_returns_article_with_exact_offsets_or_empty_input(pieces):
    source = Source(location="prop.txt", raw="".join(pieces))
    try:
        article = clean(source)
    except EmptyInput as exc:
        assert "prop.txt" in str(exc)
        return
    assert article.text and article.text == article.text.strip()
    _assert_offsets(source, article)


# ---------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Source, Article]]:
    """The two seed articles, read in place, cleaned."""
    if not (SEEDS / SEED_000).exists() or not (SEEDS / SEED_004).exists():
        pytest.skip("shared seeds not present")
    out = {}
    for name in (SEED_000, SEED_004):
        source = load_source(SEEDS / name)[0]
        out[name] = (source, clean(source))
    return out


@pytest.mark.seeds
def test_seed_000(seeds):
    source, article = seeds[SEED_000]
    assert article.author == "Maria Kholina"
    assert article.title == "North Korea's factories operate at full swing to accelerate shells supply to Russia"
    assert "(Getty Images)" not in article.text and "Author:" not in article.text
    assert "Kim Jong Un and Vladimir Putin (Getty" not in article.text
    assert not article.text.startswith("North Korea's factories operate")
    assert article.text.startswith("North Korean military factories are operating at full capacity")
    assert "North Korea has sent around 6,700 containers to Russia since the meeting between Kim Jong Un and " \
           "Vladimir Putin in September 2023, he said." in article.text
    assert "North Korean shells for Russia" in article.text  # subheading kept
    assert article.text.endswith("1.5 million artillery ammunition to the Russian Federation.")
    _assert_offsets(source, article)


@pytest.mark.seeds
def test_seed_004(seeds):
    source, article = seeds[SEED_004]
    text = article.text
    assert article.outlet == "CNN"
    assert "KCNA/Reuters" not in text and "munitions factory at an undisclosed location" not in text
    assert "Seoul, South Korea" not in text and "(CNN) --" not in text
    assert "•" not in text and "US expresses concern" not in text
    assert "The dangerous parallels" not in text and "The main conclusions of the meeting" not in text
    assert "has reached out to" not in text
    assert "North KoreaRussian" not in text and "Arms Sale" not in text
    assert text.startswith('North Korean munitions factories are "operating at full capacity"')
    assert "Since August, Pyongyang has sent about 6,700 containers to Russia, which could hold more than " \
           "3 million 152mm artillery shells" in text
    assert "North Korea arms concerns to Russia" in text  # subheading kept
    assert text.endswith("areas that the rebel regime has not fully developed.")
    assert article.reference_date == "2024-01-10"  # from the caption
    assert {"caption", "dateline", "related", "outreach", "tagline"} <= set(article.removed)
    _assert_offsets(source, article)


@pytest.mark.seeds
def test_seeds_concatenated_glued_caption(seeds):
    raw = seeds[SEED_000][0].raw + seeds[SEED_004][0].raw  # 000 has no final newline
    article = clean(Source(location="both.txt", raw=raw))
    assert "to the Russian Federation.\n\n" in article.text
    assert "Federation.North" not in article.text and "KCNA/Reuters" not in article.text
    _assert_offsets(Source(location="both.txt", raw=raw), article)


# ------------------------------------------------------- text that matters (issue 9)

_LEAD = "The floods killed 40 people in the valley, rescuers said on Monday.\n\n"


@pytest.mark.parametrize(
    "line",
    [
        "Source: the Interior Ministry",
        "Source: the regional health department, citing hospital records",
        "Details: according to the ministry, 12 bridges collapsed.",
    ],
)
def test_a_source_or_details_line_that_names_a_speaker_is_text(line):
    article = clean(Source(location="a.txt", raw=_LEAD + line + "\n"))
    assert line in article.text and "caption" not in article.removed


@pytest.mark.parametrize("line", ["Source: Reuters", "Source: Jane Doe/Getty Images", "Source: AFP / file photo"])
def test_a_source_line_that_credits_a_photo_is_still_a_caption(line):
    article = clean(Source(location="a.txt", raw=_LEAD + line + "\n"))
    assert line not in article.text and "caption" in article.removed


@pytest.mark.parametrize(
    "raw",
    [
        "The ministry said 40 people died in the floods",
        "Title: Floods\n\nThe ministry said 40 people died in the floods",
        "The ministry said 40 people died in the floods\n\nSign up for our newsletter",
    ],
)
def test_a_one_sentence_document_without_final_punctuation_is_text(raw):
    article = clean(Source(location="a.txt", raw=raw))
    assert article.text == "The ministry said 40 people died in the floods"
    assert "title" not in article.removed


def test_headings_of_a_multi_paragraph_article_are_still_dropped():
    article = clean(Source(location="a.txt", raw="Valley floods kill 40\n\n" + _LEAD + "Rescuers searched the river banks."))
    assert article.title == "Valley floods kill 40" and "Valley floods kill 40" not in article.text
    with pytest.raises(EmptyInput):
        clean(Source(location="b.txt", raw="Valley floods kill 40\n\nRescue goes on"))
    with pytest.raises(EmptyInput):
        clean(Source(location="c.html", raw="<html><body><h1>Valley floods kill 40</h1></body></html>", format="html"))


@pytest.mark.parametrize(
    "line, kept",
    [
        ("Updated figures show 40 ships were waiting on 3 March.", True),
        ("Published data put the toll at 40.", True),
        ("Updated 10:32 GMT", False),
        ("Last updated: 27 February 2024, 10:32 GMT", False),
        ("Posted by Jane Doe on 27 Feb 2024", False),
        ("Published: 27.02.2024 10:32", False),
    ],
)
def test_a_sentence_that_starts_like_a_timestamp_is_text(line, kept):
    article = clean(Source(location="a.txt", raw=_LEAD + line + "\n\nRescuers searched the river banks.\n"))
    assert (line in article.text) is kept


def _big_page(paragraphs: int) -> str:
    """A page of our own words with a menu, a script, a figure and an aside around an
    article of ``paragraphs`` paragraphs, each word in an inline tag."""
    para = "<p><span>The</span> <b>port</b> <i>handled</i> <a href='#'>{n:,}</a> <em>boxes</em>, <span>officials</span> said.</p>"
    body = "\n".join(para.format(n=6700 + i) for i in range(paragraphs))
    return (
        "<html><head><title>Port | Harbour Daily</title><meta property='og:site_name' content='Harbour Daily'>"
        "<meta name='author' content='Jane Doe'><link rel='canonical' href='https://harbour.example/port'>"
        "<script>var x = '<p>not text</p>';</script><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Port traffic rises</h1>{body}"
        "<figure><img src='a.jpg'><figcaption>Cranes at the port (Reuters)</figcaption></figure>"
        "<aside>Read more: other news</aside><p>Sign up for our newsletter</p></article></body></html>"
    )


def test_a_page_too_large_for_trafilatura_is_read_by_the_linear_reader():
    from claimdiff.clean.html_linear import MAX_ELEMENTS

    article = clean(Source(location="big.html", raw=_big_page(MAX_ELEMENTS // 7 + 10), format="html"))
    assert "html_fallback" in article.removed and "newsletter" in article.removed
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "The port handled 6,700 boxes, officials said."
    assert paragraphs[1] == "The port handled 6,701 boxes, officials said."
    for dropped in ("Home", "not text", "color", "Cranes", "Read more", "Sign up"):
        assert dropped not in article.text
    assert (article.title, article.author, article.outlet) == ("Port traffic rises", "Jane Doe", "Harbour Daily")
    assert article.url == "https://harbour.example/port"


def test_a_normal_page_is_still_read_by_trafilatura():
    article = clean(Source(location="small.html", raw=_big_page(20), format="html"))
    assert "html_fallback" not in article.removed
    assert "The port handled 6,700 boxes, officials said." in article.text
