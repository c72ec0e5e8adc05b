"""Global options (-w/--workspace, --today, --no-color) work before or after every command.

Issue 19.1: `microokr status -w DIR` once failed with "No such option" while
`microokr -w DIR status` worked. Each case runs both orders, from outside the
workspace when the option is -w, and expects the very same result.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, TESTS, run_cli
from tests.gitrepo import commit_all, init_repo

TODAY = "2026-11-26"
ANSWERS = TESTS / "fixtures" / "new" / "west-pipeline-recovery.answers.yaml"
BASE = TESTS / "fixtures" / "rules" / "_base"
INBOUND_VALUES = (
    "--value", "inbound-conversion=17", "--value", "time-to-proposal=6",
    "--value", "contracts-signed=11",
)  # fmt: skip

COMMANDS: dict[str, tuple[str, ...]] = {
    "init": ("init", "{tmp}/fresh"),
    "new": ("new", "--from", str(ANSWERS), "--no-input", "--dry-run"),
    "lint": ("lint",),
    "rules": ("rules", "MO502"),
    "checkin": ("checkin", "inbound-spike-conversion", "--replace", *INBOUND_VALUES),
    "status": ("status",),
    "close": (
        "close",
        "inbound-spike-conversion",
        "--no-input",
        "--no-revision",
        "--learning",
        "x",
        "--early",
        "the contracts signed early",
        "--output",
        "-",
    ),
    "report": ("report", "west-pipeline-recovery", "--output", "-"),
    "schema": ("schema", "sprint"),
    "due": ("due",),
    "history": ("history", "west-pipeline-recovery", "--format", "json"),
    "site": ("site", "--output", "{tmp}/site"),
    "carry": (
        "carry",
        "west-pipeline-recovery",
        "--id",
        "west-pipeline-next",
        "--start",
        "2026-12-01",
        "--end",
        "14d",
        "--no-input",
        "--dry-run",
    ),
}

OPTIONS: dict[str, tuple[str, ...]] = {
    "-w": ("-w", "{ws}"),
    "--workspace": ("--workspace", "{ws}"),
    "--today": ("--today", TODAY),
    "--no-color": ("--no-color",),
}


def _run(tmp_path: Path, name: str, option: str, *, after: bool) -> tuple[int, str, str]:
    run_dir = tmp_path / ("after" if after else "before")
    workspace = run_dir / "acme"
    # `new` drafts the example sprint into the rule fixtures' base workspace, as its tests do.
    shutil.copytree(BASE if name == "new" else EXAMPLES / "acme", workspace)
    if name == "history":  # history reads git: the example, committed as a team would
        init_repo(workspace)
        commit_all(workspace, date="2026-07-13T09:00:00+00:00")
    outside = run_dir / "elsewhere"
    outside.mkdir()

    def fill(args: tuple[str, ...]) -> list[str]:
        return [a.format(ws=workspace, tmp=run_dir) for a in args]

    command, chosen = fill(COMMANDS[name]), fill(OPTIONS[option])
    today = "2026-07-10" if name == "new" else TODAY
    dated = [] if option == "--today" else ["--today", today]
    chosen = [today if a == TODAY else a for a in chosen]
    args = [*dated, *command, *chosen] if after else [*dated, *chosen, *command]
    cwd = outside if option in ("-w", "--workspace") else workspace
    done = run_cli(*args, cwd=cwd)
    shown = done.stdout.replace(str(run_dir), "<run>")
    return done.code, shown, done.stderr.replace(str(run_dir), "<run>")


@pytest.mark.parametrize("option", sorted(OPTIONS))
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_global_option_works_before_and_after_the_command(
    tmp_path: Path, name: str, option: str
) -> None:
    before = _run(tmp_path, name, option, after=False)
    after = _run(tmp_path, name, option, after=True)
    assert "No such option" not in after[2], after[2]
    assert before[0] in (0, 1), before
    assert after == before
    if name == "history":  # a real timeline, not the "no history" notice
        assert '"kind": "created"' in before[1], before
