"""MO512 initiative-order: An initiative is due before one it depends on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO512",
    "initiative-order",
    Severity.WARNING,
    "An initiative is due before one it depends on.",
    local=True,
    answers=("initiatives.*.due", "initiatives.*.depends_on"),
)
def initiative_order(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an initiative whose `due` date is earlier than the `due` date of an
    initiative it `depends_on`.

    ## Why is this bad?
    It cannot finish before what it waits for. Seed 003 asks to re-calibrate when
    mutual dependencies shift: a date that slipped on one side and not the other
    is exactly that shift, caught before the check-in where it bites.

    ## Example
    ```yaml
    initiatives:
      - {id: flow, team: product, action: Ship the resequenced flow, due: 2026-08-18}
      - id: emails
        team: marketing
        action: Send the day-1 prompt
        depends_on: [flow]
        due: 2026-08-15
    ```

    ## Use instead
    ```yaml
        due: 2026-08-20
    ```
    """
    due_by_id: dict[str, dt.date | None] = {}
    for initiative in sprint.initiatives:
        if initiative.id is not None:
            due_by_id.setdefault(initiative.id, initiative.due)
    for i, initiative in enumerate(sprint.initiatives):
        if initiative.due is None:
            continue
        for wanted in dict.fromkeys(initiative.depends_on):
            before = due_by_id.get(wanted)
            if before is not None and initiative.due < before and wanted != initiative.id:
                yield Finding(
                    f"due on {initiative.due}, before '{wanted}' it depends on (due {before}): "
                    "move this date after it, or the dependency's date before it",
                    at=("initiatives", i, "due"),
                )
