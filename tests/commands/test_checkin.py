"""`microokr checkin` as a real process: flags, refusals (file untouched), prompts in a
pseudo-terminal, 20 concurrent writers, and writers killed mid-write."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from microokr import progress
from microokr.workspace import load_workspace
from microokr.yamlio.edits import insert_checkin
from microokr.yamlio.locking import locked_edit
from microokr.yamlio.read import read_yaml
from tests.conftest import ROOT, TESTS, run_cli
from tests.yamlio.regions import changed_region

AWKWARD = TESTS / "fixtures" / "awkward"
INBOUND = "sprints/inbound-spike-conversion.yaml"
HANDOFF = "sprints/lead-handoff-alignment.yaml"
HANDOFF_VALUES = ["--value", "handoff-response=20", "--value", "lead-to-meeting=19"]
HANDOFF_VALUES += ["--value", "stage-progression=10"]


def _checkins(path: Path) -> list[dict[str, object]]:
    doc = read_yaml(path.read_bytes())
    assert not doc.problems
    return list(doc.data.get("checkins") or [])


def _only_added(old: bytes, new: bytes) -> bytes:
    prefix, suffix, _ = changed_region(old.decode(), new.decode())
    assert prefix + suffix == len(old.decode()), "text outside the new check-in changed"
    return new.decode()[prefix : len(new.decode()) - suffix].encode()


def test_checkin_appends_and_prints_the_pace_from_progress(acme: Path) -> None:
    path = acme / HANDOFF
    before = path.read_bytes()
    run = run_cli(
        "--today", "2026-12-10", "checkin", "lead-handoff-alignment", *HANDOFF_VALUES,
        "--anchor", "19.5", "--note", "Routing live: 4 reps", "--confidence", "on-track",
        "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    _only_added(before, path.read_bytes())
    assert _checkins(path) == [
        {
            "date": dt.date(2026, 12, 10),
            "values": {"handoff-response": 20, "lead-to-meeting": 19, "stage-progression": 10},
            "anchor": 19.5,
            "note": "Routing live: 4 reps",
            "confidence": "on-track",
        }
    ]
    source = load_workspace(acme).find_sprint("lead-handoff-alignment")
    for line in progress.checkin_paces(source.model, dt.date(2026, 12, 10)):
        assert line.pace is not None and line.progress is not None
        row = next(r for r in run.stdout.splitlines() if r.startswith(line.key_result.id))
        assert f"{line.progress * 100:.0f}%" in row
        assert f"{line.expected * 100:.0f}%" in row
        assert row.rstrip().endswith(line.pace.value)
    assert "-6" in run.stdout  # handoff-response: 26 hours at baseline, 20 now
    # The team's own call is shown beside the computed verdicts (issue 19.5).
    assert "Team's confidence: on-track." in run.stdout.splitlines()
    lint = run_cli("lint", "--today", "2026-12-10", HANDOFF, cwd=acme)
    assert lint.code == 0, lint.stdout


def test_replace_overwrites_that_day_only(acme: Path) -> None:
    path = acme / INBOUND
    before = _checkins(path)
    run = run_cli(
        "--today", "2026-11-26", "checkin", "inbound-spike-conversion", "--replace",
        "--value", "inbound-conversion=17", "--value", "time-to-proposal=6",
        "--value", "contracts-signed=12", "--no-input", cwd=acme,
    )  # fmt: skip
    assert run.code == 0, run.stderr
    after = _checkins(path)
    assert after[:-1] == before[:-1]
    assert after[-1] == {
        "date": dt.date(2026, 11, 26),
        "values": {"inbound-conversion": 17, "time-to-proposal": 6, "contracts-signed": 12},
    }
    text = path.read_text()
    assert text.endswith("and the Sprint Close is booked for that day.\n")


def test_a_missed_day_is_inserted_in_date_order(acme: Path) -> None:
    path = acme / HANDOFF
    for day in ("2026-12-10", "2026-12-08", "2026-12-09"):
        run = run_cli(
            "--today", "2026-12-10", "checkin", "lead-handoff-alignment", "--date", day,
            "--value", f"handoff-response={30 - int(day[-2:])}", "--value", "lead-to-meeting=19",
            "--value", "stage-progression=10", "--no-input", cwd=acme,
        )  # fmt: skip
        assert run.code == 0, run.stderr
    dates = [c["date"].isoformat() for c in _checkins(path)]  # type: ignore[union-attr]
    assert dates == ["2026-12-08", "2026-12-09", "2026-12-10"]


def test_no_movement_needs_a_blocker_owned_by_an_owning_team(acme: Path) -> None:
    path = acme / HANDOFF
    same = ["--value", "handoff-response=26", "--value", "lead-to-meeting=18"]
    same += ["--value", "stage-progression=9"]
    args = ["--today", "2026-12-10", "checkin", "lead-handoff-alignment", *same, "--no-input"]
    before = path.read_bytes()
    missing = run_cli(*args, cwd=acme)
    assert missing.code == 2
    assert "no KR moved since the baselines" in missing.stderr and "--blocker" in missing.stderr
    assert path.read_bytes() == before
    done = run_cli(*args, "--blocker", "CRM routing rules wait on the admin @ marketing", cwd=acme)
    assert done.code == 0, done.stderr
    assert _checkins(path)[0]["blockers"] == [
        {"what": "CRM routing rules wait on the admin", "owner": "marketing"}
    ]


REFUSALS = [
    pytest.param(
        ["--today", "2026-11-26", "checkin", "west-pipeline-recovery", "--value", "kr1=1"],
        "sprints/west-pipeline-recovery.yaml",
        "west-pipeline-recovery was closed on 2026-07-28; a closed sprint takes no check-ins",
        id="closed",
    ),
    pytest.param(
        ["--today", "2026-12-10", "checkin", "lead-handoff-alignment", "--date", "2026-12-06",
         *HANDOFF_VALUES],
        HANDOFF,
        "2026-12-06 is before the window of lead-handoff-alignment starts on 2026-12-07",
        id="before-window",
    ),
    pytest.param(
        ["--today", "2026-12-03", "checkin", "inbound-spike-conversion", "--date", "2026-12-01",
         "--value", "inbound-conversion=1"],
        INBOUND,
        "2026-12-01 is after the window of inbound-spike-conversion ended on 2026-11-30",
        id="after-window",
    ),
    pytest.param(
        ["--today", "2026-12-10", "checkin", "lead-handoff-alignment", "--date", "2026-12-11",
         *HANDOFF_VALUES],
        HANDOFF,
        "2026-12-11 is in the future (today is 2026-12-10)",
        id="future",
    ),
    pytest.param(
        ["--today", "2026-12-10", "checkin", "lead-handoff-alignment", "--value", "kr9=3"],
        HANDOFF,
        "lead-handoff-alignment has no KR 'kr9'; its KRs are handoff-response, lead-to-meeting, "
        "stage-progression",
        id="unknown-kr",
    ),
    pytest.param(
        ["--today", "2026-11-26", "checkin", "inbound-spike-conversion",
         "--value", "inbound-conversion=17", "--value", "time-to-proposal=6",
         "--value", "contracts-signed=12"],
        INBOUND,
        "inbound-spike-conversion already has a check-in for 2026-11-26: add --replace",
        id="twice-one-day",
    ),
    pytest.param(
        ["--today", "2026-12-10", "checkin", "lead-handoff-alignment", *HANDOFF_VALUES,
         "--blocker", "Budget freeze@finance"],
        HANDOFF,
        "the blocker's team 'finance' does not own lead-handoff-alignment: name one of its "
        "owning teams (sales, marketing)",
        id="blocker-team",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "rel", "message"), REFUSALS)
def test_refusals_exit_1_and_leave_the_file_untouched(
    acme: Path, args: list[str], rel: str, message: str
) -> None:
    before = {p: p.read_bytes() for p in (acme / "sprints").iterdir()}
    run = run_cli(*args, "--no-input", cwd=acme)
    assert run.code == 1, (run.stdout, run.stderr)
    assert message in run.stderr
    assert run.stderr.startswith("microokr: error: ") and run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr
    assert {p: p.read_bytes() for p in (acme / "sprints").iterdir()} == before
    assert (acme / rel).exists()


USAGE = [
    pytest.param(["checkin", "no-such-sprint"], "no sprint with id 'no-such-sprint'", id="unknown"),
    pytest.param(
        ["checkin", "lead-handoff-alignment", "--value", "handoff-response=20"],
        "no value for lead-to-meeting, stage-progression and --no-input forbids asking",
        id="missing-values",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", "--value", "handoff-response=twenty"],
        "--value handoff-response 'twenty' is not a number",
        id="not-a-number",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", "--value", "handoff-response"],
        "must be KR=NUMBER",
        id="no-equals",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", *HANDOFF_VALUES, "--blocker", "no team"],
        "must be WHAT@TEAM",
        id="blocker-syntax",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", *HANDOFF_VALUES, "--confidence", "great"],
        "--confidence 'great' is not one of on-track, at-risk, off-track",
        id="confidence",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", *HANDOFF_VALUES, "--date", "2026-02-30"],
        "--date '2026-02-30' is not a date",
        id="bad-date",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", "--value", "handoff-response=" + "9" * 400],
        "is too large to be a KR value",
        id="huge-int",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", "--value", "handoff-response=1e400"],
        "must be a finite number",
        id="inf",
    ),
    pytest.param(
        ["checkin", "lead-handoff-alignment", *HANDOFF_VALUES, "--anchor", "nan"],
        "--anchor 'nan' is not a number",
        id="nan-anchor",
    ),
]


@pytest.mark.parametrize(("args", "message"), USAGE)
def test_usage_errors_exit_2_and_write_nothing(acme: Path, args: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in (acme / "sprints").iterdir()}
    run = run_cli("--today", "2026-12-10", *args, "--no-input", cwd=acme)
    assert run.code == 2, (run.stdout, run.stderr)
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert {p: p.read_bytes() for p in (acme / "sprints").iterdir()} == before


def test_a_sprint_file_with_load_problems_is_not_edited(acme: Path) -> None:
    broken = acme / "sprints" / "typo-key.yaml"
    shutil.copy(ROOT / "examples/broken/sprints/typo-key.yaml", broken)
    before = broken.read_bytes()
    sprint_id = read_yaml(before).data["id"]
    run = run_cli("--today", "2026-07-20", "checkin", sprint_id, "--value", "x=1", cwd=acme)
    assert run.code == 2, run.stderr
    assert "run 'microokr lint' for every problem" in run.stderr
    assert broken.read_bytes() == before


@pytest.mark.parametrize("name", sorted(p.name for p in AWKWARD.glob("*.yaml")))
def test_checkin_on_awkward_files_keeps_every_other_byte(acme: Path, name: str) -> None:
    path = acme / "sprints" / name
    shutil.copy(AWKWARD / name, path)
    before = path.read_bytes()
    sprint_id = read_yaml(before).data["id"]
    run = run_cli(
        "--today", "2026-11-26", "checkin", sprint_id, "--value", "kr1=11", "--value", "kr2=22",
        "--no-input", cwd=acme,
    )  # fmt: skip
    if name == "close-before-checkins.yaml":
        assert run.code == 1 and "a closed sprint takes no check-ins" in run.stderr
        assert path.read_bytes() == before
        return
    assert run.code == 0, run.stderr
    after = path.read_bytes()
    if b"checkins: []" in before:
        before = before.replace(b"checkins: []", b"checkins: ", 1)
    _only_added(before, after)
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in before:
        assert after.count(b"\n") == after.count(b"\r\n")
    assert _checkins(path)[-1] == {"date": dt.date(2026, 11, 26), "values": {"kr1": 11, "kr2": 22}}


def _long_window(acme: Path) -> Path:
    """lead-handoff-alignment with a 28-day window: room for 20 daily check-ins."""
    path = acme / HANDOFF
    path.write_text(path.read_text().replace("end: 2026-12-21", "end: 2027-01-04"))
    return path


def test_twenty_concurrent_checkins_are_all_recorded(acme: Path) -> None:
    path = _long_window(acme)
    before = path.read_bytes()
    env = {**os.environ, "NO_COLOR": "1", "MICROOKR_TODAY": "2027-01-04"}
    days = [dt.date(2026, 12, 7) + dt.timedelta(days=i) for i in range(20)]
    random.Random(5).shuffle(days)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "microokr", "checkin", "lead-handoff-alignment",
             "--date", day.isoformat(), "--value", f"handoff-response={25 - i}",
             "--value", f"lead-to-meeting={19 + i}", "--value", f"stage-progression={10 + i}",
             "--no-input"],
            cwd=acme, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for i, day in enumerate(days)
    ]  # fmt: skip
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    recorded = [c["date"] for c in _checkins(path)]
    assert recorded == sorted(days)
    after = path.read_bytes()
    _only_added(before, after)
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]


WRITER = r"""
import datetime as dt, sys
from pathlib import Path
from microokr.yamlio import edits, locking
path = Path(sys.argv[1])
def change(text, data):
    done = len(data.get("checkins") or [])
    day = dt.date(2026, 12, 7) + dt.timedelta(days=done)
    entry = {"date": day, "values": {"handoff-response": 26 - done}, "note": "x" * 3000}
    return edits.insert_checkin(text, entry)
print("ready", flush=True)
while True:
    locking.locked_edit(path, change)
"""


def _states(original: str, count: int) -> list[bytes]:
    """Every file the writer can leave: the original plus its first n check-ins."""
    states = [original]
    for done in range(count):
        entry = {
            "date": dt.date(2026, 12, 7) + dt.timedelta(days=done),
            "values": {"handoff-response": 26 - done},
            "note": "x" * 3000,
        }
        states.append(insert_checkin(states[-1], entry))
    return [state.encode() for state in states]


def test_a_writer_killed_at_random_points_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    source = ROOT / "examples/acme" / HANDOFF
    original = source.read_text()
    path = tmp_path / "lead-handoff-alignment.yaml"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    states = _states(original, 80)
    rng = random.Random(20261126)
    seen: set[int] = set()
    for _ in range(50):
        path.write_text(original)
        writer = subprocess.Popen(
            [sys.executable, str(script), str(path)], stdout=subprocess.PIPE, cwd=tmp_path
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.25))
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        data = path.read_bytes()
        assert data in states, "a killed writer left a mixed or partial file"
        seen.add(states.index(data))
        doc = read_yaml(data)
        assert not doc.problems and not doc.aborted
    assert len(seen) >= 2, f"the kills all landed in the same place: {seen}"
    # The next writer under the lock clears what a killed one left behind.
    locked_edit(path, lambda text, data: text + "# touched\n")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def _spawn(acme: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    env.pop("MICROOKR_TODAY", None)
    return pexpect.spawn(
        sys.executable, ["-m", "microokr", *args], cwd=str(acme), env=env, timeout=20,
        encoding="utf-8",
    )  # fmt: skip


def test_prompts_ask_each_missing_kr_showing_the_last_value(acme: Path) -> None:
    child = _spawn(
        acme, "--today", "2026-11-26", "checkin", "inbound-spike-conversion", "--replace",
        "--value", "time-to-proposal=6",
    )  # fmt: skip
    child.expect("inbound-conversion")
    child.expect(re.escape("inbound-conversion on 2026-11-26 (%, last: 15): "))
    child.sendline("17")
    child.expect("contracts-signed")
    child.expect(re.escape("(contracts, last: 10): "))
    child.sendline("")  # Enter keeps the last value
    child.expect("Recorded the check-in of 2026-11-26")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _checkins(acme / INBOUND)[-1]["values"] == {
        "inbound-conversion": 17,
        "time-to-proposal": 6,
        "contracts-signed": 10,
    }


def test_prompts_ask_for_the_blocker_when_nothing_moved(acme: Path) -> None:
    child = _spawn(acme, "--today", "2026-12-10", "checkin", "lead-handoff-alignment")
    for kr in ("handoff-response", "lead-to-meeting", "stage-progression"):
        child.expect(kr)
        child.expect(f"{kr} on 2026-12-10 ")
        child.sendline("abc" if kr == "lead-to-meeting" else "")
        if kr == "lead-to-meeting":
            child.expect("is not a number")
            child.sendline("")
    child.expect("No KR moved since the baselines")
    child.expect("What blocks it?")
    child.sendline("Routing rules wait on the CRM admin")
    child.expect("Which team owns the blocker today?")
    child.sendline("finance")
    child.expect("'finance' is not an owning team of lead-handoff-alignment: sales, marketing")
    child.sendline("marketing")
    child.expect("Recorded the check-in of 2026-12-10")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _checkins(acme / HANDOFF) == [
        {
            "date": dt.date(2026, 12, 10),
            "values": {"handoff-response": 26, "lead-to-meeting": 18, "stage-progression": 9},
            "blockers": [{"what": "Routing rules wait on the CRM admin", "owner": "marketing"}],
        }
    ]


def test_without_a_terminal_missing_values_are_an_error_not_a_hang(acme: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "microokr", "--today", "2026-12-10", "checkin",
         "lead-handoff-alignment"],
        cwd=acme, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "there is no terminal to ask" in done.stderr
