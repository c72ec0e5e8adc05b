"""Derived values: computed in progress.py only, with today as an argument."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from microokr import progress
from microokr.model import Sprint

D = dt.date


def sprint(**extra: Any) -> Sprint:
    data: dict[str, Any] = {
        "id": "s",
        "trigger": {"type": "kr-at-risk"},
        "window": {"start": D(2026, 7, 14), "end": D(2026, 7, 28)},
        "owner": {"teams": ["sales-west"]},
        "key_results": [
            {"id": "kr1", "statement": "up", "baseline": 22, "target": 35},
            {"id": "kr3", "statement": "down", "baseline": 12, "target": 7},
        ],
    }
    data.update(extra)
    return Sprint.model_validate(data)


@pytest.mark.parametrize(
    ("today", "closed", "expected"),
    [
        (D(2026, 7, 13), False, progress.Status.PLANNED),
        (D(2026, 7, 14), False, progress.Status.ACTIVE),
        (D(2026, 7, 28), False, progress.Status.ACTIVE),
        (D(2026, 7, 29), False, progress.Status.OVERDUE),
        (D(2026, 7, 20), True, progress.Status.CLOSED),
    ],
)
def test_status_on_a_day(today: dt.date, closed: bool, expected: progress.Status) -> None:
    close = {"close": {"date": D(2026, 7, 20)}} if closed else {}
    assert progress.status(sprint(**close), today) is expected


def test_window_length_is_end_minus_start() -> None:
    assert progress.window_days(sprint()) == 14
    assert progress.days_left(sprint(), D(2026, 7, 20)) == 8


def test_progress_and_score_increasing_kr() -> None:
    assert progress.progress(22, 35, 28.5) == pytest.approx(0.5)
    assert progress.score(progress.progress(22, 35, 40)) == 1.0
    assert progress.score(progress.progress(22, 35, 20)) == 0.0


def test_progress_of_a_decreasing_kr_12_to_7_days() -> None:
    assert progress.progress(12, 7, 11) == pytest.approx(0.2)
    assert progress.progress(12, 7, 7) == pytest.approx(1.0)
    assert progress.progress(12, 7, 13) == pytest.approx(-0.2)
    assert progress.score(-0.2) == 0.0
    kr3 = sprint().key_results[1]
    assert progress.kr_progress(kr3, 8) == pytest.approx(0.8)


def test_progress_without_a_gap_is_none() -> None:
    assert progress.progress(5, 5, 6) is None
    assert progress.score(None) == 0.0


def test_expected_progress_is_the_elapsed_share() -> None:
    s = sprint()
    assert progress.expected_progress(s, D(2026, 7, 10)) == 0.0
    assert progress.expected_progress(s, D(2026, 7, 21)) == pytest.approx(0.5)
    assert progress.expected_progress(s, D(2026, 8, 30)) == 1.0


@pytest.mark.parametrize(
    ("score", "expected", "verdict"),
    [
        (0.5, 0.5, progress.Pace.ON_TRACK),
        (0.41, 0.5, progress.Pace.ON_TRACK),
        (0.3, 0.5, progress.Pace.AT_RISK),
        (0.2, 0.5, progress.Pace.OFF_TRACK),
        (1.0, 0.2, progress.Pace.ON_TRACK),
    ],
)
def test_pace_thresholds(score: float, expected: float, verdict: progress.Pace) -> None:
    assert progress.pace(score, expected) is verdict


def test_outcome() -> None:
    assert progress.outcome(1.0) is progress.Outcome.MET
    assert progress.outcome(0.4) is progress.Outcome.PARTLY
    assert progress.outcome(0) is progress.Outcome.NOT_MOVED
    assert progress.outcome(None) is progress.Outcome.NOT_MOVED


def test_anchor_movement_and_share_of_the_gap() -> None:
    s = sprint(close={"date": D(2026, 7, 28), "anchor": {"start": 21.2, "end": 24.6}})
    moved = progress.anchor_movement(s, 30)
    assert moved is not None
    assert moved.delta == pytest.approx(3.4)
    assert moved.share_of_gap == pytest.approx(3.4 / 8.8)
    # decreasing anchor: churn 3.2 -> 2.0, moved 3.2 -> 2.9
    churn = sprint(close={"date": D(2026, 7, 28), "anchor": {"start": 3.2, "end": 2.9}})
    moved = progress.anchor_movement(churn, 2.0)
    assert moved is not None and moved.share_of_gap == pytest.approx(0.25)
    assert progress.anchor_movement(sprint(), 30) is None


def test_latest_values_prefer_the_close() -> None:
    checkins = [
        {"date": D(2026, 7, 15), "values": {"kr1": 24, "kr3": 11}},
        {"date": D(2026, 7, 16), "values": {"kr1": 25, "kr3": 10}},
    ]
    s = sprint(checkins=checkins)
    assert progress.latest_values(s) == {"kr1": 25, "kr3": 10}
    closed = sprint(
        checkins=checkins, close={"date": D(2026, 7, 28), "final": {"kr1": 30, "kr3": 8}}
    )
    assert progress.latest_values(closed) == {"kr1": 30, "kr3": 8}


def test_counting_days_for_the_limit_of_two() -> None:
    s = sprint()
    assert progress.counting_days(s, D(2026, 7, 1)) == (D(2026, 7, 14), D(2026, 7, 28))
    # overdue: counts through today
    assert progress.counting_days(s, D(2026, 8, 5)) == (D(2026, 7, 14), D(2026, 8, 5))
    # closed: stops the day it closes
    closed = sprint(close={"date": D(2026, 7, 20)})
    assert progress.counting_days(closed, D(2026, 8, 5)) == (D(2026, 7, 14), D(2026, 7, 19))


def test_linear_trajectory_beyond_float_range_is_none() -> None:
    from microokr.model import OkrFile

    okr = OkrFile.model_validate(
        {
            "period": {"start": D(2026, 7, 1), "end": D(2026, 9, 30)},
            "objectives": [
                {
                    "id": "o",
                    "statement": "s",
                    "key_results": [
                        {"id": "k", "statement": "s", "baseline": -9e307, "target": 9e307}
                    ],
                }
            ],
        }
    )
    key_result = okr.objectives[0].key_results[0]
    assert progress.linear_trajectory(okr, key_result, D(2026, 8, 15)) is None
    key_result = key_result.model_copy(update={"baseline": 20, "target": 30})
    assert progress.linear_trajectory(okr, key_result, D(2026, 7, 1)) == 20


def test_numbers_are_written_back_exactly() -> None:
    from microokr.formatting import number as plain_number

    assert plain_number(1234567.0) == "1234567"
    assert plain_number(1234567) == "1234567"
    assert plain_number(21.6) == "21.6"
    assert float(plain_number(0.1 + 0.2)) == 0.1 + 0.2
