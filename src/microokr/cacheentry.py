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
        self.model_json: str | None = None
        self.model: Any = None
        """A file read in this run: its model, dumped only when the cache is written
        (10,000 models' JSON held until then was 36 MB of a cold lint's peak)."""
        self.line: str | None = None

    def changed(self) -> None:
        self.line = None

    def dump(self, secret: bytes) -> str:
        """The stored line: the one read, when nothing in it changed."""
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
            rel = json.dumps(self.rel)
            meta_text = json.dumps(meta, ensure_ascii=False)
            body = f"{self.key}\t{rel}\t{self.stat}\t{meta_text}\t{self.model_json or 'null'}"
            return f"{body}\t{mac(secret, body.encode())}"
        return self.line


def _dumped(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.name, str(d.severity), d.message]


def load(line: str, secret: bytes, rel: str) -> Entry | None:
    """The entry of one stored line for the file at `rel`, or None when it does not
    verify, check, or belong to that path."""
    body, _, tag = line.rpartition("\t")
    parts = body.split("\t", 4)
    if len(parts) != 5 or len(parts[0]) != 40 or not verify(secret, body.encode(), tag):
        return None
    key, stored_rel, stat, meta_text, model_json = parts
    if stored_rel != json.dumps(rel):
        return None
    try:
        kind, limit, problems, local, places, ignores, facts, context, found = json.loads(meta_text)
        if not (isinstance(kind, str) and type(limit) is int):
            return None
        entry = Entry(key, rel, kind, limit)  # rel as stored (JSON): the caller compares it
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
    entry.model_json = None if model_json == "null" else model_json
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
