"""MO607 initiatives: No initiatives, or in a joint sprint an initiative without an owning team."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.progress import is_joint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO607",
    "initiatives",
    Severity.WARNING,
    "No initiatives, or in a joint sprint an initiative without an owning team.",
    local=True,
    answers=("owner.teams",),
)
def initiatives(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without `initiatives`, and in a joint sprint an initiative
    whose `team` is missing or is not one of `owner.teams`.

    ## Why is this bad?
    Initiatives are what the teams will do to move the KRs; without them the KRs
    are wishes. In a joint sprint "the Initiatives are divided by team; the
    outcomes are not": an initiative without an owning team is one nobody does.

    ## Example
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    initiatives:
      - action: Rewrite the lead-scoring model with Sales
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    initiatives:
      - team: marketing
        action: Rewrite the lead-scoring model with Sales
    ```
    """
    if not sprint.initiatives:
        yield Finding(
            "the sprint has no initiatives: list what each team will do to move the KRs "
            "under `initiatives:` (team and action)",
            at=("initiatives",),
            key=True,
        )
        return
    if not is_joint(sprint):
        return
    owners = set(sprint.owner.teams)
    for i, initiative in enumerate(sprint.initiatives):
        if initiative.team is None or not initiative.team.strip():
            yield Finding(
                "this initiative of a joint sprint names no team: add `team:` with one of "
                f"{', '.join(sprint.owner.teams)}",
                at=("initiatives", i),
            )
        elif initiative.team not in owners:
            yield Finding(
                f"the initiative's team '{initiative.team}' does not own this sprint: use one of "
                f"{', '.join(sprint.owner.teams)}, or add the team to `owner.teams`",
                at=("initiatives", i, "team"),
            )
