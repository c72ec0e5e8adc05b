"""MO801 personal-instrument: The objective or KRs read as an individual's quota or task list."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo8.common import texts
from microokr.rules.mo8.personal import names_pattern, person_names, reason_of, registry_names
from microokr.workspace import SourceFile


@sprint_rule(
    "MO801",
    "personal-instrument",
    Severity.WARNING,
    "The objective or KRs read as an individual's quota or task list.",
    answers=("objective.statement", "key_results.*.statement", "owner.lead"),
)
def personal_instrument(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reads the objective statement and the KR statements for signs of an
    individual's instrument: first person ("my", "I"), per-person targets ("per
    rep", "each rep", "individual"), a personal quota, or the name of a person
    the workspace knows (a team lead of the registry, the sprint's
    `owner.lead`). The word list is in `microokr/rules/vocabulary/personal.py`.

    ## Why is this bad?
    "Team instruments only. Individual sales rep targets are not Micro-OKRs.
    Wrapping personal quota obligations in OKR language reintroduces the
    performance appraisal dynamic that undermines honest check-in
    conversations." The team owns the outcome collectively.

    ## Example
    ```yaml
    objective:
      statement: Hit my pipeline number before the Q3 mid-review
    key_results:
      - id: kr1
        statement: Increase qualified meetings per rep from 4 to 8
    ```

    ## Use instead
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before the Q3 mid-review
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
    ```
    """
    # The registry's names are sorted once per workspace, not once per sprint (which
    # made MO801 quadratic: 5.6 s of a 14 s lint of 10,000 sprints).
    registry, known = registry_names(ctx.workspace.lead_names)
    own = person_names([sprint.owner.lead])
    names = registry if known.issuperset(own) else tuple(person_names([*registry, *own]))
    pattern = names_pattern(names)
    for at, text in texts(sprint, condition=False):
        reason = reason_of(text, names, pattern)
        if reason is not None:
            what = (
                "the objective"
                if at[0] == "objective"
                else f"KR '{sprint.key_results[int(at[1])].id}'"
            )
            yield Finding(
                f"{what} reads as an individual's instrument ({reason}): write it as the "
                "team's shared outcome; Micro-OKRs are team instruments only",
                at=at,
            )
