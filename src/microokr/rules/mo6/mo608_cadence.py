"""MO608 cadence: No cadence, or a joint sprint whose check-ins are not daily."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import CadenceEvery, Sprint
from microokr.progress import is_joint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO608",
    "cadence",
    Severity.WARNING,
    "No cadence, or a joint sprint whose check-ins are not daily.",
    local=True,
    answers=("cadence.every",),
)
def cadence(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without a `cadence`, and a joint sprint (several teams)
    whose `cadence.every` is not `daily`.

    ## Why is this bad?
    Check-ins are how a sprint notices a number that did not move while there is
    still time to act; without a cadence no one knows when the next one is due
    (and MO705 cannot tell a stale sprint). Joint sprints need daily, short
    check-ins with all teams present: hand-offs break between teams within days.

    ## Example
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    cadence:
      every: weekly
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    cadence:
      every: daily
      minutes: 15
    ```
    """
    if sprint.cadence is None:
        yield Finding(
            "the sprint has no check-in cadence: add `cadence:` with `every: daily`, "
            "`twice-weekly` or `weekly` (and `minutes:`)",
            at=("cadence",),
            key=True,
        )
    elif is_joint(sprint) and sprint.cadence.every is not CadenceEvery.DAILY:
        yield Finding(
            f"a joint sprint checks in {sprint.cadence.every.value}: set `every: daily`, short "
            "check-ins with every team present",
            at=("cadence", "every"),
        )
