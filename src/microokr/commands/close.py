"""`microokr close SPRINT`: run the Sprint Close, record it, write the report.

Governance rule 4: the close is mandatory, early ones included. The questions are
domain.md's (did the anchor move and by how much, what did we learn about the gap,
which intervention had the highest impact, does the Tactical OKR need revision);
a joint sprint adds its own (every owning team present, did the outcome follow the
hypothesis, the root cause). Every question has a flag; `--no-input` (or no
terminal) takes the defaults and makes a question without one an error (exit 2),
before anything is written.

Defaults: the date is today; final KR values are the last check-in's
(`progress.latest_values`); the anchor's start is the first anchor reading of the
check-ins, else the anchor KR's `current` in its OKR file; its end is the last
reading. A single-team sprint's attendee is its team. The hypothesis answer has no
field of its own in the format: it opens `learning`, which is where the examples
answer it.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
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
from microokr.formatting import markup_safe, number, one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from microokr.model import Sprint
    from microokr.workspace import Workspace


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
    today: TodayOption = None,
) -> int:
    """Run the Sprint Close: record the `close` block and write the retrospective report.

    Example: microokr close west-pipeline-recovery --no-revision --learning "..." --no-input
    """
    from microokr import progress
    from microokr.errors import RefusedError, UsageError

    day_today = resolve_today(ctx, today)
    workspace = open_workspace(ctx)
    source = workspace.find_sprint(sprint)
    model: Sprint = workspace.require_valid(source)
    if model.close is not None:
        raise RefusedError(
            f"{model.id} was already closed on {model.close.date}; "
            "its report is rendered by 'microokr report'"
        )
    day = parse_date(date, option="--date") if date else day_today
    _refuse_date(model, day, day_today)
    finals = parse_kr_values(final or [], model, option="--final")
    report_path = _report_path(workspace, model, output)
    out = console(ctx, stderr=output == "-")
    interactive = not no_input and sys.stdin.isatty()
    ask = _Asker(
        out,
        interactive=interactive,
        why="--no-input forbids asking" if no_input else "there is no terminal to ask",
    )
    joint = progress.is_joint(model)
    if interactive:
        out.print(
            f"[bold]Sprint Close of {markup_safe(model.id)}[/bold] ({model.window.start} to "
            f"{model.window.end}), {day}"
        )

    if day < model.window.end:
        early = ask.text(
            "Why does it close before the window ends?", "--early", early, required=True
        )
    elif early is not None:
        raise UsageError(
            f"--early is for a close before the window ends on {model.window.end}; drop it"
        )
    attendees = _attendees(ask, workspace, model, attendee, joint=joint)

    readings = progress.anchor_readings(model)
    anchor_ref = workspace.key_results.get(model.anchor_kr or "")
    current = anchor_ref.key_result.current if anchor_ref is not None else None
    start_default = readings[0][1] if readings else current
    end_default = readings[-1][1] if readings else None
    anchor_name = model.anchor_kr or "the anchor KR"
    start = ask.number(
        f"{anchor_name} at sprint start", "--anchor-start", anchor_start, start_default
    )
    end = ask.number(f"{anchor_name} now, at the close", "--anchor-end", anchor_end, end_default)

    latest = progress.latest_values(model)
    for kr in model.key_results:
        if kr.id not in finals:
            finals[kr.id] = ask.number(
                f"Final value of {kr.id} ({kr.statement})",
                f"--final {kr.id}=NUMBER",
                None,
                latest.get(kr.id),
            )
    summary = ask.text(
        "In your own words, how did it go? (optional)", "--summary", summary, required=False
    )
    if joint:
        hypothesis = ask.text(
            "Did the outcome follow the hypothesis? (optional)",
            "--hypothesis",
            hypothesis,
            required=False,
        )
    learning = ask.text("What did we learn about the gap?", "--learning", learning, required=True)
    highest_impact = ask.text(
        "Which intervention created the highest impact?",
        "--highest-impact",
        highest_impact,
        required=joint,
    )
    root_cause = ask.text(
        "What did the sprint reveal about the root cause of the gap?",
        "--root-cause",
        root_cause,
        required=joint,
    )
    needed = ask.yes_no(
        "Does the anchor's Tactical OKR need revision?", "--revision or --no-revision", revision
    )
    revision_note = ask.text(
        "What should change, or why not? (optional)",
        "--revision-note",
        revision_note,
        required=False,
    )

    block: dict[str, Any] = {"date": day, "early": early or None, "attendees": attendees}
    block["anchor"] = {"start": start, "end": end}
    block["final"] = {kr.id: finals[kr.id] for kr in model.key_results}
    if summary:
        block["summary"] = summary
    block["learning"] = _with_hypothesis(hypothesis, learning) if joint else learning
    if highest_impact:
        block["highest_impact"] = highest_impact
    if root_cause:
        block["root_cause"] = root_cause
    block["tactical_revision"] = {"needed": needed}
    if revision_note:
        block["tactical_revision"]["note"] = revision_note

    def change(text: str, data: dict[str, Any]) -> str:
        from microokr.yamlio.edits import set_close

        if data.get("close") is not None:  # another close won the race
            raise RefusedError(f"{model.id} was closed by someone else meanwhile; nothing written")
        return set_close(text, block)

    from microokr.workspace import source_from_bytes
    from microokr.yamlio.locking import locked_edit

    new_raw = locked_edit(source.path, change, max_bytes=workspace.config.max_file_size)
    out.print(
        f"Recorded the Sprint Close of {markup_safe(model.id)} in {markup_safe(source.rel)}.",
        soft_wrap=True,
    )
    updated = source_from_bytes(source.path, source.rel, source.kind, new_raw)
    _write_report(workspace, source, updated, report_path, day_today, out)
    return 0


# ── Checks made before any question is asked ───────────────────────────────────


def _refuse_date(model: Sprint, day: dt.date, today: dt.date) -> None:
    from microokr.errors import RefusedError

    if day > today:
        raise RefusedError(
            f"the close date {day} is in the future (today is {today}): close on the day "
            "the retrospective is held (leave out --date for today)"
        )
    if day < model.window.start:
        raise RefusedError(
            f"the close date {day} is before the window of {model.id} starts on "
            f"{model.window.start}: a sprint that never started has nothing to close"
        )


def _report_path(workspace: Workspace, model: Sprint, output: str | None) -> Path | None:
    """Where the report goes (None: stdout), checked before the close is recorded."""
    from microokr.errors import UsageError

    if output == "-":
        return None
    path = Path(output) if output else workspace.folder("reports") / f"{model.id}.md"
    if path.is_dir():
        raise UsageError(
            f"--output {path} is a folder: give a file name, like {path}/{model.id}.md"
        )
    parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise UsageError(f"cannot write the report to {path}: {parent} is not a folder")
    return path


def _attendees(
    ask: _Asker, workspace: Workspace, model: Sprint, given: list[str] | None, *, joint: bool
) -> list[str]:
    from microokr.errors import RefusedError, UsageError

    teams = list(model.owner.teams)
    if given:
        attendees = [team.strip() for team in given if team.strip()]
    elif joint:
        answer = ask.text(
            "Which teams attend the close? (comma-separated)",
            "--attendee",
            None,
            required=True,
            # Offered at a prompt; never assumed without one: who attended must be said.
            default=", ".join(teams) if ask.interactive else None,
        )
        attendees = [team.strip() for team in (answer or "").split(",") if team.strip()]
    else:
        attendees = teams
    registry = workspace.teams
    for team in attendees:
        if registry is not None and team not in registry:
            raise UsageError(
                f"--attendee '{team:.60}' is not a team of microokr.yaml; "
                f"the owning teams are {', '.join(teams)}"
            )
    attendees = list(dict.fromkeys(attendees))
    missing = [team for team in teams if team not in attendees]
    if joint and missing:
        raise RefusedError(
            f"a joint Sprint Close needs every owning team, and {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not among the attendees: hold the close "
            "with them (add --attendee for each)"
        )
    return attendees


def _with_hypothesis(hypothesis: str | None, learning: str | None) -> str | None:
    if not hypothesis:
        return learning
    opening = hypothesis.strip()
    if opening[-1:] not in ".!?":
        opening += "."
    return f"{opening} {learning}" if learning else opening


# ── Questions: a flag's answer, else a prompt, else the default, else an error ─


@dataclass
class _Asker:
    out: Console
    interactive: bool
    why: str

    def _missing(self, question: str, flag: str) -> Exception:
        from microokr.errors import UsageError

        return UsageError(
            f"the close needs {flag} ({question.removesuffix(' (optional)')}), and {self.why}"
        )

    def text(
        self,
        question: str,
        flag: str,
        given: str | None,
        *,
        required: bool,
        default: str | None = None,
    ) -> str | None:
        from rich.prompt import Prompt

        from microokr.errors import UsageError

        if given is not None:
            if required and not given.strip():
                raise self._missing(question, flag)
            return plain_text(given, what=flag).strip() or None
        if not self.interactive:
            if required and default is None:
                raise self._missing(question, flag)
            return default
        while True:
            if default is not None:
                answer = Prompt.ask(_prompt(question), console=self.out, default=default)
            else:
                answer = Prompt.ask(
                    _prompt(question), console=self.out, default="", show_default=False
                )
            try:
                plain_text(answer, what="the answer")
            except UsageError as error:
                self.out.print(f"[red]{markup_safe(error.message)}[/red]")
                continue
            if answer.strip() or not required:
                return answer.strip() or None
            self.out.print("[red]This question needs an answer.[/red]")

    def number(self, question: str, flag: str, given: str | None, default: float | None) -> float:
        from rich.prompt import Prompt

        from microokr.errors import UsageError

        if given is not None:
            return parse_number(given, flag.split()[0])
        if not self.interactive:
            if default is None:
                raise self._missing(question, flag)
            return default
        shown = None if default is None else number(default)
        while True:
            if shown is not None:
                answer = Prompt.ask(_prompt(question), console=self.out, default=shown)
            else:
                answer = Prompt.ask(_prompt(question), console=self.out)
            try:
                return parse_number(answer, flag.split()[0])
            except UsageError as error:
                self.out.print(f"[red]{markup_safe(error.message)}[/red]")

    def yes_no(self, question: str, flag: str, given: bool | None) -> bool:
        from rich.prompt import Confirm

        if given is not None:
            return given
        if not self.interactive:
            raise self._missing(question, flag)
        return Confirm.ask(_prompt(question), console=self.out)


def _prompt(question: str) -> Text:
    """A question quotes KR statements and ids: shown literally, on one line, never as markup."""
    from rich.text import Text

    return Text(one_line(question))


def _write_report(
    workspace: Workspace,
    before: Any,
    updated: Any,
    path: Path | None,
    today: dt.date,
    out: Console,
) -> None:
    """Render the report from the file as just written; the close stays recorded if this fails."""
    from microokr.commands.report import write_report
    from microokr.errors import MicrookrError, WriteError

    workspace.sprint_files = [updated if s is before else s for s in workspace.sprint_files]
    try:
        from microokr.report import render_report

        text = render_report(workspace, updated, updated.model, today)
        if path is None:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
            return
        write_report(path, text)
    except MicrookrError as error:
        raise WriteError(
            f"the close is recorded, but the report was not written ({error.message}); "
            f"write it with 'microokr report {updated.model.id} --output {path}'"
        ) from None
    shown = path.relative_to(workspace.root) if path.is_relative_to(workspace.root) else path
    out.print(f"Wrote the Sprint Close report to {markup_safe(shown)}.", soft_wrap=True)
