"""Values built from libyaml's node tree, refusing what is unsafe before building it.

Every safety check works on nodes: tags, alias expansion (an alias bomb of 342
bytes loads in 5 ms but explodes whatever walks it), recursion, nesting depth and
duplicate keys (PyYAML silently keeps the last one). See ``shared/notes/yaml-facts.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from microokr.rules.mo0.codes import DUPLICATE_KEY, INVALID_VALUE, UNSAFE_YAML
from microokr.yamlio.scalars import resolve_plain

MAX_DEPTH = 64
MAX_EXPANDED_NODES = 50_000


class _Plain:
    """The tag `read._NodeLoader.resolve` gives a plain (untagged, unquoted) scalar: an
    object, not a string, so that no tag a YAML text spells (`!<microokr:plain>` on a
    list, or on a quoted "007") is ever taken for it."""

    def __repr__(self) -> str:
        return "PLAIN"


PLAIN: Any = _Plain()
_NO_TAG: Any = object()
STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
_ALLOWED_TAGS: frozenset[Any] = frozenset(
    {
        PLAIN,
        STR,
        SEQ,
        MAP,
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:timestamp",
    }
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a double-quoted escape can smuggle in (libyaml refuses them raw): terminal
escape sequences and bidi overrides would reach prompts, tables and CI logs live."""


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A problem found while reading a file, before any model sees it (1-based)."""

    code: str
    line: int
    column: int
    message: str


class Refused(Exception):
    """A file refused while reading: one problem, no value built."""

    def __init__(self, problem: LoadProblem) -> None:
        self.problem = problem


_EXPLICIT_CHECKS: dict[str, Any] = {
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "timestamp": lambda v: isinstance(v, dt.date),
}


def _explicit(node: ScalarNode) -> Any:
    """A scalar with an explicit standard tag (``!!int 5``; ``!!map x`` is refused)."""
    kind = node.tag.rsplit(":", 1)[-1]
    value = resolve_plain(node.value)
    check = _EXPLICIT_CHECKS.get(kind)
    if check is not None and check(value):
        return float(value) if kind == "float" else value
    raise Refused(
        _at(
            node,
            INVALID_VALUE,
            f"'{node.value:.40}' is not a valid !!{kind}: remove the tag or fix the value",
        )
    )


class Builder:
    """Turns a node tree into plain Python values, refusing what is unsafe."""

    def __init__(self, *, aliases: bool = True) -> None:
        """`aliases=False` when the text has no anchor (`&`): no alias can occur."""
        self.expanded = 0
        self.built: dict[int, Any] = {}
        self.active: set[int] = set()
        self.problems: list[LoadProblem] = []
        self.aliases = aliases

    def build(self, node: Node, depth: int) -> Any:
        if not self.aliases:
            return _tree(node, depth, self.problems)
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise Refused(
                _at(
                    node,
                    UNSAFE_YAML,
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
                raise Refused(
                    _at(node, UNSAFE_YAML, "an alias refers to itself: remove the recursive anchor")
                )
        if depth > MAX_DEPTH:
            raise Refused(
                _at(node, UNSAFE_YAML, f"values are nested deeper than {MAX_DEPTH} levels")
            )
        tag = node.tag
        # The common cases first: this loop runs for every value of every file.
        if tag is PLAIN:
            value: Any = resolve_plain(node.value)
        elif tag == STR and isinstance(node, ScalarNode):
            value = node.value
            if node.style == '"' and _CONTROL.search(value):
                raise Refused(_control(node, value))
        elif tag not in _ALLOWED_TAGS:
            raise Refused(_tag_refused(node))
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
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise Refused(_key_refused(key_node))
            name = key_node.value
            if name in first_seen:
                self.problems.append(_duplicate(key_node, name, first_seen[name]))
                continue
            first_seen[name] = key_node.start_mark.line + 1
            result[name] = self.build(value_node, depth + 1)
        return result


def _tree(node: Node, depth: int, problems: list[LoadProblem]) -> Any:
    """`Builder.build` for a text without anchors: each node is built once, so the
    expansion count is the node count that `read` already capped. Same checks, in the
    same order, without the bookkeeping aliases need; this runs for every value read."""
    if depth > MAX_DEPTH:
        raise Refused(_at(node, UNSAFE_YAML, f"values are nested deeper than {MAX_DEPTH} levels"))
    tag = node.tag
    if tag is PLAIN:
        return resolve_plain(node.value)
    if tag == STR and isinstance(node, ScalarNode):
        value = node.value
        if node.style == '"' and _CONTROL.search(value):
            raise Refused(_control(node, value))
        return value
    if tag not in _ALLOWED_TAGS:
        raise Refused(_tag_refused(node))
    if isinstance(node, ScalarNode):
        return _explicit(node)
    below = depth + 1
    # A scalar child is built here as `_tree` would (a call less for most values); at
    # the depth limit, `_NO_TAG` matches no tag: every child goes through `_tree`'s check.
    plain, text = (PLAIN, STR) if below <= MAX_DEPTH else (_NO_TAG, _NO_TAG)
    if isinstance(node, SequenceNode):
        return [
            resolve_plain(item.value) if item.tag is plain else _tree(item, below, problems)
            for item in node.value
        ]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
            raise Refused(_key_refused(key_node))
        name = key_node.value
        if name in result:  # every key before this one is in `result`: a repeat
            problems.append(_duplicate(key_node, name, _first_line(node, name)))
            continue
        tag = value_node.tag
        if tag is plain:
            result[name] = resolve_plain(value_node.value)
        elif tag == text and value_node.style != '"' and isinstance(value_node, ScalarNode):
            result[name] = value_node.value
        else:
            result[name] = _tree(value_node, below, problems)
    return result


def _first_line(node: Node, name: str) -> int:
    """The line of the first key `name` of a mapping (a repeated key's message says it)."""
    line: int = next(k.start_mark.line for k, _ in node.value if k.value == name)
    return line + 1


def _tag_refused(node: Node) -> LoadProblem:
    return _at(
        node,
        UNSAFE_YAML,
        f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: "
        "microokr files hold plain values only; remove the tag",
    )


def _key_refused(key_node: Node) -> LoadProblem:
    if not isinstance(key_node, ScalarNode):
        return _at(key_node, INVALID_VALUE, "a key must be a plain name, not a list or mapping")
    # A key's tag is never built, but it is still not plain data: refuse it too.
    return _at(
        key_node,
        UNSAFE_YAML,
        f"the tag {key_node.tag.replace('tag:yaml.org,2002:', '!!')} on the key "
        f"'{key_node.value:.40}' is not allowed: microokr files hold plain "
        "values only; remove the tag",
    )


def _duplicate(key_node: Node, name: str, first_line: int) -> LoadProblem:
    return _at(
        key_node,
        DUPLICATE_KEY,
        f"the key '{name:.60}' repeats the one on line {first_line}: keep one and delete the other",
    )


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
        INVALID_VALUE,
        f"the text holds the control character U+{codepoint:04X} (an escape in quotes): remove it",
    )


def _at(node: Node, code: str, message: str) -> LoadProblem:
    return LoadProblem(code, node.start_mark.line + 1, node.start_mark.column + 1, message)
