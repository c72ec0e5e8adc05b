"""Applying an edit to a sprint file: under its lock, atomically, never over an unseen save.

`locked_edit` holds an exclusive ``fcntl.flock`` on the sprint file for the whole
read-modify-write. The atomic rename replaces the file's inode, so a writer that
waited on the *old* inode would otherwise wake up holding a lock nobody else
respects; after locking we therefore check that the path still names the inode
we locked, and start again when it does not. Locking the file itself (rather than
a sidecar ``.lock`` file) leaves nothing behind in the sprints folder for git to see.

The lock serialises microokr only: an editor saving by write-then-rename ignores
it. So the new file goes in with an atomic *exchange* of names (Linux), and what
comes out is checked (inode, size, mtime_ns, bytes) against the file the edit was
based on. A save that arrived meanwhile is never deleted: the edit is done again
on it (at most `ATTEMPTS` times), else the save is put back and the edit refused.
Where names cannot be exchanged, the file is verified just before the rename.

A link inside the workspace is edited through: its target is rewritten, the link
stays. Read-only files and files with several hard links are refused: a rename
would silently overwrite the one and split the other.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microokr.errors import MicrookrError, RefusedError, WorkspaceError
from microokr.yamlio import files
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


ATTEMPTS = 8
"""How many times an edit is done again on a file another program saved meanwhile."""

Change = Callable[[str, dict[str, Any]], str]


@dataclass(frozen=True)
class _Seen:
    """A file as an edit saw it: which file (dev, inode, size, mtime_ns) and its bytes."""

    identity: tuple[int, int, int, int]
    raw: bytes


def _identity(status: os.stat_result) -> tuple[int, int, int, int]:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def _read_seen(path: Path) -> _Seen:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        return _Seen(_identity(os.fstat(fd)), _read_all(fd))
    finally:
        os.close(fd)


def _is(seen: _Seen, path: Path) -> bool:
    """Whether `path` still holds the very file `seen` describes."""
    try:
        current = _read_seen(path)
    except FileNotFoundError:
        return False
    return current == seen


def edit_target(path: Path, *, root: Path | None = None) -> Path:
    """The file an edit of `path` rewrites (a link's target), refusing what a rename
    would damage: a read-only file, a hard-linked one, a link out of `root`."""
    target = path
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        inside = root is None or target.is_relative_to(os.path.realpath(root))
        if not inside:
            raise RefusedError(
                f"{path} is a link to {target}, outside the workspace: nothing was written"
            )
    try:
        status = os.stat(target)
    except OSError as error:
        raise WorkspaceError(f"cannot open {path}: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise RefusedError(f"{path} is not a regular file: nothing was written")
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise RefusedError(
            f"{path} is read-only: nothing was written; make it writable "
            f"(chmod u+w {path}) to record the change"
        )
    if status.st_nlink > 1:
        raise RefusedError(
            f"{path} has {status.st_nlink} hard links, which an atomic rewrite would split: "
            "nothing was written; make it a file of its own (cp it and move the copy over it)"
        )
    return target


def tidy(path: Path, *derived: Path) -> None:
    """Remove what writers killed mid-write left beside `path` and the files `derived`
    from it (a close's report, written under the sprint's lock), under that lock: a
    writer at work holds it, so its own temporary file is never taken."""
    with contextlib.suppress(MicrookrError), locked(edit_target(path)):
        for each in (edit_target(path), *derived):
            files.remove_stale_temporaries(each)


def locked_edit(
    path: Path,
    change: Change,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: Path | None = None,
    before_commit: Callable[[bytes], None] | None = None,
) -> bytes:
    """Read, change and atomically rewrite `path` while holding its lock; the new bytes.

    `change(text, data)` gets the current text (no BOM) and its data, re-checks what
    it must on them (another writer may have been first) and returns the new text;
    it may be called again on a file another program saved meanwhile.
    `before_commit(new_bytes)` runs, still under the lock, just before the new bytes
    take the file's place (again after each redo): where a file derived from them,
    such as a close's report, is written first, so a crash never leaves the edit
    without it.
    """
    target = edit_target(path, root=root)
    with locked(target) as fd:
        raw = _read_all(fd)
        seen = _Seen(_identity(os.fstat(fd)), raw)
        new_raw = _changed(path, raw, change, max_bytes)
        if new_raw == raw:
            return raw
        files.remove_stale_temporaries(target)
        redo = lambda raw: _changed(path, raw, change, max_bytes)  # noqa: E731
        return _commit(target, seen, new_raw, redo, before_commit or (lambda new_raw: None))


def _changed(path: Path, raw: bytes, change: Change, max_bytes: int) -> bytes:
    if len(raw) > max_bytes:
        raise WorkspaceError(f"{path} is over the {max_bytes:,}-byte limit")
    bom, text = files.decode(raw)
    new_raw = files.encode(bom, change(text, parse(text).data))
    if len(new_raw) > max_bytes:
        raise RefusedError(
            f"the edit would make {path.name} {len(new_raw):,} bytes, over the "
            f"{max_bytes:,}-byte limit (max_file_size): nothing was written; "
            "shorten the text or start a new sprint"
        )
    return new_raw


def _commit(
    target: Path,
    seen: _Seen,
    new_raw: bytes,
    redo: Callable[[bytes], bytes],
    before_commit: Callable[[bytes], None],
) -> bytes:
    """Put `new_raw` in place of `seen`; when another program saved meanwhile, `redo`
    the edit on its save. Our files are locked before they become the sprint, so
    microokr writers that open it meanwhile wait for us."""
    mode = stat.S_IMODE(os.stat(target).st_mode)
    held: list[int] = []
    expected = seen  # what `target` holds if nobody saved since we read it
    try:
        for attempt in range(1, ATTEMPTS + 1):
            before_commit(new_raw)
            temporary, fd = files.write_temporary(target, new_raw, mode)
            held.append(fd)
            try:
                files.attempting(target, new_raw)
                if _swap_in(temporary, fd, target, expected, new_raw):
                    files.fsync_folder(target.parent)
                    return new_raw
            except OSError as error:
                raise files.write_error(target, error) from None
            finally:
                _unlink(temporary)
            if attempt == ATTEMPTS:
                break
            expected = _read_seen(target)
            new_raw = redo(expected.raw)
        raise RefusedError(
            f"another program kept saving {target} while microokr edited it: "
            "nothing was written; try again"
        )
    finally:
        for fd in held:
            os.close(fd)


def _swap_in(temporary: Path, fd: int, target: Path, expected: _Seen, new_raw: bytes) -> bool:
    """Whether our `temporary` (open as `fd`) took the place of `expected` at `target`."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    if not _is(expected, target):
        return False
    if not files.exchange(temporary, target):
        os.replace(temporary, target)  # verified microseconds ago
        return True
    if _is(expected, temporary):  # what came out is what we edited
        return True
    # A save landed between the check and the exchange: put it back.
    _put_back(temporary, target, _Seen(_identity(os.fstat(fd)), new_raw))
    return False


def _put_back(temporary: Path, target: Path, ours: _Seen) -> None:
    """`temporary` holds another program's save, `target` our file: swap them back."""
    files.exchange(temporary, target)
    if not _is(ours, temporary):  # a second save replaced ours meanwhile: it is the newest
        files.exchange(temporary, target)


def _unlink(*paths: Path | None) -> None:
    for path in paths:
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
