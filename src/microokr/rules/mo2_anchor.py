"""MO2: step 2 of the writing protocol, the anchor KR.

Every sprint serves one existing Tactical or Strategic KR of the OKR files, in
that file's period, owned by one team of the registry. The findings point at the
sprint's `anchor_kr` or window; the message names the OKR file where the fix goes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.workspace import KrRef, SourceFile

ANCHOR_LEVELS = ("strategic", "tactical")


def _resolve(sprint: Sprint, ctx: RuleContext) -> KrRef | None:
    return ctx.workspace.key_results.get(sprint.anchor_kr) if sprint.anchor_kr else None


def _okr_place(ref: KrRef, *tail: str) -> str:
    """`okrs/2026-q3.yaml:12` for a place inside the anchor's objective or KR."""
    i, j = ref.index
    inside_kr = bool(tail) and tail[0] == "key_results"
    at: tuple[str | int, ...] = (
        ("objectives", i, "key_results", j, *tail[1:]) if inside_kr else ("objectives", i, *tail)
    )
    line, _ = ref.source.locate(at)
    return f"{ref.source.rel}:{line}"


@sprint_rule(
    "MO201",
    "anchor-missing",
    Severity.ERROR,
    "No `anchor_kr`: this is not a Micro-OKR.",
    local=True,
)
def anchor_missing(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without an `anchor_kr`, or with an empty one.

    ## Why is this bad?
    Every Micro-OKR nests under an existing Tactical or Strategic KR and exists
    only to move it. If no anchor can be named, the work is an Initiative or a
    standalone campaign; activating sprints without anchors turns them into a
    permanent fourth OKR level, which the framework exists to prevent.

    ## Example
    ```yaml
    id: spring-campaign
    desired_condition: More people know our brand.
    ```

    ## Use instead
    ```yaml
    id: west-pipeline-recovery
    anchor_kr: q3-pipeline
    ```
    """
    if sprint.anchor_kr is None or not sprint.anchor_kr.strip():
        at, key = blank_at(source, ("anchor_kr",))
        yield Finding(
            "the sprint names no anchor_kr, so this is not a Micro-OKR: write an Initiative "
            "or revise the Tactical OKR, or name the existing KR the sprint serves",
            at=at,
            key=key,
        )


@sprint_rule(
    "MO202",
    "anchor-unresolved",
    Severity.ERROR,
    "`anchor_kr` names no KR in the OKR files (with the closest id).",
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
    if not sprint.anchor_kr or not sprint.anchor_kr.strip() or _resolve(sprint, ctx):
        return
    known = sorted(ctx.workspace.key_results)
    if not known:
        mend = (
            f"the OKR files ({ctx.workspace.config.okrs}/) hold no KRs: add the KR this "
            "sprint serves"
        )
    else:
        hint = difflib.get_close_matches(sprint.anchor_kr, known, n=1, cutoff=0.5)
        mend = f"did you mean '{hint[0]}'?" if hint else f"known KR ids: {', '.join(known[:8])}"
    yield Finding(
        f"the anchor KR '{sprint.anchor_kr:.60}' is not a KR id of the OKR files: {mend}",
        at=("anchor_kr",),
    )


@sprint_rule(
    "MO203",
    "anchor-level",
    Severity.ERROR,
    "The anchor's objective is neither `strategic` nor `tactical`.",
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
    ref = _resolve(sprint, ctx)
    if ref is None:
        return
    level = ref.objective.level
    if level in ANCHOR_LEVELS:
        return
    shown = "has no level" if not level else f"has the level '{level:.40}'"
    yield Finding(
        f"the anchor {ref.key_result.id} belongs to the objective {ref.objective.id}, which "
        f"{shown} ({_okr_place(ref, 'level' if level else 'id')}): a Micro-OKR anchors to a "
        "strategic or tactical KR, so set that objective's level to `strategic` or "
        "`tactical`, or anchor to another KR",
        at=("anchor_kr",),
    )


@sprint_rule(
    "MO204",
    "anchor-out-of-period",
    Severity.ERROR,
    "The sprint window is not inside the anchor OKR file's `period`.",
)
def anchor_out_of_period(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint whose window starts before or ends after the `period` of
    the OKR file that holds its anchor KR.

    ## Why is this bad?
    A Micro-OKR is nested inside the quarter it serves: it moves the anchor
    before that quarter's close. A window that runs past the period cannot move
    the KR in time; one that starts before it anchors to a KR not yet in force.
    Anchor to the next period's KR, or shorten the window.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml: period 2026-07-01 to 2026-09-30
    anchor_kr: q3-pipeline
    window:
      start: 2026-09-21
      end: 2026-10-05
    ```

    ## Use instead
    ```yaml
    anchor_kr: q3-pipeline
    window:
      start: 2026-09-16
      end: 2026-09-30
    ```
    """
    ref = _resolve(sprint, ctx)
    if ref is None:
        return
    period = ref.okr.period
    name = f"{period.name} " if period.name else ""
    span = f"{name}({period.start.isoformat()} to {period.end.isoformat()}, {ref.source.rel})"
    start, end = sprint.window.start, sprint.window.end
    if start < period.start:
        yield Finding(
            f"the window starts {start.isoformat()}, before the period {span} of its anchor "
            f"{ref.key_result.id}: start on or after {period.start.isoformat()}, or anchor "
            "to a KR of the period the sprint runs in",
            at=("window", "start"),
        )
    elif end > period.end:
        yield Finding(
            f"the window ends {end.isoformat()}, after the period {span} of its anchor "
            f"{ref.key_result.id}: end by {period.end.isoformat()}, or anchor to a KR of "
            "the period the sprint runs in",
            at=("window", "end"),
        )


@sprint_rule(
    "MO205",
    "anchor-owner",
    Severity.ERROR,
    "The anchor KR has no single owning team, or its owner is not in the registry.",
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
    ref = _resolve(sprint, ctx)
    if ref is None:
        return
    owner = ref.owner
    kr_id = ref.key_result.id
    owners = [owner] if isinstance(owner, str) else list(dict.fromkeys(owner or []))
    owners = [name for name in owners if name.strip()]
    if ref.key_result.owner is not None:
        place = _okr_place(ref, "key_results", "owner")
    elif ref.objective.owner is not None:
        place = _okr_place(ref, "owner")
    else:
        place = _okr_place(ref, "key_results", "id")
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
    hint = difflib.get_close_matches(owners[0], sorted(teams), n=1)
    mend = f"did you mean '{hint[0]}'?" if hint else "add the team to microokr.yaml"
    yield Finding(
        f"the anchor {kr_id} is owned by '{owners[0]:.60}' "
        f"({place}), which is not a team id in the "
        f"registry of microokr.yaml: {mend}",
        at=("anchor_kr",),
    )
