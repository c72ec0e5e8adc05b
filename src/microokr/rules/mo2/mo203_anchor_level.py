"""MO203 anchor-level: The anchor's objective is neither `strategic` nor `tactical`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo2.anchor_lookup import okr_place, resolve
from microokr.workspace import SourceFile

ANCHOR_LEVELS = ("strategic", "tactical")


@sprint_rule(
    "MO203",
    "anchor-level",
    Severity.ERROR,
    "The anchor's objective is neither `strategic` nor `tactical`.",
    answers=("anchor_kr",),
)
def anchor_level(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an anchor KR whose objective in the OKR file has no `level`, or a
    level other than `strategic` or `tactical`.

    ## Why is this bad?
    A Micro-OKR serves an existing Tactical or Strategic KR; it never anchors to
    another sprint, a team's task list or an operational metric. Without a known
    level nobody can tell whether the sprint intensifies focus on the OKR
    architecture or adds a level to it.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml
    objectives:
      - id: sales-enterprise
        level: operational
    ```

    ## Use instead
    ```yaml
    objectives:
      - id: sales-enterprise
        level: tactical
    ```
    """
    ref = resolve(sprint, ctx)
    if ref is None:
        return
    level = ref.objective.level
    if level in ANCHOR_LEVELS:
        return
    shown = "has no level" if not level else f"has the level '{level:.40}'"
    yield Finding(
        f"the anchor {ref.key_result.id} belongs to the objective {ref.objective.id}, which "
        f"{shown} ({okr_place(ref, 'level' if level else 'id')}): a Micro-OKR anchors to a "
        "strategic or tactical KR, so set that objective's level to `strategic` or "
        "`tactical`, or anchor to another KR",
        at=("anchor_kr",),
    )
