"""`microokr close SPRINT`: run the Sprint Close, record it, write the report.

Governance rule 4: the close is mandatory, early ones included. The questions are
domain.md's (did the anchor move and by how much, what did we learn about the gap,
which intervention had the highest impact, does the Tactical OKR need revision);
a joint sprint adds its own (every owning team present, did the outcome follow the
hypothesis, the root cause). Every question has a flag; `--no-input` (or no
terminal) takes the defaults and makes a question without one an error (exit 2),
before anything is written. Defaults, the block, its checks (the registered rules
on the would-be file) and the write are `microokr.closing`'s.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
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
from microokr.formatting import markup_safe

if TYPE_CHECKING:
    from rich.console import Console

    from microokr.closing import CloseAnswers
    from microokr.model import Sprint
    from microokr.prompting import Asker
    from microokr.workspace import SourceFile, Workspace


def register(app: typer.Typer) -> None:
    app.command("close")(close)


def close(
    ctx: typer.Context,
    sprint: SprintArgument,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The day of the close (default: today)."),
    ] = None,
    early: Annotated[
        str | None,
        typer.Option("--early", metavar="REASON", help="Why it closes before the window ends."),
    ] = None,
    attendee: Annotated[
        list[str] | None,
        typer.Option(
            "--attendee", metavar="TEAM", help="A team at the close; repeat for every team."
        ),
    ] = None,
    anchor_start: Annotated[
        str | None,
        typer.Option("--anchor-start", metavar="NUMBER", help="The anchor KR at sprint start."),
    ] = None,
    anchor_end: Annotated[
        str | None,
        typer.Option("--anchor-end", metavar="NUMBER", help="The anchor KR at the close."),
    ] = None,
    final: Annotated[
        list[str] | None,
        typer.Option(
            "--final",
            metavar="KR=NUMBER",
            help="A KR's final value (default: the last check-in's); repeatable.",
        ),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", help="The Sprint Lead's own words, quoted first in the report."),
    ] = None,
    learning: Annotated[
        str | None, typer.Option("--learning", help="What did we learn about the gap?")
    ] = None,
    hypothesis: Annotated[
        str | None,
        typer.Option(
            "--hypothesis",
            help="Joint sprints: did the outcome follow the hypothesis? (opens the learning)",
        ),
    ] = None,
    highest_impact: Annotated[
        str | None,
        typer.Option("--highest-impact", help="Which intervention moved the numbers most?"),
    ] = None,
    root_cause: Annotated[
        str | None,
        typer.Option("--root-cause", help="What did the sprint reveal about the root cause?"),
    ] = None,
    revision: Annotated[
        bool | None,
        typer.Option(
            "--revision/--no-revision",
            help="Does the anchor's Tactical OKR need revision?",
            show_default=False,
        ),
    ] = None,
    revision_note: Annotated[
        str | None, typer.Option("--revision-note", help="What to revise, or why not.")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Where the report goes (default: reports/<id>.md; '-': standard output).",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Never prompt: a missing answer is an error (exit 2)."),
    ] = False,
) -> int:
    """Run the Sprint Close: record the `close` block and write the retrospective report.

    Example: microokr close west-pipeline-recovery --no-revision --learning "..." --no-input
    """
    from microokr import closing, progress
    from microokr.errors import UsageError, WriteError

    day_today = resolve_today(ctx)
    workspace = open_sprint(ctx, sprint)  # MO704/706/708 and the report read no other sprint
    source = workspace.find_sprint(sprint)
    model: Sprint = workspace.require_valid(source)
    if model.close is not None:
        path = closing.report_path(workspace, model, output)
        why = closing.report_again(workspace, source, model, path, day_today)
        if why is not None and path is not None:
            console(ctx).print(
                f"{markup_safe(model.id)} was already closed on {model.close.date}; its report "
                f"was {why}: wrote {markup_safe(str(_shown(workspace, path)))}.",
                soft_wrap=True,
            )
            return 0
    closing.refuse_closed(model)
    answers = closing.CloseAnswers(parse_date(date, option="--date") if date else day_today)
    closing.check(workspace, source, model, answers, day_today, ("MO708",), pending=True)
    finals = parse_kr_values(final or [], model, option="--final")
    given_start = parse_number(anchor_start, "--anchor-start") if anchor_start else None
    given_end = parse_number(anchor_end, "--anchor-end") if anchor_end else None
    report_path = closing.report_path(workspace, model, output)
    out = console(ctx, stderr=output == "-")
    ask = _asker(out, no_input=no_input)
    joint = progress.is_joint(model)
    day = answers.day
    if ask.interactive:
        window = f"{model.window.start} to {model.window.end}"
        ask.io.note(f"Sprint Close of {model.id} ({window}), {day}")
    if closing.closes_early(model, day):
        answers.early = ask.text(
            "Why does it close before the window ends?", "--early", early, required=True
        )
    elif early is not None:
        raise UsageError(
            f"--early is for a close before the window ends on {model.window.end}; drop it"
        )
    answers.attendees = _attendees(ask, workspace, source, model, answers, attendee, day_today)
    defaults = closing.defaults(workspace, model)
    name = model.anchor_kr or "the anchor KR"
    answers.anchor_start = ask.number(
        f"{name} at sprint start", "--anchor-start", given_start, defaults.anchor_start
    )
    answers.anchor_end = ask.number(
        f"{name} now, at the close", "--anchor-end", given_end, defaults.anchor_end
    )
    for kr in model.key_results:
        answers.finals[kr.id] = ask.number(
            f"Final value of {kr.id} ({kr.statement})",
            f"--final {kr.id}=NUMBER",
            finals.get(kr.id),
            defaults.finals.get(kr.id),
        )
    closing.note_defaults(answers, defaults, given_start, given_end, finals)
    answers.summary = ask.text(
        "In your own words, how did it go? (optional)", "--summary", summary, required=False
    )
    if joint:
        answers.hypothesis = ask.text(
            "Did the outcome follow the hypothesis? (optional)",
            "--hypothesis",
            hypothesis,
            required=False,
        )
    answers.learning = ask.text(
        "What did we learn about the gap?", "--learning", learning, required=True
    )
    answers.highest_impact = ask.text(
        "Which intervention created the highest impact?",
        "--highest-impact",
        highest_impact,
        required=joint,
    )
    answers.root_cause = ask.text(
        "What did the sprint reveal about the root cause of the gap?",
        "--root-cause",
        root_cause,
        required=joint,
    )
    answers.revision_needed = ask.yes_no(
        "Does the anchor's Tactical OKR need revision?", "--revision or --no-revision", revision
    )
    answers.revision_note = ask.text(
        "What should change, or why not? (optional)",
        "--revision-note",
        revision_note,
        required=False,
    )
    closing.check(workspace, source, model, answers, day_today)
    updated, failure = closing.record(
        workspace, source, model, answers, report=report_path, today=day_today
    )
    out.print(
        f"Recorded the Sprint Close of {markup_safe(model.id)} in {markup_safe(source.rel)}.",
        soft_wrap=True,
    )
    if report_path is None:
        text = closing.report_text(workspace, source, updated, day_today)
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    elif failure is not None:
        raise WriteError(
            f"the close is recorded, but the report was not written ({failure}); "
            f"write it with 'microokr report {model.id} --output {report_path}'"
        )
    else:
        shown = _shown(workspace, report_path)
        out.print(f"Wrote the Sprint Close report to {markup_safe(str(shown))}.", soft_wrap=True)
    return 0


def _shown(workspace: Workspace, path: Path) -> Path:
    root = workspace.root
    return path.relative_to(root) if path.is_relative_to(root) else path


def _asker(out: Console, *, no_input: bool) -> Asker:
    from microokr.prompting import Asker, TerminalPrompter

    return Asker(
        TerminalPrompter(out),
        interactive=not no_input and sys.stdin.isatty(),
        why="--no-input forbids asking" if no_input else "there is no terminal to ask",
        needs="the close",
    )


def _attendees(
    ask: Asker,
    workspace: Workspace,
    source: SourceFile,
    model: Sprint,
    answers: CloseAnswers,
    given: list[str] | None,
    today: dt.date,
) -> list[str]:
    """The teams at the close: from --attendee, else asked (joint sprints), else the team."""
    from microokr import closing, progress
    from microokr.drafting.answers import AnswerError
    from microokr.errors import RefusedError, UsageError

    def judged(teams: list[str]) -> str | None:
        return closing.attendee_problem(workspace, source, model, answers, teams, today)

    if given:
        teams = closing.split_teams(",".join(given))
        unknown = closing.unknown_attendee(workspace, model, teams)
        if unknown:
            raise UsageError(f"--attendee {unknown}")
        refused = judged(teams)
        if refused:
            raise RefusedError(refused)
        return teams
    owners = list(dict.fromkeys(model.owner.teams))
    if not progress.is_joint(model):
        return owners
    question = "Which teams attend the close? (comma-separated)"
    if not ask.interactive:
        raise ask.missing(question, "--attendee")

    def parse(raw: str) -> list[str]:
        teams = closing.split_teams(raw)
        why = judged(teams)
        if why:
            raise AnswerError(why)
        return teams

    return ask.until(question, parse, default=", ".join(owners))
