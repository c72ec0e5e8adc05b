"""MO402 objective-tests: One of `motivation`, `direction`, `alignment` is unanswered."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.workspace import SourceFile

OBJECTIVE_TESTS = {
    "motivation": "Motivation",
    "direction": "Direction",
    "alignment": "Alignment",
}


PLACEHOLDERS = frozenset({"...", "…", "tbd", "todo", "tba", "n/a", "na", "?", "-", "xxx"})
"""Answers that answer nothing: what templates leave behind."""


_HOW = {
    "motivation": "say why this outcome matters to the team now",
    "direction": "say where the team will focus its effort during the sprint",
    "alignment": "say how the outcome moves the anchor KR",
}


def _answered(text: str | None) -> bool:
    return bool(text and text.strip() and text.strip().lower() not in PLACEHOLDERS)


@sprint_rule(
    "MO402",
    "objective-tests",
    Severity.WARNING,
    "One of `motivation`, `direction`, `alignment` is unanswered.",
    local=True,
    answers=("objective",),
)
def objective_tests(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an objective that leaves one of its three tests unanswered:
    `motivation`, `direction` or `alignment` is missing, empty, or a placeholder
    such as `...` or `TBD`. (A sprint with no objective at all is MO401's.)

    ## Why is this bad?
    Step 4 of the writing protocol checks every objective three ways: does it
    motivate the team (Motivation), does it say where to focus (Direction), and
    does it serve the anchor KR (Alignment)? An unanswered test is usually the
    one the objective fails.

    ## Example
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before Q3 mid-review
      motivation: Missing the pipeline KR puts the Q3 revenue plan at risk.
      direction: TBD
    ```

    ## Use instead
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before Q3 mid-review
      motivation: Missing the pipeline KR puts the Q3 revenue plan at risk.
      direction: Focus every rep on ICP accounts already in the funnel.
      alignment: More ICP meetings and stage progression feed qualified pipeline directly.
    ```
    """
    objective = sprint.objective
    if objective is None:
        return
    absent: list[str] = []
    for field, test in OBJECTIVE_TESTS.items():
        answer = getattr(objective, field)
        if _answered(answer):
            continue
        at, _ = blank_at(source, ("objective", field))
        if at != ("objective", field):
            absent.append(field)
            continue
        blank = not (answer or "").strip()
        yield Finding(
            f"the {test} test is unanswered ({field} is {'empty' if blank else 'a placeholder'}): "
            f"{_HOW[field]}",
            at=at,
            key=blank,
        )
    if absent:
        names = " and ".join(OBJECTIVE_TESTS[field] for field in absent)
        hows = "; ".join(f"add {field}: {_HOW[field]}" for field in absent)
        yield Finding(
            f"the objective does not answer the {names} test{'s' if len(absent) > 1 else ''}: "
            f"{hows}",
            at=("objective",),
            key=True,
        )
