"""A per-file lint cache, as ruff keeps one: `<workspace>/.microokr_cache/`.

What is cached per file: the validated model (as pydantic's own JSON, re-validated
on use), the file-local load problems (MO001-MO005, MO007, positions included),
the diagnostics of rules marked `local=True`, and the line and column of every
place a diagnostic pointed at (so a warm run need not re-parse a file only to
place the diagnostic of a cross-file rule). The key is a hash of the
file's bytes, its path, its kind, `max_file_size` and the microokr version, so
an edit, a rename or an upgrade is a miss. Cross-file and date-aware rules never
come from here: the engine re-runs them on every call.

The folder sits inside a repository, so anyone can commit one: it is never
trusted (see `cachefs`). The folder is opened without following links, the file
is read only when it is a regular file under a size cap, and every entry carries
a MAC made with a key kept outside the workspace, binding it to its key (so to
the bytes of its file): a committed cache, or an entry copied under another
file's key, does not verify and is a miss. Entries that verify are still parsed
and type-checked, and the model re-validated (JSON, never pickle). The folder
holds a `.gitignore` of `*` so it is not committed by accident. Writes are
atomic; a folder we cannot write is skipped without a word.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microokr import __version__
from microokr.cachefs import CacheFolder, mac, secret_key, verify
from microokr.diagnostics import Diagnostic, Severity
from microokr.yamlio.read import DEFAULT_MAX_BYTES, LoadProblem, YamlDoc

if TYPE_CHECKING:
    from microokr.workspace import FileKind, SourceFile

CACHE_DIR = ".microokr_cache"
CACHE_FILE = "lint.cache"
FORMAT = 3


def code_fingerprint() -> str:
    """The version plus the size and mtime of every module of the package.

    A release changes the version; a development checkout changes files without
    changing it, and a cache keyed on the version alone would keep serving results
    of rules that have since changed. ~60 stat() calls, well under a millisecond.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(__version__.encode(), digest_size=12)
    for module in sorted(package.rglob("*.py")):
        try:
            info = module.stat()
        except OSError:
            continue
        digest.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return f"{__version__}+{digest.hexdigest()}"


_CODE = code_fingerprint()


def _header(secret: bytes) -> str:
    """The first line: a cache made with another key (another machine) fails here, whole."""
    tag = mac(secret, f"header\0{FORMAT}\0{_CODE}".encode())
    return json.dumps({"format": FORMAT, "microokr": _CODE, "tag": tag}, sort_keys=True)


class CachedDoc(YamlDoc):
    """The doc of a cache hit: its value (`YamlDoc.data`, built from the text only if a
    rule asks) and its places, remembered, so a warm run parses nothing unless a
    diagnostic needs it.
    """

    places: dict[str, tuple[int, int]] | None = None
    """Positions already known (from the cache) or found in this run, by `_place_key`."""
    new_places = False

    def locate(self, path: Any, *, key: bool = False) -> tuple[int, int]:
        """`YamlDoc.locate`, remembered: a known place costs no parse of the file."""
        if self.places is None:
            self.places = {}
        name = _place_key(path, key)
        found = self.places.get(name)
        if found is None:
            found = super().locate(path, key=key)
            self.places[name] = found
            self.new_places = True
        return found

    @classmethod
    def of(cls, doc: YamlDoc) -> CachedDoc:
        """A freshly read doc, with its value, that remembers where it placed diagnostics."""
        return cls(doc.text, doc.data, doc.problems, doc.aborted, doc._root)


def _place_key(path: Any, key: bool) -> str:
    return json.dumps([*path, key], ensure_ascii=False)


class _Entry:
    """One file's cached results, already checked."""

    __slots__ = ("local", "model", "model_json", "places", "problems")

    def __init__(
        self,
        model_json: str | None,
        problems: list[LoadProblem],
        local: list[Diagnostic] | None,
        places: dict[str, tuple[int, int]] | None = None,
        *,
        model: Any = None,
    ) -> None:
        self.model_json = model_json
        self.model = model
        """A file read in this run: its model, dumped only when the cache is written
        (10,000 models' JSON held until then was 36 MB of a cold lint's peak)."""
        self.problems = problems
        self.local = local
        self.places = places or {}

    def dumped(self) -> str | None:
        return self.model.model_dump_json() if self.model is not None else self.model_json


def _key(raw: bytes, rel: str, kind: str, max_bytes: int) -> str:
    digest = hashlib.blake2b(raw, digest_size=20)
    # surrogateescape: a file name that is not UTF-8 still has a key of its own.
    digest.update(f"\0{rel}\0{kind}\0{max_bytes}\0{_CODE}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


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


def _parse(text: str, secret: bytes) -> dict[str, _Entry]:
    """Entries of a cache file; a line that does not verify or check drops that line only."""
    lines = text.split("\n")
    if not lines or lines[0] != _header(secret):
        return {}
    entries: dict[str, _Entry] = {}
    for line in lines[1:]:
        body, _, tag = line.rpartition("\t")
        parts = body.split("\t", 2)
        if len(parts) != 3 or len(parts[0]) != 40 or not verify(secret, body.encode(), tag):
            continue
        key, meta, model_json = parts
        try:
            problems_raw, local_raw, places_raw = json.loads(meta)
            problems = [_problem(item) for item in problems_raw]
            local = None if local_raw is None else [_diagnostic(item) for item in local_raw]
            places = _places(places_raw)
        except (ValueError, TypeError):
            continue
        entries[key] = _Entry(model_json if model_json != "null" else None, problems, local, places)
    return entries


class LintCache:
    """Load once, serve hits to `load_workspace(reader=...)` and the engine, save once."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR
        self.file = self.folder / CACHE_FILE
        self._secret = secret_key()
        self._old: dict[str, _Entry] = {}
        self._new: dict[str, _Entry] = {}
        self._keys: dict[str, str] = {}  # rel -> key, for the files read in this run
        self._docs: dict[str, CachedDoc] = {}  # key -> doc, whose new places are saved
        self._dirty = False
        self.hits = 0
        self.misses = 0
        if self._secret is None:
            return  # no key to check entries with: every file is a miss, nothing is saved
        folder = CacheFolder(self.folder, create=False)
        try:
            raw = folder.read(CACHE_FILE)
        finally:
            folder.close()
        if raw is None:
            return
        try:
            self._old = _parse(raw.decode("utf-8"), self._secret)
        except (UnicodeDecodeError, ValueError):
            self._old = {}

    # -- reading files (the `reader=` of load_workspace) --------------------------

    def read(
        self, path: Path, rel: str, kind: FileKind, *, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> SourceFile:
        """`workspace.read_source`, answered from the cache when the bytes match."""
        from microokr.workspace import (
            MODEL_BY_KIND,
            SourceFile,
            _unreadable,
            read_source,
            source_from_bytes,
        )

        if _unreadable(path, max_bytes) is not None:
            return read_source(path, rel, kind, max_bytes=max_bytes)
        try:
            raw = path.read_bytes()
        except OSError:
            return read_source(path, rel, kind, max_bytes=max_bytes)
        key = _key(raw, rel, kind.value, max_bytes)
        self._keys[rel] = key
        entry = self._old.get(key)
        if entry is not None:
            source = self._hit(path, rel, kind, raw, entry, MODEL_BY_KIND[kind], SourceFile)
            if source is not None:
                self.hits += 1
                self._new[key] = entry
                if isinstance(source.doc, CachedDoc):
                    self._docs[key] = source.doc
                return source
        self.misses += 1
        source = source_from_bytes(path, rel, kind, raw, max_bytes=max_bytes)
        doc = CachedDoc.of(source.doc)
        source.doc = doc
        self._new[key] = _Entry(None, list(source.problems), None, model=source.model)
        self._docs[key] = doc
        self._dirty = True
        return source

    def _hit(
        self,
        path: Path,
        rel: str,
        kind: FileKind,
        raw: bytes,
        entry: _Entry,
        model_type: Any,
        source_type: Any,
    ) -> SourceFile | None:
        from pydantic import ValidationError

        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
        model = None
        if entry.model_json is not None:
            try:
                model = model_type.model_validate_json(entry.model_json)
            except (ValidationError, ValueError):
                return None
        doc = CachedDoc(text)
        doc.places = dict(entry.places)
        source: SourceFile = source_type(
            path, rel, kind, doc, model=model, problems=list(entry.problems)
        )
        return source

    # -- local rule diagnostics (the engine's hook) --------------------------------

    def local_diagnostics(self, source: SourceFile) -> list[Diagnostic] | None:
        """Cached diagnostics of every local rule for this file, or None to compute."""
        key = self._keys.get(source.rel)
        entry = self._new.get(key) if key else None
        return None if entry is None else entry.local

    def store_local(self, source: SourceFile, diagnostics: Iterable[Diagnostic]) -> None:
        key = self._keys.get(source.rel)
        entry = self._new.get(key) if key else None
        if entry is not None:
            entry.local = list(diagnostics)
            self._dirty = True

    # -- writing -------------------------------------------------------------------

    def save(self) -> None:
        """Write the entries of this run (old ones for deleted files are dropped)."""
        for key, doc in self._docs.items():
            entry = self._new.get(key)
            if entry is not None and doc.new_places and doc.places:
                entry.places = doc.places
                self._dirty = True
        if self._secret is None or (not self._dirty and len(self._new) == len(self._old)):
            return
        folder = CacheFolder(self.folder, create=True)
        try:
            with contextlib.suppress(FileExistsError):
                folder.create(".gitignore", b"# Created by microokr automatically.\n*\n")
            folder.replace(CACHE_FILE, self._lines())
        except OSError:
            return  # a read-only checkout, or a cache folder we refuse: lint works, slower
        finally:
            folder.close()

    def _lines(self) -> Iterator[bytes]:
        """The cache file, line by line (written as made: never all of it in memory)."""
        assert self._secret is not None
        yield _header(self._secret).encode("utf-8")
        for key, entry in self._new.items():
            meta = json.dumps(
                [
                    [list(p) for p in map(_problem_tuple, entry.problems)],
                    None if entry.local is None else [_diagnostic_tuple(d) for d in entry.local],
                    {name: list(place) for name, place in entry.places.items()},
                ],
                ensure_ascii=False,
            )
            try:
                body = f"{key}\t{meta}\t{entry.dumped() or 'null'}".encode()
            except UnicodeEncodeError:
                continue  # text that cannot be stored (a lone surrogate): not cached
            yield b"\n" + body + b"\t" + mac(self._secret, body).encode("ascii")


def _problem_tuple(problem: LoadProblem) -> tuple[str, int, int, str]:
    return (problem.code, problem.line, problem.column, problem.message)


def _diagnostic_tuple(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.name, str(d.severity), d.message]


def open_cache(root: Path, *, enabled: bool = True) -> LintCache | None:
    """The workspace's cache, or None with `--no-cache` or MICROOKR_NO_CACHE set."""
    if not enabled or os.environ.get("MICROOKR_NO_CACHE"):
        return None
    cache = LintCache(root)
    return cache if cache._secret is not None else None
