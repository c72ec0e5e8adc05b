"""A file answered by the lint cache: nothing of it is built until a rule asks.

`CachedDoc` reads the file's text only when something needs it (a position not
cached yet, a suppression comment's line, MO709's bytes), and its value only when
a rule reads `.data`. `LazySource` validates the cached model (pydantic JSON) only
when `.model` is read, and answers the cross-file rules' plain facts
(`microokr.facts`) and "did it validate?" without it. So a warm run whose stat
data match opens no unchanged file and validates no unchanged model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from microokr.cacheentry import places_of
from microokr.errors import WorkspaceError
from microokr.facts import SprintFacts, SprintLike, from_plain
from microokr.workspace import MODEL_BY_KIND, FileKind, SourceFile, source_from_bytes
from microokr.yamlio.read import YamlDoc


class CachedDoc(YamlDoc):
    """The doc of a cache hit: its text read on first use (its value, `YamlDoc.data`,
    is then built from the text only if a rule asks)."""

    _text: str = ""
    _source_path: Path | None = None
    """Set while the text is not read yet (a hit on stat data)."""
    ignores: dict[int, str] | None = None
    """The lines that may hold a `# microokr: ignore[...]` comment, by number."""
    _places: dict[str, tuple[int, int]] | None = None
    places_raw: bytes | None = None
    """The cache's positions as stored, decoded on first use."""
    new_places = False

    @property
    def places(self) -> dict[str, tuple[int, int]] | None:
        """Positions already known (from the cache) or found in this run, by `place_key`."""
        if self._places is None and self.places_raw is not None:
            raw, self.places_raw = self.places_raw, None
            try:
                self._places = places_of(raw)
            except (ValueError, TypeError):
                self._places = {}  # not what we wrote: found again by parsing
        return self._places

    @places.setter
    def places(self, value: dict[str, tuple[int, int]] | None) -> None:
        self._places, self.places_raw = value, None

    @property
    def text(self) -> str:
        if self._source_path is not None:
            path, self._source_path = self._source_path, None
            try:
                self._text = path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self._text = ""
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value

    def line_text(self, line: int) -> str:
        """A line of the file, for the engine's suppression check; from the cached
        suppression lines while the text is unread (any other line holds none)."""
        if self._source_path is not None and self.ignores is not None:
            return self.ignores.get(line, "")
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def locate(self, path: Any, *, key: bool = False) -> tuple[int, int]:
        """`YamlDoc.locate`, remembered: a known place costs no parse of the file."""
        places = self.places
        if places is None:
            places = self.places = {}
        name = place_key(path, key)
        found = places.get(name)
        if found is None:
            found = super().locate(path, key=key)
            places[name] = found
            self.new_places = True
        return found

    @classmethod
    def of(cls, doc: YamlDoc) -> CachedDoc:
        """A freshly read doc, with its value, that remembers where it placed diagnostics."""
        return cls(doc.text, doc.data, doc.problems, doc.aborted, doc._root)

    @classmethod
    def unread(cls, path: Path, ignores: dict[int, str]) -> CachedDoc:
        cached = cls("")
        cached._source_path, cached.ignores = path, ignores
        return cached


def place_key(path: Any, key: bool) -> str:
    return json.dumps([*path, key], ensure_ascii=False)


def suppression_lines(text: str) -> dict[int, str]:
    """The lines a suppression comment can be on (the engine's pattern needs 'microokr:')."""
    if "microokr:" not in text:
        return {}
    return {n: line for n, line in enumerate(text.splitlines(), 1) if "microokr:" in line}


class LazySource(SourceFile):
    """A cache hit: `model` is validated from the cached JSON on first read."""

    _model: Any = None
    _model_json: str | bytes | None = None
    _check: Callable[[], str | bytes | None] | None = None
    """Gives the model's JSON once its MAC is checked (None: not what was stored)."""
    _keyed: Callable[[], bytes | None] | None = None
    """The file's bytes now if they are still the ones the entry is keyed by, else None."""
    _facts: str | bytes | None = None
    git_blob: str | None = None
    """The git (SHA-1) blob id of the linted text, if the cache knows it (MO709)."""
    keep_git_blob: Callable[[str], None] | None = None
    """Stores a computed blob id in the cache entry."""
    _built_facts: SprintFacts | None = None
    _validated = True

    @property
    def model(self) -> Any:
        if not self._validated:
            self._validated = True
            self._model = self._validate()
        return self._model

    @model.setter
    def model(self, value: Any) -> None:
        self._model, self._validated = value, True

    def _validate(self) -> Any:
        from pydantic import ValidationError

        found = self._model_json if self._check is None else self._check()
        try:
            if found is None:
                raise ValueError("the stored model is not the one its entry vouched for")
            return MODEL_BY_KIND[self.kind].model_validate_json(found)
        except (ValidationError, ValueError):
            # An entry we wrote and verified that no longer validates: read the file,
            # but only the text the cached findings were made from (one run, one text).
            raw = self._keyed() if self._keyed is not None else self.doc.text.encode("utf-8")
            if raw is None:
                raise WorkspaceError(
                    "changed while lint was reading it; run lint again", path=self.rel
                ) from None
            return source_from_bytes(self.path, self.rel, self.kind, raw).model

    def has_model(self) -> bool:
        if not self._validated:
            return self._model_json is not None or self._check is not None
        return self._model is not None

    def facts(self) -> SprintLike | None:
        if self.kind is not FileKind.SPRINT or not self.has_model():
            return None
        if self._built_facts is None and self._facts is not None:
            try:
                self._built_facts = from_plain(json.loads(self._facts))
            except (ValueError, TypeError):
                self._facts = None
        return self._built_facts if self._built_facts is not None else super().facts()

    @classmethod
    def hit(
        cls,
        path: Path,
        rel: str,
        kind: FileKind,
        doc: CachedDoc,
        *,
        model_json: str | bytes | None,
        problems: list[Any],
        facts: str | bytes | None,
        check: Callable[[], str | bytes | None] | None = None,
        keyed: Callable[[], bytes | None] | None = None,
    ) -> LazySource:
        source = cls(path, rel, kind, doc, problems=problems)
        source._model_json, source._facts, source._check = model_json, facts, check
        source._keyed = keyed
        source._validated = model_json is None and check is None
        return source
