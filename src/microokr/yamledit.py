"""Lossless, atomic edits of sprint files: splice one rendered block into the original text.

Why not load and dump the whole document with ruamel.yaml: even with the best
settings a round-trip dump changes bytes (spacing after colons, ``~``, CRLF line
endings), and `.append()` moves the comment that follows the last list item
(``shared/notes/yaml-facts.md``). So, as pre-commit's ``yaml_rewrite`` does, we

1. find the insertion point from libyaml's node marks (character offsets),
2. render *only* the new block with ruamel.yaml, indented like the file,
3. splice it into the original text, in the file's line endings (BOM kept),
4. re-parse the result and check that its data equals the intended data,
   refusing (nothing written) when it does not.

Everything outside the edited block stays byte-for-byte the same.

Concurrency: `locked_edit` holds an exclusive ``fcntl.flock`` on the sprint file
for the whole read-modify-write. The atomic rename replaces the file's inode, so
a writer that waited on the *old* inode would otherwise wake up holding a lock
nobody else respects; after locking we therefore check that the path still names
the inode we locked, and start again when it does not. Locking the file itself
(rather than a sidecar ``.lock`` file) leaves nothing behind in the sprints folder
for git to see.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from microokr.errors import RefusedError, WorkspaceError, WriteError
from microokr.fsio import atomic_write
from microokr.yamlread import DEFAULT_MAX_BYTES, read_yaml

try:  # POSIX; elsewhere edits are still atomic, only not serialised.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

BOM = "\ufeff"
_BREAKS = "\r\n\x85\u2028\u2029"
"""What libyaml treats as a line break (YAML 1.1): its marks count lines by these."""
_WHITESPACE = " \t" + _BREAKS
FOLD_WIDTH = 88
"""Strings longer than this are written as folded (``>-``) blocks of about this width."""
FLOW_KEYS = frozenset({"values", "final", "anchor", "attendees"})
"""Mappings and lists written in flow style, as format.md shows them: ``{kr1: 24, kr2: 1}``."""
CHECKINS_BEFORE = ("revisions", "close")
"""A new `checkins:` key goes before these keys (format.md's order), else at the end."""


# ── Layout: how the file indents, so a new block looks like its neighbours ────


@dataclass(frozen=True)
class Layout:
    """Indentation of block collections, measured from a key's column (ruamel's terms)."""

    mapping: int = 2
    sequence: int = 4
    """Column of an item's content, relative to the list's key."""
    offset: int = 2
    """Column of the ``-``, relative to the list's key."""


def _line_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1] not in _BREAKS:
        index -= 1
    return index


def _line_end(text: str, index: int) -> int:
    """The offset just after the line break that ends the line holding `index`."""
    while index < len(text) and text[index] not in _BREAKS:
        index += 1
    if text.startswith("\r\n", index):
        return index + 2
    return min(index + 1, len(text))


def _is_comment_line(text: str, start: int) -> tuple[bool, int]:
    """Whether the line starting at `start` holds only a comment, and the `#` column."""
    end = _line_end(text, start)
    line = text[start:end].rstrip(_WHITESPACE)
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


def _content_end(text: str, node: Node) -> int:
    """Offset just after the line on which `node`'s content ends (its trailing comment kept)."""
    leaf = _last_leaf(node)
    index = leaf.end_mark.index
    if isinstance(leaf, ScalarNode) and leaf.style in ("|", ">"):
        header = text[leaf.start_mark.index : _line_end(text, leaf.start_mark.index)]
        if "+" in header.split("#", 1)[0]:
            return index  # `|+` keeps its trailing blank lines: they are its value
    # Block scalars end after their trailing line breaks: back up to the real text.
    while index > 0 and text[index - 1] in _WHITESPACE:
        index -= 1
    return _line_end(text, max(index - 1, 0))


def _after_item(text: str, node: Node, dash_column: int) -> int:
    """Where a new list item goes after `node`: after its content and the comment lines
    indented deeper than its ``-`` (they continue it), before anything else."""
    position = _content_end(text, node)
    while position < len(text):
        is_comment, column = _is_comment_line(text, position)
        if not is_comment or column <= dash_column:
            break
        position = _line_end(text, position)
    return position


def _dash_start(text: str, item: Node) -> int:
    """The start of the line that holds the ``-`` of a block list item."""
    index = item.start_mark.index
    while index > 0 and text[index - 1] in _WHITESPACE:
        index -= 1
    if index > 0 and text[index - 1] == "-":
        index -= 1
    return _line_start(text, index)


def _block_sequences(node: MappingNode) -> Iterator[tuple[ScalarNode, SequenceNode]]:
    for key, value in node.value:
        if isinstance(value, SequenceNode) and not value.flow_style and value.value:
            yield key, value
        if isinstance(value, MappingNode) and not value.flow_style:
            yield from _block_sequences(value)


def _layout(root: MappingNode, preferred: SequenceNode | None) -> Layout:
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


# ── Rendering only the new block, with ruamel.yaml ─────────────────────────────


def _fold_positions(text: str, width: int) -> list[int]:
    """Spaces where a folded scalar may break: single spaces between words, ~`width` apart."""
    positions: list[int] = []
    line_start = 0
    candidate = -1
    for index, char in enumerate(text):
        if (
            char == " "
            and 0 < index < len(text) - 1
            and text[index - 1] != " "
            and text[index + 1] != " "
        ):
            if index - line_start > width and candidate > line_start:
                positions.append(candidate)
                line_start = candidate + 1
            candidate = index
    if len(text) - line_start > width and candidate > line_start:
        positions.append(candidate)
    return positions


def _foldable(text: str) -> bool:
    return (
        len(text) > FOLD_WIDTH
        and text == text.strip()
        and all(char.isprintable() for char in text)
        and "  " not in text
    )


def _to_ruamel(value: Any, *, key: str | None, fold: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString

    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for name, item in value.items():
            mapping[name] = _to_ruamel(item, key=name, fold=fold)
        if key in FLOW_KEYS:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list | tuple):
        sequence = CommentedSeq(_to_ruamel(item, key=None, fold=fold) for item in value)
        if key in FLOW_KEYS:
            sequence.fa.set_flow_style()
        return sequence
    if fold and isinstance(value, str) and _foldable(value):
        folded = FoldedScalarString(value)
        folded.fold_pos = _fold_positions(value, FOLD_WIDTH)
        return folded
    return value


def _dumper(layout: Layout) -> Any:
    """A fresh ruamel instance (no global state): the file's indentation, null as `null`."""
    from ruamel.yaml import YAML

    dumper = YAML(typ="rt")
    dumper.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    dumper.width = 4096  # we fold long strings ourselves; nothing else may wrap
    dumper.representer.add_representer(
        type(None),
        lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"),
    )
    return dumper


def _dump(data: Any, layout: Layout) -> str:
    stream = io.StringIO()
    _dumper(layout).dump(data, stream)
    return stream.getvalue()


def render_key(key: str, value: Any, layout: Layout, *, column: int = 0, fold: bool = True) -> str:
    """``key:`` and its block value, at `column`, with ``\\n`` line ends."""
    from ruamel.yaml.comments import CommentedMap

    document = CommentedMap()
    document[key] = _to_ruamel(value, key=key, fold=fold)
    return _indent(_dump(document, layout), column)


def render_item(
    key: str, item: Mapping[str, Any], layout: Layout, *, column: int, flow: bool, fold: bool
) -> str:
    """One block-list item (``- date: ...``) for the list under `key` at `column`."""
    from ruamel.yaml.comments import CommentedMap

    rendered = _to_ruamel(item, key=None, fold=fold and not flow)
    if flow:
        rendered.fa.set_flow_style()
    document = CommentedMap()
    document[key] = [rendered]
    lines = _dump(document, layout).splitlines(keepends=True)
    return _indent("".join(lines[1:]), column)


def render_flow(item: Mapping[str, Any]) -> str:
    """One item as a flow mapping on one line, for a list written ``[...]``."""
    rendered = _to_ruamel(item, key=None, fold=False)
    rendered.fa.set_flow_style()
    return _dump(rendered, Layout()).strip()


def _indent(block: str, column: int) -> str:
    if column == 0:
        return block
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in block.splitlines(True))


# ── The edits: pure functions from text to text, checked by re-parsing ───────


class EditConsistencyError(WriteError):
    """The edited text would not read back as the intended data: nothing is written."""


@dataclass(frozen=True)
class _Parsed:
    text: str
    data: dict[str, Any]
    root: MappingNode
    newline: str


def _parse(text: str) -> _Parsed:
    doc = read_yaml(text.encode("utf-8"), max_bytes=max(DEFAULT_MAX_BYTES, 4 * len(text)))
    if doc.aborted or doc.problems or not isinstance(doc.data, dict):
        first = doc.problems[0] if doc.problems else None
        where = f" (line {first.line}: {first.message})" if first else ""
        raise WorkspaceError(f"the sprint file cannot be edited safely{where}")
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert isinstance(root, MappingNode)
    return _Parsed(text, doc.data, root, _newline(text))


def _newline(text: str) -> str:
    """The file's line ending, taken from its first line (CRLF files stay CRLF)."""
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def _child(root: MappingNode, name: str) -> tuple[ScalarNode, Node] | None:
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


def _splice(
    parsed: _Parsed, start: int, end: int, block: str, intended: dict[str, Any], *, kept: str = ""
) -> str:
    """Replace text[start:end] with `kept` (verbatim) and `block` (``\\n`` endings, turned
    into the file's), then prove that the result reads back as `intended`."""
    block = block.replace("\n", parsed.newline) if parsed.newline != "\n" else block
    text = parsed.text[:start] + kept + block + parsed.text[end:]
    doc = read_yaml(text.encode("utf-8"), max_bytes=max(DEFAULT_MAX_BYTES, 4 * len(text)))
    if doc.aborted or doc.problems or not _same(doc.data, intended):
        raise EditConsistencyError(
            "internal error: the edited sprint file would not read back as intended, so "
            "nothing was written; please report this with the file"
        )
    return text


def _ensure_break(parsed: _Parsed, position: int) -> str:
    """A line break to put before a block inserted at `position` when the line is open."""
    if position > 0 and parsed.text[position - 1] not in _BREAKS:
        return "\n"
    return ""


def _entry_date(item: Any) -> Any:
    return item.get("date") if isinstance(item, dict) else None


def _sort_key(day: Any) -> tuple[int, str]:
    return (0, day.isoformat()) if isinstance(day, dt.date) else (1, str(day))


def _with_fallback(edit: Callable[[bool], str]) -> str:
    """Try folded long strings first; a plain rendering when folding does not read back."""
    try:
        return edit(True)
    except EditConsistencyError:
        return edit(False)


def insert_checkin(text: str, entry: Mapping[str, Any]) -> str:
    """`text` with `entry` added to `checkins`, in date order (appended when it is the latest).

    Creates `checkins:` when absent: before `revisions:` / `close:`, else at the end.
    """
    return _with_fallback(lambda fold: _insert_checkin(_parse(text), dict(entry), fold))


def _insert_checkin(parsed: _Parsed, entry: dict[str, Any], fold: bool) -> str:
    intended = copy.deepcopy(parsed.data)
    found = _child(parsed.root, "checkins")
    if found is None:
        intended["checkins"] = [entry]
        return _new_checkins_key(parsed, entry, intended, fold)
    key, sequence = found
    existing = intended.get("checkins")
    if isinstance(sequence, ScalarNode):  # `checkins:` or `checkins: ~`
        if existing is not None:
            raise RefusedError("`checkins` is not a list: make it a list of check-ins first")
        intended["checkins"] = [entry]
        return _replace_empty(parsed, key, sequence, entry, intended, fold)
    if not isinstance(sequence, SequenceNode) or not isinstance(existing, list):
        raise RefusedError("`checkins` is not a list: make it a list of check-ins first")
    index = len(existing)
    for position, item in enumerate(existing):
        if _sort_key(_entry_date(item)) > _sort_key(entry.get("date")):
            index = position
            break
    intended["checkins"] = [*existing[:index], entry, *existing[index:]]
    if not sequence.value:  # `checkins: []`
        return _replace_empty(parsed, key, sequence, entry, intended, fold)
    if sequence.flow_style:
        return _insert_flow(parsed, sequence, index, entry, intended)
    layout = _layout(parsed.root, sequence)
    dash_column = sequence.start_mark.column
    column = key.start_mark.column
    items = sequence.value
    flow = bool(getattr(items[min(index, len(items) - 1)], "flow_style", False))
    block = render_item("checkins", entry, layout, column=column, flow=flow, fold=fold)
    if index == len(items):
        position = _after_item(parsed.text, items[-1], dash_column)
    elif index == 0:
        position = _dash_start(parsed.text, items[0])
        # Keep the comments directly above the first item with it.
        while position > 0:
            previous = _line_start(parsed.text, position - 1)
            is_comment, _ = _is_comment_line(parsed.text, previous)
            if not is_comment or previous <= key.start_mark.index:
                break
            position = previous
    else:
        position = _after_item(parsed.text, items[index - 1], dash_column)
    return _splice(parsed, position, position, _ensure_break(parsed, position) + block, intended)


def _insert_flow(
    parsed: _Parsed, sequence: SequenceNode, index: int, entry: dict[str, Any], intended: Any
) -> str:
    """A list written ``[{...}, {...}]`` gets one more flow mapping."""
    rendered = render_flow(entry)
    items = sequence.value
    if index < len(items):
        position = items[index].start_mark.index
        return _splice(parsed, position, position, rendered + ", ", intended)
    position = items[-1].end_mark.index
    return _splice(parsed, position, position, ", " + rendered, intended)


def _replace_empty(
    parsed: _Parsed,
    key: ScalarNode,
    value: Node,
    entry: dict[str, Any],
    intended: dict[str, Any],
    fold: bool,
) -> str:
    """``checkins: []`` (or ``~``, or nothing) becomes a block list; a comment on the
    key's line stays on it."""
    text = parsed.text
    start = end = key.end_mark.index
    if not (isinstance(value, ScalarNode) and value.value == "" and value.style is None):
        start, end = value.start_mark.index, value.end_mark.index
        rest = text[end : _line_end(text, end)].strip(_WHITESPACE)
        if not rest:  # no comment after the token: no trailing spaces either
            while text[start - 1] in " \t":
                start -= 1
    line_end = _line_end(text, end)
    kept = text[end:line_end]
    if not kept.endswith(tuple(_BREAKS)):
        kept += parsed.newline
    layout = _layout(parsed.root, None)
    block = render_item(
        "checkins", entry, layout, column=key.start_mark.column, flow=False, fold=fold
    )
    return _splice(parsed, start, line_end, block, intended, kept=kept)


def _new_checkins_key(
    parsed: _Parsed, entry: dict[str, Any], intended: dict[str, Any], fold: bool
) -> str:
    layout = _layout(parsed.root, None)
    column = parsed.root.start_mark.column
    block = render_key("checkins", [entry], layout, column=column, fold=fold)
    following = [
        key
        for key, _ in parsed.root.value
        if isinstance(key, ScalarNode) and key.value in CHECKINS_BEFORE
    ]
    if following:
        position = _line_start(parsed.text, following[0].start_mark.index)
        # The comments directly above `revisions:` / `close:` stay with it.
        while position > 0:
            previous = _line_start(parsed.text, position - 1)
            if not _is_comment_line(parsed.text, previous)[0]:
                break
            position = previous
        return _splice(parsed, position, position, block + "\n", intended)
    return _append_at_end(parsed, block, intended)


def _document_end(parsed: _Parsed) -> int:
    """After the root mapping and the comments and blank lines that trail it, before
    a document end marker (``...``) if there is one."""
    text = parsed.text
    position = _content_end(text, parsed.root)
    while position < len(text):
        line_end = _line_end(text, position)
        stripped = text[position:line_end].strip(_WHITESPACE)
        if stripped and not stripped.startswith("#"):
            break
        position = line_end
    return position


def _append_at_end(parsed: _Parsed, block: str, intended: dict[str, Any]) -> str:
    position = _document_end(parsed)
    text = parsed.text
    prefix = _ensure_break(parsed, position)
    before = text[:position] + prefix
    # One blank line between sections, as the format's examples are written.
    if before.strip(_WHITESPACE) and not re.search(r"(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)$", before):
        prefix += "\n"
    return _splice(parsed, position, position, prefix + block, intended)


def replace_checkin(text: str, entry: Mapping[str, Any]) -> str:
    """`text` with the check-in of `entry['date']` replaced by `entry` (same place)."""
    return _with_fallback(lambda fold: _replace_checkin(_parse(text), dict(entry), fold))


def _replace_checkin(parsed: _Parsed, entry: dict[str, Any], fold: bool) -> str:
    found = _child(parsed.root, "checkins")
    existing = parsed.data.get("checkins")
    matches = (
        [i for i, item in enumerate(existing) if _entry_date(item) == entry.get("date")]
        if isinstance(existing, list)
        else []
    )
    if found is None or not matches or not isinstance(found[1], SequenceNode):
        raise RefusedError(f"there is no check-in dated {entry.get('date')} to replace")
    if len(matches) > 1:
        raise RefusedError(
            f"{len(matches)} check-ins are dated {entry.get('date')}: keep one by hand first"
        )
    key, sequence = found[0], found[1]
    assert isinstance(sequence, SequenceNode)
    index = matches[0]
    intended = copy.deepcopy(parsed.data)
    intended["checkins"][index] = entry
    item = sequence.value[index]
    if sequence.flow_style:
        start, end = item.start_mark.index, item.end_mark.index
        return _splice(parsed, start, end, render_flow(entry), intended)
    flow = bool(getattr(item, "flow_style", False))
    layout = _layout(parsed.root, sequence)
    block = render_item(
        "checkins", entry, layout, column=key.start_mark.column, flow=flow, fold=fold
    )
    start = _dash_start(parsed.text, item)
    end = _content_end(parsed.text, item)
    if not parsed.text[start:end].endswith(tuple(_BREAKS)):  # last line of the file
        block = block.rstrip("\n")
    return _splice(parsed, start, end, block, intended)


def set_close(text: str, close: Mapping[str, Any]) -> str:
    """`text` with a `close:` block appended at the end (refused when one exists)."""
    parsed = _parse(text)
    if _child(parsed.root, "close") is not None:
        raise RefusedError("the sprint already has a `close` block")

    def edit(fold: bool) -> str:
        intended = copy.deepcopy(parsed.data)
        intended["close"] = dict(close)
        layout = _layout(parsed.root, None)
        block = render_key(
            "close", dict(close), layout, column=parsed.root.start_mark.column, fold=fold
        )
        return _append_at_end(parsed, block, intended)

    return _with_fallback(edit)


# ── Files: bytes, BOM, lock, atomic write ──────────────────────────────────────


def decode(raw: bytes) -> tuple[bool, str]:
    """(had a BOM, text). Non-UTF-8 files are refused (lint says where)."""
    bom = raw.startswith(BOM.encode("utf-8"))
    try:
        return bom, raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkspaceError("the sprint file is not UTF-8: run 'microokr lint' on it") from None


def encode(bom: bool, text: str) -> bytes:
    return (BOM if bom else "").encode("utf-8") + text.encode("utf-8")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[int]:
    """An exclusive lock on the file `path` names now; yields a descriptor to read it by."""
    while True:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as error:
            raise WorkspaceError(f"cannot open {path}: {error.strerror}") from None
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            opened, current = os.fstat(fd), os.stat(path)
        except FileNotFoundError:
            os.close(fd)
            raise WorkspaceError(f"{path} was removed while waiting to edit it") from None
        except BaseException:
            os.close(fd)
            raise
        if (opened.st_dev, opened.st_ino) == (current.st_dev, current.st_ino):
            break
        os.close(fd)  # replaced while we waited: lock the new file instead
    try:
        yield fd
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    chunks = []
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of writers killed mid-write (only lock holders write them)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[A-Za-z0-9_]+\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def locked_edit(
    path: Path,
    change: Callable[[str, dict[str, Any]], str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bytes:
    """Read, change and atomically rewrite `path` while holding its lock; the new bytes.

    `change(text, data)` gets the current text (no BOM) and its data, re-checks what
    it must on them (another writer may have been first) and returns the new text.
    """
    with locked(path) as fd:
        raw = _read_all(fd)
        if len(raw) > max_bytes:
            raise WorkspaceError(f"{path} is over the {max_bytes:,}-byte limit")
        bom, text = decode(raw)
        parsed = _parse(text)
        new_text = change(text, parsed.data)
        new_raw = encode(bom, new_text)
        if new_raw != raw:
            _remove_stale_temporaries(path)
            atomic_write(path, new_raw)
        return new_raw


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(common prefix length, common suffix length, len(new)): for tests and reviews."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix, len(new)


__all__: Sequence[str] = (
    "EditConsistencyError",
    "Layout",
    "changed_region",
    "decode",
    "encode",
    "insert_checkin",
    "locked",
    "locked_edit",
    "replace_checkin",
    "set_close",
)
