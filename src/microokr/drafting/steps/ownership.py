"""Step 6: the window, the owning teams and their lead, and the check-in cadence.

The window takes an end date or a length (`14d`, `3w`) and is checked by the MO6
window rules (1 to 4 weeks). Owners are team ids, never a person (MO604). A team
that already runs 2 sprints on a day this one would count is refused here, before
the lead and cadence are asked: the limit is the governance rule MO701 enforces.
A joint sprint needs a lead (MO605) and should check in daily: MO608 is a warning here
as in `lint`, shown with the choice to keep the cadence or change it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from microokr.drafting.answers import (
    parse_choice,
    parse_date,
    parse_end,
    parse_minutes,
    parse_optional_text,
    parse_teams,
    parse_text,
)
from microokr.drafting.checks import active_conflicts, candidate_source
from microokr.errors import RefusedError
from microokr.model import CADENCE_NAMES, CadenceEvery
from microokr.model.states import choices
from microokr.progress import ACTIVE_LIMIT

if TYPE_CHECKING:
    import datetime as dt

    from microokr.drafting.walk import Walk


def window(walk: Walk) -> None:
    walk.io.step(
        "Step 6 of 6: set duration and confirm ownership",
        "A sprint lasts 1 to 4 weeks, with explicit start and end dates. Longer than "
        "28 days? Revise the Tactical OKR instead.",
    )
    start_text: str | None = None
    end_text: str | None = None
    while True:
        start: dt.date = walk.answer(
            ("window", "start"), "Start date (YYYY-MM-DD)", parse_date, default=start_text
        )
        end: dt.date = walk.answer(
            ("window", "end"),
            "End date (YYYY-MM-DD), or a length like 14d or 3w",
            functools.partial(_parse_end_from, start),
            default=end_text,
        )
        chosen = {"start": start, "end": end}
        if walk.verify(
            walk.candidate(window=chosen),
            ("window",),
        ):
            break
        # The start may stay; the refused end is never offered again as the default.
        start_text, end_text = start.isoformat(), None
    walk.data["window"] = chosen
    walk.io.note(f"Window: {start.isoformat()} to {end.isoformat()}, {(end - start).days} days.")


def _parse_end_from(start: dt.date, raw: Any) -> dt.date:
    return parse_end(raw, start)


def ownership(walk: Walk) -> None:
    registry = walk.workspace.teams
    if registry:
        walk.io.choices(
            [
                (team, f"{entry.name or team} (lead {entry.lead or '?'})")
                for team, entry in registry.items()
            ]
        )
    default_team = walk.anchor_owner()
    while True:
        teams = walk.answer(
            ("owner", "teams"),
            "Owning teams (team ids, comma-separated; never a person)",
            parse_teams,
            default=default_team,
        )
        owner = {"teams": teams}
        if walk.verify(
            walk.candidate(owner=owner),
            ("owner", "teams"),
        ):
            break
    walk.data["owner"] = owner
    _refuse_third_sprint(walk)
    joint = len(teams) > 1
    question = "Sprint Lead: the one person who convenes check-ins and calls the close" + (
        " (required for a joint sprint)" if joint else ""
    )
    while True:
        lead = walk.answer(
            ("owner", "lead"),
            question,
            parse_text if joint else parse_optional_text,
            default=_team_lead(walk, teams) or ("" if not joint else None),
        )
        owner = {"teams": teams, **({"lead": lead} if lead else {})}
        if walk.verify(walk.candidate(owner=owner), ("owner", "lead")):
            break
    walk.data["owner"] = owner


def _team_lead(walk: Walk, teams: Sequence[str]) -> str | None:
    """The registry's lead of the anchor's team, else of the first owning team with one."""
    registry = walk.workspace.teams or {}
    owner = walk.anchor_owner()
    for team in ([owner] if owner in teams else []) + list(teams):
        entry = registry.get(team) if team else None
        if entry is not None and entry.lead:
            return str(entry.lead)
    return None


def _refuse_third_sprint(walk: Walk) -> None:
    source = candidate_source(walk.workspace, walk.candidate())
    if source.model is None:
        return
    conflicts = active_conflicts(walk.workspace, source.model, walk.today)
    if conflicts:
        first = conflicts[0]
        raise RefusedError(
            f"team {first.team} already owns {ACTIVE_LIMIT} active sprints on "
            f"{first.day.isoformat()} ({' and '.join(first.sprint_ids)}), and a team runs "
            f"at most {ACTIVE_LIMIT} at a time (MO701): close one of them first, or start "
            "this sprint after one ends (nothing was written)"
        )


def cadence(walk: Walk) -> None:
    walk.io.choices([(str(every), CADENCE_NAMES[every]) for every in CadenceEvery])
    while True:
        every = walk.answer(
            ("cadence", "every"),
            "Check-in cadence",
            lambda raw: parse_choice(raw, choices(CadenceEvery), what="cadence"),
            default="daily",
        )
        chosen: dict[str, Any] = {"every": every}
        if walk.verify(
            walk.candidate(cadence=chosen),
            ("cadence", "every"),
        ):
            break
    chosen["minutes"] = walk.answer(
        ("cadence", "minutes"), "Minutes per check-in", parse_minutes, default="15"
    )
    walk.data["cadence"] = chosen
