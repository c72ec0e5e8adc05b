"""`microokr carry SPRINT`: draft the follow-up of a closed sprint, then lint it.

Thin: `carrying.carry_answers` decides what carries over, the `new` walk asks what
must be decided again (window, owners, lead, cadence, initiatives), and the file
is written and linted as `new` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from microokr.commands.common import (
    DryRunOption,
    NoInputOption,
    SprintArgument,
    open_workspace,
    resolve_today,
)


def register(app: typer.Typer) -> None:
    app.command("carry")(carry)


def carry(
    ctx: typer.Context,
    sprint: SprintArgument,
    new_id: Annotated[
        str | None, typer.Option("--id", metavar="NEW", help="The new sprint's id.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", metavar="DATE", help="window.start (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--end", metavar="DATE|LENGTH", help="window.end, or a length: 14d, 3w."),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="More answers from a YAML file, as for 'microokr new --from'; they win "
            "over what is carried.",
            dir_okay=False,
        ),
    ] = None,
    no_input: NoInputOption = False,
    dry_run: DryRunOption = False,
) -> int:
    """Draft the follow-up sprint of a closed one: its unmet KRs, baseline = final value.

    Check-ins and the close are dropped; `carried_from` names the closed sprint; the
    trigger is kr-at-risk with a signal drafted from the close's learning. Then the
    `new` walk asks what must be decided again. Refuses (exit 1) a sprint that is
    not closed, or whose KRs were all met.

    Example: microokr carry west-pipeline-recovery --start 2026-07-29 --end 14d
    """
    from microokr.carrying import carry_answers, merge_answers
    from microokr.commands.new import draft_and_write
    from microokr.drafting import read_answers_file

    day = resolve_today(ctx)
    workspace = open_workspace(ctx, sprint)
    source = workspace.find_sprint(sprint)
    closed = workspace.require_valid(source)
    preset = merge_answers(carry_answers(closed), read_answers_file(answers) if answers else {})
    if new_id is not None:
        preset["id"] = new_id
    window = dict(preset.get("window") or {})
    window.update({k: v for k, v in (("start", start), ("end", end)) if v is not None})
    if window:
        preset["window"] = window
    intro = (
        f"Carrying '{closed.id}' over: its unmet KRs start from their final values. "
        "Decide the window, owners, lead, cadence and initiatives again. Ctrl-C "
        "stops without writing anything."
    )
    return draft_and_write(
        ctx, workspace, day, preset, intro, answers, no_input, dry_run, carried_from=closed.id
    )
