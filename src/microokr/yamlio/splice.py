"""Splicing a rendered block into a sprint's text, and proving the result.

Why not load and dump the whole document with ruamel.yaml: even with the best
settings a round-trip dump changes bytes (spacing after colons, ``~``, CRLF line
endings), and `.append()` moves the comment that follows the last list item
(``shared/notes/yaml-facts.md``). So, as pre-commit's ``yaml_rewrite`` does, an edit

1. finds the insertion point from libyaml's node marks (`yamlio.layout`),
2. renders *only* the new block, indented like the file (`yamlio.render`),
3. splices it into the original text, in the file's line endings (`splice`),
4. re-parses the result and checks that its data equals the intended data,
   refusing (nothing written) when it does not.

Everything outside the edited block stays byte-for-byte the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from microokr.errors import RefusedError, WorkspaceError, WriteError
from microokr.yamlio.layout import BREAKS, WHITESPACE, content_end, end_of_line
from microokr.yamlio.read import DEFAULT_MAX_BYTES, MAX_EXPANDED_NODES, read_yaml


class EditConsistencyError(WriteError):
    """The edited text would not read back as the intended data: nothing is written."""


@dataclass(frozen=True)
class Parsed:
    text: str
    data: dict[str, Any]
    root: MappingNode
    newline: str


def parse(text: str) -> Parsed:
    doc = read_yaml(text.encode("utf-8"), max_bytes=max(DEFAULT_MAX_BYTES, 4 * len(text)))
    if doc.aborted or doc.problems or not isinstance(doc.data, dict):
        first = doc.problems[0] if doc.problems else None
        where = f" (line {first.line}: {first.message})" if first else ""
        raise WorkspaceError(f"the sprint file cannot be edited safely{where}")
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert isinstance(root, MappingNode)
    return Parsed(text, doc.data, root, _newline(text))


def _newline(text: str) -> str:
    """The file's line ending, taken from its first line (CRLF files stay CRLF)."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def child(root: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return key, value
    return None


def _same(left: Any, right: Any) -> bool:
    """Deep equality that also compares types (so `1` is not `True`, nor `1.0`)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return bool(left == right)


def splice(
    parsed: Parsed, start: int, end: int, block: str, intended: dict[str, Any], *, kept: str = ""
) -> str:
    """Replace text[start:end] with `kept` (verbatim) and `block` (``\\n`` endings, turned
    into the file's), then prove that the result reads back as `intended`."""
    block = block.replace("\n", parsed.newline) if parsed.newline != "\n" else block
    text = parsed.text[:start] + kept + block + parsed.text[end:]
    doc = read_yaml(text.encode("utf-8"), max_bytes=max(DEFAULT_MAX_BYTES, 4 * len(text)))
    over = [p for p in doc.problems if f"{MAX_EXPANDED_NODES:,} values" in p.message]
    if doc.aborted and over:  # the next command would refuse the file: refuse the edit
        raise RefusedError(f"after this edit {over[0].message}; nothing was written")
    if doc.aborted or doc.problems or not _same(doc.data, intended):
        raise EditConsistencyError(
            "internal error: the edited sprint file would not read back as intended, so "
            "nothing was written; please report this with the file"
        )
    return text


def ensure_break(parsed: Parsed, position: int) -> str:
    """A line break to put before a block inserted at `position` when the line is open."""
    if position > 0 and parsed.text[position - 1] not in BREAKS:
        return "\n"
    return ""


def with_fallback(edit: Callable[[bool], str]) -> str:
    """Try folded long strings first; a plain rendering when folding does not read back."""
    try:
        return edit(True)
    except EditConsistencyError:
        return edit(False)


def _document_end(parsed: Parsed) -> int:
    """After the root mapping and the comments and blank lines that trail it, before
    a document end marker (``...``) if there is one."""
    text = parsed.text
    position = content_end(text, parsed.root)
    while position < len(text):
        line_end = end_of_line(text, position)
        stripped = text[position:line_end].strip(WHITESPACE)
        if stripped and not stripped.startswith("#"):
            break
        position = line_end
    return position


def append_at_end(parsed: Parsed, block: str, intended: dict[str, Any]) -> str:
    position = _document_end(parsed)
    text = parsed.text
    prefix = ensure_break(parsed, position)
    before = text[:position] + prefix
    # One blank line between sections, as the format's examples are written.
    if before.strip(WHITESPACE) and not re.search(r"(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$", before):
        prefix += "\n"
    return splice(parsed, position, position, prefix + block, intended)
