"""MO001 yaml-syntax: The file is not valid YAML."""

from __future__ import annotations

from microokr.diagnostics import Severity
from microokr.rules.base import loader_rule
from microokr.rules.mo0.codes import YAML_SYNTAX

loader_rule(
    YAML_SYNTAX,
    "yaml-syntax",
    Severity.ERROR,
    "The file is not valid YAML.",
    """
    ## What it does
    Reports a file that the YAML parser cannot read, at the line and column where
    the parser stopped.

    ## Why is this bad?
    Nothing in the file can be checked or used until it parses: the sprint is
    invisible to every other rule, to `status` and to the governance limits.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35%
       baseline: 22        # one space short: not a key of the KR any more
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35%
        baseline: 22
    ```
    """,
)
