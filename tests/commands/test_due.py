"""`microokr due`: what each Sprint Lead owes today, and the daily workflow that posts it.

The workflow's steps run locally as the runner would (bash, their `env:`), with a
stand-in `gh` on PATH that records each comment it is asked to post.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import yaml

from microokr.due_workflow import due_workflow
from tests.conftest import run_cli


def due(workspace: Path, today: str, *args: str) -> str:
    done = run_cli("--workspace", str(workspace), "--today", today, "due", *args)
    assert done.code == 0, done.stderr
    return done.stdout


def retarget(acme: Path, source: str, new_id: str, replace: dict[str, str]) -> None:
    sprints = acme / "sprints"
    text = (sprints / f"{source}.yaml").read_text().replace(f"id: {source}\n", f"id: {new_id}\n")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    (sprints / f"{new_id}.yaml").write_text(text)


def test_due_groups_everything_a_lead_owes(acme: Path) -> None:
    assert due(acme, "2026-12-06") == (
        "Due on 2026-12-06:\n"
        "\n"
        "Priya Raman\n"
        "  inbound-spike-conversion: window ended 2026-11-30, 6 days ago: run the close\n"
        "  lead-handoff-alignment: starts tomorrow (2026-12-07): hold the kickoff\n"
    )


def test_due_by_cadence_and_at_the_close(acme: Path) -> None:
    out = due(acme, "2026-11-30")
    assert "inbound-spike-conversion: the window ends today: run the Sprint Close" in out
    assert "check-in overdue (last check-in 2026-11-26, cadence daily)" in out
    assert due(acme, "2026-11-26") == "Nothing is due on 2026-11-26.\n"


def test_one_group_per_lead_sorted_by_name(acme: Path) -> None:
    retarget(acme, "lead-handoff-alignment", "handoff-b", {"Priya Raman": "Ana Li"})
    document = json.loads(due(acme, "2026-12-06", "--format", "json"))
    assert document["version"] == 1 and document["today"] == "2026-12-06"
    assert [lead["lead"] for lead in document["leads"]] == ["Ana Li", "Priya Raman"]
    (ana,) = [lead for lead in document["leads"] if lead["lead"] == "Ana Li"]
    assert ana["items"] == [
        {
            "sprint": "handoff-b",
            "path": "sprints/handoff-b.yaml",
            "owed": "starting",
            "message": "starts tomorrow (2026-12-07): hold the kickoff",
        }
    ]


def test_a_lead_who_checked_in_today_is_marked(acme: Path) -> None:
    # Priya checked in on inbound-spike-conversion on 2026-11-26; a sprint of hers starts.
    retarget(
        acme, "lead-handoff-alignment", "handoff-now", {"start: 2026-12-07": "start: 2026-11-26"}
    )
    document = json.loads(due(acme, "2026-11-26", "--format", "json"))
    (priya,) = document["leads"]
    assert priya["checked_in_today"] is True
    assert [item["owed"] for item in priya["items"]] == ["starting"]
    markdown = due(acme, "2026-11-26", "--format", "markdown")
    assert markdown.startswith(
        "### What is due on 2026-11-26\n\n#### Priya Raman (checked in today)"
    )


def test_markdown_escapes_what_files_hold(acme: Path) -> None:
    retarget(acme, "lead-handoff-alignment", "handoff-b", {"Priya Raman": "<b>Ana</b> | *x*"})
    markdown = due(acme, "2026-12-06", "--format", "markdown")
    assert "#### \\<b\\>Ana\\</b\\> \\| \\*x\\*" in markdown


# --- the workflow ----------------------------------------------------------------------


def test_the_due_workflow_pins_its_actions_and_keeps_inputs_out_of_scripts() -> None:
    workflow = yaml.safe_load(due_workflow("planning"))
    assert workflow[True]["schedule"][0]["cron"]  # `on:` reads as True in YAML 1.1
    steps = workflow["jobs"]["due"]["steps"]
    for step in steps:
        if "uses" in step:
            assert len(step["uses"].split("@")[1]) == 40, step["uses"]
        if "run" in step:
            assert "${{" not in step["run"], step
    assert workflow["jobs"]["due"]["env"] == {"MICROOKR_WORKSPACE": "planning"}


def run_steps(
    workspace_root: Path, tmp_path: Path, *, issue: str, today: str = "2026-12-06"
) -> list[list[str]]:
    """Run the workflow's own `run:` steps (not install) with a recording `gh`."""
    workflow = yaml.safe_load(due_workflow("okr"))
    steps = [s for s in workflow["jobs"]["due"]["steps"] if "run" in s][1:]
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    calls = tmp_path / "gh-calls.jsonl"
    gh = fake_bin / "gh"
    gh.write_text(
        "#!/usr/bin/env python3\nimport json, sys, pathlib\n"
        "body = pathlib.Path(sys.argv[-1]).read_text()\n"
        f"with open({str(calls)!r}, 'a') as f:\n"
        "    f.write(json.dumps(sys.argv[1:-1] + [body]) + '\\n')\n"
    )
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    summary = tmp_path / "summary.md"
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    import sys

    for step in steps:
        if step.get("if") and not issue:
            continue  # `vars.MICROOKR_TRACKING_ISSUE != ''` is false
        env = {
            "PATH": os.pathsep.join(
                [str(fake_bin), str(Path(sys.executable).parent), os.environ["PATH"]]
            ),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(temp),
            "MICROOKR_TODAY": today,
            "NO_COLOR": "1",
            **workflow["jobs"]["due"]["env"],
        }
        for key, value in step.get("env", {}).items():
            env[key] = {"${{ vars.MICROOKR_TRACKING_ISSUE }}": issue}.get(value, "token")
        script = tmp_path / "step.sh"
        script.write_text(step["run"])
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace_root, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    assert summary.read_text().startswith(f"### What is due on {today}")
    if not calls.exists():
        return []
    return [json.loads(line) for line in calls.read_text().splitlines()]


def test_the_workflow_posts_one_comment_per_lead_who_owes(acme: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    acme.rename(repo / "okr")
    retarget(repo / "okr", "lead-handoff-alignment", "handoff-b", {"Priya Raman": "Ana Li"})
    calls = run_steps(repo, tmp_path, issue="42")
    assert [call[:4] for call in calls] == [["issue", "comment", "42", "--body-file"]] * 2
    assert calls[0][-1].startswith("**Ana Li**, due on 2026-12-06:")
    assert "- `handoff-b`: starts tomorrow" in calls[0][-1]
    assert calls[1][-1].startswith("**Priya Raman**, due on 2026-12-06:")


def test_the_workflow_posts_nothing_without_a_tracking_issue(acme: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    acme.rename(repo / "okr")
    assert run_steps(repo, tmp_path, issue="") == []


def test_the_workflow_skips_a_lead_who_checked_in_today(acme: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    acme.rename(repo / "okr")
    retarget(
        repo / "okr",
        "lead-handoff-alignment",
        "handoff-now",
        {"start: 2026-12-07": "start: 2026-11-26"},
    )
    retarget(
        repo / "okr",
        "lead-handoff-alignment",
        "handoff-b",
        {"Priya Raman": "Ana Li", "start: 2026-12-07": "start: 2026-11-26"},
    )
    calls = run_steps(repo, tmp_path, issue="7", today="2026-11-26")
    # Priya owes a kickoff too, but checked in today: only Ana is reminded.
    assert [call[-1].split(",")[0] for call in calls] == ["**Ana Li**"]


def test_init_github_writes_the_due_workflow_at_the_git_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert run_cli("init", "planning", "--today", "2026-11-26", cwd=repo).code == 0
    before = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    done = run_cli("init", "planning", "--github", cwd=repo)
    assert done.code == 0, done.stderr
    workflow = repo / ".github" / "workflows" / "microokr-due.yml"
    assert workflow.read_text() == due_workflow("planning")
    after = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    new = [rel for rel in after if rel not in before and not rel.startswith(".git/")]
    # init --github writes the site's Pages workflow beside it (the site helper's).
    assert new == [".github/workflows/microokr-due.yml", ".github/workflows/microokr-pages.yml"]
    again = run_cli("init", "planning", "--github", cwd=repo)
    assert again.code == 1 and "refusing to overwrite" in again.stderr


def test_init_github_in_a_new_workspace_outside_a_repository(tmp_path: Path) -> None:
    done = run_cli("init", str(tmp_path / "w"), "--github", "--today", "2026-11-26")
    assert done.code == 0, done.stderr
    workflow = yaml.safe_load(
        (tmp_path / "w" / ".github" / "workflows" / "microokr-due.yml").read_text()
    )
    assert workflow["jobs"]["due"]["env"] == {"MICROOKR_WORKSPACE": "."}
