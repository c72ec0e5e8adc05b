"""`progress` never raises on the first and last days Python knows, whatever command runs.

`close.date: 0001-01-01` once made `microokr status` an internal error (the day
before the close does not exist); 9999-12-31 has no day after it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

SPRINT = "west-pipeline-recovery"

CLOSE = "  date: 2026-07-28\n  early: null"
EDITS = {
    "close-0001-01-01": [(CLOSE, CLOSE.replace("2026-07-28", "0001-01-01"))],
    "close-9999-12-31": [(CLOSE, CLOSE.replace("2026-07-28", "9999-12-31"))],
    "window-at-the-start-of-time": [
        ("  start: 2026-07-14\n  end: 2026-07-28", "  start: 0001-01-01\n  end: 0001-01-14")
    ],
    "window-at-the-end-of-time": [
        ("  start: 2026-07-14\n  end: 2026-07-28", "  start: 9999-12-18\n  end: 9999-12-31")
    ],
    "open-window-at-the-end-of-time": [
        ("  start: 2026-07-14\n  end: 2026-07-28", "  start: 9999-12-18\n  end: 9999-12-31"),
        ("\nclose:\n", "\nold_close:\n"),
    ],
}

COMMANDS = [
    ("status",),
    ("status", "--format", "json"),
    ("report", SPRINT, "--output", "-"),
    ("lint",),
    ("checkin", SPRINT, "--no-input", "--value", "kr1=30", "--value", "kr2=4", "--value", "kr3=7"),
    ("close", SPRINT, "--no-input", "--no-revision", "--learning", "x", "--output", "-"),
]


def _workspace(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", root)
    path = root / "sprints" / f"{SPRINT}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in EDITS[case]:
        assert old in text, old
        text = text.replace(old, new, 1)
    if case == "open-window-at-the-end-of-time":
        # The renamed block is an unknown key: drop it so the sprint is open and valid.
        text = re.sub(r"\nold_close:\n(  .*\n|\n)*", "\n", text)
    path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("case", sorted(EDITS))
@pytest.mark.parametrize("today", ["2026-11-26", "0001-01-01", "9999-12-31"])
def test_no_command_fails_on_extreme_dates(tmp_path: Path, case: str, today: str) -> None:
    root = _workspace(tmp_path, case)
    for command in COMMANDS:
        done = run_cli("--today", today, "-w", str(root), *command)
        assert "internal error" not in done.stderr, (command, done.stderr)
        assert "Traceback" not in done.stderr, (command, done.stderr)
        assert done.code in (0, 1, 2), (command, done.code, done.stderr)
