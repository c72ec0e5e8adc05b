"""`microokr report SPRINT`: render a sprint's markdown report without changing anything.

A Sprint Close report for a closed sprint, an interim progress report otherwise; the
same renderer `close` uses. Standard output by default, or `--output PATH` (written
atomically, so a reader never sees half a report).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from microokr.commands.common import SprintArgument, open_workspace, resolve_today
from microokr.formatting import one_line


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    ctx: typer.Context,
    sprint: SprintArgument,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file instead of standard output ('-': stdout).",
        ),
    ] = None,
) -> int:
    """Render the markdown report of a sprint; the sprint file is never changed.

    Example: microokr report west-pipeline-recovery --output reports/west-pipeline-recovery.md
    """
    from microokr.history import recalibrations_for
    from microokr.report import render_report

    day = resolve_today(ctx)
    workspace = open_workspace(ctx, sprint)
    source = workspace.find_sprint(sprint)
    model = workspace.require_valid(source)
    moved = recalibrations_for(workspace, source)
    text = render_report(workspace, source, model, day, recalibrations=moved)
    if output is None or output == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return 0
    write_report(Path(output), text)
    print(f"wrote {one_line(str(output))}")
    return 0


def write_report(path: Path, text: str) -> None:
    """Write a report atomically, creating its folder (`reports/` may not exist yet)."""
    from microokr.errors import WriteError
    from microokr.yamlio.files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise WriteError(f"could not create the folder {path.parent}: {reason}") from None
    if path.is_dir():
        raise WriteError(f"{path} is a folder: give --output a file name, like {path}/report.md")
    atomic_write(path, text.encode("utf-8"))
