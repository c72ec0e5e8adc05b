"""Which sprints carry a sprint on (their `carried_from` names it), without reading them all.

The report's "Carried on in" line needs every other sprint's `carried_from`. A workspace
read whole answers from its models. A workspace read for one sprint
(`workspace.load_for_sprint`) keeps the paths of the sprint files it did not read, and
those are screened by their bytes (`bytescreen.py`: the key, or a backslash). Only the
files that pass are parsed and validated, exactly as a full load reads them, so the
answer is the same as `load_workspace`'s, file for file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from microokr.bytescreen import screened
from microokr.workspace import FileKind, source_from_bytes

if TYPE_CHECKING:
    from microokr.workspace import Workspace

KEY = b"carried_from"


def carried_on_in(workspace: Workspace, sprint_id: str) -> list[str]:
    """The ids of the sprints whose `carried_from` is `sprint_id`, sorted."""
    found = [s.id for _, s in workspace.sprints() if s.carried_from == sprint_id]
    limit = workspace.config.max_file_size
    for path in workspace.unread_sprints:
        raw = screened(path, limit, KEY)
        if raw is None:
            continue
        model = source_from_bytes(path, path.name, FileKind.SPRINT, raw, max_bytes=limit).model
        if model is not None and model.carried_from == sprint_id:
            found.append(model.id)  # as a full load counts it: any file with a valid model
    return sorted(found)
