"""A cold lint shared with a helper process: its sprint files arrive as cache lines.

On a cold run of a big workspace (most sprint files unknown to the cache), a forked
helper (`forkshare`) reads and checks sprint files from the last one down, exactly as
the main process would, and sends each file's cache line: the load problems, every
sprint rule's diagnostics, the positions they point at, the facts and the model.
The main process reads the files in order; a file the helper has done is answered
from its line as a cache hit, the same path a warm run takes (and the property
tests prove equal to a cold run). Positions the helper found in the config and the
OKR files (a sprint's finding may point there) come along, so the cache it leaves
is the one a single process writes. A warm run, `--no-cache` and `--staged` stay in
one process.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microokr.cachedsource import CachedDoc
from microokr.sprintshare import MINIMUM, SprintShare
from microokr.workspace import FileKind, SourceFile, Workspace

if TYPE_CHECKING:
    from microokr.cache import LintCache
    from microokr.engine import LintRun

_LENGTH = struct.Struct("<I")


class SharedReads(SprintShare):
    """`cache.read` for `load_workspace`, fed by a helper once `ahead` has started it."""

    def __init__(self, cache: LintCache, run: LintRun) -> None:
        super().__init__()
        self._cache = cache
        self._run = run
        self._shared: dict[str, SourceFile] = {}
        """The config and OKR files, by path: their docs' positions are shared."""

    def worth(self, count: int) -> bool:
        """Not when the cache file knows nearly as many files (a warm run)."""
        return count - self._cache.known() >= MINIMUM

    def prepare(
        self, workspace: Workspace, paths: list[Path], rels: list[str]
    ) -> Callable[[int], bytes] | None:
        """A helper when most sprint files are unknown to the cache (a cold run)."""
        if self._cache.unindexed(rels) < MINIMUM:
            return None
        self._run.begin(workspace)  # the context (config, OKR files, history) first
        limit = workspace.config.max_file_size
        cache, run = self._cache, self._run
        head = [workspace.config_file] if workspace.config_file else []
        self._shared = {source.rel: source for source in [*head, *workspace.okr_files]}
        sent: dict[str, set[str]] = {}

        def work(index: int) -> bytes:
            source = cache.read(paths[index], rels[index], FileKind.SPRINT, max_bytes=limit)
            run.sprint(workspace, source)
            line = cache.line_of(source)
            source.doc.release()  # as the main process's load does: no 5,000 node trees
            if not line:
                return b""
            found = _new_places(self._shared, sent)
            places = json.dumps(found, ensure_ascii=False).encode() if found else b""
            return _LENGTH.pack(len(line)) + line + places

        return work

    def answer(
        self, path: Path, rel: str, kind: FileKind, max_bytes: int, payload: bytes | None
    ) -> SourceFile:
        if payload is not None:
            self._adopt(payload)
        return self._cache.read(path, rel, kind, max_bytes=max_bytes)

    def _adopt(self, payload: bytes) -> None:
        (length,) = _LENGTH.unpack_from(payload)
        self._cache.adopt(payload[_LENGTH.size : _LENGTH.size + length])
        rest = payload[_LENGTH.size + length :]
        for rel, places in (json.loads(rest) if rest else {}).items():
            doc = self._shared[rel].doc
            if isinstance(doc, CachedDoc):
                known = doc.places if doc.places is not None else {}
                for name, (line, column) in places.items():
                    if name not in known:
                        known[name] = (line, column)
                        doc.new_places = True
                doc.places = known


def _new_places(shared: dict[str, SourceFile], sent: dict[str, set[str]]) -> dict[str, Any]:
    """The positions found in the shared files' docs since the last call (in the helper)."""
    found: dict[str, Any] = {}
    for rel, source in shared.items():
        doc = source.doc
        if isinstance(doc, CachedDoc) and doc.places:
            done = sent.setdefault(rel, set())
            new = {name: place for name, place in doc.places.items() if name not in done}
            if new:
                found[rel] = new
                done.update(new)
    return found
