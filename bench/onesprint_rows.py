"""bench/run.py's rows for one sprint and for status (issue 18): each case in its own function.

- `report SPRINT` and `close SPRINT` in the biggest workspace against the same command on
  `examples/acme` (wanted <= 2x: the cost of one sprint must not grow with the workspace);
  `checkin SPRINT` has its row in run.py already.
- `status` on the biggest workspace with lint's cache warm (filled by a `lint` of the
  same bytes just before) against the floor (wanted <= 0.8x). A status with no cache
  must parse every file, as the floor does, and cannot beat it: the row says "cache warm".

`close` writes: every run is given the sprint file's original bytes back first, and the
report goes to standard output (`--output -`), so each run closes the same open sprint.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

Record = Callable[..., None]
Measure = Callable[..., object]

ACME_REPORT = "west-pipeline-recovery"  # closed: the report's every section
ACME_CLOSE = "lead-handoff-alignment"  # joint: attendees, root cause, the MO704 check
TODAY = "2026-11-26"  # run.py's: the generator's today


def command(root: Path, today: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "microokr", "--workspace", str(root), "--today", today, *args]


def reportable(root: Path) -> str:
    """A sprint from the middle of the workspace that `report` accepts (no errors)."""
    every = sorted((root / "sprints").glob("*.yaml"))
    for path in every[len(every) // 2 :]:
        if subprocess.run(report_argv(root, path.stem, TODAY), capture_output=True).returncode == 0:
            return path.stem
    raise SystemExit(f"no sprint of {root} can be reported on")


def report_argv(root: Path, sprint: str, today: str) -> list[str]:
    return command(root, today, "report", sprint, "--output", "-")


def close_argv(root: Path, path: Path) -> list[str] | None:
    """`close` of an open sprint on its window's last day, every answer given as a flag."""
    try:
        data = yaml.safe_load(path.read_text())
    except (yaml.YAMLError, ValueError, OSError):
        return None
    if not isinstance(data, dict) or data.get("close") is not None:
        return None
    try:
        end = dt.date.fromisoformat(str(data["window"]["end"]))
        teams = list(data["owner"]["teams"])
        finals = [f"{kr['id']}={kr['target']}" for kr in data["key_results"]]
    except (KeyError, TypeError, ValueError):
        return None
    answers = ["--learning", "Measured for the benchmark.", "--no-revision", "--no-input"]
    answers += ["--anchor-start", "10", "--anchor-end", "12"]
    for final in finals:
        answers += ["--final", final]
    answers += ["--highest-impact", "The benchmark", "--root-cause", "None: a benchmark"]
    for team in teams:
        answers += ["--attendee", str(team)]
    return [*command(root, end.isoformat(), "close", path.stem), *answers, "--output", "-"]


def restoring(path: Path) -> Callable[[], None]:
    """A `before` for `measure`: the sprint file gets its original bytes back."""
    original = path.read_bytes()

    def restore() -> None:
        path.write_bytes(original)

    return restore


def close_case(root: Path, paths: list[Path]) -> tuple[list[str], Callable[[], None]]:
    """The first sprint of `paths` that a close accepts, its file restored after the try."""
    for path in paths:
        argv = close_argv(root, path)
        if argv is None:
            continue
        restore = restoring(path)
        done = subprocess.run(argv, capture_output=True)
        restore()
        if done.returncode == 0:
            return argv, restore
    raise SystemExit(f"no sprint of {root} accepts a close")


def acme_rows(acme: Path, record: Record, measure: Measure, runs: int, env: dict[str, str]) -> None:
    argv = report_argv(acme, ACME_REPORT, TODAY)
    record("acme-report", "examples/acme: microokr report SPRINT", measure(argv, runs, env=env))
    argv, restore = close_case(acme, [acme / "sprints" / f"{ACME_CLOSE}.yaml"])
    timing = measure(argv, runs, before=restore, env=env)
    restore()
    record("acme-close", "examples/acme: microokr close SPRINT", timing)


def big_rows(
    root: Path, count: int, record: Record, measure: Measure, runs: int, env: dict[str, str]
) -> None:
    """report and close of one sprint, and status with the cache warm, at `count` sprints."""
    first = reportable(root)
    label = f"{count:,}: microokr report SPRINT"
    record(f"report-{count}", label, measure(report_argv(root, first, TODAY), runs, env=env))
    every = sorted((root / "sprints").glob("*.yaml"))
    argv, restore = close_case(root, every[len(every) // 2 :])
    timing = measure(argv, runs, before=restore, env=env)
    restore()
    record(f"close-{count}", f"{count:,}: microokr close SPRINT", timing)
    subprocess.run(command(root, TODAY, "lint"), env=env, capture_output=True)  # cache warm
    status = command(root, TODAY, "status")
    label = f"{count:,}: microokr status, cache warm"
    record(f"status-{count}", label, measure(status, runs, env=env))


def targets(row: Callable[[str, str, str, float], None], big: int) -> None:
    row(f"report SPRINT {big:,} / on examples/acme", f"report-{big}", "acme-report", 2)
    row(f"close SPRINT {big:,} / on examples/acme", f"close-{big}", "acme-close", 2)
    row(f"status {big:,}, cache warm / floor", f"status-{big}", f"floor-{big}", 0.8)
