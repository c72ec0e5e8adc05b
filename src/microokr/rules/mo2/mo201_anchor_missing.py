"""MO201 anchor-missing: No `anchor_kr`: this is not a Micro-OKR."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO201",
    "anchor-missing",
    Severity.ERROR,
    "No `anchor_kr`: this is not a Micro-OKR.",
    local=True,
)
def anchor_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without an `anchor_kr`, or with an empty one.

    ## Why is this bad?
    Every Micro-OKR nests under an existing Tactical or Strategic KR and exists
    only to move it. If no anchor can be named, the work is an Initiative or a
    standalone campaign; activating sprints without anchors turns them into a
    permanent fourth OKR level, which the framework exists to prevent.

    ## Example
    ```yaml
    id: spring-campaign
    desired_condition: More people know our brand.
    ```

    ## Use instead
    ```yaml
    id: west-pipeline-recovery
    anchor_kr: q3-pipeline
    ```
    """
    if sprint.anchor_kr is None or not sprint.anchor_kr.strip():
        at, key = blank_at(source, ("anchor_kr",))
        yield Finding(
            "the sprint names no anchor_kr, so this is not a Micro-OKR: write an Initiative "
            "or revise the Tactical OKR, or name the existing KR the sprint serves",
            at=at,
            key=key,
        )
