"""The one YAML emitter: new blocks for edits (ruamel.yaml) and the scalars `new` writes.

Edits render *only* the new block (`render_key`, `render_item`, `render_flow`),
indented like the file (`yamlio.layout`), and splice it in; ruamel is used for
that block alone, never to dump a whole document (that changes bytes elsewhere:
``shared/notes/yaml-facts.md``). The drafted sprint of `new` is written line by
line (`yamlio.sprint_text`) with `scalar` and `text_lines` from here. Every
rendering is read back and compared with the data by its caller.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import textwrap
from collections.abc import Mapping
from typing import Any

from microokr.yamlio.layout import Layout
from microokr.yamlio.scalars import resolve_plain

FOLD_WIDTH = 88
"""Strings longer than this are written as folded (``>-``) blocks of about this width."""
FLOW_KEYS = frozenset(
    {"values", "final", "anchor", "attendees", "done", "blocked", "depends_on", "roles", "contacts"}
)
"""Mappings and lists written in flow style, as format.md shows them: ``{kr1: 24, kr2: 1}``."""


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


# ── Scalars written line by line (the drafted sprint of `new`) ────────────────

PLAIN_LIMIT = 100
"""A value whose whole line fits in this many columns stays on one line."""


def _plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when `text` reads back as the same string written without quotes."""
    if not text or text != text.strip() or any(c in text for c in "\n\r\t"):
        return False
    if not text.isprintable() or text[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    return bool(resolve_plain(text) == text)


def _folded_ok(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and "  " not in text
        and text.isprintable()
        and not any(c in text for c in "\n\r\t")
    )


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def scalar(value: Any, *, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _plain_ok(text, flow=flow) else _quoted(text)


def text_lines(key: str | None, value: str, indent: int) -> list[str]:
    """`key: value` (`- value` for a list item, `key=None`), folded when the line is too long."""
    pad = " " * indent
    lead = "- " if key is None else f"{key}: "
    line = f"{pad}{lead}{scalar(value)}"
    if len(line) <= PLAIN_LIMIT or not _folded_ok(value):
        return [line]
    # A folded block's lines sit deeper than its key, or than the item's dash and its value.
    body_pad = pad + ("    " if key is None else "  ")
    body = textwrap.wrap(
        value,
        width=max(40, FOLD_WIDTH - len(body_pad)),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [f"{pad}{lead}>-", *(body_pad + part for part in body)]
