"""The fast, safe read path: libyaml through PyYAML's C binding, YAML 1.2 values.

Why not ruamel.yaml here: round-trip loading is pure Python and ~30x slower than a
libyaml compose (see ``shared/notes/yaml-facts.md``); it is kept for rendering new
blocks (`yamlio.render`). We ask libyaml for *nodes only*; `yamlio.values` builds
the values (refusing unsafe ones) and `yamlio.scalars` resolves plain scalars.

Positions are not stored per value: ``YamlDoc.locate(path)`` walks the node tree
of the first compose while the file is being checked, and re-composes the text
after `YamlDoc.release()`, because memory for 10,000 node trees is not there.
"""

from __future__ import annotations

import operator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from microokr.rules.mo0.codes import UNSAFE_YAML, YAML_SYNTAX
from microokr.yamlio.values import (
    MAP,
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    PLAIN,
    SEQ,
    STR,
    Builder,
    LoadProblem,
    Refused,
)

DEFAULT_MAX_BYTES = 1024 * 1024

Path = tuple[str | int, ...]

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "LoadProblem",
    "Path",
    "YamlDoc",
    "read_yaml",
]


class _TooManyNodes(Exception):
    pass


class _NodeLoader(yaml.CSafeLoader):
    """Composes nodes with libyaml; tags plain scalars so we can resolve them per 1.2."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP

    nodes = 0

    # Path resolvers are never used, but PyYAML calls this hook once per node it is
    # about to compose: the one place to stop a huge flat file before libyaml has
    # built every node of it (a 1 MB flow list has 350,000).
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self.nodes += 1
        if self.nodes > MAX_EXPANDED_NODES:
            raise _TooManyNodes

    def ascend_resolver(self) -> None:
        return None


class _SmallNodeLoader(_NodeLoader):
    """`_NodeLoader` for a text too short to hold `MAX_EXPANDED_NODES` nodes: nothing to
    count, so PyYAML's two per-node hooks are C functions that do nothing, not Python
    methods (1.9 million calls on 10,000 sprint files: ~15% of composing them)."""

    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]  # (node, index)
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


SMALL_TEXT = MAX_EXPANDED_NODES // 4
"""Below this many characters a text holds fewer than `MAX_EXPANDED_NODES` nodes: one
character starts at most three (`?` alone: a mapping, its empty key, its empty value)."""


def _decode(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Refused(
            LoadProblem(
                UNSAFE_YAML, 1, 1, "the file is UTF-16: microokr reads UTF-8; re-save it as UTF-8"
            )
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise Refused(
            LoadProblem(
                UNSAFE_YAML,
                line,
                column,
                f"byte 0x{raw[error.start]:02x} is not UTF-8: re-save the file as UTF-8",
            )
        ) from None


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(
            text, Loader=_SmallNodeLoader if len(text) < SMALL_TEXT else _NodeLoader
        )
    except _TooManyNodes:
        raise Refused(
            LoadProblem(
                UNSAFE_YAML,
                1,
                1,
                f"the file holds more than {MAX_EXPANDED_NODES:,} values, far more than a "
                "microokr file needs: split it",
            )
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (error.problem or error.context or "invalid YAML").strip()
        if "maximum nesting depth" in problem:
            raise Refused(
                LoadProblem(
                    UNSAFE_YAML, line, column, "values are nested too deeply to be a microokr file"
                )
            ) from None
        if "expected a single document" in problem or "found another document" in problem:
            problem = (
                "the file holds more than one YAML document: keep one, without '---' separators"
            )
        raise Refused(LoadProblem(YAML_SYNTAX, line, column, f"invalid YAML: {problem}")) from None
    except yaml.reader.ReaderError as error:
        # libyaml reports unprintable characters with a character offset, not a mark.
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        raise Refused(
            LoadProblem(
                YAML_SYNTAX,
                line,
                column,
                f"invalid YAML: the control character U+{_codepoint(error.character):04X} "
                "is not allowed in a YAML file; delete it",
            )
        ) from None
    except yaml.YAMLError as error:  # anything else libyaml says: still one sentence
        raise Refused(LoadProblem(YAML_SYNTAX, 1, 1, f"invalid YAML: {error}")) from None


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character[:1] or "\0")


_UNBUILT: Any = object()
"""`YamlDoc.data` not built yet (a cache hit) or released: built from the text when asked."""


class YamlDoc:
    """A file read from bytes: its text, its plain value and what went wrong.

    The value and the node tree (positions) are kept while the file is being worked
    on; `release()` drops both once its own checks are done, and either is rebuilt
    from the text if asked for again: 10,000 files' values and trees alive at once
    were most of a workspace load's memory (see bench/README.md).
    """

    def __init__(
        self,
        text: str,
        data: Any = _UNBUILT,
        problems: list[LoadProblem] | None = None,
        aborted: bool = False,
        _root: Node | None = None,
    ) -> None:
        self.text = text
        self.problems: list[LoadProblem] = [] if problems is None else problems
        self.aborted = aborted
        """True when no value could be built (syntax error, unsafe input)."""
        self._root = _root
        self._data: Any = data

    @property
    def data(self) -> Any:
        if self._data is _UNBUILT:
            self._data = None if self.aborted else _value_of(self.text)
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    def release(self) -> None:
        """Forget the value and the node tree (never the text or the problems)."""
        if not self.aborted:
            self._data = _UNBUILT
        self._root = None

    def __repr__(self) -> str:
        return f"YamlDoc(text={self.text[:40]!r}..., problems={self.problems!r})"

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of the value at `path` (of its key with `key=True`).

        When the path does not exist (a missing field), the deepest part that exists.
        """
        if self._root is None:
            try:
                self._root = _compose(self.text)
            except Refused:
                return (1, 1)
            if self._root is None:
                return (1, 1)
        node: Node = self._root
        found = (node.start_mark.line + 1, node.start_mark.column + 1)
        for index, part in enumerate(path):
            child: Node | None = None
            key_node: Node | None = None
            if isinstance(node, MappingNode):
                name = str(part)
                for k, v in node.value:
                    if k.value == name and isinstance(k, ScalarNode):
                        key_node, child = k, v
                        break
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
            if child is None:
                return found
            node = child
            last = index == len(path) - 1
            mark = (key_node if key and last and key_node is not None else child).start_mark
            found = (mark.line + 1, mark.column + 1)
        return found


def _value_of(text: str) -> Any:
    """The value of a text read before (`YamlDoc.data` after `release`)."""
    return read_yaml(text.encode("utf-8"), max_bytes=1 << 62).data


def read_yaml(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> YamlDoc:
    """Read one YAML file's bytes safely; never raises for any input."""
    if len(raw) > max_bytes:
        return YamlDoc(
            "",
            aborted=True,
            problems=[
                LoadProblem(
                    UNSAFE_YAML,
                    1,
                    1,
                    f"the file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit: "
                    "split it, or raise max_file_size in microokr.yaml",
                )
            ],
        )
    try:
        text = _decode(raw)
        root = _compose(text)
    except Refused as refused:
        return YamlDoc("", problems=[refused.problem], aborted=True)
    doc = YamlDoc(text, None, _root=root)
    if root is None:
        return doc
    builder = Builder(aliases="&" in text)
    try:
        doc.data = builder.build(root, 0)
    except Refused as refused:
        doc.problems = [*builder.problems, refused.problem]
        doc.data = None
        doc.aborted = True
        doc._root = None
        return doc
    doc.problems = builder.problems
    return doc
