"""MO004 invalid-value.

A value of the wrong type (bad date, text for a number, unknown enum value).
"""

from __future__ import annotations

from microokr.diagnostics import Severity
from microokr.rules.base import loader_rule
from microokr.rules.mo0.codes import INVALID_VALUE

loader_rule(
    INVALID_VALUE,
    "invalid-value",
    Severity.ERROR,
    "A value of the wrong type (bad date, text for a number, unknown enum value).",
    """
    ## What it does
    Reports a value of the wrong type: a date that does not exist, text where a
    number goes, a trigger type or cadence that is not one of the allowed values.

    ## Why is this bad?
    Progress, pace and anchor movement are computed from these values; a `$21.2M`
    string or a 30 February cannot be computed with.

    ## Example
    ```yaml
    baseline: "$20M"
    window:
      start: 2026-02-30
    ```

    ## Use instead
    ```yaml
    baseline: 20
    unit: $M
    window:
      start: 2026-03-02
    ```
    """,
)
