"""MO503 kr-not-measurable: A KR lacks a numeric `baseline` or `target`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO503",
    "kr-not-measurable",
    Severity.ERROR,
    "A KR lacks a numeric `baseline` or `target`.",
    local=True,
    answers=("key_results.*",),
)
def kr_not_measurable(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result without a `baseline`, without a `target`, or without
    both.

    ## Why is this bad?
    A KR is a movement from a baseline to a target. Without both numbers no one
    can tell at a check-in whether it moved, progress and pace cannot be
    computed, and the Sprint Close cannot say whether the objective was met.

    ## Example
    ```yaml
    - id: kr1
      statement: Improve ICP meeting acceptance rate
      unit: "%"
    ```

    ## Use instead
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 22
      target: 35
      unit: "%"
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        missing = [
            name
            for name, value in (("baseline", key_result.baseline), ("target", key_result.target))
            if value is None
        ]
        if missing:
            yield Finding(
                f"KR '{key_result.id}' has no {' and no '.join(missing)}: add "
                f"{' and '.join(f'`{name}:`' for name in missing)} as plain numbers "
                "(the unit goes in `unit`)",
                at=("key_results", i),
            )
