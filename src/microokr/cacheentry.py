"""One line of the lint cache file: what is cached per file, checked when read.

    key \\t rel \\t stat \\t meta \\t model \\t tag

`key` hashes the file's bytes, path, kind, size limit and the code; `rel` is the
path as JSON; `stat` is "mode size mtime ctime inode device" from the `fstat`
taken before the file was read, or "-" when that was racily clean (see `cache`);
`meta` is JSON: the load problems, the local rules' diagnostics, the known
positions, the suppression lines, the sprint's plain facts (as JSON text, hashed
as they are for the cross-file rules' key) and the context-keyed diagnostics of
the other sprint rules; `model` is pydantic's JSON of the model;
`tag` is the MAC of everything before it. A line is verified and parsed only
when its file is read, and written back byte for byte when nothing in it changed.
"""

from __future__ import annotations

import json
from typing import Any

from microokr.cachefs import mac, verify
from microokr.diagnostics import Diagnostic, Severity
from microokr.yamlio.read import LoadProblem


class Entry:
    """One file's cached results, verified; `line` is the stored text while unchanged."""

    __slots__ = (
        "context",
        "context_found",
        "facts",
        "ignores",
        "key",
        "kind",
        "line",
        "local",
        "max_bytes",
        "model",
        "model_json",
        "places",
        "problems",
        "rel",
        "stat",
    )

    def __init__(self, key: str, rel: str, kind: str, max_bytes: int) -> None:
        self.key, self.rel, self.kind, self.max_bytes = key, rel, kind, max_bytes
        self.stat = "-"
        self.problems: list[LoadProblem] = []
        self.local: list[Diagnostic] | None = None
        self.places: dict[str, tuple[int, int]] = {}
        self.ignores: dict[int, str] = {}
        self.facts: str | None = None
        """The sprint's plain facts (`microokr.facts.plain`) as JSON text."""
        self.context: str | None = None
        self.context_found: list[Diagnostic] | None = None
        self.model_json: str | bytes | None = None
        """pydantic's JSON of the model (the stored bytes, never decoded unless used)."""
        self.model: Any = None
        """A file read in this run: its model, dumped only when the cache is written
        (10,000 models' JSON held until then was 36 MB of a cold lint's peak)."""
        self.line: bytes | None = None

    def changed(self) -> None:
        self.line = None

    def dump(self, secret: bytes) -> bytes:
        """The stored line: the bytes read, when nothing in it changed. UnicodeEncodeError
        when its text cannot be stored (a lone surrogate)."""
        if self.line is None:
            if self.model is not None:
                self.model_json = self.model.model_dump_json()
            meta = [
                self.kind,
                self.max_bytes,
                [[p.code, p.line, p.column, p.message] for p in self.problems],
                None if self.local is None else [_dumped(d) for d in self.local],
                {name: list(place) for name, place in self.places.items()},
                {str(n): text for n, text in self.ignores.items()},
                self.facts,
                self.context,
                None if self.context_found is None else [_dumped(d) for d in self.context_found],
            ]
            rel = rel_json(self.rel)
            meta_text = json.dumps(meta, ensure_ascii=False)
            model = self.model_json or "null"
            head = f"{self.key}\t{rel}\t{self.stat}\t{meta_text}\t".encode()
            body = head + (model if isinstance(model, bytes) else model.encode())
            return body + b"\t" + mac(secret, body).encode()
        return self.line


def _dumped(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.name, str(d.severity), d.message]


def rel_json(rel: str) -> str:
    """`json.dumps(rel)`, the way a path is stored, ~10x faster for a plain ASCII path."""
    if rel.isascii() and rel.isprintable() and '"' not in rel and "\\" not in rel:
        return f'"{rel}"'
    return json.dumps(rel)


def load(line: bytes, secret: bytes, rel: str) -> Entry | None:
    """The entry of one stored line for the file at `rel`, or None when it does not
    verify, check, or belong to that path. Only the small fields are decoded."""
    end = line.rfind(b"\t")
    tabs = [line.find(b"\t")]
    for _ in range(3):
        tabs.append(line.find(b"\t", tabs[-1] + 1))
    if end < 0 or min(tabs) < 0 or tabs[-1] >= end or tabs[0] != 40:
        return None
    tag = line[end + 1 :].decode("ascii", "replace")
    if not verify(secret, memoryview(line)[:end], tag):
        return None
    try:
        key = line[:40].decode("ascii")
        stored_rel = line[tabs[0] + 1 : tabs[1]].decode("ascii")
        if stored_rel != rel_json(rel):
            return None
        stat = line[tabs[1] + 1 : tabs[2]].decode("ascii")
        meta = json.loads(line[tabs[2] + 1 : tabs[3]].decode("utf-8"))
        kind, limit, problems, local, places, ignores, facts, context, found = meta
        if not (isinstance(kind, str) and type(limit) is int):
            return None
        entry = Entry(key, rel, kind, limit)
        entry.stat = stat
        entry.problems = [_problem(item) for item in problems]
        entry.local = None if local is None else [_diagnostic(item) for item in local]
        entry.places = _places(places)
        entry.ignores = {int(n): str(text) for n, text in dict(ignores).items()}
        entry.facts = facts if isinstance(facts, str) else None
        entry.context = context if isinstance(context, str) else None
        entry.context_found = None if found is None else [_diagnostic(item) for item in found]
    except (ValueError, TypeError):
        return None
    model_json = line[tabs[3] + 1 : end]
    entry.model_json = None if model_json == b"null" else model_json
    entry.line = line
    return entry


def _problem(item: Any) -> LoadProblem:
    code, line, column, message = item
    if not (
        isinstance(code, str)
        and type(line) is int
        and type(column) is int
        and isinstance(message, str)
        and line > 0
        and column > 0
    ):
        raise ValueError("bad problem")
    return LoadProblem(code, line, column, message)


def _diagnostic(item: Any) -> Diagnostic:
    path, line, column, code, name, severity, message = item
    if not (
        isinstance(path, str)
        and type(line) is int
        and type(column) is int
        and isinstance(code, str)
        and isinstance(name, str)
        and isinstance(message, str)
        and line > 0
        and column > 0
    ):
        raise ValueError("bad diagnostic")
    return Diagnostic(path, line, column, code, name, Severity(severity), message)


def _places(raw: Any) -> dict[str, tuple[int, int]]:
    if not isinstance(raw, dict):
        raise ValueError("bad places")
    places: dict[str, tuple[int, int]] = {}
    for name, item in raw.items():
        line, column = item
        if not (type(line) is int and type(column) is int and line > 0 and column > 0):
            raise ValueError("bad place")
        places[name] = (line, column)
    return places
