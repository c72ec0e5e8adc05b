"""The versions of one sprint that the history tests commit, built from the rule base sprint."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TESTS
from tests.rules.fixture_patch import build_sprint

BASE_SPRINT = TESTS / "fixtures" / "rules" / "_sprints" / "west-pipeline-recovery.yaml"
SPRINT = "sprints/west-pipeline-recovery.yaml"
CHECKINS = [{"date": dt.date(2026, 7, 15), "values": {"kr1": 24, "kr2": 1, "kr3": 11}}]
CLOSE = {
    "date": dt.date(2026, 7, 28),
    "attendees": ["sales-west"],
    "anchor": {"start": 21.2, "end": 22.4},
    "final": {"kr1": 33, "kr2": 6, "kr3": 8},
    "learning": "Acceptance moved once the persona was rewritten.",
    "tactical_revision": {"needed": False},
}


def version(number: int) -> str:
    """1: kr2 target 8, no check-in; 2: the first check-in; 3: kr2 target lowered to 6.

    kr2's target is on line 24, column 13, in every version.
    """
    base = BASE_SPRINT.read_text(encoding="utf-8")
    patch: dict[str, object] = {}
    if number < 3:
        patch["key_results.1.target"] = 8
    if number >= 2:
        patch["checkins"] = CHECKINS
    return build_sprint(base, {"patch": patch})


def closed() -> str:
    """The base sprint closed on 2026-07-28: kr2 met, kr1 and kr3 not."""
    base = BASE_SPRINT.read_text(encoding="utf-8")
    return build_sprint(base, {"patch": {"close": CLOSE}})
