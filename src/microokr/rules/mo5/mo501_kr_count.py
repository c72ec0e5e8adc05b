"""MO501 kr-count: Fewer than 2 or more than 3 key results."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile

MIN_KRS = 2


MAX_KRS = 3


@sprint_rule(
    "MO501",
    "kr-count",
    Severity.ERROR,
    "Fewer than 2 or more than 3 key results.",
    local=True,
    answers=("key_results",),
)
def kr_count(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint with fewer than 2 or more than 3 key results.

    ## Why is this bad?
    Step 5 of the protocol asks for 2 to 3 KRs. One KR leaves the objective
    measured from a single angle, easy to game; four or more spread a 1-4 week
    sprint too thin to move any of them, and the daily check-in turns into a
    status report.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
        baseline: 22
        target: 35
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
        baseline: 22
        target: 35
      - id: kr3
        statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
        baseline: 12
        target: 7
    ```
    """
    count = len(sprint.key_results)
    if count < MIN_KRS:
        yield Finding(
            f"the sprint has {count} key result{'s' if count != 1 else ''}: "
            "write 2 or 3, each a change in condition from a baseline to a target",
            at=("key_results",),
            key=True,
        )
    elif count > MAX_KRS:
        yield Finding(
            f"the sprint has {count} key results: keep the 2 or 3 that best show the "
            "objective was met, and move the rest to initiatives or drop them",
            at=("key_results",),
            key=True,
        )
