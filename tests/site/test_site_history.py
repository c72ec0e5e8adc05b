"""The site's history from git, on real repositories: re-calibrations and carry links."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from microokr.history.overview import workspace_recalibrations
from microokr.site.build import build_site_files
from microokr.site.schema import data_schema
from microokr.workspace import load_workspace
from tests.conftest import run_cli
from tests.gitrepo import commit_all, git
from tests.history.repos import carry_on, kr3_swapped_for_kr4, recalibrated_repo
from tests.history.sprints import SPRINT, version

TODAY = "2026-08-01"
WEST = "sprints/west-pipeline-recovery.html"
NEXT = "sprints/next-step.html"


def _site(root: Path) -> dict[str, bytes]:
    workspace = load_workspace(root)
    history = workspace_recalibrations(workspace)
    return build_site_files(workspace, dt.date.fromisoformat(TODAY), history=history)


def _section(page: bytes, name: str) -> str:
    text = page.decode("utf-8")
    start = text.index(f'<section id="{name}"')
    return text[start : text.index("</section>", start)]


def _rows(section: str) -> dict[str, str]:
    """Each table row of a section by its field (`<th scope="row"><code>kr2 target`)."""
    rows = {}
    for row in section.split("<tr")[2:]:
        field = row.split("<code>", 1)[1].split("</code>", 1)[0]
        rows[field] = row
    return rows


def _sprint(site: dict[str, bytes], sprint_id: str) -> dict[str, Any]:
    data = json.loads(site["data.json"])
    return next(s for s in data["sprints"] if s["id"] == sprint_id)


def test_a_target_lowered_after_a_check_in_without_a_revision_is_flagged(tmp_path: Path) -> None:
    site = _site(recalibrated_repo(tmp_path / "ws", steps=3))
    section = _section(site[WEST], "recalibrations")
    assert "⚠ 1 unrecorded re-calibration</strong>" in section  # said in words, not colour
    row = _rows(section)["kr2 target"]
    assert 'class="unrecorded"' in row and "8 → 6" in row
    assert '<time datetime="2026-07-20">2026-07-20</time>, Alex Kim' in row
    assert "⚠ Unrecorded</strong>: no revisions entry (MO709)" in row
    assert "first check-in (<code" in section and "2026-07-15</time>, Dana Ortiz" in section
    # Flagged at the top of the page and on the index too, each a warning in words.
    page = site[WEST].decode("utf-8")
    warning = (
        '<li class="goalposts-moved">1 goalpost moved after the first check-in with no '
        "revisions entry (MO709): kr2 target 8 → 6</li>"
    )
    assert page.index(warning) < page.index('id="trigger"')
    index = site["index.html"].decode("utf-8")
    assert (
        '<li class="goalposts-moved"><a href="sprints/west-pipeline-recovery.html">'
        "west-pipeline-recovery</a>: 1 goalpost moved after the first check-in" in index
    )
    [item] = _sprint(site, "west-pipeline-recovery")["recalibrations"]
    assert item["field"] == "kr2 target" and (item["original"], item["revised"]) == (8, 6)
    assert item["recorded"] is False and item["revision"] is None
    assert item["changed_in"]["author"] == "Alex Kim" and len(item["changed_in"]["id"]) == 40


def test_a_recorded_change_shows_its_revision_and_the_unrecorded_one_is_flagged(
    tmp_path: Path,
) -> None:
    site = _site(recalibrated_repo(tmp_path / "ws"))
    section = _section(site[WEST], "recalibrations")
    rows = _rows(section)
    assert set(rows) == {"kr2 target", "window.end"}
    recorded = rows["kr2 target"]
    assert 'class="recorded"' in recorded and "Unrecorded" not in recorded
    assert "Yes: <time" in recorded
    assert "2026-07-21</time>, kr2 target 8 -&gt; 6 accounts" in recorded
    stretched = rows["window.end"]
    assert "2026-07-28 → 2026-07-30" in stretched and "⚠ Unrecorded" in stretched
    assert "⚠ 1 unrecorded re-calibration</strong>" in section
    items = _sprint(site, "west-pipeline-recovery")["recalibrations"]
    assert [(i["field"], i["recorded"]) for i in items] == [
        ("kr2 target", True),
        ("window.end", False),
    ]
    assert items[0]["revision"] == {
        "date": "2026-07-21",
        "what": "kr2 target 8 -> 6 accounts",
        "why": None,
    }


def test_carry_links_go_both_ways_and_data_json_holds_them(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws")
    carry_on(root)
    site = _site(root)
    west = _section(site[WEST], "carry")
    assert 'Carried on in <a href="../sprints/next-step.html">next-step</a>' in west
    follower = _section(site[NEXT], "carry")
    assert 'Carried from <a href="../sprints/west-pipeline-recovery.html">' in follower
    # The follower is not committed yet: its page says so rather than "nothing moved".
    assert "is not committed yet" in _section(site[NEXT], "recalibrations")
    data = json.loads(site["data.json"])
    jsonschema.validate(data, data_schema())
    assert data["history"] == {"available": True, "notice": None, "since": None}
    source, carried = _sprint(site, "west-pipeline-recovery"), _sprint(site, "next-step")
    assert source["carried_to"] == [{"id": "next-step", "page": NEXT}]
    assert source["carried_from"] is None and carried["carried_to"] == []
    assert carried["carried_from"] == {"id": "west-pipeline-recovery", "page": WEST}
    assert carried["recalibrations"] is None


def test_a_carry_source_missing_from_the_workspace_is_named_without_a_link(
    tmp_path: Path,
) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    path = carry_on(root)
    path.write_text(path.read_text().replace("from: west-pipeline-recovery", "from: gone-sprint"))
    site = _site(root)
    follower = _section(site[NEXT], "carry")
    assert "Carried from <code>gone-sprint</code> (no such sprint in this workspace)" in follower
    assert "<a " not in follower
    assert 'id="carry"' not in site[WEST].decode("utf-8")  # nothing carried on from it


def test_the_site_reads_git_once_for_every_sprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    for number in range(4):  # four more sprints, each with a target moved after a check-in
        rel = f"sprints/other-{number}.yaml"
        text = version(2).replace("id: west-pipeline-recovery", f"id: other-{number}")
        (root / rel).write_text(text)
    commit_all(root, date="2026-07-16T09:00:00+00:00")
    for number in range(4):
        path = root / f"sprints/other-{number}.yaml"
        path.write_text(path.read_text().replace("    target: 8\n", "    target: 5\n"))
    commit_all(root, date="2026-07-18T09:00:00+00:00", author="Alex Kim")
    runs: list[list[str]] = []
    real_popen = subprocess.Popen

    def counted_popen(args: list[str], **kwargs: Any) -> Any:
        runs.append(list(args))  # subprocess.run starts its process through Popen too
        return real_popen(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counted_popen)
    site = _site(root)
    moved = [s for s in json.loads(site["data.json"])["sprints"] if s["recalibrations"]]
    assert len(moved) == 4
    commands = [next(a for a in args if not a.startswith("-") and "=" not in a and a != "git")
                for args in runs]  # fmt: skip
    assert commands == ["rev-parse", "log", "cat-file"]  # one of each, for five sprints


def test_outside_git_the_site_builds_says_so_once_and_on_the_page(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=1)
    subprocess.run(["rm", "-rf", str(root / ".git")], check=True)
    done = run_cli("--today", TODAY, "-w", str(root), "site")
    assert done.code == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if line.startswith("microokr: note:")]
    assert len(notes) == 1 and "not inside a git repository" in notes[0]
    assert "Traceback" not in done.stderr
    page = (root / "site" / WEST).read_bytes()
    assert "History from git was not available: " in _section(page, "recalibrations")
    quiet = run_cli("--today", TODAY, "-w", str(root), "site", "--no-history")
    assert quiet.code == 0 and quiet.stderr == ""
    page = (root / "site" / WEST).read_bytes()
    assert "this build did not read it (--no-history)" in _section(page, "recalibrations")


def test_a_shallow_clone_says_how_far_back_it_could_see(tmp_path: Path) -> None:
    origin = recalibrated_repo(tmp_path / "origin", steps=4)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(clone))
    done = run_cli("--today", TODAY, "-w", str(clone), "site")
    assert done.code == 0, done.stderr
    assert done.stderr.count("microokr: note: this is a shallow clone") == 1
    section = _section((clone / "site" / WEST).read_bytes(), "recalibrations")
    assert "History reaches back only to 2026-07-20 (a shallow clone)" in section
    # The first check-in (07-15) and kr2's change (07-20) are beyond the clone's reach: it
    # compares with the oldest version it holds, where only the window moved since.
    assert set(_rows(section)) == {"window.end"}


def test_the_sprint_file_renamed_keeps_its_history_on_the_page(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    git(root, "mv", SPRINT, "sprints/renamed.yaml")
    (root / "sprints/renamed.yaml").write_text(version(3))
    commit_all(root, date="2026-07-20T09:00:00+00:00", author="Alex Kim")
    site = _site(root)
    assert "<code>sprints/renamed.yaml</code>" in site[WEST].decode("utf-8")  # pages go by id
    row = _rows(_section(site[WEST], "recalibrations"))["kr2 target"]
    assert "8 → 6" in row and "Alex Kim" in row


def test_the_pages_workflow_checks_out_the_whole_history() -> None:
    import yaml

    from microokr.pages_workflow import pages_workflow

    steps = yaml.safe_load(pages_workflow("planning"))["jobs"]["build"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"] == {"fetch-depth": 0}  # a shallow checkout would hide re-calibrations


def test_text_from_git_and_the_file_is_shown_escaped_never_run(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    hostile = "<script>alert(1)</script> {{ 7*7 }} [x](javascript:alert(1))"
    text = version(2).replace(
        "statement: Progress 6 stalled accounts", f"statement: 'Progress {hostile} accounts"
    )
    text = text.replace("from Discovery stage to Proposal stage\n", "to Proposal'\n", 1)
    text += f"revisions:\n  - date: 2026-07-19\n    what: 'kr2 statement {hostile}'\n"
    (root / SPRINT).write_text(text)
    commit_all(root, date="2026-07-19T09:00:00+00:00", author='Mallory & "Eve" {{ 7*7 }}')
    site = _site(root)
    row = _rows(_section(site[WEST], "recalibrations"))["kr2 statement"]
    assert "<script>" not in row and "&lt;script&gt;alert(1)&lt;/script&gt;" in row
    assert row.count("{{ 7*7 }}") == 3  # the revised statement, the revision, the author
    assert "Mallory &amp; &#34;Eve&#34;" in row and 'href="javascript' not in row
    [item] = _sprint(site, "west-pipeline-recovery")["recalibrations"]
    assert item["revised"] == f"Progress {hostile} accounts to Proposal"  # data.json: as is
    assert item["changed_in"]["author"] == 'Mallory & "Eve" {{ 7*7 }}' and item["recorded"]


def test_an_uncommitted_change_shows_as_not_committed_yet(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    (root / SPRINT).write_text(version(2).replace("    target: 7\n", "    target: 9\n"))
    row = _rows(_section(_site(root)[WEST], "recalibrations"))["kr3 target"]
    assert "7 → 9" in row and "<td>not committed yet</td>" in row and "⚠ Unrecorded" in row


def test_a_warm_lint_cache_changes_nothing_the_pages_say(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws")
    cold = run_cli("--today", TODAY, "-w", str(root), "site")
    assert cold.code == 0, cold.stderr
    assert "⚠ Unrecorded" in (root / "site" / WEST).read_text("utf-8")
    run_cli("--today", TODAY, "-w", str(root), "lint")  # fills the cache the site reads
    assert (root / ".microokr_cache").is_dir()
    warm = run_cli("--today", TODAY, "-w", str(root), "site")
    assert warm.code == 0 and "(0 written, " in warm.stdout, warm.stdout + warm.stderr


def test_krs_added_or_removed_after_the_first_check_in_are_shown(tmp_path: Path) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    kr3_swapped_for_kr4(root, "kr4 added")
    site = _site(root)
    section = _section(site[WEST], "recalibrations")
    assert "No goalpost changed" not in section and '<table class="recalibrations">' not in section
    rows = _rows(section)
    assert "removed: Reduce median time-to-first-meeting" in rows["kr3"]
    assert "2026-07-18</time>, Alex Kim" in rows["kr3"]
    assert "⚠ Unrecorded</strong>: no revisions entry names <code>kr3</code>" in rows["kr3"]
    assert "added: Reduce median time-to-first-meeting for ICP accounts by 5 days" in rows["kr4"]
    assert "Yes: <time" in rows["kr4"] and "kr4 added" in rows["kr4"]
    changes = _sprint(site, "west-pipeline-recovery")["kr_changes"]
    assert [(c["kr"], c["kind"], c["recorded"]) for c in changes] == [
        ("kr3", "removed", False),
        ("kr4", "added", True),
    ]
    jsonschema.validate(json.loads(site["data.json"]), data_schema())
    # Not MO709's (its contract names the fields of KRs that stay): no lint warning for it.
    assert 'class="goalposts-moved"' not in site[WEST].decode("utf-8")
