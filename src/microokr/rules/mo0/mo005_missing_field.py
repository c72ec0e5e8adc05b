"""MO005 missing-field: A required field is absent."""

from __future__ import annotations

from microokr.diagnostics import Severity
from microokr.rules.base import loader_rule
from microokr.rules.mo0.codes import MISSING_FIELD

loader_rule(
    MISSING_FIELD,
    "missing-field",
    Severity.ERROR,
    "A required field is absent.",
    """
    ## What it does
    Reports a required field that is missing, at the mapping that should hold it.

    ## Why is this bad?
    Without an `id`, a `trigger.type`, a `window` or an `owner`, the sprint cannot
    be identified, scheduled or counted against its teams' limit.

    ## Example
    ```yaml
    id: west-pipeline-recovery
    trigger:
      signal: Qualified pipeline stands at $21.2M against a $30M target at Week 6.
    ```

    ## Use instead
    ```yaml
    id: west-pipeline-recovery
    trigger:
      type: kr-at-risk
      signal: Qualified pipeline stands at $21.2M against a $30M target at Week 6.
    ```
    """,
)
