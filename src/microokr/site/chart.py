"""Inline SVG charts for the site, drawn by hand: deterministic, accessible, no script.

Each chart is a `role="img"` SVG with a `<title>` and a `<desc>`; the page puts the same
numbers in a `<table>` beside it. The x-axis is time: a reading is drawn at its date,
so a four-day gap is four days wide and the expected line stays straight. All text in
an SVG goes through `markupsafe.escape`; numbers are printed with fixed precision so
the same workspace gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 12, 34
SERIES_CLASSES = 5
"""KR lines cycle through CSS classes `s0`..`s4` (colours live in the stylesheet)."""


def px(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[tuple[dt.date, float], ...]
    """(day, percent) readings; drawn straight between them."""


def trajectory_svg(
    chart_id: str,
    title: str,
    start: dt.date,
    end: dt.date,
    expected: Sequence[tuple[dt.date, float]],
    lines: Sequence[Line],
) -> Markup:
    """KR progress (%) against the expected line on a daily axis from `start` to `end`."""
    span = max(1, (end - start).days)
    # A hostile target can put progress at 1e300 %: draw within ±CLAMP, the table is exact.
    expected = [(d, _clamp(v)) for d, v in expected]
    lines = [Line(line.label, tuple((d, _clamp(v)) for d, v in line.points)) for line in lines]
    values = [v for _, v in expected] + [v for line in lines for _, v in line.points]
    low = min(0.0, min(values, default=0.0))
    high = max(100.0, max(values, default=100.0))
    low, high = _round_down(low), _round_up(high)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        return LEFT + plot_w * min(span, max(0, (day - start).days)) / span

    def y(value: float) -> float:
        return TOP + plot_h * (high - value) / (high - low)

    shown: dict[dt.date, str] = {}  # a day's x, printed once: every line has the same days

    def at(day: dt.date, value: float) -> tuple[str, str]:
        where = shown.get(day)
        if where is None:
            where = shown[day] = px(x(day))
        return where, px(y(value))

    out = [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">Progress to target in percent by day, from {start} '
        f"to {end}; the dashed line is the expected progress. The table below the chart "
        "holds the same numbers.</desc>",
    ]
    for tick in _value_ticks(low, high):
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{px(y(tick))}" '
            f'y2="{px(y(tick))}"/><text class="tick" x="{LEFT - 6}" y="{px(y(tick) + 4)}" '
            f'text-anchor="end">{px(tick)}%</text>'
        )
    for day in day_ticks(start, end):
        out.append(
            f'<text class="tick" x="{px(x(day))}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{day:%m-%d}</text>'
        )
    out.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{px(y(0))}" y2="{px(y(0))}"/>'
    )
    if expected:
        coords = " ".join("{},{}".format(*at(d, v)) for d, v in expected)
        out.append(f'<polyline class="expected" points="{coords}"/>')
    for i, line in enumerate(lines):
        css = f"s{i % SERIES_CLASSES}"
        points = [at(d, v) for d, v in line.points]
        out.append(f'<g class="series {css}"><title>{escape(line.label)}</title>')
        if len(points) > 1:
            out.append(f'<polyline points="{" ".join(f"{a},{b}" for a, b in points)}"/>')
        out.extend(f'<circle cx="{a}" cy="{b}" r="3"/>' for a, b in points)
        out.append("</g>")
    out.append("</svg>")
    return Markup("\n".join(out))


def timeline_svg(
    chart_id: str,
    title: str,
    bars: Sequence[tuple[str, dt.date, dt.date, str]],
) -> Markup:
    """One horizontal bar per (label, start, end, css class) on a shared time axis."""
    if not bars:
        return Markup("")
    first = min(b[1] for b in bars)
    last = max(b[2] for b in bars)
    span = max(1, (last - first).days)
    row = 22
    height = TOP + row * len(bars) + BOTTOM
    label_w = 170
    plot_w = WIDTH - label_w - 3 * RIGHT  # room for the last date label

    def x(day: dt.date) -> float:
        return label_w + plot_w * (day - first).days / span

    out = [
        f'<svg class="chart timeline" id="{chart_id}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for i, (label, start, end, css) in enumerate(bars):
        top = TOP + i * row
        shown = label if len(label) <= 26 else label[:25] + "…"
        width = max(2.0, x(end) - x(start))
        out.append(
            f'<text class="tick" x="{label_w - 6}" y="{top + 14}" text-anchor="end">'
            f"{escape(shown)}</text>"
            f'<rect class="bar {escape(css)}" x="{px(x(start))}" y="{top + 3}" '
            f'width="{px(width)}" height="{row - 8}"><title>{escape(label)}: {start} to '
            f"{end}</title></rect>"
        )
    for day in day_ticks(first, last):
        out.append(
            f'<text class="tick" x="{px(x(day))}" y="{height - BOTTOM + 16}" '
            f'text-anchor="middle">{day:%Y-%m-%d}</text>'
        )
    out.append("</svg>")
    return Markup("\n".join(out))


CLAMP = 400.0


def _clamp(value: float) -> float:
    return max(-CLAMP, min(CLAMP, value))


def _round_down(value: float) -> float:
    return float(int(value // 25) * 25)


def _round_up(value: float) -> float:
    return float(-int(-value // 25) * 25)


def _value_ticks(low: float, high: float) -> list[float]:
    step = 25.0 if high - low <= 200 else float(_round_up((high - low) / 4))
    ticks: list[float] = []
    tick = low
    while tick <= high + 1e-9 and len(ticks) < 12:
        ticks.append(tick)
        tick += step
    return ticks


def day_ticks(start: dt.date, end: dt.date, count: int = 5) -> list[dt.date]:
    span = (end - start).days
    if span <= 0:
        return [start]
    steps = min(count - 1, span)
    return sorted({start + dt.timedelta(days=round(span * i / steps)) for i in range(steps + 1)})
