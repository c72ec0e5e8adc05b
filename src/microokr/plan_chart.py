"""The integrated plan drawn: a mermaid `gantt` and the same plan as a table (markdown).

Seed 001: "map dependencies visually (Gantt chart, Kanban board, or simple table)" and
"set milestones that require cross-team collaboration". One section per team, a bar per
initiative from when it can start (the window's start, or after what it depends on) to
its due date, dependencies as `after`, milestones as milestones. Mermaid task ids are
generated (`i1`, `i2`, ...), so no id a person typed reaches mermaid's syntax; labels
lose the characters mermaid reads as syntax. The data is `plan.integrated_plan`'s.
"""

from __future__ import annotations

import datetime as dt
import re

from microokr.diagnostics import printable
from microokr.plan import (
    InitiativeStatus,
    Plan,
    PlanItem,
    dependency_free,
    topological_order,
)
from microokr.report import code, escape, table

_LABEL_UNSAFE = re.compile(r"[:;#%`<>{}\[\]\"\\]")
LABEL_WIDTH = 60

STATUS_TAG = {
    InitiativeStatus.DONE: "done",
    InitiativeStatus.BLOCKED: "crit",
    InitiativeStatus.LATE: "crit",
    InitiativeStatus.OPEN: "",
}


def gantt_label(text: str) -> str:
    """User text as a gantt task or section name: one line, no mermaid syntax, bounded."""
    flat = " ".join(_LABEL_UNSAFE.sub(" ", printable(text)).split())
    if len(flat) > LABEL_WIDTH:
        flat = flat[: LABEL_WIDTH - 1].rstrip() + "…"
    return flat or "(unnamed)"


def schedule(plan: Plan) -> dict[int, tuple[dt.date, dt.date]]:
    """Start and end of each item by index: starts after its dependencies end.

    Dependencies that are unknown or part of a cycle (MO509, MO510) are left out, so a
    broken plan still draws. An item without `due` ends with the window.
    """
    ids = plan.by_id()
    usable = dependency_free(plan)
    spans: dict[int, tuple[dt.date, dt.date]] = {}
    for index in topological_order(plan, usable):
        item = plan.items[index]
        start = max([plan.start, *(spans[ids[d].index][1] for d in usable[index])])
        end = item.due or plan.end
        if end <= start and start < dt.date.max:
            end = start + dt.timedelta(days=1)  # due before what it waits for: MO512
        spans[index] = (start, end)
    return spans


def gantt(plan: Plan, team_names: dict[str | None, str]) -> str:
    """The mermaid block (fenced) of the plan."""
    spans = schedule(plan)
    usable = dependency_free(plan)
    mermaid_id = {item.id: f"i{item.index + 1}" for item in reversed(plan.items) if item.id}
    lines = [
        "```mermaid",
        "gantt",
        f"  title {gantt_label('Integrated plan of ' + plan.sprint_id)}",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %m-%d",
        "  todayMarker off",
    ]
    for team in plan.teams:
        items = [i for i in plan.items if i.team == team]
        if not items:
            continue
        lines.append(f"  section {gantt_label(team_names.get(team, team or 'Unassigned'))}")
        for item in items:
            start, end = spans[item.index]
            after = [mermaid_id[d] for d in usable[item.index]]
            begin = f"after {' '.join(after)}" if after else f"{start}"
            own = f"i{item.index + 1}"
            tags = [STATUS_TAG[item.status]] if STATUS_TAG[item.status] else []
            label = gantt_label(item.action)
            lines.append(f"  {label} :{', '.join([*tags, own, begin, str(end)])}")
            if item.milestone:
                # The point that needs several teams: where the initiative's bar ends.
                mark = gantt_label("Milestone " + (item.id or item.action))
                point = [*tags, "milestone", f"m{item.index + 1}", f"after {own}", "0d"]
                lines.append(f"  {mark} :{', '.join(point)}")
    lines.append("```")
    return "\n".join(lines)


def status_words(item: PlanItem) -> str:
    """ "done 2026-08-25, 5 days after due", "blocked", "late", "open": report and site."""
    words = item.status.value
    if item.done_on is not None:
        words += f" {item.done_on}"
        if item.due is not None and item.done_on > item.due:
            late = (item.done_on - item.due).days
            words += f", {late} day{'s' * (late != 1)} after due"
    return words


def plan_section(
    plan: Plan, team_names: dict[str | None, str], team_cells: dict[str | None, str]
) -> str:
    """The report's "Integrated plan" section: the gantt, then the same plan as a table.

    `team_names` are plain names for the chart, `team_cells` already-escaped markdown.
    """
    spans = schedule(plan)
    rows = []
    for team in plan.teams:
        for item in (i for i in plan.items if i.team == team):
            what = escape(item.action)
            if item.id:
                what = f"{code(item.id)}: {what}"
            if item.milestone:
                what += " (milestone)"
            due = str(item.due) if item.due else f"— (drawn to {spans[item.index][1]})"
            status = status_words(item)
            depends = ", ".join(code(d) for d in item.depends_on) or "—"
            rows.append([team_cells.get(team, code(team)), what, due, depends, status])
    intro = (
        "Every initiative of the sprint in one plan: a section per team, a bar from when "
        "it can start (the window's start, or after what it depends on) to its due date; "
        "done initiatives are greyed, blocked or late ones in red."
    )
    header = ["Team", "Initiative", "Due", "Depends on", "Status"]
    return "\n\n".join(["## Integrated plan", intro, gantt(plan, team_names), table(header, rows)])
