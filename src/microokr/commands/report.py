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

from microokr.commands.common import SprintArgument, open_sprint, resolve_today
from microokr.formatting import one_line
from microokr.yamlio.files import write_report


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
    from microokr.history.overview import sprint_goalposts
    from microokr.report import render_report

    day = resolve_today(ctx)
    workspace = open_sprint(ctx, sprint)  # other sprints: only their carried_from
    source = workspace.find_sprint(sprint)
    model = workspace.require_valid(source)
    moved, krs = sprint_goalposts(workspace, source) or (None, [])
    text = render_report(workspace, source, model, day, recalibrations=moved, kr_changes=krs)
    if output is None or output == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return 0
    write_report(Path(output), text)
    print(f"wrote {one_line(str(output))}")
    return 0
