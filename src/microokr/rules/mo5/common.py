"""What several MO5 rules share: a statement's words, where a KR field is."""

from __future__ import annotations

import re
from itertools import islice

_TOKEN = re.compile(r"#|%|\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")
_EMAIL = re.compile(r"\be-mail")


def words_of(text: str, first: int | None = None) -> list[str]:
    """The words of `text`, lower case (only the `first` ones, when given: the rest of
    the text is not read)."""
    text = text.lower()
    if "e-mail" in text:  # the one literal `_EMAIL` needs: most statements skip the search
        text = _EMAIL.sub("email", text)
    if first is None:
        return _TOKEN.findall(text)
    return [match.group() for match in islice(_TOKEN.finditer(text), first)]


def kr_at(index: int, field: str) -> tuple[str | int, ...]:
    return ("key_results", index, field)
