"""MO606 no-team-registry: The workspace has no `teams`, so ownership cannot be verified."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO606",
    "no-team-registry",
    Severity.WARNING,
    "The workspace has no `teams`, so ownership cannot be verified.",
    answers=("owner.teams",),
)
def no_team_registry(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports, on every sprint, that the workspace has no team registry (`teams:`
    in `microokr.yaml` is absent or empty), so its owners cannot be checked. It
    fires once per sprint, at `owner.teams`, so that a run over some files only
    (pre-commit) still says why their owners went unchecked, and so that a
    workspace without `microokr.yaml` has a file to point at.

    ## Why is this bad?
    Without the registry, MO604 cannot tell a team from a person or a typo, and
    the 2-per-team limit counts "sales-west" and "sales_west" as two teams.

    ## Example
    ```yaml
    # microokr.yaml
    okrs: okrs
    sprints: sprints
    ```

    ## Use instead
    ```yaml
    # microokr.yaml
    teams:
      sales-west: {name: Regional Sales Team — West, lead: Dana Ortiz}
    ```
    """
    if not ctx.workspace.teams:
        yield Finding(
            "the workspace has no team registry, so these owners cannot be verified as teams: "
            "list the teams under `teams:` in microokr.yaml",
            at=("owner", "teams"),
        )
