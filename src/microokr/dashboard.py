"""The dashboard model that `status`, `report` and `site` share: rows, warnings, team load.

Pure: `build_dashboard(workspace, today)` reads only the loaded workspace and never the
clock, the disk or the terminal. Every number comes from `progress`; this module picks,
orders and names them. `as_json` is the `status --format json` shape (version 1), so the
text table, the JSON and the static site always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from microokr import progress
from microokr.diagnostics import printable
from microokr.progress import Status

if TYPE_CHECKING:
    from microokr.model import Sprint
    from microokr.workspace import SourceFile, Workspace

STATUS_ORDER = (Status.OVERDUE, Status.ACTIVE, Status.PLANNED, Status.CLOSED)
"""Rows come in this order (what needs attention first), then by window start."""

WARNING_CODES = ("overdue-close", "stale-checkin", "team-over-limit")
DAILY_POINTS = 400
"""A trajectory has one point per day up to this many days; longer windows are sampled."""


@dataclass(frozen=True)
class DashboardWarning:
    code: str
    message: str


@dataclass(frozen=True)
class KrRow:
    standing: progress.KrStanding

    @property
    def id(self) -> str:
        return self.standing.key_result.id


@dataclass(frozen=True)
class SprintRow:
    source: SourceFile
    sprint: Sprint
    status: Status
    days_left: int | None
    """None once closed; negative when overdue."""
    key_results: tuple[KrRow, ...]
    last_checkin: dt.date | None
    last_checkin_age_days: int | None
    confidence: str | None
    """The team's own call at its latest check-in that gave one (on-track, at-risk, ...)."""
    warnings: tuple[DashboardWarning, ...]

    @property
    def id(self) -> str:
        return self.sprint.id


@dataclass(frozen=True)
class TeamLoad:
    id: str
    name: str | None
    sprints: tuple[str, ...]
    """Ids of the sprints counting against the team's limit today."""
    limit: int = progress.ACTIVE_LIMIT

    @property
    def active(self) -> int:
        return len(self.sprints)

    @property
    def over_limit(self) -> bool:
        return self.active > self.limit


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    sprints: tuple[SprintRow, ...]
    teams: tuple[TeamLoad, ...]
    unreadable: tuple[str, ...] = field(default=())


def known_teams(workspace: Workspace) -> list[str]:
    """The registry's team ids, then any team a sprint names that the registry lacks."""
    teams = dict.fromkeys(workspace.teams or {})
    for _source, sprint in workspace.sprints():
        teams.update(dict.fromkeys(sprint.owner.teams))
    return list(teams)


def latest_confidence(sprint: Sprint) -> str | None:
    """The confidence of the latest check-in that recorded one."""
    dated = [c for c in sprint.checkins if c.confidence is not None]
    if not dated:
        return None
    value = max(dated, key=lambda c: c.date).confidence
    return None if value is None else value.value


def build_dashboard(
    workspace: Workspace,
    today: dt.date,
    *,
    team: str | None = None,
    status_filter: str | None = None,
) -> Dashboard:
    """Every readable sprint as a row (ordered by attention), and each team's load."""
    sprints = list(workspace.sprints())
    load = progress.active_sprints_by_team([sprint for _, sprint in sprints], today)
    over_limit = progress.teams_over_limit(load)
    rows: list[SprintRow] = []
    for source, sprint in sprints:
        state = progress.status(sprint, today)
        if status_filter is not None and state.value != status_filter:
            continue
        if team is not None and team not in sprint.owner.teams:
            continue
        rows.append(_row(source, sprint, state, today, over_limit, load))
    rows.sort(key=_row_order)
    registry = workspace.teams or {}
    teams = tuple(
        TeamLoad(name, getattr(registry.get(name), "name", None), tuple(load.get(name, [])))
        for name in known_teams(workspace)
        if team is None or name == team
    )
    unreadable = tuple(s.rel for s in workspace.sprint_files if s.model is None)
    return Dashboard(today, tuple(rows), teams, unreadable)


def _row(
    source: SourceFile,
    sprint: Sprint,
    state: Status,
    today: dt.date,
    over_limit: set[str],
    load: dict[str, list[str]],
) -> SprintRow:
    last = progress.last_checkin(sprint)
    return SprintRow(
        source=source,
        sprint=sprint,
        status=state,
        days_left=None if state is Status.CLOSED else progress.days_left(sprint, today),
        key_results=tuple(KrRow(s) for s in progress.kr_standings(sprint, today)),
        last_checkin=last.date if last else None,
        last_checkin_age_days=progress.checkin_age(sprint, today),
        confidence=latest_confidence(sprint),
        warnings=tuple(warnings(sprint, today, over_limit, load)),
    )


def _row_order(row: SprintRow) -> tuple[int, dt.date, str]:
    return (STATUS_ORDER.index(row.status), row.sprint.window.start, row.id)


def warnings(
    sprint: Sprint, today: dt.date, over_limit: set[str], load: dict[str, list[str]]
) -> list[DashboardWarning]:
    """Overdue closes, stale check-ins and the teams over the limit this sprint counts for."""
    found = []
    state = progress.status(sprint, today)
    if state is Status.OVERDUE:
        days = -progress.days_left(sprint, today)
        found.append(
            DashboardWarning("overdue-close", f"close overdue by {days}d: hold the Sprint Close")
        )
    if progress.checkin_stale(sprint, today):
        age = progress.checkin_age(sprint, today)
        every = sprint.cadence.every.value if sprint.cadence else ""
        since = f"no check-in for {age}d" if age is not None else "no check-in yet"
        found.append(DashboardWarning("stale-checkin", f"{since} ({every} cadence)"))
    if progress.counts_today(sprint, today):
        for team in sprint.owner.teams:
            if team in over_limit:
                count = len(load[team])
                message = f"{team}: {count} active, limit {progress.ACTIVE_LIMIT}"
                found.append(DashboardWarning("team-over-limit", message))
    return found


# ── The trajectory on a daily axis ─────────────────────────────────────────────


@dataclass(frozen=True)
class DailyTrajectory:
    """KR progress on every day from the window's start to the last known day.

    `progress[kr]` carries each value forward from the day it was recorded (the
    baseline on the first day); `recorded[i]` says whether day i had a reading
    (the start, a check-in or the close), so a chart can mark real points.
    """

    days: tuple[dt.date, ...]
    expected: tuple[float, ...]
    progress: dict[str, tuple[float | None, ...]]
    recorded: tuple[bool, ...]


def trajectory_end(
    sprint: Sprint, today: dt.date, points: list[progress.TrajectoryPoint] | None = None
) -> dt.date:
    """The last day a trajectory shows: the close, else today (within the window)."""
    points = progress.trajectory(sprint) if points is None else points
    last_point = points[-1].date if points else sprint.window.start
    if sprint.close is not None:
        return max(sprint.close.date, last_point)
    return max(min(today, sprint.window.end), last_point)


def daily_trajectory(
    sprint: Sprint, today: dt.date, points: list[progress.TrajectoryPoint] | None = None
) -> DailyTrajectory:
    """`progress.trajectory` spread over a true daily axis (sampled past DAILY_POINTS days)."""
    points = progress.trajectory(sprint) if points is None else points
    start = sprint.window.start
    end = trajectory_end(sprint, today, points)
    total = max(0, (end - start).days)
    step = max(1, -(-total // DAILY_POINTS))
    offsets = list(range(0, total + 1, step))
    if offsets[-1] != total:
        offsets.append(total)
    ids = [kr.id for kr in sprint.key_results]
    current: dict[str, float | None] = dict.fromkeys(ids)
    series: dict[str, list[float | None]] = {kr_id: [] for kr_id in ids}
    ordered = sorted(points, key=lambda p: p.date)
    next_point = 0
    days: list[dt.date] = []
    recorded: list[bool] = []
    for offset in offsets:
        day = start + dt.timedelta(days=offset)
        seen = False
        # Every reading up to this day (sampled axes fold the skipped days in).
        while next_point < len(ordered) and ordered[next_point].date <= day:
            for kr_id, value in ordered[next_point].progress.items():
                if value is not None:
                    current[kr_id] = value
            seen = True
            next_point += 1
        days.append(day)
        recorded.append(seen)
        for kr_id in ids:
            series[kr_id].append(current[kr_id])
    return DailyTrajectory(
        days=tuple(days),
        expected=tuple(progress.expected_progress(sprint, day) for day in days),
        progress={kr_id: tuple(values) for kr_id, values in series.items()},
        recorded=tuple(recorded),
    )


# ── The JSON of `status --format json` ─────────────────────────────────────────


def as_json(dashboard: Dashboard) -> dict[str, Any]:
    """The status JSON, version 1 (see `commands/status.py` for the shape)."""
    return {
        "version": 1,
        "today": dashboard.today.isoformat(),
        "sprints": [row_json(row) for row in dashboard.sprints],
        "teams": [
            {
                "id": team.id,
                "name": team.name,
                "active": team.active,
                "limit": team.limit,
                "over_limit": team.over_limit,
                "sprints": list(team.sprints),
            }
            for team in dashboard.teams
        ],
        "unreadable": [printable(path) for path in dashboard.unreadable],
    }


def row_json(row: SprintRow) -> dict[str, Any]:
    sprint = row.sprint
    return {
        "id": sprint.id,
        "path": printable(row.source.rel),  # a name that is not UTF-8: \xff
        "status": row.status.value,
        "teams": list(sprint.owner.teams),
        "lead": sprint.owner.lead,
        "window": {
            "start": sprint.window.start.isoformat(),
            "end": sprint.window.end.isoformat(),
        },
        "days_left": row.days_left,
        "key_results": [
            {
                "id": kr.id,
                "unit": kr.standing.key_result.unit,
                "value": kr.standing.value,
                "progress": kr.standing.progress,
                "score": kr.standing.score,
                "pace": kr.standing.pace.value if kr.standing.pace else None,
                "outcome": kr.standing.outcome.value,
            }
            for kr in row.key_results
        ],
        "closed_on": sprint.close.date.isoformat() if sprint.close else None,
        "last_checkin": row.last_checkin.isoformat() if row.last_checkin else None,
        "last_checkin_age_days": row.last_checkin_age_days,
        "confidence": row.confidence,
        "warnings": [{"code": w.code, "message": w.message} for w in row.warnings],
    }
