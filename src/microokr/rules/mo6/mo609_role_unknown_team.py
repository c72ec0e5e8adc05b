"""MO609 role-unknown-team: roles or contacts for a team that does not own the sprint."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO609",
    "role-unknown-team",
    Severity.ERROR,
    "`owner.roles` or `owner.contacts` names a team that does not own the sprint.",
    local=True,
    answers=("owner.roles", "owner.contacts"),
)
def role_unknown_team(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key of `owner.roles` or `owner.contacts` that is not one of
    `owner.teams`.

    ## Why is this bad?
    The stakeholder map says who answers for each owning team. A role or contact
    for a team that does not own the sprint is either a typo (and the real team's
    entry is missing) or a team that was dropped from the sprint without telling
    anyone: "no surprises" (seed 001) means the map and the owners agree.

    ## Example
    ```yaml
    owner:
      teams: [sales, product, marketing]
      lead: Priya Raman
      contacts: {prodcut: Sam Lee}
    ```

    ## Use instead
    ```yaml
      contacts: {product: Sam Lee}
    ```
    """
    owners = list(dict.fromkeys(sprint.owner.teams))
    for field in ("roles", "contacts"):
        for team in getattr(sprint.owner, field):
            if team in owners:
                continue
            hint = did_you_mean(team, owners)
            mend = hint or f"the owners are {', '.join(owners)}"
            yield Finding(
                f"`owner.{field}` names '{team}', which does not own this sprint: {mend}",
                at=("owner", field, team),
                key=True,
            )
