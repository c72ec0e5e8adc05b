"""`microokr checkin SPRINT`: record the day's KR values on an active sprint.

The daily check-in of cross-functional governance (domain.md): did the numbers
move since the last check-in; if not, what blocks them and which team owns the
blocker today. Values come from flags or, on a terminal, from prompts (one KR at a
time, the last value as the default). The entry, its checks (the registered rules
on the would-be file) and the write are `microokr.checking_in`'s; the table printed
afterwards is computed by `progress`.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from microokr.commands.common import (
    SprintArgument,
    console,
    open_sprint,
    parse_date,
    parse_kr_values,
    parse_number,
    resolve_today,
)
from microokr.formatting import markup_safe, number, percent, signed
from microokr.parsing import plain_text

if TYPE_CHECKING:
    from rich.console import Console

    from microokr.model import Sprint
    from microokr.prompting import Asker


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
    done: Annotated[
        list[str] | None,
        typer.Option(
            "--done",
            metavar="INITIATIVE",
            help="An initiative id finished that day; repeatable.",
        ),
    ] = None,
    blocked: Annotated[
        list[str] | None,
        typer.Option(
            "--blocked",
            metavar="INITIATIVE",
            help="An initiative id blocked that day; repeatable.",
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite the check-in already recorded that day.")
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never prompt: a missing answer is an error (exit 2)."),
    ] = False,
) -> int:
    """Record a check-in: each KR's value today, blockers when nothing moved.

    Example: microokr checkin west-pipeline-recovery --value kr1=24 --value kr2=1 --value kr3=11
    """
    from microokr import checking_in, progress
    from microokr.errors import UsageError
    from microokr.model import Confidence
    from microokr.model.states import choices

    day_today = resolve_today(ctx)
    workspace = open_sprint(ctx, sprint)  # MO706/MO707 read no other sprint
    source = workspace.find_sprint(sprint)
    model: Sprint = workspace.require_valid(source)
    day = parse_date(date, option="--date") if date else day_today
    values = parse_kr_values(value or [], model, option="--value")
    anchor_value = parse_number(anchor, "--anchor") if anchor is not None else None
    blockers = [
        checking_in.parse_blocker(plain_text(text, what="--blocker"), model)
        for text in blocker or []
    ]
    note = plain_text(note, what="--note") if note is not None else None
    from microokr.plan import initiative_marks

    done_ids = initiative_marks(model, done or [], option="--done")
    blocked_ids = initiative_marks(model, blocked or [], option="--blocked")
    if both := sorted(set(done_ids) & set(blocked_ids)):
        raise UsageError(f"'{both[0]}' is given as both --done and --blocked: choose one")
    if confidence is not None and confidence not in choices(Confidence):
        raise UsageError(
            f"--confidence '{confidence:.40}' is not one of {', '.join(choices(Confidence))}"
        )
    checking_in.check_day(workspace, source, model, day, day_today, replace=replace)
    out = console(ctx)
    ask = _asker(out, no_input=no_input)
    missing = [kr.id for kr in model.key_results if kr.id not in values]
    if missing and not ask.interactive:
        raise UsageError(
            f"no value for {', '.join(missing)} and {ask.why}: "
            "add --value KR=NUMBER for every KR of the sprint"
        )
    values.update(_ask_values(ask, model, day, missing))
    values = {kr.id: values[kr.id] for kr in model.key_results}
    if not blockers and not progress.krs_moved(model, values, day):
        blockers = [_ask_blocker(ask, model, day)]
    if ask.interactive and not (done or blocked):
        done_ids, blocked_ids = _ask_marks(ask, model, day)
    entry = checking_in.CheckinEntry(
        day, values, anchor_value, blockers, note, confidence, done_ids, blocked_ids
    )
    checking_in.check(workspace, source, entry, day_today, replace=replace)
    updated = checking_in.record(workspace, source, model, entry, day_today, replace=replace)
    out.print(f"Recorded the check-in of {day} in {markup_safe(source.rel)}.", soft_wrap=True)
    for label, ids in (("done", done_ids), ("blocked", blocked_ids)):
        if ids:
            out.print(f"Initiatives {label}: {markup_safe(', '.join(ids))}.", soft_wrap=True)
    if updated.model is not None:
        _print_paces(out, updated.model, day)
    return 0


def _asker(out: Console, *, no_input: bool) -> Asker:
    from microokr.prompting import Asker, TerminalPrompter

    return Asker(
        TerminalPrompter(out),
        interactive=not no_input and sys.stdin.isatty(),
        why="--no-input forbids asking" if no_input else "there is no terminal to ask",
        needs="the check-in",
    )


def _ask_values(ask: Asker, model: Sprint, day: dt.date, missing: list[str]) -> dict[str, float]:
    """One prompt per KR: `kr1 on 2026-12-02 (variants, last: 0)`; Enter keeps the last value."""
    from microokr import progress
    from microokr.formatting import number
    from microokr.prompting import read_number

    before = progress.previous_values(model, day)
    shown = "last" if progress.previous_checkin(model, day) is not None else "baseline"
    answers: dict[str, float] = {}
    for kr in model.key_results:
        if kr.id not in missing:
            continue
        previous = before.get(kr.id)
        last = number(previous) if previous is not None else None
        ask.io.note(f"{kr.id}: {kr.statement}")
        facts = [part for part in (kr.unit, f"{shown}: {last}" if last else None) if part]
        label = f"{kr.id} on {day}" + (f" ({', '.join(facts)})" if facts else "")
        answers[kr.id] = ask.until(label, read_number, default=last, shown=False)
    return answers


def _ask_blocker(ask: Asker, model: Sprint, day: dt.date) -> tuple[str, str]:
    """Governance rule 3: when no number moved, what blocks it and who owns it today."""
    from microokr import progress
    from microokr.errors import UsageError
    from microokr.prompting import one_of

    previous = progress.previous_checkin(model, day)
    since = f"the check-in of {previous.date}" if previous else "the baselines"
    if not ask.interactive:
        raise UsageError(
            f"no KR moved since {since}: name what blocks it and the team that owns the "
            "blocker today with --blocker 'WHAT@TEAM'"
        )
    ask.io.note(f"No KR moved since {since}.")
    what = ask.text("  What blocks it?", "--blocker", None, required=True)
    teams = list(model.owner.teams)
    team = ask.until(
        "  Which team owns the blocker today?",
        one_of(teams, what=f"an owning team of {model.id}"),
        default=teams[0] if len(teams) == 1 else None,
    )
    return str(what), team


def _ask_marks(ask: Asker, model: Sprint, day: dt.date) -> tuple[list[str], list[str]]:
    """The integrated plan's news of the day, skippable: Enter marks nothing."""
    from microokr.errors import UsageError
    from microokr.plan import open_initiatives, read_marks

    still_open = open_initiatives(model, day)
    if not still_open:
        return [], []
    listed = ", ".join(
        f"{item.id} (due {item.due})" if item.due else str(item.id) for item in still_open
    )
    ask.io.note(f"Initiatives not done yet: {listed}.")
    done = ask.until("  Done today? (ids, Enter for none)", lambda raw: read_marks(model, raw))

    def not_done(raw: str) -> list[str]:
        marks = read_marks(model, raw)
        if both := [mark for mark in marks if mark in done]:
            raise UsageError(f"'{both[0]}' is marked done today already: it cannot be blocked")
        return marks

    blocked = ask.until("  Blocked today? (ids, Enter for none)", not_done)
    return done, blocked


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
    from microokr.dashboard import latest_confidence

    call = latest_confidence(model)
    if call is not None:  # the team's own call, beside the computed verdicts above
        out.print(f"Team's confidence: {markup_safe(call)}.", soft_wrap=True)
