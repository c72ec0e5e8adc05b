"""Steps 3 and 4: the desired condition, then the Objective and its three tests.

The condition is a change in the world (MO301/MO302 refuse task lists); the
Objective carries no numbers and no person's name (MO401/MO403/MO801/MO802). The
Motivation, Direction and Alignment answers are optional; MO402 warns when they
are missing, and the warning is shown once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from microokr.drafting.answers import parse_optional_text, parse_text

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk


def condition(walk: Walk) -> None:
    walk.io.step(
        "Step 3 of 6: define the desired condition",
        "Describe the change in the world at sprint close. Not tasks, not deliverables.",
    )
    while True:
        text = walk.answer(
            ("desired_condition",),
            "Desired condition at sprint close",
            parse_text,
        )
        if walk.verify(walk.candidate(desired_condition=text), ("desired_condition",)):
            break
    walk.data["desired_condition"] = text


def objective(walk: Walk) -> None:
    anchor = walk.data.get("anchor_kr", "the anchor KR")
    walk.io.step(
        "Step 4 of 6: write the Objective",
        "A motivating, directional statement with no numbers (numbers belong in the KRs), "
        "then its three tests: Motivation, Direction, Alignment.",
    )
    while True:
        statement = walk.answer(("objective", "statement"), "Objective", parse_text)
        objective = {"statement": statement}
        if walk.verify(
            walk.candidate(objective=objective),
            ("objective", "statement"),
        ):
            break
    questions = {
        "motivation": "Motivation test: why does this matter to the team now?",
        "direction": "Direction test: where will the team put its effort?",
        "alignment": f"Alignment test: how does it serve {anchor}?",
    }
    for key, question in questions.items():
        text = walk.answer(("objective", key), question, parse_optional_text, default="")
        if text:
            objective[key] = text
    walk.verify(walk.candidate(objective=objective), ("objective",), revisable=False)
    walk.data["objective"] = objective
