"""The file system side of the lint cache: a folder that arrives with a checkout.

`.microokr_cache/` sits inside the workspace, so a pull request can commit one:
a link out of the workspace, a FIFO, a link to /dev/zero, a sparse 3 GB file, or
entries forged to pass a broken file. Everything here therefore works on a folder
descriptor opened with O_NOFOLLOW (a folder that is a link, or not a folder, is
refused), reads only a regular file of bounded size without blocking, and writes
only files it created itself (O_EXCL, then a rename inside the folder).

Entries are authenticated with a random key kept outside the workspace, in the
user's cache folder (`$XDG_CACHE_HOME/microokr/key`, else `~/.cache/microokr/key`,
created on first use with mode 0600): an entry that a checkout brings, or that
was copied under another file's key, does not verify and is a miss. Without a
usable key there is no cache at all.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import hmac
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

CACHE_DIR = ".microokr_cache"
CACHE_FILE = "lint.cache"

MAX_CACHE_BYTES = 256 << 20
"""The largest cache file read (10,000 sprints make ~27 MB); a bigger one is a miss."""

KEY_NAME = "key"
KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
LOCK_WAIT = 10.0
"""Seconds a save waits for another run's save to finish before it gives up (skipped)."""


def key_folder() -> Path | None:
    """Where the key lives: the user's cache folder, never the workspace."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "microokr"
    home = os.environ.get("HOME") or os.path.expanduser("~")
    if not home or not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / "microokr"


def secret_key() -> bytes | None:
    """The user's cache key (created on first use), or None when none can be trusted."""
    folder = key_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _ours(info):
            return None
        found = _read_key(folder)
        if found is None:
            _create_key(folder)
            found = _read_key(folder)
    except (OSError, ValueError):
        return None
    return found


def _ours(info: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _read_key(folder: Path) -> bytes | None:
    try:
        fd = os.open(folder / KEY_NAME, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or not _ours(info)
            or info.st_mode & 0o077
            or info.st_size != KEY_BYTES
        ):
            raise ValueError("the cache key is not a private file of the right size")
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise ValueError("short cache key")
    return data


def _create_key(folder: Path) -> None:
    """Write a new key to a private temporary file and link it in (atomic, first wins)."""
    temporary = folder / f".key.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        try:
            os.write(fd, os.urandom(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileExistsError):
            os.link(temporary, folder / KEY_NAME)  # another process may have won the race
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def pause() -> None:
    """Between two tries of a lock another run holds."""
    time.sleep(0.01)


def mac(key: bytes, data: bytes | memoryview) -> str:
    """BLAKE2b in its keyed mode, a MAC by design (RFC 7693), 160 bits shown: a warm
    run checks 10,000 entries, and `hmac.new` cost ~20 us each of Python set-up."""
    return hashlib.blake2b(data, key=key, digest_size=20).hexdigest()


def verify(key: bytes, data: bytes | memoryview, tag: str) -> bool:
    return hmac.compare_digest(mac(key, data), tag)


def signed(key: bytes, body: bytes) -> list[bytes]:
    """A record of the cache folder (git's answers, settled sprints, a lint replay): its
    MAC on the first line, then `body`; the pieces `CacheFolder.replace` writes."""
    return [mac(key, body).encode() + b"\n", body]


def opened(key: bytes, raw: bytes | None) -> bytes | None:
    """The body of a record `signed` made, or None when there is none or its MAC fails."""
    if raw is None:
        return None
    tag, _, body = raw.partition(b"\n")
    return body if verify(key, body, tag.decode("ascii", "replace")) else None


def read_regular(fd: int, limit: int) -> tuple[os.stat_result, bytes] | None:
    """`fstat` then the bytes of the open `fd` if it is a regular file of at most `limit`
    bytes, else None; `fd` is closed. Non-blocking opens make a FIFO no hang."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            # The size fstat gave, plus one byte to see growth: one read, no join.
            chunk = os.read(fd, min(max(1 << 20, info.st_size + 1), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return None if total > limit else (info, b"".join(chunks))
    except OSError:
        return None
    finally:
        os.close(fd)


class CacheFolder:
    """`.microokr_cache/` opened once, without following links; `fd` is None when refused."""

    def __init__(self, path: Path, *, create: bool) -> None:
        self.path = path
        self.fd: int | None = None
        try:
            self.fd = self._open()
        except FileNotFoundError:
            if create:
                with contextlib.suppress(OSError):
                    os.mkdir(path, 0o755)
                    self.fd = self._open()
        except OSError:
            self.fd = None  # a link (ELOOP), a file (ENOTDIR), no permission: no cache

    def _open(self) -> int:
        fd = os.open(self.path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or not _ours(info):
            os.close(fd)
            raise OSError(errno.ENOTDIR, "not a plain folder of ours")
        return fd

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """An exclusive `flock` on the folder itself, held by a save from its plan to
        the removal of what it replaced: a second run's save waits for it (at most
        `LOCK_WAIT` seconds, then OSError: a lock held that long, by a stuck run or
        another user, costs this run its save, never a hang). Released on close or
        when the process dies, so nothing is left behind."""
        if self.fd is None:
            raise OSError(errno.EBADF, "no cache folder")
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise
                pause()
        try:
            yield
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def read(self, name: str, limit: int = MAX_CACHE_BYTES) -> bytes | None:
        """A regular file's bytes (at most `limit`), or None for anything else."""
        if self.fd is None:
            return None
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=self.fd)
        except OSError:
            return None
        found = read_regular(fd, limit)
        return None if found is None else found[1]

    def create(self, name: str, data: bytes) -> None:
        """Write `name` only if nothing (not even a dangling link) has that name yet."""
        if self.fd is None:
            raise OSError(errno.EBADF, "no cache folder")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        fd = os.open(name, flags, 0o644, dir_fd=self.fd)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    def replace(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Atomically replace `name` with a regular file we created (never through a link).

        `data` may come in pieces (an iterator): each is written as it is made."""
        if self.fd is None:
            raise OSError(errno.EBADF, "no cache folder")
        temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        fd = os.open(temporary, flags, 0o644, dir_fd=self.fd)
        try:
            try:
                for piece in [data] if isinstance(data, bytes) else data:
                    view = memoryview(piece)
                    while view:
                        view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            os.replace(temporary, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.fd)
            raise

    def stamp(self) -> int | None:
        """The file system's clock now: the mtime of a file created (and removed) here.

        Git compares a file's mtime with its index's; this is the same clock, taken
        before anything is read, so a file changed in the same tick is seen as racy.
        """
        if self.fd is None:
            return None
        temporary = f".stamp.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        try:
            fd = os.open(temporary, flags, 0o644, dir_fd=self.fd)
        except OSError:
            return None
        try:
            return os.fstat(fd).st_mtime_ns
        finally:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.fd)

    def names(self) -> list[str]:
        """The names in the folder (empty when refused)."""
        if self.fd is None:
            return []
        try:
            return os.listdir(self.fd)
        except OSError:
            return []

    def remove(self, name: str) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=self.fd)

    def is_file(self, name: str) -> bool:
        """`name` is a regular file (not a link to one)."""
        if self.fd is None:
            return False
        try:
            info = os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode)

    def mtime(self, name: str) -> int:
        if self.fd is None:
            return 0
        try:
            return os.stat(name, dir_fd=self.fd, follow_symlinks=False).st_mtime_ns
        except OSError:
            return 0
