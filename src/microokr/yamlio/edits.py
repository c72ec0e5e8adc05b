"""The edits of a sprint file: pure functions from text to text.

Each edit finds its place (`yamlio.layout`), renders only the new block
(`yamlio.render`) and splices it in (`yamlio.splice`), which proves that the
result reads back as the intended data. Nothing here touches a file:
`yamlio.locking.locked_edit` applies an edit to one under its lock.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from microokr.errors import RefusedError
from microokr.yamlio.layout import (
    BREAKS,
    WHITESPACE,
    after_item,
    aliased_from_outside,
    content_end,
    dash_start,
    end_of_line,
    is_comment_line,
    layout_of,
    start_of_line,
)
from microokr.yamlio.render import render_flow, render_item, render_key
from microokr.yamlio.splice import (
    Parsed,
    append_at_end,
    child,
    ensure_break,
    parse,
    splice,
    with_fallback,
)

CHECKINS_BEFORE = ("revisions", "close")
"""A new `checkins:` key goes before these keys (format.md's order), else at the end."""


def _entry_date(item: Any) -> Any:
    return item.get("date") if isinstance(item, dict) else None


def _sort_key(day: Any) -> tuple[int, str]:
    return (0, day.isoformat()) if isinstance(day, dt.date) else (1, str(day))


def insert_checkin(text: str, entry: Mapping[str, Any]) -> str:
    """`text` with `entry` added to `checkins`, in date order (appended when it is the latest).

    Creates `checkins:` when absent: before `revisions:` / `close:`, else at the end.
    """
    return with_fallback(lambda fold: _insert_checkin(parse(text), dict(entry), fold))


def _insert_checkin(parsed: Parsed, entry: dict[str, Any], fold: bool) -> str:
    intended = copy.deepcopy(parsed.data)
    found = child(parsed.root, "checkins")
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
    layout = layout_of(parsed.root, sequence)
    dash_column = sequence.start_mark.column
    column = key.start_mark.column
    items = sequence.value
    flow = bool(getattr(items[min(index, len(items) - 1)], "flow_style", False))
    block = render_item("checkins", entry, layout, column=column, flow=flow, fold=fold)
    if index == len(items):
        position = after_item(parsed.text, items[-1], dash_column)
    elif index == 0:
        position = dash_start(parsed.text, items[0])
        # Keep the comments directly above the first item with it.
        while position > 0:
            previous = start_of_line(parsed.text, position - 1)
            is_comment, _ = is_comment_line(parsed.text, previous)
            if not is_comment or previous <= key.start_mark.index:
                break
            position = previous
    else:
        position = after_item(parsed.text, items[index - 1], dash_column)
    return splice(parsed, position, position, ensure_break(parsed, position) + block, intended)


def _insert_flow(
    parsed: Parsed, sequence: SequenceNode, index: int, entry: dict[str, Any], intended: Any
) -> str:
    """A list written ``[{...}, {...}]`` gets one more flow mapping."""
    rendered = render_flow(entry)
    items = sequence.value
    if index < len(items):
        position = items[index].start_mark.index
        return splice(parsed, position, position, rendered + ", ", intended)
    position = items[-1].end_mark.index
    return splice(parsed, position, position, ", " + rendered, intended)


def _replace_empty(
    parsed: Parsed,
    key: ScalarNode,
    value: Node,
    entry: dict[str, Any],
    intended: dict[str, Any],
    fold: bool,
) -> str:
    """``checkins: []`` (or ``~``, or nothing) becomes a block list."""
    layout = layout_of(parsed.root, None)
    block = render_item(
        "checkins", entry, layout, column=key.start_mark.column, flow=False, fold=fold
    )
    return _fill(parsed, key, value, block, intended)


def _fill(parsed: Parsed, key: ScalarNode, value: Node, body: str, intended: Any) -> str:
    """`key`'s empty value (nothing, ``~``, ``null``, ``[]``) replaced by the block `body`
    on the lines below it; a comment on the key's line stays on it."""
    text = parsed.text
    start = end = key.end_mark.index
    if not (isinstance(value, ScalarNode) and value.value == "" and value.style is None):
        start, end = value.start_mark.index, value.end_mark.index
        rest = text[end : end_of_line(text, end)].strip(WHITESPACE)
        if not rest:  # no comment after the token: no trailing spaces either
            while text[start - 1] in " \t":
                start -= 1
    line_end = end_of_line(text, end)
    kept = text[end:line_end]
    if not kept.endswith(tuple(BREAKS)):
        kept += parsed.newline
    return splice(parsed, start, line_end, body, intended, kept=kept)


def _new_checkins_key(
    parsed: Parsed, entry: dict[str, Any], intended: dict[str, Any], fold: bool
) -> str:
    layout = layout_of(parsed.root, None)
    column = parsed.root.start_mark.column
    block = render_key("checkins", [entry], layout, column=column, fold=fold)
    following = [
        key
        for key, _ in parsed.root.value
        if isinstance(key, ScalarNode) and key.value in CHECKINS_BEFORE
    ]
    if following:
        position = start_of_line(parsed.text, following[0].start_mark.index)
        # The comments directly above `revisions:` / `close:` stay with it.
        while position > 0:
            previous = start_of_line(parsed.text, position - 1)
            if not is_comment_line(parsed.text, previous)[0]:
                break
            position = previous
        return splice(parsed, position, position, block + "\n", intended)
    return append_at_end(parsed, block, intended)


def replace_checkin(text: str, entry: Mapping[str, Any]) -> str:
    """`text` with the check-in of `entry['date']` replaced by `entry` (same place)."""
    return with_fallback(lambda fold: _replace_checkin(parse(text), dict(entry), fold))


def _replace_checkin(parsed: Parsed, entry: dict[str, Any], fold: bool) -> str:
    found = child(parsed.root, "checkins")
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
    if aliased_from_outside(parsed.root, item):
        raise RefusedError(_anchored(parsed.text, item, entry.get("date")))
    if sequence.flow_style:
        start, end = item.start_mark.index, item.end_mark.index
        return splice(parsed, start, end, render_flow(entry), intended)
    flow = bool(getattr(item, "flow_style", False))
    layout = layout_of(parsed.root, sequence)
    block = render_item(
        "checkins", entry, layout, column=key.start_mark.column, flow=flow, fold=fold
    )
    start = dash_start(parsed.text, item)
    end = content_end(parsed.text, item)
    if not parsed.text[start:end].endswith(tuple(BREAKS)):  # last line of the file
        block = block.rstrip("\n")
    return splice(parsed, start, end, block, intended)


def _anchored(text: str, item: Node, day: Any) -> str:
    found = re.search(r"&([^\s,\[\]{}]+)", text[item.start_mark.index : item.end_mark.index])
    anchor, alias = (f"&{found[1]}", f"*{found[1]}") if found else ("an anchor", "the alias")
    return (
        f"the check-in of {day} defines {anchor}, which a value elsewhere in the file uses: "
        f"write that value out in place of {alias} first, then replace the check-in"
    )


def set_close(text: str, close: Mapping[str, Any]) -> str:
    """`text` with a `close:` block appended at the end, or in place of an empty
    ``close:`` (``~``, ``null``) placeholder; refused when the sprint has a close."""
    parsed = parse(text)
    found = child(parsed.root, "close")
    if found is not None and parsed.data.get("close") is not None:
        raise RefusedError("the sprint already has a `close` block")

    def edit(fold: bool) -> str:
        intended = copy.deepcopy(parsed.data)
        intended["close"] = dict(close)
        layout = layout_of(parsed.root, None)
        column = parsed.root.start_mark.column if found is None else found[0].start_mark.column
        block = render_key("close", dict(close), layout, column=column, fold=fold)
        if found is not None:
            body = "".join(block.splitlines(keepends=True)[1:])
            return _fill(parsed, found[0], found[1], body, intended)
        return append_at_end(parsed, block, intended)

    return with_fallback(edit)
