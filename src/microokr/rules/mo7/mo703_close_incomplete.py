"""MO703 close-incomplete.

A `close` lacks anchor movement, learning, or the tactical-revision decision.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo7.common import blank
from microokr.workspace import SourceFile


@sprint_rule(
    "MO703",
    "close-incomplete",
    Severity.ERROR,
    "A `close` lacks anchor movement, learning, or the tactical-revision decision.",
    local=True,
)
def close_incomplete(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `close` without `anchor` (with both `start` and `end`), without
    `learning`, or without `tactical_revision`.

    ## Why is this bad?
    The Sprint Close answers: did we move the anchor KR, and by how much? What
    did we learn about the gap? Does the Tactical OKR need revision? A close
    without these answers is a silent abandonment with a date on it.

    ## Example
    ```yaml
    close:
      date: 2026-07-28
      final: {kr1: 33, kr2: 5, kr3: 8}
    ```

    ## Use instead
    ```yaml
    close:
      date: 2026-07-28
      anchor: {start: 21.2, end: 24.6}
      final: {kr1: 33, kr2: 5, kr3: 8}
      learning: Acceptance moved once the persona was rewritten; stalled deals needed pricing.
      tactical_revision: {needed: false}
    ```
    """
    close = sprint.close
    if close is None:
        return
    if close.anchor is None:
        yield Finding(
            "the close does not say how far the anchor KR moved: add "
            "`anchor: {start: ..., end: ...}` with its value at sprint start and at close",
            at=("close",),
            key=True,
        )
    else:
        missing = [name for name in ("start", "end") if getattr(close.anchor, name) is None]
        if missing:
            yield Finding(
                f"the close's anchor movement has no {' and no '.join(missing)}: record the "
                "anchor KR's value at sprint start and at close",
                at=("close", "anchor"),
            )
    if blank(close.learning):
        yield Finding(
            "the close records no learning: add `learning:` with what the sprint taught "
            "about the gap",
            at=("close", "learning") if close.learning is not None else ("close",),
            key=True,
        )
    if close.tactical_revision is None:
        yield Finding(
            "the close does not decide whether the Tactical OKR needs revision: add "
            "`tactical_revision: {needed: true|false, note: ...}`",
            at=("close",),
            key=True,
        )
