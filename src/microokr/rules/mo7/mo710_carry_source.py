"""MO710 carry-source: `carried_from` names no sprint, or one that is not closed."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean, quote
from microokr.rules.base import Finding, RuleContext, workspace_rule


@workspace_rule(
    "MO710",
    "carry-source",
    Severity.ERROR,
    "`carried_from` names no sprint, or one that is not closed.",
    facts=True,
)
def carry_source(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Checks that a sprint's `carried_from` (written by `microokr carry`) names a
    sprint of the workspace, not the sprint itself, and that the named sprint has a
    `close`.

    ## Why is this bad?
    A carried sprint continues the unmet KRs of a closed one, with the close's
    learning as its signal. A dangling or self-referencing `carried_from` breaks the
    report's links both ways; carrying from a sprint that never closed skips the
    mandatory Sprint Close, the silent abandonment the close exists to prevent.

    ## Example
    ```yaml
    id: west-pipeline-recovery-2
    carried_from: west-pipeline-recovery   # still open: no close
    ```

    ## Use instead
    ```yaml
    id: west-pipeline-recovery-2
    carried_from: west-pipeline-recovery   # closed on 2026-07-28
    ```
    """
    facts = list(ctx.workspace.sprint_facts())
    by_id = {sprint.id: sprint for _, sprint in facts}
    for source, sprint in facts:
        origin = sprint.carried_from
        if origin is None:
            continue
        named = by_id.get(origin)
        if origin == sprint.id:
            message = "carried_from names this sprint itself: name the closed sprint it continues"
        elif named is None:
            hint = did_you_mean(origin, sorted(by_id))
            suffix = f"; {hint}" if hint else ""
            message = (
                f"carried_from names {quote(origin)}, which is no sprint of the workspace"
                f"{suffix}: name the closed sprint this one continues, or remove the field"
            )
        elif named.close is None:
            message = (
                f"carried_from names {quote(origin)}, which is not closed: run "
                f"`microokr close {origin}` first (a sprint is carried only after its close)"
            )
        else:
            continue
        yield Finding(message, at=("carried_from",), source=source)
