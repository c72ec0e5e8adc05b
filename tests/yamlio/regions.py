"""What an edit changed, for tests that assert every other byte was kept."""

from __future__ import annotations


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(common prefix length, common suffix length, len(new))."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix, len(new)
