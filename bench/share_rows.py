"""Issue 18's cold rows with and without the forked helper (`microokr.forkshare`).

Used by `run.py` (`rows`, `targets`): a cold lint in one process (`MICROOKR_JOBS=1`)
beside the shared one, on an idle machine and on a busy one (one CPU burner per core,
started before and killed after). The promise measured: shared is never slower than
one process, idle or busy. Run alone:

    python bench/share_rows.py [--size 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Record = Callable[..., None]
Measure = Callable[..., object]
TODAY = "2026-11-26"  # run.py's: the generator's today
BURN = "while True: pass"


@contextmanager
def busy() -> Iterator[int]:
    """One process spinning per core: the machine a shared CI runner can be."""
    cores = len(os.sched_getaffinity(0))
    burners = [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(cores)]
    try:
        yield cores
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def rows(
    root: Path,
    label: str,
    record: Record,
    measure: Measure,
    runs: int,
    env: dict[str, str],
    *,
    busy_too: bool = True,
) -> None:
    """`cold-<label>-one`, and with every core busy `busy-<label>` and `busy-<label>-one`."""
    lint = [*_argv(), "--workspace", str(root), "--today", TODAY, "lint"]
    one = {**env, "MICROOKR_JOBS": "1"}

    def drop_cache() -> None:
        shutil.rmtree(root / ".microokr_cache", ignore_errors=True)

    record(
        f"cold-{label}-one",
        f"{label}: microokr lint, cold, one process (MICROOKR_JOBS=1)",
        measure(lint, runs, before=drop_cache, env=one),
    )
    if not busy_too:
        return
    with busy() as cores:
        # Alternating rounds: the burners' effect drifts, and both must see the same.
        shared: list[Any] = []
        alone: list[Any] = []
        for _ in range(runs):
            shared.append(measure(lint, 1, before=drop_cache, env=env))
            alone.append(measure(lint, 1, before=drop_cache, env=one))
    record(f"busy-{label}", f"{label}: cold, {cores} CPU burners running", _median(shared))
    record(
        f"busy-{label}-one",
        f"{label}: cold, one process, {cores} CPU burners running",
        _median(alone),
    )


def _median(timings: list[Any]) -> Any:
    """One Timing (bench/run.py's) of single-run Timings: medians, the highest peak."""
    return type(timings[0])(
        statistics.median(t.seconds for t in timings),
        statistics.median(t.cpu for t in timings),
        max(t.peak_mb for t in timings),
        len(timings),
    )


def targets(row: Callable[..., None], label: str) -> None:
    """The ratios: one process against the floor; shared against one process, idle and
    busy (<= 1: never slower). `row` skips what was not measured."""
    row(f"cold lint {label}, one process / floor", f"cold-{label}-one", f"floor-{label}", 2)
    row(f"cold lint {label}: shared / one process", f"cold-{label}", f"cold-{label}-one", 1)
    row(f"busy machine, {label}: shared / one process", f"busy-{label}", f"busy-{label}-one", 1)


def _argv() -> list[str]:
    script = Path(sys.executable).parent / "microokr"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "microokr"]


def main() -> None:
    import run  # bench/run.py: its measure, workspaces and table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    root = run.workspace(args.size)
    label = str(args.size)
    results: dict[str, run.Timing] = {}

    def record(key: str, name: str, timing: run.Timing) -> None:
        results[key] = timing
        print(f"| {name} | {timing.seconds:.2f} s | {timing.cpu:.2f} s | {timing.peak_mb:.0f} MB |")

    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    record(
        f"floor-{label}",
        "floor",
        run.measure([sys.executable, "-c", run.FLOOR, str(root)], args.runs),
    )
    lint = [*_argv(), "--workspace", str(root), "--today", TODAY, "lint"]
    record(
        f"cold-{label}",
        "cold, shared",
        run.measure(
            lint,
            args.runs,
            before=lambda: shutil.rmtree(root / ".microokr_cache", ignore_errors=True),
            env=env,
        ),
    )
    rows(root, label, record, run.measure, args.runs, env)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    for key, timing in results.items():
        if key != f"floor-{label}":
            print(f"{key}: {timing.seconds / results[f'floor-{label}'].seconds:.2f}x floor (wall)")


if __name__ == "__main__":
    main()
