"""MO003 unknown-field: A key the format does not know (with the closest known key)."""

from __future__ import annotations

from microokr.diagnostics import Severity
from microokr.rules.base import loader_rule
from microokr.rules.mo0.codes import UNKNOWN_FIELD

loader_rule(
    UNKNOWN_FIELD,
    "unknown-field",
    Severity.ERROR,
    "A key the format does not know (with the closest known key).",
    """
    ## What it does
    Reports a key that the file format does not define, and suggests the closest
    known key.

    ## Why is this bad?
    A typo such as `desired_conditon` would otherwise drop the value silently:
    the sprint would look as if it had no desired condition at all.

    ## Example
    ```yaml
    desired_conditon: Enough ICP accounts are in active conversations.
    ```

    ## Use instead
    ```yaml
    desired_condition: Enough ICP accounts are in active conversations.
    ```
    """,
)
