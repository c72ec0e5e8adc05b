"""MO511 initiative-due-outside-window: An initiative's `due` is outside the window."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO511",
    "initiative-due-outside-window",
    Severity.WARNING,
    "An initiative's `due` is outside the window.",
    local=True,
    answers=("initiatives.*.due",),
)
def due_outside_window(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an initiative whose `due` date is before `window.start` or after
    `window.end`.

    ## Why is this bad?
    A Micro-OKR's initiatives are what the teams do inside the sprint. Work due
    after the close cannot move the KRs by then; work due before the start is not
    part of this sprint. Either the date is a typo or the plan outgrew the window.

    ## Example
    ```yaml
    window: {start: 2026-08-10, end: 2026-08-30}
    initiatives:
      - {id: flow, team: product, action: Ship the resequenced flow, due: 2026-09-15}
    ```

    ## Use instead
    ```yaml
      - {id: flow, team: product, action: Ship the resequenced flow, due: 2026-08-18}
    ```
    """
    start, end = sprint.window.start, sprint.window.end
    for i, initiative in enumerate(sprint.initiatives):
        due = initiative.due
        if due is None or start <= due <= end:
            continue
        side = f"before the window starts ({start})" if due < start else f"after it ends ({end})"
        yield Finding(
            f"due on {due}, {side}: an initiative of the sprint is due inside its window",
            at=("initiatives", i, "due"),
        )
