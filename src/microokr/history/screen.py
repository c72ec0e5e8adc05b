"""A text screen that proves "no goalpost moved" without parsing old versions.

Most versions of a sprint differ from the next only by an appended check-in. A
block-style sprint file splits into top-level sections by its column-0 keys;
when the `key_results`, `window` and `anchor_kr` sections of the version that
first held a check-in are byte-identical to today's, nothing MO709 looks at can
differ. Anything the split cannot vouch for (flow style, anchors and aliases,
directives, odd bytes) answers None, and the caller parses as before.
"""

from __future__ import annotations

import re

GOALPOSTS = ("key_results", "window", "anchor_kr")
_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)")
_EMPTY = frozenset({"", "[]", "~", "null"})


def sections(text: str) -> dict[str, list[str]] | None:
    """Each top-level key's text (a key written twice keeps both), or None."""
    if "&" in text or "\t" in text or "\r" in text:
        return None  # aliases could tie sections together; tabs and CR: parse instead
    found: dict[str, list[list[str]]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if not line or line[0] in " #":
            if current is not None:
                current.append(line)
            continue
        match = _TOP_KEY.match(line)
        if match is None:
            return None  # `---`, `%YAML`, `{...}`, a list at the top: not ours to judge
        current = [line[match.end() :]]
        found.setdefault(match[1], []).append(current)
    return {key: ["\n".join(part).rstrip() for part in parts] for key, parts in found.items()}


def has_checkins(parts: dict[str, list[str]]) -> bool:
    """Whether the `checkins` section holds anything but an empty or null value."""
    for body in parts.get("checkins", []):
        lines = [line.split(" #", 1)[0].strip() for line in body.split("\n")]
        content = " ".join(line for line in lines if line and not line.startswith("#"))
        if content not in _EMPTY:
            return True
    return False


def same_goalposts(before: dict[str, list[str]], after: dict[str, list[str]]) -> bool:
    return all(before.get(key) == after.get(key) for key in GOALPOSTS)
