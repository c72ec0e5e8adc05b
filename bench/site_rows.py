"""The rows of `microokr site` on the biggest workspace (issue 14: <= 2x a cold lint).

Used by `run.py` (`rows`, `targets`): a cold site (no cache, no site folder yet) as it
runs, sharing its work with a forked helper, and in one process (`MICROOKR_JOBS=1`),
each against the cold lint of the same workspace measured the same way.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

Record = Callable[..., None]
Measure = Callable[..., object]
TODAY = "2026-11-26"  # run.py's: the generator's today


def site_size(folder: Path) -> str:
    """Files and bytes of a written site (the note of the site row)."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    return f"{len(files):,} files, {total / 1e6:,.0f} MB"


def rows(
    root: Path, count: int, record: Record, measure: Measure, runs: int, env: dict[str, str]
) -> None:
    """`site-<count>` (shared, as it runs) and `site-<count>-one` (one process)."""
    out = root.parent / f"site-{count}"
    site = [sys.executable, "-m", "microokr", "--workspace", str(root), "--today", TODAY]
    site += ["site", "--output", str(out)]

    def cold() -> None:
        shutil.rmtree(root / ".microokr_cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)

    record(
        f"site-{count}",
        f"{count:,}: microokr site, cold (no cache, no site yet)",
        measure(site, runs, before=cold, env=env),
        note=site_size(out),
    )
    record(
        f"site-{count}-one",
        f"{count:,}: microokr site, cold, one process (MICROOKR_JOBS=1)",
        measure(site, runs, before=cold, env={**env, "MICROOKR_JOBS": "1"}),
    )


def targets(row: Callable[..., None], big: int) -> None:
    """Issue 14's ratio, shared and in one process (`row` skips what was not measured)."""
    row(f"cold site {big:,} / cold lint {big:,}", f"site-{big}", f"cold-{big}", 2)
    row(
        f"cold site {big:,}, one process / cold lint, one process",
        f"site-{big}-one",
        f"cold-{big}-one",
        2,
    )
    row(f"cold site {big:,} shared / one process", f"site-{big}", f"site-{big}-one", 1)
