"""`microokr` run as a real process that logs every file it opens (an audit hook), for
the tests that a warm run reads no unchanged file (issue 18)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from microokr.cachefs import CACHE_DIR
from tests.conftest import EXAMPLES, TODAY

FOLDERS = ("sprints", "okrs")
"""The folders of linted files: the tests count the opens of files under them."""

RUNNER = """
import os, sys
log = open(os.environ["MICROOKR_TEST_OPENS"], "a", encoding="utf-8", errors="surrogateescape")
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        log.write(os.fsdecode(args[0]) + "\\n")
        log.flush()
sys.addaudithook(hook)
sys.argv = ["microokr", *sys.argv[1:]]
from microokr.entry import main
main()
"""


@dataclass(frozen=True)
class Opened:
    code: int
    stdout: bytes
    stderr: bytes
    opened: list[str]

    @property
    def replayed(self) -> bool:
        """The run printed a replay record and never read the lint cache."""
        names = [os.path.basename(path) for path in self.opened]
        return "lint.cache" not in names and any(n.startswith("replay-") for n in names)

    def read_any(self, root: Path, *folders: str) -> list[str]:
        """The files under `folders` of `root` that the run opened."""
        heads = [str(root / folder) + os.sep for folder in folders]
        return [path for path in self.opened if any(path.startswith(h) for h in heads)]


def run_logged(root: Path, *args: str, log: Path, today: str = TODAY) -> Opened:
    """`microokr --today T lint -w ROOT ARGS` with its opens logged (same env each time)."""
    log.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MICROOKR_TODAY", "PRE_COMMIT")}
    env.update(NO_COLOR="1", COLUMNS="100", MICROOKR_TEST_OPENS=str(log))
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "--today", today, "lint", "-w", str(root), *args],
        env=env,
        capture_output=True,
        timeout=120,
        cwd=root,
    )
    opened = log.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    return Opened(done.returncode, done.stdout, done.stderr, opened)


def settle(root: Path) -> None:
    """Wait until the file system's clock has passed every change under `root`, so no
    file is racily clean for the next run (what a person's next run sees)."""
    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in root.rglob("*"))
    probe = root.parent / f".clock-{os.getpid()}"
    for _ in range(500):
        probe.write_bytes(b"")
        if probe.stat().st_mtime_ns > newest:
            break
        time.sleep(0.005)
    probe.unlink()


def broken_copy(tmp_path: Path) -> Path:
    """examples/broken copied without its cache, its files dated in the past (settled)."""
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "broken", target, ignore=shutil.ignore_patterns(CACHE_DIR))
    settle(target)
    return target
