"""MO302 condition-is-task: The desired condition reads as a task or deliverable."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.quantity import measured_output
from microokr.rules.vocabulary.activity_verbs import ACTIVITY_PHRASES, ACTIVITY_VERBS, LEAD_INS
from microokr.workspace import SourceFile

_WORDS_READ = max(len(lead_in) for lead_in in LEAD_INS) + 2
"""The words `task_verb` reads: a lead-in ("We will") and a two-word verb ("Roll out")."""
_LEAD_INS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _lead_in in LEAD_INS:  # in list order: the first lead-in that fits is taken
    _LEAD_INS_BY_FIRST.setdefault(_lead_in[0], []).append(_lead_in)
_EDGE_PUNCTUATION = "\"'“”‘’()[]*_`.,:;!?-–—"


def task_verb(text: str) -> str | None:
    """The activity verb `text` starts with ("Launch", "Roll out"), if it reads as a task."""
    words: list[str] = []
    for word in text[:200].split():
        word = word.strip(_EDGE_PUNCTUATION)
        if word:
            words.append(word)
            if len(words) == _WORDS_READ:
                break
    lowered = [word.lower() for word in words]
    for lead_in in _LEAD_INS_BY_FIRST.get(lowered[0] if lowered else "", ()):
        if tuple(lowered[: len(lead_in)]) == lead_in and len(lowered) > len(lead_in):
            words, lowered = words[len(lead_in) :], lowered[len(lead_in) :]
            break
    if len(lowered) >= 2 and f"{lowered[0]} {lowered[1]}" in ACTIVITY_PHRASES:
        return f"{words[0]} {words[1]}"
    if lowered and lowered[0] in ACTIVITY_VERBS:
        return words[0]
    return None


@sprint_rule(
    "MO302",
    "condition-is-task",
    Severity.WARNING,
    "The desired condition reads as a task or deliverable.",
    local=True,
    answers=("desired_condition",),
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
    condition = sprint.desired_condition or ""
    verb = task_verb(condition)
    if verb is not None:
        yield Finding(
            f"the desired condition starts with '{verb}', so it reads as a task or a "
            "deliverable: describe the change in the world at sprint close, and move the "
            "work to initiatives",
            at=("desired_condition",),
        )
        return
    # The quantity analysis of MO502: "30 discovery calls held", "the new pricing page
    # is live" open with no verb and still describe work done. A condition is a whole
    # sentence, so only a thing the team makes counted as done counts: "Accounts
    # onboarded during the migration use the product" names customers, not work.
    output = measured_output(condition)
    if (
        output is not None
        and output.opener is None
        and output.done is not None
        and output.family != "holder"
    ):
        yield Finding(
            f"the desired condition describes {output.quantity}, so it reads as a "
            "deliverable: describe the change in the world at sprint close "
            f"(what the {output.noun} should change), and move the work to initiatives",
            at=("desired_condition",),
        )
