"""What several MO7 rules share."""

from __future__ import annotations


def blank(text: str | None) -> bool:
    return text is None or not text.strip()
