"""MO509 initiative-dependency-unknown: `depends_on` names no initiative id of the sprint."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO509",
    "initiative-dependency-unknown",
    Severity.ERROR,
    "`depends_on` names no initiative id of the sprint.",
    local=True,
    answers=("initiatives.*.depends_on",),
)
def dependency_unknown(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an entry of an initiative's `depends_on` that is not the `id` of an
    initiative of the same sprint.

    ## Why is this bad?
    The integrated plan is "one plan, not three": a dependency on something the plan
    does not hold is invisible to every team and cannot be drawn, tracked or marked
    done. It is usually a typo or an initiative that was renamed.

    ## Example
    ```yaml
    initiatives:
      - id: resequence-onboarding
        team: product
        action: Resequence onboarding to surface the target feature in the first session
      - team: marketing
        action: Add a feature activation prompt to the day-1 and day-3 nurture emails
        depends_on: [resequence-onboardng]
    ```

    ## Use instead
    ```yaml
        depends_on: [resequence-onboarding]
    ```
    """
    known = sorted({i.id for i in sprint.initiatives if i.id is not None})
    for i, initiative in enumerate(sprint.initiatives):
        for j, wanted in enumerate(initiative.depends_on):
            if wanted in known:
                continue
            hint = did_you_mean(wanted, known)
            if hint:
                mend = hint
            elif known:
                mend = f"the initiative ids are {', '.join(known[:6])}{', ...' * (len(known) > 6)}"
            else:
                mend = "give the initiative it waits for an `id` and name that id here"
            yield Finding(
                f"depends on '{wanted}', which is no initiative id of this sprint: {mend}",
                at=("initiatives", i, "depends_on", j),
            )
