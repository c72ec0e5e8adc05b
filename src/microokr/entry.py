"""The console script: answers `microokr --version` before importing anything heavy.

Building typer's command tree costs more than importing typer itself; a version
query from a script or a pre-commit hook should not pay for it.

Ctrl-C during start-up (importing typer, building the command tree) would print a
raw KeyboardInterrupt traceback: until `cli.main` takes over (and restores Python's
own handler, which commands rely on), an interrupt prints one sentence and exits
130 at once. Nothing has been read or written by then.

At the end the process leaves with `os._exit` once its output is flushed and the
`atexit` functions have run: tearing down the millions of objects a lint of
10,000 sprints built, one by one, only costs time (see bench/README.md).
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # loaded already; `signal` costs 12 ms
import os


def _interrupted(signum: int, frame: FrameType | None) -> None:
    try:
        os.write(2, b"microokr: error: interrupted: nothing was written\n")
    finally:
        os._exit(130)


_signal.signal(_signal.SIGINT, _interrupted)  # first: before any import that takes time

import sys  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from types import FrameType


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from microokr import __version__

        print(f"microokr {__version__}")
        return
    if "lint" in sys.argv[1:]:
        # An unchanged workspace linted again with the same command line: the last
        # result, printed without importing typer, pydantic or a rule.
        from microokr import replay

        code = replay.replayed(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
        replay.ARGV = sys.argv[1:]
    from microokr import forkshare
    from microokr.cli import main as run
    from microokr.gcpause import one_run

    one_run()
    forkshare.allow()
    try:
        run(program=True)
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _leave(code: object) -> None:
    """Exit as `sys.exit(code)` would, without freeing every object first."""
    import atexit

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed, or a reader that went away: as Python does
            status = status or 120
    atexit._run_exitfuncs()
    os._exit(status)
