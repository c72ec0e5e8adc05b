"""MO103 gap-needs-teams: A `cross-functional-gap` sprint is owned by fewer than two teams."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint, TriggerType
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO103",
    "gap-needs-teams",
    Severity.ERROR,
    "A `cross-functional-gap` sprint is owned by fewer than two teams.",
    local=True,
    answers=("owner.teams",),
)
def gap_needs_teams(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint triggered by a `cross-functional-gap` whose `owner.teams`
    names fewer than two different teams.

    ## Why is this bad?
    A cross-functional gap lives between teams: each one's own KR is green while
    the outcome that depends on all of them stalls. One team alone cannot close
    it; the sprint is owned jointly by every team whose contribution is needed.
    With a single owner it is either another trigger type or an Initiative.

    ## Example
    ```yaml
    trigger:
      type: cross-functional-gap
    owner:
      teams: [sales]
    ```

    ## Use instead
    ```yaml
    trigger:
      type: cross-functional-gap
    owner:
      teams: [sales, product, marketing]
      lead: Priya Raman
    ```
    """
    if sprint.trigger.type is not TriggerType.CROSS_FUNCTIONAL_GAP:
        return
    teams = set(sprint.owner.teams)
    if len(teams) < 2:
        owned = f"only by {next(iter(teams))}" if teams else "by no team"
        yield Finding(
            f"a cross-functional-gap sprint is owned {owned}: add every team whose "
            "contribution the gap needs to owner.teams, or choose another trigger type",
            at=("owner", "teams"),
        )
