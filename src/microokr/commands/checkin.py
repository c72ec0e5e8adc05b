"""`microokr checkin SPRINT`: record the day's KR values on an active sprint.

The daily check-in of cross-functional governance (domain.md): did the numbers
move since the last check-in; if not, what blocks them and which team owns the
blocker today. Values come from flags or, on a terminal, from prompts (one KR at a
time, the last value as the default). The entry is spliced into the sprint file by
`yamlio.edits` (every other byte kept) under the file's lock; the table printed
afterwards is computed by `progress`, nothing here derives a number.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from microokr.commands.common import (
    SprintArgument,
    TodayOption,
    console,
    open_workspace,
    parse_date,
    parse_kr_values,
    parse_number,
    plain_text,
    resolve_today,
)
from microokr.formatting import markup_safe, number, percent, signed

if TYPE_CHECKING:
    from rich.console import Console

    from microokr.model import Sprint


def register(app: typer.Typer) -> None:
    app.command("checkin")(checkin)


def checkin(
    ctx: typer.Context,
    sprint: SprintArgument,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The check-in's day (default: today)."),
    ] = None,
    value: Annotated[
        list[str] | None,
        typer.Option(
            "--value",
            metavar="KR=NUMBER",
            help="A KR's value that day; repeat for every KR (missing ones are asked for).",
        ),
    ] = None,
    anchor: Annotated[
        str | None,
        typer.Option("--anchor", metavar="NUMBER", help="The anchor KR's value that day."),
    ] = None,
    blocker: Annotated[
        list[str] | None,
        typer.Option(
            "--blocker",
            metavar="WHAT@TEAM",
            help="What blocks a KR and the owning team that owns the blocker today; repeatable.",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A short note.")] = None,
    confidence: Annotated[
        str | None,
        typer.Option(
            "--confidence",
            metavar="on-track|at-risk|off-track",
            help="The team's own call, shown beside the pace microokr computes.",
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite the check-in already recorded that day.")
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never prompt: a missing answer is an error (exit 2)."),
    ] = False,
    today: TodayOption = None,
) -> int:
    """Record a check-in: each KR's value today, blockers when nothing moved.

    Example: microokr checkin west-pipeline-recovery --value kr1=24 --value kr2=1 --value kr3=11
    """
    from microokr import progress
    from microokr.errors import RefusedError, UsageError
    from microokr.model import Confidence
    from microokr.model.states import choices

    day_today = resolve_today(ctx, today)
    workspace = open_workspace(ctx)
    source = workspace.find_sprint(sprint)
    model: Sprint = workspace.require_valid(source)
    day = parse_date(date, option="--date") if date else day_today
    values = parse_kr_values(value or [], model, option="--value")
    anchor_value = parse_number(anchor, "--anchor") if anchor is not None else None
    blockers = [_parse_blocker(plain_text(text, what="--blocker"), model) for text in blocker or []]
    note = plain_text(note, what="--note") if note is not None else None
    if confidence is not None and confidence not in choices(Confidence):
        raise UsageError(
            f"--confidence '{confidence:.40}' is not one of {', '.join(choices(Confidence))}"
        )
    _refuse_day(model, day, day_today, replace=replace)
    interactive = not no_input and sys.stdin.isatty()
    out = console(ctx)
    missing = [kr.id for kr in model.key_results if kr.id not in values]
    if missing:
        if not interactive:
            why = "--no-input forbids asking" if no_input else "there is no terminal to ask"
            raise UsageError(
                f"no value for {', '.join(missing)} and {why}: "
                "add --value KR=NUMBER for every KR of the sprint"
            )
        values.update(_ask_values(out, model, day, missing))
    values = {kr.id: values[kr.id] for kr in model.key_results}
    if not blockers and not progress.krs_moved(model, values, day):
        blockers = _blockers_for_stall(out, model, day, interactive=interactive)
    entry: dict[str, Any] = {"date": day, "values": values}
    if anchor_value is not None:
        entry["anchor"] = anchor_value
    if blockers:
        entry["blockers"] = [{"what": what, "owner": team} for what, team in blockers]
    if note:
        entry["note"] = note
    if confidence:
        entry["confidence"] = confidence

    def change(text: str, data: dict[str, Any]) -> str:
        from microokr.yamlio import edits

        # Another writer may have been first: decide again on what the file holds now.
        if data.get("close") is not None:
            raise RefusedError(f"{model.id} was closed while you were checking in; nothing written")
        recorded = {c.get("date") for c in data.get("checkins") or [] if isinstance(c, dict)}
        if day in recorded:
            if not replace:
                raise RefusedError(_duplicate(model, day))
            return edits.replace_checkin(text, entry)
        return edits.insert_checkin(text, entry)

    from microokr.workspace import source_from_bytes
    from microokr.yamlio.locking import locked_edit

    new_raw = locked_edit(source.path, change, max_bytes=workspace.config.max_file_size)
    updated = source_from_bytes(source.path, source.rel, source.kind, new_raw).model
    out.print(f"Recorded the check-in of {day} in {markup_safe(source.rel)}.", soft_wrap=True)
    if updated is not None:
        _print_paces(out, updated, day)
    return 0


def _refuse_day(model: Sprint, day: dt.date, today: dt.date, *, replace: bool) -> None:
    from microokr import progress
    from microokr.errors import RefusedError

    if progress.status(model, today) is progress.Status.CLOSED:
        assert model.close is not None
        raise RefusedError(
            f"{model.id} was closed on {model.close.date}; a closed sprint takes no check-ins"
        )
    if day > today:
        raise RefusedError(f"{day} is in the future (today is {today}): check in on the day")
    if day < model.window.start:
        raise RefusedError(
            f"{day} is before the window of {model.id} starts on {model.window.start}: "
            "check in from that day on"
        )
    if day > model.window.end:
        raise RefusedError(
            f"{day} is after the window of {model.id} ended on {model.window.end}: "
            f"record the Sprint Close instead with 'microokr close {model.id}'"
        )
    if not replace and any(c.date == day for c in model.checkins):
        raise RefusedError(_duplicate(model, day))


def _duplicate(model: Sprint, day: dt.date) -> str:
    return f"{model.id} already has a check-in for {day}: add --replace to overwrite it"


def _parse_blocker(text: str, model: Sprint) -> tuple[str, str]:
    from microokr.errors import RefusedError, UsageError

    what, sep, team = text.rpartition("@")
    what, team = what.strip(), team.strip()
    if not sep or not what or not team:
        raise UsageError(
            f"--blocker '{text:.60}' must be WHAT@TEAM, like "
            f"--blocker 'Legal review of the pilot terms@{model.owner.teams[0]}'"
        )
    teams = model.owner.teams
    if team not in teams:
        raise RefusedError(
            f"the blocker's team '{team:.60}' does not own {model.id}: "
            f"name one of its owning teams ({', '.join(teams)})"
        )
    return what, team


def _ask_values(out: Console, model: Sprint, day: dt.date, missing: list[str]) -> dict[str, float]:
    """One prompt per KR, the last value shown and taken on Enter."""
    from rich.prompt import Prompt

    from microokr import progress
    from microokr.errors import UsageError

    escape = markup_safe
    before = progress.previous_values(model, day)
    shown = "last" if progress.previous_checkin(model, day) is not None else "baseline"
    answers: dict[str, float] = {}
    for kr in model.key_results:
        if kr.id not in missing:
            continue
        previous = before.get(kr.id)
        last = number(previous) if previous is not None else None
        unit = f" {kr.unit}" if kr.unit else ""
        out.print(f"[bold]{escape(kr.id)}[/bold]: {escape(kr.statement)}")
        while True:
            label = f"  value on {day}{escape(unit)}" + (f" ({shown}: {last})" if last else "")
            answer = Prompt.ask(label, console=out, default=last, show_default=False)
            try:
                answers[kr.id] = parse_number(answer or "", kr.id)
                break
            except UsageError as error:
                out.print(f"  [red]{escape(error.message)}[/red]")
    return answers


def _blockers_for_stall(
    out: Console, model: Sprint, day: dt.date, *, interactive: bool
) -> list[tuple[str, str]]:
    """Governance rule 3: when no number moved, what blocks it and who owns it today."""
    from rich.prompt import Prompt

    from microokr import progress
    from microokr.errors import UsageError

    escape = markup_safe
    previous = progress.previous_checkin(model, day)
    since = f"the check-in of {previous.date}" if previous else "the baselines"
    if not interactive:
        raise UsageError(
            f"no KR moved since {since}: name what blocks it and the team that owns the "
            "blocker today with --blocker 'WHAT@TEAM'"
        )
    out.print(f"No KR moved since {escape(since)}.")
    while True:
        what = Prompt.ask("  What blocks it?", console=out).strip()
        try:
            plain_text(what, what="the blocker")
        except UsageError as error:
            out.print(f"  [red]{markup_safe(error.message)}[/red]")
            continue
        if what:
            break
        out.print("  [red]Name the blocker in a few words.[/red]")
    teams = list(model.owner.teams)
    question = "  Which team owns the blocker today?"
    if len(teams) == 1:
        team = Prompt.ask(question, console=out, choices=teams, default=teams[0])
    else:
        team = Prompt.ask(question, console=out, choices=teams)
    return [(what, team)]


def _print_paces(out: Console, model: Sprint, day: dt.date) -> None:
    from rich.markup import escape
    from rich.table import Table

    from microokr import progress
    from microokr.model.states import STYLE_BY_VERDICT as style

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name, justify in (
        ("KR", "left"),
        ("value", "right"),
        ("change", "right"),
        ("progress", "right"),
        ("expected", "right"),
        ("verdict", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for line in progress.checkin_paces(model, day):
        unit = line.key_result.unit or ""
        verdict = (
            f"[{style[line.pace]}]{line.pace.value}[/]" if line.pace is not None else "no target"
        )
        table.add_row(
            escape(line.key_result.id),
            escape(f"{number(line.value, missing='-')}{' ' + unit if unit else ''}"),
            signed(line.change, missing="-"),
            percent(line.progress, missing="-"),
            percent(line.expected, missing="-"),
            verdict,
        )
    out.print(table)
