"""The lint cache's stat index (issue 18): a run whose files' stat data match opens no
unchanged file, a run after one edit opens only that file, and a file that is racily
clean (changed in the same tick as the run that read it, or dated in the future) is
always read again. Every run's output equals a cold run's, byte for byte."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from microokr.cachefs import CACHE_DIR
from microokr.replay import PREFIX
from tests.gitrepo import commit_all, init_repo
from tests.warm_runs import FOLDERS, Opened, broken_copy, run_logged, settle


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return broken_copy(tmp_path)


def full_run(root: Path, log: Path, *args: str) -> Opened:
    """A run through the cache that is never a replay (the records are removed)."""
    for record in (root / CACHE_DIR).glob(f"{PREFIX}*"):
        record.unlink()
    done = run_logged(root, *args, log=log)
    assert not done.replayed
    return done


def same_as_cold(done: Opened, root: Path, log: Path) -> None:
    cold = run_logged(root, "--no-cache", log=log)
    assert (done.code, done.stdout, done.stderr) == (cold.code, cold.stdout, cold.stderr)


def edited_alone(ws: Path, log: Path, target: Path) -> None:
    """An edit of `target` (one more blank line), then a run that opens it and no other
    linted file, and prints what a cold run prints."""
    target.write_bytes(target.read_bytes().replace(b"\n", b"\n\n", 1))
    settle(ws)
    edited = full_run(ws, log)
    assert edited.read_any(ws, *FOLDERS) == [str(target)]
    same_as_cold(edited, ws, log)


def test_nothing_changed_opens_no_file_and_one_edit_opens_only_that_file(
    ws: Path, tmp_path: Path
) -> None:
    log = tmp_path / "opens.log"
    first = full_run(ws, log)
    assert len(first.read_any(ws, *FOLDERS)) == 10  # 9 sprints + 1 OKR file
    warm = full_run(ws, log)
    assert warm.read_any(ws, *FOLDERS) == []
    same_as_cold(warm, ws, log)
    edited_alone(ws, log, ws / "sprints" / "typo-key.yaml")
    assert full_run(ws, log).read_any(ws, *FOLDERS) == []


def test_in_a_repository_with_history_mo709_opens_no_unchanged_file_either(
    ws: Path, tmp_path: Path
) -> None:
    """MO709 compares each sprint's git blob id with its committed versions: a cache
    hit knows the id once a run has computed it, so it is not read only to be hashed;
    a file whose versions differ is compared once, then remembered as settled while
    it holds no unrecorded move (`history.settled`)."""
    log = tmp_path / "opens.log"
    init_repo(ws)
    commit_all(ws, date="2026-07-13T09:00:00+00:00")
    target = ws / "sprints" / "typo-key.yaml"
    target.write_bytes(target.read_bytes().replace(b"\n", b"\n\n", 1))
    commit_all(ws, date="2026-07-14T09:00:00+00:00")  # two versions of one file
    settle(ws)
    full_run(ws, log)  # every file read, and its blob id kept with its entry
    warm = full_run(ws, log)
    assert warm.read_any(ws, *FOLDERS) == []
    same_as_cold(warm, ws, log)
    edited_alone(ws, log, ws / "sprints" / "no-anchor.yaml")


def test_another_format_or_selection_is_answered_without_opening_a_file(
    ws: Path, tmp_path: Path
) -> None:
    log = tmp_path / "opens.log"
    full_run(ws, log)
    for args in (["--format", "sarif"], ["--select", "MO7"], ["--ignore", "MO0,MO5"]):
        done = full_run(ws, log, *args)
        assert done.read_any(ws, *FOLDERS) == [], args
        cold = run_logged(ws, "--no-cache", *args, log=log)
        assert (done.code, done.stdout) == (cold.code, cold.stdout), args


def test_a_racily_clean_file_is_read_again_until_it_is_older_than_a_run(
    ws: Path, tmp_path: Path
) -> None:
    log = tmp_path / "opens.log"
    target = ws / "sprints" / "typo-key.yaml"
    future = time.time_ns() + 3600 * 10**9  # a clock an hour ahead
    os.utime(target, ns=(future, future))
    for _ in range(2):
        done = full_run(ws, log)
        assert str(target) in done.read_any(ws, "sprints")  # never trusted by its stat
        same_as_cold(done, ws, log)
    os.utime(target, ns=(future - 7200 * 10**9, future - 7200 * 10**9))
    settle(ws)
    assert str(target) in full_run(ws, log).opened  # stat changed: hashed once more
    assert full_run(ws, log).read_any(ws, *FOLDERS) == []


def test_a_change_of_the_same_size_with_the_old_mtime_is_seen(ws: Path, tmp_path: Path) -> None:
    """The second of two edits in one second, of the same size, mtime put back: only
    the ctime (and git's racy rule for the first) can tell; both are kept."""
    log = tmp_path / "opens.log"
    full_run(ws, log)
    target = ws / "sprints" / "typo-key.yaml"
    info = target.stat()
    data = target.read_bytes()
    at = data.index(b"id: ") + 4
    target.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert target.stat().st_size == info.st_size
    done = full_run(ws, log)
    assert str(target) in done.opened
    same_as_cold(done, ws, log)
