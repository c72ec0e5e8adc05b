"""`microokr status`: the workspace dashboard, as text for the terminal's width or as JSON.

One row per sprint (status, teams, days left, a progress bar and pace per KR, last
check-in age and the team's own confidence, warnings) and one line per team with its
active count against the limit of 2. The text (`status_text`) and the JSON come from
one model (`dashboard.py`, which `report` and `site` also read), so they always agree.

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
                  "confidence": "at-risk",       # the latest check-in's own call, or null
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
from microokr.gcpause import gc_paused

if TYPE_CHECKING:
    from microokr.workspace import Workspace

FORMATS = ("text", "json")
STATUS_ORDER = ("overdue", "active", "planned", "closed")
"""`dashboard.STATUS_ORDER` by value, spelled out so `--help` needs no pydantic import."""


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
    # Everything is also dropped inside the pause: objects still alive when it ends all
    # sit in the youngest generation, and the collector's first pass walked every one
    # of them (0.3 s on 10,000 sprints); freed here, reference counting alone does it.
    with gc_paused():
        data = _dashboard(ctx, day, team, status_filter)
        if output_format == "json":
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            print_text(ctx, data)
        del data
    return 0


def _dashboard(
    ctx: typer.Context, day: dt.date, team: str | None, status_filter: str | None
) -> dict[str, Any]:
    """The status data; the workspace it is built from is freed when this returns."""
    workspace = _open_cached(ctx)
    if team is not None:
        _check_team(workspace, team)
    return build_status(workspace, day, team=team, status_filter=status_filter)


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


def bar(score: float) -> str:
    """The KR progress bar (kept here for callers of the command module)."""
    from microokr.status_text import bar as draw

    return draw(score)


def print_text(ctx: typer.Context, data: dict[str, Any]) -> None:
    """The table for the terminal's width; plain text when there is no colour to show."""
    import sys

    from microokr.status_text import render_lines, render_plain

    out = console(ctx)
    if out.no_color or not out.is_terminal:
        sys.stdout.write(render_plain(data, out.width))  # no rich Text: same characters
        sys.stdout.flush()
        return
    for line in render_lines(data, out.width):
        out.print(line, soft_wrap=True)
