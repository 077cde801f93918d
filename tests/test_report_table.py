"""The comparison table a person reads (report/table.py), on hand-built comparisons."""

from __future__ import annotations

from claimdiff.align import align
from claimdiff.model import Article, Claim, Comparison, Quantity, Speaker, TimeScope
from claimdiff.report._common import time_scope_text
from claimdiff.report.table import fact_table, is_trivial

SAID = Speaker(name="Pete Buttigieg", type="person")


def _article(outlet: str, text: str) -> Article:
    return Article(source=f"{outlet}.txt", text=text, outlet=outlet, published="2024-03-28")


def _claim(article: Article, sentence: str, figure: str, obj: str | None, value: float) -> Claim:
    start = article.text.index(sentence)
    q_start = article.text.index(figure, start)
    quantity = Quantity(value=value, text=figure, start=q_start, end=q_start + len(figure), object=obj,
                        object_head=obj.split()[-1].rstrip("s") if obj else None)
    return Claim(article=article.id, text=sentence, start=start, end=start + len(sentence), kind="paraphrase",
                 speaker=SAID, cue="said", quantities=(quantity,))


def _comparison(articles, claims, copies=()) -> Comparison:
    originals = {a.id: a.id for a in articles} | dict(copies)
    return Comparison(articles=tuple(articles), claims=tuple(claims),
                      alignments=tuple(align(claims, articles, originals=originals)), copies=tuple(copies))


def test_an_original_and_its_copy_fold_into_one_column_and_never_agree() -> None:
    text = "The federal government released $60 million in emergency funds, Buttigieg said."
    wire, reprint = _article("Capital Wire", text), _article("Lakeshore Herald", text + " Provided by Capital Wire.")
    claims = [_claim(a, text, "$60 million", "emergency funds", 60e6) for a in (wire, reprint)]
    table = fact_table(_comparison([wire, reprint], claims, copies=[(reprint.id, wire.id)]))
    assert [c.label for c in table.columns] == ["Capital Wire + 1 copy"]
    assert table.rows == () and [len(rows) for _, rows in table.unique] == [1]
    plain = fact_table(_comparison([wire, reprint], claims))  # two independent outlets do agree
    assert [r.status for r in plain.rows] == ["agree"]


def test_the_copy_credited_outlet_heads_the_column_whichever_grouping_picked() -> None:
    text = "The federal government released $60 million in emergency funds, Buttigieg said."
    wire, reprint = _article("Capital Wire", text), _article("Lakeshore Herald", text + " Provided by Capital Wire.")
    claims = [_claim(a, text, "$60 million", "emergency funds", 60e6) for a in (wire, reprint)]
    table = fact_table(_comparison([wire, reprint], claims, copies=[(wire.id, reprint.id)]))
    assert [c.label for c in table.columns] == ["Capital Wire + 1 copy"]


def test_differ_row_marks_only_the_odd_outlet_and_is_labelled_by_the_majority() -> None:
    texts = {"A": "About 4,700 containers were on board, Buttigieg said.",
             "B": "About 4,700 containers were aboard the ship, Buttigieg said.",
             "C": "About 4,600 containers were on board, Buttigieg said."}
    articles = [_article(name, t) for name, t in texts.items()]
    claims = [_claim(a, a.text, "4,700" if "4,700" in a.text else "4,600", "containers",
                     4700.0 if "4,700" in a.text else 4600.0) for a in articles]
    table = fact_table(_comparison(articles, claims))
    (row,) = table.rows
    assert row.status == "differ" and row.label == "4,700 containers"
    assert ("value", "4,700") in row.consensus
    assert [cell.odd for cell in row.cells] == [(), (), ("value",)]


def test_trivial_figures_are_not_rows() -> None:
    text = "Three were there, said Buttigieg. The 52-year-old driver was first, he said."
    article = _article("A", text)
    bare = _claim(article, "Three were there, said Buttigieg.", "Three", None, 3)
    age = _claim(article, "The 52-year-old driver was first, he said.", "52", "driver", 52)
    claims = {c.id: c for c in (bare, age)}
    for c in claims.values():
        (al,) = align([c])
        assert is_trivial(al, claims)
    real = _claim(article, "Three were there, said Buttigieg.", "Three", "workers", 3)
    (al,) = align([real])
    assert not is_trivial(al, {real.id: real})


def test_since_scope_is_shown_open_ended() -> None:
    scope = TimeScope(text="since September 2023", start="2023-09-01", end="2023-09-01")
    assert time_scope_text(scope) == "since September 2023 (from 2023-09-01 on)"
    # A closed period is its words, with the year when they leave it out.
    assert time_scope_text(TimeScope(text="in 2022", start="2022-01-01", end="2022-12-31")) == "in 2022"
    assert time_scope_text(TimeScope(text="in February", start="2024-02-01", end="2024-02-29")) == \
        "in February (2024)"
    assert time_scope_text(TimeScope(text="last week", start="2024-03-18", end="2024-03-24")) == \
        "last week (2024-03-18 – 2024-03-24)"


def _entry(day: str, value: float, obj: str, scope: str | None = None, disputed: bool = False):
    from claimdiff.timeline import TimelineEntry

    return TimelineEntry(date=day, date_source="statement", value=value, value_max=None, qualifier=None, unit=None,
                         object=obj, speaker="Port", time_scope=scope, articles=({"id": day},), outlets=("A",),
                         independent=1, disputed=disputed, text=f"{value} {obj}")


def test_timeline_draws_one_series_per_measure_and_scope_and_rings_disputes() -> None:
    from claimdiff.report.timeline import chart_points, render_timeline

    entries = [_entry("2024-01-01", 850_000, "cars", "in 2023"), _entry("2024-02-01", 750_000, "cars", "in 2022"),
               _entry("2024-03-01", 860_000, "cars", "in 2023", disputed=True), _entry("2024-03-02", 10, "ships")]
    chart = chart_points(entries)
    names = [s["name"] for s in chart["series"]]
    assert names == ["cars · in 2023", "cars · in 2022", "ships"]
    assert [s["points"] for s in chart["series"]] == [2, 1, 1] and chart["series"][0]["disputed"] == 1
    assert len({p["colour"] for p in chart["points"]}) == 3
    html = render_timeline(entries, "cars", "html")
    assert html.count('class="series-line"') == 1  # only a series with two points or more is a line
    assert html.count('class="ring"') == 2  # the disputed point and the legend's key
    assert "cars · in 2022 (1)" in html


def test_figures_of_one_object_far_apart_are_separate_series() -> None:
    from claimdiff.report.timeline import chart_points

    entries = [_entry("2024-03-26", 4600, "containers"), _entry("2024-03-27", 4679, "containers"),
               _entry("2024-03-28", 56, "containers"), _entry("2024-03-28", 4700, "containers")]
    series = chart_points(entries)["series"]
    assert sorted((s["name"], s["points"]) for s in series) == [("≈4,600 containers", 3), ("≈56 containers", 1)]


def test_markdown_lists_a_copy_only_fact_as_unique() -> None:
    from claimdiff.report import render_markdown

    text = "The federal government released $60 million in emergency funds, Buttigieg said."
    wire, reprint = _article("Capital Wire", text), _article("Lakeshore Herald", text + " Provided by Capital Wire.")
    claims = [_claim(a, text, "$60 million", "emergency funds", 60e6) for a in (wire, reprint)]
    md = render_markdown(_comparison([wire, reprint], claims, copies=[(reprint.id, wire.id)]))
    agreements = md[md.index("## Agreements"):md.index("## Only in one outlet")]
    assert "No claims reported alike" in agreements and "$60 million" in md[md.index("## Only in one outlet"):]


def _render(table, width: int = 80) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None)
    console.print(table)
    return console.export_text()


def test_terminal_table_filters_and_keeps_every_differing_field_per_outlet() -> None:
    from claimdiff.report.terminal import terminal_table

    texts = {"A": "About 4,700 containers were on board, Buttigieg said.",
             "B": "About 4,700 containers were aboard the ship, Buttigieg said.",
             "C [/x]": "About 4,600 containers were on board, Buttigieg said."}  # markup is never read
    articles = [_article(name, t) for name, t in texts.items()]
    claims = [_claim(a, a.text, "4,700" if "4,700" in a.text else "4,600", "containers",
                     4700.0 if "4,700" in a.text else 4600.0) for a in articles]
    comparison = _comparison(articles, claims)
    text = _render(terminal_table(comparison))
    title = text.splitlines()[0]
    assert title.startswith("3 articles, 3 sources: 1 differ") and len(title) <= 80
    for outlet, figure in (("A", "4,700"), ("B", "4,700"), ("C [/x]", "4,600")):
        assert f"{outlet}: {figure} containers" in text  # the differing value, for every outlet
    assert "most say: value 4,700" in _render(terminal_table(comparison), width=160)
    assert "differ" not in _render(terminal_table(comparison, "agree")).split("\n", 1)[1]
    assert "4,600" in _render(terminal_table(comparison, "differ"))


def test_citation_chains_merge_aliases_and_skip_copies() -> None:
    from claimdiff.report.citations import citation_chains, direct_sources

    a, b, copy = (_article(n, "x") for n in ("Tidewater Times", "Harbor Ledger", "Lakeshore Herald"))

    def cited(article, *cites):
        return Claim(article=article.id, text="x", start=0, end=1, kind="paraphrase", cites=cites,
                     speaker=Speaker(name=cites[-1], type="person"))

    claims = [cited(a, "Capital Wire", "Homendy"), cited(a, "Capital Wire", "Jennifer Homendy"),
              cited(b, "Jennifer Homendy"), cited(b, "Homendy"), cited(copy, "Jennifer Homendy")]
    comparison = Comparison(articles=(a, b, copy), claims=tuple(claims), copies=((copy.id, b.id),))
    chains = citation_chains(comparison)
    assert [(c.sentence, c.claims) for c in chains] == [
        ("Tidewater Times cites Capital Wire citing Jennifer Homendy", 2),
        ("Harbor Ledger cites Jennifer Homendy", 2)]
    assert direct_sources(chains) == [("Harbor Ledger", [("Jennifer Homendy", 2)])]


def test_an_outlet_is_named_once_never_by_path_or_hash() -> None:
    from claimdiff.report._common import article_labels, outlet_name

    assert outlet_name("  Capital   Wire ") == "Capital Wire"
    assert outlet_name(None, "https://www.apnews.com/x") == "apnews.com"
    assert outlet_name(None, None, "/home/me/news/key_bridge.txt") == "key_bridge"
    assert outlet_name(None, None, "dump.jsonl:17") == "dump:17"
    assert "/" not in outlet_name(None, None, "-")
    a = Article(source="/tmp/x/story.txt", text="one")
    b = Article(source="/tmp/y/story.txt", text="two")
    assert sorted(article_labels([a, b]).values()) == ["story", "story #2"]


def test_graph_aliases_merge_into_one_node() -> None:
    from claimdiff.report.citations import merge_aliases
    from claimdiff.sources import CitationGraph

    graph = CitationGraph(
        nodes=({"id": "outlet:a", "label": "A", "kind": "outlet"},
               {"id": "speaker:homendy", "label": "Homendy", "kind": "speaker"},
               {"id": "speaker:jennifer homendy", "label": "Jennifer Homendy", "kind": "speaker"}),
        edges=({"source": "outlet:a", "target": "speaker:homendy", "claims": 1},
               {"source": "outlet:a", "target": "speaker:jennifer homendy", "claims": 2}), first=())
    merged = merge_aliases(graph)
    assert [n["label"] for n in merged.nodes] == ["A", "Jennifer Homendy"]
    assert merged.edges == ({"source": "outlet:a", "target": "speaker:jennifer homendy", "claims": 3},)


def test_the_outlets_own_voice_is_named_as_the_outlet_not_its_file() -> None:
    from claimdiff.report._common import article_labels, member_view

    article = Article(source="/home/me/drafts/harbour.txt", text="The ship was 984 feet long.")
    claim = Claim(article=article.id, text=article.text, start=0, end=len(article.text), kind="narration",
                  speaker=Speaker(name="/home/me/drafts/harbour.txt", type="outlet"))
    (al,) = align([claim])
    view = member_view(al, claim, article_labels([article]))
    assert view.speaker == "harbour"


def test_timeline_series_follow_the_measure_and_ring_outlet_disagreements() -> None:
    from dataclasses import replace

    from claimdiff.report.timeline import chart_points, render_timeline

    killed = replace(_entry("2024-10-30", 95, "people"), series="people killed · Valencia")
    later = replace(_entry("2024-11-01", 205, "people"), series="people killed · Valencia", disagrees=True,
                    disagrees_with=("Other Times",))
    missing = replace(_entry("2024-11-01", 1900, "people"), series="people missing · Valencia")
    chart = chart_points([killed, later, missing])
    assert [s["name"] for s in chart["series"]] == ["people killed · Valencia", "people missing · Valencia"]
    assert [p["disputed"] for p in chart["points"]] == [False, True, False]
    assert "Other Times</b> say otherwise" in render_timeline([killed, later, missing], "people", "html")


def test_markdown_states_what_most_outlets_say() -> None:
    from claimdiff.report import render_markdown

    texts = {"A": "About 4,700 containers were on board, Buttigieg said.",
             "B": "About 4,700 containers were aboard the ship, Buttigieg said.",
             "C": "About 4,600 containers were on board, Buttigieg said."}
    articles = [_article(name, t) for name, t in texts.items()]
    claims = [_claim(a, a.text, "4,700" if "4,700" in a.text else "4,600", "containers",
                     4700.0 if "4,700" in a.text else 4600.0) for a in articles]
    assert "Most say: value **4,700**" in render_markdown(_comparison(articles, claims))
