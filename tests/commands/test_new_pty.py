"""`microokr new` in a pseudo-terminal: a person typing answers to the real command.

Each test copies the rule fixtures' base workspace (teams and a Q3 2026 OKR file),
pins today to 2026-07-10 and drives the prompts with pexpect. `TERM=dumb` keeps
rich from writing escape codes; prompts may wrap, so questions are matched with
any whitespace between their words.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from microokr.yamlio.read import read_yaml
from tests.conftest import TESTS, run_cli

ROOT = TESTS
BASE = ROOT / "fixtures" / "rules" / "_base"
EXPECTED = ROOT / "fixtures" / "new"
TODAY = "2026-07-10"
TIMEOUT = 90  # the machine is busy; a slow prompt is not a failure

B2B_SIGNAL = (
    "Qualified pipeline stands at $21.2M against a $30M target at Week 6 of Q3, "
    "29% below linear trajectory."
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(BASE, target)
    return target


def spawn(workspace: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "80",
        "LINES": "40",
    }
    env.pop("MICROOKR_TODAY", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "microokr", "--today", TODAY, "new", *args],
        cwd=str(workspace),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 80),
    )


def question(text: str) -> str:
    """A regex for a prompt: its words with any whitespace (wrapping) between them."""
    return r"\s+".join(re.escape(word) for word in text.split()) + r"[\s\S]*?: "


def say(child: pexpect.spawn, asked: str, typed: str) -> None:
    child.expect(question(asked))
    child.sendline(typed)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    return child.exitstatus, output


def write_after_review(child: pexpect.spawn) -> None:
    """The review shows the draft; Enter writes it."""
    child.expect("Review the draft")
    say(child, "Write this sprint? Enter to write", "")


def sprint_files(workspace: Path) -> list[str]:
    return sorted(p.name for p in (workspace / "sprints").glob("*.yaml"))


def walk_b2b_until_key_results(child: pexpect.spawn) -> None:
    say(child, "Does this situation need a plan or a commitment?", "2")
    say(child, "Trigger type", "1")
    say(child, "The signal: which number, event or hand-off, and where does it stand?", B2B_SIGNAL)
    say(child, "Evidence that the signal is real", "Two consecutive OKR check-ins surfaced the gap")
    say(
        child,
        "Evidence that the signal is real",
        "Two rounds of initiative revisions did not move the number",
    )
    say(child, "Evidence that the signal is real", "")
    say(child, "Anchor KR (number or id)", "1")
    say(
        child,
        "Desired condition at sprint close",
        "Enough ICP accounts are in active conversations that pipeline grows weekly again.",
    )
    say(
        child,
        "Objective",
        "Restore qualified pipeline momentum and close the trajectory gap before Q3 mid-review",
    )
    say(
        child,
        "Motivation test: why does this matter to the team now?",
        "A missed pipeline target now means a missed bookings target next quarter.",
    )
    say(
        child,
        "Direction test: where will the team put its effort?",
        "Spend the next two weeks on ICP accounts only.",
    )
    say(
        child,
        "Alignment test: how does it serve q3-pipeline?",
        "Every KR feeds q3-pipeline directly.",
    )


def test_b2b_pipeline_example_typed_by_a_person(workspace: Path) -> None:
    child = spawn(workspace)
    walk_b2b_until_key_results(child)
    say(
        child,
        "Key Result 1: what changes, from what to what?",
        "Increase ICP meeting acceptance rate from 22% to 35% within 14 days",
    )
    child.expect(r"Read from the statement: baseline 22, target 35, unit %\.")
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr1]", "")
    say(
        child,
        "Key Result 2: what changes, from what to what?",
        "Progress 6 stalled accounts from Discovery stage to Proposal stage",
    )
    say(child, "Baseline (where the number stands today)", "0")
    say(child, "Target (where it must stand at sprint close)", "6")
    say(child, "Unit (%, days, accounts, $M; empty for none)", "accounts")
    say(child, "Id for this KR [kr2]", "")
    say(child, "Add a third Key Result? [y/N]", "y")
    say(
        child,
        "Key Result 3: what changes, from what to what?",
        "Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days",
    )
    child.expect(r"Read from the statement: baseline 12, target 7, unit days\.")
    say(child, "Use these numbers? [Y/n]", "y")
    say(child, "Id for this KR [kr3]", "")
    say(child, "Initiative 1: what will be done?", "Conduct 30 targeted outreach calls")
    say(child, "Which team does it? [sales-west]", "")
    say(child, "Initiative 2: what will be done?", "Personalise 40 ICP email sequences")
    say(child, "Which team does it? [sales-west]", "")
    say(
        child, "Initiative 3: what will be done?", "Run pipeline review with 3 key account managers"
    )
    say(child, "Which team does it? [sales-west]", "")
    say(child, "Initiative 4: what will be done?", "")
    say(child, "Start date (YYYY-MM-DD)", "2026-07-14")
    say(child, "End date (YYYY-MM-DD), or a length like 14d or 3w", "14d")
    child.expect(r"Window: 2026-07-14 to 2026-07-28, 14 days\.")
    say(child, "Owning teams", "")
    say(child, "Sprint Lead", "")
    say(child, "Check-in cadence [daily]", "")
    say(child, "Minutes per check-in [15]", "")
    say(child, "Sprint id [restore-qualified-pipeline-momentum]", "west-pipeline-recovery")
    child.expect("Review the draft")
    say(child, "Write this sprint? Enter to write", "")
    code, output = finish(child)
    assert code == 0, output
    assert "Wrote sprints/west-pipeline-recovery.yaml" in output
    assert "All checks passed (1 file)." in output
    written = (workspace / "sprints" / "west-pipeline-recovery.yaml").read_text()
    assert written == (EXPECTED / "west-pipeline-recovery.yaml").read_text()
    linted = run_cli("--today", TODAY, "lint", "--format", "json", cwd=workspace)
    assert linted.code == 0, linted.stdout + linted.stderr
    assert json.loads(linted.stdout)["diagnostics"] == []


def walk_joint_until_owners(child: pexpect.spawn) -> None:
    """The trial-to-paid joint sprint of the seeds, typed up to the owning teams."""
    say(child, "Does this situation need a plan or a commitment?", "commitment")
    say(child, "Trigger type", "cross-functional-gap")
    say(
        child,
        "The signal",
        "Trial-to-paid conversion sits at 19% against a 35% target at Week 7 while the "
        "onboarding and lead-quality KRs of Product and Marketing are both green.",
    )
    say(child, "Evidence that the signal is real", "")
    say(child, "Anchor KR (number or id)", "q3-trial-to-paid")
    say(
        child,
        "Desired condition at sprint close",
        "Enterprise trial users reach the feature activation moment in their first days, "
        "long before the trial expires.",
    )
    say(
        child,
        "Objective",
        "Close the trial-to-paid conversion gap by ensuring enterprise trial users reach "
        "the feature activation moment before their trial expires",
    )
    say(
        child,
        "Motivation test",
        "Every team is green on its own scorecard while the company misses the number.",
    )
    say(child, "Direction test", "Pull the activation moment forward.")
    say(
        child,
        "Alignment test: how does it serve q3-trial-to-paid?",
        "Activated users convert at a higher rate.",
    )
    say(
        child,
        "Key Result 1",
        "Increase the percentage of enterprise trial users who activate the target feature "
        "within 72 hours of signup from 24% to 55%",
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr1]", "activation-72h")
    say(
        child,
        "Key Result 2",
        "Reduce median time from trial signup to first feature activation from 8 days to 3 days",
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr2]", "time-to-activation")
    say(child, "Add a third Key Result? [y/N]", "y")
    say(
        child,
        "Key Result 3",
        "Increase trial-to-paid conversion for users who activate the target feature "
        "from 31% to 52%",
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr3]", "activated-conversion")
    say(
        child,
        "Initiative 1",
        "Resequence onboarding flow to surface the target feature within the first login session",
    )
    say(child, "Which team does it? [sales]", "product")
    say(
        child,
        "Initiative 2",
        "Redesign trial nurture email sequence to include a feature activation prompt",
    )
    say(child, "Which team does it? [product]", "marketing")
    say(child, "Initiative 3", "Conduct live onboarding calls with the 40 highest-value trials")
    say(child, "Which team does it? [marketing]", "sales")
    say(child, "Initiative 4", "")
    say(child, "Start date", "2026-08-10")
    say(child, "End date", "2026-08-30")
    child.expect(r"Window: 2026-08-10 to 2026-08-30, 20 days\.")


def skip_the_plan(child: pexpect.spawn) -> None:
    """Enter to every question of the integrated plan: nothing of it is written."""
    child.expect("The integrated plan")
    for team in ("sales", "product", "marketing"):
        say(child, f"Role of {team}", "")
    for team in ("sales", "product", "marketing"):
        say(child, f"Named contact for {team}", "")
    for _ in range(3):
        say(child, "Due date of", "")
    for _ in range(3):
        say(child, "waits for which initiatives?", "")


def test_trial_to_paid_joint_sprint_three_teams_one_lead(workspace: Path) -> None:
    child = spawn(workspace)
    walk_joint_until_owners(child)
    # A person's name is refused: sprints are team instruments.
    say(child, "Owning teams", "Priya Raman")
    child.expect("MO604")
    say(child, "Owning teams", "sales, product, marketing")
    say(child, "Sprint Lead: the one person who convenes check-ins and calls the close", "")
    # MO608 is a warning, as in lint: shown, with the choice to keep or edit the answer.
    say(child, "Check-in cadence [daily]", "weekly")
    child.expect(r"! MO608")
    say(child, "Keep this answer or edit it? (k/e) [k]", "e")
    say(child, "Check-in cadence [daily]", "1")
    say(child, "Minutes per check-in [15]", "20")
    skip_the_plan(child)
    say(child, "Sprint id [close-trial-to-paid-conversion-gap]", "")
    child.expect("Review the draft")
    say(child, "Write this sprint? Enter to write", "")
    code, output = finish(child)
    assert code == 0, output
    path = workspace / "sprints" / "close-trial-to-paid-conversion-gap.yaml"
    assert path.read_text() == (EXPECTED / "close-trial-to-paid-conversion-gap.yaml").read_text()
    data = read_yaml(path.read_bytes()).data
    assert data["owner"] == {"teams": ["sales", "product", "marketing"], "lead": "Priya Raman"}
    assert data["cadence"] == {"every": "daily", "minutes": 20}
    assert [i["team"] for i in data["initiatives"]] == ["product", "marketing", "sales"]
    assert "All checks passed (1 file)." in output


def test_a_plan_is_not_a_commitment(workspace: Path) -> None:
    child = spawn(workspace)
    say(child, "Does this situation need a plan or a commitment?", "1")
    code, output = finish(child)
    assert code == 1
    assert "a plan is an Initiative, not a Micro-OKR: write an Initiative" in output
    assert "nothing was written" in output
    assert sprint_files(workspace) == []


def test_no_anchor_fits_stops_without_writing(workspace: Path) -> None:
    child = spawn(workspace)
    say(child, "Does this situation need a plan or a commitment?", "2")
    say(child, "Trigger type", "2")
    say(
        child,
        "The signal",
        "An unexpected inbound spike from the product launch exceeds our conversion capacity.",
    )
    say(child, "Evidence that the signal is real", "")
    child.expect("none of these fits")
    say(child, "Anchor KR (number or id)", "4")
    code, output = finish(child)
    assert code == 1
    assert "without an Anchor KR this is not a Micro-OKR" in output
    assert "write an Initiative, or revise the Tactical OKR" in output
    assert "Traceback" not in output
    assert sprint_files(workspace) == []


def answers_without(workspace: Path, *keys: str) -> Path:
    """The B2B answers file minus `keys`, so the pty test types only those."""
    data = (EXPECTED / "west-pipeline-recovery.answers.yaml").read_text()
    kept, skipping = [], False
    for line in data.splitlines():
        top = re.match(r"([a-z_]+):", line)
        if top:
            skipping = top[1] in keys
        if not skipping:
            kept.append(line)
    path = workspace / "answers.yaml"
    path.write_text("\n".join(kept) + "\n")
    return path


def test_output_kr_is_rejected_then_corrected(workspace: Path) -> None:
    answers = answers_without(workspace, "key_results")
    child = spawn(workspace, "--from", str(answers))
    say(child, "Key Result 1", "Conduct 30 targeted outreach calls")
    child.expect("MO502")
    child.expect("measures output, not a change in condition")
    say(
        child,
        "Key Result 1",
        "Increase ICP meeting acceptance rate from 22% to 35% within 14 days",
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr1]", "")
    say(
        child,
        "Key Result 2",
        "Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days",
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr2]", "")
    say(child, "Add a third Key Result? [y/N]", "")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    statements = [kr["statement"] for kr in data["key_results"]]
    assert statements[0].startswith("Increase ICP meeting acceptance rate")
    assert all("outreach calls" not in s for s in statements)
    assert data["key_results"][1]["baseline"] == 12 and data["key_results"][1]["target"] == 7


def test_a_35_day_window_is_refused(workspace: Path) -> None:
    answers = answers_without(workspace, "window")
    child = spawn(workspace, "--from", str(answers))
    say(child, "Start date (YYYY-MM-DD)", "2026-07-14")
    say(child, "End date", "35d")
    child.expect("MO602")
    child.expect(r"revise\s+the\s+Tactical\s+OKR")
    child.expect(question("Start date (YYYY-MM-DD) [2026-07-14]"))
    assert str(child.before).count("Please answer again.") == 1
    child.sendline("")
    # Issue 19.6: the refused end date is not offered again as the default.
    child.expect(question("End date (YYYY-MM-DD), or a length like 14d or 3w"))
    assert "2026-08-18" not in str(child.after)
    child.sendline("2w")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    assert str(data["window"]["end"]) == "2026-07-28"


def test_an_unreadable_from_answer_is_shown_then_asked_again(workspace: Path) -> None:
    answers = answers_without(workspace, "window")
    with answers.open("a") as file:
        file.write("window:\n  start: 2026-07-14\n  end: soon\n")
    child = spawn(workspace, "--from", str(answers))
    # The file's answer is named and explained (its path may wrap, so match from the key on),
    child.expect(
        r"'window\.end':\s+'soon'\s+is\s+neither\s+a\s+date\s+nor\s+a\s+length:\s+write\s+"
        r"YYYY-MM-DD,\s+or\s+a\s+length\s+like\s+14d\s+or\s+3w"
    )
    # then only that answer is asked for: the start the file gives stands.
    child.expect(question("End date (YYYY-MM-DD), or a length like 14d or 3w"))
    assert "Start date" not in (child.before or "")
    child.sendline("14d")
    child.expect(r"Window: 2026-07-14 to 2026-07-28, 14 days\.")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    assert "Traceback" not in output
    data = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    assert data["window"] == read_yaml(b"{start: 2026-07-14, end: 2026-07-28}").data


def test_a_from_answer_a_rule_refuses_is_asked_again_not_looped(workspace: Path) -> None:
    answers = answers_without(workspace, "window")
    with answers.open("a") as file:
        file.write("window:\n  start: 2026-07-14\n  end: 35d\n")
    child = spawn(workspace, "--from", str(answers))
    child.expect(r"MO602")
    # Once refused, the window is asked for, with the refused dates as defaults.
    child.expect(question("Start date (YYYY-MM-DD)"))
    child.sendline("")
    child.expect(question("End date (YYYY-MM-DD), or a length like 14d or 3w"))
    child.sendline("14d")
    child.expect(r"Window: 2026-07-14 to 2026-07-28, 14 days\.")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    assert output.count("MO602") <= 1


def test_a_third_active_sprint_is_refused(workspace: Path) -> None:
    answers = EXPECTED / "west-pipeline-recovery.answers.yaml"
    for sprint_id in ("pipeline-one", "pipeline-two"):
        text = answers.read_text().replace("id: west-pipeline-recovery", f"id: {sprint_id}")
        path = workspace / f"{sprint_id}.answers.yaml"
        path.write_text(text)
        made = run_cli("--today", TODAY, "new", "--from", str(path), "--no-input", cwd=workspace)
        assert made.code == 0, made.stderr
    child = spawn(workspace, "--from", str(answers_without(workspace, "owner", "id")))
    say(child, "Owning teams", "sales-west")
    code, output = finish(child)
    assert code == 1
    assert "team sales-west already owns 2 active sprints" in output
    assert "pipeline-one and pipeline-two" in output
    assert "nothing was written" in output
    assert sprint_files(workspace) == ["pipeline-one.yaml", "pipeline-two.yaml"]


def test_ctrl_c_midway_writes_nothing(workspace: Path) -> None:
    child = spawn(workspace)
    say(child, "Does this situation need a plan or a commitment?", "2")
    say(child, "Trigger type", "1")
    child.expect(question("The signal"))
    child.sendintr()
    code, output = finish(child)
    assert code == 130
    assert "interrupted: nothing was written" in output
    assert "Traceback" not in output
    assert sprint_files(workspace) == []


def test_end_of_input_midway_writes_nothing(workspace: Path) -> None:
    child = spawn(workspace)
    say(child, "Does this situation need a plan or a commitment?", "2")
    child.expect(question("Trigger type"))
    child.sendeof()
    code, output = finish(child)
    assert code == 130
    assert "interrupted: nothing was written" in output
    assert "Traceback" not in output
    assert sprint_files(workspace) == []


# ── Revising: keep or edit after a warning, rewrite a KR, go back from the review ──────

JOINT = EXPECTED / "close-trial-to-paid-conversion-gap.yaml"
JOINT_FILE = "sprints/close-trial-to-paid-conversion-gap.yaml"


def joint_answers(workspace: Path, *drop: str) -> Path:
    """The joint sprint `new` drafts, as a --from file, without the top-level keys `drop`."""
    kept, skipping = ["decision: commitment"], False
    for line in JOINT.read_text().splitlines():
        top = re.match(r"([a-z_]+):", line)
        if top:
            skipping = top[1] in drop
        if not skipping:
            kept.append(line)
        if line == "trigger:":
            kept.append("  evidence: []")
    path = workspace / "joint.answers.yaml"
    path.write_text("\n".join(kept) + "\n")
    return path


def test_a_warning_can_be_kept(workspace: Path) -> None:
    """MO608 in a joint sprint is a warning in `new` as in `lint`: kept, then written."""
    child = spawn(workspace, "--from", str(joint_answers(workspace, "cadence")))
    say(child, "Check-in cadence [daily]", "weekly")
    child.expect(r"! MO608")
    say(child, "Keep this answer or edit it? (k/e) [k]", "k")
    say(child, "Minutes per check-in [15]", "30")
    skip_the_plan(child)
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / JOINT_FILE).read_bytes()).data
    assert data["cadence"] == {"every": "weekly", "minutes": 30}
    assert "✗ MO608" not in output and "Please answer again" not in output
    linted = run_cli("--today", TODAY, "lint", "--format", "json", cwd=workspace)
    assert linted.code == 0, linted.stdout
    assert [d["code"] for d in json.loads(linted.stdout)["diagnostics"]] == ["MO608"]


def test_a_warned_answer_can_be_edited(workspace: Path) -> None:
    """MO801 (an individual's quota) warns on a KR statement; "e" asks it again."""
    answers = answers_without(workspace, "key_results")
    child = spawn(workspace, "--from", str(answers))
    say(child, "Key Result 1", "Increase my meeting acceptance rate from 22% to 35% per rep")
    child.expect(r"! MO801")
    say(child, "Keep this answer or edit it? (k/e) [k]", "edit")
    say(
        child, "Key Result 1", "Increase ICP meeting acceptance rate from 22% to 35% within 14 days"
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr1]", "")
    say(
        child,
        "Key Result 2",
        "Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days",
    )
    say(child, "Use these numbers? [Y/n]", "")
    say(child, "Id for this KR [kr2]", "")
    say(child, "Add a third Key Result? [y/N]", "")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    assert data["key_results"][0]["statement"].startswith("Increase ICP meeting acceptance")


def test_no_to_the_numbers_rewrites_the_statement(workspace: Path) -> None:
    answers = answers_without(workspace, "key_results")
    child = spawn(workspace, "--from", str(answers))
    say(child, "Key Result 1", "Increase ICP meeting acceptance rate from 22% to 35%")
    child.expect(r"Read from the statement: baseline 22, target 35, unit %\.")
    say(child, "Use these numbers? [Y/n]", "n")
    say(child, "Rewrite the statement, or enter the numbers yourself? (r/n) [r]", "r")
    # The statement typed before is the default; the new one's numbers are read again.
    say(
        child,
        "Key Result 1: what changes, from what to what? [Increase ICP meeting acceptance rate",
        "Increase ICP meeting acceptance rate from 20% to 32% within 14 days",
    )
    child.expect(r"Read from the statement: baseline 20, target 32, unit %\.")
    say(child, "Use these numbers? [Y/n]", "y")
    say(child, "Id for this KR [kr1]", "")
    say(child, "Key Result 2", "Progress 6 stalled accounts from Discovery stage to Proposal stage")
    say(child, "Baseline (where the number stands today)", "0")
    say(child, "Target (where it must stand at sprint close)", "6")
    say(child, "Unit (%, days, accounts, $M; empty for none)", "accounts")
    say(child, "Id for this KR [kr2]", "")
    say(child, "Add a third Key Result? [y/N]", "")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    first = data["key_results"][0]
    assert (
        first["statement"] == "Increase ICP meeting acceptance rate from 20% to 32% within 14 days"
    )
    assert (first["baseline"], first["target"]) == (20, 32)


def test_the_review_goes_back_to_a_step(workspace: Path) -> None:
    """The whole draft is shown; "4" asks the objective again; the review comes back."""
    answers = EXPECTED / "west-pipeline-recovery.answers.yaml"
    child = spawn(workspace, "--from", str(answers))
    child.expect("Review the draft")
    child.expect(r"anchor_kr: q3-pipeline")  # the draft itself, as the file will be
    say(child, "Write this sprint? Enter to write, or 1-10 to go back to a step", "11")
    child.expect("answer with a step number from 1 to 10")
    say(child, "Write this sprint? Enter to write", "4")
    say(child, "Objective", "Restore pipeline momentum with ICP accounts before the Q3 mid-review")
    say(child, "Motivation test", "A missed pipeline target now is a missed bookings target later.")
    say(child, "Direction test", "ICP accounts only, for two weeks.")
    say(child, "Alignment test", "Every KR feeds q3-pipeline.")
    child.expect("Review the draft")
    child.expect(r"Restore pipeline momentum with ICP accounts")
    say(child, "Write this sprint? Enter to write", "")
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    assert data["objective"]["direction"] == "ICP accounts only, for two weeks."
    assert data["key_results"][0]["id"] == "kr1"  # the other steps stand as answered


def test_a_joint_sprint_is_asked_its_roles_and_plan(workspace: Path) -> None:
    child = spawn(workspace, "--from", str(joint_answers(workspace)))
    child.expect("The integrated plan")
    say(child, "Role of sales", "lead")
    say(child, "Role of product", "lead")
    say(child, "Role of marketing", "contributor")
    child.expect(r"! MO610")  # two lead teams: a warning, so keep or edit
    say(child, "Keep this answer or edit it? (k/e) [k]", "e")
    say(child, "Role of sales", "lead")
    say(child, "Role of product", "2")
    say(child, "Role of marketing", "reviewer")
    say(child, "Named contact for sales", "")
    say(child, "Named contact for product", "Sam Lee")
    say(child, "Named contact for marketing", "")
    say(child, "Due date of resequence-onboarding-flow-surface", "2026-08-18")
    say(child, "Due date of redesign-trial-nurture-email", "2026-09-15")
    child.expect(r"! MO511")
    say(child, "Keep this answer or edit it? (k/e) [k]", "e")
    say(child, "Due date of redesign-trial-nurture-email", "2026-08-20")
    say(child, "Due date of conduct-live-onboarding-calls", "")
    say(child, "resequence-onboarding-flow-surface waits for which initiatives?", "")
    say(child, "redesign-trial-nurture-email waits for which initiatives?", "1")
    say(child, "conduct-live-onboarding-calls waits for which initiatives?", "3")
    child.expect(r"✗ MO510")  # waits for itself: the rule's error, as lint says it
    child.expect("depends on itself")
    say(child, "conduct-live-onboarding-calls waits for which initiatives?", "")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / JOINT_FILE).read_bytes()).data
    assert data["owner"]["roles"] == {
        "sales": "lead",
        "product": "contributor",
        "marketing": "reviewer",
    }
    assert data["owner"]["contacts"] == {"product": "Sam Lee"}
    plan = [(i["id"], str(i.get("due")), i.get("depends_on")) for i in data["initiatives"]]
    assert plan == [
        ("resequence-onboarding-flow-surface", "2026-08-18", None),
        ("redesign-trial-nurture-email", "2026-08-20", ["resequence-onboarding-flow-surface"]),
        ("conduct-live-onboarding-calls", "None", None),
    ]
    assert "All checks passed (1 file)." in output


def test_a_dependency_cycle_is_an_error_asked_again(workspace: Path) -> None:
    child = spawn(workspace, "--from", str(joint_answers(workspace)))
    for team in ("sales", "product", "marketing"):
        say(child, f"Role of {team}", "")
    for team in ("sales", "product", "marketing"):
        say(child, f"Named contact for {team}", "")
    for _ in range(3):
        say(child, "Due date of", "")
    say(child, "resequence-onboarding-flow-surface waits for which initiatives?", "2")
    say(child, "redesign-trial-nurture-email waits for which initiatives?", "1")
    child.expect(r"✗ MO510")
    child.expect(r"resequence-onboarding-flow-surface\s+→\s+redesign-trial-nurture-email")
    say(child, "redesign-trial-nurture-email waits for which initiatives?", "")
    say(child, "conduct-live-onboarding-calls waits for which initiatives?", "")
    write_after_review(child)
    code, output = finish(child)
    assert code == 0, output
    data = read_yaml((workspace / JOINT_FILE).read_bytes()).data
    assert [i.get("depends_on") for i in data["initiatives"]] == [
        ["redesign-trial-nurture-email"],
        None,
        None,
    ]
