"""`close` killed at random points: the sprint and its report stay a recoverable pair.

Each round copies the example workspace, starts a real `microokr close`, kills it
with SIGKILL somewhere in its run (biased towards the end, where it writes) and
checks the invariant: a closed sprint has its report, the one a clean close writes.
Then a second `close` must bring any state to "closed, with its report" and leave
no temporary file behind. `MICROOKR_KILL_ROUNDS` raises the rounds for a longer
local run.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from microokr.yamlio.read import read_yaml
from tests.conftest import EXAMPLES, run_cli

ROUNDS = int(os.environ.get("MICROOKR_KILL_ROUNDS", "12"))
SPRINT = "sprints/inbound-spike-conversion.yaml"
REPORT = "reports/inbound-spike-conversion.md"
CLOSE = [
    "--today", "2026-11-30", "close", "inbound-spike-conversion", "--no-input",
    "--learning", "Speed beat volume: same-day follow-up doubled conversion.",
    "--highest-impact", "The response pod", "--no-revision",
]  # fmt: skip


def _closed(root: Path) -> bool:
    doc = read_yaml((root / SPRINT).read_bytes())
    assert not doc.problems and not doc.aborted, "a killed close left a broken sprint"
    return doc.data.get("close") is not None


def _temporaries(root: Path) -> list[Path]:
    return list(root.rglob(".*.tmp"))


def _start(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "MICROOKR_NO_CACHE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "microokr", *CLOSE],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill(root: Path, trigger: str, delay: float, duration: float) -> None:
    """Start a close and SIGKILL it `delay` seconds after `trigger`: a random point of
    its run ("time"), or just after the sprint ("sprint") or the report ("report") changed."""
    sprint, report = root / SPRINT, root / REPORT
    before = sprint.read_bytes()
    close = _start(root)
    started = time.monotonic()
    if trigger == "time":
        time.sleep(delay * duration)
    else:
        while close.poll() is None and time.monotonic() - started < 60:
            if trigger == "sprint" and sprint.read_bytes() != before:
                break
            if trigger == "report" and report.exists():
                break
            time.sleep(0.0002)
        time.sleep(delay)
    close.send_signal(signal.SIGKILL)
    close.wait(30)


def test_a_killed_close_leaves_a_pair_the_next_close_completes(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(EXAMPLES / "acme", clean)
    started = time.monotonic()
    assert _start(clean).wait(120) == 0
    duration = time.monotonic() - started
    expected = (clean / REPORT).read_text()
    rng = random.Random(20261201)
    outcomes: dict[str, int] = {}
    broken: list[str] = []
    for round_ in range(ROUNDS):
        root = tmp_path / f"round{round_}"
        shutil.copytree(EXAMPLES / "acme", root)
        trigger = ("time", "sprint", "report")[round_ % 3]
        delay = rng.uniform(0.3, 1.0) if trigger == "time" else rng.uniform(0, 0.004)
        _kill(root, trigger, delay, duration)
        closed, report = _closed(root), (root / REPORT).exists()
        state = f"closed={closed} report={report}"
        outcomes[state] = outcomes.get(state, 0) + 1
        if closed and (not report or (root / REPORT).read_text() != expected):
            broken.append(f"round {round_} ({trigger}): the sprint is closed without its report")
        again = run_cli(*CLOSE, cwd=root)
        assert again.code in (0, 1), again.stderr
        if again.code == 1:  # only when nothing was left to do
            assert "already closed" in again.stderr, again.stderr
        report_now = (root / REPORT).read_text() if (root / REPORT).exists() else None
        if not _closed(root) or report_now != expected:
            broken.append(f"round {round_} ({trigger}): the next close did not complete the pair")
        if _temporaries(root):
            broken.append(f"round {round_} ({trigger}): {_temporaries(root)} left behind")
        shutil.rmtree(root)
    print(f"{ROUNDS} kills: {outcomes}; {len(broken)} problems")
    assert not broken, f"{len(broken)} problems in {ROUNDS} rounds: {broken}"
    assert len(outcomes) >= 2, f"the kills all landed in the same place: {outcomes}"


def test_a_closed_sprint_whose_report_is_missing_or_stale_gets_it_again(acme: Path) -> None:
    assert run_cli(*CLOSE, cwd=acme).code == 0
    report = acme / REPORT
    expected = report.read_text()
    report.unlink()
    run = run_cli(*CLOSE, cwd=acme)
    assert run.code == 0, run.stderr
    assert report.read_text() == expected
    assert "already closed" in run.stdout and "missing" in run.stdout
    report.write_text("# Interim report\n")
    run = run_cli(*CLOSE, cwd=acme)
    assert run.code == 0, run.stderr
    assert report.read_text() == expected and "out of date" in run.stdout
    run = run_cli(*CLOSE, cwd=acme)
    assert run.code == 1 and "already closed" in run.stderr


def test_init_ignores_the_temporary_files_of_an_interrupted_write(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "w")).code == 0
    root = tmp_path / "w"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    names = ["sprints/.x.yaml.abc_12.tmp", "reports/.x.md.k9z.tmp"]
    done = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "--no-index", *names],
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == names
