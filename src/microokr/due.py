"""What each Sprint Lead owes today: one list per person, so one person gets one message.

A sprint owes something when a check-in is due by its cadence (or already
overdue: stale, MO705), its close is due or overdue, or it is planned to start
today or tomorrow. Leads are the sprint's `owner.lead`, else its first team's
lead in the registry. `checked_in_today` lets a reminder skip people who have
just checked in (the noisy-reminder lesson of rust-lang's goal tracking).
Pure: `today` is an argument; the CLI renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from microokr import progress
from microokr.formatting import plural
from microokr.progress import Status

if TYPE_CHECKING:
    from microokr.model import Sprint
    from microokr.workspace import Workspace

NO_LEAD = "(no lead named)"


class Owed(StrEnum):
    CHECKIN_DUE = "checkin-due"
    STALE = "stale"
    CLOSE_DUE = "close-due"
    CLOSE_OVERDUE = "close-overdue"
    STARTING = "starting"


@dataclass(frozen=True)
class DueItem:
    sprint: str
    path: str
    owed: Owed
    message: str


@dataclass
class LeadDue:
    lead: str
    checked_in_today: bool = False
    items: list[DueItem] = field(default_factory=list)


def lead_of(sprint: Sprint, workspace: Workspace) -> str:
    lead = sprint.owner.lead
    if isinstance(lead, list):
        lead = lead[0] if lead else None
    if lead:
        return str(lead)
    teams = workspace.teams or {}
    for team in sprint.owner.teams:
        if team in teams and teams[team].lead:
            return str(teams[team].lead)
    return NO_LEAD


def owed(sprint: Sprint, today: dt.date) -> list[tuple[Owed, str]]:
    """What `sprint` owes on `today`, most urgent first."""
    state = progress.status(sprint, today)
    if state is Status.PLANNED:
        start = progress.days_to_start(sprint, today)
        if start <= 1:
            when = "today" if start == 0 else "tomorrow"
            return [(Owed.STARTING, f"starts {when} ({sprint.window.start}): hold the kickoff")]
        return []
    if state is Status.OVERDUE:
        late = -progress.days_left(sprint, today)
        days = plural(late, "day")
        ended = f"window ended {sprint.window.end}, {days} ago: run the close"
        return [(Owed.CLOSE_OVERDUE, ended)]
    if state is not Status.ACTIVE:
        return []
    found: list[tuple[Owed, str]] = []
    if progress.days_to_start(sprint, today) == 0:
        found.append((Owed.STARTING, f"starts today ({sprint.window.start}): hold the kickoff"))
    if progress.days_left(sprint, today) == 0:
        found.append((Owed.CLOSE_DUE, "the window ends today: run the Sprint Close"))
    allowed = progress.cadence_days(sprint)
    last = progress.last_checkin(sprint)
    if allowed is not None and (last is None or last.date != today):
        age = progress.stale_age(sprint, today)
        since = f"last check-in {last.date}" if last is not None else "no check-in yet"
        cadence = sprint.cadence.every if sprint.cadence is not None else ""
        if progress.checkin_stale(sprint, today):
            found.append((Owed.STALE, f"check-in overdue ({since}, cadence {cadence})"))
        elif age >= allowed:
            found.append((Owed.CHECKIN_DUE, f"check-in due today ({since}, cadence {cadence})"))
    return found


def due_by_lead(workspace: Workspace, today: dt.date) -> list[LeadDue]:
    """Every lead who owes something, by name; each lead's items by sprint id."""
    by_lead: dict[str, LeadDue] = {}
    for source, sprint in workspace.sprints():
        lead = by_lead.setdefault(lead_of(sprint, workspace), LeadDue(lead_of(sprint, workspace)))
        last = progress.last_checkin(sprint)
        if last is not None and last.date == today:
            lead.checked_in_today = True
        for kind, message in owed(sprint, today):
            lead.items.append(DueItem(sprint.id, source.rel, kind, message))
    leads = [lead for lead in by_lead.values() if lead.items]
    for lead in leads:
        lead.items.sort(key=lambda item: (item.sprint, list(Owed).index(item.owed)))
    return sorted(leads, key=lambda lead: (lead.lead == NO_LEAD, lead.lead.casefold()))


def as_json(leads: list[LeadDue], today: dt.date) -> dict[str, object]:
    return {
        "version": 1,
        "today": today.isoformat(),
        "leads": [
            {
                "lead": lead.lead,
                "checked_in_today": lead.checked_in_today,
                "items": [
                    {
                        "sprint": item.sprint,
                        "path": item.path,
                        "owed": item.owed.value,
                        "message": item.message,
                    }
                    for item in lead.items
                ],
            }
            for lead in leads
        ],
    }


def render_text(leads: list[LeadDue], today: dt.date) -> str:
    from microokr.diagnostics import printable

    if not leads:
        return f"Nothing is due on {today}.\n"
    lines = [f"Due on {today}:"]
    for lead in leads:
        lines.append("")
        done = " (checked in today)" if lead.checked_in_today else ""
        lines.append(f"{printable(' '.join(lead.lead.split()))}{done}")
        lines += [f"  {item.sprint}: {printable(item.message)}" for item in lead.items]
    return "\n".join(lines) + "\n"


def render_markdown(leads: list[LeadDue], today: dt.date) -> str:
    """For a job summary or an issue comment: a heading per lead, a bullet per sprint."""
    from microokr.diagnostics import printable
    from microokr.reporters.summary import escape_markdown

    if not leads:
        return f"### ✅ Nothing is due on {today}\n"
    parts = [f"### What is due on {today}\n"]
    for lead in leads:
        done = " (checked in today)" if lead.checked_in_today else ""
        parts.append(f"\n#### {escape_markdown(printable(lead.lead))}{done}\n\n")
        parts += [
            f"- **{escape_markdown(item.sprint)}**: {escape_markdown(printable(item.message))}\n"
            for item in lead.items
        ]
    return "".join(parts)
