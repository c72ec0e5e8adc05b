"""MO705 checkin-stale.

An active sprint's last check-in (or start) is older than its cadence allows.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr import progress
from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO705",
    "checkin-stale",
    Severity.WARNING,
    "An active sprint's last check-in (or start) is older than its cadence allows.",
)
def checkin_stale_rule(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    For an active sprint (today within its window, no close), reports that its
    last check-in, or its start if it has none, is more days ago than its cadence
    allows: 1 for `daily`, 4 for `twice-weekly`, 7 for `weekly`. Sprints without
    a cadence are MO608's business.

    ## Why is this bad?
    Check-ins are how a sprint notices, while there is still time, that a number
    did not move and who owns the blocker today. A sprint without them drifts
    until the close discovers that nothing changed.

    ## Example
    ```yaml
    cadence: {every: daily}
    checkins:
      - date: 2026-07-15     # and today is 2026-07-20
        values: {kr1: 24, kr2: 1, kr3: 11}
    ```

    ## Use instead
    ```yaml
    cadence: {every: daily}
    checkins:
      - date: 2026-07-19
        values: {kr1: 29, kr2: 3, kr3: 9}
    ```
    """
    if sprint.cadence is None or not progress.checkin_stale(sprint, ctx.today):
        return
    last = progress.last_checkin(sprint)
    since = progress.stale_since(sprint)
    age = progress.stale_age(sprint, ctx.today)
    allowed = progress.cadence_days(sprint)
    what = f"the last check-in was on {since}" if last else f"the sprint started on {since}"
    where: tuple[str | int, ...]
    if last is not None:
        where = ("checkins", sprint.checkins.index(last), "date")
    else:
        where = ("window", "start")
    yield Finding(
        f"{what}, {age} days ago, and the {sprint.cadence.every.value} cadence allows "
        f"{allowed}: run `microokr checkin {sprint.id}`",
        at=where,
    )
