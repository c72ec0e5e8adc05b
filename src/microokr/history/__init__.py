"""Sprint files through their git history: what moved, when, and who moved it.

- `open_history(root, folder)`: one `git log` over the sprints folder, renames
  followed; contents through one `git cat-file --batch` process. Never raises:
  outside a repository (or without git) it is empty and `notice` says why.
- `recalibrations_of(history, source)`: the goalposts of one sprint that differ
  from the commit that recorded its first check-in, recorded by a `revisions`
  entry or not (MO709, `report`, the site).
- `recalibrations_for(workspace, source)`: the same for one sprint, git opened and
  closed around it; None outside a repository (what `report` and `close` show).
- `timeline(history, source)`: created, check-ins, changes, closed (`microokr history`).
"""

from __future__ import annotations

from microokr.history.lineage import Version, WorkspaceHistory, open_history
from microokr.history.recalibration import (
    Recalibration,
    recalibrations_for,
    recalibrations_of,
)

__all__ = [
    "Recalibration",
    "Version",
    "WorkspaceHistory",
    "open_history",
    "recalibrations_for",
    "recalibrations_of",
]
