"""MO205 anchor-owner.

The anchor KR has no single owning team, or its owner is not in the registry.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo2.anchor_lookup import okr_place, resolve
from microokr.workspace import SourceFile


@sprint_rule(
    "MO205",
    "anchor-owner",
    Severity.ERROR,
    "The anchor KR has no single owning team, or its owner is not in the registry.",
    answers=("anchor_kr",),
)
def anchor_owner(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an anchor KR that has no `owner` (on the KR or, by default, on its
    objective), that names several owners, or whose owner is not a team id in
    the `teams` registry of `microokr.yaml` (checked only when there is one).

    ## Why is this bad?
    The anchor KR belongs to one team; the sprint belongs to all. Even a joint
    sprint leaves the anchor with its single owning team, whose lead usually
    leads the sprint and answers for the KR at the Sprint Close. A KR owned by
    nobody, by a committee, or by a name no team carries, is answered for by no one.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml
    - id: q3-trial-to-paid
      owner: [sales, product, marketing]
    ```

    ## Use instead
    ```yaml
    - id: q3-trial-to-paid
      owner: sales
    ```
    """
    ref = resolve(sprint, ctx)
    if ref is None:
        return
    owner = ref.owner
    kr_id = ref.key_result.id
    owners = [owner] if isinstance(owner, str) else list(dict.fromkeys(owner or []))
    owners = [name for name in owners if name.strip()]
    if len(owners) == 1 and (not ctx.workspace.teams or owners[0] in ctx.workspace.teams):
        return  # the common case: one registered owner, no message, no place to look up
    if ref.key_result.owner is not None:
        place = okr_place(ref, "key_results", "owner")
    elif ref.objective.owner is not None:
        place = okr_place(ref, "owner")
    else:
        place = okr_place(ref, "key_results", "id")
    if not owners:
        yield Finding(
            f"the anchor {kr_id} has no owning team ({place}): "
            "set owner to one team id on the KR or on its objective",
            at=("anchor_kr",),
        )
        return
    if len(owners) > 1:
        yield Finding(
            f"the anchor {kr_id} is owned by {len(owners)} teams ({', '.join(owners)}; "
            f"{place}): an anchor KR keeps one owning team "
            "even when the sprint is joint, so name that one team",
            at=("anchor_kr",),
        )
        return
    teams = ctx.workspace.teams
    if not teams or owners[0] in teams:
        return
    hint = did_you_mean(owners[0], sorted(teams))
    mend = hint or "add the team to microokr.yaml"
    yield Finding(
        f"the anchor {kr_id} is owned by '{owners[0]:.60}' "
        f"({place}), which is not a team id in the "
        f"registry of microokr.yaml: {mend}",
        at=("anchor_kr",),
    )
