"""MO707 checkin-date: A check-in dated outside the window, in the future, or out of order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO707",
    "checkin-date",
    Severity.ERROR,
    "A check-in dated outside the window, in the future, or out of order.",
)
def checkin_date(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a check-in dated before `window.start` or after `window.end`, after
    today, or not after the check-in before it in the file.

    ## Why is this bad?
    Pace compares each check-in with the share of the window gone by on its date:
    a wrong date shows a sprint ahead or behind that is neither. A future date
    is a typo or a forecast, and out-of-order check-ins make "the last check-in"
    ambiguous.

    ## Example
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    checkins:
      - date: 2026-07-16
      - date: 2026-07-15
    ```

    ## Use instead
    ```yaml
    window: {start: 2026-07-14, end: 2026-07-28}
    checkins:
      - date: 2026-07-15
      - date: 2026-07-16
    ```
    """
    previous: dt.date | None = None
    for i, checkin in enumerate(sprint.checkins):
        day = checkin.date
        at = ("checkins", i, "date")
        # Worded for both readers: lint's (a file to fix) and checkin's (a day refused).
        # The future first: a command shows the first finding only.
        if day > ctx.today:
            yield Finding(
                f"{day} is in the future (today is {ctx.today}): a check-in dated after "
                f"today ({ctx.today}) records what nobody has measured yet; check in on the day",
                at=at,
            )
        if day < sprint.window.start:
            yield Finding(
                f"{day} is before the window of {sprint.id} starts on {sprint.window.start}: "
                "a check-in outside the window measures nothing of the sprint; check in from "
                "that day on",
                at=at,
            )
        elif day > sprint.window.end:
            yield Finding(
                f"{day} is after the window of {sprint.id} ended on {sprint.window.end}: "
                "a check-in outside the window measures nothing of the sprint; record the "
                f"Sprint Close instead with 'microokr close {sprint.id}'",
                at=at,
            )
        if previous is not None and day <= previous:
            yield Finding(
                f"the check-in of {day} is not after the one before it ({previous}): keep "
                "check-ins in date order, one per day",
                at=at,
            )
        previous = day
