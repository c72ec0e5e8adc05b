"""Build a rule case's sprint from a base sprint and the case's `remove:`/`patch:`/`replace:`.

Dotted paths (`key_results.1.statement`, list indexes as numbers) are edited through
ruamel's round trip, which rewrites the base byte for byte except where it is told
to change; `replace:` pairs are plain text replacements for what a path cannot say
(bad YAML, a comment, a key written twice). See tests/fixtures/rules/README.md.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _step(part: str) -> str | int:
    return int(part) if part.lstrip("-").isdigit() else part


def _parent(data: Any, dotted: str) -> tuple[Any, str | int]:
    *parents, last = (_step(part) for part in str(dotted).split("."))
    node = data
    for part in parents:
        node = node[part]
    return node, last


def set_paths(text: str, patch: dict[str, Any], *, remove: Sequence[str] = ()) -> str:
    """`text` with each dotted path (`key_results.1.statement`) in `remove` deleted and
    each in `patch` set to its value (an index one past a list's end appends)."""
    yaml = _yaml()
    data = yaml.load(text)
    for dotted in remove:
        node, last = _parent(data, dotted)
        del node[last]
    for dotted, value in patch.items():
        node, last = _parent(data, dotted)
        if isinstance(node, list) and last == len(node):
            node.append(value)
        else:
            node[last] = value
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def replace_texts(text: str, replacements: list[dict[str, str]]) -> str:
    """`text` with each `{old: ..., new: ...}` applied in order; `old` must occur exactly once."""
    for item in replacements:
        old, new = item["old"], item["new"]
        count = text.count(old)
        if count != 1:
            raise AssertionError(f"replace: {old!r} occurs {count} times in the base, not once")
        text = text.replace(old, new)
    return text


def build_sprint(base: str, expect: dict[str, Any]) -> str:
    """The case's sprint: the base, `remove:` paths deleted, `patch:` paths set, `replace:` done."""
    text = base
    if expect.get("remove") or expect.get("patch"):
        text = set_paths(text, expect.get("patch") or {}, remove=expect.get("remove") or [])
    if expect.get("replace"):
        text = replace_texts(text, expect["replace"])
    return text
