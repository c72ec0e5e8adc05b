"""Files: atomic writes (temporary file, fsync, rename), BOM, stale temporaries.

A crash at any moment leaves either the old file or the new one, complete;
a failed write (disk full, read-only folder) removes the temporary file and
says what happened in one sentence, with the original untouched. A writer
killed between creating its temporary file and renaming it leaves that file
behind: `remove_stale_temporaries` deletes such files on the next edit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from microokr.errors import WorkspaceError, WriteError


def atomic_write(path: Path, data: bytes) -> None:
    """Replace (or create) `path` with `data`, keeping the original file's mode."""
    existed = True
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        existed = False
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise write_error(path, error) from None
    temporary, fd = write_temporary(path, data, mode, existed=existed)
    os.close(fd)
    try:
        attempting(path, data)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise write_error(path, error, existed=existed) from None
        raise
    fsync_folder(path.parent)


_attempted: list[tuple[Path, bytes]] = []
"""Every file this process began to put in place: what an interruption may have left."""


def attempting(path: Path, data: bytes) -> None:
    """Note, just before a rename, that `path` is about to hold `data`."""
    _attempted.append((path, data))


def forget_attempts() -> None:
    """A new command starts (the CLI runs in-process in tests): nothing attempted yet."""
    _attempted.clear()


def interruption_sentence() -> str:
    """What Ctrl-C leaves on disk, read from the disk: the files that hold what this
    process wrote (a rename interrupted half-way either happened or did not)."""
    written: list[str] = []
    for path, data in _attempted:
        with contextlib.suppress(OSError):
            shown = os.path.relpath(path) if path.is_absolute() else str(path)
            if path.read_bytes() == data and shown not in written:
                written.append(shown)
    if not written:
        return "interrupted: nothing was written"
    return f"interrupted after writing {' and '.join(written)}; nothing else was written"


def write_temporary(
    path: Path, data: bytes, mode: int, *, existed: bool = True
) -> tuple[Path, int]:
    """A complete, fsync'd file beside `path` holding `data` (named like the temporaries
    `remove_stale_temporaries` cleans); its path and an open descriptor on it."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise write_error(path, error, existed=existed) from None
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
        os.fsync(fd)
        os.fchmod(fd, mode)
    except BaseException as error:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        if isinstance(error, OSError):
            raise write_error(path, error, existed=existed) from None
        raise
    return Path(name), fd


def fsync_folder(folder: Path) -> None:
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


def write_error(path: Path, error: OSError, *, existed: bool = True) -> WriteError:
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


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_exchange_works = sys.platform == "linux"


def exchange(first: Path, second: Path) -> bool:
    """Swap what two names point at, atomically (Linux ``renameat2(RENAME_EXCHANGE)``).

    False, with nothing changed, where the system or the file system cannot: the
    caller then verifies and renames, which leaves a window of microseconds.
    """
    global _exchange_works
    if not _exchange_works:
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        _exchange_works = False
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        _exchange_works = False
        return False
    raise OSError(code, os.strerror(code), str(second))


def write_report(path: Path, text: str) -> None:
    """Write a report atomically, creating its folder (`reports/` may not exist yet)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise WriteError(f"could not create the folder {path.parent}: {reason}") from None
    if path.is_dir():
        raise WriteError(f"{path} is a folder: give --output a file name, like {path}/report.md")
    atomic_write(path, text.encode("utf-8"))
