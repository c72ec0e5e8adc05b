"""MO007 unsafe-yaml: Object-constructing tags, alias bombs, oversized or non-UTF-8 files."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.rules.base import Finding, RuleContext, workspace_rule
from microokr.rules.mo0.codes import UNSAFE_YAML


@workspace_rule(
    UNSAFE_YAML,
    "unsafe-yaml",
    Severity.ERROR,
    "Object-constructing tags, alias bombs, oversized or non-UTF-8 files.",
)
def unsafe_yaml(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Refuses input that is unsafe or cannot be text: tags that construct objects
    (`!!python/object`), anchors and aliases that expand beyond a sane bound,
    nesting deeper than a sprint ever needs, files over the size limit
    (`max_file_size` in `microokr.yaml`, 1 MiB by default), bytes that are not
    UTF-8, folders or links where a file should be.

    ## Why is this bad?
    CI runs microokr on pull requests from anyone. A file must never make it run
    code, hang, exhaust memory or read outside the workspace.

    ## Example
    ```yaml
    anchor_kr: !!python/object/apply:os.system ["rm -rf /"]
    ```

    ## Use instead
    ```yaml
    anchor_kr: q3-pipeline
    ```
    """
    # The reader reports what it refuses inside a file (tagged UNSAFE_YAML); a link
    # that leaves the workspace is never opened, so it is found here, by its path.
    for rel in ctx.workspace.outside_links:
        yield Finding(
            "this link points outside the workspace, so microokr does not follow it: "
            "replace it with the file itself",
            path=rel,
            line=1,
            column=1,
        )
