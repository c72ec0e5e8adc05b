"""No git, or a git whose `cat-file` dies: every history reader says so, none crashes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.history.repos import recalibrated_repo

WHY = "git cat-file stopped answering; no history was read"


@pytest.fixture
def broken_git(tmp_path: Path) -> dict[str, str]:
    """PATH with a `git` that runs the real one, except `cat-file`, which exits at once."""
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "git"
    script.write_text(
        f'#!/bin/sh\nfor a in "$@"; do [ "$a" = cat-file ] && exit 1; done\nexec "{real}" "$@"\n'
    )
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return recalibrated_repo(tmp_path / "ws", steps=4)  # kr2 and the window moved


def test_lint_skips_mo709_with_one_note(repo: Path, broken_git: dict[str, str]) -> None:
    done = run_cli("--today", "2026-08-01", "-w", str(repo), "lint", "--select", "MO709",
                   env=broken_git)  # fmt: skip
    assert done.code == 0, done.stdout + done.stderr  # no finding from half a history
    assert done.stderr == f"microokr: note: goalposts-moved (MO709) is skipped: {WHY}\n"
    working = run_cli("--today", "2026-08-01", "-w", str(repo), "lint", "--select", "MO709")
    assert working.code == 1 and "window.end moved" in working.stdout  # with a working git


def test_site_builds_and_says_history_was_not_available(
    repo: Path, broken_git: dict[str, str]
) -> None:
    done = run_cli("--today", "2026-08-01", "-w", str(repo), "site", env=broken_git)
    assert done.code == 0, done.stderr
    assert done.stderr == f"microokr: note: the pages show no history from git: {WHY}\n"
    page = (repo / "site" / "sprints" / "west-pipeline-recovery.html").read_text("utf-8")
    assert f"History from git was not available: {WHY}." in page


def test_history_and_report_say_it_in_one_sentence(repo: Path, broken_git: dict[str, str]) -> None:
    done = run_cli("-w", str(repo), "history", "west-pipeline-recovery", env=broken_git)
    assert done.code == 2 and done.stderr == f"microokr: error: no history to show: {WHY}\n"
    report = run_cli("--today", "2026-08-01", "-w", str(repo), "report",
                     "west-pipeline-recovery", env=broken_git)  # fmt: skip
    assert report.code == 0, report.stderr
    assert "Re-calibrations" not in report.stdout and "Traceback" not in report.stderr


def test_without_git_the_site_builds_and_says_so(repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-git"
    empty.mkdir()
    done = run_cli("--today", "2026-08-01", "-w", str(repo), "site", env={"PATH": str(empty)})
    assert done.code == 0, done.stderr
    why = "the git command is not installed"
    assert done.stderr == f"microokr: note: the pages show no history from git: {why}\n"
    page = (repo / "site" / "sprints" / "west-pipeline-recovery.html").read_text("utf-8")
    assert f"History from git was not available: {why}." in page
