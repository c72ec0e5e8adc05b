"""MO7: governance and lifecycle: the 2-per-team limit, check-ins and the Sprint Close.

These read today's date (from the CLI, never the clock here) and, for MO701, the
whole workspace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from microokr import progress
from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.progress import ACTIVE_LIMIT
from microokr.progress import counting_days as counting_span
from microokr.rules.base import Finding, RuleContext, sprint_rule, workspace_rule
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


@sprint_rule(
    "MO702",
    "close-missing",
    Severity.ERROR,
    "The window has ended and there is no `close`.",
)
def close_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint whose `window.end` is before today and that has no `close`
    (it is overdue).

    ## Why is this bad?
    "Sprint Close is mandatory": the most common failure is the silent abandoned
    sprint. Even when the anchor did not move, the close records why, and that
    is what improves the next sprint and the Tactical OKR. An overdue sprint also
    keeps counting against its teams' limit of 2.

    ## Example
    ```yaml
    window:
      start: 2026-09-01
      end: 2026-09-15
    # ...check-ins stop, no close
    ```

    ## Use instead
    ```yaml
    close:
      date: 2026-09-15
      anchor: {start: 21.2, end: 22.0}
      learning: Stalled accounts were waiting on pricing approval, not on outreach.
      tactical_revision: {needed: true, note: Add a pricing-approval KR for Q4.}
    ```
    """
    if progress.status(sprint, ctx.today) is progress.Status.OVERDUE:
        late = -progress.days_left(sprint, ctx.today)
        yield Finding(
            f"the window ended on {sprint.window.end} ({late} day{'s' if late != 1 else ''} "
            f"ago) and the sprint has no close: run `microokr close {sprint.id}`, even if "
            "the anchor did not move",
            at=("window", "end"),
        )


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


@sprint_rule(
    "MO703",
    "close-incomplete",
    Severity.ERROR,
    "A `close` lacks anchor movement, learning, or the tactical-revision decision.",
    local=True,
)
def close_incomplete(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `close` without `anchor` (with both `start` and `end`), without
    `learning`, or without `tactical_revision`.

    ## Why is this bad?
    The Sprint Close answers: did we move the anchor KR, and by how much? What
    did we learn about the gap? Does the Tactical OKR need revision? A close
    without these answers is a silent abandonment with a date on it.

    ## Example
    ```yaml
    close:
      date: 2026-07-28
      final: {kr1: 33, kr2: 5, kr3: 8}
    ```

    ## Use instead
    ```yaml
    close:
      date: 2026-07-28
      anchor: {start: 21.2, end: 24.6}
      final: {kr1: 33, kr2: 5, kr3: 8}
      learning: Acceptance moved once the persona was rewritten; stalled deals needed pricing.
      tactical_revision: {needed: false}
    ```
    """
    close = sprint.close
    if close is None:
        return
    if close.anchor is None:
        yield Finding(
            "the close does not say how far the anchor KR moved: add "
            "`anchor: {start: ..., end: ...}` with its value at sprint start and at close",
            at=("close",),
            key=True,
        )
    else:
        missing = [name for name in ("start", "end") if getattr(close.anchor, name) is None]
        if missing:
            yield Finding(
                f"the close's anchor movement has no {' and no '.join(missing)}: record the "
                "anchor KR's value at sprint start and at close",
                at=("close", "anchor"),
            )
    if _blank(close.learning):
        yield Finding(
            "the close records no learning: add `learning:` with what the sprint taught "
            "about the gap",
            at=("close", "learning") if close.learning is not None else ("close",),
            key=True,
        )
    if close.tactical_revision is None:
        yield Finding(
            "the close does not decide whether the Tactical OKR needs revision: add "
            "`tactical_revision: {needed: true|false, note: ...}`",
            at=("close",),
            key=True,
        )


@sprint_rule(
    "MO704",
    "joint-close",
    Severity.ERROR,
    "A joint close lacks an owning team, `highest_impact`, or `root_cause`.",
    local=True,
)
def joint_close(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    For a sprint owned by several teams, reports a `close` whose `attendees` miss
    an owning team, or that lacks `highest_impact` or `root_cause`.

    ## Why is this bad?
    "The Sprint Close retrospective is joint and documented. All participating
    teams attend." It records which intervention had the highest cross-team
    impact and what the sprint revealed about the root cause of the gap, so the
    same gap does not quietly reopen next quarter.

    ## Example
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    close:
      date: 2026-12-21
      attendees: [sales]
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    close:
      date: 2026-12-21
      attendees: [sales, marketing]
      highest_impact: Routing leads to a named owner within four hours.
      root_cause: No shared definition of a qualified lead between the two teams.
    ```
    """
    close = sprint.close
    if close is None or not progress.is_joint(sprint):
        return
    teams = list(dict.fromkeys(sprint.owner.teams))
    absent = [team for team in teams if team not in close.attendees]
    if absent:
        yield Finding(
            f"the joint close misses owning team{'s' if len(absent) > 1 else ''} "
            f"{', '.join(absent)} among its attendees: every owning team attends the close",
            at=("close", "attendees") if close.attendees else ("close",),
            key=not close.attendees,
        )
    for name, question in (
        ("highest_impact", "which intervention moved the numbers most"),
        ("root_cause", "what the sprint revealed about the root cause of the gap"),
    ):
        value = getattr(close, name)
        if _blank(value):
            yield Finding(
                f"the joint close does not record `{name}`: add {question}",
                at=("close", name) if value is not None else ("close",),
                key=True,
            )


@sprint_rule(
    "MO705",
    "checkin-stale",
    Severity.WARNING,
    "An active sprint's last check-in (or start) is older than its cadence allows.",
)
def checkin_stale_rule(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    For an active sprint (today within its window, no close), reports that its
    last check-in, or its start if it has none, is more days ago than its cadence
    allows: 1 for `daily`, 4 for `twice-weekly`, 7 for `weekly`. Sprints without
    a cadence are MO608's business.

    ## Why is this bad?
    Check-ins are how a sprint notices, while there is still time, that a number
    did not move and who owns the blocker today. A sprint without them drifts
    until the close discovers that nothing changed.

    ## Example
    ```yaml
    cadence: {every: daily}
    checkins:
      - date: 2026-07-15     # and today is 2026-07-20
        values: {kr1: 24, kr2: 1, kr3: 11}
    ```

    ## Use instead
    ```yaml
    cadence: {every: daily}
    checkins:
      - date: 2026-07-19
        values: {kr1: 29, kr2: 3, kr3: 9}
    ```
    """
    if sprint.cadence is None or not progress.checkin_stale(sprint, ctx.today):
        return
    last = progress.last_checkin(sprint)
    since = progress.stale_since(sprint)
    age = progress.stale_age(sprint, ctx.today)
    allowed = progress.cadence_days(sprint)
    what = f"the last check-in was on {since}" if last else f"the sprint started on {since}"
    where: tuple[str | int, ...]
    if last is not None:
        where = ("checkins", sprint.checkins.index(last), "date")
    else:
        where = ("window", "start")
    yield Finding(
        f"{what}, {age} days ago, and the {sprint.cadence.every.value} cadence allows "
        f"{allowed}: run `microokr checkin {sprint.id}`",
        at=where,
    )


@sprint_rule(
    "MO706",
    "checkin-unknown-kr",
    Severity.ERROR,
    "A check-in or `close.final` names a KR the sprint lacks, or misses one it has.",
    local=True,
)
def checkin_unknown_kr(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports, in every check-in's `values` and in `close.final`, a KR id that is
    not one of the sprint's `key_results`, and a KR of the sprint that has no
    value. An absent or empty `close.final` is fine: it defaults to the last
    check-in's values.

    ## Why is this bad?
    The check-in question is "did the KR numbers move?" for every KR. A misspelt
    id records a value no KR reads, and a missing one makes progress and pace
    stale for that KR without a word.

    ## Example
    ```yaml
    key_results: [{id: kr1, ...}, {id: kr2, ...}]
    checkins:
      - date: 2026-07-15
        values: {kr1: 24, k2: 1}
    ```

    ## Use instead
    ```yaml
    key_results: [{id: kr1, ...}, {id: kr2, ...}]
    checkins:
      - date: 2026-07-15
        values: {kr1: 24, kr2: 1}
    ```
    """
    ids = list(dict.fromkeys(kr.id for kr in sprint.key_results))
    recorded: list[tuple[tuple[str | int, ...], str, dict[str, float]]] = [
        (("checkins", i, "values"), f"the check-in of {c.date}", dict(c.values))
        for i, c in enumerate(sprint.checkins)
    ]
    if sprint.close is not None and sprint.close.final:
        recorded.append((("close", "final"), "`close.final`", dict(sprint.close.final)))
    import difflib

    for at, what, values in recorded:
        for kr_id in values:
            if kr_id not in ids:
                hint = difflib.get_close_matches(kr_id, ids, n=1)
                mend = f"did you mean '{hint[0]}'?" if hint else f"use one of {', '.join(ids)}"
                yield Finding(
                    f"{what} records '{kr_id}', which is not a KR of this sprint: {mend}",
                    at=(*at, kr_id),
                    key=True,
                )
        missing = [kr_id for kr_id in ids if kr_id not in values]
        if missing:
            yield Finding(
                f"{what} has no value for {', '.join(missing)}: record every KR of the sprint, "
                "even when it did not move",
                at=at,
            )


@sprint_rule(
    "MO707",
    "checkin-date",
    Severity.ERROR,
    "A check-in dated outside the window, in the future, or out of order.",
)
def checkin_date(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a check-in dated before `window.start` or after `window.end`, after
    today, or not after the check-in before it in the file.

    ## Why is this bad?
    Pace compares each check-in with the share of the window gone by on its date:
    a wrong date shows a sprint ahead or behind that is neither. A future date
    is a typo or a forecast, and out-of-order check-ins make "the last check-in"
    ambiguous.

    ## Example
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    checkins:
      - date: 2026-07-16
      - date: 2026-07-15
    ```

    ## Use instead
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    checkins:
      - date: 2026-07-15
      - date: 2026-07-16
    ```
    """
    previous: dt.date | None = None
    for i, checkin in enumerate(sprint.checkins):
        day = checkin.date
        at = ("checkins", i, "date")
        if day < sprint.window.start or day > sprint.window.end:
            yield Finding(
                f"the check-in of {day} is outside the window {sprint.window.start} to "
                f"{sprint.window.end}: fix its date (check-ins happen during the sprint)",
                at=at,
            )
        if day > ctx.today:
            yield Finding(
                f"the check-in is dated {day}, after today ({ctx.today}): record only what "
                "was measured, on the day it was",
                at=at,
            )
        if previous is not None and day <= previous:
            yield Finding(
                f"the check-in of {day} is not after the one before it ({previous}): keep "
                "check-ins in date order, one per day",
                at=at,
            )
        previous = day


@sprint_rule(
    "MO708",
    "close-date",
    Severity.ERROR,
    "`close.date` before the start, in the future, or early without a reason.",
)
def close_date(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `close.date` before `window.start`, after today, or before
    `window.end` without an `early` reason.

    ## Why is this bad?
    Early closes are allowed and must still be formal: the reason is part of the
    learning ("the prospect signed early", "the anchor recovered"). A close dated
    in the future or before the sprint began is a typo that ends the sprint's
    count against its teams' limit on the wrong day.

    ## Example
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    close:
      date: 2026-07-24
    ```

    ## Use instead
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    close:
      date: 2026-07-24
      early: The anchor KR recovered its trajectory four days ahead of the window.
    ```
    """
    close = sprint.close
    if close is None:
        return
    at = ("close", "date")
    if close.date < sprint.window.start:
        yield Finding(
            f"the sprint closes on {close.date}, before its window starts "
            f"({sprint.window.start}): fix the close date",
            at=at,
        )
    elif close.date < sprint.window.end and _blank(close.early):
        yield Finding(
            f"the sprint closes on {close.date}, before its window ends "
            f"({sprint.window.end}), with no reason: add `early:` saying why it closed early",
            at=at,
        )
    if close.date > ctx.today:
        yield Finding(
            f"the close is dated {close.date}, after today ({ctx.today}): close a sprint on "
            "the day the retrospective is held",
            at=at,
        )
