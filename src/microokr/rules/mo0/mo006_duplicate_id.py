"""MO006 duplicate-id: Two sprints share an id, or two KRs in the OKR files share an id."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.rules.base import Finding, RuleContext, workspace_rule
from microokr.workspace import SourceFile


@workspace_rule(
    "MO006",
    "duplicate-id",
    Severity.ERROR,
    "Two sprints share an id, or two KRs in the OKR files share an id.",
    facts=True,
)
def duplicate_id(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint `id` used by another sprint file, and a KR `id` used twice
    across the OKR files, at the second occurrence (files in path order).

    ## Why is this bad?
    Sprints anchor to KRs by id and commands find sprints by id: with two of one
    id, `anchor_kr: q3-pipeline` or `microokr checkin west-pipeline-recovery` would
    pick one of them silently.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml and okrs/2026-q3-sales.yaml both hold
    - id: q3-pipeline
    ```

    ## Use instead
    ```yaml
    # one q3-pipeline; the other KR gets its own id
    - id: q3-enterprise-pipeline
    ```
    """
    first_sprint: dict[str, SourceFile] = {}
    for source, sprint in ctx.workspace.sprint_facts():
        if sprint.id in first_sprint:
            yield Finding(
                f"the sprint id '{sprint.id}' is already used by {first_sprint[sprint.id].rel}: "
                "give this sprint its own id (and file name)",
                at=("id",),
                source=source,
            )
        else:
            first_sprint[sprint.id] = source
    first_kr: dict[str, SourceFile] = {}
    for source in ctx.workspace.okr_files:
        if source.model is None:
            continue
        for i, objective in enumerate(source.model.objectives):
            for j, key_result in enumerate(objective.key_results):
                if key_result.id in first_kr:
                    yield Finding(
                        f"the KR id '{key_result.id}' is already used in "
                        f"{first_kr[key_result.id].rel}: KR ids are unique across the workspace",
                        at=("objectives", i, "key_results", j, "id"),
                        source=source,
                    )
                else:
                    first_kr[key_result.id] = source
