"""MO505 kr-direction.

The statement's verb contradicts the numbers (Increase with a lower target).
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import number
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at, words_of
from microokr.workspace import SourceFile

INCREASE_VERBS = frozenset({"increase", "raise", "grow", "improve", "lift", "boost", "double"})


DECREASE_VERBS = frozenset(
    {"reduce", "cut", "decrease", "lower", "shorten", "shrink", "halve", "minimise", "minimize"}
)


LOWER_IS_BETTER = frozenset(
    {"time", "days", "hours", "churn", "cost", "costs", "latency", "duration", "errors", "backlog"}
)
"""With these, "Improve" may mean a smaller number: MO505 leaves "Improve" alone then."""


DIRECTION_WINDOW = 4
"""The verb is looked for among the first words only ("Sales: Increase ..."): later, "lower"
or "cut" are often adjectives ("lower-tier accounts")."""


def direction_verb(statement: str) -> tuple[str, int] | None:
    """The opening direction verb of a statement and its sign (+1 up, -1 down)."""
    for token in words_of(statement, DIRECTION_WINDOW):
        if token in INCREASE_VERBS:
            if token == "improve" and LOWER_IS_BETTER.intersection(words_of(statement)):
                return None
            return token, 1
        if token in DECREASE_VERBS:
            return token, -1
    return None


@sprint_rule(
    "MO505",
    "kr-direction",
    Severity.ERROR,
    "The statement's verb contradicts the numbers (Increase with a lower target).",
    local=True,
    answers=("key_results.*",),
)
def kr_direction(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result whose statement opens (within its first four words)
    with one direction and whose numbers go the other: "Increase", "Raise",
    "Grow", "Improve", "Lift", "Boost" with a target below the baseline, or
    "Reduce", "Cut", "Decrease", "Lower", "Shorten" with a target above it.
    "Improve" is left alone for times, days, churn and costs, where improving
    means lowering.

    ## Why is this bad?
    Progress is computed from the numbers, people read the statement. When they
    disagree, the dashboard shows progress while the team believes it is going
    backwards, or the other way round.

    ## Example
    ```yaml
    - id: kr3
      statement: Reduce median time-to-first-meeting for ICP accounts
      baseline: 7
      target: 12
    ```

    ## Use instead
    ```yaml
    - id: kr3
      statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
      baseline: 12
      target: 7
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        baseline, target = key_result.baseline, key_result.target
        found = direction_verb(key_result.statement)
        if found is None or baseline is None or target is None or baseline == target:
            continue
        verb, sign = found
        if sign > 0 and target < baseline:
            yield Finding(
                f"KR '{key_result.id}' says '{verb}' but its target {number(target)} is below its "
                f"baseline {number(baseline)}: fix the numbers or reword the statement",
                at=kr_at(i, "target"),
            )
        elif sign < 0 and target > baseline:
            yield Finding(
                f"KR '{key_result.id}' says '{verb}' but its target {number(target)} is above its "
                f"baseline {number(baseline)}: fix the numbers or reword the statement",
                at=kr_at(i, "target"),
            )
