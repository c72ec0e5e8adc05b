"""The smaller hostile cases of issue 12: each passed silently or misled before."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, TODAY, run_cli

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_conflict_markers_inside_a_block_scalar_are_reported(acme: Path) -> None:
    sprint = acme / "sprints" / "churn-cohort-recovery.yaml"
    sprint.write_bytes((CORPUS / "conflict-markers-in-block-scalar.yaml").read_bytes())
    for _ in range(2):  # cold and through the cache
        done = run_cli("--today", TODAY, "lint", str(sprint), cwd=acme)
        assert done.code == 1, done.stdout
        assert "churn-cohort-recovery.yaml:25:3: error MO001" in done.stdout
        assert "unresolved merge conflict" in done.stdout


def test_a_lone_line_of_equals_signs_is_no_conflict(acme: Path) -> None:
    """A Markdown underline in a note is text, not half of a conflict."""
    sprint = acme / "sprints" / "churn-cohort-recovery.yaml"
    text = sprint.read_text(encoding="utf-8")
    sprint.write_text(
        text.replace(
            "  do, and most of those renewing next have already said yes.\n",
            "  do, and most of those renewing next have already said yes.\n  =======\n",
            1,
        ),
        encoding="utf-8",
    )
    done = run_cli("--today", TODAY, "lint", str(sprint), cwd=acme)
    assert "MO001" not in done.stdout


def test_a_merge_key_is_named_as_unsupported(acme: Path) -> None:
    sprint = acme / "sprints" / "churn-cohort-recovery.yaml"
    text = sprint.read_text(encoding="utf-8")
    sprint.write_text(
        text.replace(
            "cadence: {every: daily, minutes: 15}",
            "cadence:\n  <<: {every: daily}\n  every: daily\n  minutes: 15",
            1,
        ),
        encoding="utf-8",
    )
    done = run_cli("--today", TODAY, "lint", "--no-cache", cwd=acme)
    assert done.code == 1
    line = next(x for x in done.stdout.splitlines() if "'<<'" in x)
    assert "MO003" in line and "merge keys ('<<') are not supported" in line
    assert "known fields" not in line


def test_a_fifo_config_is_reported_not_missing(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "acme", root)
    (root / "microokr.yaml").unlink()
    os.mkfifo(root / "microokr.yaml")
    done = run_cli("--today", TODAY, "lint", cwd=root)  # would hang if it were opened
    assert "no microokr.yaml" not in done.stderr
    assert done.code == 1
    assert "microokr.yaml:1:1: error MO007" in done.stdout
    assert "not a regular file" in done.stdout


def test_init_does_not_follow_an_okrs_link_out_of_the_workspace(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "new-ws"
    target.mkdir()
    (target / "okrs").symlink_to(outside, target_is_directory=True)
    done = run_cli("--today", TODAY, "init", str(target))
    assert done.code == 1
    assert "links outside the workspace" in done.stderr
    assert list(outside.iterdir()) == []
    assert not (target / "microokr.yaml").exists()
