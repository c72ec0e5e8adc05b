"""MO0: files. MO001-MO005 and MO007 are found by the reader and the models."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, loader_rule, sprint_rule, workspace_rule
from microokr.workspace import SourceFile

loader_rule(
    "MO001",
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

loader_rule(
    "MO002",
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

loader_rule(
    "MO003",
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

loader_rule(
    "MO004",
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

loader_rule(
    "MO005",
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

loader_rule(
    "MO007",
    "unsafe-yaml",
    Severity.ERROR,
    "Object-constructing tags, alias bombs, oversized or non-UTF-8 files.",
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
    """,
)


@workspace_rule(
    "MO006",
    "duplicate-id",
    Severity.ERROR,
    "Two sprints share an id, or two KRs in the OKR files share an id.",
)
def duplicate_id(ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint `id` used by another sprint file, and a KR `id` used twice
    across the OKR files, at the second occurrence (files in path order).

    ## Why is this bad?
    Sprints anchor to KRs by id and commands find sprints by id: with two of one
    id, `anchor_kr: q3-pipeline` or `microokr checkin west-pipeline-recovery` would
    pick one of them silently.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml and okrs/2026-q3-sales.yaml both hold
    - id: q3-pipeline
    ```

    ## Use instead
    ```yaml
    # one q3-pipeline; the other KR gets its own id
    - id: q3-enterprise-pipeline
    ```
    """
    first_sprint: dict[str, SourceFile] = {}
    for source, sprint in ctx.workspace.sprints():
        if sprint.id in first_sprint:
            yield Finding(
                f"the sprint id '{sprint.id}' is already used by {first_sprint[sprint.id].rel}: "
                "give this sprint its own id (and file name)",
                at=("id",),
                source=source,
            )
        else:
            first_sprint[sprint.id] = source
    first_kr: dict[str, SourceFile] = {}
    for source in ctx.workspace.okr_files:
        if source.model is None:
            continue
        for i, objective in enumerate(source.model.objectives):
            for j, key_result in enumerate(objective.key_results):
                if key_result.id in first_kr:
                    yield Finding(
                        f"the KR id '{key_result.id}' is already used in "
                        f"{first_kr[key_result.id].rel}: KR ids are unique across the workspace",
                        at=("objectives", i, "key_results", j, "id"),
                        source=source,
                    )
                else:
                    first_kr[key_result.id] = source


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
