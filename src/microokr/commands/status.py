"""`microokr status`: the workspace dashboard, as a table that fits 80 columns or as JSON.

One row per sprint (status, teams, days left, a progress bar per KR, last check-in
age, warnings) and one line per team with its active count against the limit of 2.
The text and the JSON come from one data structure (`build_status`), so they always
agree; every number in it comes from `progress`.

JSON shape, version 1::

    {"version": 1, "today": "2026-11-26",
     "sprints": [{"id": "...", "path": "sprints/....yaml", "status": "active",
                  "teams": ["sales"], "lead": "Priya Raman",   # null when unnamed
                  "window": {"start": "2026-11-16", "end": "2026-11-30"},
                  "days_left": 4,                # null once closed; negative when overdue
                  "key_results": [{"id": "...", "unit": "%", "value": 16,
                                   "progress": 0.667, "score": 0.667,
                                   "pace": "on track",     # null without a value
                                   "outcome": "partly"}],  # met | partly | not moved
                  "closed_on": null,             # the close's date once closed
                  "last_checkin": "2026-11-26", "last_checkin_age_days": 0,
                  "warnings": [{"code": "stale-checkin", "message": "..."}]}],
     "teams": [{"id": "sales", "name": "Sales", "active": 1, "limit": 2,
                "over_limit": false, "sprints": ["inbound-spike-conversion"]}],
     "unreadable": ["sprints/broken.yaml"]}

Warning codes: `overdue-close`, `stale-checkin`, `team-over-limit`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from microokr.commands.common import console, resolve_today, workspace_root
from microokr.diagnostics import printable
from microokr.formatting import percent
from microokr.gcpause import gc_paused

if TYPE_CHECKING:
    from rich.console import RenderableType

    from microokr.workspace import Workspace

FORMATS = ("text", "json")
STATUS_ORDER = ("overdue", "active", "planned", "closed")
"""`dashboard.STATUS_ORDER` by value, spelled out so `--help` needs no pydantic import."""

BAR_WIDTH = 8
SPRINT_WIDTH = 16
STATUS_WIDTH = 10
CHECKIN_WIDTH = 8
TAGS_WIDTH = 8
TAG_BY_WARNING = {"overdue-close": "overdue", "stale-checkin": "stale", "team-over-limit": "limit"}
"""The Warnings column holds these short tags; the full messages follow the table."""
_STYLE_BY_VERDICT = {
    "on track": "green",
    "met": "green",
    "at risk": "yellow",
    "partly": "yellow",
    "off track": "red",
    "not moved": "red",
}
_STYLE_BY_STATUS = {"active": "green", "overdue": "bold red", "planned": "cyan", "closed": "dim"}


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(
    ctx: typer.Context,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(FORMATS),
            autocompletion=lambda: list(FORMATS),
            help="text (a table) or json.",
        ),
    ] = "text",
    team: Annotated[
        str | None, typer.Option("--team", help="Only sprints this team owns, and its line.")
    ] = None,
    status_filter: Annotated[
        str | None,
        typer.Option("--status", help="Only sprints with this status: " + ", ".join(STATUS_ORDER)),
    ] = None,
) -> int:
    """Show every sprint's status, KR progress, last check-in and warnings.

    Example: microokr status --team sales --format json
    """
    from microokr.errors import UsageError

    if output_format not in FORMATS:
        raise UsageError(f"--format '{output_format:.40}' is not one of: {', '.join(FORMATS)}")
    if status_filter is not None and status_filter not in STATUS_ORDER:
        raise UsageError(f"--status '{status_filter:.40}' is not one of: {', '.join(STATUS_ORDER)}")
    day = resolve_today(ctx)
    # As in lint: the workspace's millions of objects live to the end of the command,
    # and with the cyclic GC running its passes rescanned them while the rows and the
    # table were built (a third of the CPU of status on 10,000 sprints).
    with gc_paused():
        workspace = _open_cached(ctx)
        if team is not None:
            _check_team(workspace, team)
        data = build_status(workspace, day, team=team, status_filter=status_filter)
        if output_format == "json":
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            out = console(ctx)
            for renderable in render_text(data, out.width):
                out.print(renderable)
    return 0


def _open_cached(ctx: typer.Context) -> Workspace:
    """The workspace, read through lint's cache when there is one (a hit parses no YAML).

    Only read: status never writes the cache (nor anything else). `--no-cache` is
    lint's; MICROOKR_NO_CACHE=1 bypasses the cache here too.
    """
    from microokr.cache import open_cache
    from microokr.workspace import load_workspace

    root = workspace_root(ctx)
    cache = open_cache(root)
    return load_workspace(root, reader=cache.read if cache is not None else None)


def _check_team(workspace: Workspace, team: str) -> None:
    from microokr.errors import UsageError
    from microokr.formatting import did_you_mean

    known = _known_teams(workspace)
    if team not in known:
        hint = did_you_mean(team, known)
        shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
        suffix = f"; {hint}" if hint else f": name one of {shown or 'none'}"
        raise UsageError(f"--team '{team:.60}' is not a team of this workspace{suffix}")


def _known_teams(workspace: Workspace) -> list[str]:
    from microokr.dashboard import known_teams

    return known_teams(workspace)


def build_status(
    workspace: Workspace,
    today: dt.date,
    *,
    team: str | None = None,
    status_filter: str | None = None,
) -> dict[str, Any]:
    """The dashboard as plain data: what `--format json` prints and the table shows."""
    from microokr.dashboard import as_json, build_dashboard

    return as_json(build_dashboard(workspace, today, team=team, status_filter=status_filter))


# ── Text ─────────────────────────────────────────────────────────────────────────


def bar(score: float) -> str:
    """A progress bar of BAR_WIDTH cells in eighths of a block, `░` for the rest."""
    from microokr.formatting import bar as drawn

    return drawn(score, BAR_WIDTH)


def _kr_lines(row: dict[str, Any]) -> RenderableType:
    """One line per KR: bar, percent, id; a narrow terminal cuts the id with an ellipsis."""
    from rich.text import Text

    lines = Text()
    for i, item in enumerate(row["key_results"]):
        if i:
            lines.append("\n")
        verdict = item["outcome"] if row["status"] == "closed" else item["pace"]
        style = _STYLE_BY_VERDICT.get(verdict or "", "") if item["value"] is not None else "dim"
        lines.append(bar(item["score"]), style=style)
        shown = percent(item["progress"])
        lines.append(f" {shown:>4} {item['id']}")
    return lines if row["key_results"] else Text("—", style="dim")


def _when(row: dict[str, Any]) -> str:
    left = row["days_left"]
    if row["status"] == "closed":
        return f"on {dt.date.fromisoformat(row['closed_on']):%m-%d}"
    if row["status"] == "planned":
        start = dt.date.fromisoformat(row["window"]["start"])
        return f"from {start:%m-%d}"
    if left < 0:
        return f"{-left}d over"
    return f"{left}d left"


def render_text(data: dict[str, Any], width: int = 80) -> list[RenderableType]:
    """The table sized to `width` columns: the KR ids get what is left, cut with "…"."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    # Team ids and file names are untrusted: one line each, no control character live.
    from microokr.formatting import one_line as printable

    out: list[RenderableType] = []
    names = [n for row in data["sprints"] for n in (row["id"], *row["teams"])]
    kr_ids = [kr["id"] for row in data["sprints"] for kr in row["key_results"]]
    sprint_needed = max(map(len, names), default=12)
    kr_needed = BAR_WIDTH + 6 + max(map(len, kr_ids), default=0)
    shared = width - (STATUS_WIDTH + CHECKIN_WIDTH + TAGS_WIDTH + 4)
    sprint_width = max(12, min(SPRINT_WIDTH, sprint_needed))
    kr_width = max(BAR_WIDTH + 7, min(kr_needed, shared - sprint_width))
    # Room the KR ids do not need goes to the sprint ids, so they fold less often.
    sprint_width = max(sprint_width, min(sprint_needed, shared - kr_width))
    # No padding: the box's blank column rule is the one-space gap between columns.
    table = Table(box=box.SIMPLE_HEAD, padding=0, show_edge=False)
    table.add_column("Sprint / teams", overflow="fold", width=sprint_width)
    table.add_column("Status", no_wrap=True, width=STATUS_WIDTH)
    table.add_column("Check-in", no_wrap=True, width=CHECKIN_WIDTH)
    table.add_column("KR progress", no_wrap=True, overflow="ellipsis", width=kr_width)
    table.add_column("Warnings", no_wrap=True, width=TAGS_WIDTH)
    notes: list[Text] = []
    for row in data["sprints"]:
        sprint = Text(printable(row["id"]), style="bold")
        for team in row["teams"]:
            sprint.append(f"\n{printable(team)}", style="dim")
        state = Text(row["status"], style=_STYLE_BY_STATUS.get(row["status"], ""))
        state.append(f"\n{_when(row)}", style="dim")
        age = row["last_checkin_age_days"]
        checkin = "—" if age is None else ("today" if age == 0 else f"{age}d ago")
        tags = list(dict.fromkeys(TAG_BY_WARNING[w["code"]] for w in row["warnings"]))
        table.add_row(sprint, state, checkin, _kr_lines(row), Text("\n".join(tags), "yellow"))
        # The limit is explained once, on the team's line below, not once per sprint.
        notes += [
            Text(f"! {printable(row['id'])}: {printable(w['message'])}", "yellow")
            for w in row["warnings"]
            if w["code"] != "team-over-limit"
        ]
    if data["sprints"]:
        out.append(table)
    else:
        out.append(Text("No sprints match.", style="dim"))
    out += notes
    for team in data["teams"]:
        line = Text(f"{printable(team['id'])}: {team['active']} of {team['limit']} active")
        if team["over_limit"]:
            line.append(", over the limit", style="bold red")
        if team["sprints"]:
            line.append(f" ({', '.join(team['sprints'])})", style="dim")
        out.append(line)
    if data["unreadable"]:
        files = ", ".join(printable(path) for path in data["unreadable"])
        out.append(
            Text(f"Not shown, cannot be read: {files} (run 'microokr lint')", style="yellow")
        )
    return out
