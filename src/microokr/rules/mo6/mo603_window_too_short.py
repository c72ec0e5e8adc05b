"""MO603 window-too-short: The window spans fewer than 7 days."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.progress import window_days
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile

MIN_WINDOW_DAYS = 7


@sprint_rule(
    "MO603",
    "window-too-short",
    Severity.WARNING,
    "The window spans fewer than 7 days.",
    local=True,
    answers=("window",),
)
def window_too_short(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a window shorter than 7 days (`end - start`). A window that does not
    end after its start is MO601's business, not this rule's.

    ## Why is this bad?
    A Micro-OKR runs 1 to 4 weeks: long enough for a change in condition to show
    in the numbers. A few days is a task list with a deadline; the team already
    knows what to do, so an Initiative is the right instrument.

    ## Example
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-17     # 3 days
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-28     # 14 days
    ```
    """
    days = window_days(sprint)
    if 0 < days < MIN_WINDOW_DAYS:
        yield Finding(
            f"the window spans {days} day{'s' if days != 1 else ''}, fewer than "
            f"{MIN_WINDOW_DAYS}: give the change at least a week to show, or write an "
            "Initiative instead",
            at=("window", "end"),
        )
