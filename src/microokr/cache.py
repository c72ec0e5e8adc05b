# Over 400 lines: one LintCache serves reads, engine hooks and the save from shared indexes.
"""A per-file lint cache, as ruff keeps one: `<workspace>/.microokr_cache/`.

Per file (see `cacheentry` for the line format): the validated model (pydantic's
JSON, validated only if a rule reads it), the file-local load problems, the
diagnostics of rules marked `local=True`, those of the other sprint rules keyed
by their context (the config, the OKR files, today), the positions diagnostics
pointed at, the lines that may hold a suppression comment, and the plain fields
the cross-file rules compare (`microokr.facts`). Entries are keyed by a hash of
the file's bytes, its path, its kind, `max_file_size` and the code fingerprint.

A stat index sits in front of the hash, with git's index discipline: each entry
keeps the (mode, size, mtime, ctime, inode, device) of the `fstat` taken before
its bytes were read; a file whose stat data still match is answered without being
opened. The run's stamp is the file system's clock before anything is read (a
file created in the cache folder); an entry whose mtime or ctime is not strictly
older than the stamp of the run that read it is "racily clean" (racy-git.txt: it
may change again within the same tick without its stat data showing it) and is
stored without stat data, so the next run hashes its bytes again.

The folder sits inside a repository, so anyone can commit one: it is never
trusted (see `cachefs`). It is opened without following links, read only when it
is a regular file under a size cap, and every entry carries a MAC made with a key
kept outside the workspace, binding it to its key, its path and its stat data: a
committed cache, a forged stat line, or an entry copied under another file's key,
does not verify and is a miss. Entries that verify are still type-checked (JSON,
never pickle). A `.gitignore` of `*` keeps it out of commits. Writes are atomic;
a folder we cannot write is skipped without a word.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from microokr import cachestore
from microokr.cachedsource import CachedDoc as CachedDoc
from microokr.cachedsource import LazySource, suppression_lines
from microokr.cacheentry import Entry, load, rel_json
from microokr.cachefs import CACHE_DIR as CACHE_DIR
from microokr.cachefs import CACHE_FILE as CACHE_FILE
from microokr.cachefs import CacheFolder, mac, read_regular, secret_key, verify
from microokr.cachestore import Models
from microokr.codeprint import code_fingerprint as code_fingerprint
from microokr.diagnostics import Diagnostic
from microokr.facts import plain
from microokr.replay import handover
from microokr.walk import PRESCANNED
from microokr.yamlio.read import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    import datetime as dt

    from microokr.workspace import FileKind, SourceFile, Workspace

FORMAT = 7
_CODE = code_fingerprint()
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _header(secret: bytes, models: str) -> str:
    """The first line: a cache made with another key (another machine) fails here, whole;
    `models` names the models file's generation (`cachestore`)."""
    tag = mac(secret, f"header\0{FORMAT}\0{_CODE}\0{models}".encode())
    fields = {"format": FORMAT, "microokr": _CODE, "models": models, "tag": tag}
    return json.dumps(fields, sort_keys=True)


def _generation(line: bytes, secret: bytes) -> str | None:
    """The models generation a header line of ours names, else None."""
    with contextlib.suppress(ValueError, TypeError, KeyError):
        models = json.loads(line)["models"]
        if isinstance(models, str) and line == _header(secret, models).encode():
            return models
    return None


def _key(raw: bytes, rel: str, kind: str, max_bytes: int) -> str:
    digest = hashlib.blake2b(raw, digest_size=20)
    # surrogateescape: a file name that is not UTF-8 still has a key of its own.
    digest.update(f"\0{rel}\0{kind}\0{max_bytes}\0{_CODE}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _stat_line(info: os.stat_result) -> str:
    return (
        f"{info.st_mode} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} "
        f"{info.st_ino} {info.st_dev}"
    )


def _stat_text(info: os.stat_result, stamp: int | None) -> str:
    """The stat data an entry keeps, or "-" when racily clean (or no stamp was taken)."""
    if stamp is None or info.st_mtime_ns >= stamp or info.st_ctime_ns >= stamp:
        return "-"
    return _stat_line(info)


def _read(path: Path, limit: int) -> tuple[os.stat_result, bytes] | None:
    """`fstat` then the bytes of a regular file of at most `limit` bytes, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    return read_regular(fd, limit)


def _keyed(path: Path, entry: Entry) -> bytes | None:
    """The file's bytes now, if they are still the ones `entry` is keyed by (a hit's
    model rebuilt from the file must be the text its cached findings came from)."""
    found = _read(path, entry.max_bytes)
    if found is None or _key(found[1], entry.rel, entry.kind, entry.max_bytes) != entry.key:
        return None
    return found[1]


def _decoded(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


class LintCache:
    """Load once, serve hits to `load_workspace(reader=...)` and the engine, save once."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR
        self.file = self.folder / CACHE_FILE
        self._secret = secret_key()
        self._old: dict[str, bytes] = {}  # key -> stored line (verified when used)
        self._by_rel: dict[str, tuple[str, str]] = {}  # rel as JSON -> (stat, key)
        self._new: dict[str, Entry] = {}
        self._keys: dict[str, str] = {}  # rel -> key, for the files read in this run
        self._docs: dict[str, CachedDoc] = {}  # key -> doc, whose new places are saved
        self._dirty = False
        self._models: Models | None = None
        """The models file the stored lines point into (`cachestore`)."""
        self.stamp: int | None = None
        """The file system's clock before any file was read (None: no writable folder)."""
        self.hits = 0
        self.misses = 0
        self.unopened = 0
        """Hits answered from stat data alone: files not even opened."""
        self._cross_line: bytes | None = None
        self._cross: dict[str, Any] | None = None  # {"key": ..., "found": {code: [...]}}
        self.seen: dict[str, str | None] = {}
        """rel -> the stat data taken before the file was read (None: racily clean or
        none), for the replay record (`replaysave`)."""
        scans, self._taken = handover()
        """Stat lines a replay check took in this run already (`replay.handover`)."""
        if self._secret is None:
            return  # no key to check entries with: every file is a miss, nothing is saved
        PRESCANNED.update(scans)
        folder = CacheFolder(self.folder, create=True)
        try:
            self.stamp = folder.stamp()
            for _ in range(2):
                raw = folder.read(CACHE_FILE)
                if raw is not None:
                    try:
                        self._index(raw, folder)
                    except (UnicodeDecodeError, ValueError):
                        self._old, self._by_rel, self._cross_line = {}, {}, None
                if self._models is None or self._models.fd is not None:
                    break
                # The generation named was removed between the two reads: another run's
                # save compacted it; its lines file, renamed first, names the new one.
                self._models.close()
                self._models = None
        finally:
            folder.close()

    def _index(self, raw: bytes, folder: CacheFolder) -> None:
        """Index the stored lines by key and by path; each is verified (and its small
        fields decoded) only when used, and written back as the same bytes."""
        assert self._secret is not None
        lines = raw.split(b"\n")
        generation = _generation(lines[0], self._secret) if lines else None
        if generation is None:
            return
        self._models = Models(folder, generation)
        if self._models.fd is None:
            return  # the lines name models that are gone: every file is a miss
        for line in lines[1:]:
            if line.startswith(b"cross\t"):
                self._cross_line = line
            else:
                self._index_line(line)

    def _index_line(self, line: bytes) -> None:
        first = line.find(b"\t")
        second = line.find(b"\t", first + 1)
        third = line.find(b"\t", second + 1)
        if first == 40 and third > second > first:
            try:
                key = line[:40].decode("ascii")
                rel = line[first + 1 : second].decode("ascii")  # JSON: ASCII only
                stat_text = line[second + 1 : third].decode("ascii")
            except UnicodeDecodeError:
                return  # not a line we wrote: that file is a miss
            self._old[key] = line
            self._by_rel[rel] = (stat_text, key)

    # -- sharing a cold run with a helper process (`lintshare`) ----------------------

    def known(self) -> int:
        """How many files the cache file has lines for (some may be gone since)."""
        return len(self._by_rel)

    def unindexed(self, rels: Iterable[str]) -> int:
        """How many of these files the cache file knows nothing of (by path)."""
        return sum(1 for rel in rels if rel_json(rel) not in self._by_rel)

    def line_of(self, source: SourceFile) -> bytes:
        """The cache line of a file checked in this run (in the helper process), or
        b"" when it has none."""
        key = self._keys.get(source.rel)
        entry = self._new.get(key) if key else None
        if entry is None or self._secret is None:
            return b""
        doc = self._docs.get(entry.key)
        if doc is not None and doc.new_places and doc.places:
            entry.places = doc.places
            entry.changed()
        try:
            return entry.dump(self._secret)
        except UnicodeEncodeError:
            return b""

    def adopt(self, line: bytes) -> None:
        """A line the helper made: indexed as if read from the cache file (and checked
        like one when its file is read), then saved with the others."""
        self._index_line(line)
        self._dirty = True

    def _entry(self, key: str, rel: str, kind: str, max_bytes: int) -> Entry | None:
        line = self._old.get(key)
        if line is None or self._secret is None:
            return None
        entry = load(line, self._secret, rel)
        if entry is None or (entry.kind, entry.max_bytes) != (kind, max_bytes):
            return None
        return entry

    @property
    def stored(self) -> int:
        """How many entries the cache file held (0: every read would be a miss)."""
        return len(self._old)

    # -- reading files (the `reader=` of load_workspace) --------------------------

    def read(
        self, path: Path, rel: str, kind: FileKind, *, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> SourceFile:
        """`workspace.read_source`, answered from the cache when the stat data or the
        bytes match."""
        from microokr.workspace import read_source, source_from_bytes

        seen = self._taken.pop(str(path), None) if self._taken else None
        if seen is None:
            try:
                seen = _stat_line(os.stat(path))
            except OSError:
                self.seen[rel] = None
                return read_source(path, rel, kind, max_bytes=max_bytes)
        mode, size, mtime, ctime = map(int, seen.split(" ", 4)[:4])
        racy = self.stamp is None or max(mtime, ctime) >= self.stamp
        self.seen[rel] = None if racy else seen
        if stat.S_ISREG(mode) and size <= max_bytes:
            indexed = self._by_rel.get(rel_json(rel))
            if indexed is not None and indexed[0] != "-" and indexed[0] == seen:
                entry = self._entry(indexed[1], rel, kind.value, max_bytes)
                if entry is not None:
                    self.unopened += 1
                    doc = CachedDoc.unread(path, entry.ignores)
                    return self._hit(path, rel, kind, entry, doc, unread=True)
        found = _read(path, max_bytes)
        if found is None:
            return read_source(path, rel, kind, max_bytes=max_bytes)
        info, raw = found
        key = _key(raw, rel, kind.value, max_bytes)
        entry = self._entry(key, rel, kind.value, max_bytes)
        stat_text = _stat_text(info, self.stamp)
        text = _decoded(raw) if entry is not None else None
        if entry is not None and text is not None:
            if entry.stat != stat_text:
                entry.stat = stat_text
                entry.changed()
                self._dirty = True
            return self._hit(path, rel, kind, entry, CachedDoc(text))
        self.misses += 1
        source = source_from_bytes(path, rel, kind, raw, max_bytes=max_bytes)
        doc = CachedDoc.of(source.doc)
        source.doc = doc
        entry = Entry(key, rel, kind.value, max_bytes)
        entry.stat = stat_text
        entry.problems = list(source.problems)
        entry.ignores = suppression_lines(doc.text)
        if source.model is not None:
            entry.model = source.model  # dumped at save (`Entry.dump`)
            if source.kind.value == "sprint":
                entry.facts = json.dumps(plain(source.model), ensure_ascii=False).encode()
        self._keys[rel] = key
        self._new[key] = entry
        self._docs[key] = doc
        self._dirty = True
        # MO709 hashes the text of a file with history anyway: the id is kept with it.
        setattr(source, "keep_git_blob", partial(self._keep_blob, entry))  # noqa: B010
        return source

    def settle(self, source: SourceFile) -> None:
        """`source`'s own checks are done (lint): its entry keeps the model as JSON from
        now on, so the model itself can go (10,000 of them were most of the memory)."""
        key = self._keys.get(source.rel)
        entry = self._new.get(key) if key else None
        if entry is not None and entry.model is not None:
            entry.model_json = entry.model.model_dump_json()
            entry.model = None

    def _hit(
        self,
        path: Path,
        rel: str,
        kind: FileKind,
        entry: Entry,
        doc: CachedDoc,
        *,
        unread: bool = False,
    ) -> SourceFile:
        """`unread`: answered from stat data, the text not read (the doc reads it when
        asked, so a model rebuilt from it must check it is still the keyed text)."""
        self.hits += 1
        raw = entry.places_raw
        if raw is not None:
            doc.places_raw = raw  # decoded only if a diagnostic is placed in this file
        else:
            doc.places = dict(entry.places)
        self._keys[rel] = entry.key
        self._new[entry.key] = entry
        self._docs[entry.key] = doc
        source = LazySource.hit(
            path,
            rel,
            kind,
            doc,
            model_json=None,
            problems=list(entry.problems),
            facts=entry.facts,
            check=partial(entry.verified_model, self._secret or b"", self._models)
            if entry.has_model()
            else None,
            keyed=partial(_keyed, path, entry) if unread else None,
        )
        source.git_blob, source.keep_git_blob = entry.blob, partial(self._keep_blob, entry)
        return source

    def _keep_blob(self, entry: Entry, blob: str) -> None:
        if entry.blob != blob:
            entry.blob = blob
            entry.changed()
            self._dirty = True

    # -- cached diagnostics (the engine's hooks) -----------------------------------

    def _entry_of(self, source: SourceFile) -> Entry | None:
        key = self._keys.get(source.rel)
        return self._new.get(key) if key else None

    def local_diagnostics(self, source: SourceFile) -> list[Diagnostic] | None:
        """Cached diagnostics of every local rule for this file, or None to compute."""
        entry = self._entry_of(source)
        return None if entry is None else entry.local

    def store_local(self, source: SourceFile, diagnostics: Iterable[Diagnostic]) -> None:
        entry = self._entry_of(source)
        if entry is not None:
            entry.local = list(diagnostics)
            entry.changed()
            self._dirty = True

    def context_key(self, workspace: Workspace, today: dt.date) -> str:
        """What the non-local sprint rules read besides the sprint: the config (its
        text), the OKR files (their keys), today, and the code."""
        digest = hashlib.blake2b(digest_size=20)
        config = workspace.config_file
        text = config.doc.text if config is not None else ""
        digest.update(f"{_CODE}\0{today.isoformat()}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogateescape"))
        for source in workspace.okr_files:
            digest.update(
                f"\0{source.rel}\0{self._keys.get(source.rel)}".encode("utf-8", "surrogateescape")
            )
        return digest.hexdigest()

    def context_diagnostics(self, source: SourceFile, context: str) -> list[Diagnostic] | None:
        """Cached diagnostics of the other sprint rules in this context, or None."""
        entry = self._entry_of(source)
        if entry is None or entry.context != context:
            return None
        return entry.context_found

    def store_context(
        self, source: SourceFile, context: str, diagnostics: Iterable[Diagnostic]
    ) -> None:
        entry = self._entry_of(source)
        if entry is not None:
            entry.context, entry.context_found = context, list(diagnostics)
            entry.changed()
            self._dirty = True

    # -- the cross-file rules that read only facts (`Rule.facts`) ---------------------

    def cross_key(self, workspace: Workspace, today: dt.date) -> str | None:
        """What MO006, MO701 and MO710 read: every sprint's path and plain facts, in
        order, the OKR files' keys, the config's text, today and the code. None when a
        valid sprint was not read through the cache (its facts are unknown here)."""
        digest = hashlib.blake2b(self.context_key(workspace, today).encode(), digest_size=20)
        for source in workspace.sprint_files:
            entry = self._entry_of(source)
            facts: str | bytes = b"-"
            if entry is None:
                if source.has_model():
                    return None
            else:
                facts = entry.facts or b"-"
            digest.update(f"\0{source.rel}\0".encode("utf-8", "surrogateescape"))
            digest.update(facts if isinstance(facts, bytes) else facts.encode())
        return digest.hexdigest()

    def cross_findings(self, code: str, key: str) -> list[Any] | None:
        """The findings stored for `code` under `key`: [[rel, at, key, message], ...]."""
        if self._cross is None and self._cross_line is not None and self._secret is not None:
            body, _, tag = self._cross_line.rpartition(b"\t")
            if verify(self._secret, body, tag.decode("ascii", "replace")):
                with contextlib.suppress(ValueError):
                    found = json.loads(body.removeprefix(b"cross\t"))
                    self._cross = found if isinstance(found, dict) else None
        if self._cross is None or self._cross.get("key") != key:
            return None
        stored = self._cross.get("found", {}).get(code)
        return stored if isinstance(stored, list) else None

    def store_cross(self, code: str, key: str, findings: list[Any]) -> None:
        if self._cross is None or self._cross.get("key") != key:
            self._cross = {"key": key, "found": {}}
        self._cross["found"][code] = findings
        self._cross_line = None
        self._dirty = True

    # -- writing -------------------------------------------------------------------

    def save(self) -> None:
        """Write the entries of this run (old ones for deleted files are dropped)."""
        for key, doc in self._docs.items():
            entry = self._new.get(key)
            if entry is not None and doc.new_places and doc.places:
                entry.places = doc.places
                entry.changed()
                self._dirty = True
        if self._secret is None or (not self._dirty and len(self._new) == len(self._old)):
            return
        folder = CacheFolder(self.folder, create=True)
        try:
            with contextlib.suppress(FileExistsError):
                folder.create(".gitignore", b"# Created by microokr automatically.\n*\n")
            entries = list(self._new.values())
            # Locked from the plan to the removal: another run's save in between could
            # remove the generation our lines name, or name one our removal takes.
            with folder.locked():
                plan = cachestore.plan(folder, self._models, entries)
                folder.replace(CACHE_FILE, self._lines(folder, entries, plan))
                if plan[1]:
                    cachestore.remove_others(folder, plan[0])
        except OSError:
            return  # a read-only checkout, or a cache folder we refuse: lint works, slower
        finally:
            folder.close()

    def _lines(
        self, folder: CacheFolder, entries: list[Entry], plan: tuple[str, bool]
    ) -> Iterator[bytes]:
        """The cache file, in pieces as they are made (never all of it in memory); the
        new models are appended to the models file batch by batch (`cachestore`)."""
        assert self._secret is not None
        yield _header(self._secret, plan[0]).encode("utf-8")
        for batch in cachestore.placed(folder, self._secret, self._models, entries, plan):
            lines = []
            for entry in batch:
                try:
                    lines.append(b"\n" + entry.dump(self._secret))
                except UnicodeEncodeError:
                    continue  # text that cannot be stored (a lone surrogate): not cached
            yield b"".join(lines)
        line = self._cross_line
        if line is None and self._cross is not None:
            body = ("cross\t" + json.dumps(self._cross, ensure_ascii=True)).encode()
            line = body + b"\t" + mac(self._secret, body).encode()
        if line is not None:
            yield b"\n" + line


def open_cache(root: Path, *, enabled: bool = True) -> LintCache | None:
    """The workspace's cache, or None with `--no-cache` or MICROOKR_NO_CACHE set."""
    if not enabled or os.environ.get("MICROOKR_NO_CACHE"):
        return None
    cache = LintCache(root)
    return cache if cache._secret is not None else None
