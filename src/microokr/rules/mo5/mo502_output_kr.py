"""MO502 output-kr: A KR counts activity or task completion instead of a change in condition."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at
from microokr.rules.mo5.measured import output_reason
from microokr.workspace import SourceFile


@sprint_rule(
    "MO502",
    "output-kr",
    Severity.ERROR,
    "A KR counts activity or task completion instead of a change in condition.",
    local=True,
    answers=("key_results.*.statement", "key_results.*"),
)
def output_kr(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result that measures activity or task completion (calls made,
    emails sent, meetings held, trainings completed, campaigns launched, fixes
    shipped) instead of a change in condition. The word lists and the shapes it
    recognises are in `microokr/rules/vocabulary/outputs.py`; a measure word
    (rate, ratio, conversion, time, score, median) marks a condition.

    ## Why is this bad?
    "A task sprint tells you what was done. A Micro-OKR tells you what changed."
    A team can make every call and still not move acceptance rate; an output KR
    reports success while the anchor KR stays stalled. Activities belong in
    `initiatives`.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Conduct 30 targeted outreach calls
        baseline: 0
        target: 30
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
        baseline: 22
        target: 35
    initiatives:
      - team: sales-west
        action: Conduct 30 targeted outreach calls
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        reason = output_reason(key_result.statement, key_result.unit)
        if reason is not None:
            yield Finding(
                f"KR '{key_result.id}' measures output, not a change in condition ({reason}): "
                "move the activity to initiatives and measure what it should change "
                "(a rate, a time, a score, a conversion)",
                at=kr_at(i, "statement"),
            )
