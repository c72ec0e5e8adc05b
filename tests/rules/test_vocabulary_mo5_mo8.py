"""The MO505, MO506, MO801 and MO802 heuristics against the seeds' own wording.

MO801 and MO802 are held to the seeds' "team instruments only" and "what
Micro-OKRs are not" lists (MO502's own test is tests/rules/mo5/test_mo502_vocabulary.py).
"""

from __future__ import annotations

import pytest

from microokr.rules.mo5.mo505_kr_direction import direction_verb
from microokr.rules.mo5.mo506_kr_statement_numbers import statement_numbers
from microokr.rules.mo8.mo802_not_a_micro_okr import not_micro_okr_reason
from microokr.rules.mo8.personal import personal_reason
from tests.rules.mo5.test_mo502_vocabulary import SEED_OUTCOME_KRS


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
