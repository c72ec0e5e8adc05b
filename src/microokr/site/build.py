"""Render the whole site in memory: {relative path: bytes}, the same bytes for one `today`.

Pages: `index.html`, `sprints/<id>.html`, `okrs/<file>.html`, `teams/<team>.html`,
`data.json` and `style.css`. Links between them are relative, so the site works from
`file://`, from a Pages sub-path and offline; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from microokr.dashboard import build_dashboard
from microokr.diagnostics import printable
from microokr.site import chart
from microokr.site.data import (
    VERSION,
    index_data,
    okr_data,
    paragraphs,
    sprint_data,
    team_data,
    warnings_of,
)
from microokr.site.names import Names, relative

if TYPE_CHECKING:
    import jinja2

    from microokr.workspace import Workspace

STYLESHEET = "style.css"
DATA = "data.json"


@dataclass(frozen=True)
class Site:
    files: dict[str, bytes]
    pages: dict[str, int]
    """How many pages of each kind (index, sprints, okrs, teams)."""


def _finalize(value: Any) -> Any:
    # Every {{ value }} passes here before autoescaping: control characters become
    # visible escapes, and None shows as an em dash instead of "None".
    if value is None:
        return "—"
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("microokr.site", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = number
    env.filters["pct"] = percent
    env.filters["signed"] = signed
    env.filters["paragraphs"] = paragraphs
    env.filters["label"] = lambda text: str(text).replace("-", " ")
    return env


def number(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return "—"
    text = str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else f"{value:.4g}"
    if "." in text and "e" not in text:
        text = f"{value:.4f}".rstrip("0").rstrip(".")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def signed(value: float | None, unit: str | None = None) -> str:
    text = number(value, unit)
    return f"+{text}" if value is not None and value > 0 else text


def percent(share: float | None) -> str:
    if share is None:
        return "—"
    return f"{round(max(-1e6, min(1e6, share)) * 100)}%"


def build_site(workspace: Workspace, today: dt.date, *, base_url: str | None = None) -> Site:
    board = build_dashboard(workspace, today)
    sprint_names, team_names, okr_names = Names("sprints"), Names("teams"), Names("okrs")
    sprints: dict[str, dict[str, Any]] = {}
    for row in board.sprints:
        page = sprint_names(row.source.rel, row.id)
        sprints[row.source.rel] = sprint_data(
            row, workspace, today, page=page, team_page=team_names
        )
    by_anchor: dict[str, list[dict[str, Any]]] = {}
    for sprint in sprints.values():
        if sprint["anchor"] and sprint["anchor"]["found"]:
            by_anchor.setdefault(sprint["anchor"]["kr"], []).append(sprint)
    okrs = [
        okr_data(source, by_anchor, page=okr_names(source.rel, _stem(source.rel)))
        for source in workspace.okr_files
        if source.model is not None
    ]
    registry = workspace.teams or {}
    owned_by: dict[str, list[dict[str, Any]]] = {}
    for sprint in sprints.values():
        for ref in sprint["teams"]:
            owned_by.setdefault(ref["id"], []).append(sprint)
    teams: list[dict[str, Any]] = []
    for load in board.teams:
        owned = owned_by.get(load.id, [])
        team: dict[str, Any] = {
            "id": load.id,
            "name": load.name,
            "active": load.active,
            "limit": load.limit,
            "over_limit": load.over_limit,
            "sprints": list(load.sprints),
        }
        lead = getattr(registry.get(load.id), "lead", None)
        teams.append(team_data(team, owned, page=team_names(load.id), lead=lead))
    index = index_data(board, sprints)
    warnings = warnings_of(sprints)
    data = {
        "version": VERSION,
        "today": today.isoformat(),
        "base_url": base_url,
        "index": index,
        "sprints": list(sprints.values()),
        "okrs": okrs,
        "teams": teams,
        "warnings": warnings,
        "unreadable": list(board.unreadable),
    }
    env = environment()
    common = {"today": today.isoformat(), "base_url": base_url, "okrs": okrs, "teams": teams}
    files: dict[str, bytes] = {}

    def render(path: str, template: str, **context: Any) -> None:
        def link(target: str | None) -> str:
            return relative(path, target) if target else ""

        text = env.get_template(template).render(page=path, link=link, **common, **context)
        files[path] = text.encode("utf-8")

    render(
        "index.html",
        "index.html.j2",
        index=index,
        sprints=sprints,
        warnings=warnings,
        unreadable=board.unreadable,
    )
    for sprint in sprints.values():
        render(sprint["page"], "sprint.html.j2", sprint=sprint, svg=_trajectory_svg(sprint))
    for okr in okrs:
        render(okr["page"], "okr.html.j2", okr=okr)
    for team in teams:
        owned = owned_by.get(team["id"], [])
        render(team["page"], "team.html.j2", team=team, owned=owned, svg=_timeline_svg(owned))
    files[STYLESHEET] = env.get_template(STYLESHEET).render().encode("utf-8")
    files[DATA] = (json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n").encode()
    kinds = {"index": 1, "sprints": len(sprints), "okrs": len(okrs), "teams": len(teams)}
    return Site(files, kinds)


def _stem(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _trajectory_svg(sprint: dict[str, Any]) -> Markup:
    series = sprint["trajectory"]
    if series is None:
        return Markup("")
    days = [dt.date.fromisoformat(d) for d in series["days"]]
    expected = [(day, share * 100) for day, share in zip(days, series["expected"], strict=True)]
    lines = []
    for kr in sprint["key_results"]:
        values = series["progress"][kr["id"]]
        points = tuple(
            (day, value * 100)
            for day, value, seen in zip(days, values, series["recorded"], strict=True)
            if seen and value is not None
        )
        lines.append(chart.Line(kr["id"], points))
    title = f"Trajectory of {sprint['id']}: KR progress against the expected line"
    return chart.trajectory_svg("trajectory", title, days[0], days[-1], expected, lines)


def _timeline_svg(owned: list[dict[str, Any]]) -> Markup:
    bars = [
        (
            s["id"],
            dt.date.fromisoformat(s["window"]["start"]),
            dt.date.fromisoformat(s["closed_on"] or s["window"]["end"]),
            s["status"],
        )
        for s in sorted(owned, key=lambda s: (s["window"]["start"], s["id"]))
    ]
    return chart.timeline_svg("timeline", "Sprint windows over time", bars)
