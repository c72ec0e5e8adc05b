"""Benchmark microokr against the floor (a libyaml compose) and its peers; print one table.

Every number is the median wall time of several runs of a real process (start-up
included, page cache warm), so it measures what a pre-commit hook or a CI job
waits for. Peak memory is the child's max RSS from `os.wait4`. The targets are
those of the speed issue; the last table says which are met.

Usage:
    python bench/run.py                       # 100, 1,000 and 10,000 sprints
    python bench/run.py --sizes 100,1000 --runs 3
    python bench/run.py --no-peers            # skip yamllint and check-jsonschema

yamllint and check-jsonschema are not dependencies of microokr: install them into
the same environment to compare (`pip install yamllint check-jsonschema`); a peer
that is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import onesprint_rows  # bench/ is the script's folder: its rows for one sprint and status
import share_rows  # cold lint in one process, and on a busy machine
import site_rows  # microokr site, shared and in one process
import warm_rows  # the rows of lint with nothing changed (and its targets)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = "2026-11-26"  # the generator's TODAY: sprints are active, closed, planned as intended

FLOOR = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
files = [root / "microokr.yaml", *sorted(root.glob("okrs/*.yaml"))]
files += sorted(root.glob("sprints/*.yaml"))
for path in files:
    try:
        yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pass
"""


@dataclass
class Timing:
    seconds: float
    cpu: float
    peak_mb: float
    runs: int


def run_once(argv: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one process; output is discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:4])}... exited {process.returncode}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed, usage.ru_utime + usage.ru_stime, peak


def measure(
    argv: list[str], runs: int, *, before: object = None, env: dict[str, str] | None = None
) -> Timing:
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        if callable(before):
            before()
        elapsed, cpu, peak = run_once(argv, env=env)
        times.append(elapsed)
        cpus.append(cpu)
        peaks.append(peak)
    return Timing(statistics.median(times), statistics.median(cpus), max(peaks), runs)


def workspace(count: int) -> Path:
    out = HERE / "out" / f"ws-{count}"
    if not (out / "sprints").is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(count), "--out", str(out)], check=True
        )
    return out


def broken_workspace(count: int) -> Path:
    """`generate.py N --broken`: every sprint has three more mistakes (~2 findings each)."""
    out = HERE / "out" / f"ws-{count}-broken"
    if not (out / "sprints").is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(count), "--broken", "--out", str(out)],
            check=True,
        )
    return out


def broken_rows(record: Callable[[str, str, Timing], None], runs: int, env: dict[str, str]) -> None:
    """Cold lint of 2,000 sprints with ~4,000 findings, against its own floor (issue 18)."""
    root = broken_workspace(2000)
    record(
        "floor-broken",
        "2,000 broken: floor (libyaml compose, one process)",
        measure([sys.executable, "-c", FLOOR, str(root)], runs),
    )
    cache = root / ".microokr_cache"
    record(
        "cold-broken",
        "2,000 broken (~4,000 findings): microokr lint, cold",
        measure(
            [*microokr_argv(), "--workspace", str(root), "--today", TODAY, "lint"],
            runs,
            before=lambda: shutil.rmtree(cache, ignore_errors=True),
            env=env,
        ),
    )
    share_rows.rows(root, "broken", record, measure, runs, env, busy_too=False)


def yaml_files(root: Path) -> list[str]:
    return [
        str(root / "microokr.yaml"),
        *map(str, sorted(root.glob("okrs/*.yaml"))),
        *map(str, sorted(root.glob("sprints/*.yaml"))),
    ]


IMPORTS = "import typer, pydantic, yaml, rich"
"""The start-up floor: the libraries microokr stands on, imported and nothing done."""

ACME_CHECKIN = "lead-handoff-alignment"
ACME_TODAY = "2026-12-10"  # inside the sprint's window (tests/commands/test_checkin.py)


def acme_copy() -> Path:
    """examples/acme copied to bench/out/acme (lint writes its cache; checkin writes)."""
    out = HERE / "out" / "acme"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(ROOT / "examples" / "acme", out)
    return out


def checkin_argv(root: Path, sprint: Path, today: str) -> list[str] | None:
    """`checkin SPRINT` with every KR at its target, re-recorded each run (--replace)."""
    import yaml

    try:
        data = yaml.safe_load(sprint.read_text())
    except (yaml.YAMLError, ValueError):  # one generated file in eight has a mistake
        return None
    if not isinstance(data, dict):
        return None
    values = []
    for kr in data.get("key_results") or []:
        if not isinstance(kr, dict) or "id" not in kr or "target" not in kr:
            return None
        values += ["--value", f"{kr['id']}={kr['target']}"]
    return [
        *microokr_argv(), "--workspace", str(root), "--today", today, "checkin", sprint.stem,
        *values, "--replace", "--no-input",
    ]  # fmt: skip


def checkin_case(root: Path) -> list[str]:
    """A sprint of the workspace that accepts a check-in today (its window holds TODAY)."""
    every = sorted((root / "sprints").glob("*.yaml"))
    for path in every[len(every) // 2 :]:
        argv = checkin_argv(root, path, TODAY)
        if argv is None:
            continue
        if subprocess.run(argv, capture_output=True, cwd=ROOT).returncode == 0:
            return argv
    raise SystemExit("no sprint of the workspace accepts a check-in")


def microokr_argv() -> list[str]:
    return [sys.executable, "-m", "microokr"]


def supports_no_cache() -> bool:
    done = subprocess.run(
        [*microokr_argv(), "lint", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    return "--no-cache" in done.stdout


def peer(name: str) -> str | None:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    return found


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement")
    parser.add_argument(
        "--big-runs", type=int, default=3, help="runs for 10,000 sprints (peers: 1)"
    )
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    env = {**os.environ, "NO_COLOR": "1"}
    # As installed: modules run from their .pyc. Without it, microokr's ~180 modules are
    # compiled from source on every run (PYTHONDONTWRITEBYTECODE in some shells), which
    # costs more than the start-up being measured.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("MICROOKR_NO_CACHE", None)
    rows: list[tuple[str, str, str, str, str]] = []
    results: dict[str, Timing] = {}

    def record(key: str, label: str, timing: Timing, note: str = "") -> None:
        results[key] = timing
        rows.append(
            (label, fmt(timing.seconds), fmt(timing.cpu), f"{timing.peak_mb:,.0f} MB", note)
        )
        print(
            f"  {label}: {fmt(timing.seconds)} wall, {fmt(timing.cpu)} CPU, "
            f"peak {timing.peak_mb:,.0f} MB",
            flush=True,
        )

    print("start-up", flush=True)
    record("typer", "python -c 'import typer'", measure([sys.executable, "-c", "import typer"], 10))
    record("version", "microokr --version", measure([*microokr_argv(), "--version"], 10, env=env))
    record("help", "microokr --help", measure([*microokr_argv(), "--help"], 10, env=env))
    imports = measure([sys.executable, "-c", IMPORTS], 10, env=env)
    record("imports", f"python -c '{IMPORTS}'", imports)
    acme = acme_copy()
    acme_lint = [*microokr_argv(), "--workspace", str(acme), "--today", TODAY, "lint"]
    run_once(acme_lint, env=env)  # its cache filled, as pre-commit finds it
    record("acme-lint", "examples/acme (9 files): microokr lint", measure(acme_lint, 10, env=env))
    # What a pre-commit hook runs (PRE_COMMIT=1 means --staged): the index, no cache.
    staged = [*microokr_argv(), "--workspace", str(ROOT / "examples" / "acme"), "--today", TODAY]
    record(
        "acme-staged",
        "examples/acme: microokr lint --staged (pre-commit's path, no cache)",
        measure([*staged, "lint", "--staged"], 10, env=env),
    )
    acme_checkin = checkin_argv(acme, acme / "sprints" / f"{ACME_CHECKIN}.yaml", ACME_TODAY)
    assert acme_checkin is not None
    run_once(acme_checkin, env=env)
    record(
        "acme-checkin",
        "examples/acme: microokr checkin SPRINT",
        measure(acme_checkin, args.runs, env=env),
    )
    onesprint_rows.acme_rows(acme, record, measure, args.runs, env)

    no_cache = supports_no_cache()
    yamllint = None if args.no_peers else peer("yamllint")
    jsonschema = None if args.no_peers else peer("check-jsonschema")
    broken_rows(record, args.runs, env)
    for count in sizes:
        root = workspace(count)
        runs = args.big_runs if count >= 10_000 else args.runs
        peer_runs = 1 if count >= 10_000 else max(1, runs // 2)
        files = yaml_files(root)
        size_mb = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"{count:,} sprints ({len(files):,} files, {size_mb:.1f} MB)", flush=True)
        lint = [*microokr_argv(), "--workspace", str(root), "--today", TODAY, "lint"]
        cache = root / ".microokr_cache"
        record(
            f"floor-{count}",
            f"{count:,}: floor (libyaml compose, one process)",
            measure([sys.executable, "-c", FLOOR, str(root)], runs),
        )

        def drop_cache(folder: Path = cache) -> None:
            shutil.rmtree(folder, ignore_errors=True)

        record(
            f"cold-{count}",
            f"{count:,}: microokr lint, cold (no cache yet)",
            measure(lint, runs, before=drop_cache, env=env),
        )
        if count == max(sizes):
            share_rows.rows(root, str(count), record, measure, runs, env)
        if no_cache:
            record(
                f"nocache-{count}",
                f"{count:,}: microokr lint --no-cache",
                measure([*lint, "--no-cache"], runs, env=env),
            )
        victim = sorted((root / "sprints").glob("*.yaml"))[0]
        original = victim.read_bytes()
        counter = iter(range(1_000_000))

        def touch_one(
            path: Path = victim, text: bytes = original, counter: Iterator[int] = counter
        ) -> None:
            path.write_bytes(text + f"# bench edit {next(counter)}\n".encode())

        run_once(lint, env=env)  # fill the cache
        try:
            record(
                f"warm-{count}",
                f"{count:,}: microokr lint, warm (cache, 1 file changed)",
                measure(lint, runs, before=touch_one, env=env),
            )
        finally:
            victim.write_bytes(original)
        warm_rows.rows(root, count, record, measure, run_once, runs, env)
        if yamllint:
            record(
                f"yamllint-{count}",
                f"{count:,}: yamllint",
                measure([yamllint, "-f", "parsable", *files], peer_runs),
            )
        if jsonschema:
            sprints = [f for f in files if "/sprints/" in f]
            schema = ROOT / "schemas" / "sprint.schema.json"
            record(
                f"jsonschema-{count}",
                f"{count:,}: check-jsonschema (sprint files)",
                measure([jsonschema, "--schemafile", str(schema), *sprints], peer_runs),
            )
        if count == max(sizes):
            one = checkin_case(root)
            record(
                f"checkin-{count}",
                f"{count:,}: microokr checkin SPRINT",
                measure(one, runs, env=env),
            )
            site_rows.rows(root, count, record, measure, runs, env)
            onesprint_rows.big_rows(root, count, record, measure, runs, env)
    if not yamllint and not args.no_peers:
        print("note: yamllint is not installed here; its rows are skipped")
    if not jsonschema and not args.no_peers:
        print("note: check-jsonschema is not installed here; its rows are skipped")

    print()
    print("| measurement | median wall | median CPU | peak memory | runs |")
    print("|---|---:|---:|---:|---|")
    for label, median, cpu, peak, note in rows:
        print(f"| {label} | {median} | {cpu} | {peak} | {note} |")
    print()
    print_targets(results, sizes)


def print_targets(results: dict[str, Timing], sizes: list[int]) -> None:
    """Each target of the issue as a ratio of wall times (and of CPU times, which a
    busy machine disturbs less), met or not."""
    big = max(sizes)
    mid = sorted(sizes)[-2] if len(sizes) > 1 else None
    print("| target | wall ratio | CPU ratio | wanted | met (wall) |")
    print("|---|---:|---:|---|---|")

    def row(name: str, a: str, b: str, limit: float, *, at_least: bool = False) -> None:
        if a not in results or b not in results:
            print(f"| {name} | n/a | n/a | {'>=' if at_least else '<='} {limit:g} | n/a |")
            return
        wall = results[a].seconds / results[b].seconds
        cpu = results[a].cpu / results[b].cpu if results[b].cpu else float("nan")
        met = wall >= limit if at_least else wall <= limit
        wanted = f"{'>=' if at_least else '<='} {limit:g}"
        verdict = "yes" if met else "**no**"
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {wanted} | {verdict} |")

    row(f"cold lint {big:,} / floor", f"cold-{big}", f"floor-{big}", 3)
    row(f"cold lint {big:,} / check-jsonschema", f"cold-{big}", f"jsonschema-{big}", 1)
    row(f"yamllint / cold lint {big:,}", f"yamllint-{big}", f"cold-{big}", 5, at_least=True)
    row(f"warm lint {big:,} / floor", f"warm-{big}", f"floor-{big}", 1)
    site_rows.targets(row, big)
    if mid is not None:
        row(f"cold lint {big:,} / {mid:,}", f"cold-{big}", f"cold-{mid}", 1.1 * big / mid)
        if f"cold-{big}" in results and f"cold-{mid}" in results:
            growth = results[f"cold-{big}"].peak_mb / results[f"cold-{mid}"].peak_mb
            verdict = "yes" if growth <= big / mid else "**no**"
            print(
                f"| peak memory {big:,} / {mid:,} | {growth:.2f} | | "
                f"<= {big / mid:g} (files) | {verdict} |"
            )
    row("--version / import typer", "version", "typer", 1.5)
    row("lint examples/acme / import line", "acme-lint", "imports", 2)
    row("lint --staged examples/acme / import line", "acme-staged", "imports", 2)
    row(f"checkin SPRINT {big:,} / on examples/acme", f"checkin-{big}", "acme-checkin", 2)
    onesprint_rows.targets(row, big)
    warm_rows.targets(row, big)
    cold_targets(results, big, row)


def cold_targets(results: dict[str, Timing], big: int, row: Callable[..., None]) -> None:
    """Issue 18's cold rows: the cold lints as ratios to their floors, and peak memory."""
    row(f"cold lint {big:,} / floor (issue 18)", f"cold-{big}", f"floor-{big}", 2)
    row("cold lint 2,000 broken / its floor", "cold-broken", "floor-broken", 2.5)
    share_rows.targets(row, str(big))
    row("cold lint 2,000 broken, one process / its floor", "cold-broken-one", "floor-broken", 2.5)
    if f"cold-{big}" in results:
        peak = results[f"cold-{big}"].peak_mb
        verdict = "yes" if peak <= 250 else "**no**"
        print(f"| peak memory, cold lint {big:,} | {peak:,.0f} MB | | <= 250 MB | {verdict} |")


if __name__ == "__main__":
    main()
