"""MO602 window-too-long: The window spans more than 28 days."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.progress import window_days
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile

MAX_WINDOW_DAYS = 28


@sprint_rule(
    "MO602",
    "window-too-long",
    Severity.ERROR,
    "The window spans more than 28 days.",
    local=True,
    answers=("window",),
)
def window_too_long(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a window longer than 28 days (`end - start`).

    ## Why is this bad?
    A Micro-OKR is "never longer than four weeks. If the required response
    exceeds that window, a formal Tactical OKR revision is the appropriate
    instrument." A longer sprint is a quarterly OKR in disguise.

    ## Example
    ```yaml
    window:
      start: 2026-07-20
      end: 2026-08-24     # 35 days
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-20
      end: 2026-08-10     # 21 days
    ```
    """
    days = window_days(sprint)
    if days > MAX_WINDOW_DAYS:
        yield Finding(
            f"the window spans {days} days, more than {MAX_WINDOW_DAYS}: end it within 4 weeks "
            "of its start, or revise the Tactical OKR instead of running a sprint",
            at=("window", "end"),
        )
