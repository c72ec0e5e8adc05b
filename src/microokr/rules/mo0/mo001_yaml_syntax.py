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
    the parser stopped; and a merge conflict left in a file (git's `<<<<<<<`,
    `=======` and `>>>>>>>` lines), even where it still parses because the
    markers sit inside a block scalar.

    ## Why is this bad?
    Nothing in the file can be checked or used until it parses: the sprint is
    invisible to every other rule, to `status` and to the governance limits. A
    conflict that parses keeps both sides as text, and nobody chose between them.

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
