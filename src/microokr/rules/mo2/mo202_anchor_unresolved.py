"""MO202 anchor-unresolved: `anchor_kr` names no KR in the OKR files (with the closest id)."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo2.anchor_lookup import resolve
from microokr.workspace import SourceFile


@sprint_rule(
    "MO202",
    "anchor-unresolved",
    Severity.ERROR,
    "`anchor_kr` names no KR in the OKR files (with the closest id).",
    answers=("anchor_kr",),
)
def anchor_unresolved(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an `anchor_kr` that is not the `id` of any KR in the OKR files, and
    suggests the closest KR id.

    ## Why is this bad?
    The anchor is how a sprint nests in the OKR architecture: its movement is
    measured on that KR, the Sprint Close reports it, and `status` shows it. An
    id that names nothing (a typo, a KR renamed or removed) cuts the sprint loose.

    ## Example
    ```yaml
    anchor_kr: q3-pipline
    ```

    ## Use instead
    ```yaml
    anchor_kr: q3-pipeline
    ```
    """
    if not sprint.anchor_kr or not sprint.anchor_kr.strip() or resolve(sprint, ctx):
        return
    known = sorted(ctx.workspace.key_results)
    if not known:
        mend = (
            f"the OKR files ({ctx.workspace.config.okrs}/) hold no KRs: add the KR this "
            "sprint serves"
        )
    else:
        hint = did_you_mean(sprint.anchor_kr, known)
        mend = hint or f"known KR ids: {', '.join(known[:8])}"
    yield Finding(
        f"the anchor KR '{sprint.anchor_kr:.60}' is not a KR id of the OKR files: {mend}",
        at=("anchor_kr",),
    )
