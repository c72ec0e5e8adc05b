"""User text reaches terminals and CI logs on one line, and never as rich markup.

GitHub Actions runs any log line starting `::` as a workflow command (`::error`,
`::add-mask::`, `::stop-commands::`): a newline inside a team id or a file name
printed raw lets a pull request write one. Brackets in user text (`[/]`, `[bold]`)
must print literally: rich markup crashed close and checkin on them.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from microokr.formatting import markup_safe, one_line
from tests.conftest import TODAY, run_cli

INJECTED = "::error file=x::evil"
WEST = "sprints/west-pipeline-recovery.yaml"


def no_command_lines(*texts: str) -> None:
    for text in texts:
        for line in text.splitlines():
            assert not line.lstrip().startswith("::"), line


def test_one_line_escapes_breaks_and_controls_and_is_idempotent() -> None:
    assert one_line("m\n::error\r\tx\u2028y\x1b") == "m\\n::error\\r\\tx\\u2028y\\x1b"
    assert one_line(one_line("a\nb")) == "a\\nb"
    assert one_line("plain → text") == "plain → text"
    assert "\n" not in markup_safe("a\n[/]b") and "\\[/]" in markup_safe("a[/]b")


def test_a_team_id_with_a_newline_prints_on_one_line(acme: Path) -> None:
    sprint = acme / WEST
    text = sprint.read_text(encoding="utf-8")
    assert "teams: [sales-west]" in text
    sprint.write_text(text.replace("teams: [sales-west]", f'teams: ["m\\n{INJECTED}"]'), "utf-8")
    for args in (("lint", "--no-cache"), ("lint",), ("status",)):
        done = run_cli("--today", TODAY, *args, cwd=acme)
        assert "internal error" not in done.stderr
        no_command_lines(done.stdout, done.stderr)
    done = run_cli("--today", TODAY, "lint", "--no-cache", cwd=acme)
    assert done.code == 1 and "m\\n::error" in done.stdout


def test_a_file_name_with_a_newline_prints_on_one_line(acme: Path) -> None:
    source = (acme / WEST).read_text(encoding="utf-8")
    (acme / f"sprints/x\n{INJECTED}.yaml").write_text(source, encoding="utf-8")
    (acme / f"sprints/y\n{INJECTED}.txt").write_text("not yaml", encoding="utf-8")
    for args in (("lint",), ("lint",), ("status",), ("report", f"sprints/x\n{INJECTED}.yaml")):
        done = run_cli("--today", TODAY, *args, cwd=acme)
        assert "internal error" not in done.stderr, done.stderr
        no_command_lines(done.stdout, done.stderr)
    done = run_cli("--today", TODAY, "lint", cwd=acme)
    assert "x\\n::error" in done.stdout


def test_an_error_message_quoting_an_argument_is_one_line(acme: Path) -> None:
    done = run_cli("--today", TODAY, "checkin", f"nope\n{INJECTED}", "--no-input", cwd=acme)
    assert done.code == 2
    assert len(done.stderr.strip().splitlines()) == 1
    no_command_lines(done.stderr)


def _spawn(acme: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    env.pop("MICROOKR_TODAY", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "microokr", "--today", "2026-11-30", *args],
        cwd=str(acme), env=env, timeout=30, encoding="utf-8",
    )  # fmt: skip


def test_close_prompts_show_markup_in_a_kr_statement_literally(acme: Path) -> None:
    sprint = acme / "sprints" / "inbound-spike-conversion.yaml"
    text = sprint.read_text(encoding="utf-8")
    statements = re.findall(r"^    statement: (.+)$", text, flags=re.M)
    assert statements
    sprint.write_text(
        text.replace(f"statement: {statements[0]}", "statement: Raise [/] and [bold]x[/bold]", 1),
        encoding="utf-8",
    )
    child = _spawn(acme, "close", "inbound-spike-conversion")
    child.expect("Sprint Close of inbound-spike-conversion")
    child.expect("at sprint start")
    child.sendline("")
    child.expect("now, at the close")
    child.sendline("72")
    child.expect(re.escape("(Raise [/] and [bold]x[/bold])"))
    child.sendline("")
    child.close(force=True)


@pytest.mark.parametrize("command", ["checkin", "close"])
def test_a_folder_name_with_markup_does_not_crash_after_the_write(acme: Path, command: str) -> None:
    config = acme / "microokr.yaml"
    odd = "sp[/]rints"  # a folder `sp[` holding `]rints`
    (acme / "sp[").mkdir()
    (acme / "sprints").rename(acme / odd)
    config.write_text(
        config.read_text(encoding="utf-8").replace("sprints: sprints", f'sprints: "{odd}"', 1),
        encoding="utf-8",
    )
    if command == "checkin":
        done = run_cli(
            "--today", "2026-12-10", "checkin", "lead-handoff-alignment", "--value",
            "handoff-response=20", "--value", "lead-to-meeting=19", "--value",
            "stage-progression=10", "--no-input", cwd=acme,
        )  # fmt: skip
    else:
        done = run_cli(
            "--today", "2026-11-30", "close", "inbound-spike-conversion", "--no-input",
            "--learning", "Speed mattered", "--no-revision", cwd=acme,
        )  # fmt: skip
    assert "internal error" not in done.stderr, done.stderr
    assert "MarkupError" not in done.stderr
    assert f"{odd}/" in done.stdout + done.stderr
