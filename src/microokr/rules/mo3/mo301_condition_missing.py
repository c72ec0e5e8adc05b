"""MO301 condition-missing: `desired_condition` is empty."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO301",
    "condition-missing",
    Severity.ERROR,
    "`desired_condition` is empty.",
    local=True,
    answers=("desired_condition",),
)
def condition_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without a `desired_condition`, or with an empty one.

    ## Why is this bad?
    Step 3 of the writing protocol describes the change in the world the team
    wants at sprint close. The objective and the key results are written from
    it: without it they drift towards what the team will do rather than what
    will be different, and the Sprint Close has nothing to compare against.

    ## Example
    ```yaml
    anchor_kr: q3-pipeline
    desired_condition: ""
    ```

    ## Use instead
    ```yaml
    anchor_kr: q3-pipeline
    desired_condition: >-
      Enough ICP accounts are in active conversations that pipeline grows weekly again.
    ```
    """
    if sprint.desired_condition is None or not sprint.desired_condition.strip():
        at, key = blank_at(source, ("desired_condition",))
        yield Finding(
            "the sprint has no desired condition: describe in desired_condition the change "
            "in the world you want at sprint close (not tasks, not deliverables)",
            at=at,
            key=key,
        )
