"""MO204 anchor-out-of-period: The sprint window is not inside the anchor OKR file's `period`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo2.anchor_lookup import resolve
from microokr.workspace import KrRef, SourceFile


def _span(ref: KrRef) -> str:
    """ "2026-Q3 (2026-07-01 to 2026-09-30, okrs/2026-q3.yaml)": for a message only."""
    period = ref.okr.period
    name = f"{period.name} " if period.name else ""
    return f"{name}({period.start.isoformat()} to {period.end.isoformat()}, {ref.source.rel})"


@sprint_rule(
    "MO204",
    "anchor-out-of-period",
    Severity.ERROR,
    "The sprint window is not inside the anchor OKR file's `period`.",
    answers=("window",),
)
def anchor_out_of_period(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint whose window starts before or ends after the `period` of
    the OKR file that holds its anchor KR.

    ## Why is this bad?
    A Micro-OKR is nested inside the quarter it serves: it moves the anchor
    before that quarter's close. A window that runs past the period cannot move
    the KR in time; one that starts before it anchors to a KR not yet in force.
    Anchor to the next period's KR, or shorten the window.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml: period 2026-07-01 to 2026-09-30
    anchor_kr: q3-pipeline
    window:
      start: 2026-09-21
      end: 2026-10-05
    ```

    ## Use instead
    ```yaml
    anchor_kr: q3-pipeline
    window:
      start: 2026-09-16
      end: 2026-09-30
    ```
    """
    ref = resolve(sprint, ctx)
    if ref is None:
        return
    period = ref.okr.period
    start, end = sprint.window.start, sprint.window.end
    if start < period.start:
        yield Finding(
            f"the window starts {start.isoformat()}, before the period {_span(ref)} of its anchor "
            f"{ref.key_result.id}: start on or after {period.start.isoformat()}, or anchor "
            "to a KR of the period the sprint runs in",
            at=("window", "start"),
        )
    elif end > period.end:
        yield Finding(
            f"the window ends {end.isoformat()}, after the period {_span(ref)} of its anchor "
            f"{ref.key_result.id}: end by {period.end.isoformat()}, or anchor to a KR of "
            "the period the sprint runs in",
            at=("window", "end"),
        )
