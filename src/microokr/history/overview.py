"""Every sprint's re-calibrations at once: what the site shows of the workspace's history.

The site builds a page per sprint, so it must not open git per sprint: one
`git log` over the sprints folder and one `git cat-file --batch` stream serve
them all (`recalibrations_of_all`), and the answer is plain data the pages read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from microokr.history.krset import KrChange, kr_changes_of
from microokr.history.lineage import open_history
from microokr.history.recalibration import (
    Recalibration,
    recalibrations_of,
    recalibrations_of_all,
)

if TYPE_CHECKING:
    from microokr.workspace import SourceFile, Workspace


@dataclass(frozen=True)
class HistoryOverview:
    """The workspace's re-calibrations by sprint file, and how much git could see."""

    available: bool
    """False outside a repository, without git, or when history was not asked for."""
    notice: str | None = None
    """Why history is missing or partial (shallow clone), in one sentence."""
    since: dt.date | None = None
    """The oldest commit a shallow clone holds: nothing before it could be seen."""
    moved: dict[str, list[Recalibration]] = field(default_factory=dict)
    """Sprint file (workspace-relative) -> its re-calibrations; absent: none."""
    tracked: frozenset[str] = frozenset()
    """The sprint files git has a commit of (the others are not committed yet)."""
    krs: dict[str, list[KrChange]] = field(default_factory=dict)
    """Sprint file -> the KRs added or removed since its first check-in; absent: none."""

    def of(self, rel: str) -> list[Recalibration]:
        return self.moved.get(rel, [])


NOT_READ = HistoryOverview(False, "this build did not read it (--no-history)")
"""What the site shows when history was not asked for."""


def workspace_recalibrations(workspace: Workspace) -> HistoryOverview:
    """Every sprint file's re-calibrations, git read once for the whole workspace;
    never raises (outside a repository the overview is unavailable, with why)."""
    config = workspace.config
    with open_history(workspace.root, config.sprints, max_bytes=config.max_file_size) as past:
        if not past.available:
            return HistoryOverview(False, past.notice)
        moved = {
            source.rel: found
            for source, found in recalibrations_of_all(past, workspace.sprint_files)
            if found
        }
        krs = {}
        for source in workspace.sprint_files:
            changed = kr_changes_of(past, source, source.doc.text.encode("utf-8"))
            if changed:
                krs[source.rel] = changed
        if past.failure is not None:
            return HistoryOverview(False, past.failure)
        tracked = frozenset(rel for rel in past.lineages if past.lineages[rel])
        since = past.oldest.day if past.oldest is not None else None
        return HistoryOverview(True, past.notice, since, moved, tracked, krs)


def sprint_goalposts(
    workspace: Workspace, source: SourceFile
) -> tuple[list[Recalibration], list[KrChange]] | None:
    """One sprint's re-calibrations and KRs added or removed (what `report` and `close`
    show), git opened and closed around it; None when git could not tell."""
    config = workspace.config
    with open_history(workspace.root, config.sprints, max_bytes=config.max_file_size) as past:
        if not past.available:
            return None
        moved = recalibrations_of(past, source)
        krs = kr_changes_of(past, source, source.doc.text.encode("utf-8"))
        return (moved, krs) if past.available else None
