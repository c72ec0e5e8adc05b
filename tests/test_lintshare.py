"""A cold lint shared with a forked helper (`lintshare`, `forkshare`), as real processes.

Each run is compared with the same workspace linted in one process
(`MICROOKR_JOBS=1`): the same stdout, stderr and exit code, and the same cache file
byte for byte. The runner (`tests.forkruns`) is `microokr` itself with test hooks patched in:
it reports how many sprint files the helper checked, and can make the helper die,
hang, or the main process wait for the helper's first file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from microokr.cachefs import CACHE_DIR, CACHE_FILE
from tests.conftest import TODAY
from tests.forkruns import RUNNER, environment, generate, helped, helper_pids


@dataclass(frozen=True)
class Linted:
    code: int
    stdout: bytes
    stderr: bytes
    cache: bytes
    helped: int | None
    """Sprint files the helper checked (None: no helper was asked)."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory)


def lint_cold(root: Path, tmp: Path, **extra: str) -> Linted:
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    report = tmp / "helped"
    report.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "--today", TODAY, "lint", "-w", str(root),
         "--format", "json", "--no-history"],
        env=environment(report, **extra),
        capture_output=True,
        timeout=300,
        cwd=root,
    )  # fmt: skip
    given = helped(report)
    cache = (root / CACHE_DIR / CACHE_FILE).read_bytes()
    return Linted(done.returncode, done.stdout, done.stderr, cache, given[0] if given else None)


@pytest.fixture(scope="module")
def alone(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Linted:
    linted = lint_cold(generated, tmp_path_factory.mktemp("alone"), MICROOKR_JOBS="1")
    assert linted.code == 1 and linted.helped == 0  # the generator's mistakes are found
    return linted


def _same(shared: Linted, alone: Linted) -> None:
    assert shared.stdout == alone.stdout
    assert shared.stderr == alone.stderr
    assert shared.code == alone.code
    assert shared.cache == alone.cache


def test_files_the_helper_checked_give_the_result_of_one_process(
    generated: Path, alone: Linted, tmp_path: Path
) -> None:
    shared = lint_cold(generated, tmp_path, SHARE_FAULT="wait")
    assert shared.helped is not None and shared.helped > 0
    _same(shared, alone)


def test_a_helper_that_dies_midway_changes_nothing(
    generated: Path, alone: Linted, tmp_path: Path
) -> None:
    shared = lint_cold(generated, tmp_path, SHARE_FAULT="die")
    assert shared.helped is not None and shared.helped <= 5
    _same(shared, alone)


def test_a_helper_that_gets_no_core_is_not_waited_for(
    generated: Path, alone: Linted, tmp_path: Path
) -> None:
    shared = lint_cold(generated, tmp_path, SHARE_FAULT="hang")  # timeout=300 if waited
    assert shared.helped == 0
    _same(shared, alone)
    [pid] = helper_pids(tmp_path / "helped")
    assert not _alive(pid)


def test_a_warm_run_and_a_small_workspace_stay_in_one_process(
    generated: Path, alone: Linted, tmp_path: Path, acme: Path
) -> None:
    lint_cold(generated, tmp_path)
    report = tmp_path / "warm"
    (generated / "sprints" / sorted(os.listdir(generated / "sprints"))[0]).touch()
    subprocess.run(
        [sys.executable, "-c", RUNNER, "--today", TODAY, "lint", "-w", str(generated)],
        env=environment(report), capture_output=True, timeout=300, cwd=generated,
    )  # fmt: skip
    assert helped(report) is None  # no helper was even asked for
    small = tmp_path / "small"
    subprocess.run(
        [sys.executable, "-c", RUNNER, "--today", TODAY, "lint", "-w", str(acme)],
        env=environment(small), capture_output=True, timeout=300, cwd=acme,
    )  # fmt: skip
    assert helped(small) is None


def test_ctrl_c_during_a_shared_run_says_one_sentence_and_leaves_no_helper(
    generated: Path, tmp_path: Path
) -> None:
    shutil.rmtree(generated / CACHE_DIR, ignore_errors=True)
    report = tmp_path / "helped"
    child = subprocess.Popen(
        [sys.executable, "-c", RUNNER, "--today", TODAY, "lint", "-w", str(generated)],
        env=environment(report, SHARE_FAULT="interrupt"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=generated,
        start_new_session=True,
    )
    pid_file = Path(str(report) + ".pid")
    deadline = time.monotonic() + 120
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.01)
    helper = int(pid_file.read_text())
    os.killpg(child.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130
    assert err.decode().splitlines() == ["microokr: error: interrupted: nothing was written"]
    assert out == b""
    assert not (generated / CACHE_DIR / CACHE_FILE).exists()
    deadline = time.monotonic() + 30
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper)


def _alive(pid: int) -> bool:
    """Running (a zombie, or a pid gone, is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def test_ctrl_c_at_random_moments_of_a_shared_run_is_said_once(
    generated: Path, tmp_path: Path
) -> None:
    """Around the fork too: a Ctrl-C there must not make the helper a second main process
    (a second sentence, or buffered output printed twice)."""
    import random

    command = [sys.executable, "-c", RUNNER, "--today", TODAY, "lint", "-w", str(generated)]
    env = environment(tmp_path / "helped")
    started = time.monotonic()
    shutil.rmtree(generated / CACHE_DIR, ignore_errors=True)
    full = subprocess.run(command, env=env, capture_output=True, timeout=300, cwd=generated)
    whole = time.monotonic() - started
    rng = random.Random(20261201)
    for _ in range(12):
        shutil.rmtree(generated / CACHE_DIR, ignore_errors=True)
        child = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=generated, start_new_session=True,
        )  # fmt: skip
        time.sleep(rng.uniform(0.3, 1.0) * whole)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGINT)
        out, err = child.communicate(timeout=120)
        said = err.decode()
        assert "Traceback" not in said and "internal error" not in said, said
        assert said.count("interrupted") <= 1, said
        assert child.returncode in (0, 1, 130), (child.returncode, said)
        assert out in (b"", full.stdout)  # the whole report or none (an interrupt
        # after it was printed, while the replay record is saved, still exits 130)
