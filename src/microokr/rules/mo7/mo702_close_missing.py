"""MO702 close-missing: The window has ended and there is no `close`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr import progress
from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO702",
    "close-missing",
    Severity.ERROR,
    "The window has ended and there is no `close`.",
)
def close_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint whose `window.end` is before today and that has no `close`
    (it is overdue).

    ## Why is this bad?
    "Sprint Close is mandatory": the most common failure is the silent abandoned
    sprint. Even when the anchor did not move, the close records why, and that
    is what improves the next sprint and the Tactical OKR. An overdue sprint also
    keeps counting against its teams' limit of 2.

    ## Example
    ```yaml
    window:
      start: 2026-09-01
      end: 2026-09-15
    # ...check-ins stop, no close
    ```

    ## Use instead
    ```yaml
    close:
      date: 2026-09-15
      anchor: {start: 21.2, end: 22.0}
      learning: Stalled accounts were waiting on pricing approval, not on outreach.
      tactical_revision: {needed: true, note: Add a pricing-approval KR for Q4.}
    ```
    """
    if progress.status(sprint, ctx.today) is progress.Status.OVERDUE:
        late = -progress.days_left(sprint, ctx.today)
        yield Finding(
            f"the window ended on {sprint.window.end} ({late} day{'s' if late != 1 else ''} "
            f"ago) and the sprint has no close: run `microokr close {sprint.id}`, even if "
            "the anchor did not move",
            at=("window", "end"),
        )
