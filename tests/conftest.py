"""Shared test helpers: run the CLI in-process or as a real process, copy examples."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
"""The tests folder: fixtures, snapshots and schemas are found from here, wherever a test sits."""
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
TODAY = "2026-11-26"
"""The date the example workspace is a snapshot of; tests never read the clock."""

if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    # A suite started in the background (`cmd &` in a script, some CI runners) inherits
    # SIGINT ignored, and an ignored signal stays ignored across exec: every Ctrl-C test's
    # child would then never see its Ctrl-C and hang. A handler, unlike SIG_IGN, is reset
    # to the default in each child, so children get the Ctrl-C a person would give them.
    signal.signal(signal.SIGINT, signal.default_int_handler)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `microokr ARGS` as a real process (exit code, stdout, stderr)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    full_env.pop("MICROOKR_TODAY", None) if env is None or "MICROOKR_TODAY" not in env else None
    done = subprocess.run(
        [sys.executable, "-m", "microokr", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The cache key lives in the user's cache folder: tests never touch the real one."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """A private copy of examples/acme."""
    target = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", target)
    return target
