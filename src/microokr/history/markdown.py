"""The report's parts that come from history: re-calibrations and carry-over links.

`report` shows "original → revised" for every goalpost that moved after the first
check-in, each with the commit that moved it and the `revisions` entry that records
it, or a flag when none does (MO709). A carried sprint and its source link to each
other's reports (both live in `reports/`, so the links are relative).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from microokr.history.fields import shown
from microokr.history.git import Commit
from microokr.history.krset import KrChange
from microokr.history.recalibration import Recalibration

if TYPE_CHECKING:
    from microokr.model import Sprint
    from microokr.workspace import Workspace


def recalibration_section(
    items: Sequence[Recalibration], sprint: Sprint, krs: Sequence[KrChange] = ()
) -> str:
    head = "## Re-calibrations (from git)\n\n"
    if not items and not krs:
        return head + "_No goalpost changed after the first check-in._"
    parts = [_moved_table(items, sprint)] if items else []
    if krs:
        parts.append(_kr_table(krs, sprint))
    return head + "\n\n".join(parts)


def _changed(commit: Commit | None) -> str:
    from microokr.report import code, escape

    if commit is None:
        return "not committed yet"
    return f"{code(commit.short)} {commit.day}, {escape(commit.author)}"


def _kr_table(krs: Sequence[KrChange], sprint: Sprint) -> str:
    """KRs added or removed since the first check-in: shown, not MO709's to judge."""
    from microokr.report import code, escape, table

    rows = []
    for change in krs:
        what = change.kind + (f": {escape(change.statement)}" if change.statement else "")
        if change.revision is not None and change.revision < len(sprint.revisions):
            entry = sprint.revisions[change.revision]
            recorded = f"yes: {entry.date}, {escape(entry.what)}"
        else:
            recorded = f"**no: no revisions entry names {code(change.kr)}**"
        rows.append([code(change.kr), what, _changed(change.changed_in), recorded])
    header = ["KR", "Added or removed after the first check-in", "Changed in", "Recorded"]
    return table(header, rows)


def _moved_table(items: Sequence[Recalibration], sprint: Sprint) -> str:
    from microokr.report import escape, table

    rows = []
    for item in items:
        changed = _changed(item.changed_in)
        if item.revision is not None and item.revision < len(sprint.revisions):
            entry = sprint.revisions[item.revision]
            recorded = f"yes: {entry.date}, {escape(entry.what)}"
        else:
            recorded = "**no: unrecorded (MO709)**"
        rows.append(
            [
                escape(item.field.label()),
                f"{escape(shown(item.original))} → {escape(shown(item.revised))}",
                changed,
                recorded,
            ]
        )
    unrecorded = sum(1 for item in items if not item.recorded)
    note = (
        f"\n\n**{unrecorded} re-calibration{'s' if unrecorded != 1 else ''} without a "
        "revisions entry**: the numbers above were not what the team first measured against."
        if unrecorded
        else ""
    )
    header = ["Field", "Original → revised", "Changed in", "Recorded"]
    return table(header, rows) + note


def carry_facts(workspace: Workspace, sprint: Sprint) -> list[str]:
    """`- **Carried over from:** …` / `- **Carried on in:** …` lines, linking the reports."""
    facts = []
    origin = sprint.carried_from
    if origin:
        facts.append(f"- **Carried over from:** {_ref(workspace, origin)}")
    from microokr.followers import carried_on_in

    followers = carried_on_in(workspace, sprint.id)  # one-sprint loads too
    if followers:
        links = ", ".join(_ref(workspace, name) for name in followers)
        facts.append(f"- **Carried on in:** {links}")
    return facts


def _ref(workspace: Workspace, sprint_id: str) -> str:
    """A link to the sprint's report beside this one, or its id when it has none yet
    (a follower is open until its own close writes one): never a link that leads nowhere."""
    from urllib.parse import quote

    from microokr.report import code

    if not (workspace.root / workspace.config.reports / f"{sprint_id}.md").is_file():
        return f"{code(sprint_id)} (no report yet)"
    return f"[{code(sprint_id)}]({quote(f'{sprint_id}.md')})"
