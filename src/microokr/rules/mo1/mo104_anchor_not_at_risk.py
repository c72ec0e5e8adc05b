"""MO104 anchor-not-at-risk.

A `kr-at-risk` sprint's anchor is on or ahead of its linear trajectory.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr import progress
from microokr.diagnostics import Severity
from microokr.formatting import number
from microokr.model import Sprint, TriggerType
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO104",
    "anchor-not-at-risk",
    Severity.WARNING,
    "A `kr-at-risk` sprint's anchor is on or ahead of its linear trajectory.",
    answers=("window",),
)
def anchor_not_at_risk(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    For a sprint triggered by `kr-at-risk`, compares the anchor KR's `current`
    value in the OKR file with where a linear path from its `baseline` to its
    `target` over the OKR period would stand on `window.start`. Reports the
    trigger when the KR is on or ahead of that trajectory (below it, for a KR
    that decreases, such as churn).

    ## Why is this bad?
    The KR-at-Risk trigger means a Tactical KR is materially off track. A KR on
    trajectory does not need a rescue sprint; either the trigger type is wrong
    (an emergent opportunity to beat the target?), or the OKR file's `current`
    value is out of date.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml: q3-pipeline runs from 20 to 30 over 1 July - 30 September
    current: 26.5
    # sprints/west-pipeline-recovery.yaml
    trigger:
      type: kr-at-risk
    anchor_kr: q3-pipeline
    window: {start: 2026-07-14, end: 2026-07-28}
    ```

    ## Use instead
    ```yaml
    # okrs/2026-q3.yaml: 21.2 on 14 July is below the trajectory (21.4)
    current: 21.2
    ```
    """
    if sprint.trigger.type is not TriggerType.KR_AT_RISK or not sprint.anchor_kr:
        return
    ref = ctx.workspace.key_results.get(sprint.anchor_kr)
    if ref is None:
        return
    key_result = ref.key_result
    if key_result.current is None or key_result.baseline is None or key_result.target is None:
        return
    if key_result.target == key_result.baseline:
        return
    day = sprint.window.start
    try:
        trajectory = progress.linear_trajectory(ref.okr, key_result, day)
    except OverflowError:  # a span of numbers beyond float range: nothing sensible to say
        return
    if trajectory is None:
        return
    increasing = key_result.target > key_result.baseline
    current = key_result.current
    if (current >= trajectory) if increasing else (current <= trajectory):
        where = "on" if current == trajectory else ("above" if increasing else "below")
        yield Finding(
            f"the anchor {key_result.id} stands at {number(current, places=2)} "
            f"({ref.source.rel}), {where} its linear trajectory of "
            f"{number(trajectory, places=2)} on {day.isoformat()}, so "
            "it is not at risk: update its current value in the OKR file, or choose the "
            "trigger type that fits",
            at=("trigger", "type"),
        )
