"""MO502 output-kr: A KR counts activity or task completion instead of a change in condition."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at
from microokr.rules.mo5.quantity import Output, measured_output
from microokr.workspace import SourceFile


def output_reason(statement: str, unit: str | None = None) -> str | None:
    """Why a KR reads as an output, in words for the message; None for an outcome."""
    found = measured_output(statement, unit)
    return None if found is None else reason(found)


def reason(found: Output) -> str:
    """ "it counts pages published: an output; measure what the pages should change, ..." """
    if found.noun == "work" or found.family == "":
        change = f"measure what the work should change, e.g. {found.example}"
    elif found.family == "holder":
        change = f"measure what the work should change in the {found.noun}, e.g. {found.example}"
    else:
        change = f"measure what the {found.noun} should change, e.g. {found.example}"
    if found.opener is not None:
        return f"it opens with the activity verb '{found.opener}', a task: an output; {change}"
    return f"it counts {found.quantity}: an output; {change}"


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
    Reports a key result that measures what the team produces or does (calls
    made, emails sent, meetings held, trainings completed, pages published, fixes
    shipped) instead of a change in condition. It reads the measured quantity, not
    only the opening verb: "Increase the number of A/B tests shipped from 0 to 4"
    counts tests shipped, an output, while "Increase the number of trials that
    convert within 14 days" counts customers changing state, an outcome. Rates,
    times, scores, shares and amounts are outcomes. The vocabulary and the order of
    the decisions are in `microokr/rules/vocabulary/outputs.py`.

    ## Why is this bad?
    "A task sprint tells you what was done. A Micro-OKR tells you what changed."
    A team can make every call and still not move acceptance rate; an output KR
    reports success while the anchor KR stays stalled. Activities belong in
    `initiatives`.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Increase the number of pricing page variants live from 0 to 3
        baseline: 0
        target: 3
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase the upgrade rate of pricing-page visitors from 4% to 7%
        baseline: 4
        target: 7
    initiatives:
      - team: marketing
        action: Put 3 pricing page variants live
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        found = measured_output(key_result.statement, key_result.unit)
        if found is not None:
            yield Finding(
                f"KR '{key_result.id}' measures output, not a change in condition: "
                f"{reason(found)}; move the work to initiatives",
                at=kr_at(i, "statement"),
            )
