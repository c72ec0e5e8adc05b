"""The site's data, as plain JSON-ready values: what the pages show and `data.json` holds.

One function per thing the site shows (a sprint, an OKR file, a team, the index), each
built from the dashboard model and `progress`; the templates only lay these out, so the
pages and `data.json` (version 1, `schemas/site-data.schema.json`) cannot disagree.
Pure: `today` is an argument, nothing here reads the clock or the disk.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from microokr import progress
from microokr.dashboard import Dashboard, SprintRow, daily_trajectory, row_json
from microokr.progress import Status
from microokr.site.plan import plan_data

if TYPE_CHECKING:
    from microokr.model import Sprint
    from microokr.workspace import SourceFile, Workspace

VERSION = 1
TRIGGER_NAMES = {
    "kr-at-risk": "KR at Risk",
    "emergent-opportunity": "Emergent Opportunity",
    "cross-functional-gap": "Cross-Functional Gap",
    "strategic-validation": "Strategic Validation Sprint",
}
Pages = Callable[[str], str]


def finite(value: float | None) -> float | None:
    """JSON has no infinity: a value beyond float range (a hostile target) becomes null."""
    return value if value is None or math.isfinite(value) else None


def quarter_of(day: dt.date) -> str:
    """ "2026-Q4": sorts in time order, and reads as the quarter."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def paragraphs(text: str | None) -> list[str]:
    """Free text split at blank lines, each paragraph on one line."""
    if not text:
        return []
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def sprint_data(
    row: SprintRow,
    workspace: Workspace,
    today: dt.date,
    *,
    page: str,
    team_page: Pages,
    okr_page: Callable[[str], str | None],
) -> dict[str, Any]:
    sprint = row.sprint
    base = row_json(row)
    for kr_json, kr in zip(base["key_results"], sprint.key_results, strict=True):
        kr_json.update(
            statement=kr.statement,
            baseline=finite(kr.baseline),
            target=finite(kr.target),
            value=finite(kr_json["value"]),
            progress=finite(kr_json["progress"]),
        )
    base.update(
        page=page,
        quarter=quarter_of(sprint.close.date if sprint.close else sprint.window.start),
        teams=[_team_ref(workspace, t, team_page) for t in sprint.owner.teams],
        window={**base["window"], "days": progress.window_days(sprint)},
        days_to_start=progress.days_to_start(sprint, today),
        expected=progress.expected_progress(sprint, progress.standing_day(sprint, today)),
        cadence=(
            {"every": sprint.cadence.every.value, "minutes": sprint.cadence.minutes}
            if sprint.cadence
            else None
        ),
        trigger={
            "type": sprint.trigger.type.value,
            "name": TRIGGER_NAMES.get(sprint.trigger.type.value, sprint.trigger.type.value),
            "signal": sprint.trigger.signal,
            "evidence": list(sprint.trigger.evidence),
        },
        desired_condition=sprint.desired_condition,
        objective=sprint.objective.model_dump() if sprint.objective else None,
        anchor=_anchor(workspace, sprint, okr_page),
        trajectory=_trajectory(sprint, today),
        checkins=_checkins(sprint),
        checkin_cadence=_cadence(sprint, today),
        revisions=[
            {"date": r.date.isoformat(), "what": r.what, "why": r.why}
            for r in sorted(sprint.revisions, key=lambda r: r.date)
        ],
        initiatives=_initiatives(workspace, sprint, team_page),
        plan=plan_data(
            sprint, today, lambda t: _team_ref(workspace, t, team_page), workspace.teams or {}
        ),
        close=_close(workspace, sprint, row, team_page),
    )
    return base


def team_keys(sprint: Sprint) -> list[str]:
    """Every team `sprint_data` links for `sprint`: its owning teams, the teams its
    initiatives name, its close's attendees."""
    keys = [*sprint.owner.teams, *(i.team for i in sprint.initiatives if i.team is not None)]
    return keys + list(sprint.close.attendees) if sprint.close else keys


def _team_ref(workspace: Workspace, team: str | None, team_page: Pages) -> dict[str, Any]:
    if team is None:
        return {"id": None, "name": "Unassigned", "page": None}
    entry = (workspace.teams or {}).get(team)
    return {"id": team, "name": getattr(entry, "name", None), "page": team_page(team)}


def _movement(movement: progress.AnchorMovement | None) -> dict[str, Any] | None:
    if movement is None:
        return None
    return {
        "start": finite(movement.start),
        "end": finite(movement.end),
        "delta": finite(movement.delta),
        "share_of_gap": finite(movement.share_of_gap),
    }


def _anchor(
    workspace: Workspace, sprint: Sprint, okr_page: Callable[[str], str | None]
) -> dict[str, Any] | None:
    if not sprint.anchor_kr:
        return None
    ref = workspace.key_results.get(sprint.anchor_kr)
    if ref is None:
        return {"kr": sprint.anchor_kr, "found": False}
    kr = ref.key_result
    closed = sprint.close is not None
    movement = (
        progress.anchor_movement(sprint, kr.target)
        if closed
        else progress.anchor_movement_so_far(sprint, kr.target)
    )
    return {
        "kr": kr.id,
        "found": True,
        "statement": kr.statement,
        "unit": kr.unit,
        "target": finite(kr.target),
        "okr_file": ref.source.rel,
        "okr_page": okr_page(ref.source.rel),
        "okr_name": ref.okr.period.name,
        "objective": ref.objective.id,
        "movement": _movement(movement),
        "movement_final": closed,
    }


def _trajectory(sprint: Sprint, today: dt.date) -> dict[str, Any] | None:
    points = progress.trajectory(sprint)
    if len(points) < 2 or not sprint.key_results:
        return None
    series = daily_trajectory(sprint, today, points)
    # Four decimals (0.01 of a percent): the chart draws tenths, and 16-digit floats
    # for every day of 10,000 sprints were a fifth of data.json.
    return {
        "days": [day.isoformat() for day in series.days],
        "expected": [round(v, 4) for v in series.expected],
        "progress": {
            k: [None if v is None or not math.isfinite(v) else round(v, 4) for v in values]
            for k, values in series.progress.items()
        },
        "recorded": list(series.recorded),
    }


def _checkins(sprint: Sprint) -> list[dict[str, Any]]:
    return [
        {
            "date": c.date.isoformat(),
            "values": {k: finite(v) for k, v in c.values.items()},
            "anchor": finite(c.anchor),
            "confidence": c.confidence.value if c.confidence else None,
            "blockers": [{"what": b.what, "owner": b.owner} for b in c.blockers],
            "note": c.note,
        }
        for c in sorted(sprint.checkins, key=lambda c: c.date)
    ]


def _cadence(sprint: Sprint, today: dt.date) -> dict[str, Any] | None:
    cadence = progress.checkin_cadence(sprint, today)
    if cadence is None:
        return None
    return {
        "every_days": cadence.every_days,
        "through": cadence.through.isoformat(),
        "due": cadence.due,
        "recorded": cadence.recorded,
        "missed": [day.isoformat() for day in cadence.missed],
        "missed_count": cadence.missed_count,
    }


def _initiatives(workspace: Workspace, sprint: Sprint, team_page: Pages) -> list[dict[str, Any]]:
    from microokr.plan import actions_by_team

    return [
        {"team": _team_ref(workspace, team, team_page), "actions": actions}
        for team, actions in actions_by_team(sprint)
    ]


def _close(
    workspace: Workspace, sprint: Sprint, row: SprintRow, team_page: Pages
) -> dict[str, Any] | None:
    close = sprint.close
    if close is None:
        return None
    standings = [kr.standing for kr in row.key_results]
    outcomes = progress.count_outcomes(standings)
    absent = [t for t in sprint.owner.teams if t not in close.attendees]
    return {
        "date": close.date.isoformat(),
        "early": close.early,
        "summary": close.summary,
        "learning": close.learning,
        "highest_impact": close.highest_impact,
        "root_cause": close.root_cause,
        "tactical_revision": (
            {"needed": close.tactical_revision.needed, "note": close.tactical_revision.note}
            if close.tactical_revision
            else None
        ),
        "attendees": [_team_ref(workspace, t, team_page) for t in close.attendees],
        "absent": [_team_ref(workspace, t, team_page) for t in absent]
        if progress.is_joint(sprint)
        else [],
        "outcomes": {kind.value: outcomes[kind] for kind in progress.Outcome},
    }


# ── OKR files, teams, the index ──────────────────────────────────────────────


def okr_data(
    source: SourceFile, sprints_by_anchor: dict[str, list[dict[str, Any]]], *, page: str
) -> dict[str, Any]:
    okr = source.model
    return {
        "path": source.rel,
        "page": page,
        "period": {
            "name": okr.period.name,
            "start": okr.period.start.isoformat(),
            "end": okr.period.end.isoformat(),
        },
        "objectives": [
            {
                "id": objective.id,
                "level": objective.level,
                "statement": objective.statement,
                "owner": objective.owner,
                "key_results": [
                    {
                        "id": kr.id,
                        "statement": kr.statement,
                        "owner": kr.owner,
                        "baseline": finite(kr.baseline),
                        "target": finite(kr.target),
                        "current": finite(kr.current),
                        "unit": kr.unit,
                        "sprints": [_served(s) for s in sprints_by_anchor.get(kr.id, [])],
                    }
                    for kr in objective.key_results
                ],
            }
            for objective in okr.objectives
        ],
    }


def _served(sprint: dict[str, Any]) -> dict[str, Any]:
    """How far one sprint moved the anchor KR it served."""
    anchor = sprint["anchor"] or {}
    return {
        "id": sprint["id"],
        "page": sprint["page"],
        "status": sprint["status"],
        "window": sprint["window"],
        "movement": anchor.get("movement"),
        "movement_final": anchor.get("movement_final", False),
    }


def team_data(
    team: dict[str, Any], sprints: list[dict[str, Any]], *, page: str, lead: str | None
) -> dict[str, Any]:
    closed = [s for s in sprints if s["status"] == Status.CLOSED.value]
    return {
        **team,
        "page": page,
        "lead": lead,
        "sprints": [s["id"] for s in sprints],
        "active_sprints": team["sprints"],
        "outcomes": [
            {"id": s["id"], "page": s["page"], "closed_on": s["closed_on"], **_verdict(s)}
            for s in closed
        ],
    }


def _verdict(sprint: dict[str, Any]) -> dict[str, Any]:
    counts = (sprint["close"] or {}).get("outcomes") or {}
    total = sum(counts.values())
    if total and counts.get("met") == total:
        verdict = "met"
    elif counts.get("met") or counts.get("partly"):
        verdict = "partly"
    else:
        verdict = "not moved"
    return {"verdict": verdict, "counts": counts}


def index_data(board: Dashboard, sprints: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The index's sections: the current quarter first, then earlier quarters."""
    current = quarter_of(board.today)
    by_status: dict[str, list[str]] = {s.value: [] for s in Status}
    earlier: dict[str, list[str]] = {}
    closed_now: list[str] = []
    for key, sprint in sprints.items():
        state = sprint["status"]
        if state != Status.CLOSED.value:
            by_status[state].append(key)
        elif sprint["quarter"] >= current:
            closed_now.append(key)
        else:
            earlier.setdefault(sprint["quarter"], []).append(key)
    return {
        "quarter": current,
        "attention": by_status[Status.OVERDUE.value] + by_status[Status.ACTIVE.value],
        "planned": by_status[Status.PLANNED.value],
        "closed": closed_now,
        "earlier": [{"quarter": q, "sprints": earlier[q]} for q in sorted(earlier, reverse=True)],
    }


def warnings_of(sprints: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"sprint": key, "code": w["code"], "message": w["message"]}
        for key, sprint in sprints.items()
        for w in sprint["warnings"]
    ]
