"""The lint cache's models file: pydantic's JSON of every cached model, by offset.

The models are ~90% of what the cache keeps (~3 KB a file) and a warm run reads
almost none of them, so they live apart from the lines (`cacheentry`), in
`lint.models-<generation>`: a run reads the lines (~300 bytes a file) and reads a
model only to validate it (`os.pread` at the offset its line gives, checked against
the MAC its line carries). A save appends the new models and rewrites only the lines
(3 MB instead of 34 for 10,000 sprints); when the dead part of the file (models no
line names any more) grows past the live part, the live models are copied to a new
generation, the lines are written naming it, and the old file is removed.

Appends never move what a line points at, so a run killed midway leaves the last
lines valid. Two runs save one after the other: a save holds the folder's lock
(`CacheFolder.locked`) from its plan to the removal of the generations it replaced,
and appends only to the very file it read (inode and device), so no run's lines
name a generation another run removed. A line naming a model that is not what it
vouched for anyway (a file edited by hand) fails its MAC: the file is read again.
Like the rest of the folder (`cachefs`) the file is opened without following links,
read only when it is a regular file of ours, appended to only when it has one link,
and its name comes from the MAC'd header of the lines' file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator

from microokr.cacheentry import Entry
from microokr.cachefs import CacheFolder, mac

PREFIX = "lint.models-"
_GENERATION = re.compile(r"[0-9a-f]{16}")
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_APPEND = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
BATCH = 256
MIN_DEAD = 1 << 20
"""Dead bytes (models no line names) below this are never worth a compaction."""


def next_generation(folder: CacheFolder, models: Models | None) -> str:
    """The first unused generation after the current one: numbered, so two runs on
    the same files write the same bytes (a file left by a killed run is skipped)."""
    known = models is not None and _GENERATION.fullmatch(models.generation)
    number = int(models.generation, 16) if models is not None and known else 0
    names = set(folder.names())
    while True:
        number += 1
        if f"{PREFIX}{number:016x}" not in names:
            return f"{number:016x}"


class Models:
    """A models file opened for reading for the whole run (`fd` None: none usable)."""

    def __init__(self, folder: CacheFolder, generation: str) -> None:
        self.generation = generation
        self.fd: int | None = None
        self.size = 0
        self.appendable = False
        if folder.fd is None or not _GENERATION.fullmatch(generation):
            return
        try:
            fd = os.open(PREFIX + generation, _READ | _CLOEXEC, dir_fd=folder.fd)
        except OSError:
            return
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            os.close(fd)
            return
        self.fd, self.size = fd, info.st_size
        self.appendable = info.st_nlink == 1
        """Only a file with no other name is appended to (a planted hard link is not)."""

    def read(self, at: int, length: int) -> bytes | None:
        if self.fd is None or at + length > self.size:
            return None
        try:
            found = os.pread(self.fd, length, at)
        except OSError:
            return None
        return found if len(found) == length else None

    def holds(self, entry: Entry) -> bool:
        """The entry's model is in this file (not only named by its line)."""
        at = entry.model_at
        return self.fd is not None and at is not None and at[0] + at[1] <= self.size

    def named(self, folder: CacheFolder) -> bool:
        """Its name in `folder` is still this file (not removed by another run's
        compaction, then made again by a run that started from nothing)."""
        if self.fd is None or folder.fd is None:
            return False
        try:
            now = os.stat(PREFIX + self.generation, dir_fd=folder.fd, follow_symlinks=False)
        except OSError:
            return False
        return _same(now, os.fstat(self.fd))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __del__(self) -> None:
        self.close()


def plan(folder: CacheFolder, models: Models | None, entries: list[Entry]) -> tuple[str, bool]:
    """The generation the next save writes to, and whether it is a fresh file (every
    model copied): when there is no usable file, its name is another file's now, or
    its dead part outgrew the live. Called under the folder's lock (`LintCache.save`)."""
    if models is None or models.fd is None or not models.appendable or not models.named(folder):
        return next_generation(folder, models), True
    live = sum(e.model_at[1] for e in entries if e.model_at is not None and models.holds(e))
    if models.size - live > max(live, MIN_DEAD):
        return next_generation(folder, models), True
    return models.generation, False


def placed(
    folder: CacheFolder,
    secret: bytes,
    old: Models | None,
    entries: list[Entry],
    plan: tuple[str, bool],
) -> Iterator[list[Entry]]:
    """The entries in batches, each batch's models in the file of generation `plan[0]`
    (appended in one write) before it is given; entries whose model cannot be kept
    are left out."""
    generation, fresh = plan
    assert folder.fd is not None
    flags = (_CREATE if fresh else _APPEND) | _CLOEXEC
    fd = os.open(PREFIX + generation, flags, 0o644, dir_fd=folder.fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_uid != os.geteuid():
            raise OSError("not a models file of ours")
        if not fresh and (old is None or old.fd is None or not _same(info, os.fstat(old.fd))):
            raise OSError("the models file was replaced since the plan")  # lines kept as they are
        for start in range(0, len(entries), BATCH):
            yield _batch(fd, secret, entries[start : start + BATCH], old, fresh)
    finally:
        os.close(fd)


def _batch(
    fd: int, secret: bytes, entries: list[Entry], old: Models | None, copy: bool
) -> list[Entry]:
    blobs: list[tuple[Entry, bytes, str]] = []
    kept: list[Entry] = []
    for entry in entries:
        if entry.model_at is not None and not copy and old is not None and old.holds(entry):
            kept.append(entry)  # where it is, as it is
            continue
        blob = _blob(entry, old)
        if blob is None:
            if entry.has_model():
                continue  # its model is gone (a race, a truncated file): not cached
            kept.append(entry)
            continue
        tag = entry.model_tag if entry.model_tag is not None else mac(secret, blob)
        blobs.append((entry, blob, tag))
        kept.append(entry)
    if blobs:
        data = b"".join(blob for _, blob, _ in blobs)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        at = os.lseek(fd, 0, os.SEEK_CUR) - len(data)  # O_APPEND: after our own bytes
        for entry, blob, tag in blobs:
            entry.placed((at, len(blob)), tag)
            at += len(blob)
    return kept


def _blob(entry: Entry, old: Models | None) -> bytes | None:
    if entry.model_at is not None:
        return old.read(*entry.model_at) if old is not None else None
    try:
        return entry.model_bytes()
    except UnicodeEncodeError:
        return None  # text that cannot be stored (a lone surrogate): not cached


def _same(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_ino, one.st_dev) == (other.st_ino, other.st_dev)


def remove_others(folder: CacheFolder, generation: str) -> None:
    """Models files of other generations (replaced, or left by a killed run)."""
    for name in folder.names():
        if name.startswith(PREFIX) and name != PREFIX + generation:
            with contextlib.suppress(OSError):
                folder.remove(name)
