"""The fast, safe read path: libyaml through PyYAML's C binding, YAML 1.2 values.

Why not ruamel.yaml here: round-trip loading is pure Python and ~30x slower than a
libyaml compose (see ``shared/notes/yaml-facts.md``); it is kept for editing
(`yamledit.py`). PyYAML resolves scalars per YAML 1.1 (``no`` -> False,
``010`` -> 8), so we ask libyaml for *nodes only* and resolve plain scalars
ourselves per the YAML 1.2 core schema (plus ISO dates, which the format uses).

Every safety check works on the node tree, before any value is built:
size, UTF-8, tags, alias expansion, recursion, nesting depth and duplicate keys.
Positions are not stored per value: ``YamlDoc.locate(path)`` re-composes the
text on demand, because diagnostics are rare and memory for 10,000 files is not.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 50_000

Path = tuple[str | int, ...]

_PLAIN = "microokr:plain"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ALLOWED_TAGS = frozenset(
    {
        _PLAIN,
        _STR,
        _SEQ,
        _MAP,
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    }
)

_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ISO only: 2026-7-4 stays text
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a double-quoted escape can smuggle in (libyaml refuses them raw): terminal
escape sequences and bidi overrides would reach prompts, tables and CI logs live."""
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


class _TooManyNodes(Exception):
    pass


class _NodeLoader(yaml.CSafeLoader):
    """Composes nodes with libyaml; tags plain scalars so we can resolve them per 1.2."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

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


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A problem found while reading a file, before any model sees it (1-based)."""

    code: str
    line: int
    column: int
    message: str


class _Refused(Exception):
    def __init__(self, problem: LoadProblem) -> None:
        self.problem = problem


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if first in "0123456789+-.":
        if _INT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts: keep the text
                return text
        if _FLOAT.fullmatch(text):
            return float(text)
        if _DATE.fullmatch(text):
            year, month, day = (int(part) for part in text.split("-"))
            try:
                return dt.date(year, month, day)
            except ValueError:  # 2026-02-30: left as text, the model says why
                return text
        if _HEX.fullmatch(text):
            return int(text, 16)
        if _OCT.fullmatch(text):
            return int(text[2:], 8)
        if _INF.fullmatch(text):
            return -math.inf if first == "-" else math.inf
        if _NAN.fullmatch(text):
            return math.nan
    return text


_EXPLICIT_CHECKS: dict[str, Any] = {
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "timestamp": lambda v: isinstance(v, dt.date),
}


def _explicit(node: ScalarNode) -> Any:
    """A scalar with an explicit standard tag (``!!int 5``)."""
    kind = node.tag.rsplit(":", 1)[-1]
    value = resolve_plain(node.value)
    if _EXPLICIT_CHECKS[kind](value):
        return float(value) if kind == "float" else value
    raise _Refused(
        _at(
            node,
            "MO004",
            f"'{node.value:.40}' is not a valid !!{kind}: remove the tag or fix the value",
        )
    )


class _Builder:
    """Turns a node tree into plain Python values, refusing what is unsafe."""

    def __init__(self, *, aliases: bool = True) -> None:
        """`aliases=False` when the text has no anchor (`&`): no alias can occur."""
        self.expanded = 0
        self.built: dict[int, Any] = {}
        self.active: set[int] = set()
        self.problems: list[LoadProblem] = []
        self.aliases = aliases

    def build(self, node: Node, depth: int) -> Any:
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise _Refused(
                _at(
                    node,
                    "MO007",
                    f"the document expands to more than {MAX_EXPANDED_NODES:,} values "
                    "(an alias bomb?): remove the anchors and aliases",
                )
            )
        key = id(node)
        if self.aliases:
            if key in self.built:  # an alias: count its expansion, share the value
                self.expanded += _size(node, self.built)
                return self.built[key]
            if key in self.active:
                raise _Refused(
                    _at(node, "MO007", "an alias refers to itself: remove the recursive anchor")
                )
        if depth > MAX_DEPTH:
            raise _Refused(_at(node, "MO007", f"values are nested deeper than {MAX_DEPTH} levels"))
        tag = node.tag
        # The common cases first: this loop runs for every value of every file.
        if tag == _PLAIN:
            value: Any = resolve_plain(node.value)
        elif tag == _STR and isinstance(node, ScalarNode):
            value = node.value
            if node.style == '"' and _CONTROL.search(value):
                raise _Refused(_control(node, value))
        elif tag not in _ALLOWED_TAGS:
            raise _Refused(
                _at(
                    node,
                    "MO007",
                    f"the tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: "
                    "microokr files hold plain values only; remove the tag",
                )
            )
        elif isinstance(node, ScalarNode):
            value = _explicit(node)
        else:
            if self.aliases:
                self.active.add(key)
            if isinstance(node, SequenceNode):
                value = [self.build(item, depth + 1) for item in node.value]
            else:
                assert isinstance(node, MappingNode)
                value = self._mapping(node, depth)
            self.active.discard(key)
        if self.aliases:
            self.built[key] = value
        return value

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(
                    _at(key_node, "MO004", "a key must be a plain name, not a list or mapping")
                )
            if key_node.tag not in _ALLOWED_TAGS:
                # A key's tag is never built, but it is still not plain data: refuse it too.
                raise _Refused(
                    _at(
                        key_node,
                        "MO007",
                        f"the tag {key_node.tag.replace('tag:yaml.org,2002:', '!!')} on the key "
                        f"'{key_node.value:.40}' is not allowed: microokr files hold plain "
                        "values only; remove the tag",
                    )
                )
            name = key_node.value
            if name in first_seen:
                self.problems.append(
                    _at(
                        key_node,
                        "MO002",
                        f"the key '{name:.60}' repeats the one on line {first_seen[name]}: "
                        "keep one and delete the other",
                    )
                )
                continue
            first_seen[name] = key_node.start_mark.line + 1
            result[name] = self.build(value_node, depth + 1)
        return result


def _size(node: Node, seen: dict[int, Any]) -> int:
    """How many values an alias to `node` expands to (children are already built)."""
    if isinstance(node, ScalarNode):
        return 1
    stack = [node]
    total = 0
    while stack:
        current = stack.pop()
        total += 1
        if total > MAX_EXPANDED_NODES:
            return total
        if isinstance(current, SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, MappingNode):
            for pair in current.value:
                stack.extend(pair)
    return total


def _control(node: Node, value: str) -> LoadProblem:
    found = _CONTROL.search(value)
    codepoint = ord(found.group(0)) if found else 0
    return _at(
        node,
        "MO004",
        f"the text holds the control character U+{codepoint:04X} (an escape in quotes): remove it",
    )


def _at(node: Node, code: str, message: str) -> LoadProblem:
    return LoadProblem(code, node.start_mark.line + 1, node.start_mark.column + 1, message)


def _decode(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _Refused(
            LoadProblem(
                "MO007", 1, 1, "the file is UTF-16: microokr reads UTF-8; re-save it as UTF-8"
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
        raise _Refused(
            LoadProblem(
                "MO007",
                line,
                column,
                f"byte 0x{raw[error.start]:02x} is not UTF-8: re-save the file as UTF-8",
            )
        ) from None


def _compose(text: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_NodeLoader)
    except _TooManyNodes:
        raise _Refused(
            LoadProblem(
                "MO007",
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
            raise _Refused(
                LoadProblem(
                    "MO007", line, column, "values are nested too deeply to be a microokr file"
                )
            ) from None
        if "expected a single document" in problem or "found another document" in problem:
            problem = (
                "the file holds more than one YAML document: keep one, without '---' separators"
            )
        raise _Refused(LoadProblem("MO001", line, column, f"invalid YAML: {problem}")) from None
    except yaml.reader.ReaderError as error:
        # libyaml reports unprintable characters with a character offset, not a mark.
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        raise _Refused(
            LoadProblem(
                "MO001",
                line,
                column,
                f"invalid YAML: the control character U+{_codepoint(error.character):04X} "
                "is not allowed in a YAML file; delete it",
            )
        ) from None
    except yaml.YAMLError as error:  # anything else libyaml says: still one sentence
        raise _Refused(LoadProblem("MO001", 1, 1, f"invalid YAML: {error}")) from None


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character[:1] or "\0")


@dataclass
class YamlDoc:
    """A file read from bytes: its text, its plain value and what went wrong."""

    text: str
    data: Any = None
    problems: list[LoadProblem] = field(default_factory=list)
    aborted: bool = False
    """True when no value could be built (syntax error, unsafe input)."""
    _root: Node | None = field(default=None, repr=False)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of the value at `path` (of its key with `key=True`).

        When the path does not exist (a missing field), the deepest part that exists.
        """
        if self._root is None:
            try:
                self._root = _compose(self.text)
            except _Refused:
                return (1, 1)
            if self._root is None:
                return (1, 1)
        node: Node = self._root
        found = (node.start_mark.line + 1, node.start_mark.column + 1)
        for index, part in enumerate(path):
            child: Node | None = None
            key_node: Node | None = None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == str(part):
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


def read_yaml(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> YamlDoc:
    """Read one YAML file's bytes safely; never raises for any input."""
    if len(raw) > max_bytes:
        return YamlDoc(
            "",
            aborted=True,
            problems=[
                LoadProblem(
                    "MO007",
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
    except _Refused as refused:
        return YamlDoc("", problems=[refused.problem], aborted=True)
    doc = YamlDoc(text)
    if root is None:
        return doc
    builder = _Builder(aliases="&" in text)
    try:
        doc.data = builder.build(root, 0)
    except _Refused as refused:
        doc.problems = [*builder.problems, refused.problem]
        doc.data = None
        doc.aborted = True
        return doc
    doc.problems = builder.problems
    return doc
