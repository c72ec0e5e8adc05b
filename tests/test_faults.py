"""Write faults for every command that writes: disk full, read-only folder, failed rename.

The OS errors are simulated in-process (monkeypatched `os.fdopen`, `os.fsync`,
`tempfile.mkstemp`, `os.replace`): chmod does not stop root, and a tmpfs needs
privileges CI may not have. Property for each command and each fault: exit 1, one
sentence saying what happened, every file byte-identical, no temporary file left.
A writer killed by SIGKILL mid-write is covered by
tests/test_checkin.py::test_a_writer_killed_at_random_points_leaves_the_old_or_the_new_file.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from microokr.yamlio import files
from tests.conftest import EXAMPLES, run_cli
from tests.robustness import invoke, one_sentence_error, snapshot

NEW_BASE = Path(__file__).resolve().parent / "fixtures" / "rules" / "_base"
NEW_ANSWERS = (
    Path(__file__).resolve().parent / "fixtures" / "new" / "west-pipeline-recovery.answers.yaml"
)


@dataclass(frozen=True)
class Writer:
    """A command that writes, the workspace it runs in, and its arguments."""

    name: str
    make: Callable[[Path], Path]  # builds the workspace under tmp_path; returns its root
    args: Callable[[Path], list[str]]  # arguments given the root
    cwd_is_root: bool = True


def _acme(tmp: Path) -> Path:
    root = tmp / "ws"
    shutil.copytree(EXAMPLES / "acme", root)
    return root


def _new_base(tmp: Path) -> Path:
    root = tmp / "ws"
    shutil.copytree(NEW_BASE, root)
    return root


def _empty(tmp: Path) -> Path:
    root = tmp / "ws"
    root.mkdir(parents=True)
    return root


CLOSE_ANSWERS = ["--learning", "l", "--highest-impact", "h", "--no-revision", "--no-input"]

WRITERS = [
    Writer(
        "checkin",
        _acme,
        lambda root: [
            "--today",
            "2026-12-10",
            "checkin",
            "lead-handoff-alignment",
            "--value",
            "handoff-response=20",
            "--value",
            "lead-to-meeting=19",
            "--value",
            "stage-progression=10",
            "--no-input",
        ],
    ),
    Writer(
        "close",
        _acme,
        lambda root: ["--today", "2026-11-30", "close", "inbound-spike-conversion", *CLOSE_ANSWERS],
    ),
    Writer(
        "close-report-to-stdout",
        _acme,
        lambda root: [
            "--today",
            "2026-11-30",
            "close",
            "inbound-spike-conversion",
            *CLOSE_ANSWERS,
            "--output",
            "-",
        ],
    ),
    Writer(
        "new",
        _new_base,
        lambda root: ["--today", "2026-07-10", "new", "--from", str(NEW_ANSWERS), "--no-input"],
    ),
    Writer("init", _empty, lambda root: ["--today", "2026-11-26", "init", str(root / "fresh")]),
    Writer(
        "init-pre-commit",
        _empty,
        lambda root: ["--today", "2026-11-26", "init", str(root / "fresh"), "--pre-commit"],
    ),
    Writer(
        "report-output",
        _acme,
        lambda root: [
            "--today",
            "2026-11-26",
            "report",
            "west-pipeline-recovery",
            "--output",
            str(root / "reports" / "west.md"),
        ],
    ),
    Writer(
        "lint-output",
        _acme,
        lambda root: [
            "--today",
            "2026-11-26",
            "lint",
            "--no-cache",
            "--output",
            str(root / "l.txt"),
        ],
    ),
]


def _healthy_run_writes(writer: Writer, tmp_path: Path) -> None:
    """Sanity: without a fault the command succeeds and writes something."""
    root = writer.make(tmp_path / "healthy")
    before = snapshot(root)
    done = invoke(*writer.args(root), cwd=root, env={"MICROOKR_NO_CACHE": "1"})
    assert done.code in (0, 1), done
    assert "Traceback" not in done.stderr and "microokr: error" not in done.stderr, done
    assert snapshot(root) != before, f"{writer.name} wrote nothing without a fault"


class _FullDisk:
    """A file object that writes half of what it is given, then reports ENOSPC."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 2])
        self._real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _fault_disk_full_on_write(monkeypatch: pytest.MonkeyPatch) -> str:
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real(fd, *args, **kwargs)
        mode = args[0] if args else kwargs.get("mode", "r")
        return _FullDisk(handle) if "w" in mode else handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    return os.strerror(errno.ENOSPC)


def _fault_disk_full_on_fsync(monkeypatch: pytest.MonkeyPatch) -> str:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    return os.strerror(errno.ENOSPC)


def _fault_read_only_folder(monkeypatch: pytest.MonkeyPatch) -> str:
    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return os.strerror(errno.EROFS)


def _fault_permission_denied(monkeypatch: pytest.MonkeyPatch) -> str:
    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return os.strerror(errno.EACCES)


def _fault_rename_refused(monkeypatch: pytest.MonkeyPatch) -> str:
    def replace(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", replace)
    # Edits put the new file in place by exchanging names, the same rename system call.
    monkeypatch.setattr(files, "exchange", replace)
    return os.strerror(errno.EACCES)


FAULTS: dict[str, Callable[[pytest.MonkeyPatch], str]] = {
    "disk-full-on-write": _fault_disk_full_on_write,
    "disk-full-on-fsync": _fault_disk_full_on_fsync,
    "read-only-folder": _fault_read_only_folder,
    "permission-denied": _fault_permission_denied,
    "rename-refused": _fault_rename_refused,
}


def _temporaries(root: Path) -> list[str]:
    return [p.name for p in root.rglob(".*.tmp")]


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("writer", WRITERS, ids=[w.name for w in WRITERS])
def test_a_failed_write_changes_nothing_and_says_so(
    writer: Writer, fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = writer.make(tmp_path)
    before = snapshot(root)
    reason = FAULTS[fault](monkeypatch)
    done = invoke(*writer.args(root), cwd=root, env={"MICROOKR_NO_CACHE": "1"})
    monkeypatch.undo()
    assert done.code == 1, done
    one_sentence_error(done)
    assert reason in done.stderr, done.stderr
    after = snapshot(root)
    assert _temporaries(root) == [], "a temporary file was left behind"
    changed = sorted(
        rel for rel in set(before) | set(after) if before.get(rel, b"?") != after.get(rel, b"?")
    )
    # Folders a command creates on the way (init's, reports/) may stay; no file may.
    new_files = [rel for rel in changed if after.get(rel) is not None or rel in before]
    assert new_files == [], f"{writer.name} changed {new_files} although the write failed"


@pytest.mark.parametrize("writer", WRITERS, ids=[w.name for w in WRITERS])
def test_every_fault_case_writes_when_healthy(writer: Writer, tmp_path: Path) -> None:
    """The fault tests above would pass vacuously if the command never wrote."""
    _healthy_run_writes(writer, tmp_path)


def test_init_retried_after_a_full_disk_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A half-written scaffold must not block the retry with 'refusing to overwrite'."""
    target = tmp_path / "fresh"
    calls = {"n": 0}
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        handle = real(fd, *args, **kwargs)
        return _FullDisk(handle) if calls["n"] == 3 else handle  # the third file fails

    monkeypatch.setattr(os, "fdopen", fdopen)
    failed = invoke("--today", "2026-11-26", "init", str(target), cwd=tmp_path)
    monkeypatch.undo()
    assert failed.code == 1, failed
    one_sentence_error(failed)
    assert "nothing was written" in failed.stderr
    assert [p for p in target.rglob("*") if p.is_file()] == []
    retried = run_cli("--today", "2026-11-26", "init", str(target), cwd=tmp_path)
    assert retried.code == 0, retried.stderr


def test_close_whose_report_cannot_be_written_keeps_the_recorded_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sprint file is written first; a failed report says how to write it later."""
    root = _acme(tmp_path)
    sprint = root / "sprints" / "inbound-spike-conversion.yaml"
    before = sprint.read_bytes()
    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        if str(kwargs.get("prefix", "")).startswith(".inbound-spike-conversion.md"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    args = ["--today", "2026-11-30", "close", "inbound-spike-conversion", *CLOSE_ANSWERS]
    done = invoke(*args, cwd=root, env={"MICROOKR_NO_CACHE": "1"})
    monkeypatch.undo()
    assert done.code == 1, done
    one_sentence_error(done)
    assert "the close is recorded, but the report was not written" in done.stderr
    assert "microokr report inbound-spike-conversion" in done.stderr
    assert sprint.read_bytes().startswith(before) and sprint.read_bytes() != before
    assert not (root / "reports" / "inbound-spike-conversion.md").exists()
    assert _temporaries(root) == []
    rerun = invoke(
        "--today", "2026-11-30", "report", "inbound-spike-conversion", "--output",
        str(root / "reports" / "inbound-spike-conversion.md"), cwd=root,
    )  # fmt: skip
    assert rerun.code == 0, rerun
