"""MO401 objective-missing: `objective.statement` is empty."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO401",
    "objective-missing",
    Severity.ERROR,
    "`objective.statement` is empty.",
    local=True,
    answers=("objective.statement",),
)
def objective_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without an `objective`, or whose `objective.statement` is
    missing or empty.

    ## Why is this bad?
    The objective is what the team rallies around for the next one to four
    weeks: the direction every check-in returns to. Key results without an
    objective are numbers without a reason, and the Sprint Close cannot ask
    whether the objective was genuinely met.

    ## Example
    ```yaml
    objective:
      motivation: Missing the pipeline KR puts the Q3 revenue plan at risk.
    ```

    ## Use instead
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before Q3 mid-review
      motivation: Missing the pipeline KR puts the Q3 revenue plan at risk.
    ```
    """
    statement = sprint.objective.statement if sprint.objective else None
    if statement is None or not statement.strip():
        at, key = blank_at(source, ("objective", "statement"))
        yield Finding(
            "the sprint has no objective statement: write in objective.statement a "
            "motivating, directional sentence of the outcome the sprint commits to",
            at=at,
            key=key,
        )
