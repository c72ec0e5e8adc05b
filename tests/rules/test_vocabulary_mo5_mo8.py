"""The MO502, MO801 and MO802 heuristics against the seeds' own wording.

Every KR the seeds write (or describe: "the Key Results measure ...") must pass
MO502; every "not the number of ..." the seeds warn against, written as a KR,
must fail it. MO801 and MO802 get the same treatment with the seeds' "team
instruments only" and "what Micro-OKRs are not" lists.
"""

from __future__ import annotations

import pytest

from microokr.rules.mo5.measured import output_reason
from microokr.rules.mo5.mo505_kr_direction import direction_verb
from microokr.rules.mo5.mo506_kr_statement_numbers import statement_numbers
from microokr.rules.mo8.mo801_personal_instrument import personal_reason
from microokr.rules.mo8.mo802_not_a_micro_okr import not_micro_okr_reason

SEED_OUTCOME_KRS = [
    # 002 / 004: the B2B pipeline sprint, KR1-3 as written.
    "Increase ICP meeting acceptance rate from 22% to 35% within 14 days",
    "Progress 6 stalled accounts from Discovery stage to Proposal stage",
    "Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days",
    # 000: the trial-to-paid cross-functional sprint, KR1-3 as written.
    "Increase the percentage of enterprise trial users who activate the target feature "
    "within 72 hours of signup from 24% to 55%",
    "Reduce median time from trial signup to first feature activation from 8 days to 3 days",
    "Increase trial-to-paid conversion for users who activate the target feature from 31% to 52%",
    # 000: the churn cohort: health score, feature adoption, renewal confirmation rate.
    "Raise the average health score of migration-cohort accounts from 48 to 70",
    "Increase core-feature adoption rate in the migration cohort from 35% to 60%",
    "Increase the renewal confirmation rate of cohort accounts from 40% to 75%",
    # 000: the enterprise opportunity: proposal date, evaluation score, stakeholder breadth.
    "Reduce days until commercial proposal submission from 21 days to 10 days",
    "Bring the commercial proposal submission date forward from day 21 to day 10",
    "Raise the technical evaluation score from 2.8 to 4.0",
    "Increase engaged stakeholders on the buying committee from 2 to 8",
    "Increase stakeholder engagement breadth from 2 to 8 functions",
    # 002: the inbound spike: conversion rate, time-to-proposal, contracts signed.
    "Increase inbound lead-to-opportunity conversion rate from 8% to 20%",
    "Reduce median time-to-proposal for inbound opportunities from 12 days to 5 days",
    "Grow inbound-sourced contracts signed within the window from 0 to 18",
    # 002: the sales-marketing hand-off: response time, lead-to-meeting, stage progression.
    "Reduce median hand-off response time for qualified leads from 26 hours to 4 hours",
    "Increase qualified-lead-to-meeting conversion rate from 18% to 28%",
    "Increase the share of handed-off leads progressing to Discovery stage from 9% to 20%",
    # The anchors themselves (OKR-level KRs, same test).
    "Increase qualified B2B pipeline from $20M to $30M by Q3 close",
    "Increase trial-to-paid conversion rate from 19% to 35% by Q3 close",
    "Reduce monthly logo churn from 3.2% to 2.0% by Q3 close",
]

SEED_OUTPUT_KRS = [
    # "not the number of ..." in seeds 000 and 002, each written as a KR.
    "Make 50 follow-up calls",
    "Hold 10 internal meetings to coordinate the response",
    "Conduct 40 re-onboarding calls",
    "Ship 12 engineering fixes",
    "Hold 6 alignment meetings",
    "Complete 3 trainings",
    "Launch 2 campaigns",
    "Send 200 emails",
    # The seed 002/004 initiatives, wrongly promoted to KRs.
    "Conduct 30 targeted outreach calls",
    "Send 40 emails",
    "Hold 5 alignment meetings",
    "Run pipeline review with 3 key account managers",
    # The same outputs as measures with a baseline and a target.
    "Increase calls made from 20 to 50",
    "Increase emails sent from 100 to 400",
    "Increase meetings held with ICP accounts from 4 to 10",
    "Increase trainings completed from 1 to 3",
    "Increase campaigns launched this month from 0 to 2",
    "Increase the number of re-onboarding calls conducted from 0 to 40",
    "Increase engineering fixes shipped from 3 to 12",
    "Increase internal meetings held from 2 to 10",
    "Increase follow-up calls made from 20 to 50",
    "Increase the number of outreach calls from 20 to 50",
    "Grow # of demos delivered from 5 to 15",
    "Launch the new pricing page",
]


@pytest.mark.parametrize("statement", SEED_OUTCOME_KRS)
def test_seed_outcome_krs_pass_mo502(statement: str) -> None:
    assert output_reason(statement) is None


@pytest.mark.parametrize("statement", SEED_OUTPUT_KRS)
def test_seed_outputs_fail_mo502(statement: str) -> None:
    assert output_reason(statement) is not None


def test_activity_unit_is_an_output_unless_a_measure_names_a_condition() -> None:
    assert output_reason("Increase outreach from 10 to 30", "calls") is not None
    assert output_reason("Increase call-to-meeting conversion rate from 5 to 9", "calls") is None


def test_outcome_words_beside_activities_still_pass() -> None:
    # The activity is mentioned, the KR measures what it changed.
    assert output_reason("Increase reply rate to outreach emails from 4% to 9%") is None
    assert output_reason("Deliver a 20% reduction in churn") is None


@pytest.mark.parametrize(
    "statement",
    [
        "Post-migration accounts renewing in October grow from 40% to 75%",
        "Launch-week sign-ups keep converting at 20% instead of 12%",
        "Increase accounts that book a second meeting within 14 days from 10 to 25",
    ],
)
def test_words_that_only_look_like_activities_pass(statement: str) -> None:
    assert output_reason(statement) is None


@pytest.mark.parametrize(
    ("statement", "sign"),
    [
        ("Increase ICP meeting acceptance rate from 22% to 35%", 1),
        ("Reduce median time-to-first-meeting from 12 days to 7 days", -1),
        ("Grow inbound-sourced contracts signed from 0 to 18", 1),
        ("Shorten the sales cycle from 60 to 45 days", -1),
        ("Sales: Lift renewal rate from 40% to 75%", 1),
    ],
)
def test_direction_verbs(statement: str, sign: int) -> None:
    found = direction_verb(statement)
    assert found is not None and found[1] == sign


def test_direction_is_read_from_the_opening_words_only() -> None:
    assert direction_verb("Renew more of the lower-tier accounts: 40% to 60%") is None


def test_improve_is_not_read_as_up_for_times() -> None:
    assert direction_verb("Improve median hand-off response time from 26 hours to 4 hours") is None


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Increase qualified B2B pipeline from $20M to $30M by Q3 close", ("20", "M", "30", "M")),
        ("Reduce median time from 12 days to 7 days", ("12", None, "7", None)),
        ("Reduce monthly logo churn from 3.2% to 2.0%", ("3.2", "%", "2.0", "%")),
        ("Grow ARR from $1,200k to $1,500k", ("1,200", "k", "1,500", "k")),
    ],
)
def test_statement_numbers(statement: str, expected: tuple[str, ...]) -> None:
    found = statement_numbers(statement)
    assert found is not None
    (x, xs), (y, ys) = found
    assert (x, xs, y, ys) == expected


def test_no_numbers_no_reading() -> None:
    assert statement_numbers("Progress 6 stalled accounts from Discovery stage to Proposal") is None


LEADS = ["Dana Ortiz", "Priya Raman", "Sam Lee"]

SEED_TEAM_STATEMENTS = [
    "Restore qualified pipeline momentum and close the trajectory gap before Q3 mid-review",
    "Close the trial-to-paid conversion gap by ensuring enterprise trial users reach the "
    "feature activation moment before their trial expires",
    "Recover the migration cohort before its renewals come due",
    "Progress the anchor opportunity to commercial proposal stage within the evaluation window",
    "Convert the inbound spike into signed contracts before the window closes",
    "Establish a working lead handoff process that eliminates the conversion drop",
    *SEED_OUTCOME_KRS,
]

PERSONAL_STATEMENTS = [
    "Hit my pipeline number before the Q3 mid-review",
    "I will close 10 deals this month",
    "Increase qualified meetings per rep from 4 to 8",
    "Each rep books 5 demos with ICP accounts",
    "Increase individual quota attainment from 70% to 100%",
    "Grow Dana Ortiz's pipeline from $2M to $3M",
    "Increase Dana's qualified meetings from 4 to 8",
    "Close my personal quota gap",
]


@pytest.mark.parametrize("statement", SEED_TEAM_STATEMENTS)
def test_seed_team_statements_pass_mo801(statement: str) -> None:
    assert personal_reason(statement, LEADS) is None


@pytest.mark.parametrize("statement", PERSONAL_STATEMENTS)
def test_individual_instruments_fail_mo801(statement: str) -> None:
    assert personal_reason(statement, LEADS) is not None


SEED_CONDITIONS = [
    "Enough ICP accounts are in active conversations that pipeline grows weekly again.",
    "Enterprise trial users reach the feature that drives the aha moment before their trial "
    "expires.",
    "Qualified leads move from Marketing to Sales within hours, with the context Sales needs.",
]

NOT_MICRO_OKRS = [
    ("Hit the weekly sales target", "a recurring target"),
    ("Book 20 meetings every week", "a recurring target"),
    ("Keep BAU pipeline hygiene", "a recurring target"),
    ("Complete the campaign launch checklist before go-live", "a launch checklist"),
    ("Execute the product launch plan on time", "a launch checklist"),
    ("Increase training completion from 40% to 100%", "training completion"),
    ("Every rep completes the objection-handling training", "training completion"),
    ("Complete 3 trainings", "training completion"),
    ("Grow brand awareness in the healthcare vertical", "always-on brand awareness"),
    ("Run always-on social campaigns", "always-on brand awareness"),
    ("Hold a weekly cross-functional sync", "a recurring coordination meeting"),
]


@pytest.mark.parametrize("statement", [*SEED_TEAM_STATEMENTS, *SEED_CONDITIONS])
def test_seed_statements_pass_mo802(statement: str) -> None:
    assert not_micro_okr_reason(statement) is None


@pytest.mark.parametrize(("statement", "category"), NOT_MICRO_OKRS)
def test_seed_not_micro_okrs_fail_mo802(statement: str, category: str) -> None:
    found = not_micro_okr_reason(statement)
    assert found is not None and found[0].name == category
