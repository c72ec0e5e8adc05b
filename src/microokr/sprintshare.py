"""The sprint files of one `load_workspace` shared with a forked helper (`forkshare`).

    share = Kind(...)
    with contextlib.closing(share):
        load_workspace(root, reader=share.read, ahead=share.ahead)

`ahead` is told the sprint files before the first is read; a subclass says whether to
start a helper and what it does with one file (`prepare` returns that `work`, or None
for one process). `read` is the load's reader: for a sprint file it takes what the
helper sent for it, if anything, and a subclass makes the file from that (`answer`,
given None when the main process must read the file itself). Users: lint
(`lintshare`: cache lines) and the site (`site.loadshare`: models and texts).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from microokr import forkshare
from microokr.walk import rel_name
from microokr.workspace import FileKind, SourceFile
from microokr.yamlio.read import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from microokr.workspace import Workspace

MINIMUM = 256
"""Fewer sprint files than this: one process (a fork costs more than it saves)."""


class SprintShare:
    """The reader and `ahead` hook of a load whose sprint files a helper may share."""

    def __init__(self) -> None:
        self._share = forkshare.Share()
        self._index: dict[str, int] = {}

    @property
    def helped(self) -> int:
        """Sprint files the helper did."""
        return self._share.helped

    def ahead(self, workspace: Workspace, paths: list[Path]) -> None:
        if len(paths) < MINIMUM or not self.worth(len(paths)):
            return
        rels = [rel_name(str(path), workspace.root) for path in paths]
        work = self.prepare(workspace, paths, rels)
        if work is not None:
            self._index = {rel: index for index, rel in enumerate(rels)}
            self._share = forkshare.start(len(paths), work, minimum=MINIMUM)

    def worth(self, count: int) -> bool:
        """Whether `count` sprint files may be worth a helper, told without looking at
        them (a warm lint of 10,000 files must not pay for naming each one here)."""
        return True

    def prepare(
        self, workspace: Workspace, paths: list[Path], rels: list[str]
    ) -> Callable[[int], bytes] | None:
        """What the helper does with sprint file `i` (its result, b"" for "not done"),
        or None to stay in one process."""
        raise NotImplementedError

    def read(
        self, path: Path, rel: str, kind: FileKind, *, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> SourceFile:
        index = self._index.get(rel) if kind is FileKind.SPRINT else None
        payload = self._share.take(index) if index is not None else None
        return self.answer(path, rel, kind, max_bytes, payload)

    def answer(
        self, path: Path, rel: str, kind: FileKind, max_bytes: int, payload: bytes | None
    ) -> SourceFile:
        """The file, from the helper's `payload` for it, or read here when None."""
        raise NotImplementedError

    def close(self) -> None:
        self._share.close()
