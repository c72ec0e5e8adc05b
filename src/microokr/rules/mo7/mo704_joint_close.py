"""MO704 joint-close: A joint close lacks an owning team, `highest_impact`, or `root_cause`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr import progress
from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo7.common import blank
from microokr.workspace import SourceFile


@sprint_rule(
    "MO704",
    "joint-close",
    Severity.ERROR,
    "A joint close lacks an owning team, `highest_impact`, or `root_cause`.",
    local=True,
)
def joint_close(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    For a sprint owned by several teams, reports a `close` whose `attendees` miss
    an owning team, or that lacks `highest_impact` or `root_cause`.

    ## Why is this bad?
    "The Sprint Close retrospective is joint and documented. All participating
    teams attend." It records which intervention had the highest cross-team
    impact and what the sprint revealed about the root cause of the gap, so the
    same gap does not quietly reopen next quarter.

    ## Example
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    close:
      date: 2026-12-21
      attendees: [sales]
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    close:
      date: 2026-12-21
      attendees: [sales, marketing]
      highest_impact: Routing leads to a named owner within four hours.
      root_cause: No shared definition of a qualified lead between the two teams.
    ```
    """
    close = sprint.close
    if close is None or not progress.is_joint(sprint):
        return
    teams = list(dict.fromkeys(sprint.owner.teams))
    absent = [team for team in teams if team not in close.attendees]
    if absent:
        yield Finding(
            f"the joint close misses owning team{'s' if len(absent) > 1 else ''} "
            f"{', '.join(absent)} among its attendees: a joint Sprint Close needs every owning "
            f"team, and {', '.join(absent)} {'is' if len(absent) == 1 else 'are'} not among "
            "the attendees; hold the close with them",
            at=("close", "attendees") if close.attendees else ("close",),
            key=not close.attendees,
        )
    for name, question in (
        ("highest_impact", "which intervention moved the numbers most"),
        ("root_cause", "what the sprint revealed about the root cause of the gap"),
    ):
        value = getattr(close, name)
        if blank(value):
            yield Finding(
                f"the joint close does not record `{name}`: add {question}",
                at=("close", name) if value is not None else ("close",),
                key=True,
            )
