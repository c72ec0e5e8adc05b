"""MO610 joint-roles: a joint sprint team without a named contact, or two lead teams."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Role, Sprint
from microokr.plan import named_contact
from microokr.progress import is_joint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO610",
    "joint-roles",
    Severity.WARNING,
    "A joint sprint with a team that has no named contact, or two teams marked `lead`.",
    local=False,
    answers=("owner.roles", "owner.contacts"),
)
def joint_roles(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    In a sprint of several teams, reports an owning team with no named person who
    answers for it, and a second team marked `lead` in `owner.roles`. A team's
    contact is its entry in `owner.contacts`, else `owner.lead` when the team's role
    is `lead`, else the `lead` of the team in the registry (`microokr.yaml`).

    ## Why is this bad?
    "Who owns this?" should never need to be asked again (seed 001): each team needs
    one named owner with authority to commit. And there is one Sprint Lead; two teams
    both marked `lead` is the committee that MO605 refuses, by another name.

    ## Example
    ```yaml
    owner:
      teams: [sales, product, marketing]
      lead: Priya Raman
      roles: {sales: lead, product: lead, marketing: contributor}
    ```

    ## Use instead
    ```yaml
    owner:
      teams: [sales, product, marketing]
      lead: Priya Raman
      roles: {sales: lead, product: contributor, marketing: contributor}
      contacts: {product: Sam Lee, marketing: Lena Brandt}
    ```
    """
    if not is_joint(sprint):
        return
    owner = sprint.owner
    registry = ctx.workspace.teams or {}
    seen: set[str] = set()
    for i, team in enumerate(owner.teams):
        if team in seen or (registry and team not in registry):
            continue  # a team outside the registry is MO604's to report
        seen.add(team)
        if named_contact(owner, team, registry) is None:
            yield Finding(
                f"'{team}' has no named contact: add `owner.contacts: {{{team}: <name>}}` "
                "(the one person who answers for the team), or a `lead` in microokr.yaml",
                at=("owner", "teams", i),
            )
    leads = [team for team, role in owner.roles.items() if role is Role.LEAD]
    for team in leads[1:]:
        yield Finding(
            f"'{team}' and '{leads[0]}' are both marked `lead`: a joint sprint has one "
            "lead team (the Sprint Lead's); make the others contributor or reviewer",
            at=("owner", "roles", team),
            key=True,
        )
