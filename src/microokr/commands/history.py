"""`microokr history SPRINT`: the sprint's timeline from git, as text, markdown or JSON.

Thin: `history.timeline` decides what happened, `history.render` writes it.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from microokr.commands.common import SprintArgument, open_workspace


class HistoryFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("history")(history)


def history(
    ctx: typer.Context,
    sprint: SprintArgument,
    output_format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.text,
) -> int:
    """Show a sprint's timeline from git: created, check-ins, moved goalposts, closed.

    Each change of a KR's baseline, target, unit or statement, the window or the
    anchor shows old → new, the commit, its author and date, and whether a
    revisions entry records it. Exit 2 outside a git repository.

    Example: microokr history west-pipeline-recovery --format markdown
    """
    from microokr.errors import WorkspaceError
    from microokr.history import open_history
    from microokr.history.render import render_json, render_markdown, render_text
    from microokr.history.timeline import timeline

    workspace = open_workspace(ctx, sprint)
    source = workspace.find_sprint(sprint)
    if source.doc.aborted:
        workspace.require_valid(source)  # says why the file cannot be read
    sprint_id = source.model.id if source.model is not None else source.path.stem
    config = workspace.config
    with open_history(workspace.root, config.sprints, max_bytes=config.max_file_size) as past:
        if not past.available:
            raise WorkspaceError(f"no history to show: {past.notice}")
        events = timeline(past, source)
        if past.failure is not None:
            raise WorkspaceError(f"no history to show: {past.failure}")
        notice = past.notice
    if not events:
        notice = f"{source.rel} is not committed yet: its history starts with its first commit"
    revisions = [str(r.what) for r in source.model.revisions] if source.model else []
    if output_format is HistoryFormat.json:
        text = render_json(sprint_id, source.rel, events, notice)
    elif output_format is HistoryFormat.markdown:
        text = render_markdown(sprint_id, source.rel, events, revisions)
    else:
        text = render_text(sprint_id, source.rel, events, revisions)
    sys.stdout.write(text)
    if notice is not None and output_format is not HistoryFormat.json:
        print(f"microokr: note: {notice}", file=sys.stderr)
    return 0
