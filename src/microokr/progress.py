"""Derived values, computed here and nowhere else; `today` is always an argument.

Status, window length, KR progress and score, expected progress, pace verdicts,
anchor movement and the days a sprint counts against its teams' limit of 2.
Nothing here reads the clock, the disk or prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from microokr.model import Checkin, OkrFile, OkrKeyResult, Sprint, SprintKeyResult

ACTIVE_LIMIT = 2
"""Governance rule 1: at most 2 active (or overdue) Micro-OKR sprints per team."""

ON_TRACK_GAP = 0.10
"""A KR is on track while its score trails the expected progress by at most 10 points."""
AT_RISK_GAP = 0.25
"""...at risk while it trails by at most 25 points, and off track beyond that."""

CADENCE_DAYS = {"daily": 1, "twice-weekly": 4, "weekly": 7}
"""How many days may pass between check-ins before one is stale (MO705)."""


class Status(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    OVERDUE = "overdue"
    CLOSED = "closed"


class Pace(StrEnum):
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"


class Outcome(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MOVED = "not moved"


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


def counting_days(sprint: Sprint, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day (inclusive) a sprint counts against its teams' limit.

    From `window.start` to the day before its close; while not closed, through
    `window.end`, and through today when it is overdue (it still counts).
    """
    start = sprint.window.start
    if sprint.close is not None:
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
    return key_result.baseline + (key_result.target - key_result.baseline) * share
