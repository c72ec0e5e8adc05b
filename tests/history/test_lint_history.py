"""MO709 on real git repositories built here: renames, odd names, shallow clones, no git."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from microokr.engine import lint
from microokr.history import open_history
from microokr.history.git import parse_log
from microokr.workspace import load_workspace
from tests.conftest import TESTS
from tests.gitrepo import commit_all, git, init_repo
from tests.history.sprints import SPRINT, version

FIXTURES = TESTS / "fixtures" / "rules"
TODAY = dt.date(2026, 8, 1)
_version = version


def _workspace(root: Path) -> Path:
    shutil.copytree(FIXTURES / "_base", root)
    init_repo(root)
    return root


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)


def _moved(root: Path) -> list[str]:
    result = lint(load_workspace(root), today=TODAY, select=["MO709"])
    return [f"{d.path}:{d.line}:{d.column} {d.message}" for d in result.diagnostics]


def _history_of_three(root: Path) -> None:
    _write(root, SPRINT, _version(1))
    commit_all(root, date="2026-07-13T09:00:00+00:00")
    _write(root, SPRINT, _version(2))
    commit_all(root, date="2026-07-15T09:00:00+00:00")


def test_a_rename_is_followed(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    git(root, "mv", SPRINT, "sprints/renamed.yaml")
    commit_all(root, date="2026-07-16T09:00:00+00:00", message="Rename")
    _write(root, "sprints/renamed.yaml", _version(3))
    commit_all(root, date="2026-07-20T09:00:00+00:00", author="Alex Kim")
    found = _moved(root)
    assert len(found) == 1
    assert found[0].startswith("sprints/renamed.yaml:24:13 kr2 target moved from 8 to 6")
    assert "(2026-07-20, Alex Kim)" in found[0]
    assert "recorded in commit" in found[0] and "(2026-07-15, Dana Ortiz)" in found[0]


def test_rename_and_change_in_one_commit_is_followed(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    git(root, "mv", SPRINT, "sprints/renamed.yaml")
    _write(root, "sprints/renamed.yaml", _version(3))
    commit_all(root, date="2026-07-20T09:00:00+00:00", author="Alex Kim")
    assert [line.split(" ", 1)[0] for line in _moved(root)] == ["sprints/renamed.yaml:24:13"]


def test_window_and_anchor_changes_are_goalposts(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    text = _version(2).replace("end: 2026-07-28", "end: 2026-08-04")
    text = text.replace("anchor_kr: q3-pipeline", "anchor_kr: q3-trial-to-paid")
    _write(root, SPRINT, text)
    commit_all(root, date="2026-07-21T09:00:00+00:00")
    found = _moved(root)
    assert any("window.end moved from 2026-07-28 to 2026-08-04" in line for line in found)
    assert any(
        line.startswith(f"{SPRINT}:7:12 anchor_kr moved from 'q3-pipeline'") for line in found
    )


def test_a_revision_dated_before_the_change_does_not_record_it(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    early = "revisions:\n  - date: 2026-07-16\n    what: kr2 target 8 -> 7\n"
    _write(root, SPRINT, _version(3) + early)
    commit_all(root, date="2026-07-20T09:00:00+00:00")
    assert len(_moved(root)) == 1
    _write(root, SPRINT, _version(3) + early.replace("07-16", "07-20"))
    assert _moved(root) == []


def test_reformatting_a_statement_is_not_moving_it(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    folded = _version(2).replace(
        "statement: Progress 6 stalled accounts from Discovery stage to Proposal stage",
        "statement: >-\n      Progress 6 stalled accounts from\n"
        "      Discovery stage to Proposal stage",
    )
    _write(root, SPRINT, folded)
    assert _moved(root) == []


def test_one_git_log_and_one_cat_file_for_the_whole_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _workspace(tmp_path / "ws")
    for number in range(6):
        _write(
            root,
            f"sprints/s{number}.yaml",
            _version(1).replace("id: west-pipeline-recovery", f"id: s{number}"),
        )
    commit_all(root, date="2026-07-13T09:00:00+00:00")
    for number in range(6):
        _write(
            root,
            f"sprints/s{number}.yaml",
            _version(2).replace("id: west-pipeline-recovery", f"id: s{number}"),
        )
    commit_all(root, date="2026-07-15T09:00:00+00:00")
    for number in range(6):
        _write(
            root,
            f"sprints/s{number}.yaml",
            _version(3).replace("id: west-pipeline-recovery", f"id: s{number}"),
        )
    calls: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(argv: list[str], **kwargs: object) -> object:  # subprocess.run comes here too
        calls.append(argv)
        return real_popen(argv, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", popen)
    assert len(_moved(root)) == 6
    verbs = [next(a for a in argv[1:] if not a.startswith("-") and "=" not in a) for argv in calls]
    assert verbs == ["rev-parse", "log", "cat-file"], calls


def test_outside_a_repository_the_rule_is_skipped_with_one_notice(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "_base", root)
    _write(root, SPRINT, _version(3))
    result = lint(load_workspace(root), today=TODAY)
    assert not [d for d in result.diagnostics if d.code == "MO709"]
    assert len(result.notices) == 1
    assert "goalposts-moved (MO709) is skipped:" in result.notices[0]
    assert "is not inside a git repository" in result.notices[0]
    assert lint(load_workspace(root), today=TODAY, history=False).notices == ()


def test_without_git_the_rule_is_skipped_with_one_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    _write(root, SPRINT, _version(3))
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    result = lint(load_workspace(root), today=TODAY)
    assert result.notices == (
        "goalposts-moved (MO709) is skipped: the git command is not installed",
    )
    assert not [d for d in result.diagnostics if d.code == "MO709"]


def test_a_shallow_clone_says_how_far_back_it_sees(tmp_path: Path) -> None:
    origin = _workspace(tmp_path / "origin")
    _history_of_three(origin)
    _write(origin, SPRINT, _version(3))
    commit_all(origin, date="2026-07-20T09:00:00+00:00", author="Alex Kim")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), str(clone))
    result = lint(load_workspace(clone), today=TODAY)
    assert len(result.notices) == 1
    notice = result.notices[0]
    assert notice.startswith("goalposts-moved (MO709): this is a shallow clone")
    assert "reaches back only to 2026-07-20 (commit" in notice and "git fetch --unshallow" in notice
    # Its one commit holds the check-in already: nothing earlier to compare with.
    assert not [d for d in result.diagnostics if d.code == "MO709"]


def test_the_cli_prints_the_notice_on_stderr_and_no_history_silences_it(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "_base", root)
    command = [shutil.which("microokr") or "microokr", "lint", "-w", str(root), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("microokr: note: goalposts-moved (MO709) is skipped") == 1
    assert done.stdout.startswith("{")
    quiet = subprocess.run([*command, "--no-history"], capture_output=True, text=True, check=False)
    assert quiet.stderr == ""


def test_hostile_authors_and_odd_file_names_stay_on_one_line(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    odd = "sprints/we\tird\x1b[31m.yaml"
    _write(root, odd, _version(1))
    commit_all(root, date="2026-07-13T09:00:00+00:00")
    _write(root, odd, _version(2))
    commit_all(root, date="2026-07-15T09:00:00+00:00")
    _write(root, odd, _version(3))
    commit_all(root, date="2026-07-20T09:00:00+00:00", author="Eve\x1b]0;pwned\x07 Mallory")
    found = _moved(root)
    assert len(found) == 1
    assert "\x1b" not in found[0] and "\x07" not in found[0]
    assert "Eve\\x1b]0;pwned\\x07 Mallory" in found[0]
    assert found[0].startswith("sprints/we\tird\\x1b[31m.yaml:24:13 ")


def test_parse_log_stops_quietly_on_garbage() -> None:
    assert list(parse_log(b"")) == []
    assert list(parse_log(b"\x01abc\0name\0not-a-date\0subject\n\0:garbage\0")) != []
    commits = list(parse_log(b"\x01abc\0n\0not-a-date\0s\0\n:1 2 3 4 M\0a.yaml\0"))
    assert commits[0][0].day == dt.date(1970, 1, 1)
    assert commits[0][1][0].path == "a.yaml"


def test_history_never_raises_for_a_folder_that_is_not_a_repository(tmp_path: Path) -> None:
    history = open_history(tmp_path, "sprints")
    assert not history.available and history.notice
    assert history.lineage("sprints/x.yaml") == []
    history.close()
    assert os.path.isdir(tmp_path)


def test_staged_lint_judges_the_index_not_the_disk(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    _history_of_three(root)
    _write(root, SPRINT, _version(3))
    git(root, "add", SPRINT)  # the lowered target is staged...
    _write(root, SPRINT, _version(2))  # ...and the working tree has it back at 8
    assert _moved(root) == []
    command = [shutil.which("microokr") or "microokr", "lint", "-w", str(root), "--staged"]
    done = subprocess.run(
        [*command, "--today", "2026-08-01", "--select", "MO709"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "kr2 target moved from 8 to 6 in the index (staged, not committed yet)" in done.stdout
    git(root, "reset", "-q", SPRINT)
    _write(root, SPRINT, _version(3))  # the same change, unstaged: the working tree has it
    assert "kr2 target moved from 8 to 6 in the working tree (not" in _moved(root)[0]
