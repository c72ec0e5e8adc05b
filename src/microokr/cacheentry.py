"""One line of the lint cache file: what is cached per file, checked when read.

    key \t rel \t stat \t kind \t limit \t problems \t local \t places \t
    ignores \t facts \t context \t found \t model \t blob \t tag [\t model JSON]

`key` hashes the file's bytes, path, kind, size limit and the code; `rel` is the
path as JSON; `stat` is "mode size mtime ctime inode device" from the `fstat`
taken before the file was read, or "-" when that was racily clean (see `cache`);
then, as JSON: the load problems, the local rules' diagnostics, the known
positions, the suppression lines; the sprint's plain facts (JSON, hashed as they
are for the cross-file rules' key; "-" for none), the context key ("-") and the
context-keyed diagnostics of the other sprint rules. `model` says where pydantic's
JSON of the model is and gives its MAC: "@offset:length:mac" in the models file
(`cachestore`), "=mac" for JSON that follows the tag on the line itself (a line
made in this run, as the helper process of `lintshare` sends them), "-" for none.
`blob` is the git (SHA-1) blob id of the linted text once MO709 has computed it
("-" until then): an unchanged file's id without reading the file.
`tag` is the MAC of everything before it: a line is verified on its ~300 bytes,
and the model (~3 KB) only if it is validated. Fields are decoded when the file is
read, the positions only when a diagnostic is placed; a line is written back byte
for byte when nothing in it changed.
"""

from __future__ import annotations

import json
from typing import Any

from microokr.cachefs import mac, verify
from microokr.diagnostics import Diagnostic, Severity
from microokr.yamlio.read import LoadProblem

_FIELDS = 15
_NONE = b"-"


class Entry:
    """One file's cached results, verified; `line` is the stored text while unchanged."""

    __slots__ = (
        "_places",
        "_places_raw",
        "blob",
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
        "model_at",
        "model_json",
        "model_tag",
        "problems",
        "rel",
        "stat",
    )

    def __init__(self, key: str, rel: str, kind: str, max_bytes: int) -> None:
        self.key, self.rel, self.kind, self.max_bytes = key, rel, kind, max_bytes
        self.stat = "-"
        self.problems: list[LoadProblem] = []
        self.local: list[Diagnostic] | None = None
        self._places: dict[str, tuple[int, int]] | None = {}
        self._places_raw: bytes | None = None
        self.ignores: dict[int, str] = {}
        self.facts: str | bytes | None = None
        """The sprint's plain facts (`microokr.facts.plain`) as JSON text."""
        self.context: str | None = None
        self.context_found: list[Diagnostic] | None = None
        self.model_json: str | bytes | None = None
        """pydantic's JSON of the model when it is on the line or made in this run."""
        self.model_at: tuple[int, int] | None = None
        """(offset, length) of the model's JSON in the models file (`cachestore`)."""
        self.model_tag: str | None = None
        """The MAC of the stored model JSON (None: made in this run, or no model)."""
        self.model: Any = None
        """A file read in this run: its model, dumped only when the cache is written
        (10,000 models' JSON held until then was 36 MB of a cold lint's peak)."""
        self.blob: str | None = None
        """The git blob id (SHA-1) of the linted text, once computed (MO709)."""
        self.line: bytes | None = None

    @property
    def places(self) -> dict[str, tuple[int, int]]:
        """Known positions by `place_key`, decoded on first use ({} if malformed)."""
        if self._places is None:
            try:
                self._places = places_of(self._places_raw or b"{}")
            except (ValueError, TypeError):
                self._places = {}
        return self._places

    @places.setter
    def places(self, value: dict[str, tuple[int, int]]) -> None:
        self._places, self._places_raw = value, None

    @property
    def places_raw(self) -> bytes | None:
        """The stored positions while not decoded (for a doc to decode if it needs them)."""
        return self._places_raw if self._places is None else None

    def has_model(self) -> bool:
        return self.model is not None or self.model_json is not None or self.model_at is not None

    def verified_model(self, secret: bytes, store: Any) -> str | bytes | None:
        """The model's JSON if it is the one the line's tag vouches for, else None;
        `store` reads the models file (`cachestore.Models`)."""
        if self.model is not None:
            return str(self.model.model_dump_json())
        found = self.model_json
        if self.model_at is not None:
            found = store.read(*self.model_at) if store is not None else None
        if self.model_tag is None or not isinstance(found, bytes):
            return found
        return found if verify(secret, found, self.model_tag) else None

    def model_bytes(self) -> bytes | None:
        """The model's JSON held in memory (made in this run, or on the line), or None."""
        if self.model is not None:
            self.model_json, self.model_tag = self.model.model_dump_json(), None
            self.model = None
        model = self.model_json
        return model.encode() if isinstance(model, str) else model

    def placed(self, at: tuple[int, int], tag: str) -> None:
        """Its model is now at `at` in the models file, with MAC `tag`."""
        self.model_at, self.model_tag, self.model_json, self.model = at, tag, None, None
        self.line = None

    def changed(self) -> None:
        self.line = None

    def dump(self, secret: bytes) -> bytes:
        """The stored line: the bytes read, when nothing in it changed. UnicodeEncodeError
        when its text cannot be stored (a lone surrogate)."""
        if self.line is not None:
            return self.line
        model_bytes = self.model_bytes() if self.model_at is None else None
        model_tag = self.model_tag
        if model_bytes is not None and model_tag is None:
            model_tag = mac(secret, model_bytes)
        if self.model_at is not None and model_tag is not None:
            where = b"@%d:%d:%s" % (*self.model_at, model_tag.encode())
        elif model_bytes is not None and model_tag is not None:
            where = b"=" + model_tag.encode()
        else:
            where = _NONE
        places = self.places_raw
        if places is None:
            places = _json({name: list(place) for name, place in self.places.items()})
        facts = self.facts.encode() if isinstance(self.facts, str) else self.facts
        fields = [
            self.key.encode(),
            rel_json(self.rel).encode(),
            self.stat.encode(),
            self.kind.encode(),
            str(self.max_bytes).encode(),
            _json([[p.code, p.line, p.column, p.message] for p in self.problems]),
            _json(None if self.local is None else [_dumped(d) for d in self.local]),
            places,
            _json({str(n): text for n, text in self.ignores.items()}),
            facts or _NONE,
            self.context.encode() if self.context else _NONE,
            _json(None if self.context_found is None else [_dumped(d) for d in self.context_found]),
            where,
            self.blob.encode() if self.blob else _NONE,
        ]
        head = b"\t".join(fields)
        line = b"%s\t%s" % (head, mac(secret, head).encode())
        return line + b"\t" + model_bytes if where.startswith(b"=") and model_bytes else line


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _dumped(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.name, str(d.severity), d.message]


def rel_json(rel: str) -> str:
    """`json.dumps(rel)`, the way a path is stored, ~10x faster for a plain ASCII path."""
    if rel.isascii() and rel.isprintable() and '"' not in rel and "\\" not in rel:
        return f'"{rel}"'
    return json.dumps(rel)


def load(line: bytes, secret: bytes, rel: str) -> Entry | None:
    """The entry of one stored line for the file at `rel`, or None when it does not
    verify, check, or belong to that path. The model is checked only when used."""
    parts = line.split(b"\t", _FIELDS)
    inline = len(parts) == _FIELDS + 1
    if not (inline or len(parts) == _FIELDS) or len(parts[0]) != 40:
        return None
    tag = parts[14]
    end = len(line) - len(tag) - 1 - (len(parts[15]) + 1 if inline else 0)
    if not verify(secret, memoryview(line)[:end], tag.decode("ascii", "replace")):
        return None
    try:
        if parts[1].decode("ascii") != rel_json(rel):
            return None
        entry = Entry(parts[0].decode("ascii"), rel, parts[3].decode("ascii"), int(parts[4]))
        entry.stat = parts[2].decode("ascii")
        entry.problems = [_problem(item) for item in _list(parts[5])]
        entry.local = None if parts[6] == b"null" else [_diagnostic(d) for d in _list(parts[6])]
        entry._places, entry._places_raw = ({}, None) if parts[7] == b"{}" else (None, parts[7])
        entry.ignores = {} if parts[8] == b"{}" else _ignores(json.loads(parts[8]))
        entry.facts = None if parts[9] == _NONE else parts[9]
        entry.context = None if parts[10] == _NONE else parts[10].decode("ascii")
        found = parts[11]
        entry.context_found = None if found == b"null" else [_diagnostic(d) for d in _list(found)]
        _where(entry, parts[12], parts[15] if inline else None)
        blob = parts[13]
        if blob != _NONE:
            if len(blob) != 40:
                raise ValueError("bad blob id")
            entry.blob = blob.decode("ascii")
    except (ValueError, TypeError):
        return None
    entry.line = line
    return entry


def _where(entry: Entry, where: bytes, model: bytes | None) -> None:
    """The model's place: in the models file (@offset:length:mac), on the line (=mac)."""
    if where.startswith(b"@") and model is None:
        at, length, tag = where[1:].split(b":")
        entry.model_at, entry.model_tag = (int(at), int(length)), tag.decode("ascii")
        if entry.model_at[0] < 0 or entry.model_at[1] <= 0:
            raise ValueError("bad model place")
    elif where.startswith(b"=") and model is not None:
        entry.model_json, entry.model_tag = model, where[1:].decode("ascii")
    elif where != _NONE or model is not None:
        raise ValueError("bad model field")


def _list(raw: bytes) -> list[Any]:
    if raw == b"[]":
        return []
    found = json.loads(raw)
    if not isinstance(found, list):
        raise ValueError("not a list")
    return found


def _ignores(raw: Any) -> dict[int, str]:
    return {int(n): str(text) for n, text in dict(raw).items()}


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


def places_of(raw: bytes) -> dict[str, tuple[int, int]]:
    """Stored positions, checked: {place_key: (line, column)}; ValueError if malformed."""
    found = json.loads(raw)
    if not isinstance(found, dict):
        raise ValueError("bad places")
    places: dict[str, tuple[int, int]] = {}
    for name, item in found.items():
        line, column = item
        if not (type(line) is int and type(column) is int and line > 0 and column > 0):
            raise ValueError("bad place")
        places[name] = (line, column)
    return places
