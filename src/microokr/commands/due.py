"""`microokr due`: what each Sprint Lead owes today (check-ins, closes, kickoffs)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from microokr.commands.common import open_workspace, resolve_today


class DueFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("due")(due)


def due(
    ctx: typer.Context,
    output_format: Annotated[
        DueFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DueFormat.text,
) -> int:
    """List, per Sprint Lead, what is due today: check-ins by cadence, closes, kickoffs.

    Example: microokr due --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    import json

    from microokr.due import as_json, due_by_lead, render_markdown, render_text

    day = resolve_today(ctx)
    leads = due_by_lead(open_workspace(ctx), day)
    if output_format == DueFormat.json:
        print(json.dumps(as_json(leads, day), indent=2, ensure_ascii=False))
    elif output_format == DueFormat.markdown:
        print(render_markdown(leads, day), end="")
    else:
        print(render_text(leads, day), end="")
    return 0
