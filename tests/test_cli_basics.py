from __future__ import annotations

from pathlib import Path

from microokr import __version__
from tests.conftest import run_cli


def test_version() -> None:
    done = run_cli("--version")
    assert done.code == 0
    assert done.stdout.strip() == f"microokr {__version__}"


def test_unknown_command_is_one_sentence_exit_2() -> None:
    done = run_cli("frobnicate")
    assert done.code == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "No such command 'frobnicate'" in done.stderr


def test_bad_today_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("--today", "2026-02-30", "init", str(tmp_path / "w"))
    assert done.code == 2
    assert "--today '2026-02-30' is not a date" in done.stderr
    assert not (tmp_path / "w").exists()


def test_ctrl_c_at_a_checkin_prompt_says_so_and_writes_nothing(acme: Path) -> None:
    import os
    import sys

    import pexpect

    sprint = acme / "sprints" / "lead-handoff-alignment.yaml"
    before = sprint.read_bytes()
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "microokr",
            "-w",
            str(acme),
            "--today",
            "2026-12-10",
            "checkin",
            "lead-handoff-alignment",
        ],
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect(r"\?|:")  # the first KR value prompt
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "interrupted: nothing was written" in (child.before or "")
    assert "Traceback" not in (child.before or "")
    assert sprint.read_bytes() == before
