"""MO507 divided-krs: In a sprint of several teams, a KR is assigned to a single team."""

from __future__ import annotations

import re
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint, SprintKeyResult
from microokr.progress import is_joint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at
from microokr.workspace import SourceFile, Workspace

_KR_LABEL = r"(?:[-_.]?(?:kr|key[-_.]?result|okr)?[-_.]?\d*)?"


def _team_labels(workspace: Workspace, sprint: Sprint) -> dict[str, str]:
    """Lower-case label -> team id, for every team the workspace or the sprint names."""
    labels: dict[str, str] = {}
    for team_id, team in (workspace.teams or {}).items():
        labels[team_id.lower()] = team_id
        labels[re.sub(r"[-_.]+", " ", team_id.lower())] = team_id
        if team.name and team.name.strip():
            labels[team.name.strip().lower()] = team_id
    for team_id in sprint.owner.teams:
        labels.setdefault(team_id.lower(), team_id)
        labels.setdefault(re.sub(r"[-_.]+", " ", team_id.lower()), team_id)
    return labels


def divided_by(key_result: SprintKeyResult, labels: dict[str, str]) -> tuple[str, str] | None:
    """(team id, field) when a KR names one owning team in its id or statement."""
    kr_id = key_result.id.lower()
    for team_id in sorted(set(labels.values()), key=len, reverse=True):
        if re.fullmatch(rf"(?:kr\d*[-_.])?{re.escape(team_id.lower())}{_KR_LABEL}", kr_id):
            return team_id, "id"
    ordered = sorted(labels, key=len, reverse=True)
    alternation = "|".join(re.escape(label) for label in ordered)
    statement = key_result.statement.strip()
    lead = re.match(
        rf"^[\[(]?(?:the\s+)?(?P<label>{alternation})(?:\s+team)?(?:[\])]|\s*[:—–]|\s+-\s|'s\b|’s\b|\s+team\b)",
        statement,
        re.IGNORECASE,
    )
    tail = re.search(
        rf"(?:\bowned\s+by\s+(?:the\s+)?(?P<owner>{alternation})(?:\s+team)?|\((?P<paren>{alternation})(?:\s+team)?\))\s*\.?$",
        statement,
        re.IGNORECASE,
    )
    for match, group in ((lead, "label"), (tail, "owner"), (tail, "paren")):
        if match is not None and match[group]:
            return labels[match[group].lower()], "statement"
    return None


@sprint_rule(
    "MO507",
    "divided-krs",
    Severity.ERROR,
    "In a sprint of several teams, a KR is assigned to a single team.",
    answers=("owner.teams",),
)
def divided_krs(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    In a sprint owned by several teams, reports a key result that names one
    owning team: an id made of a team id (`product-kr`, `sales-kr2`), or a
    statement that starts with a team ("Product: ...", "Marketing team ...") or
    ends with one ("... (Sales)", "... owned by Marketing"). Team ids and the
    registry's team names are both recognised.

    ## Why is this bad?
    "The Key Results are shared, not divided." Per-team KRs under a shared label
    are departmental OKRs: each team can hit its own while the hand-off between
    them, the reason for the joint sprint, stays broken. Divide the initiatives
    by team, never the KRs.

    ## Example
    ```yaml
    owner: {teams: [sales, product, marketing], lead: Priya Raman}
    key_results:
      - id: product-kr
        statement: "Product: Increase trial users reaching the target feature from 24% to 50%"
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, product, marketing], lead: Priya Raman}
    key_results:
      - id: activation-72h
        statement: >-
          Increase trial users who activate the target feature within 72 hours
          from 24% to 55%
    initiatives:
      - team: product
        action: Resequence onboarding to surface the target feature in the first session
    ```
    """
    if not is_joint(sprint):
        return
    labels = _team_labels(ctx.workspace, sprint)
    if not labels:
        return
    for i, key_result in enumerate(sprint.key_results):
        found = divided_by(key_result, labels)
        if found is not None:
            team_id, field = found
            where = "id" if field == "id" else "statement"
            yield Finding(
                f"KR '{key_result.id}' belongs to the team '{team_id}' alone in a joint sprint: "
                "KRs are shared by every owning team, so measure the joint outcome and "
                "divide the initiatives by team instead",
                at=kr_at(i, where),
            )
