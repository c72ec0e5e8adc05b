"""Files: atomic writes (temporary file, fsync, rename), BOM, stale temporaries.

A crash at any moment leaves either the old file or the new one, complete;
a failed write (disk full, read-only folder) removes the temporary file and
says what happened in one sentence, with the original untouched. A writer
killed between creating its temporary file and renaming it leaves that file
behind: `remove_stale_temporaries` deletes such files on the next edit.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from microokr.errors import WorkspaceError, WriteError


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


BOM = "\ufeff"


def decode(raw: bytes) -> tuple[bool, str]:
    """(had a BOM, text). Non-UTF-8 files are refused (lint says where)."""
    bom = raw.startswith(BOM.encode("utf-8"))
    try:
        return bom, raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkspaceError("the sprint file is not UTF-8: run 'microokr lint' on it") from None


def encode(bom: bool, text: str) -> bytes:
    return (BOM if bom else "").encode("utf-8") + text.encode("utf-8")


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files of writers killed mid-write (only lock holders write them)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]+\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
