"""Honest help (issue 19.2): metavars that say what to type, bare `microokr` is help, completion.

Help is read as a user reads it: the real executable, every command's `--help`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

COMMANDS = ["", "init", "new", "lint", "rules", "checkin", "status", "close", "report", "schema"]
DISHONEST = ["<bool>", "<str>", "<list[", "{", "[[", "[directory]", "<path>", "<dir>", "<file>"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_says_what_to_type(command: str) -> None:
    done = run_cli(*([command] if command else []), "--help", env={"COLUMNS": "200"})
    assert done.code == 0, done.stderr
    for dishonest in DISHONEST:
        assert dishonest not in done.stdout, (command, dishonest, done.stdout)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("checkin", ["Usage: microokr checkin [OPTIONS] SPRINT", "--date", "DATE", "--today"]),
        ("close", ["Usage: microokr close [OPTIONS] SPRINT"]),
        ("report", ["Usage: microokr report [OPTIONS] SPRINT"]),
        ("lint", ["Usage: microokr lint [OPTIONS] [PATH]..."]),
        ("rules", ["Usage: microokr rules [OPTIONS] [CODE]"]),
        ("init", ["Usage: microokr init [OPTIONS] [DIR]"]),
        ("status", ["text|json", "--workspace", "--no-color"]),
    ],
)
def test_usage_lines_name_the_arguments(command: str, expected: list[str]) -> None:
    done = run_cli(command, "--help", env={"COLUMNS": "200"})
    for text in expected:
        assert text in done.stdout, (text, done.stdout)


def test_bare_microokr_prints_help_and_exits_0() -> None:
    done = run_cli()
    assert done.code == 0
    assert "Usage: microokr" in done.stdout
    assert "error" not in done.stderr


def _complete(words: str, cwd: Path) -> list[str]:
    env = {
        **os.environ,
        "_MICROOKR_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    env.pop("MICROOKR_TODAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "microokr"], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    return [line for line in re.split(r"[\n ]", done.stdout) if line]


def test_sprint_ids_team_ids_and_rule_codes_complete() -> None:
    acme = EXAMPLES / "acme"
    assert "west-pipeline-recovery" in _complete("microokr checkin we", acme)
    assert "lead-handoff-alignment" in _complete("microokr report le", acme)
    assert "sales-west" in _complete("microokr status --team sales-", acme)
    assert "MO502" in _complete("microokr rules MO50", acme)
    assert "json" in _complete("microokr status --format ", acme)
