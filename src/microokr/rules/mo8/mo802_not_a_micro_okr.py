"""MO802 not-a-micro-okr.

The sprint reads as a recurring target, a launch checklist, training or brand awareness.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo8.common import texts
from microokr.rules.prefilter import Screens
from microokr.rules.vocabulary.not_micro_okr import CATEGORIES, NotMicroOkr
from microokr.workspace import SourceFile

_NOT_MICRO_OKR = Screens(
    (pattern for category in CATEGORIES for pattern in category.patterns), re.IGNORECASE
)


_CATEGORY_OF = tuple(category for category in CATEGORIES for _ in category.patterns)
"""The word lists compiled once, with the literals that let a statement skip them
(`rules/prefilter.py`): 880k searches on 10,000 sprints were 2 s of a lint."""


def not_micro_okr_reason(text: str) -> tuple[NotMicroOkr, str] | None:
    """The first category of `CATEGORIES` that `text` reads as, with the words that matched."""
    found = _NOT_MICRO_OKR.first(text)
    if found is not None:
        index, match = found
        return _CATEGORY_OF[index], match.group(0)
    return None


@sprint_rule(
    "MO802",
    "not-a-micro-okr",
    Severity.WARNING,
    "The sprint reads as a recurring target, a launch checklist, training or brand awareness.",
    local=True,
    answers=("objective.statement", "key_results.*.statement"),
)
def not_a_micro_okr(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reads the objective statement, the desired condition and the KR statements
    for what the seeds say a Micro-OKR is not: a recurring target ("weekly sales
    target", "every week"), a launch checklist, training completion, always-on
    brand awareness, a recurring coordination meeting. The word lists are in
    `microokr/rules/vocabulary/not_micro_okr.py`.

    ## Why is this bad?
    These are BAU metrics, Initiatives or sustained strategic efforts. Dressed
    as a sprint they get none of what a sprint is for: no stalled KR to move, no
    change in condition to commit to, and nothing to learn at the close.

    ## Example
    ```yaml
    objective:
      statement: Hit the weekly sales target every week this month
    key_results:
      - id: kr1
        statement: Increase training completion from 40% to 100%
    ```

    ## Use instead
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before the Q3 mid-review
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
    ```
    """
    for at, text in texts(sprint, condition=True):
        found = not_micro_okr_reason(text)
        if found is not None:
            category, words = found
            yield Finding(
                f"this reads as {category.name} ('{words}'), which is not a Micro-OKR: "
                f"{category.mend}",
                at=at,
            )
