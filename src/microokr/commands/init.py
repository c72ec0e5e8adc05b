"""`microokr init [DIR]`: scaffold a workspace, refusing to overwrite anything.

`--pre-commit` adds the hook config at the git root; in a workspace that exists
already it adds only that (pre-commit users add microokr to existing repos).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from microokr.commands.common import resolve_today
from microokr.formatting import one_line


class HookForm(StrEnum):
    remote = "remote"
    local = "local"


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="Where to create the workspace (default: here).")
    ] = Path("."),
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            help="Also add the microokr-lint hook to the git root's .pre-commit-config.yaml "
            "(in an existing workspace: only that).",
        ),
    ] = False,
    hook: Annotated[
        HookForm,
        typer.Option(
            "--hook",
            help="The hook's form: remote (pre-commit installs microokr from its repository) "
            "or local (language: system, microokr already installed).",
        ),
    ] = HookForm.remote,
    github: Annotated[
        bool,
        typer.Option(
            "--github",
            help="Also write the GitHub workflows at the git root (.github/workflows/): "
            "the daily 'microokr due' and the site on GitHub Pages "
            "(in an existing workspace: only those).",
        ),
    ] = False,
) -> int:
    """Scaffold a workspace: microokr.yaml, an example OKR file, sprints/ and reports/.

    Example: microokr init my-okrs --pre-commit
    """
    from microokr.precommit import hook_change
    from microokr.scaffold import scaffold
    from microokr.workflows import workflow_files
    from microokr.workspace import CONFIG_NAME
    from microokr.yamlio.files import atomic_write

    local = hook == HookForm.local
    workflows = workflow_files(directory) if github else {}
    if (pre_commit or github) and (directory / CONFIG_NAME).is_file():
        return _add_to_existing(directory, workflows, pre_commit=pre_commit, local=local)
    extra: dict[Path, str] = dict(workflows)
    splice: tuple[Path, str] | None = None
    if pre_commit:
        target, text = hook_change(directory, okrs="okrs", sprints="sprints", local=local)
        if target.exists():
            splice = (target, text)
        else:
            extra[target] = text
    written = scaffold(directory, today=resolve_today(ctx), extra=extra)
    if splice is not None:
        atomic_write(splice[0], splice[1].encode("utf-8"))
        written.append(splice[0])
    for path in written:
        shown = one_line(str(path))
        print(f"created {shown}" if path != (splice or (None,))[0] else f"updated {shown}")
    print("next: edit microokr.yaml (your teams), then run 'microokr new' to draft a sprint")
    return 0


def _add_to_existing(
    directory: Path, workflows: dict[Path, str], *, pre_commit: bool, local: bool
) -> int:
    """An existing workspace gains only what was asked for: the hook, the workflows."""
    from microokr.errors import RefusedError, WriteError
    from microokr.precommit import hook_change
    from microokr.workspace import load_workspace
    from microokr.yamlio.files import atomic_write

    existing = [path for path in workflows if path.exists() or path.is_symlink()]
    if existing:
        listed = ", ".join(one_line(str(path)) for path in existing)
        raise RefusedError(f"refusing to overwrite what exists: {listed}; nothing was written")
    changes = dict(workflows)
    if pre_commit:
        config = load_workspace(directory.resolve()).config
        target, text = hook_change(
            directory, okrs=str(config.okrs), sprints=str(config.sprints), local=local
        )
        changes[target] = text
    for path, text in changes.items():
        existed = path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise WriteError(f"could not create {one_line(str(path.parent))}: {reason}") from None
        atomic_write(path, text.encode("utf-8"))
        print(f"{'updated' if existed else 'created'} {one_line(str(path))}")
    if pre_commit:
        print("next: run 'pre-commit install' so the hook runs on every commit")
    return 0
