"""`microokr carry`: the follow-up of a closed sprint, through --from/--no-input and a pty."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from microokr.yamlio.read import read_yaml
from tests.conftest import TESTS, run_cli
from tests.history.sprints import closed

FIXTURES = TESTS / "fixtures" / "rules"
TODAY = "2026-07-29"
INITIATIVES = "initiatives:\n  - team: sales-west\n    action: Call the 12 accounts that accepted\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "_base", root)
    (root / "sprints" / "west-pipeline-recovery.yaml").write_text(closed())
    return root


def _carried(root: Path, name: str = "west-pipeline-recovery-2") -> dict[str, object]:
    data = read_yaml((root / "sprints" / f"{name}.yaml").read_bytes()).data
    assert isinstance(data, dict)
    return data


def test_no_input_drafts_the_unmet_krs_from_their_final_values(
    workspace: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(INITIATIVES)
    done = run_cli(
        "--today", TODAY, "-w", str(workspace), "carry", "west-pipeline-recovery",
        "--id", "west-pipeline-recovery-2", "--start", "2026-07-29", "--end", "14d",
        "--from", str(answers), "--no-input",
    )  # fmt: skip
    assert done.code == 0, done.stdout + done.stderr
    data = _carried(workspace)
    assert data["carried_from"] == "west-pipeline-recovery"
    assert "checkins" not in data and "close" not in data
    krs = data["key_results"]
    assert isinstance(krs, list)
    assert [(kr["id"], kr["baseline"], kr["target"]) for kr in krs] == [
        ("kr1", 33, 35),
        ("kr3", 8, 7),
    ]
    assert krs[0]["statement"] == (
        "Increase ICP meeting acceptance rate from 33% to 35% within 14 days"
    )
    trigger = data["trigger"]
    assert isinstance(trigger, dict) and trigger["type"] == "kr-at-risk"
    assert "Acceptance moved once the persona was rewritten." in trigger["signal"]
    assert data["window"] == {
        "start": __import__("datetime").date(2026, 7, 29),
        "end": __import__("datetime").date(2026, 8, 12),
    }
    lint = run_cli("--today", TODAY, "-w", str(workspace), "lint", "--strict")
    assert lint.code == 0, lint.stdout


def test_the_from_file_wins_over_what_is_carried(workspace: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        INITIATIVES + "trigger:\n  signal: Acceptance is stuck at 33% after the persona "
        "rewrite, two points short of the 35% the anchor needs.\n"
    )
    done = run_cli(
        "--today", TODAY, "-w", str(workspace), "carry", "west-pipeline-recovery",
        "--id", "next", "--start", "2026-07-29", "--end", "2026-08-10",
        "--from", str(answers), "--no-input",
    )  # fmt: skip
    assert done.code == 0, done.stdout + done.stderr
    trigger = _carried(workspace, "next")["trigger"]
    assert isinstance(trigger, dict)
    assert trigger["signal"].startswith("Acceptance is stuck at 33%")
    assert trigger["type"] == "kr-at-risk"


def test_no_input_without_a_window_names_the_missing_answer(workspace: Path) -> None:
    done = run_cli(
        "--today", TODAY, "-w", str(workspace), "carry", "west-pipeline-recovery", "--no-input"
    )
    assert done.code == 2
    assert "window.start" in done.stderr
    assert sorted(p.name for p in (workspace / "sprints").iterdir()) == [
        ".gitkeep",
        "west-pipeline-recovery.yaml",
    ]


def test_refuses_a_sprint_that_is_not_closed(workspace: Path) -> None:
    path = workspace / "sprints" / "west-pipeline-recovery.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("close:")])
    done = run_cli("--today", TODAY, "-w", str(workspace), "carry", "west-pipeline-recovery")
    assert done.code == 1
    assert "'west-pipeline-recovery' is not closed: run `microokr close" in done.stderr


def test_refuses_when_every_kr_was_met(workspace: Path) -> None:
    path = workspace / "sprints" / "west-pipeline-recovery.yaml"
    text = path.read_text()
    met = text.replace("kr1: 33", "kr1: 35").replace("kr3: 8", "kr3: 7")
    assert met != text
    path.write_text(met)
    done = run_cli("--today", TODAY, "-w", str(workspace), "carry", "west-pipeline-recovery")
    assert done.code == 1
    assert "was met at its close: nothing to carry" in done.stderr


def _question(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split()) + r"[\s\S]*?: "


def test_in_a_terminal_only_what_must_be_decided_again_is_asked(workspace: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "80", "LINES": "40"}
    env.pop("MICROOKR_TODAY", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "microokr", "--today", TODAY, "carry", "west-pipeline-recovery"],
        cwd=str(workspace),
        env=env,
        encoding="utf-8",
        timeout=90,
        dimensions=(40, 80),
    )
    child.expect("Carrying 'west-pipeline-recovery' over")
    for asked, typed in (
        ("Initiative 1: what will be done?", "Call the 12 accounts that accepted"),
        ("Which team does it?", ""),
        ("Initiative 2", ""),
        ("Start date (YYYY-MM-DD)", "2026-07-29"),
        ("End date (YYYY-MM-DD), or a length like 14d or 3w", "14d"),
        ("Owning teams", ""),
        ("Sprint Lead", ""),
        ("Check-in cadence", ""),
        ("Minutes per check-in", ""),
        ("Sprint id", "west-pipeline-recovery-2"),
        ("Write this sprint? Enter to write", ""),  # new's review of the whole draft
    ):
        child.expect(_question(asked))
        before = child.before or ""
        assert "Trigger type" not in before and "Key Result 1" not in before
        child.sendline(typed)
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0, output
    assert "Wrote sprints/west-pipeline-recovery-2.yaml" in output
    data = _carried(workspace)
    assert data["carried_from"] == "west-pipeline-recovery"
    assert [kr["id"] for kr in data["key_results"]] == ["kr1", "kr3"]  # type: ignore[attr-defined]
