"""Benchmark MO709: lint with git history against lint without it (`--no-history`).

Builds `bench/out/history-N`: the generated workspace of N sprints in its own git
repository with 5 commits, then times `lint --no-cache` (and a warm `lint`, cache
filled) both ways (median of `--runs`, alternating, so a busy minute hurts both
alike). The 5 commits:

1. every sprint, but every fifth one without its check-ins;
2. those check-ins added (their first check-in is recorded here);
3. 500 sprints' kr1 target raised by 1, unrecorded (MO709 fires for those with check-ins);
4. 500 others' kr1 target raised with a `revisions` entry (recorded: clean);
5. a comment appended to 1,000 others (the bytes change, no goalpost does).

`--site` times `microokr site` instead, with history and with `--no-history`, cold
(no lint cache, no site folder before each run, as bench/run.py's site row): what
reading the history of every sprint page costs the site.

Usage:
    python bench/history.py                  # 10,000 sprints, 3 runs each
    python bench/history.py --count 1000 --runs 5
    python bench/history.py --site --runs 2
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import TODAY, fmt, microokr_argv, run_once, workspace  # noqa: E402

_CHECKINS = re.compile(r"^checkins:\n(?:[ -].*\n|\n)*", re.MULTILINE)
_TARGET = re.compile(r"^(    target: )(-?[0-9.]+)$", re.MULTILINE)


def _git(root: Path, *args: str, date: str = "2026-01-01T09:00:00+00:00") -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _commit(root: Path, day: int, message: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message, date=f"2026-01-{day:02d}T09:00:00+00:00")


def _raise_target(text: str) -> str:
    match = _TARGET.search(text)
    if match is None:
        return text
    raised = f"{match[1]}{float(match[2]) + 1:g}"
    return text[: match.start()] + raised + text[match.end() :]


def build(count: int) -> Path:
    """The workspace in a git repository of its own, with the 5 commits above."""
    target = HERE / "out" / f"history-{count}"
    if (target / ".git").is_dir():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(workspace(count), target)
    shutil.rmtree(target / ".microokr_cache", ignore_errors=True)
    sprints = sorted((target / "sprints").glob("*.yaml"))
    full = {path: path.read_text(encoding="utf-8") for path in sprints}
    _git(target, "init", "-q", "-b", "main")
    late = sprints[::5]
    for path in late:
        path.write_text(_CHECKINS.sub("", full[path]), encoding="utf-8")
    _commit(target, 1, "Import the sprints")
    for path in late:
        path.write_text(full[path], encoding="utf-8")
    _commit(target, 2, "First check-ins of every fifth sprint")
    others = [path for path in sprints if path not in set(late)]
    for path in others[:500]:
        path.write_text(_raise_target(full[path]), encoding="utf-8")
    _commit(target, 3, "Raise 500 targets, unrecorded")
    for path in others[500:1000]:
        revision = "revisions:\n  - date: 2026-01-04\n    what: kr1 target raised by 1\n"
        text = _raise_target(full[path])
        if "\nrevisions:" not in text:
            text += revision
        path.write_text(text, encoding="utf-8")
    _commit(target, 4, "Raise 500 targets, recorded")
    for path in others[1000:2000]:
        path.write_text(full[path] + "# touched\n", encoding="utf-8")
    _commit(target, 5, "Touch 1,000 files")
    return target


def site(root: Path, count: int, runs: int, env: dict[str, str]) -> None:
    """`microokr site` cold, with history and without, alternating."""
    out = root.parent / f"history-site-{count}"
    argv = [*microokr_argv(), "--workspace", str(root), "--today", TODAY, "site", "-o", str(out)]
    kinds = {"history": argv, "no-history": [*argv, "--no-history"]}
    wall: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind, command in kinds.items():
            shutil.rmtree(root / ".microokr_cache", ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            seconds, used, _peak = run_once(command, env=env)
            wall[kind].append(seconds)
            cpu[kind].append(used)
    for kind in kinds:
        print(
            f"{count:,} sprints, 5 commits, site cold ({kind}): "
            f"{fmt(statistics.median(wall[kind]))} wall, {fmt(statistics.median(cpu[kind]))} CPU"
        )
    ratio = statistics.median(wall["history"]) / statistics.median(wall["no-history"])
    cpu_ratio = statistics.median(cpu["history"]) / statistics.median(cpu["no-history"])
    print(f"site history / no-history: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", action="store_true", help="time `microokr site` instead")
    args = parser.parse_args()
    root = build(args.count)
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MICROOKR_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.site:
        site(root, args.count, args.runs, env)
        return
    lint = [*microokr_argv(), "--workspace", str(root), "--today", TODAY, "lint"]
    cold = [*lint, "--no-cache"]
    kinds = {
        "history": cold,
        "no-history": [*cold, "--no-history"],
        "warm, history": lint,
        "warm, no-history": [*lint, "--no-history"],
    }
    run_once(lint, env=env)  # fill the cache for the warm runs
    wall: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind, argv in kinds.items():
            seconds, used, _peak = run_once(argv, env=env)
            wall[kind].append(seconds)
            cpu[kind].append(used)
    for kind in kinds:
        print(
            f"{args.count:,} sprints, 5 commits, lint ({kind}): "
            f"{fmt(statistics.median(wall[kind]))} wall, {fmt(statistics.median(cpu[kind]))} CPU"
        )
    ratio = statistics.median(wall["history"]) / statistics.median(wall["no-history"])
    cpu_ratio = statistics.median(cpu["history"]) / statistics.median(cpu["no-history"])
    print(f"cold history / no-history: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (wanted <= 1.5)")
    warm = statistics.median(cpu["warm, history"]) / statistics.median(cpu["warm, no-history"])
    print(f"warm history / no-history: {warm:.2f}x CPU")


if __name__ == "__main__":
    main()
