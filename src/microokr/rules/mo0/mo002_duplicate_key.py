"""MO002 duplicate-key: A mapping repeats a key."""

from __future__ import annotations

from microokr.diagnostics import Severity
from microokr.rules.base import loader_rule
from microokr.rules.mo0.codes import DUPLICATE_KEY

loader_rule(
    DUPLICATE_KEY,
    "duplicate-key",
    Severity.ERROR,
    "A mapping repeats a key.",
    """
    ## What it does
    Reports a key that appears twice in one mapping, at the second occurrence.

    ## Why is this bad?
    YAML readers silently keep one of the two values, so a number you wrote is
    lost without a word. microokr keeps the first and reports the second.

    ## Example
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-28
      end: 2026-08-04
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-28
    ```
    """,
)
