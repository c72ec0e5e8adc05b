"""Outside a workspace every command says so (issue 19.3); paths you can click (19.4).

Run as a user meets it: the real executable in a folder with no microokr.yaml above
it, a SPRINT given as a path from elsewhere, lint's text output from the repo root.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli

NEEDS_A_WORKSPACE = [
    ("status",),
    ("new", "--no-input"),
    ("report", "foo"),
    ("checkin", "foo", "--no-input"),
    ("close", "foo", "--no-input"),
    ("lint",),
    ("due",),
]


@pytest.mark.parametrize("command", NEEDS_A_WORKSPACE, ids=lambda c: c[0])
def test_outside_a_workspace_every_command_says_there_is_none(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    done = run_cli("--today", "2026-11-26", *command, cwd=tmp_path)
    assert done.code == 2, (done.code, done.stdout, done.stderr)
    assert "no microokr.yaml in" in done.stderr, done.stderr
    assert "microokr init" in done.stderr and "--workspace" in done.stderr
    assert "No sprints match" not in done.stdout


def test_a_sprint_given_as_a_path_finds_its_workspace(tmp_path: Path) -> None:
    acme = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", acme)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sprint = acme / "sprints" / "west-pipeline-recovery.yaml"
    done = run_cli("--today", "2026-11-26", "report", str(sprint), "--output", "-", cwd=elsewhere)
    assert done.code == 0, done.stderr
    assert "west-pipeline-recovery" in done.stdout
    relative = Path("..") / "acme" / "sprints" / "west-pipeline-recovery.yaml"
    done = run_cli("--today", "2026-11-26", "report", str(relative), "-o", "-", cwd=elsewhere)
    assert done.code == 0, done.stderr


def test_lint_text_paths_are_relative_to_the_current_folder() -> None:
    target = "examples/broken/sprints/no-anchor.yaml"
    done = run_cli("--today", "2026-11-26", "lint", target, cwd=ROOT)
    assert f"{target}:5:1:" in done.stdout, done.stdout
    # JSON keeps the workspace-relative contract of spec/cli.md.
    done = run_cli("--today", "2026-11-26", "lint", target, "--format", "json", cwd=ROOT)
    paths = {d["path"] for d in json.loads(done.stdout)["diagnostics"]}
    assert "sprints/no-anchor.yaml" in paths
