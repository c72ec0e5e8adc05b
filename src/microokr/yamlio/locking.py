"""Applying an edit to a sprint file: under its lock, atomically.

`locked_edit` holds an exclusive ``fcntl.flock`` on the sprint file for the whole
read-modify-write. The atomic rename replaces the file's inode, so a writer that
waited on the *old* inode would otherwise wake up holding a lock nobody else
respects; after locking we therefore check that the path still names the inode
we locked, and start again when it does not. Locking the file itself (rather than
a sidecar ``.lock`` file) leaves nothing behind in the sprints folder for git to see.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from microokr.errors import WorkspaceError
from microokr.yamlio.files import atomic_write, decode, encode, remove_stale_temporaries
from microokr.yamlio.read import DEFAULT_MAX_BYTES
from microokr.yamlio.splice import parse

try:  # POSIX; elsewhere edits are still atomic, only not serialised.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def locked(path: Path) -> Iterator[int]:
    """An exclusive lock on the file `path` names now; yields a descriptor to read it by."""
    while True:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as error:
            raise WorkspaceError(f"cannot open {path}: {error.strerror}") from None
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            opened, current = os.fstat(fd), os.stat(path)
        except FileNotFoundError:
            os.close(fd)
            raise WorkspaceError(f"{path} was removed while waiting to edit it") from None
        except BaseException:
            os.close(fd)
            raise
        if (opened.st_dev, opened.st_ino) == (current.st_dev, current.st_ino):
            break
        os.close(fd)  # replaced while we waited: lock the new file instead
    try:
        yield fd
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    chunks = []
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def locked_edit(
    path: Path,
    change: Callable[[str, dict[str, Any]], str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bytes:
    """Read, change and atomically rewrite `path` while holding its lock; the new bytes.

    `change(text, data)` gets the current text (no BOM) and its data, re-checks what
    it must on them (another writer may have been first) and returns the new text.
    """
    with locked(path) as fd:
        raw = _read_all(fd)
        if len(raw) > max_bytes:
            raise WorkspaceError(f"{path} is over the {max_bytes:,}-byte limit")
        bom, text = decode(raw)
        parsed = parse(text)
        new_text = change(text, parsed.data)
        new_raw = encode(bom, new_text)
        if new_raw != raw:
            remove_stale_temporaries(path)
            atomic_write(path, new_raw)
        return new_raw
