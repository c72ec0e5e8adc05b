"""Atomic file writes: a temporary file in the same folder, fsync, rename.

A crash at any moment leaves either the old file or the new one, complete;
a failed write (disk full, read-only folder) removes the temporary file and
says what happened in one sentence, with the original untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from microokr.errors import WriteError


def atomic_write(path: Path, data: bytes) -> None:
    """Replace (or create) `path` with `data`, keeping the original file's mode."""
    folder = path.parent
    existed = True
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        existed = False
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise _write_error(path, error) from None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _write_error(path, error, existed=existed) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _write_error(path, error, existed=existed) from None
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform allows opening a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_error(path: Path, error: OSError, *, existed: bool = True) -> WriteError:
    reason = error.strerror or type(error).__name__
    # A new file has no original to keep: say that nothing was written instead.
    outcome = "the original file is unchanged" if existed else "nothing was written"
    return WriteError(f"could not write {path}: {reason}; {outcome}")
