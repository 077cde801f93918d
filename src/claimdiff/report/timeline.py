"""A timeline of estimates as JSON, CSV or a self-contained HTML page with an SVG chart
(drawn here: no JavaScript library, no CDN)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import ConfigError
from ..model import to_dict
from ..timeline import TimelineEntry
from ._common import QUALIFIER_WORDS, format_number

__all__ = ["render_timeline", "timeline_to_dicts", "TIMELINE_FORMATS", "chart_points", "chart_context", "series_key"]

TIMELINE_FORMATS = ("json", "csv", "html")
#: Chart geometry (SVG user units).
WIDTH, HEIGHT, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 860, 360, 80, 24, 20, 48
#: Marker per qualifier: the shape says how the figure was hedged.
MARKERS = {
    None: "circle", "approx": "diamond", "more_than": "triangle-up", "at_least": "triangle-up",
    "up_to": "triangle-down", "at_most": "triangle-down", "nearly": "triangle-down", "less_than": "triangle-down",
}

#: Figures of one series more than this factor apart are different measures (bands).
BAND_RATIO = 3.0
#: One colour per series (Okabe–Ito, colour-blind safe; the legend also names each).
SERIES_COLOURS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

_env = Environment(loader=PackageLoader("claimdiff", "report/templates"), autoescape=select_autoescape(["html", "j2"]),
                   trim_blocks=True, lstrip_blocks=True)


def timeline_to_dicts(entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    """The JSON form: one object per statement with ``date``, ``value``, ``qualifier``,
    ``object``, ``speaker``, ``time_scope``, ``articles`` and more."""
    return [to_dict(e) for e in entries]


def _csv(entries: Sequence[TimelineEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "date_source", "value", "value_max", "qualifier", "unit", "object", "speaker",
                     "time_scope", "outlets", "independent", "disputed", "articles"])
    for e in entries:
        writer.writerow([e.date or "", e.date_source, "" if e.value is None else format_number(e.value).replace(",", ""),
                         "" if e.value_max is None else e.value_max, e.qualifier or "", e.unit or "", e.object or "",
                         e.speaker or "", e.time_scope or "", ";".join(e.outlets), e.independent, e.disputed,
                         ";".join(a["id"] for a in e.articles)])
    return buffer.getvalue()


def _ordinal(day: str) -> int:
    return date.fromisoformat(day[:10]).toordinal()


def _two_significant(value: float) -> float:
    """Round an axis value to two significant digits (12,589.25 → 13,000)."""
    if value == 0:
        return 0.0
    return round(value, 1 - int(math.floor(math.log10(abs(value)))))


def chart_points(entries: Sequence[TimelineEntry]) -> dict[str, Any]:
    """Positions of the dated figures on the chart, with axis ticks (pure, testable)."""
    dated = [e for e in entries if e.date and e.value is not None]
    if not dated:
        return {"points": [], "x_ticks": [], "y_ticks": [], "log": False}
    xs = [_ordinal(e.date) for e in dated]  # type: ignore[arg-type]
    values = [v for e in dated for v in (e.value, e.value_max) if v is not None]
    lo_x, hi_x = min(xs), max(xs)
    lo_y, hi_y = min(0.0, min(values)), max(values)
    use_log = lo_y >= 0 and min(values) > 0 and hi_y / max(min(values), 1e-9) > 100
    if use_log:
        lo_y, hi_y = math.log10(min(values)) - 0.1, math.log10(hi_y) + 0.1
    span_x = max(1, hi_x - lo_x)
    span_y = (hi_y - lo_y) or 1.0
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x_of(ordinal: int) -> float:
        return round(MARGIN_LEFT + (ordinal - lo_x) / span_x * plot_w if hi_x > lo_x else MARGIN_LEFT + plot_w / 2, 1)

    def y_of(value: float) -> float:
        v = math.log10(value) if use_log else value
        return round(MARGIN_TOP + plot_h - (v - lo_y) / span_y * plot_h * 0.95, 1)

    keys = _banded_keys(dated)
    order = list(dict.fromkeys(keys))
    points = []
    for e, x, key in zip(dated, xs, keys, strict=True):
        index = order.index(key)
        points.append({
            "x": x_of(x), "y": y_of(e.value),  # type: ignore[arg-type]
            "y_max": y_of(e.value_max) if e.value_max is not None else None,
            "marker": MARKERS.get(e.qualifier, "circle"), "disputed": _disagreed(e),
            "series": index, "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)],
            "label": f"{e.date} · {QUALIFIER_WORDS.get(e.qualifier or '', '')} {format_number(e.value)} {e.object or ''}"
                     f"{' · ' + e.time_scope if e.time_scope else ''} · {e.speaker or 'outlet'} · {', '.join(e.outlets)}"
                     f"{' · outlets disagree on this statement' if _disagreed(e) else ''}"
                     f"{' (' + ', '.join(e.disagrees_with) + ' say otherwise)' if e.disagrees_with else ''}",
        })
    ticks_y = []
    for i in range(5):
        v = lo_y + span_y * i / 4
        value = 10 ** v if use_log else v
        ticks_y.append({"y": y_of(value) if value > 0 or not use_log else MARGIN_TOP + plot_h,
                        "label": format_number(_two_significant(value))})
    x_ticks = []
    for o in sorted({lo_x + round(span_x * i / 4) for i in range(5)} if hi_x > lo_x else {lo_x}):
        i = 2 if hi_x == lo_x else (0 if o == lo_x else (4 if o == hi_x else 2))
        x_ticks.append({"x": x_of(o), "label": date.fromordinal(o).isoformat(),
                        "anchor": "start" if i == 0 else ("end" if i == 4 else "middle")})
    return {"points": points, "x_ticks": x_ticks, "y_ticks": ticks_y, "log": use_log,
            "series": _series(order, points, {k[0]: " ".join((e.series or e.object or "").split())
                                              for k, e in zip(keys, dated)})}


def _disagreed(entry: TimelineEntry) -> bool:
    """Whether outlets give this statement, or this series on this day, differently."""
    return bool(entry.disputed or entry.disagrees)


def series_key(entry: TimelineEntry) -> tuple[str, str, str]:
    """What one series follows: the measure (``entry.series``: "people killed · Valencia",
    else the counted object), the unit and the time scope ("since August" and "in 2022"
    are different measures, never one line)."""
    words = " ".join((entry.series or entry.object or "").lower().split())
    return (words, entry.unit or "", " ".join((entry.time_scope or "").lower().split()))


def _banded_keys(entries: Sequence[TimelineEntry]) -> list[tuple[str, str, str, str]]:
    """Each entry's series: its ``series_key`` plus a band of magnitude, so that figures
    of one object that differ by more than ``BAND_RATIO`` ("56 containers" of hazardous
    material beside "4,700 containers" on board) are never joined by one line."""
    values: dict[tuple[str, str, str], list[float]] = {}
    for e in entries:
        values.setdefault(series_key(e), []).append(abs(e.value or 0.0))
    bands: dict[tuple[str, str, str], list[float]] = {}
    for key, found in values.items():
        starts: list[float] = []
        for value in sorted(found):
            if not starts or value > starts[-1] * BAND_RATIO:
                starts.append(value)
        bands[key] = starts
    out = []
    for e in entries:
        key = series_key(e)
        starts = bands[key]
        band = max(i for i, start in enumerate(starts) if abs(e.value or 0.0) >= start) if len(starts) > 1 else -1
        out.append((*key, f"≈{format_number(_two_significant(starts[band]))}" if band >= 0 else ""))
    return out


def _series(order: list[tuple[str, str, str, str]], points: list[dict[str, Any]],
            names: dict[str, str]) -> list[dict[str, Any]]:
    """One line per series through its points in date order, with its legend words
    (``names``: the measure as written, by its lower-cased key)."""
    out = []
    for index, (key, unit, scope, band) in enumerate(order):
        obj = names.get(key, key)
        mine = sorted((p for p in points if p["series"] == index), key=lambda p: p["x"])
        name = " ".join(part for part in (band, unit if unit not in ("", "percent") else "", obj or "(no object)")
                        if part)
        out.append({"name": name + (f" · {scope}" if scope else ""), "colour": SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    "path": " ".join(f"{p['x']},{p['y']}" for p in mine), "points": len(mine),
                    "disputed": sum(1 for p in mine if p["disputed"])})
    return out


def render_timeline(entries: Sequence[TimelineEntry], query: str, fmt: str) -> str:
    """Render a timeline as ``json``, ``csv`` or ``html``."""
    if fmt == "json":
        return json.dumps(timeline_to_dicts(entries), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(entries)
    if fmt == "html":
        chart = chart_points(entries)
        return _env.get_template("timeline.html.j2").render(
            query=query, entries=entries, chart=chart, width=WIDTH, height=HEIGHT, format_number=format_number,
            qualifier_words=QUALIFIER_WORDS,
            plot_bottom=HEIGHT - MARGIN_BOTTOM, plot_left=MARGIN_LEFT, plot_right=WIDTH - MARGIN_RIGHT,
        )
    raise ConfigError(f"unknown timeline format {fmt!r}; use one of {', '.join(TIMELINE_FORMATS)}")


def chart_context(entries: Sequence[TimelineEntry]) -> dict[str, Any]:
    """What a page needs to draw the chart of ``entries``: the points and the geometry."""
    return {"chart": chart_points(entries), "width": WIDTH, "height": HEIGHT, "plot_bottom": HEIGHT - MARGIN_BOTTOM,
            "plot_left": MARGIN_LEFT, "plot_right": WIDTH - MARGIN_RIGHT}
