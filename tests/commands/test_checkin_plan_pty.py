"""Interactive `checkin` asks what of the integrated plan is done or blocked (skippable)."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from microokr.yamlio.read import read_yaml
from tests.commands.test_checkin_plan import SPRINT, VALUES, joint  # noqa: F401  (fixture)

OPEN = (
    "Initiatives not done yet: resequence-onboarding (due 2026-08-18), "
    "nurture-prompt (due 2026-08-20), live-calls (due 2026-08-24)."
)


def spawn(workspace: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    env.pop("MICROOKR_TODAY", None)
    command = ["-m", "microokr", "--today", "2026-08-12", "checkin", "trial-to-paid-activation"]
    child = pexpect.spawn(
        sys.executable, [*command, *VALUES, *args], cwd=str(workspace), env=env, timeout=30,
        encoding="utf-8", dimensions=(24, 200),
    )  # fmt: skip
    child.logfile_read = io.StringIO()  # everything the terminal showed
    return child


def said(child: pexpect.spawn, text: str) -> None:
    """Expect `text`, wherever the 80-column console wraps it."""
    child.expect(r"\s+".join(map(re.escape, text.split())))


def finish(child: pexpect.spawn, *then: str) -> None:
    child.expect("Recorded the check-in of 2026-08-12")
    for text in then:
        said(child, text)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


def last_checkin(workspace: Path) -> dict[str, Any]:
    entry: dict[str, Any] = read_yaml((workspace / SPRINT).read_bytes()).data["checkins"][-1]
    return entry


def test_the_prompts_mark_initiatives_and_ask_again_on_a_typo(joint: Path) -> None:  # noqa: F811
    child = spawn(joint)
    said(child, OPEN)
    said(child, "Done today? (ids, Enter for none): ")
    child.sendline("resequence-onboardng")
    said(child, "did you mean 'resequence-onboarding'?")
    child.sendline("resequence-onboarding, live-calls")
    said(child, "Blocked today? (ids, Enter for none): ")
    child.sendline("live-calls")
    said(child, "'live-calls' is marked done today already")
    child.sendline("nurture-prompt")
    finish(
        child,
        "Initiatives done: resequence-onboarding, live-calls.",
        "Initiatives blocked: nurture-prompt.",
    )
    entry = last_checkin(joint)
    assert entry["done"] == ["resequence-onboarding", "live-calls"]
    assert entry["blocked"] == ["nurture-prompt"]


def test_enter_skips_and_marks_nothing(joint: Path) -> None:  # noqa: F811
    child = spawn(joint)
    said(child, "Done today? (ids, Enter for none): ")
    child.sendline("")
    said(child, "Blocked today? (ids, Enter for none): ")
    child.sendline("")
    finish(child)
    entry = last_checkin(joint)
    assert "done" not in entry and "blocked" not in entry
    assert entry["values"]["activation-72h"] == 27


@pytest.mark.parametrize("flag", ["--done", "--blocked"])
def test_a_mark_given_as_a_flag_is_not_asked_again(joint: Path, flag: str) -> None:  # noqa: F811
    child = spawn(joint, flag, "live-calls")
    finish(child)
    shown = child.logfile_read.getvalue()
    assert "Recorded the check-in" in shown and "today? (ids" not in shown
    assert last_checkin(joint)[flag[2:]] == ["live-calls"]
