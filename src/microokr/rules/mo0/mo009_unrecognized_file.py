"""MO009 unrecognized-file: A file in the OKR or sprint folder that microokr does not read."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.rules.base import Finding, RuleContext, workspace_rule


@workspace_rule(
    "MO009",
    "unrecognized-file",
    Severity.WARNING,
    "A file in the OKR or sprint folder that microokr does not read.",
)
def unrecognized_file(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports files in the OKR and sprint folders that microokr does not read: a
    `.yml` or `.json` file, a file without an extension. Hidden files are ignored.

    ## Why is this bad?
    A sprint saved as `west-pipeline-recovery.yml` would be skipped silently: not
    linted, not counted against its teams' limit, not on the dashboard.

    ## Example
    ```yaml
    # sprints/west-pipeline-recovery.yml
    id: west-pipeline-recovery
    ```

    ## Use instead
    ```yaml
    # sprints/west-pipeline-recovery.yaml
    id: west-pipeline-recovery
    ```
    """
    for rel in ctx.workspace.unrecognized:
        suffix = rel.rsplit("/", 1)[-1]
        hint = "rename it to .yaml" if suffix.endswith((".yml", ".YAML", ".yaml~")) else "move it"
        yield Finding(
            f"microokr reads only .yaml files here, so this file is skipped: {hint}",
            path=rel,
            line=1,
            column=1,
        )
