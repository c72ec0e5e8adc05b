"""Which sprints carry a sprint on (their `carried_from` names it), without reading them all.

The report's "Carried on in" line needs every other sprint's `carried_from`. A workspace
read whole answers from its models. A workspace read for one sprint
(`workspace.load_for_sprint`) keeps the paths of the sprint files it did not read, and
those are screened by their bytes: a file can only set `carried_from` if its text holds
that key, or a backslash (a double-quoted key may spell it with escapes, `"carried\\x5ffrom"`).
Only the files that pass are parsed and validated, exactly as a full load reads them, so
the answer is the same as `load_workspace`'s, file for file.
"""

from __future__ import annotations

import os
from stat import S_ISREG
from typing import TYPE_CHECKING

from microokr.workspace import FileKind, source_from_bytes

if TYPE_CHECKING:
    from pathlib import Path

    from microokr.workspace import Workspace

SCREEN = (b"carried_from", b"\\")
"""A sprint file holding none of these cannot have a `carried_from`."""


def carried_on_in(workspace: Workspace, sprint_id: str) -> list[str]:
    """The ids of the sprints whose `carried_from` is `sprint_id`, sorted."""
    found = [s.id for _, s in workspace.sprints() if s.carried_from == sprint_id]
    limit = workspace.config.max_file_size
    for path in workspace.unread_sprints:
        raw = screened(path, limit)
        if raw is None:
            continue
        model = source_from_bytes(path, path.name, FileKind.SPRINT, raw, max_bytes=limit).model
        if model is not None and model.carried_from == sprint_id:
            found.append(model.id)  # as a full load counts it: any file with a valid model
    return sorted(found)


def screened(path: Path, limit: int) -> bytes | None:
    """The file's bytes when it may hold a `carried_from`; None for a file a full load
    gives no model (not a regular file, over the size limit, unreadable) or that holds
    none of SCREEN. `stat` first, as `read_source` does: a FIFO or a device is never
    opened. Plain `os` calls: a buffered file object per file cost 4x the whole screen."""
    try:
        info = os.stat(path)
        if not S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        handle = os.open(path, _READ)
        try:
            raw = os.read(handle, info.st_size + 1)
        finally:
            os.close(handle)
    except OSError:
        return None
    if len(raw) > limit or (_KEY not in raw and _ESCAPE not in raw):
        return None
    return raw


_KEY, _ESCAPE = SCREEN
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
