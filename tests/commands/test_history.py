"""`microokr history SPRINT` and the report's re-calibrations, on real git repositories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import TESTS, run_cli
from tests.gitrepo import commit_all, git, init_repo
from tests.history.repos import kr3_swapped_for_kr4, recalibrated_repo
from tests.history.sprints import SPRINT, version

FIXTURES = TESTS / "fixtures" / "rules"
REVISION = "revisions:\n  - date: 2026-07-21\n    what: kr2 target 8 -> 6 accounts\n"
_version = version


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Created 07-13 (target 8), first check-in 07-15, target lowered 07-20 by Alex Kim,
    window stretched 07-21 with a revision that names only kr2, closed 07-28."""
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "_base", root)
    init_repo(root)
    for number, (date, author) in enumerate(
        [("2026-07-13T09:00:00+02:00", "Dana Ortiz"), ("2026-07-15T17:30:00+02:00", "Dana Ortiz"),
         ("2026-07-20T11:00:00+02:00", "Alex Kim")],
        1,
    ):  # fmt: skip
        (root / SPRINT).write_text(_version(number))
        commit_all(root, date=date, author=author)
    stretched = _version(3).replace("end: 2026-07-28", "end: 2026-07-30") + REVISION
    (root / SPRINT).write_text(stretched)
    commit_all(root, date="2026-07-21T10:00:00+02:00", author="Dana Ortiz")
    closed = stretched + (
        "close:\n  date: 2026-07-30\n  attendees: [sales-west]\n"
        "  anchor: {start: 21.2, end: 22.4}\n  final: {kr1: 30, kr2: 6, kr3: 9}\n"
        "  learning: Acceptance moved once the persona was rewritten.\n"
        "  tactical_revision: {needed: false}\n"
    )
    (root / SPRINT).write_text(closed)
    commit_all(root, date="2026-07-30T18:00:00+02:00", author="Dana Ortiz")
    return root


def test_text_timeline(repo: Path) -> None:
    done = run_cli("-w", str(repo), "history", "west-pipeline-recovery")
    assert done.code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"west-pipeline-recovery: history of {SPRINT} from git"
    body = "\n".join(lines)
    order = [
        "created as sprints/west-pipeline-recovery.yaml",
        "check-in of 2026-07-15 recorded (the first)",
        "kr2 target 8 → 6 — recorded by revisions[0]",
        "window.end 2026-07-28 → 2026-07-30 — UNRECORDED",
        "closed on 2026-07-30",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Alex Kim" in next(line for line in lines if "kr2 target" in line)
    assert "2026-07-20" in next(line for line in lines if "kr2 target" in line)
    assert lines[-1].startswith("1 goalpost change after the first check-in without")


def test_json_and_markdown_timelines(repo: Path) -> None:
    done = run_cli("-w", str(repo), "history", str(repo / SPRINT), "--format", "json")
    assert done.code == 0, done.stderr
    document = json.loads(done.stdout)
    changed = [e for e in document["events"] if e["kind"] == "changed"]
    assert [(e["field"], e["old"], e["new"], e["unrecorded"]) for e in changed] == [
        ("kr2 target", "8", "6", False),
        ("window.end", "2026-07-28", "2026-07-30", True),
    ]
    assert changed[0]["author"] == "Alex Kim" and changed[0]["date"] == "2026-07-20"
    assert len(changed[0]["commit"]) == 40
    markdown = run_cli("-w", str(repo), "history", "west-pipeline-recovery", "-f", "markdown")
    assert markdown.stdout.startswith("# History of west-pipeline-recovery")
    assert "| 2026-07-20 |" in markdown.stdout and "**UNRECORDED" in markdown.stdout


def test_an_uncommitted_change_shows_as_the_working_tree(repo: Path) -> None:
    path = repo / SPRINT
    path.write_text(path.read_text().replace("    target: 7\n", "    target: 9\n"))
    done = run_cli("-w", str(repo), "history", "west-pipeline-recovery")
    line = next(line for line in done.stdout.splitlines() if "kr3 target" in line)
    assert "(not committed yet)" in line and "7 → 9" in line and "UNRECORDED" in line


def test_report_shows_original_and_revised_and_flags_the_unrecorded(repo: Path) -> None:
    done = run_cli("--today", "2026-08-01", "-w", str(repo), "report", "west-pipeline-recovery")
    assert done.code == 0, done.stderr
    section = done.stdout.split("## Re-calibrations (from git)", 1)[1].split("\n## ", 1)[0]
    assert "| kr2 target | 8 → 6 |" in section and "Alex Kim" in section
    assert "yes: 2026-07-21, kr2 target 8 -\\> 6 accounts" in section
    assert "| window.end | 2026-07-28 → 2026-07-30 |" in section
    assert "**no: unrecorded (MO709)**" in section
    assert "**1 re-calibration without a revisions entry**" in section


def test_history_outside_a_repository_is_a_workspace_error(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "_base", root)
    (root / SPRINT).write_text(_version(2))
    done = run_cli("-w", str(root), "history", "west-pipeline-recovery")
    assert done.code == 2
    assert "no history to show:" in done.stderr and "not inside a git repository" in done.stderr
    report = run_cli("--today", "2026-08-01", "-w", str(root), "report", "west-pipeline-recovery")
    assert report.code == 0 and "Re-calibrations" not in report.stdout


def test_an_untracked_sprint_has_no_history_yet(repo: Path) -> None:
    (repo / "sprints" / "fresh.yaml").write_text(
        _version(1).replace("id: west-pipeline-recovery", "id: fresh")
    )
    done = run_cli("-w", str(repo), "history", "fresh", "--format", "json")
    assert done.code == 0
    document = json.loads(done.stdout)
    assert document["events"] == [] and "not committed yet" in document["notice"]


def test_carried_sprints_link_both_ways_in_their_reports(repo: Path) -> None:
    answers = repo.parent / "answers.yaml"
    answers.write_text("initiatives:\n  - team: sales-west\n    action: Call the 12 accounts\n")
    done = run_cli(
        "--today", "2026-07-31", "-w", str(repo), "carry", "west-pipeline-recovery",
        "--id", "next-step", "--start", "2026-07-31", "--end", "14d",
        "--from", str(answers), "--no-input",
    )  # fmt: skip
    assert done.code == 0, done.stdout + done.stderr
    git(repo, "add", "-A")
    follow = run_cli("--today", "2026-08-01", "-w", str(repo), "report", "next-step")
    # The source was closed by a commit, not by `close`: it has no report to link to yet.
    assert "- **Carried over from:** `west-pipeline-recovery` (no report yet)" in follow.stdout
    written = run_cli(
        "--today", "2026-08-01", "-w", str(repo), "report", "west-pipeline-recovery",
        "--output", str(repo / "reports" / "west-pipeline-recovery.md"),
    )  # fmt: skip
    assert written.code == 0, written.stderr
    origin = (repo / "reports" / "west-pipeline-recovery.md").read_text("utf-8")
    assert "- **Carried on in:** `next-step` (no report yet)" in origin  # open: no report
    follow = run_cli("--today", "2026-08-01", "-w", str(repo), "report", "next-step")
    assert "- **Carried over from:** [`west-pipeline-recovery`](west-pipeline-recovery.md)" in (
        follow.stdout
    )
    (repo / "reports" / "next-step.md").write_text("# next-step\n")
    origin_again = run_cli("-w", str(repo), "--today", "2026-08-01", "report",
                           "west-pipeline-recovery")  # fmt: skip
    assert "- **Carried on in:** [`next-step`](next-step.md)" in origin_again.stdout


def test_the_close_report_shows_the_recalibrations_too(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "_base", root)
    init_repo(root)
    for number, date in enumerate(("2026-07-13", "2026-07-15", "2026-07-20"), 1):
        (root / SPRINT).write_text(_version(number))
        commit_all(
            root, date=f"{date}T09:00:00+00:00", author="Alex Kim" if number == 3 else "Dana Ortiz"
        )
    done = run_cli(
        "--today", "2026-07-28", "-w", str(root), "close", "west-pipeline-recovery",
        "--date", "2026-07-28", "--anchor-start", "21.2", "--anchor-end", "22.4",
        "--final", "kr1=30", "--final", "kr2=6", "--final", "kr3=9",
        "--learning", "Acceptance moved once the persona was rewritten.",
        "--highest-impact", "The persona rewrite.", "--root-cause", "The wrong persona.",
        "--no-revision", "--no-input",
    )  # fmt: skip
    assert done.code == 0, done.stdout + done.stderr
    report = (root / "reports" / "west-pipeline-recovery.md").read_text()
    assert "## Re-calibrations (from git)" in report
    assert "| kr2 target | 8 → 6 |" in report and "**no: unrecorded (MO709)**" in report


def test_krs_added_or_removed_after_the_first_check_in_are_told(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    kr3_swapped_for_kr4(root, "kr3 dropped")
    done = run_cli("-w", str(root), "history", "west-pipeline-recovery")
    assert done.code == 0, done.stderr
    lines = {line.split("  ")[-1] for line in done.stdout.splitlines()}
    assert "KR kr4 added — after the first check-in, and no revisions entry names it" in lines
    assert "KR kr3 removed — after the first check-in, recorded by revisions[0]: kr3 dropped" in (
        lines
    )
    events = json.loads(run_cli("-w", str(root), "history", "west-pipeline-recovery",
                                "-f", "json").stdout)["events"]  # fmt: skip
    told = {e["text"]: (e["after_first_checkin"], e["revision"]) for e in events}
    assert told["KR kr4 added"] == (True, None) and told["KR kr3 removed"] == (True, 0)
    report = run_cli("--today", "2026-08-01", "-w", str(root), "report", "west-pipeline-recovery")
    assert report.code == 0, report.stderr
    section = report.stdout.split("## Re-calibrations (from git)", 1)[1].split("\n## ", 1)[0]
    assert "| KR | Added or removed after the first check-in | Changed in | Recorded |" in section
    kr3 = next(line for line in section.splitlines() if line.startswith("| `kr3` |"))
    assert "| removed: Reduce median time-to-first-meeting" in kr3 and "Alex Kim" in kr3
    assert kr3.endswith("| yes: 2026-07-18, kr3 dropped |")
    kr4 = next(line for line in section.splitlines() if line.startswith("| `kr4` |"))
    assert kr4.endswith("| **no: no revisions entry names `kr4`** |")
    assert "No goalpost changed" not in section and "MO709" not in section
