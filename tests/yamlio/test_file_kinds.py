"""Edits through the CLI on files a plain rename would damage, and edits past the limits.

A read-only sprint is refused; a link inside the workspace has its target edited
(the link stays a link); a hard-linked sprint is refused (a rename would split
it); an edit that would cross the size or value limits is refused before writing.
"""

from __future__ import annotations

import os
from pathlib import Path

from microokr.yamlio.read import read_yaml
from tests.conftest import run_cli

HANDOFF = "sprints/lead-handoff-alignment.yaml"
VALUES = ["--value", "handoff-response=20", "--value", "lead-to-meeting=19"]
VALUES += ["--value", "stage-progression=10"]
CHECKIN = ["--today", "2026-12-10", "checkin", "lead-handoff-alignment", *VALUES, "--no-input"]


def _checkin_days(path: Path) -> list[str]:
    doc = read_yaml(path.read_bytes())
    assert not doc.problems and not doc.aborted
    return [str(c["date"]) for c in doc.data.get("checkins") or []]


def test_a_read_only_sprint_is_refused_and_left_alone(acme: Path) -> None:
    path = acme / HANDOFF
    before = path.read_bytes()
    path.chmod(0o444)
    run = run_cli(*CHECKIN, cwd=acme)
    assert run.code == 1, run.stderr
    assert "is read-only: nothing was written" in run.stderr
    assert "Traceback" not in run.stderr
    assert path.read_bytes() == before
    assert path.stat().st_mode & 0o777 == 0o444


def test_a_link_inside_the_workspace_has_its_target_edited(acme: Path) -> None:
    target = acme / "archive" / "lead-handoff-alignment.yaml"
    target.parent.mkdir()
    (acme / HANDOFF).rename(target)
    link = acme / HANDOFF
    link.symlink_to(Path("..") / "archive" / "lead-handoff-alignment.yaml")
    run = run_cli(*CHECKIN, cwd=acme)
    assert run.code == 0, run.stderr
    assert link.is_symlink(), "the link was replaced by a regular file"
    assert _checkin_days(target) == ["2026-12-10"]
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in link.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_hard_linked_sprint_is_refused_and_both_names_kept(acme: Path) -> None:
    path = acme / HANDOFF
    before = path.read_bytes()
    other = acme / "lead-handoff-alignment.backup"
    os.link(path, other)
    run = run_cli(*CHECKIN, cwd=acme)
    assert run.code == 1, run.stderr
    assert "has 2 hard links" in run.stderr and "nothing was written" in run.stderr
    assert path.read_bytes() == before == other.read_bytes()
    assert os.stat(path).st_ino == os.stat(other).st_ino


def test_a_check_in_that_would_cross_the_size_limit_is_refused(acme: Path) -> None:
    path = acme / HANDOFF
    text = path.read_text()
    padding = 1024 * 1024 - len(text.encode()) - 2_000
    text += "".join(f"# {'x' * 97}\n" for _ in range(padding // 100))
    path.write_text(text)
    before = path.read_bytes()
    assert _checkin_days(path) == []  # a file the commands still read
    run = run_cli(*CHECKIN, "--note", "n" * 100_000, cwd=acme)
    assert run.code == 1, run.stderr
    assert "over the 1,048,576-byte limit" in run.stderr and "nothing was written" in run.stderr
    assert path.read_bytes() == before


def test_a_check_in_whose_blockers_cross_the_value_cap_is_refused(acme: Path) -> None:
    path = acme / HANDOFF
    before = path.read_bytes()
    stalled = ["--value", "handoff-response=26", "--value", "lead-to-meeting=18"]
    stalled += ["--value", "stage-progression=9"]
    blockers = [arg for n in range(10_000) for arg in ("--blocker", f"b{n}@sales")]
    run = run_cli(
        "--today", "2026-12-10", "checkin", "lead-handoff-alignment", *stalled, *blockers,
        "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 1, run.stderr
    assert "50,000 values" in run.stderr and "nothing was written" in run.stderr
    assert "internal error" not in run.stderr
    assert path.read_bytes() == before
