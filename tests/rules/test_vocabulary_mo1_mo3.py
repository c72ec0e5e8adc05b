"""The MO101/MO102/MO302 heuristics on the seeds' own wording.

Every real signal, objective and desired condition of the seeds must pass; the
calendar phrasings and the seeds' initiatives (tasks) written as conditions must
fail. The rules run for real: each text goes into a sprint file that is read,
validated and checked exactly as `microokr lint` does it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from microokr.rules.base import REGISTRY, RuleContext, all_rules
from microokr.rules.vocabulary.activity_verbs import ACTIVITY_PHRASES, ACTIVITY_VERBS
from microokr.rules.vocabulary.calendar import CALENDAR_PHRASES
from microokr.workspace import FileKind, load_workspace, source_from_bytes
from tests.conftest import TESTS

FIXTURES = TESTS / "fixtures" / "rules"
TEMPLATE = (FIXTURES / "_sprints" / "west-pipeline-recovery.yaml").read_text()
SIGNAL = (
    "  signal: >-\n"
    "    Qualified pipeline stands at $21.2M against a $30M target at Week 6 of Q3,\n"
    "    29% below linear trajectory.\n"
)
CONDITION = (
    "desired_condition: >-\n"
    "  Enough ICP accounts are in active conversations that pipeline grows weekly again.\n"
)

# Signals: the situations of the seeds' worked examples and scenarios, in their words.
SEED_SIGNALS = [
    # 002 / 004: KR at Risk, B2B sales
    "Qualified pipeline stands at $21.2M against a $30M target at Week 6 of Q3 — 29% below "
    "linear trajectory. Two consecutive OKR check-ins have surfaced the gap.",
    "Qualified pipeline at $21.2M vs $30M target at Week 6 of Q3 — 29% below linear trajectory. "
    "Two check-ins have surfaced the gap. Initiative revisions have not moved the number.",
    # 000: Cross-Functional Gap, trial conversion
    "Current trial-to-paid conversion stands at 19% at Week 7 against a 35% target. Two "
    "check-in cycles have surfaced the gap: trials expire before the onboarding flow surfaces "
    "the feature that drives the aha moment for enterprise users.",
    # 000: KR at Risk requiring a cross-functional response, churn
    "Churn concentrates in accounts onboarded during a period when the product team ran a "
    "major infrastructure migration; the fix must land within a 3-week window before the next "
    "renewal cycle.",
    # 000: Emergent Opportunity, enterprise client
    "A significant enterprise opportunity emerges mid-quarter: a potential anchor client in a "
    "new vertical whose evaluation period closes within a compressed 2-week window.",
    # 002: Emergent Opportunity, inbound spike
    "A product launch generates an unexpected inbound lead volume that exceeds current "
    "conversion capacity; the opportunity window is 2-3 weeks before competitor responses "
    "normalise the market.",
    # 002: Cross-Functional Gap, marketing/sales hand-off
    "Marketing is generating qualified leads that sales is not converting: the marketing "
    "team's pipeline-generation KR is on track while the sales team's conversion KR is not.",
    # a metric that happens to be monthly is still a signal
    "Monthly logo churn rose to 3.4% against a 2.0% target, the third rise in a row since the "
    "data-platform migration.",
]

CALENDAR_SIGNALS = [
    "It is the start of the quarter, so the West team opens its next pipeline sprint.",
    "We run a Micro-OKR sprint every month to keep the whole sales team focused on pipeline.",
    "The quarterly planning session asks each team to pick one sprint for the next weeks.",
    "A new quarter has begun and leadership wants every team to start a fresh sprint.",
    "As part of our monthly planning ritual, sales activates its next Micro-OKR sprint today.",
    "Each week the team picks a new sprint goal for pipeline and works on it together.",
    "Annual kickoff: every team activates a sprint to start the year with clear focus.",
    "The OKR cycle calls for one sprint per team at the beginning of the month, as always.",
    "Our planning cycle has come round again, so it is time for another Micro-OKR sprint.",
]

# Objectives and desired conditions of the seeds (the scenarios' objectives as statements).
SEED_CONDITIONS = [
    "Enough ICP accounts are in active conversations that pipeline grows weekly again.",
    "Restore qualified pipeline momentum and close the trajectory gap before Q3 mid-review",
    "Close the trial-to-paid conversion gap by ensuring enterprise trial users reach the "
    "feature activation moment before their trial expires",
    "Enterprise trial users reach the feature activation moment before their trial expires.",
    "Recover the at-risk cohort before renewal",
    "Progress the anchor opportunity to commercial proposal stage within the evaluation window",
    "Convert the inbound spike into signed contracts before the window closes",
    "Establish a working lead handoff process that eliminates the conversion drop",
    "Launch-week sign-ups keep converting after the campaign ends.",
    "Trained reps handle pricing objections without escalating to a manager.",
]

# The seeds' initiatives and the outputs they warn against, written as conditions.
TASK_CONDITIONS = [
    ("Conduct 30 targeted outreach calls", "Conduct"),
    ("Personalise 40 ICP email sequences", "Personalise"),
    ("Run pipeline review with 3 key account managers", "Run"),
    ("Resequence onboarding flow to surface the target feature within the first session", None),
    ("Redesign trial nurture email sequence to include an activation prompt at day 1", None),
    ("Conduct live onboarding calls with the 40 highest-value active trials", "Conduct"),
    ("Launch the spring campaign across all regions.", "Launch"),
    ("Ship the engineering fixes for the migration cohort.", "Ship"),
    ("Hold daily alignment meetings between sales and marketing.", "Hold"),
    ("Send follow-up emails to every inbound lead within a day.", "Send"),
    ("Complete the objection-handling training for all reps.", "Complete"),
    ("We will roll out the new qualification playbook to every rep.", "roll out"),
    ("To build a lead-scoring model with marketing.", "build"),
    ("“Organize a customer advisory board”", "Organize"),
]


def _check(code: str, text: str, *, replace: str) -> list[str]:
    """Run rule `code` on the template sprint with `replace` swapped for `text`."""
    if replace == "signal":
        body = TEMPLATE.replace(SIGNAL, f"  signal: {json.dumps(text)}\n")
    else:
        body = TEMPLATE.replace(CONDITION, f"desired_condition: {json.dumps(text)}\n")
    assert body != TEMPLATE
    source = source_from_bytes(
        Path("sprints/x.yaml"), "sprints/x.yaml", FileKind.SPRINT, body.encode()
    )
    assert source.model is not None, source.problems
    ctx = RuleContext(load_workspace(FIXTURES / "_base"), dt.date(2026, 7, 20))
    check = REGISTRY[code].check
    assert check is not None
    return [finding.message for finding in check(source.model, source, ctx)]


def test_rules_are_registered() -> None:
    codes = {rule.code for rule in all_rules()}
    assert {"MO101", "MO102", "MO302"} <= codes


@pytest.mark.parametrize("signal", SEED_SIGNALS)
def test_seed_signals_pass_mo101_and_mo102(signal: str) -> None:
    assert _check("MO101", signal, replace="signal") == []
    assert _check("MO102", signal, replace="signal") == []


@pytest.mark.parametrize("signal", CALENDAR_SIGNALS)
def test_calendar_phrasings_fail_mo102(signal: str) -> None:
    messages = _check("MO102", signal, replace="signal")
    assert len(messages) == 1
    assert "names the calendar" in messages[0]
    # MO101 is about length, not wording: these are long enough to pass it.
    assert _check("MO101", signal, replace="signal") == []


@pytest.mark.parametrize(
    ("signal", "words"),
    [("Pipeline is behind.", 3), ("Pipeline is behind target at Week 6.", 7)],
)
def test_short_signals_fail_mo101(signal: str, words: int) -> None:
    assert _check("MO101", signal, replace="signal") == [
        f"the trigger signal has only {words} words, too few to name a specific signal: "
        "say what moved, against which target and when (at least 8 words)"
    ]


@pytest.mark.parametrize("condition", SEED_CONDITIONS)
def test_seed_conditions_and_objectives_pass_mo302(condition: str) -> None:
    assert _check("MO302", condition, replace="condition") == []


@pytest.mark.parametrize(("condition", "verb"), TASK_CONDITIONS)
def test_task_phrasings_fail_mo302(condition: str, verb: str | None) -> None:
    messages = _check("MO302", condition, replace="condition")
    assert len(messages) == 1, condition
    if verb is not None:
        assert f"starts with '{verb}'" in messages[0]


def test_vocabularies_are_lower_case_and_unique() -> None:
    """Matching is case-insensitive; an upper-case entry would be a silent no-op."""
    assert all(phrase == phrase.lower().strip() for phrase in CALENDAR_PHRASES)
    assert len(set(CALENDAR_PHRASES)) == len(CALENDAR_PHRASES)
    assert all(verb == verb.lower() and " " not in verb for verb in ACTIVITY_VERBS)
    assert all(len(phrase.split()) == 2 for phrase in ACTIVITY_PHRASES)
    # The seeds' objectives open with these; listing them would flag every good sprint.
    assert not {"restore", "close", "convert", "recover", "progress", "establish"} & ACTIVITY_VERBS


def test_whole_words_only() -> None:
    """'Runway' is not 'Run', and 'monthly' inside a metric is not a schedule."""
    assert _check("MO302", "Runway covers the renewals of the cohort.", replace="condition") == []
    signal = "Bi-monthly-ish reviews aside, pipeline sits at $21.2M against $30M at Week 6."
    assert _check("MO102", signal, replace="signal") == []
