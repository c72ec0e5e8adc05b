"""MO604 individual-owner: An owner is not a team id in the registry."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO604",
    "individual-owner",
    Severity.ERROR,
    "An owner is not a team id in the registry.",
    answers=("owner.teams",),
)
def individual_owner(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an entry of `owner.teams` that is not a team id of the registry in
    `microokr.yaml` (`teams:`). Without a registry there is nothing to check
    against: MO606 warns about that instead.

    ## Why is this bad?
    "Team instruments only": a sprint owned by a person ("Dana Ortiz") is an
    individual's quota in OKR language. A misspelt team id also escapes the
    2-per-team limit, since the limit counts sprints by team id.

    ## Example
    ```yaml
    owner:
      teams: [Dana Ortiz]
    ```

    ## Use instead
    ```yaml
    owner:
      teams: [sales-west]
      lead: Dana Ortiz
    ```
    """
    registry = ctx.workspace.teams
    if not registry:
        return

    for i, team in enumerate(sprint.owner.teams):
        if team in registry:
            continue
        known = sorted(registry)  # only for a finding: sorting 200 teams per sprint was 5%
        hint = did_you_mean(team, known)
        mend = (
            hint
            if hint
            else f"use a team id from microokr.yaml ({', '.join(known[:6])}"
            f"{', ...' if len(known) > 6 else ''}), or add the team there"
        )
        yield Finding(
            f"'{team}' is not a team of the registry, and sprints are team instruments: {mend}",
            at=("owner", "teams", i),
        )
