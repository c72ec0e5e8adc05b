"""A cold site's sprint files read with one forked helper (`microokr.forkshare`).

The site needs of a sprint file its model and its text (git history screens the text).
The helper reads and validates files from the last one down, exactly as `read_source`
does, and sends a file's model as JSON with its text; the main process reads the
files in order, and one the helper has done is rebuilt from that JSON (pydantic's
own round trip, the one lint's cache relies on) without reading or parsing it. Only
a file that read cleanly is sent: one with any problem, or no model, is read again
by the main process, so what it shows of a broken file is its own reading.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from microokr.sprintshare import SprintShare
from microokr.workspace import MODEL_BY_KIND, FileKind, SourceFile, read_source
from microokr.yamlio.read import YamlDoc

if TYPE_CHECKING:
    from microokr.workspace import Workspace

_LENGTH = struct.Struct("<I")


class SharedReads(SprintShare):
    """`read_source` for `load_workspace(reader=..., ahead=...)`, fed by a helper."""

    def prepare(
        self, workspace: Workspace, paths: list[Path], rels: list[str]
    ) -> Callable[[int], bytes]:
        limit = workspace.config.max_file_size

        def work(index: int) -> bytes:
            source = read_source(paths[index], rels[index], FileKind.SPRINT, max_bytes=limit)
            if source.model is None or source.problems:
                return b""  # the main process reads it, and says what is wrong
            model: bytes = source.model.model_dump_json().encode("utf-8")
            return _LENGTH.pack(len(model)) + model + source.doc.text.encode("utf-8")

        return work

    def answer(
        self, path: Path, rel: str, kind: FileKind, max_bytes: int, payload: bytes | None
    ) -> SourceFile:
        if payload is None:
            return read_source(path, rel, kind, max_bytes=max_bytes)
        (length,) = _LENGTH.unpack_from(payload)
        end = _LENGTH.size + length
        model = MODEL_BY_KIND[kind].model_validate_json(payload[_LENGTH.size : end])
        return SourceFile(path, rel, kind, YamlDoc(payload[end:].decode("utf-8")), model)
