"""MO513 initiative-id-duplicate: two initiatives of one sprint share an `id`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO513",
    "initiative-id-duplicate",
    Severity.ERROR,
    "Two initiatives of one sprint share an `id`.",
    local=True,
    answers=("initiatives", "initiatives.*"),
)
def initiative_id_duplicate(
    sprint: Sprint, source: SourceFile, ctx: RuleContext
) -> Iterator[Finding]:
    """
    ## What it does
    Reports an initiative whose `id` is already used by an earlier initiative of the
    same sprint, at the second occurrence.

    ## Why is this bad?
    `depends_on` and the check-ins' `done` / `blocked` name initiatives by id: with two
    `nurture-prompt`, a dependency waits for one of them, a check-in marks one of them
    done, and the integrated plan draws the other as never started. Which one is meant
    cannot be told from the file.

    ## Example
    ```yaml
    initiatives:
      - id: nurture-prompt
        team: marketing
        action: Add a feature activation prompt to the day-1 nurture email
      - id: nurture-prompt
        team: marketing
        action: Add a feature activation prompt to the day-3 nurture email
    ```

    ## Use instead
    ```yaml
    initiatives:
      - id: day1-prompt
        team: marketing
        action: Add a feature activation prompt to the day-1 nurture email
      - id: day3-prompt
        team: marketing
        action: Add a feature activation prompt to the day-3 nurture email
    ```
    """
    first: dict[str, int] = {}
    for i, initiative in enumerate(sprint.initiatives):
        if initiative.id is None:
            continue
        if initiative.id in first:
            yield Finding(
                f"the initiative id '{initiative.id}' is already initiative "
                f"{first[initiative.id] + 1}'s: give each initiative its own id "
                "(depends_on and check-ins name initiatives by id)",
                at=("initiatives", i, "id"),
            )
        else:
            first[initiative.id] = i
