"""The review before writing: the whole draft, its findings, and going back to any step.

Issue 13: "before writing, show the whole draft and let the user go back to any step".
The draft is shown as the file it will be; the registered rules run on it once more
(warnings shown, errors block writing); the person answers Enter to write it, or the
number of a step to answer that step again (its answers forgotten, then asked), after
which the review comes back. Steps that depend on a revisited one run again too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from microokr.drafting.answers import AnswerError
from microokr.drafting.checks import run_rules, sprint_rule_codes
from microokr.formatting import quote
from microokr.yamlio.sprint_text import render_sprint

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk


@dataclass(frozen=True)
class Revisable:
    name: str
    keys: tuple[str, ...]
    """Top-level keys the step answers: forgotten when the person goes back to it."""
    steps: tuple[str, ...]
    """The steps to run again, in order (the step itself, then those built on it)."""


REVISABLE = (
    Revisable("Step 1: the trigger and its signal", ("trigger",), ("trigger",)),
    Revisable("Step 2: the anchor KR", ("anchor_kr",), ("anchor",)),
    Revisable("Step 3: the desired condition", ("desired_condition",), ("condition",)),
    Revisable("Step 4: the objective", ("objective",), ("objective",)),
    Revisable("Step 5: the key results", ("key_results",), ("key_results",)),
    Revisable("Initiatives", ("initiatives",), ("initiatives", "integrated_plan")),
    Revisable("Step 6: the window", ("window",), ("window", "integrated_plan")),
    Revisable("Step 6: owning teams and lead", ("owner",), ("ownership", "integrated_plan")),
    Revisable("Step 6: the check-in cadence", ("cadence",), ("cadence",)),
    Revisable("The integrated plan (joint sprint)", (), ("integrated_plan",)),
    Revisable("The sprint id", ("id",), ("identify",)),
)


def review(walk: Walk) -> None:
    """Show the draft until the person writes it; go back to the steps they choose."""
    from microokr.drafting import steps as step_module

    by_name: dict[str, Callable[[Walk], None]] = {s.__name__: s for s in step_module.STEPS}
    while True:
        data = walk.candidate()
        walk.io.step(
            "Review the draft",
            "This is the file that will be written. Enter writes it; a number goes back to "
            "that step and asks it again.",
        )
        walk.io.note(render_sprint(data).rstrip("\n"))
        found = run_rules(walk.workspace, walk.today, data, sprint_rule_codes())
        for item in found:
            walk.io.finding(item)
        walk.shown |= set(found)
        errors = [item for item in found if item.is_error]
        joint = len(set(walk.data["owner"]["teams"])) > 1
        offered = [r for r in REVISABLE if joint or r.steps != ("integrated_plan",)]
        walk.io.choices([(str(r.name), "") for r in offered])
        choice = _ask(walk, len(offered), can_write=not errors)
        if choice is None:
            return
        chosen = offered[choice]
        walk.revisit(chosen.keys)
        if "integrated_plan" in chosen.steps:
            _forget_plan(walk)
        for name in chosen.steps:
            by_name[name](walk)


def _ask(walk: Walk, count: int, *, can_write: bool) -> int | None:
    """None to write; else the index (of `count` offered) of the step to go back to."""
    question = (
        f"Write this sprint? Enter to write, or 1-{count} to go back to a step"
        if can_write
        else f"The draft has errors: go back to a step to fix them (1-{count})"
    )
    while True:
        raw = walk.io.ask(question, default="").strip()
        try:
            if not raw and can_write:
                return None
            if raw.isdigit() and 1 <= int(raw) <= count:
                return int(raw) - 1
            raise AnswerError(
                f"{quote(raw, 20)}: answer with a step number from 1 to {count}"
                + (", or Enter to write the sprint" if can_write else "")
            )
        except AnswerError as error:
            walk.io.problem(str(error))


def _forget_plan(walk: Walk) -> None:
    """The plan step asks again: nothing of it is taken silently from the --from file."""
    walk.refused |= {"owner", "initiatives"}
