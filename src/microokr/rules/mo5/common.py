"""What several MO5 rules share: a statement's words, where a KR field is."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"#|%|\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")


def words_of(text: str) -> list[str]:
    text = re.sub(r"\be-mail", "email", text.lower())
    return _TOKEN.findall(text)


def kr_at(index: int, field: str) -> tuple[str | int, ...]:
    return ("key_results", index, field)
