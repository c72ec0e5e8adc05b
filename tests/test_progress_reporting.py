"""The derived values behind `status` and the report: cadence, standings, trajectory, load."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from microokr import progress
from microokr.model import Sprint

D = dt.date.fromisoformat


def sprint(**overrides: Any) -> Sprint:
    data: dict[str, Any] = {
        "id": "s",
        "trigger": {"type": "kr-at-risk"},
        "key_results": [
            {"id": "up", "statement": "Increase x from 10 to 20", "baseline": 10, "target": 20},
            {"id": "down", "statement": "Reduce y from 8 to 4", "baseline": 8, "target": 4},
        ],
        "window": {"start": "2026-07-01", "end": "2026-07-15"},
        "owner": {"teams": ["a"]},
        "cadence": {"every": "daily"},
        "checkins": [],
    }
    data.update(overrides)
    return Sprint.model_validate(data)


def checkin(day: str, up: float = 10, down: float = 8, **extra: Any) -> dict[str, Any]:
    return {"date": day, "values": {"up": up, "down": down}, **extra}


def test_daily_cadence_counts_due_and_missed_days() -> None:
    s = sprint(checkins=[checkin("2026-07-02"), checkin("2026-07-03"), checkin("2026-07-06")])
    cadence = progress.checkin_cadence(s, D("2026-07-06"))
    assert cadence is not None
    assert (cadence.due, cadence.recorded) == (5, 3)
    assert cadence.missed == (D("2026-07-04"), D("2026-07-05"))


def test_todays_checkin_is_pending_not_missed() -> None:
    s = sprint(checkins=[checkin("2026-07-02")])
    cadence = progress.checkin_cadence(s, D("2026-07-03"))
    assert cadence is not None
    assert (cadence.due, cadence.missed) == (1, ())


def test_weekly_cadence_slots() -> None:
    s = sprint(
        cadence={"every": "weekly"},
        window={"start": "2026-07-01", "end": "2026-07-29"},
        checkins=[checkin("2026-07-06"), checkin("2026-07-20")],
    )
    cadence = progress.checkin_cadence(s, D("2026-08-10"))
    assert cadence is not None
    assert cadence.through == D("2026-07-29")  # never past the window
    assert cadence.due == 4
    # Slots end on 07-08 (kept by 07-06), 07-15 (missed), 07-22 (kept), 07-29 (missed).
    assert cadence.missed == (D("2026-07-15"), D("2026-07-29"))


def test_closed_sprint_counts_through_its_close() -> None:
    s = sprint(
        checkins=[checkin("2026-07-02"), checkin("2026-07-03")],
        close={"date": "2026-07-04", "early": "done"},
    )
    cadence = progress.checkin_cadence(s, D("2027-01-01"))
    assert cadence is not None
    # The close day is the Sprint Close, not a missed stand-up (issue 19, item 7).
    assert (cadence.due, cadence.missed, cadence.missed_count) == (2, (), 0)
    # A check-in held on the close day still counts as kept.
    held = sprint(
        checkins=[checkin("2026-07-02"), checkin("2026-07-03"), checkin("2026-07-04")],
        close={"date": "2026-07-04", "early": "done"},
    )
    kept = progress.checkin_cadence(held, D("2027-01-01"))
    assert kept is not None and (kept.due, kept.missed_count) == (3, 0)


def test_no_cadence_no_count() -> None:
    assert progress.checkin_cadence(sprint(cadence=None), D("2026-07-05")) is None
    assert progress.checkin_stale(sprint(cadence=None), D("2026-07-05")) is False


def test_stale_only_while_active() -> None:
    s = sprint(checkins=[checkin("2026-07-02")])
    assert progress.checkin_stale(s, D("2026-07-03")) is False
    assert progress.checkin_stale(s, D("2026-07-04")) is True
    assert progress.checkin_stale(s, D("2026-06-20")) is False  # planned
    assert progress.checkin_stale(s, D("2026-07-20")) is False  # overdue warns instead
    # No check-in yet: counted from the window's start.
    assert progress.checkin_stale(sprint(), D("2026-07-02")) is False
    assert progress.checkin_stale(sprint(), D("2026-07-03")) is True


def test_standings_use_the_last_checkin_and_judge_pace() -> None:
    s = sprint(checkins=[checkin("2026-07-02", 11, 8), checkin("2026-07-08", 15, 7)])
    up, down = progress.kr_standings(s, D("2026-07-08"))
    assert (up.value, up.progress, up.outcome) == (15, 0.5, progress.Outcome.PARTLY)
    assert up.pace is progress.Pace.ON_TRACK  # expected 7/14 = 0.5
    assert (down.value, down.progress) == (7, 0.25)
    assert down.pace is progress.Pace.AT_RISK  # exactly 25 points behind: still at risk
    assert progress.count_outcomes([up, down])[progress.Outcome.PARTLY] == 2
    assert progress.count_paces([up, down])[progress.Pace.AT_RISK] == 1
    (_, stalled) = progress.kr_standings(s, D("2026-07-12"))
    assert stalled.pace is progress.Pace.OFF_TRACK  # expected 11/14, score 0.25


def test_standings_of_a_closed_sprint_use_the_final_values() -> None:
    s = sprint(
        checkins=[checkin("2026-07-14", 19, 5)],
        close={"date": "2026-07-15", "final": {"up": 20, "down": 9}},
    )
    up, down = progress.kr_standings(s, D("2030-01-01"))
    assert up.outcome is progress.Outcome.MET
    assert down.outcome is progress.Outcome.NOT_MOVED and down.progress == pytest.approx(-0.25)


def test_trajectory_starts_at_the_baselines_and_ends_at_the_close() -> None:
    s = sprint(
        checkins=[checkin("2026-07-08", 15, 6), {"date": "2026-07-02", "values": {"up": 12}}],
        close={"date": "2026-07-15", "final": {"up": 18, "down": 5}},
    )
    points = progress.trajectory(s)
    assert [p.date for p in points] == [
        D("2026-07-01"),
        D("2026-07-02"),
        D("2026-07-08"),
        D("2026-07-15"),
    ]
    assert [p.expected for p in points] == [0, 1 / 14, 0.5, 1]
    assert [p.progress["up"] for p in points] == [0, 0.2, 0.5, 0.8]
    assert [p.progress["down"] for p in points] == [0, None, 0.5, 0.75]
    assert progress.fill_forward([p.progress["down"] for p in points]) == [0, 0, 0.5, 0.75]
    assert progress.fill_forward([None, 0.3]) == [0.0, 0.3]


def test_anchor_movement_so_far_from_checkin_readings() -> None:
    s = sprint(checkins=[checkin("2026-07-02", anchor=20), checkin("2026-07-05", anchor=23)])
    movement = progress.anchor_movement_so_far(s, 30)
    assert movement is not None
    assert (movement.start, movement.end, movement.delta) == (20, 23, 3)
    assert movement.share_of_gap == pytest.approx(0.3)
    assert progress.anchor_movement_so_far(sprint(), 30) is None


def test_active_sprints_by_team_counts_active_and_overdue() -> None:
    active = sprint(id="one", owner={"teams": ["a", "b"]})
    overdue = sprint(id="two", window={"start": "2026-06-01", "end": "2026-06-10"})
    closed = sprint(id="three", close={"date": "2026-07-03", "early": "x"})
    planned = sprint(id="four", window={"start": "2026-08-01", "end": "2026-08-10"})
    load = progress.active_sprints_by_team([active, overdue, closed, planned], D("2026-07-05"))
    assert load == {"a": ["one", "two"], "b": ["one"]}


def test_a_window_of_centuries_lists_the_first_missed_dates_and_counts_the_rest() -> None:
    # A hostile file's window; the report once walked every one of its 3.6 million days.
    s = sprint(
        window={"start": "0001-01-01", "end": "9999-12-31"},
        checkins=[checkin("0001-01-02"), checkin("2026-07-15")],
    )
    cadence = progress.checkin_cadence(s, D("2026-11-26"))
    assert cadence is not None
    days = (D("2026-11-26") - D("0001-01-01")).days
    assert cadence.due == days - 1  # today's check-in may still happen
    assert cadence.missed_count == cadence.due - 2
    assert len(cadence.missed) == progress.MISSED_LISTED
    assert cadence.missed[0] == D("0001-01-03")


def test_weekly_cadence_missed_count_matches_the_listed_dates() -> None:
    s = sprint(
        cadence={"every": "weekly"},
        window={"start": "2026-07-01", "end": "2026-07-29"},
        checkins=[checkin("2026-07-05"), checkin("2026-07-20")],
    )
    cadence = progress.checkin_cadence(s, D("2026-08-10"))
    assert cadence is not None
    assert cadence.due == 4 and cadence.missed == (D("2026-07-15"), D("2026-07-29"))
    assert cadence.missed_count == 2
