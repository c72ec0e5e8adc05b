"""Hostile YAML inputs built in code, shared by tests/test_hostile.py and bench/hostile.py."""

from __future__ import annotations


def billion_laughs() -> bytes:
    """Nine levels of nine aliases each: 10^9 values from a few hundred bytes."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        rows.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return ("\n".join(rows) + "\n").encode()


def wide_alias() -> bytes:
    """One 1,000-item anchor referenced 1,000 times: a million values, no nesting."""
    items = ", ".join(str(n) for n in range(1000))
    refs = "\n".join("  - *big" for _ in range(1000))
    return f"big: &big [{items}]\nuses:\n{refs}\n".encode()
