"""`microokr close` as a real process: the close block, the report, the joint-close
checks, `--no-input` naming the missing flag, refusals that write nothing, prompts."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from microokr.yamlio.read import read_yaml
from tests.conftest import run_cli

INBOUND = "sprints/inbound-spike-conversion.yaml"
HANDOFF = "sprints/lead-handoff-alignment.yaml"
ANSWERS = [
    "--learning", "Speed beat volume: same-day follow-up doubled conversion.",
    "--highest-impact", "The response pod | four reps",
    "--no-revision", "--revision-note", "Keep the target.",
]  # fmt: skip


def _snapshot(acme: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in acme.rglob("*") if p.is_file()}


def _close(path: Path) -> dict[str, object]:
    doc = read_yaml(path.read_bytes())
    assert not doc.problems
    return doc.data.get("close")  # type: ignore[no-any-return]


def test_close_records_the_block_and_writes_the_report(acme: Path) -> None:
    path = acme / INBOUND
    before = path.read_bytes()
    run = run_cli(
        "--today", "2026-11-30", "close", "inbound-spike-conversion", *ANSWERS, "--no-input",
        cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert path.read_bytes().startswith(before)  # appended, nothing else touched
    assert _close(path) == {
        "date": dt.date(2026, 11, 30),
        "early": None,
        "attendees": ["sales"],
        # Defaults: the first and the last anchor readings of the check-ins.
        "anchor": {"start": 64, "end": 71},
        # Defaults: the last check-in's values.
        "final": {"inbound-conversion": 16, "time-to-proposal": 6, "contracts-signed": 11},
        "learning": "Speed beat volume: same-day follow-up doubled conversion.",
        "highest_impact": "The response pod | four reps",
        "tactical_revision": {"needed": False, "note": "Keep the target."},
    }
    report = acme / "reports" / "inbound-spike-conversion.md"
    text = report.read_text()
    assert text.startswith("# Sprint Close")
    assert "The response pod \\| four reps" in text
    assert "reports/inbound-spike-conversion.md" in run.stdout
    lint = run_cli("lint", "--today", "2026-11-30", "--format", "json", INBOUND, cwd=acme)
    codes = {d["code"] for d in json.loads(lint.stdout)["diagnostics"]}
    assert not {c for c in codes if c.startswith("MO70")}, lint.stdout


def test_every_answer_by_flag_and_the_report_to_stdout(acme: Path) -> None:
    run = run_cli(
        "--today", "2026-11-30", "close", "inbound-spike-conversion", "--date", "2026-11-28",
        "--early", "Every target account signed or declined", "--attendee", "sales",
        "--anchor-start", "63.5", "--anchor-end", "72", "--final", "inbound-conversion=17",
        "--final", "time-to-proposal=5", "--final", "contracts-signed=12",
        "--summary", "We signed the surge.", "--root-cause", "Slow proposals", *ANSWERS,
        "--output", "-", "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("# Sprint Close")
    assert "Recorded the Sprint Close" in run.stderr  # stdout holds only the report
    assert not (acme / "reports" / "inbound-spike-conversion.md").exists()
    close = _close(acme / INBOUND)
    assert close["early"] == "Every target account signed or declined"
    assert close["anchor"] == {"start": 63.5, "end": 72}
    assert close["final"] == {
        "inbound-conversion": 17,
        "time-to-proposal": 5,
        "contracts-signed": 12,
    }
    assert close["summary"] == "We signed the surge." and close["root_cause"] == "Slow proposals"


def test_output_to_a_chosen_file(acme: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "close.md"
    run = run_cli(
        "--today", "2026-11-30", "close", "inbound-spike-conversion", *ANSWERS, "--no-input",
        "--output", str(target), cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert target.read_text().startswith("# Sprint Close")


def _joint(acme: Path, *extra: str) -> list[str]:
    """Close lead-handoff-alignment after one check-in (so finals have defaults)."""
    run = run_cli(
        "--today", "2026-12-21", "checkin", "lead-handoff-alignment", "--date", "2026-12-20",
        "--value", "handoff-response=5", "--value", "lead-to-meeting=27",
        "--value", "stage-progression=19", "--anchor", "27", "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    return ["--today", "2026-12-21", "close", "lead-handoff-alignment", *extra]


def test_joint_close_records_attendees_root_cause_and_the_hypothesis(acme: Path) -> None:
    args = _joint(acme)
    run = run_cli(
        *args, "--attendee", "sales", "--attendee", "marketing", "--anchor-start", "18",
        "--hypothesis", "Yes, faster hand-offs lifted meetings",
        "--root-cause", "Nobody owned the queue",
        *ANSWERS, "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    close = _close(acme / HANDOFF)
    assert close["attendees"] == ["sales", "marketing"]
    assert close["anchor"] == {"start": 18, "end": 27}
    assert close["learning"] == (
        "Yes, faster hand-offs lifted meetings. "
        "Speed beat volume: same-day follow-up doubled conversion."
    )
    assert close["root_cause"] == "Nobody owned the queue"


REFUSALS = [
    pytest.param(
        ["--today", "2026-11-26", "close", "west-pipeline-recovery", *ANSWERS],
        "west-pipeline-recovery was already closed on 2026-07-28",
        id="already-closed",
    ),
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--date", "2026-12-01",
         *ANSWERS],
        "the close date 2026-12-01 is in the future (today is 2026-11-30)",
        id="future",
    ),
    pytest.param(
        ["--today", "2026-12-01", "close", "lead-handoff-alignment", *ANSWERS],
        "the close date 2026-12-01 is before the window of lead-handoff-alignment starts",
        id="before-window",
    ),
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--final", "nope=1",
         *ANSWERS],
        "inbound-spike-conversion has no KR 'nope'",
        id="unknown-kr",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_refusals_exit_1_and_write_nothing(acme: Path, args: list[str], message: str) -> None:
    before = _snapshot(acme)
    run = run_cli(*args, "--no-input", cwd=acme)
    assert run.code == 1, (run.stdout, run.stderr)
    assert message in run.stderr and "Traceback" not in run.stderr
    assert _snapshot(acme) == before


def test_joint_close_without_an_owning_team_is_refused(acme: Path) -> None:
    args = _joint(acme)
    before = _snapshot(acme)
    run = run_cli(
        *args, "--attendee", "sales", *ANSWERS, "--root-cause", "x", "--no-input", cwd=acme
    )
    assert run.code == 1, run.stderr
    assert (
        "a joint Sprint Close needs every owning team, and marketing is not among the attendees"
        in run.stderr
    )
    assert _snapshot(acme) == before


MISSING = [
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--no-revision"],
        "the close needs --learning (What did we learn about the gap?), "
        "and --no-input forbids asking",
        id="learning",
    ),
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--learning", "x"],
        "the close needs --revision or --no-revision",
        id="revision",
    ),
    pytest.param(
        ["--today", "2026-11-28", "close", "inbound-spike-conversion", *ANSWERS],
        "the close needs --early (Why does it close before the window ends?)",
        id="early",
    ),
    pytest.param(
        ["--today", "2026-12-21", "close", "lead-handoff-alignment", "--attendee", "sales",
         "--attendee", "marketing", *ANSWERS, "--root-cause", "x", "--anchor-start", "1",
         "--anchor-end", "2"],
        "the close needs --final handoff-response=NUMBER",
        id="final-without-checkins",
    ),
    pytest.param(
        ["--today", "2026-12-21", "close", "lead-handoff-alignment", *ANSWERS],
        "the close needs --attendee",
        id="joint-attendees",
    ),
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--early", "x", *ANSWERS],
        "--early is for a close before the window ends on 2026-11-30",
        id="early-on-time",
    ),
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--attendee", "ghosts",
         *ANSWERS],
        "--attendee 'ghosts' is not a team of microokr.yaml",
        id="unknown-team",
    ),
    pytest.param(
        ["--today", "2026-11-30", "close", "inbound-spike-conversion", "--anchor-end", "many",
         *ANSWERS],
        "--anchor-end 'many' is not a number",
        id="bad-number",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), MISSING)
def test_no_input_names_the_missing_flag_and_writes_nothing(
    acme: Path, args: list[str], message: str
) -> None:
    before = _snapshot(acme)
    run = run_cli(*args, "--no-input", cwd=acme)
    assert run.code == 2, (run.stdout, run.stderr)
    assert message in run.stderr and "Traceback" not in run.stderr
    assert _snapshot(acme) == before


def test_joint_close_needs_highest_impact_and_root_cause(acme: Path) -> None:
    args = _joint(acme)
    before = _snapshot(acme)
    run = run_cli(
        *args, "--attendee", "sales", "--attendee", "marketing", "--learning", "x",
        "--no-revision", "--highest-impact", "y", "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 2
    assert "the close needs --root-cause" in run.stderr
    assert _snapshot(acme) == before


def test_the_close_questions_in_a_terminal(acme: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "TERM": "dumb"}
    env.pop("MICROOKR_TODAY", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "microokr", "--today", "2026-11-30", "close", "inbound-spike-conversion"],
        cwd=str(acme), env=env, timeout=20, encoding="utf-8",
    )  # fmt: skip
    child.expect("Sprint Close of inbound-spike-conversion")
    child.expect(re.escape("q4-customer-acquisition at sprint start (64)"))
    child.sendline("")
    child.expect(re.escape("now, at the close (71)"))
    child.sendline("72")
    child.expect(re.escape("Final value of inbound-conversion"))
    child.expect(re.escape("(16)"))
    child.sendline("")
    child.expect("Final value of time-to-proposal")
    child.sendline("")
    child.expect("Final value of contracts-signed")
    child.sendline("12")
    child.expect("how did it go")
    child.sendline("")
    child.expect("What did we learn about the gap")
    child.sendline("")
    child.expect("This question needs an answer")
    child.sendline("Speed mattered more than volume")
    child.expect("highest impact")
    child.sendline("The response pod")
    child.expect("root cause")
    child.sendline("")
    child.expect(re.escape("Does the anchor's Tactical OKR need revision?"))
    child.sendline("n")
    child.expect("What should change")
    child.sendline("")
    child.expect("Wrote the Sprint Close report to reports/inbound-spike-conversion.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    close = _close(acme / INBOUND)
    assert close["anchor"] == {"start": 64, "end": 72}
    assert close["final"] == {
        "inbound-conversion": 16,
        "time-to-proposal": 6,
        "contracts-signed": 12,
    }
    assert close["learning"] == "Speed mattered more than volume"
    assert close["tactical_revision"] == {"needed": False}
    assert "summary" not in close and "root_cause" not in close


@pytest.mark.parametrize("placeholder", ["close:\n", "close: ~\n", "close: null\n"])
def test_an_empty_close_placeholder_counts_as_no_close(acme: Path, placeholder: str) -> None:
    path = acme / INBOUND
    path.write_bytes(path.read_bytes() + placeholder.encode())
    lint = run_cli("lint", "--today", "2026-12-02", "--format", "json", INBOUND, cwd=acme)
    found = {d["code"]: d["message"] for d in json.loads(lint.stdout)["diagnostics"]}
    assert "MO702" in found or "MO703" in found, lint.stdout
    assert "microokr close inbound-spike-conversion" in found.get("MO702", found.get("MO703"))
    run = run_cli(
        "--today", "2026-12-02", "close", "inbound-spike-conversion", *ANSWERS, "--no-input",
        cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    assert _close(path)["date"] == dt.date(2026, 12, 2)
    assert path.read_text().count("\nclose:") == 1


def test_close_defaults_come_from_the_file_under_the_lock(
    acme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in landing after close computed its defaults but before it took the
    lock is kept, and the close records that check-in's values, not the day before's."""
    from microokr.yamlio import edits, locking
    from tests.robustness import invoke

    path = acme / INBOUND
    late = {
        "date": dt.date(2026, 11, 29),
        "values": {"inbound-conversion": 21, "time-to-proposal": 4, "contracts-signed": 15},
        "anchor": 80,
    }
    real = locking.edit_target
    landed: list[bool] = []

    def check_in_first(target: Path, **kwargs: object) -> Path:
        if not landed and target.name == path.name:
            landed.append(True)
            locking.locked_edit(target, lambda text, data: edits.insert_checkin(text, late))
        return real(target, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(locking, "edit_target", check_in_first)
    done = invoke(
        "--today", "2026-11-30", "close", "inbound-spike-conversion", *ANSWERS, "--no-input",
        "--output", "-", cwd=acme,
    )  # fmt: skip
    assert done.code == 0, done
    assert landed
    doc = read_yaml(path.read_bytes())
    assert doc.data["checkins"][-1] == late
    assert doc.data["close"]["final"] == late["values"]
    assert doc.data["close"]["anchor"]["end"] == 80
