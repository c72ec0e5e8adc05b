"""The shared dashboard model: rows, confidence, team load, the daily trajectory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from microokr.dashboard import as_json, build_dashboard, daily_trajectory
from microokr.progress import Status
from microokr.workspace import load_workspace
from tests.conftest import EXAMPLES, TODAY

DAY = dt.date.fromisoformat(TODAY)


def test_rows_come_by_attention_and_carry_the_teams_call() -> None:
    board = build_dashboard(load_workspace(EXAMPLES / "acme"), DAY)
    assert [row.status for row in board.sprints][:2] == [Status.ACTIVE, Status.PLANNED]
    inbound = board.sprints[0]
    assert inbound.id == "inbound-spike-conversion"
    assert inbound.confidence == "at-risk"
    assert inbound.days_left == 4
    sales = next(team for team in board.teams if team.id == "sales")
    assert (sales.active, sales.limit, sales.over_limit) == (1, 2, False)
    assert as_json(board)["sprints"][0]["confidence"] == "at-risk"


def test_daily_trajectory_has_every_day_and_carries_values() -> None:
    workspace = load_workspace(EXAMPLES / "acme")
    _, sprint = next(pair for pair in workspace.sprints() if pair[1].id == "west-pipeline-recovery")
    series = daily_trajectory(sprint, DAY)
    # 14 July to 28 July: 15 days, one point each, whatever the gaps between check-ins.
    assert len(series.days) == 15
    assert [b - a for a, b in zip(series.days, series.days[1:], strict=False)] == [
        dt.timedelta(days=1)
    ] * 14
    # The expected line is straight on a daily axis: equal steps of 1/14.
    steps = {round(b - a, 9) for a, b in zip(series.expected, series.expected[1:], strict=False)}
    assert steps == {round(1 / 14, 9)}
    # 18 and 19 July have no check-in: the 17th's value carries, and they are not readings.
    day17 = series.days.index(dt.date(2026, 7, 17))
    assert series.progress["kr1"][day17 + 1] == series.progress["kr1"][day17]
    assert series.recorded[day17 + 1] is False
    assert series.recorded[0] and series.progress["kr1"][0] == 0.0


def test_a_window_of_centuries_is_sampled_not_walked(tmp_path: Path) -> None:
    workspace = load_workspace(EXAMPLES / "acme")
    _, sprint = next(pair for pair in workspace.sprints() if pair[1].id == "west-pipeline-recovery")
    wide = sprint.model_copy(
        update={
            "window": sprint.window.model_copy(update={"end": dt.date(9999, 12, 31)}),
            "close": None,
        }
    )
    series = daily_trajectory(wide, dt.date(9999, 12, 31))
    assert 2 <= len(series.days) <= 402
    assert series.days[0] == sprint.window.start and series.days[-1] == dt.date(9999, 12, 31)
