"""The third-sprint check of `new`: the days the count can rise on, not every day."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from microokr.drafting.checks import active_conflicts
from microokr.model import Sprint
from microokr.workspace import load_workspace
from tests.conftest import TESTS

BASE = TESTS / "fixtures" / "rules" / "_base"
D = dt.date.fromisoformat


def sprint(sprint_id: str, start: str, end: str) -> dict[str, Any]:
    return {
        "id": sprint_id,
        "trigger": {"type": "kr-at-risk"},
        "window": {"start": start, "end": end},
        "owner": {"teams": ["sales-west"]},
    }


def workspace_with(tmp_path: Path, *sprints: dict[str, Any]) -> Any:
    import yaml

    shutil.copytree(BASE, tmp_path / "ws")
    for data in sprints:
        path = tmp_path / "ws" / "sprints" / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data))
    return load_workspace(tmp_path / "ws")


def test_the_conflict_is_found_on_the_day_the_second_one_starts(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        sprint("one", "2026-07-01", "2026-07-20"),
        sprint("two", "2026-07-10", "2026-07-30"),
    )
    candidate = Sprint.model_validate(sprint("new", "2026-07-05", "2026-07-19"))
    found = active_conflicts(ws, candidate, D("2026-07-01"))
    assert [(c.team, c.day, c.sprint_ids) for c in found] == [
        ("sales-west", D("2026-07-10"), ("one", "two"))
    ]


def test_back_to_back_is_no_conflict(tmp_path: Path) -> None:
    ws = workspace_with(
        tmp_path,
        sprint("one", "2026-07-01", "2026-07-09"),
        sprint("two", "2026-07-21", "2026-07-30"),
    )
    candidate = Sprint.model_validate(sprint("new", "2026-07-05", "2026-07-25"))
    assert active_conflicts(ws, candidate, D("2026-07-01")) == []


def test_a_window_to_the_end_of_time_does_not_overflow(tmp_path: Path) -> None:
    ws = workspace_with(tmp_path, sprint("one", "2026-07-01", "9999-12-31"))
    candidate = Sprint.model_validate(sprint("new", "0001-01-01", "9999-12-31"))
    assert active_conflicts(ws, candidate, D("2026-07-01")) == []


def test_each_answer_is_checked_by_the_rules_that_declare_it() -> None:
    """The steps of `new` name the answer, the rules say which answers they check."""
    from microokr.drafting.checks import rules_for

    assert rules_for(("trigger", "signal")) == ["MO101", "MO102"]
    assert rules_for(("anchor_kr",)) == ["MO202", "MO203", "MO205"]
    assert rules_for(("objective", "statement")) == ["MO401", "MO403", "MO801", "MO802"]
    assert rules_for(("key_results", 1, "statement")) == ["MO502", "MO801", "MO802"]
    assert rules_for(("key_results", 0)) == ["MO502", "MO503", "MO504", "MO505", "MO506", "MO508"]
    assert rules_for(("window",)) == ["MO104", "MO204", "MO601", "MO602", "MO603"]
    assert rules_for(("owner", "teams")) == ["MO103", "MO507", "MO604", "MO606", "MO607"]
    assert rules_for(("owner", "lead")) == ["MO605", "MO801"]
    assert rules_for(("close",)) == []
