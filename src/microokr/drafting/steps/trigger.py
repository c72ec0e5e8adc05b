"""The decision test and step 1: is this a commitment, and which signal starts it?

A plan is refused before anything else is asked: it is an Initiative, and no
sprint file is the right place for it. The signal is checked by MO101/MO102, so a
calendar reason ("it's the start of the month") is asked for again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from microokr.drafting.answers import MISSING, parse_choice, parse_optional_text, parse_text
from microokr.errors import RefusedError
from microokr.model import TRIGGER_NAMES, TriggerType
from microokr.model.states import choices
from microokr.rules.base import Where

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk

TRIGGER_MEANINGS: dict[TriggerType, str] = {
    TriggerType.KR_AT_RISK: (
        "a Tactical KR is materially off track and initiative-level responses have not restored it"
    ),
    TriggerType.EMERGENT_OPPORTUNITY: (
        "an unexpected window demands rapid coordinated action: too big for an initiative, "
        "too short for a quarterly revision"
    ),
    TriggerType.CROSS_FUNCTIONAL_GAP: (
        "two or more teams must align on a shared short-horizon outcome that sits between "
        "their Tactical OKRs"
    ),
    TriggerType.STRATEGIC_VALIDATION: (
        "a strategic bet needs rapid evidence to confirm, refute or refine it before full "
        "commitment"
    ),
}
"""What each trigger type means, shown beside its name (`TRIGGER_NAMES`) in the walk."""

DECISIONS: dict[str, str] = {
    "plan": "the team already knows what to do and needs structure to execute it",
    "commitment": "the team must align around a shared outcome with measurable accountability",
}
PLAN_ADVICE = (
    "a plan is an Initiative, not a Micro-OKR: write an Initiative under the KR it serves "
    "(nothing was written)"
)


def decision(walk: Walk) -> None:
    walk.io.step(
        "Decision test",
        "A Micro-OKR is a commitment to a change in condition, not a plan of tasks. "
        "If the team already knows what to do, an Initiative is the right instrument.",
    )
    walk.io.choices(list(DECISIONS.items()))
    chosen = walk.answer(
        ("decision",),
        "Does this situation need a plan or a commitment?",
        lambda raw: parse_choice(raw, list(DECISIONS), what="plan or commitment"),
    )
    if chosen == "plan":
        raise RefusedError(PLAN_ADVICE)


def trigger(walk: Walk) -> None:
    walk.io.step(
        "Step 1 of 6: identify the trigger",
        "A sprint starts from a signal (a stalled number, an event, a broken hand-off), "
        "never from the calendar. Which of the four triggers is it?",
    )
    walk.io.choices([(TRIGGER_NAMES[kind], TRIGGER_MEANINGS[kind]) for kind in TriggerType])
    kind = walk.answer(
        ("trigger", "type"),
        "Trigger type",
        lambda raw: parse_choice(raw, choices(TriggerType), what="trigger type"),
    )
    walk.data["trigger"] = {"type": kind}
    while True:
        signal = walk.answer(
            ("trigger", "signal"),
            "The signal: which number, event or hand-off, and where does it stand?",
            parse_text,
        )
        trigger = {"type": kind, "signal": signal}
        if walk.verify(walk.candidate(trigger=trigger), ("trigger", "signal")):
            break
    evidence = _evidence(walk)
    if evidence:
        trigger["evidence"] = evidence
    walk.data["trigger"] = trigger


def _evidence(walk: Walk) -> list[str]:
    path: Where = ("trigger", "evidence")
    preset = walk.lookup(path)
    if preset is not MISSING:
        if not isinstance(preset, list):
            return [walk.answer(path, "Evidence", parse_text)] if preset else []
        walk.used.add(path)
        return [walk.answer((*path, i), "Evidence", parse_text) for i in range(len(preset))]
    if walk.no_input:
        return []
    found: list[str] = []
    while True:
        item = walk.answer(
            ("trigger", "evidence", len(found)),
            "Evidence that the signal is real (empty line when done)",
            parse_optional_text,
            default="",
        )
        if not item:
            return found
        found.append(item)
