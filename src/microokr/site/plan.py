"""The integrated plan of a sprint as site data: `sprint.plan` in `data.json` and the pages.

The same plan the report draws (`microokr.plan.integrated_plan`, spans from
`plan_chart.schedule`), so the site's gantt and the report's mermaid gantt agree bar for
bar. Items come in chart order (a lane per team, owning teams first, file order inside a
lane); `arrows` are the dependencies that can be drawn (known ids outside any cycle),
by initiative index. `roles` are the owning teams' roles and named contacts (with where
the name comes from: `plan.named_contact`, the rule MO610 uses).
Pure: `today` is an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from microokr.plan import ContactFrom, dependency_free, integrated_plan, named_contact
from microokr.plan_chart import schedule, status_words

if TYPE_CHECKING:
    from microokr.model import Owner, Sprint, Team

TeamRef = Callable[[str | None], dict[str, Any]]


def plan_data(
    sprint: Sprint, today: dt.date, team_ref: TeamRef, registry: Mapping[str, Team]
) -> dict[str, Any] | None:
    """The plan of `sprint`, or None when it has neither plan data nor roles/contacts."""
    plan = integrated_plan(sprint, today)
    owner = sprint.owner
    if not (plan.has_schedule or owner.roles or owner.contacts):
        return None
    spans = schedule(plan)
    ids = plan.by_id()
    usable = dependency_free(plan)
    items = []
    for team in plan.teams:
        ref = team_ref(team)
        for item in (i for i in plan.items if i.team == team):
            start, end = spans[item.index]
            items.append(
                {
                    "index": item.index,
                    "id": item.id,
                    "team": ref,
                    "action": item.action,
                    "due": _day(item.due),
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "depends_on": list(item.depends_on),
                    "milestone": item.milestone,
                    "status": item.status.value,
                    "done_on": _day(item.done_on),
                    "status_text": status_words(item),
                }
            )
    arrows = [
        {"from": ids[wanted].index, "to": index}
        for index in sorted(usable)
        for wanted in usable[index]
    ]
    days = [plan.start, plan.end, *(d for span in spans.values() for d in span)]
    days += [item.done_on for item in plan.items if item.done_on is not None]
    return {
        "scheduled": plan.has_schedule,
        "axis": {"start": min(days).isoformat(), "end": max(days).isoformat()},
        "items": items,
        "arrows": arrows,
        "roles": [_role(owner, team, team_ref, registry) for team in dict.fromkeys(owner.teams)],
    }


def _role(
    owner: Owner, team: str, team_ref: TeamRef, registry: Mapping[str, Team]
) -> dict[str, Any]:
    contact = named_contact(owner, team, registry)
    return {
        "team": team_ref(team),
        "role": owner.roles[team].value if team in owner.roles else None,
        "contact": contact[0] if contact else None,
        "contact_from": contact[1].value if contact else None,
    }


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_DATE_OR_NULL = {"anyOf": [_DATE, {"type": "null"}]}
_TEXT = {"type": ["string", "null"]}


def plan_schema(team_ref: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of `sprint.plan` (part of `schemas/site-data.schema.json`)."""
    item = {
        "index": {"type": "integer", "minimum": 0},
        "id": _TEXT,
        "team": team_ref,
        "action": {"type": "string"},
        "due": _DATE_OR_NULL,
        "start": _DATE,
        "end": _DATE,
        "depends_on": {"type": "array", "items": {"type": "string"}},
        "milestone": {"type": "boolean"},
        "status": {"enum": ["done", "blocked", "late", "open"]},
        "done_on": _DATE_OR_NULL,
        "status_text": {"type": "string"},
    }
    arrow = {"from": {"type": "integer"}, "to": {"type": "integer"}}
    role = {
        "team": team_ref,
        "role": {"enum": ["lead", "contributor", "reviewer", None]},
        "contact": _TEXT,
        "contact_from": {"enum": [*(c.value for c in ContactFrom), None]},
    }
    keys = {
        "scheduled": {"type": "boolean"},
        "axis": _closed({"start": _DATE, "end": _DATE}),
        "items": {"type": "array", "items": _closed(item)},
        "arrows": {"type": "array", "items": _closed(arrow)},
        "roles": {"type": "array", "items": _closed(role)},
    }
    return {"anyOf": [{"type": "null"}, _closed(keys)]}


def _closed(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": sorted(properties),
        "properties": properties,
        "additionalProperties": False,
    }
