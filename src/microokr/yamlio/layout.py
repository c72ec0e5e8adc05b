"""Where things are in a sprint file's text, and how it indents, from libyaml's marks.

Offsets are character offsets into the text (libyaml's ``mark.index``); lines end at
any of YAML 1.1's breaks, because that is how libyaml counts them. Nothing here
changes text: `yamlio.edits` decides where to splice, `yamlio.render` what to write.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

BREAKS = "\r\n\x85\u2028\u2029"
"""What libyaml treats as a line break (YAML 1.1): its marks count lines by these."""
WHITESPACE = " \t" + BREAKS


@dataclass(frozen=True)
class Layout:
    """Indentation of block collections, measured from a key's column (ruamel's terms)."""

    mapping: int = 2
    sequence: int = 4
    """Column of an item's content, relative to the list's key."""
    offset: int = 2
    """Column of the ``-``, relative to the list's key."""


def start_of_line(text: str, index: int) -> int:
    while index > 0 and text[index - 1] not in BREAKS:
        index -= 1
    return index


def end_of_line(text: str, index: int) -> int:
    """The offset just after the line break that ends the line holding `index`."""
    while index < len(text) and text[index] not in BREAKS:
        index += 1
    if text.startswith("\r\n", index):
        return index + 2
    return min(index + 1, len(text))


def is_comment_line(text: str, start: int) -> tuple[bool, int]:
    """Whether the line starting at `start` holds only a comment, and the `#` column."""
    end = end_of_line(text, start)
    line = text[start:end].rstrip(WHITESPACE)
    stripped = line.lstrip(" \t")
    return stripped.startswith("#"), len(line) - len(stripped)


def _last_leaf(node: Node) -> Node:
    """The scalar or flow collection that ends `node`'s content (comments excluded)."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return node
    children: list[Node] = []
    if isinstance(node, SequenceNode):
        children = list(node.value)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            children += [key, value]
    if not children:
        return node
    return max((_last_leaf(child) for child in children), key=lambda n: n.end_mark.index)


def content_end(text: str, node: Node) -> int:
    """Offset just after the line on which `node`'s content ends (its trailing comment kept)."""
    leaf = _last_leaf(node)
    index = leaf.end_mark.index
    if isinstance(leaf, ScalarNode) and leaf.style in ("|", ">"):
        header = text[leaf.start_mark.index : end_of_line(text, leaf.start_mark.index)]
        if "+" in header.split("#", 1)[0]:
            return index  # `|+` keeps its trailing blank lines: they are its value
    # Block scalars end after their trailing line breaks: back up to the real text.
    while index > 0 and text[index - 1] in WHITESPACE:
        index -= 1
    return end_of_line(text, max(index - 1, 0))


def after_item(text: str, node: Node, dash_column: int) -> int:
    """Where a new list item goes after `node`: after its content and the comment lines
    indented deeper than its ``-`` (they continue it), before anything else."""
    position = content_end(text, node)
    while position < len(text):
        is_comment, column = is_comment_line(text, position)
        if not is_comment or column <= dash_column:
            break
        position = end_of_line(text, position)
    return position


def dash_start(text: str, item: Node) -> int:
    """The start of the line that holds the ``-`` of a block list item."""
    index = item.start_mark.index
    while index > 0 and text[index - 1] in WHITESPACE:
        index -= 1
    if index > 0 and text[index - 1] == "-":
        index -= 1
    return start_of_line(text, index)


def _block_sequences(node: MappingNode) -> Iterator[tuple[ScalarNode, SequenceNode]]:
    for key, value in node.value:
        if isinstance(value, SequenceNode) and not value.flow_style and value.value:
            yield key, value
        if isinstance(value, MappingNode) and not value.flow_style:
            yield from _block_sequences(value)


def layout_of(root: MappingNode, preferred: SequenceNode | None) -> Layout:
    """The file's indentation: from the list being edited, else any block list of
    mappings (key_results, initiatives), else format.md's (2, 4, 2)."""
    mapping = 2
    for key, value in root.value:
        block = isinstance(value, MappingNode) and not value.flow_style and value.value
        if block and value.start_mark.line > key.start_mark.line:
            mapping = max(1, value.start_mark.column - key.start_mark.column)
            break
    candidates: list[tuple[Node, SequenceNode]] = []
    if preferred is not None and preferred.value and not preferred.flow_style:
        candidates.append((_key_of(root, preferred), preferred))
    candidates += list(_block_sequences(root))
    for key, sequence in candidates:
        first = sequence.value[0]
        if not isinstance(first, MappingNode) or first.flow_style:
            continue
        offset = sequence.start_mark.column - key.start_mark.column
        indent = first.start_mark.column - key.start_mark.column
        if offset >= 0 and indent >= offset + 2:
            return Layout(mapping=mapping, sequence=indent, offset=offset)
    return Layout(mapping=mapping)


def _key_of(root: MappingNode, value: Node) -> Node:
    for key, candidate in root.value:
        if candidate is value:
            return key  # type: ignore[no-any-return]
    return root


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def aliased_from_outside(root: Node, part: Node) -> bool:
    """Whether a node inside `part` is also reached from outside it: an anchor defined
    in `part` that an alias elsewhere uses (libyaml shares the aliased node)."""
    start, end = part.start_mark.index, part.end_mark.index
    inside: set[int] = set()  # nodes written inside `part` (an alias's node is elsewhere)
    stack = [part]
    while stack:
        node = stack.pop()
        if id(node) not in inside and start <= node.start_mark.index <= end:
            inside.add(id(node))
            stack.extend(_children(node))
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node is part or id(node) in seen:
            continue
        if id(node) in inside:
            return True
        seen.add(id(node))
        stack.extend(_children(node))
    return False
