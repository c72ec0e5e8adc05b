"""MO701 too-many-active: On some day a team owns more than 2 sprints that are active or overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.progress import ACTIVE_LIMIT
from microokr.progress import counting_days as counting_span
from microokr.rules.base import Finding, RuleContext, workspace_rule
from microokr.workspace import SourceFile

NAMES_SHOWN = 5
"""How many other sprints an MO701 message names before "and N more"."""


@dataclass
class _Entry:
    """One sprint's claim on one team: the days it counts and where it names the team."""

    source: SourceFile
    sprint: Sprint
    team_index: int
    first: dt.date
    last: dt.date
    overload_day: dt.date | None = None
    others: list[str] = field(default_factory=list)


def _entries_by_team(ctx: RuleContext) -> dict[str, list[_Entry]]:
    by_team: dict[str, list[_Entry]] = {}
    for source, sprint in ctx.workspace.sprints():
        try:
            span = counting_span(sprint, ctx.today)
        except OverflowError:  # a close dated 0001-01-01: it never counted
            span = None
        if span is None:
            continue
        seen: set[str] = set()
        for index, team in enumerate(sprint.owner.teams):
            if team in seen:
                continue
            seen.add(team)
            by_team.setdefault(team, []).append(_Entry(source, sprint, index, *span))
    return by_team


def _sweep(entries: list[_Entry]) -> list[_Entry]:
    """The entries that share a day with 2 others, each with the first such day and who.

    Events are sorted once (a sprint ends the day after its last counting day, and
    ends are handled before starts of the same day), so the sweep is O(n log n):
    it never walks day by day nor compares every pair. Each entry is marked once,
    and names at most NAMES_SHOWN + 1 others, so the work stays linear.
    """
    # Day ordinals, not dates: the day after 9999-12-31 is not a date.
    events: list[tuple[int, int, int]] = []
    for number, entry in enumerate(entries):
        events.append((entry.first.toordinal(), 1, number))
        events.append((entry.last.toordinal() + 1, 0, number))
    events.sort()
    active: dict[int, None] = {}  # insertion-ordered set of entry numbers
    unmarked: dict[int, None] = {}
    marked: list[_Entry] = []
    for day, kind, number in events:
        if kind == 0:
            active.pop(number, None)
            unmarked.pop(number, None)
            continue
        active[number] = None
        unmarked[number] = None
        if len(active) <= ACTIVE_LIMIT:
            continue
        for fresh in unmarked:
            entry = entries[fresh]
            entry.overload_day = dt.date.fromordinal(day)
            for other in active:
                if other != fresh:
                    entry.others.append(entries[other].sprint.id)
                if len(entry.others) > NAMES_SHOWN:
                    break
            marked.append(entry)
        unmarked.clear()
    return marked


def _names(others: list[str]) -> str:
    """ "'a' and 'b'", "'a', 'b' and more": the other sprints of an overloaded day."""
    shown = [f"'{name}'" for name in others[:NAMES_SHOWN]]
    if len(others) > NAMES_SHOWN:
        shown.append("more")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


@workspace_rule(
    "MO701",
    "too-many-active",
    Severity.ERROR,
    "On some day a team owns more than 2 sprints that are active or overdue.",
)
def too_many_active(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Checks every day, past and future, not just today: on no day may a team own
    more than 2 sprints that count against its limit. A sprint counts from
    `window.start` through `window.end`; while it is overdue (no `close`), through
    today; once closed, until the day before `close.date`. Each sprint that takes
    part in such a day is reported at its `owner.teams` entry for that team, with
    the other sprints it overlaps.

    ## Why is this bad?
    "Maximum 2 active Micro-OKRs per team at any time." A team running three
    sprints diffuses its focus across all of them and closes none; the daily
    check-in discipline breaks down. Needing a third is a sign that the Tactical
    OKR needs revision, not another sprint.

    ## Example
    ```yaml
    # sprints/a.yaml, b.yaml and c.yaml all hold
    window: {start: 2026-07-13, end: 2026-07-27}
    owner:
      teams: [sales-west]
    ```

    ## Use instead
    ```yaml
    # c.yaml starts the day after a.yaml closes
    window: {start: 2026-07-28, end: 2026-08-11}
    owner:
      teams: [sales-west]
    ```
    """
    for team, entries in sorted(_entries_by_team(ctx).items()):
        if len(entries) <= ACTIVE_LIMIT:
            continue
        for entry in _sweep(entries):
            yield Finding(
                f"on {entry.overload_day} the team '{team}' owns more than {ACTIVE_LIMIT} "
                f"active or overdue sprints: this one, {_names(entry.others)}; close one "
                f"or move a window so the team runs at most {ACTIVE_LIMIT} at a time",
                at=("owner", "teams", entry.team_index),
                source=entry.source,
            )
