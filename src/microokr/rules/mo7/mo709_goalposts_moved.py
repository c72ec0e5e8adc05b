"""MO709 goalposts-moved: a goalpost changed after the first check-in, unrecorded.

Reads the sprint files' git history (`microokr.history`: one `git log` and one
`git cat-file --batch` for the workspace); the engine opens it, and says once
when it cannot (outside a repository, no git, a shallow clone).
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.history.fields import Field, kr_index, shown
from microokr.history.recalibration import Recalibration, recalibrations_of_all
from microokr.rules.base import Finding, RuleContext, blank_at, workspace_rule
from microokr.workspace import SourceFile


@workspace_rule(
    "MO709",
    "goalposts-moved",
    Severity.ERROR,
    "(git) A KR's baseline, target, unit or statement, the window or the anchor changed "
    "after the first check-in, with no `revisions` entry for it.",
)
def goalposts_moved(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    In a workspace inside a git repository, compares each sprint's goalposts (every
    KR's `baseline`, `target`, `unit` and `statement`, the `window` and `anchor_kr`)
    with their values in the commit that recorded the sprint's first check-in. A
    value that differs now is reported at the value, with old → new and the commit
    that last changed it, unless a `revisions` entry dated on or after that change
    names it (the KR id for a KR's field; `window`, `start` or `end` for the window;
    `anchor` for the anchor). History is read with the `git` command; outside a
    repository, or without git, the rule is skipped with one notice. `--no-history`
    turns it off.

    ## Why is this bad?
    Once a team measures against a target, quietly lowering it turns a missed KR
    into a met one. Re-calibration is healthy (seed 003: "when O, KR or AC content
    changes, teams should promptly realign"), but it must be said out loud, with
    why, so the close and the report tell the truth about what was promised.

    ## Example
    ```yaml
    # committed with the first check-in: target: 8
    key_results:
      - id: kr2
        target: 6        # lowered later, nothing recorded
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr2
        target: 6
    revisions:
      - date: 2026-07-20
        what: kr2 target 8 -> 6 accounts
        why: Two accounts moved to the enterprise team
    ```
    """
    history = ctx.history
    if history is None or not history.available:
        return
    sources = ctx.workspace.sprint_files
    for source, moved_values in recalibrations_of_all(history, sources, unrecorded=True):
        for moved in moved_values:
            if not moved.recorded:
                yield _finding(source, moved, staged=ctx.workspace.from_index)


def _finding(source: SourceFile, moved: Recalibration, *, staged: bool) -> Finding:
    field = moved.field
    if moved.changed_in is None:
        # Under `lint --staged` the text judged is the index's, not the working tree's.
        when = (
            "in the index (staged, not committed yet)"
            if staged
            else ("in the working tree (not committed yet)")
        )
    else:
        when = f"in commit {moved.changed_in.cite()}"
    subject = field.kr if field.kr else field.label()
    entry = f"{field.label()} {shown(moved.original)} -> {shown(moved.revised)}"
    message = (
        f"{field.label()} moved from {shown(moved.original)} to {shown(moved.revised)} "
        f"{when}, after the first check-in was recorded in commit "
        f"{moved.first_checkin.cite()}, and no revisions entry dated "
        f"{moved.changed_on.isoformat()} or later names {subject}: record one "
        f'(date, what: "{entry}", why) or restore {shown(moved.original)}'
    )
    where = _where(source, field)
    if moved.revised is not None:
        return Finding(message, at=where, source=source)
    at, key = blank_at(source, where)  # removed since: point where it would be
    return Finding(message, at=at, key=key, source=source)


def _where(source: SourceFile, field: Field) -> tuple[str | int, ...]:
    if field.group == "key_results" and field.kr is not None:
        index = kr_index(source.doc.data, field.kr)
        return ("key_results", index, field.name or "") if index is not None else ("key_results",)
    if field.group == "window":
        return ("window", field.name or "")
    return ("anchor_kr",)
