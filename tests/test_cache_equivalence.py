"""Property: a run through the cache prints exactly what a cold run prints, byte for byte.

A seeded random walk of workspace changes (edits that break or fix a file, renames,
touches that change nothing, a clock set back or ahead, a file changed twice within
one second with the same size, a copied cache entry, a cache line's stat data
forged) and, after each step, one run through the cache and one without: both
rendered by every reporter must be identical. The cache answers from its stat index
(git's discipline, racily clean entries hashed again) and per-context results; this
pins that neither ever changes what lint says.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import shutil
import time
from pathlib import Path

from microokr.cache import LintCache
from microokr.engine import lint
from microokr.reporters import REPORTER_BY_NAME, LintReport
from microokr.workspace import load_workspace
from tests.conftest import EXAMPLES, TODAY

DAY = dt.date.fromisoformat(TODAY)
STEPS = 40


def rendered(root: Path, *, cached: bool) -> str:
    store = LintCache(root) if cached else None
    workspace = load_workspace(root, reader=store.read if store else None)
    result = lint(workspace, today=DAY, cache=store)
    if store is not None:
        store.save()
    report = LintReport(result.diagnostics, result.files)
    out = io.StringIO()
    for name in sorted(REPORTER_BY_NAME):
        REPORTER_BY_NAME[name].write(report, out)
    return out.getvalue()


EDITS = [
    ("minutes: 15", "minutes: 16"),
    ("baseline: 48", "baseline: fortyeight"),  # MO004
    ("baseline: 48", "baseline: x8"),  # MO004, same size
    ("window:\n", "window:\n  window: twice\n"),  # unknown key
    ("id: ", "id:  "),  # same meaning, other bytes
    ("\n", "\r\n"),  # line ends
    # the facts that MO006, MO701 and MO710 compare across files (their cached findings)
    ("  start: 2026-09-", "  start: 2026-08-"),  # a window moved: overlaps change
    ("teams: [", "teams: [sales, "),  # one more team: a third active sprint for it
    ("id: ", "id: churn-cohort-recovery\nx_id: "),  # a duplicated id (and a typo'd key)
]


def step(root: Path, rng: random.Random) -> str:
    sprints = sorted((root / "sprints").glob("*.yaml"))
    target = rng.choice(sprints)
    kinds = ["edit"] * 4 + ["undo", "twice", "fast-twice"] * 2
    kinds += ["rename", "touch", "backdate", "ahead", "copy-entry", "forge-stat"]
    kind = rng.choice(kinds)
    if kind == "edit":
        text = target.read_text(encoding="utf-8")
        old, new = rng.choice([pair for pair in EDITS if pair[0] in text] or EDITS)
        target.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    elif kind == "undo":
        original = EXAMPLES / "acme" / "sprints" / target.name
        if original.exists():
            shutil.copyfile(original, target)
    elif kind == "rename":
        target.rename(target.with_name(f"renamed-{rng.randrange(1000)}.yaml"))
    elif kind == "touch":
        os.utime(target)  # new mtime, same bytes
    elif kind == "backdate":
        info = target.stat()
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns - 86_400 * 10**9))
    elif kind == "ahead":
        ahead = time.time_ns() + 3600 * 10**9  # a clock an hour fast
        os.utime(target, ns=(ahead, ahead))
    elif kind == "fast-twice":
        # Two writes of the same size in a row, a cached run between them and no
        # utime: in the same tick, only git's racy rule keeps the second from hitting.
        data = target.read_bytes()
        at = data.find(b"minutes: ")
        if at >= 0:
            target.write_bytes(data[: at + 9] + b"x" + data[at + 10 :])
            assert rendered(root, cached=True) == rendered(root, cached=False)
            target.write_bytes(data)
    elif kind == "forge-stat":
        # Put one file's stat data on another line: the MAC covers it, so no hit.
        path = root / ".microokr_cache" / "lint.cache"
        if path.exists():
            header, *lines = path.read_text(encoding="utf-8").split("\n")
            parts = [line.split("\t") for line in lines]
            if len(parts) >= 2:
                a, b = rng.sample(range(len(parts)), 2)
                parts[b][2] = parts[a][2]
                lines = ["\t".join(p) for p in parts]
                path.write_text("\n".join([header, *lines]), encoding="utf-8")
    elif kind == "twice":
        # Two changes within one second, of the same size and with the same mtime, a
        # cached run in between: a stat index must not take the second for the first.
        data = target.read_bytes()
        at = data.find(b"baseline: ")
        if at >= 0:
            first = data[: at + 10] + b"x" + data[at + 11 :]  # MO004
            target.write_bytes(first)
            info = target.stat()
            assert rendered(root, cached=True) == rendered(root, cached=False)
            target.write_bytes(data)
            os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    else:
        # Copy one line of the cache over another's key: the forged line must not verify.
        path = root / ".microokr_cache" / "lint.cache"
        if path.exists():
            header, *lines = path.read_text(encoding="utf-8").split("\n")
            if len(lines) >= 2:
                a, b = rng.sample(range(len(lines)), 2)
                lines[b] = lines[b][:40] + lines[a][40:]
                path.write_text("\n".join([header, *lines]), encoding="utf-8")
    return f"{kind} {target.name}"


def test_a_cached_run_says_what_a_cold_run_says_after_every_change(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "acme", root, ignore=shutil.ignore_patterns(".microokr_cache"))
    rng = random.Random(19)
    history: list[str] = []
    outputs: set[str] = set()
    for _ in range(STEPS):
        history.append(step(root, rng))
        cold = rendered(root, cached=False)
        outputs.add(cold)
        warm = rendered(root, cached=True)
        again = rendered(root, cached=True)  # all hits now
        assert warm == cold, history
        assert again == cold, history
    kinds = {entry.split()[0] for entry in history}
    wanted = {"edit", "rename", "touch", "twice", "fast-twice", "ahead", "copy-entry", "forge-stat"}
    assert wanted <= kinds, kinds
    assert len(outputs) >= 3  # the walk did change what lint says
