"""Read a file only to know whether it may hold a value, before paying to parse it.

A one-sprint command (`report`, `close`, `checkin`) must answer as if it had read the
whole workspace, but only a few other files can matter to it: the sprints whose
`carried_from` names it (`followers.py`) and the OKR files that may define its anchor
KR (`workspace.load_for_sprint`). A YAML file can only hold a key or an id if its bytes
hold it literally, or hold a backslash (a double-quoted scalar may spell any character
as an escape, `"carried\\x5ffrom"`): files with neither are never parsed.
"""

from __future__ import annotations

import os
from stat import S_ISREG
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

ESCAPE = b"\\"
_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def screened(path: Path, limit: int, needle: bytes) -> bytes | None:
    """The file's bytes when they hold `needle` or a backslash; None for a file a full
    load gives no model (not a regular file, over the size limit, unreadable) or that
    holds neither. `stat` first, as `read_source` does: a FIFO or a device is never
    opened. Plain `os` calls: a buffered file object per file cost 4x the whole screen."""
    from microokr.cachefs import read_regular

    try:
        if not S_ISREG(os.stat(path).st_mode):
            return None
        handle = os.open(path, _READ)
    except OSError:
        return None
    found = read_regular(handle, limit)
    if found is None:
        return None
    raw = found[1]
    if needle not in raw and ESCAPE not in raw:
        return None
    return raw
