"""Prompts forgive (issue 19.6): a typo'd attendee is asked again with a did-you-mean.

In a real pty, as a Sprint Lead meets it: "markting" once ended the close with exit 1
and a message naming --attendee, a flag nobody had typed.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pexpect

from tests.conftest import EXAMPLES


def words(text: str) -> str:
    """A regex for `text` however the terminal wraps it."""
    return r"\s+".join(re.escape(word) for word in text.split())


def test_a_typo_in_the_attendees_is_asked_again_with_a_did_you_mean(tmp_path: Path) -> None:
    acme = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", acme)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    env.pop("MICROOKR_TODAY", None)
    answers = [
        "--anchor-start", "64", "--anchor-end", "66",
        "--final", "handoff-response=10", "--final", "lead-to-meeting=30",
        "--final", "stage-progression=20", "--summary", "Good", "--hypothesis", "Yes",
        "--learning", "Speed", "--highest-impact", "The pod", "--root-cause", "Routing",
        "--no-revision", "--revision-note", "None",
    ]  # fmt: skip
    child = pexpect.spawn(
        sys.executable,
        ["-m", "microokr", "--today", "2026-12-21", "close", "lead-handoff-alignment", *answers],
        cwd=str(acme), env=env, timeout=60, encoding="utf-8",
    )  # fmt: skip
    question = re.escape("Which teams attend the close? (comma-separated) (sales, marketing): ")
    child.expect(question)
    child.sendline("sales, markting")
    child.expect(words("'markting' is not a team of microokr.yaml; did you mean 'marketing'?"))
    assert "--attendee" not in str(child.after) + str(child.buffer)
    child.expect(question)
    child.sendline("sales")
    child.expect(words("a joint Sprint Close needs every owning team, and marketing is not among"))
    child.expect(question)
    child.sendline("")  # Enter takes every owning team
    child.expect("Recorded the Sprint Close of lead-handoff-alignment")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "--attendee" not in str(child.before)
    text = (acme / "sprints" / "lead-handoff-alignment.yaml").read_text()
    assert "attendees: [sales, marketing]" in text or "- marketing" in text
