"""`microokr status`: the table's content, the JSON shape, filters, warnings, 80 columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microokr.commands.status import bar
from tests.conftest import EXAMPLES, TODAY, run_cli

SPRINT_KEYS = {
    "id",
    "path",
    "status",
    "teams",
    "lead",
    "window",
    "days_left",
    "key_results",
    "closed_on",
    "last_checkin",
    "last_checkin_age_days",
    "confidence",
    "warnings",
}
KR_KEYS = {"id", "unit", "value", "progress", "score", "pace", "outcome"}
TEAM_KEYS = {"id", "name", "active", "limit", "over_limit", "sprints"}


def status_json(workspace: Path, *args: str, today: str = TODAY) -> dict[str, Any]:
    done = run_cli("--today", today, "status", "--format", "json", *args, cwd=workspace)
    assert done.code == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def status_text(workspace: Path, *args: str, today: str = TODAY, columns: int = 80) -> str:
    done = run_cli("--today", today, "status", *args, cwd=workspace, env={"COLUMNS": str(columns)})
    assert done.code == 0, done.stderr
    return done.stdout


def crowd_sales(workspace: Path) -> None:
    """Two more copies of the active inbound sprint: Sales then owns 3 active sprints."""
    original = (workspace / "sprints" / "inbound-spike-conversion.yaml").read_text("utf-8")
    for suffix in ("b", "c"):
        copy = original.replace("id: inbound-spike-conversion", f"id: inbound-{suffix}")
        (workspace / "sprints" / f"inbound-{suffix}.yaml").write_text(copy, "utf-8")


def test_json_shape_and_values(acme: Path) -> None:
    data = status_json(acme)
    assert data["version"] == 1
    assert data["today"] == TODAY
    assert set(data) == {"version", "today", "sprints", "teams", "unreadable"}
    assert data["unreadable"] == []
    by_id = {row["id"]: row for row in data["sprints"]}
    for row in data["sprints"]:
        assert set(row) == SPRINT_KEYS
        assert all(set(kr) == KR_KEYS for kr in row["key_results"])
    assert {sid: row["status"] for sid, row in by_id.items()} == {
        "inbound-spike-conversion": "active",
        "lead-handoff-alignment": "planned",
        "west-pipeline-recovery": "closed",
        "trial-to-paid-activation": "closed",
        "churn-cohort-recovery": "closed",
        "enterprise-anchor-client": "closed",
    }
    # Rows come overdue, active, planned, closed; then by window start.
    assert [row["id"] for row in data["sprints"]][:2] == [
        "inbound-spike-conversion",
        "lead-handoff-alignment",
    ]
    inbound = by_id["inbound-spike-conversion"]
    assert inbound["days_left"] == 4
    assert inbound["last_checkin"] == "2026-11-26"
    assert inbound["last_checkin_age_days"] == 0
    assert inbound["confidence"] == "at-risk"  # the team's own call at its latest check-in
    assert by_id["west-pipeline-recovery"]["confidence"] == "on-track"
    assert by_id["lead-handoff-alignment"]["confidence"] is None
    assert inbound["warnings"] == []
    assert inbound["path"] == "sprints/inbound-spike-conversion.yaml"
    conversion = inbound["key_results"][0]
    assert conversion["id"] == "inbound-conversion"
    assert conversion["value"] == 16
    assert conversion["progress"] == pytest.approx(8 / 12)
    assert conversion["pace"] == "on track"
    assert inbound["key_results"][2]["pace"] == "at risk"
    west = by_id["west-pipeline-recovery"]
    assert west["days_left"] is None
    assert west["closed_on"] == "2026-07-28"
    assert west["last_checkin_age_days"] == 121
    assert [kr["outcome"] for kr in west["key_results"]] == ["partly"] * 3
    planned = by_id["lead-handoff-alignment"]
    assert planned["last_checkin"] is None
    assert all(kr["value"] is None and kr["pace"] is None for kr in planned["key_results"])
    teams = {team["id"]: team for team in data["teams"]}
    assert all(set(team) == TEAM_KEYS for team in teams.values())
    assert teams["sales"] == {
        "id": "sales",
        "name": "Sales",
        "active": 1,
        "limit": 2,
        "over_limit": False,
        "sprints": ["inbound-spike-conversion"],
    }
    assert teams["sales-west"]["active"] == 0
    assert len(teams) == 7


def test_text_table_content(acme: Path) -> None:
    text = status_text(acme, columns=100)
    lines = text.splitlines()
    assert lines[0].split() == ["Sprint", "/", "teams", "Status", "Check-in", "KR", "progress",
                                "Warnings"]  # fmt: skip
    inbound = next(i for i, line in enumerate(lines) if "inbound-spike-conversion" in line)
    assert "active" in lines[inbound] and "today" in lines[inbound]
    assert f"{bar(8 / 12)}  67% inbound-conversion" in lines[inbound]
    assert "4d left" in lines[inbound + 1]
    assert "61% contracts-signed" in lines[inbound + 2]
    planned = next(line for line in lines if "lead-handoff-alignment" in line)
    assert "planned" in planned and "—" in planned
    west = next(i for i, line in enumerate(lines) if "west-pipeline-recovery" in line)
    assert "closed" in lines[west] and "121d ago" in lines[west] and "85% kr1" in lines[west]
    assert "on 07-28" in lines[west + 1]
    assert "sales: 1 of 2 active (inbound-spike-conversion)" in lines
    assert "sales-west: 0 of 2 active" in lines
    assert inbound < west  # active rows before closed ones


@pytest.mark.parametrize("workspace", ["acme", "broken", "crowded"])
@pytest.mark.parametrize("today", [TODAY, "2026-12-25"])
def test_fits_80_columns(acme: Path, workspace: str, today: str) -> None:
    root = EXAMPLES / "broken" if workspace == "broken" else acme
    if workspace == "crowded":
        crowd_sales(acme)
    text = status_text(root, today=today)
    too_long = [line for line in text.splitlines() if len(line) > 80]
    assert too_long == []
    assert "KR progress" in text


def test_bar_uses_eighths() -> None:
    assert bar(0) == "░" * 8
    assert bar(1) == "█" * 8
    assert bar(1.7) == "█" * 8
    assert bar(-0.3) == "░" * 8
    assert bar(0.5) == "████░░░░"
    assert bar(1 / 16) == "▌░░░░░░░"


def test_overdue_warning(acme: Path) -> None:
    data = status_json(acme, today="2026-12-25")
    by_id = {row["id"]: row for row in data["sprints"]}
    inbound = by_id["inbound-spike-conversion"]
    assert inbound["status"] == "overdue"
    assert inbound["days_left"] == -25
    assert [w["code"] for w in inbound["warnings"]] == ["overdue-close"]
    assert "close overdue by 25d" in inbound["warnings"][0]["message"]
    text = status_text(acme, today="2026-12-25")
    assert "! inbound-spike-conversion: close overdue by 25d: hold the Sprint Close" in text
    row = next(line for line in text.splitlines() if line.startswith("inbound-spike"))
    assert row.rstrip().endswith("overdue")
    # An overdue sprint still counts against its teams' limit.
    assert "sales: 2 of 2 active" in text


def test_stale_checkin_warning(acme: Path) -> None:
    data = status_json(acme, today="2026-11-28")
    inbound = next(r for r in data["sprints"] if r["id"] == "inbound-spike-conversion")
    assert inbound["warnings"] == [
        {"code": "stale-checkin", "message": "no check-in for 2d (daily cadence)"}
    ]
    fresh = status_json(acme, today="2026-11-27")
    inbound = next(r for r in fresh["sprints"] if r["id"] == "inbound-spike-conversion")
    assert inbound["warnings"] == []
    text = status_text(acme, today="2026-11-28")
    assert "! inbound-spike-conversion: no check-in for 2d (daily cadence)" in text


def test_team_over_limit_warning(acme: Path) -> None:
    crowd_sales(acme)
    data = status_json(acme)
    sales = next(t for t in data["teams"] if t["id"] == "sales")
    assert sales["active"] == 3 and sales["over_limit"] is True
    active = [r for r in data["sprints"] if r["status"] == "active"]
    assert len(active) == 3
    for row in active:
        assert {"code": "team-over-limit", "message": "sales: 3 active, limit 2"} in row["warnings"]
    closed = [r for r in data["sprints"] if r["status"] == "closed"]
    assert all(r["warnings"] == [] for r in closed)
    text = status_text(acme)
    assert "sales: 3 of 2 active, over the limit (inbound-b, inbound-c," in text
    rows = [line for line in text.splitlines() if line.startswith("inbound-") and "today" in line]
    assert len(rows) == 3 and all(row.rstrip().endswith("limit") for row in rows)


def test_filters(acme: Path) -> None:
    sales = status_json(acme, "--team", "sales")
    assert {r["id"] for r in sales["sprints"]} == {
        "inbound-spike-conversion",
        "lead-handoff-alignment",
        "trial-to-paid-activation",
        "enterprise-anchor-client",
    }
    assert [t["id"] for t in sales["teams"]] == ["sales"]
    closed = status_json(acme, "--status", "closed")
    assert {r["status"] for r in closed["sprints"]} == {"closed"}
    assert len(closed["sprints"]) == 4
    both = status_json(acme, "--team", "sales", "--status", "planned")
    assert [r["id"] for r in both["sprints"]] == ["lead-handoff-alignment"]
    none = status_text(acme, "--status", "overdue")
    assert "No sprints match." in none


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--team", "salse"),
            "--team 'salse' is not a team of this workspace; did you mean 'sales'?",
        ),
        (("--status", "done"), "--status 'done' is not one of: overdue, active, planned, closed"),
        (("--format", "xml"), "--format 'xml' is not one of: text, json"),
    ],
)
def test_bad_filter_values_exit_2(acme: Path, args: tuple[str, ...], message: str) -> None:
    done = run_cli("--today", TODAY, "status", *args, cwd=acme)
    assert done.code == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_unreadable_sprint_is_named(tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLES / "broken", broken)
    (broken / "sprints" / "garbled.yaml").write_text("id: garbled\nwindow: [oops\n")
    data = status_json(broken)
    assert data["unreadable"] == ["sprints/garbled.yaml"]
    assert "garbled" not in {r["id"] for r in data["sprints"]}
    # A typo'd key is an error for lint, but the rest of the sprint is still shown.
    assert "typo-key" in {r["id"] for r in data["sprints"]}
    text = status_text(broken)
    assert "Not shown, cannot be read: sprints/garbled.yaml (run 'microokr lint')" in text


def test_today_option_on_the_command(acme: Path) -> None:
    done = run_cli("status", "--today", "2026-12-10", "--format", "json", cwd=acme)
    assert done.code == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["today"] == "2026-12-10"
    by_id = {row["id"]: row["status"] for row in data["sprints"]}
    assert by_id["lead-handoff-alignment"] == "active"
    assert by_id["inbound-spike-conversion"] == "overdue"


def test_width_is_used_ids_whole_when_wide_compact_when_narrow(acme: Path) -> None:
    """Issue 19.5: identical output at 80 and 120 columns was the bug."""
    narrow, standard, wide = (status_text(acme, columns=c) for c in (60, 80, 120))
    assert standard != wide
    ids = ["inbound-spike-conversion", "lead-handoff-alignment", "trial-to-paid-activation"]
    for text in (narrow, standard, wide):
        lines = text.splitlines()
        # Sprint ids are never cut: each appears whole at the start of a line.
        assert all(any(line.startswith(i) for line in lines) for i in ids), text
    # Wide: KR ids whole, each KR line ends with its pace verdict.
    row = next(line for line in wide.splitlines() if "inbound-conversion" in line)
    assert row.rstrip().endswith("on track")
    assert "contracts-signed" in wide and "at risk" in wide
    # Narrow: one block per sprint, nothing wider than the terminal, no table header.
    assert "KR progress" not in narrow
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert "  active, 4d left; check-in today; team: at risk" in narrow.splitlines()


def test_team_confidence_beside_the_pace(acme: Path) -> None:
    text = status_text(acme, columns=100)
    lines = text.splitlines()
    inbound = next(i for i, line in enumerate(lines) if line.startswith("inbound-spike"))
    # The check-in column: the age, then the team's own call at its latest check-in.
    assert "at risk" in lines[inbound + 1].split("4d left")[1]
    planned = next(i for i, line in enumerate(lines) if line.startswith("lead-handoff"))
    assert "risk" not in lines[planned + 1] and "track" not in lines[planned + 1]
