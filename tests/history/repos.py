"""A real git repository whose sprint's goalposts moved, and a sprint carried on from it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import TESTS
from tests.gitrepo import commit_all, init_repo
from tests.history.sprints import SPRINT, version

BASE = TESTS / "fixtures" / "rules" / "_base"
REVISION = "revisions:\n  - date: 2026-07-21\n    what: kr2 target 8 -> 6 accounts\n"
CARRIED = "sprints/next-step.yaml"
CLOSE = (
    "close:\n  date: 2026-07-30\n  attendees: [sales-west]\n"
    "  anchor: {start: 21.2, end: 22.4}\n  final: {kr1: 30, kr2: 6, kr3: 9}\n"
    "  learning: Acceptance moved once the persona was rewritten.\n"
    "  tactical_revision: {needed: false}\n"
)


def recalibrated_repo(root: Path, *, steps: int = 5) -> Path:
    """The workspace at `root` in a git repository of its own, `steps` commits of
    west-pipeline-recovery: 1 created 07-13 (kr2 target 8); 2 first check-in 07-15;
    3 kr2 target lowered to 6 on 07-20 by Alex Kim, unrecorded; 4 the window's end
    stretched on 07-21 with a revision that names only kr2; 5 closed 07-30."""
    shutil.copytree(BASE, root)
    init_repo(root)
    stretched = version(3).replace("end: 2026-07-28", "end: 2026-07-30") + REVISION
    texts = [
        (version(1), "2026-07-13T09:00:00+02:00", "Dana Ortiz"),
        (version(2), "2026-07-15T17:30:00+02:00", "Dana Ortiz"),
        (version(3), "2026-07-20T11:00:00+02:00", "Alex Kim"),
        (stretched, "2026-07-21T10:00:00+02:00", "Dana Ortiz"),
        (stretched + CLOSE, "2026-07-30T18:00:00+02:00", "Dana Ortiz"),
    ]
    for text, date, author in texts[:steps]:
        (root / SPRINT).write_text(text, encoding="utf-8")
        commit_all(root, date=date, author=author)
    return root


def carry_on(root: Path) -> Path:
    """An uncommitted `next-step` sprint carried from west-pipeline-recovery."""
    text = version(1).replace("id: west-pipeline-recovery", "id: next-step")
    text = text.replace("start: 2026-07-14", "start: 2026-07-31")
    text = text.replace("end: 2026-07-28", "end: 2026-08-13")
    path = root / CARRIED
    path.write_text(text + "carried_from: west-pipeline-recovery\n", encoding="utf-8")
    return path


def kr3_swapped_for_kr4(root: Path, revision: str) -> None:
    """Commit (07-18, Alex Kim) west-pipeline-recovery after its first check-in with kr3
    removed and a kr4 added, and a `revisions` entry saying `revision`."""
    text = version(2)
    kr3 = text[text.index("  - id: kr3\n") : text.index("initiatives:")]
    kr4 = kr3.replace("id: kr3", "id: kr4").replace("from 12 days to 7 days", "by 5 days")
    text = text.replace(kr3, kr4) + f"revisions:\n  - date: 2026-07-18\n    what: {revision}\n"
    (root / SPRINT).write_text(text)
    commit_all(root, date="2026-07-18T09:00:00+00:00", author="Alex Kim")
