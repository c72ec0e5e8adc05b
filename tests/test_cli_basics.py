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
