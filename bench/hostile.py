"""Wall time and peak memory of `microokr lint` on each hostile input.

Each input is put as one sprint file into a copy of examples/acme, and `microokr lint
--format json` runs in a fresh process (no lint cache) so the numbers include start-up.
Peak memory is the child's maximum resident set size from `resource.getrusage`.
Target (issue 7): every input refused in under 1 s with bounded memory.

    python bench/hostile.py              # best of 3 runs per input
    python bench/hostile.py --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the hostile inputs live beside the tests

from tests.hostile_inputs import billion_laughs, wide_alias  # noqa: E402

EXAMPLES = ROOT / "examples"
TODAY = "2026-11-26"
LINT = ("--today", TODAY, "lint", "--format", "json")

_PEAK = """
import resource, runpy, sys
sys.argv = ["microokr", *sys.argv[1:]]
try:
    runpy.run_module("microokr", run_name="__main__")
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"\\nPEAK_KB {usage.ru_maxrss} CPU_S {usage.ru_utime + usage.ru_stime}\\n")
"""


def _write(content: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(content)

    return make


def _sparse_100mb(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)


def _just_under_limit(path: Path) -> None:
    """A real file of ~1 MB (the default limit) of one long flow list: the most work allowed."""
    body = b"id: x\nevidence: [" + b"a, " * 349_000 + b"a]\n"
    path.write_bytes(body[: 1024 * 1024 - 1] if len(body) >= 1024 * 1024 else body)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _link_outside(path: Path) -> None:
    path.symlink_to("/dev/zero")


INPUTS: dict[str, Callable[[Path], None]] = {
    "python/object/apply tag": _write(b'id: !!python/object/apply:os.system ["true"]\n'),
    "unknown tag": _write(b"id: !custom x\n"),
    "billion laughs (10^9 values)": _write(billion_laughs()),
    "wide alias (10^6 values)": _write(wide_alias()),
    "recursive alias": _write(b"a: &a [*a]\n"),
    "100 MB sparse file": _sparse_100mb,
    "1 MB flow list (at the limit)": _just_under_limit,
    "10,000-deep flow lists": _write(b"id: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
    "10,000-deep flow mappings": _write(b"id: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000),
    "10,000-deep block lists": _write(b"id:\n" + b"- " * 10_000 + b"x\n"),
    "Latin-1 bytes": _write("id: café\n".encode("latin-1")),
    "UTF-16 with BOM": _write("id: x\n".encode("utf-16")),
    "UTF-16 without BOM": _write("id: x\n".encode("utf-16-le")),
    "symlink to /dev/zero": _link_outside,
    "a folder named x.yaml": _folder,
    "a FIFO named x.yaml": _fifo,
}


def _extreme_window(path: Path) -> None:
    """A valid sprint whose window runs from 0001-01-01 to 9999-12-31 (3.65 million days)."""
    text = (EXAMPLES / "acme/sprints/west-pipeline-recovery.yaml").read_text()
    text = text.replace("id: west-pipeline-recovery", "id: hostile")
    text = text.replace("start: 2026-07-14", "start: 0001-01-01")
    text = text.replace("end: 2026-07-28", "end: 9999-12-31")
    path.write_text(text)


WINDOW_COMMANDS = {
    "0001..9999 window: lint": LINT,
    "0001..9999 window: status": ("--today", TODAY, "status", "--format", "json"),
    "0001..9999 window: report": ("--today", TODAY, "report", "hostile", "--output", "-"),
}


def measure(
    name: str, make: Callable[[Path], None], runs: int, command: tuple[str, ...] = LINT
) -> tuple[float, float, int, str]:
    """Best wall and CPU time (s), peak RSS (KB) and the diagnostic code for one input."""
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "ws"
        shutil.copytree(EXAMPLES / "acme", workspace)
        make(workspace / "sprints" / "hostile.yaml")
        env = {**os.environ, "MICROOKR_NO_CACHE": "1", "NO_COLOR": "1"}
        env.pop("MICROOKR_TODAY", None)
        best, cpu, peak, codes = float("inf"), float("inf"), 0, "?"
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _PEAK, "--workspace", str(workspace), *command],
                capture_output=True,
                text=True,
                timeout=60,
                env=env,
            )
            elapsed = time.perf_counter() - started
            best = min(best, elapsed)
            tail = done.stderr.rsplit("PEAK_KB", 1)[-1].split()
            peak = max(peak, int(tail[0]))
            cpu = min(cpu, float(tail[2]))
            if done.returncode not in (0, 1):
                codes = f"exit {done.returncode}: {done.stderr.strip()[:80]}"
            elif command != LINT:
                codes = f"exit {done.returncode}"
            else:
                found = json.loads(done.stdout)["diagnostics"]
                codes = ",".join(
                    sorted({d["code"] for d in found if d["path"] == "sprints/hostile.yaml"})
                )
        return best, cpu, peak, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    wall, cpu, peak, _ = measure("baseline", lambda path: None, options.runs)
    print(f"{'input':34} {'wall s':>7} {'CPU s':>6} {'peak MB':>8}  code")
    print(f"{'(examples/acme alone)':34} {wall:7.3f} {cpu:6.3f} {peak / 1024:8.1f}")
    slowest = ("", 0.0, 0.0, 0)
    for name, make in INPUTS.items():
        wall, cpu, peak, codes = measure(name, make, options.runs)
        print(f"{name:34} {wall:7.3f} {cpu:6.3f} {peak / 1024:8.1f}  {codes}")
        if wall > slowest[1]:
            slowest = (name, wall, cpu, peak)
    for label, command in WINDOW_COMMANDS.items():
        wall, cpu, peak, codes = measure(label, _extreme_window, options.runs, command)
        print(f"{label:34} {wall:7.3f} {cpu:6.3f} {peak / 1024:8.1f}  {codes}")
        if wall > slowest[1]:
            slowest = (label, wall, cpu, peak)
    name, wall, cpu, peak = slowest
    print(f"\nslowest: {name}: {wall:.3f} s wall, {cpu:.3f} s CPU, peak RSS {peak / 1024:.1f} MB")


if __name__ == "__main__":
    main()
