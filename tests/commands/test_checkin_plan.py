"""`checkin --done ID` / `--blocked ID`: the integrated plan's status, recorded in the check-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from microokr.yamlio.read import read_yaml
from tests.conftest import run_cli
from tests.rules.test_rule_fixtures import build_workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"
SPRINT = "sprints/trial-to-paid-activation.yaml"
VALUES = ["--value", "activation-72h=27", "--value", "time-to-activation=8"]
VALUES += ["--value", "activated-conversion=31"]


@pytest.fixture
def joint(tmp_path: Path) -> Path:
    """The base workspace with a joint sprint whose initiatives have ids (MO509's good case)."""
    target = tmp_path / "ws"
    build_workspace(FIXTURES / "MO509" / "good-known-dependencies", target)
    return target


def checkin(workspace: Path, *args: str) -> tuple[int, str]:
    run = run_cli("--today", "2026-08-12", "checkin", "trial-to-paid-activation", *VALUES,
                  *args, "--no-input", cwd=workspace)  # fmt: skip
    return run.code, run.stdout + run.stderr


def test_done_and_blocked_are_recorded_and_reported(joint: Path) -> None:
    code, output = checkin(
        joint, "--done", "resequence-onboarding", "--blocked", "nurture-prompt",
        "--done", "resequence-onboarding",
    )  # fmt: skip
    assert code == 0, output
    assert "Initiatives done: resequence-onboarding." in output
    assert "Initiatives blocked: nurture-prompt." in output
    entry = read_yaml((joint / SPRINT).read_bytes()).data["checkins"][-1]
    assert entry["done"] == ["resequence-onboarding"]
    assert entry["blocked"] == ["nurture-prompt"]
    assert "done: [resequence-onboarding]" in (joint / SPRINT).read_text()
    report = run_cli("--today", "2026-08-12", "report", "trial-to-paid-activation", cwd=joint)
    assert report.code == 0, report.stderr
    assert "| resequence-onboarding | done 2026-08-12 |" not in report.stdout
    rows = [line for line in report.stdout.splitlines() if line.startswith("| Product")]
    assert rows and rows[0].endswith("| — | done 2026-08-12 |"), rows
    marketing = [line for line in report.stdout.splitlines() if line.startswith("| Marketing")]
    assert marketing[0].endswith("| `resequence-onboarding` | blocked |"), marketing
    lint = run_cli("--today", "2026-08-12", "lint", cwd=joint)
    assert lint.code == 0, lint.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--done", "resequence-onboardng"], "did you mean 'resequence-onboarding'?"),
        (
            ["--blocked", "pricing"],
            "--blocked 'pricing' is no initiative id of trial-to-paid-activation "
            "(its ids: resequence-onboarding, nurture-prompt, live-calls)\n",
        ),
        (["--done", "x\x1b[31m"], "--done 'x\\x1b[31m' is no initiative id"),  # shown escaped
        (["--done", "live-calls", "--blocked", "live-calls"], "both --done and --blocked"),
    ],
)
def test_an_unknown_or_contradictory_mark_writes_nothing(
    joint: Path, args: list[str], said: str
) -> None:
    before = (joint / SPRINT).read_bytes()
    code, output = checkin(joint, *args)
    assert code == 2, output
    assert said in output
    assert "Traceback" not in output
    assert (joint / SPRINT).read_bytes() == before
