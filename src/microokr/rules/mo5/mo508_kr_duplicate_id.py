"""MO508 kr-duplicate-id: Two KRs of one sprint share an `id`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at
from microokr.workspace import SourceFile


@sprint_rule(
    "MO508",
    "kr-duplicate-id",
    Severity.ERROR,
    "Two KRs of one sprint share an `id`.",
    local=True,
    answers=("key_results", "key_results.*"),
)
def kr_duplicate_id(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result whose `id` is already used by an earlier KR of the same
    sprint, at the second occurrence.

    ## Why is this bad?
    Check-ins and the close record values by KR id (`values: {kr1: 24}`): with
    two `kr1`, one of them can never be recorded and its progress is invented
    from the other's.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      - id: kr1
        statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      - id: kr3
        statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
    ```
    """
    seen: set[str] = set()
    for i, key_result in enumerate(sprint.key_results):
        if key_result.id in seen:
            yield Finding(
                f"the KR id '{key_result.id}' is used twice in this sprint: give each KR its "
                "own id (check-ins record values by id)",
                at=kr_at(i, "id"),
            )
        seen.add(key_result.id)
