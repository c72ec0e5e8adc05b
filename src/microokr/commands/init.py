"""`microokr init [DIR]`: scaffold a workspace, refusing to overwrite anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from microokr.commands.common import TodayOption, resolve_today


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="Where to create the workspace (default: here).")
    ] = Path("."),
    pre_commit: Annotated[
        bool,
        typer.Option("--pre-commit", help="Also write a .pre-commit-config.yaml running lint."),
    ] = False,
    today: TodayOption = None,
) -> int:
    """Scaffold a workspace: microokr.yaml, an example OKR file, sprints/ and reports/.

    Example: microokr init my-okrs --pre-commit
    """
    from microokr.scaffold import scaffold

    written = scaffold(directory, today=resolve_today(ctx, today), pre_commit=pre_commit)
    for path in written:
        print(f"created {path}")
    print("next: edit microokr.yaml (your teams), then run 'microokr new' to draft a sprint")
    return 0
