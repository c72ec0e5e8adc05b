"""MO3: step 3 of the writing protocol, the desired condition.

The change in the world the team wants at sprint close: not tasks, not deliverables.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.rules.vocabulary.activity_verbs import ACTIVITY_PHRASES, ACTIVITY_VERBS, LEAD_INS
from microokr.workspace import SourceFile

_EDGE_PUNCTUATION = "\"'“”‘’()[]*_`.,:;!?-–—"


def task_verb(text: str) -> str | None:
    """The activity verb `text` starts with ("Launch", "Roll out"), if it reads as a task."""
    words = [word.strip(_EDGE_PUNCTUATION) for word in text[:200].split()]
    words = [word for word in words if word]
    lowered = [word.lower() for word in words]
    for lead_in in LEAD_INS:
        if tuple(lowered[: len(lead_in)]) == lead_in and len(lowered) > len(lead_in):
            words, lowered = words[len(lead_in) :], lowered[len(lead_in) :]
            break
    if len(lowered) >= 2 and f"{lowered[0]} {lowered[1]}" in ACTIVITY_PHRASES:
        return f"{words[0]} {words[1]}"
    if lowered and lowered[0] in ACTIVITY_VERBS:
        return words[0]
    return None


@sprint_rule(
    "MO301",
    "condition-missing",
    Severity.ERROR,
    "`desired_condition` is empty.",
    local=True,
)
def condition_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without a `desired_condition`, or with an empty one.

    ## Why is this bad?
    Step 3 of the writing protocol describes the change in the world the team
    wants at sprint close. The objective and the key results are written from
    it: without it they drift towards what the team will do rather than what
    will be different, and the Sprint Close has nothing to compare against.

    ## Example
    ```yaml
    anchor_kr: q3-pipeline
    desired_condition: ""
    ```

    ## Use instead
    ```yaml
    anchor_kr: q3-pipeline
    desired_condition: >-
      Enough ICP accounts are in active conversations that pipeline grows weekly again.
    ```
    """
    if sprint.desired_condition is None or not sprint.desired_condition.strip():
        at, key = blank_at(source, ("desired_condition",))
        yield Finding(
            "the sprint has no desired condition: describe in desired_condition the change "
            "in the world you want at sprint close (not tasks, not deliverables)",
            at=at,
            key=key,
        )


@sprint_rule(
    "MO302",
    "condition-is-task",
    Severity.WARNING,
    "The desired condition reads as a task or deliverable.",
    local=True,
)
def condition_is_task(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `desired_condition` that starts with an activity verb ("Launch",
    "Run", "Ship", "Roll out", "We will hold"...), so that it reads as a task or
    a deliverable. The verbs are listed in
    `microokr/rules/vocabulary/activity_verbs.py`.

    ## Why is this bad?
    A desired condition is a state of the world at sprint close, not a plan of
    work. "Launch the new nurture sequence" can be done while nothing changes
    for the customer; the work belongs in the initiatives, and the condition
    says what the work should make true.

    ## Example
    ```yaml
    desired_condition: Launch a new onboarding flow and run 40 onboarding calls.
    ```

    ## Use instead
    ```yaml
    desired_condition: >-
      Enterprise trial users reach the feature activation moment in their first
      days, long before the trial expires.
    ```
    """
    verb = task_verb(sprint.desired_condition or "")
    if verb is not None:
        yield Finding(
            f"the desired condition starts with '{verb}', so it reads as a task or a "
            "deliverable: describe the change in the world at sprint close, and move the "
            "work to initiatives",
            at=("desired_condition",),
        )
