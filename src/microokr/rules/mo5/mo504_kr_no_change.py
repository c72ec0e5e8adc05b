"""MO504 kr-no-change: A KR's `baseline` equals its `target`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import number
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at
from microokr.workspace import SourceFile


@sprint_rule(
    "MO504",
    "kr-no-change",
    Severity.ERROR,
    "A KR's `baseline` equals its `target`.",
    local=True,
    answers=("key_results.*",),
)
def kr_no_change(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result whose `target` equals its `baseline`.

    ## Why is this bad?
    A Micro-OKR commits to a change in condition. A KR that asks for no change
    measures nothing, and its progress cannot be computed (there is no gap to
    close). "Hold churn at 3%" is a health metric, not a sprint KR.

    ## Example
    ```yaml
    - id: kr1
      statement: Keep ICP meeting acceptance rate at 22%
      baseline: 22
      target: 22
    ```

    ## Use instead
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 22
      target: 35
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        if key_result.baseline is not None and key_result.baseline == key_result.target:
            yield Finding(
                f"KR '{key_result.id}' has target {number(key_result.target)} equal to its "
                "baseline: a KR measures a change, so set the target the sprint commits to reach",
                at=kr_at(i, "target"),
            )
