"""MO510 initiative-dependency-cycle: Initiatives depend on each other in a cycle."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.plan import dependency_cycles
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO510",
    "initiative-dependency-cycle",
    Severity.ERROR,
    "Initiatives depend on each other in a cycle.",
    local=True,
    answers=("initiatives.*.depends_on",),
)
def dependency_cycle(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports initiatives whose `depends_on` go round in a circle (A waits for B, B
    waits for A, or an initiative waits for itself), naming the cycle once.

    ## Why is this bad?
    A cycle is a plan that cannot start: each team waits for the other. In a joint
    sprint it is the hidden dependency seed 001 asks to surface at the kickoff; the
    fix is to decide which piece goes first.

    ## Example
    ```yaml
    initiatives:
      - {id: flow, team: product, action: Ship the resequenced flow, depends_on: [emails]}
      - {id: emails, team: marketing, action: Send the day-1 prompt, depends_on: [flow]}
    ```

    ## Use instead
    ```yaml
    initiatives:
      - {id: flow, team: product, action: Ship the resequenced flow}
      - {id: emails, team: marketing, action: Send the day-1 prompt, depends_on: [flow]}
    ```
    """
    cycles = dependency_cycles(sprint.initiatives)
    if not cycles:
        return
    position: dict[str, int] = {}
    for i, initiative in enumerate(sprint.initiatives):
        if initiative.id is not None:
            position.setdefault(initiative.id, i)
    for cycle in cycles:
        first = position[cycle[0]]
        following = cycle[1] if len(cycle) > 1 else cycle[0]
        entry = sprint.initiatives[first].depends_on.index(following)
        loop = " → ".join([*cycle, cycle[0]])
        what = "depends on itself" if len(cycle) == 1 else "is part of a dependency cycle"
        yield Finding(
            f"'{cycle[0]}' {what}: {loop}; no initiative of the cycle can start, "
            "so decide which goes first and drop its `depends_on` entry",
            at=("initiatives", first, "depends_on", entry),
        )
