"""MO010 stale-schema-copy: The workspace's copy of the JSON Schemas is not this microokr's."""

from __future__ import annotations

import json
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.rules.base import Finding, RuleContext, workspace_rule


@workspace_rule(
    "MO010",
    "stale-schema-copy",
    Severity.WARNING,
    "The workspace's copy of the JSON Schemas is not this microokr's.",
)
def stale_schema_copy(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Compares each schema in `.microokr/schemas/` (written by `microokr init`, the
    target of every file's `yaml-language-server` modeline) with the schema of the
    running microokr, and reports a copy that differs. A workspace without the
    folder is not reported.

    ## Why is this bad?
    Editors validate against the copy: after an upgrade, a stale copy marks new
    fields as unknown and lets removed ones pass, so the editor and `lint` disagree.

    ## Example
    ```yaml
    # .microokr/schemas/sprint.schema.json, from an older microokr:
    # it has no `confidence` property for check-ins
    ```

    ## Use instead
    ```yaml
    # refreshed: microokr schema --output .microokr/schemas
    ```
    """
    from microokr.schemas import SCHEMA_FILES, WORKSPACE_SCHEMAS, generate

    folder = ctx.workspace.root / WORKSPACE_SCHEMAS
    if not folder.is_dir():
        return
    current = None
    for kind, name in SCHEMA_FILES.items():
        path = folder / name
        if not path.is_file():
            continue
        try:
            copy = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            copy = None
        current = current or generate()
        if copy != current[kind]:
            yield Finding(
                f"this copy of the {kind} schema is not the one of the running microokr: "
                f"refresh it with 'microokr schema --output {WORKSPACE_SCHEMAS}'",
                path=f"{WORKSPACE_SCHEMAS}/{name}",
                line=1,
                column=1,
            )
