"""MO708 close-date: `close.date` before the start, in the future, or early without a reason."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo7.common import blank
from microokr.workspace import SourceFile


@sprint_rule(
    "MO708",
    "close-date",
    Severity.ERROR,
    "`close.date` before the start, in the future, or early without a reason.",
)
def close_date(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `close.date` before `window.start`, after today, or before
    `window.end` without an `early` reason.

    ## Why is this bad?
    Early closes are allowed and must still be formal: the reason is part of the
    learning ("the prospect signed early", "the anchor recovered"). A close dated
    in the future or before the sprint began is a typo that ends the sprint's
    count against its teams' limit on the wrong day.

    ## Example
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    close:
      date: 2026-07-24
    ```

    ## Use instead
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    close:
      date: 2026-07-24
      early: The anchor KR recovered its trajectory four days ahead of the window.
    ```
    """
    close = sprint.close
    if close is None:
        return
    at = ("close", "date")
    if close.date < sprint.window.start:
        yield Finding(
            f"the close date {close.date} is before the window of {sprint.id} starts on "
            f"{sprint.window.start}: a sprint that closes before its window starts never "
            "ran, so it has nothing to close; fix the close date",
            at=at,
        )
    elif close.date < sprint.window.end and blank(close.early):
        yield Finding(
            f"the sprint closes on {close.date}, before its window ends "
            f"({sprint.window.end}), with no reason: add `early:` saying why it closed early",
            at=at,
        )
    if close.date > ctx.today:
        yield Finding(
            f"the close date {close.date} is in the future (today is {ctx.today}): a close "
            f"dated after today ({ctx.today}) has not been held yet; close a sprint on the "
            "day the retrospective is held",
            at=at,
        )
