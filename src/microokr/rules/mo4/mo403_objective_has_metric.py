"""MO403 objective-has-metric: The objective statement carries numeric targets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.parsing import Amount, from_to
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile

HEURISTIC_CHARS = 1000
"""Only the start of a statement is searched: an objective is one sentence, and a
bounded search keeps lint fast whatever a file holds."""


_AMOUNT = r"\d[\d.,]*"


_METRIC = re.compile(
    # "35%", "20 percent", "3x", "12pp", "$30M", "€2.5k", "30M" ("from X to Y": parsing.from_to)
    rf"(?:[$€£]\s?{_AMOUNT}"
    rf"|\b{_AMOUNT}\s?(?:%|percent\b|per\s+cent\b|pp\b|x\b|k\b|m\b|bn\b))",
    re.IGNORECASE,
)


_BARE_NUMBER = re.compile(rf"(?<![\w.-]){_AMOUNT}(?![\w-])")


_NOT_A_TARGET_BEFORE = re.compile(
    r"(?:\b(?:week|wk|day|sprint|phase|tier|level|stage|step|version|v|top|no\.?)|#)\s*$",
    re.IGNORECASE,
)


_NOT_A_TARGET_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:days?|weeks?|months?|quarters?|hours?|minutes?|years?|business)\b",
    re.IGNORECASE,
)


def _written(amount: Amount) -> str:
    """An amount as the statement wrote it: "$20M", "22%", "26 hours"."""
    word = f" {amount.word}" if amount.word else ""
    return f"{amount.currency or ''}{amount.written}{amount.scale or ''}{word}"


def numeric_target(statement: str) -> str | None:
    """The first numeric target in an objective statement, if any.

    Counts amounts with a unit ("35%", "$30M", "3x"), "from X to Y", and bare
    numbers that are not a date, a year, a quarter name ("Q3"), a time frame
    ("within 14 days", "2-week") or a label ("Week 6", "Stage 2").
    """
    statement = statement[:HEURISTIC_CHARS]
    span = from_to(statement)
    if span is not None:
        return f"from {_written(span.start)} to {_written(span.end)}"
    metric = _METRIC.search(statement)
    if metric is not None:
        return metric.group(0)
    for match in _BARE_NUMBER.finditer(statement):
        value = match.group(0).rstrip(".,")
        if re.fullmatch(r"(?:19|20|21)\d\d", value):
            continue
        if _NOT_A_TARGET_BEFORE.search(statement[: match.start()]):
            continue
        if _NOT_A_TARGET_AFTER.match(statement[match.end() :]):
            continue
        return value
    return None


@sprint_rule(
    "MO403",
    "objective-has-metric",
    Severity.WARNING,
    "The objective statement carries numeric targets.",
    local=True,
    answers=("objective.statement",),
)
def objective_has_metric(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an objective statement with a numeric target in it: a percentage,
    an amount of money, "from X to Y", or a count. Dates, years, quarter names
    ("Q3"), time frames ("within 14 days") and labels ("Week 6") are fine.

    ## Why is this bad?
    The objective says what to achieve and why, in words that motivate; the key
    results say how much, with a baseline and a target. A number in the
    objective duplicates a KR at best, and at worst a second, untracked target
    that the check-ins never measure.

    ## Example
    ```yaml
    objective:
      statement: Grow ICP meeting acceptance to 35% and pipeline to $30M
    ```

    ## Use instead
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before Q3 mid-review
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
    ```
    """
    statement = sprint.objective.statement if sprint.objective else None
    target = numeric_target(statement or "")
    if target is not None:
        yield Finding(
            f"the objective statement carries the number '{target.strip()}': numbers belong "
            "in key results, so say in words what the sprint achieves and move the target "
            "to a KR",
            at=("objective", "statement"),
        )
