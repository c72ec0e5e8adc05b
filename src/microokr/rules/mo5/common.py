"""What several MO5 rules share: a statement's words, where a KR field is, a number as shown."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"#|%|\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")


def words_of(text: str) -> list[str]:
    text = re.sub(r"\be-mail", "email", text.lower())
    return _TOKEN.findall(text)


def shown(value: float) -> str:
    """A number as a person wrote it: 22, 0.35 (huge ints neither overflow nor flood a message)."""
    if isinstance(value, int):
        if abs(value) < 10**18:
            return str(value)
        return f"a {int(value.bit_length() * 0.30103) + 1}-digit number"
    return f"{value:g}"


def kr_at(index: int, field: str) -> tuple[str | int, ...]:
    return ("key_results", index, field)
