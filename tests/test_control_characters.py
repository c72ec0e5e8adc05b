"""Control characters from files never reach a terminal, a CI log or a report live.

`lint` runs on pull requests from strangers; a team id written as a YAML escape
("\\e]0;...\\a") would otherwise reach the terminal as a live escape sequence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microokr.diagnostics import Diagnostic, Severity, printable
from tests.conftest import TODAY, run_cli

HOSTILE_TEAM = r'"sales-west\e[31mRED\e]0;pwned\a\u202Eevil"'


def test_printable_escapes_controls_and_bidi_overrides() -> None:
    assert printable("a\x1b[31mb\x00c\u202ed") == "a\\x1b[31mb\\x00c\\u202ed"
    assert printable("line\nbreak\tand tab") == "line\nbreak\tand tab"
    assert printable("plain text, 22% → 35%") == "plain text, 22% → 35%"


def test_printable_is_idempotent() -> None:
    once = printable("x\x1by\x07\u2066")
    assert printable(once) == once


def test_a_diagnostic_keeps_no_control_character() -> None:
    found = Diagnostic("sprints/a\x1b.yaml", 1, 1, "MO604", "n", Severity.ERROR, "m\x1b]0;t\x07")
    assert found.path == "sprints/a\\x1b.yaml"
    assert found.message == "m\\x1b]0;t\\x07"
    assert Diagnostic.from_dict(found.to_dict()) == found


@pytest.mark.parametrize("output_format", ["text", "github", "json", "sarif"])
def test_lint_output_has_no_escape_sequence_from_a_file(acme: Path, output_format: str) -> None:
    sprint = acme / "sprints" / "west-pipeline-recovery.yaml"
    text = sprint.read_text(encoding="utf-8")
    assert "teams: [sales-west]" in text
    sprint.write_text(text.replace("teams: [sales-west]", f"teams: [{HOSTILE_TEAM}]"), "utf-8")
    done = run_cli("lint", "--today", TODAY, "--no-cache", "--format", output_format, cwd=acme)
    assert done.code == 1
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "\u202e" not in done.stdout
    if output_format == "json":
        messages = [d["message"] for d in json.loads(done.stdout)["diagnostics"]]
    elif output_format == "sarif":
        results = json.loads(done.stdout)["runs"][0]["results"]
        messages = [r["message"]["text"] for r in results]
    else:
        messages = done.stdout.splitlines()
    # Refused where it is read: the reader names the first control character.
    assert any("control character U+001B" in m for m in messages), messages


def _hostile_team(acme: Path) -> None:
    sprint = acme / "sprints" / "west-pipeline-recovery.yaml"
    text = sprint.read_text(encoding="utf-8")
    assert "teams: [sales-west]" in text
    sprint.write_text(text.replace("teams: [sales-west]", f"teams: [{HOSTILE_TEAM}]"), "utf-8")


def test_status_does_not_show_a_sprint_with_a_hostile_team(acme: Path) -> None:
    _hostile_team(acme)
    done = run_cli("status", "--today", TODAY, cwd=acme, env={"COLUMNS": "200"})
    assert done.code == 0, done.stderr
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "cannot be read: sprints/west-pipeline-recovery.yaml" in done.stdout


def test_report_refuses_a_sprint_with_a_hostile_team(acme: Path) -> None:
    _hostile_team(acme)
    done = run_cli("report", "west-pipeline-recovery", "--today", TODAY, cwd=acme)
    assert done.code == 2
    assert "\x1b" not in done.stderr + done.stdout and "\x07" not in done.stderr
    assert "control character U+001B" in done.stderr
