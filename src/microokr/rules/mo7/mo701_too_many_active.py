"""MO701 too-many-active: On some day a team owns more than 2 sprints that are active or overdue."""

from __future__ import annotations

from collections.abc import Iterator

from microokr import progress
from microokr.diagnostics import Severity
from microokr.progress import ACTIVE_LIMIT
from microokr.rules.base import Finding, RuleContext, workspace_rule

NAMES_SHOWN = 5
"""How many other sprints an MO701 message names before "and N more"."""


def _names(others: list[str]) -> str:
    """ "'a' and 'b'", "'a', 'b' and more": the other sprints of an overloaded day."""
    shown = [f"'{name}'" for name in others[:NAMES_SHOWN]]
    if len(others) > NAMES_SHOWN:
        shown.append("more")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]


@workspace_rule(
    "MO701",
    "too-many-active",
    Severity.ERROR,
    "On some day a team owns more than 2 sprints that are active or overdue.",
    facts=True,
)
def too_many_active(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Checks every day, past and future, not just today: on no day may a team own
    more than 2 sprints that count against its limit. A sprint counts from
    `window.start` through `window.end`; while it is overdue (no `close`), through
    today; once closed, until the day before `close.date`. Each sprint that takes
    part in such a day is reported at its `owner.teams` entry for that team, with
    the other sprints it overlaps.

    ## Why is this bad?
    "Maximum 2 active Micro-OKRs per team at any time." A team running three
    sprints diffuses its focus across all of them and closes none; the daily
    check-in discipline breaks down. Needing a third is a sign that the Tactical
    OKR needs revision, not another sprint.

    ## Example
    ```yaml
    # sprints/a.yaml, b.yaml and c.yaml all hold
    window: {start: 2026-07-13, end: 2026-07-27}
    owner:
      teams: [sales-west]
    ```

    ## Use instead
    ```yaml
    # c.yaml starts the day after a.yaml closes
    window: {start: 2026-07-28, end: 2026-08-11}
    owner:
      teams: [sales-west]
    ```
    """
    pairs = list(ctx.workspace.sprint_facts())
    by_team = progress.claims_by_team([sprint for _, sprint in pairs], ctx.today)
    for team, claims in sorted(by_team.items()):
        if len(claims) <= ACTIVE_LIMIT:
            continue
        for found in progress.overloads(claims, shown=NAMES_SHOWN):
            claim = claims[found.claim]
            others = [claims[other].sprint.id for other in found.others]
            yield Finding(
                f"on {found.day} the team '{team}' owns more than {ACTIVE_LIMIT} "
                f"active or overdue sprints: this one, {_names(others)}; close one "
                f"or move a window so the team runs at most {ACTIVE_LIMIT} at a time",
                at=("owner", "teams", claim.team_index),
                source=pairs[claim.number][0],
            )
