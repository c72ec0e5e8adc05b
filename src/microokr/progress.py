# Over 400 lines: every derived value lives here on purpose (one place to compute status and pace).
"""Derived values, computed here and nowhere else; `today` is always an argument.

Status, window length, KR progress and score, expected progress, pace verdicts,
anchor movement and the days a sprint counts against its teams' limit of 2.
Nothing here reads the clock, the disk or prints.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from microokr.model import CADENCE_DAYS, Checkin, OkrFile, OkrKeyResult, Sprint, SprintKeyResult
from microokr.model.states import Outcome as Outcome
from microokr.model.states import Pace as Pace
from microokr.model.states import Status as Status

if TYPE_CHECKING:
    from microokr.facts import SprintLike

ACTIVE_LIMIT = 2
"""Governance rule 1: at most 2 active (or overdue) Micro-OKR sprints per team."""

ON_TRACK_GAP = 0.10
"""A KR is on track while its score trails the expected progress by at most 10 points."""
AT_RISK_GAP = 0.25
"""...at risk while it trails by at most 25 points, and off track beyond that."""


def is_joint(sprint: Sprint) -> bool:
    """A joint (cross-functional) sprint: owned by more than one distinct team.

    Joint sprints answer more close questions, need daily check-ins and share
    every KR; all of them ask this one question.
    """
    return len(set(sprint.owner.teams)) > 1


def status(sprint: Sprint, today: dt.date) -> Status:
    if sprint.close is not None:
        return Status.CLOSED
    if today < sprint.window.start:
        return Status.PLANNED
    if today <= sprint.window.end:
        return Status.ACTIVE
    return Status.OVERDUE


def window_days(sprint: Sprint) -> int:
    """`end - start` in days: 14 July to 28 July is 14 days."""
    return (sprint.window.end - sprint.window.start).days


def days_left(sprint: Sprint, today: dt.date) -> int:
    """Days until `window.end` (negative once it has passed)."""
    return (sprint.window.end - today).days


def days_to_start(sprint: Sprint, today: dt.date) -> int:
    """Days until `window.start` (0 on the day, negative once it has started)."""
    return (sprint.window.start - today).days


def progress(baseline: float, target: float, value: float) -> float | None:
    """(value - baseline) / (target - baseline); works the same for KRs that decrease."""
    if target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def score(raw_progress: float | None) -> float:
    """Progress clamped to [0, 1]."""
    if raw_progress is None:
        return 0.0
    return min(1.0, max(0.0, raw_progress))


def kr_progress(key_result: SprintKeyResult | OkrKeyResult, value: float | None) -> float | None:
    if value is None or key_result.baseline is None or key_result.target is None:
        return None
    return progress(key_result.baseline, key_result.target, value)


def expected_progress(sprint: Sprint, day: dt.date) -> float:
    """The elapsed share of the window on `day`, in [0, 1]."""
    length = window_days(sprint)
    if length <= 0:
        return 1.0 if day >= sprint.window.end else 0.0
    elapsed = (day - sprint.window.start).days
    return min(1.0, max(0.0, elapsed / length))


def pace(kr_score: float, expected: float) -> Pace:
    gap = expected - kr_score
    if gap <= ON_TRACK_GAP:
        return Pace.ON_TRACK
    if gap <= AT_RISK_GAP:
        return Pace.AT_RISK
    return Pace.OFF_TRACK


def outcome(raw_progress: float | None) -> Outcome:
    """A KR's result at close: met (progress >= 1), partly (> 0), or not moved."""
    if raw_progress is None or raw_progress <= 0:
        return Outcome.NOT_MOVED
    if raw_progress >= 1:
        return Outcome.MET
    return Outcome.PARTLY


def last_checkin(sprint: Sprint) -> Checkin | None:
    return max(sprint.checkins, key=lambda c: c.date) if sprint.checkins else None


def latest_values(sprint: Sprint) -> dict[str, float]:
    """Each KR's latest known value: the close's final values, else the last check-in's."""
    if sprint.close is not None and sprint.close.final:
        return dict(sprint.close.final)
    last = last_checkin(sprint)
    return dict(last.values) if last else {}


@dataclass(frozen=True)
class AnchorMovement:
    start: float
    end: float
    delta: float
    share_of_gap: float | None
    """Share of the gap `anchor target - start` that the sprint closed (None: no gap)."""


def anchor_movement(sprint: Sprint, anchor_target: float | None) -> AnchorMovement | None:
    close = sprint.close
    if close is None or close.anchor is None:
        return None
    start, end = close.anchor.start, close.anchor.end
    if start is None or end is None:
        return None
    share = None
    if anchor_target is not None and anchor_target != start:
        share = (end - start) / (anchor_target - start)
    return AnchorMovement(start, end, end - start, share)


def counting_days(sprint: SprintLike, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day (inclusive) a sprint counts against its teams' limit.

    From `window.start` to the day before its close; while not closed, through
    `window.end`, and through today when it is overdue (it still counts).
    """
    start = sprint.window.start
    if sprint.close is not None:
        if sprint.close.date == dt.date.min:  # closed before any day it could count
            return None
        last = sprint.close.date - dt.timedelta(days=1)
    else:
        last = max(sprint.window.end, today)
    return (start, last) if last >= start else None


def linear_trajectory(okr: OkrFile, key_result: OkrKeyResult, day: dt.date) -> float | None:
    """Where a KR would stand on `day` if it moved linearly from baseline to target."""
    if key_result.baseline is None or key_result.target is None:
        return None
    length = (okr.period.end - okr.period.start).days
    if length <= 0:
        return None
    share = min(1.0, max(0.0, (day - okr.period.start).days / length))
    span = float(key_result.target) - float(key_result.baseline)  # may be inf: ±9e307 apart
    expected = key_result.baseline + span * share
    return expected if math.isfinite(expected) else None


# ── Helpers for `status` and the markdown report (issue 5) ─────────────────────


def cadence_days(sprint: Sprint) -> int | None:
    """Days allowed between check-ins by the sprint's cadence (None: no cadence set)."""
    return CADENCE_DAYS[sprint.cadence.every] if sprint.cadence is not None else None


def elapsed_days(sprint: Sprint, day: dt.date) -> int:
    """Days of the window gone by on `day`, clamped to [0, window_days]."""
    return min(window_days(sprint), max(0, (day - sprint.window.start).days))


def checkin_age(sprint: Sprint, today: dt.date) -> int | None:
    """Days since the last check-in (None when there is none)."""
    last = last_checkin(sprint)
    return (today - last.date).days if last is not None else None


def stale_since(sprint: Sprint) -> dt.date:
    """The day the check-in clock runs from: the last check-in, else the window's start."""
    last = last_checkin(sprint)
    return last.date if last is not None else sprint.window.start


def stale_age(sprint: Sprint, today: dt.date) -> int:
    """Days since `stale_since`: what MO705 holds against the cadence."""
    return (today - stale_since(sprint)).days


def checkin_stale(sprint: Sprint, today: dt.date) -> bool:
    """MO705's test: an active sprint's last check-in (or its start) is older than its cadence."""
    allowed = cadence_days(sprint)
    if allowed is None or status(sprint, today) is not Status.ACTIVE:
        return False
    return stale_age(sprint, today) > allowed


MISSED_LISTED = 60
"""How many missed check-in dates a report lists before it says "and N more"."""


@dataclass(frozen=True)
class CheckinCadence:
    """Check-ins held against the cadence, from the window's start through `through`.

    Due dates are `start + k * every_days` (k >= 1); a due date is kept when a
    check-in falls in the `every_days` before it (for a daily cadence: that very
    day). On an open sprint today's due date is pending, neither kept nor missed; on a
    closed one the close day is not a missed check-in day (the close is that meeting).
    """

    every_days: int
    through: dt.date
    due: int
    recorded: int
    missed: tuple[dt.date, ...]
    """The first `MISSED_LISTED` missed due dates."""
    missed_count: int


def checkin_cadence(sprint: Sprint, today: dt.date) -> CheckinCadence | None:
    """Due, recorded and missed check-ins, in time linear in the check-ins, not the days.

    A window may span centuries in a hostile file; only the first `MISSED_LISTED`
    missed dates are listed, `missed_count` counts them all.
    """
    every = cadence_days(sprint)
    if every is None:
        return None
    start, end = sprint.window.start, sprint.window.end
    through = min(sprint.close.date if sprint.close is not None else today, end)
    dates = sorted({c.date for c in sprint.checkins})
    due = max(0, (through - start).days // every)
    # On an open sprint today's check-in may still happen; on a closed one the close
    # day is the Sprint Close itself, not a missed check-in.
    last_day = today if sprint.close is None else sprint.close.date
    if due and _due_date(start, due, every) == last_day and last_day not in dates:
        due -= 1
    # A check-in on day d keeps the first due date on or after it: k = ceil(offset / every).
    kept = {
        -(-(day - start).days // every)
        for day in dates
        if start < day <= _due_date(start, due, every)
    }
    missed: list[dt.date] = []
    k = 1
    while k <= due and len(missed) < MISSED_LISTED:
        if k not in kept:
            missed.append(_due_date(start, k, every))
        k += 1
    missed_count = due - len(kept)
    recorded = sum(1 for day in dates if start <= day <= through)
    return CheckinCadence(every, through, due, recorded, tuple(missed), missed_count)


def _due_date(start: dt.date, k: int, every: int) -> dt.date:
    return start + dt.timedelta(days=k * every)


@dataclass(frozen=True)
class KrStanding:
    """One KR's latest value and what it means: progress, score, outcome, pace."""

    key_result: SprintKeyResult
    value: float | None
    progress: float | None
    score: float
    outcome: Outcome
    pace: Pace | None
    """Against the expected progress on the standing's day (None: no value yet)."""


def standing_day(sprint: Sprint, today: dt.date) -> dt.date:
    """The day a sprint's numbers are judged on: its close date once closed, else today."""
    return sprint.close.date if sprint.close is not None else today


def kr_standings(sprint: Sprint, today: dt.date) -> list[KrStanding]:
    values = latest_values(sprint)
    expected = expected_progress(sprint, standing_day(sprint, today))
    standings = []
    for key_result in sprint.key_results:
        value = values.get(key_result.id)
        raw = kr_progress(key_result, value)
        kr_score = score(raw)
        kr_pace = pace(kr_score, expected) if raw is not None else None
        standings.append(KrStanding(key_result, value, raw, kr_score, outcome(raw), kr_pace))
    return standings


def count_outcomes(standings: list[KrStanding]) -> dict[Outcome, int]:
    return {kind: sum(1 for s in standings if s.outcome is kind) for kind in Outcome}


def count_paces(standings: list[KrStanding]) -> dict[Pace, int]:
    return {kind: sum(1 for s in standings if s.pace is kind) for kind in Pace}


@dataclass(frozen=True)
class TrajectoryPoint:
    date: dt.date
    expected: float
    progress: dict[str, float | None]
    """KR id -> raw progress that day (None: the KR had no value)."""


def trajectory(sprint: Sprint) -> list[TrajectoryPoint]:
    """KR progress at the window's start (the baselines), each check-in and the close."""
    points: dict[dt.date, dict[str, float]] = {}
    points[sprint.window.start] = {
        kr.id: kr.baseline for kr in sprint.key_results if kr.baseline is not None
    }
    for checkin in sorted(sprint.checkins, key=lambda c: c.date):
        points[checkin.date] = dict(checkin.values)
    if sprint.close is not None and sprint.close.final:
        points.setdefault(sprint.close.date, dict(sprint.close.final))
    return [
        TrajectoryPoint(
            day,
            expected_progress(sprint, day),
            {kr.id: kr_progress(kr, values.get(kr.id)) for kr in sprint.key_results},
        )
        for day, values in sorted(points.items())
    ]


def fill_forward(series: list[float | None]) -> list[float]:
    """A chart line without gaps: a missing value repeats the one before (0 at the start)."""
    filled: list[float] = []
    for value in series:
        filled.append(value if value is not None else (filled[-1] if filled else 0.0))
    return filled


def anchor_readings(sprint: Sprint) -> list[tuple[dt.date, float]]:
    return [
        (c.date, c.anchor)
        for c in sorted(sprint.checkins, key=lambda c: c.date)
        if c.anchor is not None
    ]


def anchor_movement_so_far(sprint: Sprint, anchor_target: float | None) -> AnchorMovement | None:
    """For an open sprint: movement from the first to the latest anchor reading of the check-ins."""
    readings = anchor_readings(sprint)
    if not readings:
        return None
    start, end = readings[0][1], readings[-1][1]
    share = None
    if anchor_target is not None and anchor_target != start:
        share = (end - start) / (anchor_target - start)
    return AnchorMovement(start, end, end - start, share)


def counts_today(sprint: Sprint, today: dt.date) -> bool:
    """Whether the sprint counts against its teams' limit of 2 on `today`."""
    span = counting_days(sprint, today)
    return span is not None and span[0] <= today <= span[1]


# ── The limit of 2 per team: one sweep serves MO701, `new` and status ──────────


@dataclass(frozen=True)
class Claim:
    """A sprint's claim on one of its teams: the days it counts (see `counting_days`)."""

    number: int
    """The sprint's position in the list given to `claims_by_team`."""
    sprint: SprintLike
    team_index: int
    """Where `owner.teams` names the team (its first mention)."""
    first: dt.date
    last: dt.date


def claims_by_team(sprints: Sequence[SprintLike], today: dt.date) -> dict[str, list[Claim]]:
    """Team id -> the claims on it of the sprints that count on some day (a team named
    twice by one sprint is claimed once; a close dated 0001-01-01 never counted)."""
    by_team: dict[str, list[Claim]] = {}
    for number, sprint in enumerate(sprints):
        try:
            span = counting_days(sprint, today)
        except OverflowError:
            span = None
        if span is None:
            continue
        seen: set[str] = set()
        for index, team in enumerate(sprint.owner.teams):
            if team not in seen:
                seen.add(team)
                by_team.setdefault(team, []).append(Claim(number, sprint, index, *span))
    return by_team


@dataclass(frozen=True)
class Overload:
    """A claim that shares a day with more than ACTIVE_LIMIT - 1 others: its first such day."""

    claim: int
    """Index into the claims given to `overloads`."""
    day: dt.date
    others: tuple[int, ...]
    """The other claims counting at that moment, at most `shown` + 1 of them."""


def overloads(claims: Sequence[Claim], *, shown: int) -> list[Overload]:
    """The claims of one team that take part in a day with more than ACTIVE_LIMIT.

    A sweep over start and end events (ends before the starts of the same day), so
    the work is O(n log n): it never walks day by day nor compares every pair. Each
    claim is reported once, at the first such day, naming at most `shown` + 1 others.
    """
    events: list[tuple[int, int, int]] = []
    for number, claim in enumerate(claims):
        events.append((claim.first.toordinal(), 1, number))
        events.append((claim.last.toordinal() + 1, 0, number))
    events.sort()
    active: dict[int, None] = {}  # insertion-ordered set of claim numbers
    unmarked: dict[int, None] = {}
    found: list[Overload] = []
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
            others: list[int] = []
            for other in active:
                if other != fresh:
                    others.append(other)
                if len(others) > shown:
                    break
            found.append(Overload(fresh, dt.date.fromordinal(day), tuple(others)))
        unmarked.clear()
    return found


def active_sprints_by_team(sprints: list[Sprint], today: dt.date) -> dict[str, list[str]]:
    """Team id -> ids of the sprints (active or overdue) it owns on `today`."""
    return {
        team: ids
        for team, claims in claims_by_team(sprints, today).items()
        if (ids := [claim.sprint.id for claim in claims if claim.first <= today <= claim.last])
    }


def teams_over_limit(by_team: dict[str, list[str]]) -> set[str]:
    """The teams of `active_sprints_by_team` that own more than ACTIVE_LIMIT sprints."""
    return {team for team, ids in by_team.items() if len(ids) > ACTIVE_LIMIT}


# ── Helpers for `checkin` (issue 5) ───────────────────────────────────────────


def previous_checkin(sprint: Sprint, day: dt.date) -> Checkin | None:
    """The latest check-in dated before `day`."""
    earlier = [c for c in sprint.checkins if c.date < day]
    return max(earlier, key=lambda c: c.date) if earlier else None


def previous_values(sprint: Sprint, day: dt.date) -> dict[str, float]:
    """Each KR's value before `day`: the previous check-in's, else its baseline."""
    previous = previous_checkin(sprint, day)
    if previous is not None:
        return dict(previous.values)
    return {kr.id: kr.baseline for kr in sprint.key_results if kr.baseline is not None}


def krs_moved(sprint: Sprint, values: dict[str, float], day: dt.date) -> bool:
    """Whether any KR moved since the previous check-in (or its baseline): governance
    rule 3 asks for a blocker and its owner when none did."""
    before = previous_values(sprint, day)
    return any(before.get(kr_id) != value for kr_id, value in values.items())


@dataclass(frozen=True)
class CheckinPace:
    """One KR on one check-in: its value, the change since the previous one, and pace."""

    key_result: SprintKeyResult
    value: float | None
    change: float | None
    """Since the previous check-in, or since the baseline for the first one."""
    progress: float | None
    expected: float
    pace: Pace | None


def checkin_paces(sprint: Sprint, day: dt.date) -> list[CheckinPace]:
    """Per KR, the check-in dated `day` against the previous one and the expected line."""
    current = next((c for c in sprint.checkins if c.date == day), None)
    values = dict(current.values) if current is not None else {}
    before = previous_values(sprint, day)
    expected = expected_progress(sprint, day)
    result = []
    for key_result in sprint.key_results:
        value = values.get(key_result.id)
        earlier = before.get(key_result.id)
        change = value - earlier if value is not None and earlier is not None else None
        raw = kr_progress(key_result, value)
        kr_pace = pace(score(raw), expected) if raw is not None else None
        result.append(CheckinPace(key_result, value, change, raw, expected, kr_pace))
    return result
