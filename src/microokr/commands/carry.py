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
    console,
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
    from microokr.commands.new import (
        lint_new,
        with_modeline,
        write_new,
    )
    from microokr.drafting import Walk, read_answers_file
    from microokr.errors import Interrupted, RefusedError
    from microokr.prompting import QuietPrompter, TerminalPrompter

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
    talk = console(ctx, stderr=dry_run)
    prompter = QuietPrompter(console(ctx, stderr=True)) if no_input else TerminalPrompter(talk)
    if not no_input:
        from rich.text import Text

        talk.print(
            Text(
                f"Carrying '{closed.id}' over: its unmet KRs start from their final values. "
                "Decide the window, owners, lead, cadence and initiatives again. Ctrl-C "
                "stops without writing anything.",
                style="bold",
            )
        )
    walk = Walk(
        workspace,
        day,
        prompter,
        preset=preset,
        no_input=no_input,
        source_name=f"the --from file {answers}" if answers is not None else "the answers",
    )
    walk.data["carried_from"] = closed.id
    try:
        draft = walk.run()
    except (KeyboardInterrupt, EOFError):
        talk.print()
        raise Interrupted("interrupted: nothing was written") from None
    if dry_run:
        print(draft.text, end="")
        return 0
    path = workspace.folder("sprints") / f"{draft.sprint_id}.yaml"
    if path.exists():
        raise RefusedError(f"{path} already exists: choose another id (nothing was written)")
    write_new(path, with_modeline(draft.text, path.relative_to(workspace.root).as_posix()))
    return lint_new(ctx, workspace.root, path, day)
