"""How a KR's number is written back to a person: exactly, never rounded.

`f"{x:g}"` turns 1234567 into 1.23457e+06: shown as a prompt's default, pressing
Enter would accept a different number. Every prompt and table writes numbers here.
"""

from __future__ import annotations


def plain_number(number: float) -> str:
    """A number as typed: exact, and read back as the same number (24, 21.6, 1234567)."""
    return str(int(number)) if isinstance(number, float) and number.is_integer() else str(number)
