"""`microokr` as a real process with test hooks in its forked helpers (`forkshare`), for
the tests of shared runs (tests/test_lintshare.py, tests/site/test_site_share.py).

RUNNER is the console script with `forkshare.start` wrapped: each share appends how
many items its helper gave to `$SHARE_REPORT` (a line per share, when it closes) and
its helper's pid to `$SHARE_REPORT.pid`; `$SHARE_FAULT` makes the helper `die` after
five items, `hang` (it gets no core), or makes the main process `wait` for the
helper's first item (so that sharing surely happens) or spin after the fork until it
is interrupted (`interrupt`). `$SHARE_OTHERS_MINIMUM` lowers the site's threshold for
sharing its other pages (a 300-sprint site has ~16 of them).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPRINTS = 300
"""Above sprintshare.MINIMUM (256): the size at which a cold run forks."""

RUNNER = """
import microokr.entry  # first, as the console script: its Ctrl-C handling from here on
import os, sys, time
from microokr import forkshare
fault = os.environ.get("SHARE_FAULT", "")
report = os.environ["SHARE_REPORT"]
started = forkshare.start
def start(count, work, **options):
    def faulty(index):
        if fault == "die" and index < count - 5:
            os._exit(3)
        if fault == "hang":
            time.sleep(3600)
        return work(index)
    share = started(count, faulty, **options)
    pid = getattr(share, "_pid", None)
    with open(report + ".pid", "a") as out:
        out.write(f"{pid}\\n")
    if fault == "wait" and pid is not None:  # the helper's first item before ours
        deadline = time.monotonic() + 60
        while not share._done and time.monotonic() < deadline:
            share._drain()
            time.sleep(0.005)
    if fault == "interrupt":
        while True:
            time.sleep(0.01)
    closing = share.close
    def close():
        with open(report, "a") as out:
            out.write(f"{share.helped}\\n")
        closing()
    share.close = close
    return share
forkshare.start = start
if os.environ.get("SHARE_OTHERS_MINIMUM"):  # the site's index, OKR and team pages
    from microokr.site import share as site_share
    site_share.OTHERS_MINIMUM = int(os.environ["SHARE_OTHERS_MINIMUM"])
sys.argv = ["microokr", *sys.argv[1:]]
from microokr.entry import main
main()
"""


def generate(tmp_path_factory: pytest.TempPathFactory, count: int = SPRINTS) -> Path:
    """`bench/generate.py count`: sprints with the generator's mix of mistakes."""
    out = tmp_path_factory.mktemp("share") / "ws"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(count), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def environment(report: Path, **extra: str) -> dict[str, str]:
    """The test's environment, without what would change a run (today, MICROOKR_JOBS)."""
    drop = ("MICROOKR_TODAY", "PRE_COMMIT", "MICROOKR_JOBS")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(NO_COLOR="1", COLUMNS="100", SHARE_REPORT=str(report), **extra)
    return env


def helped(report: Path) -> list[int] | None:
    """What each share's helper gave, in the order the shares closed (None: no share)."""
    return [int(n) for n in report.read_text().split()] if report.exists() else None


def helper_pids(report: Path) -> list[int]:
    """The helpers' pids (a share that did not fork has none)."""
    path = Path(f"{report}.pid")
    lines = path.read_text().split() if path.exists() else []
    return [int(line) for line in lines if line != "None"]
