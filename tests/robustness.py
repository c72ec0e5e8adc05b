"""Helpers of the robustness tests (fuzz, corpus, hostile input, faults, garbage arguments).

The CLI runs in-process here (`invoke`) because a fuzzer needs thousands of runs and a
process start costs ~150 ms; `tests.conftest.run_cli` is kept for the few checks that
need a real process. `invoke` goes through `microokr.cli.main`, the same error edge as
the executable, so an uncaught exception shows up as its "internal error" sentence.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import EXAMPLES, TODAY, Run

ALLOWED_EXIT_CODES = frozenset({0, 1, 2})


@contextlib.contextmanager
def _environment(updates: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in [*updates, "MICROOKR_TODAY", "MICROOKR_DEBUG"]}
    os.environ.pop("MICROOKR_TODAY", None)
    os.environ.pop("MICROOKR_DEBUG", None)
    os.environ.update(updates)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def invoke(
    *args: str, cwd: Path | None = None, stdin: str = "", env: dict[str, str] | None = None
) -> Run:
    """Run `microokr ARGS` in this process: exit code, stdout and stderr as text.

    Anything that escapes `main` (it should not: main catches everything) is
    recorded as a traceback on stderr, so the properties below catch it too.
    """
    from microokr.cli import main

    # Text streams over bytes, as a real process has: commands may write to `.buffer`.
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    code: int
    with (
        _environment({"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb", **(env or {})}),
        contextlib.chdir(cwd or Path.cwd()),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        saved_stdin = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            main(list(args))
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:  # a crash is exactly what we look for
            err.write(traceback.format_exc())
            code = -1
        finally:
            sys.stdin = saved_stdin
    return Run(code, _text(out), _text(err))


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    return raw.getvalue().decode("utf-8", errors="replace")


NOTE = "microokr: note: "
"""A line saying what a run could not check (MO709 outside a git repository): not an error."""


def without_notes(stderr: str) -> str:
    """stderr without its `microokr: note:` lines (temporary folders are not git repositories)."""
    return "".join(line for line in stderr.splitlines(True) if not line.startswith(NOTE))


def assert_robust(done: Run, *, json_output: bool = False) -> None:
    """The robustness property: a known exit code, no traceback, parseable JSON."""
    done = Run(done.code, done.stdout, without_notes(done.stderr))
    context = f"exit {done.code}\nstderr: {done.stderr[-3000:]}\nstdout: {done.stdout[-1000:]}"
    assert done.code in ALLOWED_EXIT_CODES, context
    assert "Traceback" not in done.stderr, context
    assert "internal error" not in done.stderr, context
    if done.code == 2 or done.stderr:
        assert done.stderr.startswith("microokr: error: ") or not done.stderr, context
    if json_output and done.code in (0, 1):
        json.loads(done.stdout)


def one_sentence_error(done: Run) -> None:
    """A refused command prints exactly one line on stderr: `microokr: error: ...`."""
    done = Run(done.code, done.stdout, without_notes(done.stderr))
    context = f"exit {done.code}\nstderr: {done.stderr!r}\nstdout: {done.stdout[-1000:]}"
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, context
    assert done.stderr.startswith("microokr: error: "), context
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n"), context


class Scratch:
    """A copy of examples/acme where one file at a time is replaced by the fuzz input."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(EXAMPLES / "acme", root)
        self.pristine = {
            p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.is_symlink()
        }

    def place(self, where: str, raw: bytes) -> Path:
        """Write `raw` at `where` (relative to the root); undone by `restore`."""
        path = self.root / where
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        return path

    def restore(self) -> None:
        for path in self.root.rglob("*"):
            if path.is_file() and path not in self.pristine:
                path.unlink()
        for path, raw in self.pristine.items():
            if path.read_bytes() != raw:
                path.write_bytes(raw)


def copy_example(name: str, target: Path) -> Path:
    """A private copy of examples/<name>."""
    shutil.copytree(EXAMPLES / name, target)
    return target


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path below `root` with its bytes (None for folders and links)."""
    found: dict[str, bytes | None] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file():
            found[rel] = None
        else:
            found[rel] = path.read_bytes()
    return found


def minimal_workspace(root: Path) -> Path:
    """An empty but valid workspace: one team, no OKR file, no sprint."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "microokr.yaml").write_text("teams:\n  sales: {name: Sales, lead: Dana}\n")
    (root / "okrs").mkdir(exist_ok=True)
    (root / "sprints").mkdir(exist_ok=True)
    return root


__all__ = [
    "ALLOWED_EXIT_CODES",
    "TODAY",
    "Scratch",
    "assert_robust",
    "copy_example",
    "invoke",
    "minimal_workspace",
    "one_sentence_error",
    "snapshot",
]
