"""MO008 file-name-mismatch: A sprint file's name is not `<id>.yaml`."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO008",
    "file-name-mismatch",
    Severity.WARNING,
    "A sprint file's name is not `<id>.yaml`.",
    local=True,
)
def file_name_mismatch(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint file whose name is not its `id` followed by `.yaml`.

    ## Why is this bad?
    People and scripts find a sprint by its id: `sprints/west-pipeline-recovery.yaml`
    should hold the sprint `west-pipeline-recovery`, and nothing else.

    ## Example
    ```yaml
    # sprints/pipeline.yaml
    id: west-pipeline-recovery
    ```

    ## Use instead
    ```yaml
    # sprints/west-pipeline-recovery.yaml
    id: west-pipeline-recovery
    ```
    """
    if source.path.name != f"{sprint.id}.yaml":
        yield Finding(
            f"the file is named {source.path.name} but holds the sprint '{sprint.id}': "
            f"rename it to {sprint.id}.yaml",
            at=("id",),
        )
