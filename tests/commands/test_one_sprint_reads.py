"""A command on one sprint reads that sprint, the OKR files and the config: never the
other sprint files, so it costs the same in a workspace of 6 sprints or 10,000.

Counted, not timed: a real process with an audit hook records every file it opens.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

PROBE = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(hook)
import atexit
atexit.register(lambda: print("OPENED " + json.dumps(opened), file=sys.__stderr__))
from microokr.entry import main
sys.argv = ["microokr", *sys.argv[1:]]
main()
"""

HANDOFF_VALUES = ("--value", "handoff-response=20", "--value", "lead-to-meeting=19")
HANDOFF_VALUES += ("--value", "stage-progression=10")


def _many_sprints(tmp_path: Path, extra: int) -> Path:
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", root)
    text = (root / "sprints" / "churn-cohort-recovery.yaml").read_text()
    for n in range(extra):
        name = f"filler-{n:03d}"
        body = text.replace("id: churn-cohort-recovery", f"id: {name}")
        (root / "sprints" / f"{name}.yaml").write_text(body)
    return root


def _opened(root: Path, *args: str) -> tuple[int, list[str], str]:
    env = {**os.environ, "NO_COLOR": "1", "MICROOKR_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("OPENED "))
    inside = [
        Path(p).resolve().relative_to(root.resolve()).as_posix()
        for p in json.loads(line[len("OPENED ") :])
        if Path(p).resolve().is_relative_to(root.resolve())
    ]
    return done.returncode, inside, done.stderr


def _sprints_read(paths: list[str]) -> set[str]:
    return {p for p in paths if p.startswith("sprints/") and p.endswith(".yaml")}


def test_checkin_reads_only_its_sprint(tmp_path: Path) -> None:
    root = _many_sprints(tmp_path, 40)
    code, opened, stderr = _opened(
        root, "--today", "2026-12-10", "checkin", "lead-handoff-alignment", *HANDOFF_VALUES,
        "--no-input",
    )  # fmt: skip
    assert code == 0, stderr
    assert _sprints_read(opened) == {"sprints/lead-handoff-alignment.yaml"}
    assert "microokr.yaml" in opened
    assert any(p.startswith("okrs/") for p in opened)
    assert "2026-12-10" in (root / "sprints" / "lead-handoff-alignment.yaml").read_text()


def test_checkin_by_path_reads_only_that_file(tmp_path: Path) -> None:
    root = _many_sprints(tmp_path, 10)
    code, opened, stderr = _opened(
        root, "--today", "2026-12-10", "checkin", "sprints/lead-handoff-alignment.yaml",
        *HANDOFF_VALUES, "--no-input",
    )  # fmt: skip
    assert code == 0, stderr
    assert _sprints_read(opened) == {"sprints/lead-handoff-alignment.yaml"}


def test_an_id_not_named_after_its_file_still_reads_them_all(tmp_path: Path) -> None:
    """No file named <id>.yaml: only reading every sprint can find (or refuse) it,
    exactly as before, so the probe sees them all."""
    root = _many_sprints(tmp_path, 3)
    code, opened, stderr = _opened(
        root, "--today", "2026-12-10", "checkin", "no-such-sprint", "--no-input"
    )
    assert code == 2, stderr
    assert "no sprint with id 'no-such-sprint'" in stderr
    assert len(_sprints_read(opened)) == 6 + 3
