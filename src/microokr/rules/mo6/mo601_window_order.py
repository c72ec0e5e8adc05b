"""MO601 window-order: `window.end` is not after `window.start`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO601",
    "window-order",
    Severity.ERROR,
    "`window.end` is not after `window.start`.",
    local=True,
    answers=("window",),
)
def window_order(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a window whose `end` is on or before its `start`.

    ## Why is this bad?
    A sprint has an explicit start and end (step 6). A window that ends before it
    starts, or on the same day, has no days to move a number in, and every derived
    value (expected progress, status, the 2-per-team count) is meaningless.

    ## Example
    ```yaml
    window:
      start: 2026-07-28
      end: 2026-07-14
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-28
    ```
    """
    if sprint.window.end <= sprint.window.start:
        yield Finding(
            f"the window ends on {sprint.window.end} but starts on {sprint.window.start}: "
            "`window.end` must come after `window.start` (swap them or fix the date)",
            at=("window", "end"),
        )
