"""The integrated plan as an inline SVG gantt: a lane per team on a true time axis.

Drawn from `sprint.plan` (site/plan.py), the spans the report's mermaid gantt uses: a bar
per initiative from when it can start to its due date, a diamond at the due date of a
milestone, an arrow from each prerequisite's end to its dependent's start, the window
shaded and today marked when it falls on the axis. Status is told by shape and by a word
(solid: done, striped: blocked, dashed outline: late, hollow: open), never by colour
alone. No `url(...)` references (markers, patterns): every mark is drawn where it is,
and all text goes through `printable` and `markupsafe.escape`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup, escape

from microokr.diagnostics import printable
from microokr.site.chart import day_ticks, px

WIDTH = 640
LABEL_W, STATE_W, RIGHT = 170, 58, 10
TOP, LANE_HEAD, ROW, BOTTOM = 34, 18, 24, 28
BAR_H = 14
LABEL_CHARS = 26


def _text(value: str) -> str:
    return str(escape(printable(value)))


def _short(value: str, limit: int = LABEL_CHARS) -> str:
    flat = " ".join(printable(value).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def plan_svg(sprint: dict[str, Any], today: str, chart_id: str = "gantt") -> Markup:
    """The gantt of `sprint["plan"]`; empty when the sprint has no scheduled plan."""
    plan = sprint["plan"]
    if not plan or not plan["scheduled"] or not plan["items"]:
        return Markup("")
    first = dt.date.fromisoformat(plan["axis"]["start"])
    last = dt.date.fromisoformat(plan["axis"]["end"])
    span = max(1, (last - first).days)
    plot_w = WIDTH - LABEL_W - STATE_W - RIGHT

    def x(day: str | dt.date) -> float:
        when = dt.date.fromisoformat(day) if isinstance(day, str) else day
        return LABEL_W + plot_w * (when - first).days / span

    lanes: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for item in plan["items"]:
        if not lanes or lanes[-1][0] != item["team"]:
            lanes.append((item["team"], []))
        lanes[-1][1].append(item)
    bottom = TOP + sum(LANE_HEAD + ROW * len(items) for _, items in lanes)
    height = bottom + BOTTOM
    window = sprint["window"]
    out = [
        f'<svg class="chart plan" id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">Integrated plan of {_text(sprint["id"])}</title>',
        f'<desc id="{chart_id}-desc">A lane per team from {first} to {last}; a bar runs '
        "from when an initiative can start (the window's start, or when what it depends on "
        "is due) to its due date; arrows go from a prerequisite to what waits for it; "
        "diamonds are milestones; a tick marks the day a check-in marked one done. Solid bars "
        "are done, striped blocked, dashed late, hollow open. The table below holds the "
        "same plan.</desc>",
    ]
    rows: dict[int, tuple[float, float, float]] = {}  # index -> (bar start x, end x, mid y)
    items_out = []
    top = TOP
    for number, (team, items) in enumerate(lanes):
        lane_h = LANE_HEAD + ROW * len(items)
        out.append(
            f'<g class="lane{" odd" * (number % 2)}"><rect x="0" y="{top}" width="{WIDTH}" '
            f'height="{lane_h}"/><text class="lane-name" x="4" y="{top + 13}">'
            f"{_text(_short(team['name'] or team['id'] or 'Unassigned', 40))}</text></g>"
        )
        top += LANE_HEAD
        for item in items:
            items_out.append(_item(item, chart_id, top, x))
            start, end = x(item["start"]), x(item["end"])
            rows[item["index"]] = (start, end, top + ROW / 2)
            top += ROW
    # Drawn over the lanes' backgrounds, under the bars.
    out += [
        f'<rect class="window" x="{px(x(window["start"]))}" y="{TOP}" '
        f'width="{px(x(window["end"]) - x(window["start"]))}" height="{bottom - TOP}"/>',
        f'<text class="tick" x="{px(x(window["start"]))}" y="12">window {window["start"]} '
        f"→ {window['end']}</text>",
    ]
    for day in day_ticks(first, last):
        out.append(
            f'<line class="grid" x1="{px(x(day))}" x2="{px(x(day))}" y1="{TOP}" '
            f'y2="{bottom}"/><text class="tick" x="{px(x(day))}" y="{bottom + 16}" '
            f'text-anchor="middle">{day:%m-%d}</text>'
        )
    out += items_out
    for arrow in plan["arrows"]:
        x1, y1 = rows[arrow["from"]][1], rows[arrow["from"]][2]
        x2, y2 = rows[arrow["to"]][0], rows[arrow["to"]][2]
        bend = 18
        out.append(
            f'<g class="dep" data-from="{chart_id}-i{arrow["from"] + 1}" '
            f'data-to="{chart_id}-i{arrow["to"] + 1}"><path d="M{px(x1)},{px(y1)} '
            f'C{px(x1 + bend)},{px(y1)} {px(x2 - bend)},{px(y2)} {px(x2)},{px(y2)}"/>'
            f'<polygon points="{px(x2)},{px(y2)} {px(x2 - 6)},{px(y2 - 3.5)} '
            f'{px(x2 - 6)},{px(y2 + 3.5)}"/></g>'
        )
    day = dt.date.fromisoformat(today)
    if first <= day <= last:
        out.append(
            f'<g class="today"><line x1="{px(x(day))}" x2="{px(x(day))}" y1="{TOP - 12}" '
            f'y2="{bottom}"/><text x="{px(x(day) + 3)}" y="{TOP - 4}">today {day:%m-%d}'
            "</text></g>"
        )
    out.append("</svg>")
    return Markup("\n".join(out))


def _item(item: dict[str, Any], chart_id: str, top: float, x: Any) -> str:
    status = item["status"]
    start, end = x(item["start"]), x(item["end"])
    width = max(2.0, end - start)
    bar_y = top + (ROW - BAR_H) / 2
    label = item["id"] or item["action"]
    depends = ", ".join(item["depends_on"]) or "nothing"
    title = (
        f"{item['id'] + ': ' if item['id'] else ''}{item['action']} ({status_line(item)}; "
        f"{item['start']} to {item['end']}; depends on {depends})"
    )
    parts = [
        f'<g class="item {status}" id="{chart_id}-i{item["index"] + 1}" '
        f'data-status="{status}"><title>{_text(title)}</title>',
        f'<text class="tick" x="{LABEL_W - 6}" y="{px(top + 16)}" text-anchor="end">'
        f"{_text(_short(label))}</text>",
        f'<rect class="task" x="{px(start)}" y="{px(bar_y)}" width="{px(width)}" '
        f'height="{BAR_H}"/>',
    ]
    if status == "blocked":  # stripes: blocked is told by shape, not by its red alone
        stripes = " ".join(
            f"M{px(stripe)},{px(bar_y)}v{BAR_H}"
            for stripe in _range(start + 3, start + width - 1, 5)
        )
        if stripes:
            parts.append(f'<path class="stripes" d="{stripes}"/>')
    if item["done_on"]:  # the day a check-in marked it done: a late finish shows
        parts.append(
            f'<path class="done-on" d="M{px(x(item["done_on"]))},{px(bar_y - 3)}'
            f'v{BAR_H + 6}"><title>done {item["done_on"]}</title></path>'
        )
    if item["milestone"]:
        mid, r = top + ROW / 2, 7
        parts.append(
            f'<polygon class="milestone" points="{px(end)},{px(mid - r)} {px(end + r)},'
            f'{px(mid)} {px(end)},{px(mid + r)} {px(end - r)},{px(mid)}"/>'
        )
    parts.append(
        f'<text class="state" x="{WIDTH - STATE_W - RIGHT + 12}" y="{px(top + 16)}">'
        f"{status}</text></g>"
    )
    return "".join(parts)


def status_line(item: dict[str, Any]) -> str:
    """The status as the table says it, with "milestone" when it is one."""
    words: str = item["status_text"]
    return f"milestone, {words}" if item["milestone"] else words


def _range(low: float, high: float, step: float) -> list[float]:
    values: list[float] = []
    while low <= high and len(values) < 200:
        values.append(low)
        low += step
    return values
