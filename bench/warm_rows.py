"""Issue 18's warm rows: `lint` of an unchanged workspace, and after one file changed.

Used by `run.py` (`rows`, `targets`); run alone it compares two source trees side by
side, alternating rounds so the machine's load hits both alike:

    python bench/warm_rows.py --before /tmp/before/src --rounds 5 [--size 10000] [--root WS]

prints the median and range of CPU time (from `os.wait4`) of the floor, and of each
tree's warm runs as a ratio to it, with the load average at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

Record = Callable[..., None]
Run = Callable[..., object]
TODAY = "2026-11-26"  # run.py's: the generator's today


def settle(seconds: float = 0.05) -> None:
    """Let the file system's clock move past the last write: a file changed in the tick
    of a run's stamp is racily clean and never replayed (what a person's next run sees)."""
    time.sleep(seconds)


def nothing_changed(run_once: Run, lint: list[str], env: dict[str, str]) -> None:
    """Fill the cache and the replay record for exactly this command line."""
    settle()
    run_once(lint, env=env)
    settle()
    run_once(lint, env=env)


def rows(
    root: Path,
    count: int,
    record: Record,
    measure: Run,
    run_once: Run,
    runs: int,
    env: dict[str, str],
) -> None:
    """`warm-nothing-N`: cache filled, no file changed since (a replay). The one-changed
    row is run.py's `warm-N` (one sprint file rewritten before each run)."""
    lint = [sys.executable, "-m", "microokr", "--workspace", str(root), "--today", TODAY, "lint"]
    nothing_changed(run_once, lint, env)
    record(
        f"warm-nothing-{count}",
        f"{count:,}: microokr lint, warm (cache, nothing changed)",
        measure(lint, runs, env=env),
    )


def targets(row: Callable[..., None], big: int) -> None:
    row(f"warm lint {big:,}, nothing changed / floor", f"warm-nothing-{big}", f"floor-{big}", 0.05)
    row(f"warm lint {big:,}, one file changed / floor", f"warm-{big}", f"floor-{big}", 0.25)


def compare(trees: list[str], size: int, rounds: int, root: Path | None = None) -> None:
    import run as bench  # bench/run.py: this folder is on sys.path when run as a script

    root = root or bench.workspace(size)
    env0 = {**os.environ, "NO_COLOR": "1"}
    env0.pop("PYTHONDONTWRITEBYTECODE", None)
    env0.pop("MICROOKR_NO_CACHE", None)
    lint = [*bench.microokr_argv(), "--workspace", str(root), "--today", bench.TODAY, "lint"]
    victim = sorted((root / "sprints").glob("*.yaml"))[0]
    original = victim.read_bytes()
    cpu: dict[str, list[float]] = {}
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    try:
        for number in range(rounds):
            cpu.setdefault("floor", []).append(
                bench.run_once([sys.executable, "-c", bench.FLOOR, str(root)])[1]
            )
            for tree in trees:
                env = {**env0, "PYTHONPATH": tree} if tree != "installed" else env0
                victim.write_bytes(original)
                shutil.rmtree(root / ".microokr_cache", ignore_errors=True)
                nothing_changed(bench.run_once, lint, env)
                cpu.setdefault(f"{tree}: nothing changed", []).append(
                    bench.run_once(lint, env=env)[1]
                )
                victim.write_bytes(original + f"# bench edit {number}\n".encode())
                cpu.setdefault(f"{tree}: one file changed", []).append(
                    bench.run_once(lint, env=env)[1]
                )
            print(f"round {number + 1}: " + ", ".join(f"{k} {v[-1]:.3f}" for k, v in cpu.items()))
    finally:
        victim.write_bytes(original)
    print(f"load average at the end: {os.getloadavg()}")
    floor = statistics.median(cpu["floor"])
    for name, values in cpu.items():
        median = statistics.median(values)
        print(
            f"| {name} | {median * 1000:.0f} ms ({min(values) * 1000:.0f}-"
            f"{max(values) * 1000:.0f}) | {median / floor:.3f}x |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="a src/ folder to compare with")
    parser.add_argument("--after", default="installed", help="default: the installed one")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--root", type=Path, help="a workspace of your own (default: bench/out/ws-SIZE)"
    )
    args = parser.parse_args()
    compare([args.before, args.after], args.size, args.rounds, args.root)


if __name__ == "__main__":
    main()
