"""Render the whole site in memory: {relative path: bytes}, the same bytes for one `today`.

Pages: `index.html`, `sprints/<id>.html`, `okrs/<file>.html`, `teams/<team>.html`,
`data.json`, `style.css` and `sort.js` (sorts tables; every page reads the same without
it). Links between them are relative, so the site works from `file://`, from a Pages
sub-path and offline; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from microokr.dashboard import build_dashboard
from microokr.diagnostics import printable
from microokr.formatting import percent, signed, with_unit
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
from microokr.site.history import add_history
from microokr.site.names import Names, relative
from microokr.site.plan_chart import plan_svg

if TYPE_CHECKING:
    import jinja2

    from microokr.history.overview import HistoryOverview
    from microokr.workspace import Workspace

STYLESHEET = "style.css"
SORT_SCRIPT = "sort.js"
DATA = "data.json"


@dataclass(frozen=True)
class Site:
    files: Iterator[tuple[str, bytes]]
    """(relative path, bytes), rendered one at a time as they are taken."""
    pages: dict[str, int]
    """How many pages of each kind (index, sprints, okrs, teams)."""


def build_site_files(
    workspace: Workspace,
    today: dt.date,
    *,
    base_url: str | None = None,
    history: HistoryOverview | None = None,
) -> dict[str, bytes]:
    """The whole site in memory (tests, snapshots); `microokr site` streams instead."""
    return dict(build_site(workspace, today, base_url=base_url, history=history).files)


def _finalize(value: Any) -> Any:
    # Every {{ value }} passes here before autoescaping: control characters become
    # visible escapes, and None shows as an em dash instead of "None".
    if value.__class__ is str:
        return printable(value)
    return "—" if value is None else value


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
        auto_reload=False,  # the package's templates do not change while a site is built
    )
    env.filters["num"] = number
    env.filters["pct"] = percent
    env.filters["signed"] = signed
    env.filters["paragraphs"] = paragraphs
    env.filters["label"] = lambda text: str(text).replace("-", " ")
    env.filters["plan_svg"] = plan_svg
    return env


def number(value: float | None, unit: str | None = None) -> str:
    """The `num` filter: a value as the CLI and the report show it, with its unit."""
    return with_unit(value, unit)


def build_site(
    workspace: Workspace,
    today: dt.date,
    *,
    base_url: str | None = None,
    history: HistoryOverview | None = None,
) -> Site:
    """The site of `workspace` on `today`; `history` is what git said of its sprints
    (`microokr.history.overview.workspace_recalibrations`; None: not read)."""
    from microokr.history.overview import NOT_READ

    board = build_dashboard(workspace, today)
    sprint_names, team_names, okr_names = Names("sprints"), Names("teams"), Names("okrs")
    okr_sources = [source for source in workspace.okr_files if source.model is not None]
    okr_pages = {source.rel: okr_names(source.rel, _stem(source.rel)) for source in okr_sources}
    sprints: dict[str, dict[str, Any]] = {}
    for row in board.sprints:
        page = sprint_names(row.source.rel, row.id)
        sprints[row.source.rel] = sprint_data(
            row, workspace, today, page=page, team_page=team_names, okr_page=okr_pages.get
        )
    models = {row.source.rel: row.sprint for row in board.sprints}
    past = add_history(sprints, models, history if history is not None else NOT_READ)
    by_anchor: dict[str, list[dict[str, Any]]] = {}
    for sprint in sprints.values():
        if sprint["anchor"] and sprint["anchor"]["found"]:
            by_anchor.setdefault(sprint["anchor"]["kr"], []).append(sprint)
    okrs = [okr_data(source, by_anchor, page=okr_pages[source.rel]) for source in okr_sources]
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
        "history": past,
    }
    kinds = {"index": 1, "sprints": len(sprints), "okrs": len(okrs), "teams": len(teams)}
    return Site(_render_all(data, sprints, owned_by, board.unreadable), kinds)


def _render_all(
    data: dict[str, Any],
    sprints: dict[str, dict[str, Any]],
    owned_by: dict[str, list[dict[str, Any]]],
    unreadable: tuple[str, ...],
) -> Iterator[tuple[str, bytes]]:
    env = environment()
    common = {
        "today": data["today"],
        "base_url": data["base_url"],
        "okrs": data["okrs"],
        "teams": data["teams"],
    }

    templates = {
        name: env.get_template(name)
        for name in ("index.html.j2", "sprint.html.j2", "okr.html.j2", "team.html.j2")
    }

    def render(path: str, template: str, **context: Any) -> tuple[str, bytes]:
        # Links are `root` + a site-relative path: "../" per folder level of this page
        # (a plain string, not a function: a call per link is costly in a template).
        root = relative(path, "")
        text = templates[template].render(page=path, root=root, **common, **context)
        return path, text.encode("utf-8")

    yield render(
        "index.html",
        "index.html.j2",
        index=data["index"],
        sprints=sprints,
        warnings=data["warnings"],
        unreadable=unreadable,
    )
    for sprint in sprints.values():
        yield render(
            sprint["page"],
            "sprint.html.j2",
            sprint=sprint,
            svg=_trajectory_svg(sprint),
            numbers=_trajectory_table(sprint),
            timeline=_checkin_timeline(sprint),
            history=data["history"],
        )
    for okr in data["okrs"]:
        yield render(okr["page"], "okr.html.j2", okr=okr)
    for team in data["teams"]:
        owned = owned_by.get(team["id"], [])
        yield render(team["page"], "team.html.j2", team=team, owned=owned, svg=_timeline_svg(owned))
    yield STYLESHEET, env.get_template(STYLESHEET).render().encode("utf-8")
    yield SORT_SCRIPT, _package_file(SORT_SCRIPT)
    # Compact, so the C encoder runs (an indent selects the pure-Python one, 10x slower).
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    yield DATA, (text + "\n").encode("utf-8")


def _package_file(name: str) -> bytes:
    # Written as it is: a script is no template, and braces in it must not be read as one.
    from importlib.resources import files

    return files("microokr.site").joinpath("templates", name).read_bytes()


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


def _trajectory_table(sprint: dict[str, Any]) -> Markup:
    """The chart's numbers by day, built here: a template loop over every cell of a
    window's days is most of a sprint page's rendering time on a large workspace."""
    series = sprint["trajectory"]
    if series is None:
        return Markup("")
    ids = [kr["id"] for kr in sprint["key_results"]]
    head = "".join(f'<th scope="col"><code>{escape(kr_id)}</code></th>' for kr_id in ids)
    rows = []
    for i, day in enumerate(series["days"]):
        cells = "".join(
            f'<td class="num">{percent(series["progress"][kr_id][i])}</td>' for kr_id in ids
        )
        reading = "yes" if series["recorded"][i] else "—"
        rows.append(
            f'<tr><th scope="row">{escape(day)}</th><td>{reading}</td>'
            f'<td class="num">{percent(series["expected"][i])}</td>{cells}</tr>'
        )
    return Markup(
        '<div class="scroll"><table>\n<thead><tr><th scope="col">Date</th>'
        f'<th scope="col">Reading</th><th scope="col">Expected</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n"
    )


_CONFIDENCE = {"on-track": "on track", "at-risk": "at risk", "off-track": "off track"}


def _checkin_timeline(sprint: dict[str, Any]) -> Markup:
    """The check-in timeline, built here for the same reason as `_trajectory_table`;
    every piece of user text goes through `text` (printable, then HTML-escaped)."""
    krs = [(kr["id"], kr["unit"]) for kr in sprint["key_results"]]
    items = []
    for checkin in sprint["checkins"]:
        head = f'<time datetime="{checkin["date"]}">{checkin["date"]}</time>'
        if checkin["confidence"]:
            word = _CONFIDENCE.get(checkin["confidence"], checkin["confidence"])
            head += f' <span class="verdict {word.replace(" ", "-")}">{text(word)}</span>'
        values = " · ".join(
            f"<code>{text(kr_id)}</code> {text(number(checkin['values'].get(kr_id), unit))}"
            for kr_id, unit in krs
        )
        if checkin["anchor"] is not None:
            values += f" · anchor {number(checkin['anchor'])}"
        parts = [f"<li><h3>{head}</h3>", f'<p class="nums">{values}</p>']
        parts += [
            f'<p class="blocker">Blocker: {text(b["what"])} — owner: {text(b["owner"])}</p>'
            for b in checkin["blockers"]
        ]
        if checkin["note"]:
            parts.append(f'<p class="note">{text(checkin["note"])}</p>')
        items.append("\n".join(parts) + "\n</li>")
    return Markup('<ol class="timeline">\n' + "\n".join(items) + "\n</ol>")


def text(value: str) -> str:
    """User text for HTML built outside a template: control characters shown, escaped."""
    return str(escape(printable(value)))


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
