"""MO101 trigger-signal-missing.

`trigger.signal` is empty or too short to name a specific signal.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.workspace import SourceFile

MIN_SIGNAL_WORDS = 8
"""Fewer words than this cannot name a number, its target and when it was seen."""


@sprint_rule(
    "MO101",
    "trigger-signal-missing",
    Severity.ERROR,
    "`trigger.signal` is empty or too short to name a specific signal.",
    local=True,
    answers=("trigger.signal",),
)
def trigger_signal_missing(
    sprint: Sprint, source: SourceFile, ctx: RuleContext
) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint whose `trigger.signal` is missing, empty, or shorter than
    8 words.

    ## Why is this bad?
    Step 1 of the writing protocol names the specific signal that activated the
    sprint: which number stalled, against which target, when. Without it nobody
    can tell a Micro-OKR from a sprint started because it felt like time for one,
    and the Sprint Close has nothing to measure the anchor's movement against.

    ## Example
    ```yaml
    trigger:
      type: kr-at-risk
      signal: Pipeline is behind.
    ```

    ## Use instead
    ```yaml
    trigger:
      type: kr-at-risk
      signal: >-
        Qualified pipeline stands at $21.2M against a $30M target at Week 6 of Q3,
        29% below linear trajectory.
    ```
    """
    signal = (sprint.trigger.signal or "").strip()
    if not signal:
        at, key = blank_at(source, ("trigger", "signal"))
        yield Finding(
            "the trigger has no signal: write the specific signal that activated the sprint "
            "(which number stalled, against which target, when) in trigger.signal",
            at=at,
            key=key,
        )
        return
    words = len(signal.split())
    if words < MIN_SIGNAL_WORDS:
        yield Finding(
            f"the trigger signal has only {words} word{'s' if words != 1 else ''}, too few to "
            f"name a specific signal: say what moved, against which target and when "
            f"(at least {MIN_SIGNAL_WORDS} words)",
            at=("trigger", "signal"),
        )
