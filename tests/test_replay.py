"""Whole-result replay (`microokr.replay`): an unchanged workspace linted again with the
same command line prints the last result without opening a sprint or OKR file, and
any change of an input (a file's bytes or stat data, the file list, the config, git's
HEAD, today) is a full run whose output equals a cold run's, byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from microokr.cachefs import CACHE_DIR
from microokr.replay import PREFIX
from tests.warm_runs import FOLDERS, Opened, broken_copy, run_logged, settle


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return broken_copy(tmp_path)


def cold(root: Path, log: Path, *args: str) -> Opened:
    return run_logged(root, "--no-cache", *args, log=log)


def replayed(root: Path, log: Path, *args: str) -> Opened:
    """Run until a run is replayed (at most three runs)."""
    for _ in range(3):
        done = run_logged(root, *args, log=log)
        if done.replayed:
            return done
        settle(root)
    raise AssertionError("no run was replayed")


def test_an_unchanged_workspace_is_replayed_without_opening_a_file(
    ws: Path, tmp_path: Path
) -> None:
    log = tmp_path / "opens.log"
    for fmt in ("text", "json", "github", "sarif", "summary"):
        first = run_logged(ws, "--format", fmt, log=log)
        assert not first.replayed  # a format not linted yet: the full path
        again = run_logged(ws, "--format", fmt, log=log)
        assert again.replayed and again.read_any(ws, *FOLDERS) == [], fmt
        reference = cold(ws, log, "--format", fmt)
        assert reference.code == 1 and reference.stdout  # examples/broken has errors
        for done in (first, again):
            assert (done.code, done.stdout, done.stderr) == (
                reference.code,
                reference.stdout,
                reference.stderr,
            )


CHANGES = {
    "edit": lambda ws: _rewrite(ws / "sprints" / "typo-key.yaml", b"\n", b"\n\n"),
    "same size, mtime restored": lambda ws: _same_size(ws / "sprints" / "typo-key.yaml"),
    "touch": lambda ws: os.utime(ws / "sprints" / "typo-key.yaml"),
    "new file": lambda ws: shutil.copyfile(
        ws / "sprints" / "typo-key.yaml", ws / "sprints" / "typo-key-2.yaml"
    ),
    "rename": lambda ws: (ws / "sprints" / "typo-key.yaml").rename(ws / "sprints" / "z.yaml"),
    "remove": lambda ws: (ws / "sprints" / "z.yaml").unlink(),
    "config": lambda ws: _rewrite(ws / "microokr.yaml", b"\n", b"\n# more\n"),
    "okr file": lambda ws: _rewrite(next((ws / "okrs").glob("*.yaml")), b"\n", b"\n\n"),
    "other file": lambda ws: (ws / "sprints" / "notes.txt").write_text("x", encoding="utf-8"),
    "schema copy": lambda ws: (ws / ".microokr" / "schemas").mkdir(parents=True),
    "lint cache removed": lambda ws: (ws / CACHE_DIR / "lint.cache").unlink(),
}


def _rewrite(path: Path, old: bytes, new: bytes) -> None:
    path.write_bytes(path.read_bytes().replace(old, new, 1))


def _same_size(path: Path) -> None:
    """Another byte of the same size, the old mtime put back (only ctime tells)."""
    info = path.stat()
    data = path.read_bytes()
    at = data.index(b"id: ") + 4
    path.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_changed_input_is_a_full_run_that_says_what_a_cold_run_says(
    ws: Path, tmp_path: Path
) -> None:
    log = tmp_path / "opens.log"
    replayed(ws, log)
    for change, make in CHANGES.items():
        make(ws)
        settle(ws)
        after = run_logged(ws, log=log)
        assert not after.replayed, change
        reference = cold(ws, log)
        assert (after.code, after.stdout, after.stderr) == (
            reference.code,
            reference.stdout,
            reference.stderr,
        ), change
        assert replayed(ws, log).stdout == reference.stdout, change


def test_a_file_changed_in_the_same_tick_as_the_run_is_never_replayed(
    ws: Path, tmp_path: Path
) -> None:
    """A file with an mtime in the future (clock skew, or changed as the run began) is
    racily clean: no record is trusted while that lasts."""
    log = tmp_path / "opens.log"
    replayed(ws, log)
    target = ws / "sprints" / "typo-key.yaml"
    _same_size(target)
    future = time.time_ns() + 3600 * 10**9  # a clock an hour ahead
    os.utime(target, ns=(future, future))
    for _ in range(2):
        done = run_logged(ws, log=log)
        assert str(target) in done.opened
        assert done.stdout == cold(ws, log).stdout


def test_a_forged_or_foreign_record_is_a_miss(ws: Path, tmp_path: Path) -> None:
    log = tmp_path / "opens.log"
    good = replayed(ws, log)
    (record,) = (ws / CACHE_DIR).glob(f"{PREFIX}*")
    data = record.read_bytes()
    record.write_bytes(data.replace(b"MO", b"XO", 1))  # the printed result, edited
    done = run_logged(ws, log=log)
    assert not done.replayed and done.stdout == good.stdout
    # A valid record of another workspace (copied in, same key) names its own root.
    other = tmp_path / "other"
    shutil.copytree(ws, other, ignore=shutil.ignore_patterns(CACHE_DIR))
    run_logged(other, log=log)
    (mine,) = (ws / CACHE_DIR).glob(f"{PREFIX}*")
    for theirs in (other / CACHE_DIR).glob(f"{PREFIX}*"):
        shutil.copyfile(theirs, ws / CACHE_DIR / mine.name)
    assert not run_logged(ws, log=log).replayed


def test_a_new_commit_is_a_full_run(ws: Path, tmp_path: Path) -> None:
    """MO709 reads git's history: HEAD moving (a commit) must not be replayed over."""
    log = tmp_path / "opens.log"

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(ws), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "--allow-empty", "-m", "a")
    settle(ws)
    replayed(ws, log)
    git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "--allow-empty", "-m", "b")
    settle(ws)
    assert not run_logged(ws, log=log).replayed


def test_another_day_or_other_options_are_not_the_recorded_run(ws: Path, tmp_path: Path) -> None:
    log = tmp_path / "opens.log"
    replayed(ws, log)
    assert not run_logged(ws, log=log, today="2027-01-04").replayed
    assert not run_logged(ws, "--select", "MO0", log=log).replayed
    assert not run_logged(ws, "--no-cache", log=log).replayed
    out = tmp_path / "out.txt"
    assert not run_logged(ws, "--output", str(out), log=log).replayed


def test_a_failed_check_hands_its_scan_and_stat_data_to_the_program_once(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The full run after a replay check that found a change reuses the check's scan
    and stat data; an in-process caller (tests, `cli.main(argv)`) never does."""
    from microokr import replay

    scan = replay.scanned(ws, ["okrs", "sprints"])
    assert scan is not None
    assert replay.stats_digest(scan[0], stamp=0) is None  # all racy: no digest...
    assert replay.handover() == ({}, {})  # ...and nothing for an in-process caller
    monkeypatch.setattr(replay, "ARGV", ["lint"])
    scan = replay.scanned(ws, ["okrs", "sprints"])
    assert scan is not None
    replay.stats_digest(scan[0], stamp=0)
    scans, stats = replay.handover()
    assert sorted(stats) == sorted(scan[0])  # every file's, though the first was racy
    for path in scan[0]:
        info = os.stat(path)
        numbers = [info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
        assert stats[path].split() == [str(n) for n in [*numbers, info.st_ino, info.st_dev]]
    assert [found[0] for found in scans.values()] == [
        [path for path in scan[0] if f"/{folder}/" in path] for folder in ("okrs", "sprints")
    ]
    assert replay.handover() == ({}, {})  # once


def test_a_repository_whose_config_includes_another_file_is_never_replayed(
    ws: Path, tmp_path: Path
) -> None:
    """The included file's settings change git's output (MO709) and its stat data are
    not recorded: no record is kept, every run is a full one."""
    log = tmp_path / "opens.log"
    subprocess.run(["git", "-C", str(ws), "init", "-q"], check=True, capture_output=True)
    extra = tmp_path / "extra.config"
    extra.write_text("[diff]\n\trenameLimit = 5\n", encoding="utf-8")
    with (ws / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(f"[include]\n\tpath = {extra}\n")
    for _ in range(3):
        settle(ws)
        done = run_logged(ws, log=log)
        assert not done.replayed
        reference = cold(ws, log)
        assert (done.code, done.stdout, done.stderr) == (
            reference.code,
            reference.stdout,
            reference.stderr,
        )
    assert not list((ws / CACHE_DIR).glob(f"{PREFIX}*"))
