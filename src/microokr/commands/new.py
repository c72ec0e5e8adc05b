"""`microokr new`: draft a sprint through the 6-step protocol, checked as you answer.

The walk itself (questions, parsing, rule checks, rendering) is `microokr.drafting`;
this module only wires it to a terminal, writes the file and lints it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from microokr.commands.common import (
    DryRunOption,
    NoInputOption,
    console,
    open_workspace,
    resolve_today,
)
from microokr.formatting import markup_safe

if TYPE_CHECKING:
    import datetime as dt

    from microokr.workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("new")(new)


def new(
    ctx: typer.Context,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Take answers from this YAML file (the keys of a sprint file, plus "
            "'decision: commitment'); prompts ask only for what it lacks.",
            dir_okay=False,
        ),
    ] = None,
    no_input: NoInputOption = False,
    dry_run: DryRunOption = False,
) -> int:
    """Draft a sprint interactively, walking the 6-step protocol, each answer checked.

    Answers are checked by the rules of `microokr lint`: an error asks again, a warning shows.

    Writes sprints/<id>.yaml (never over an existing file), then lints it.

    --from FILE: the keys of a sprint file, plus `decision: commitment` (window.end may be 14d).

    --no-input: a missing answer takes its default, or fails (exit 2) naming the key.

    Example: microokr new --from answers.yaml --no-input --dry-run
    """
    from microokr.drafting import read_answers_file

    day = resolve_today(ctx)
    workspace = open_workspace(ctx)
    preset = read_answers_file(answers) if answers is not None else {}
    intro = (
        "Drafting a Micro-OKR sprint: the 6-step protocol, each answer checked as you "
        "give it. Ctrl-C stops without writing anything."
    )
    return draft_and_write(ctx, workspace, day, preset, intro, answers, no_input, dry_run)


def draft_and_write(
    ctx: typer.Context,
    workspace: Workspace,
    day: dt.date,
    preset: dict[str, Any],
    intro: str,
    answers: Path | None,
    no_input: bool,
    dry_run: bool,
    *,
    carried_from: str | None = None,
) -> int:
    """The walk of `new` (and `carry`) from `preset`, then the draft written and linted,
    or printed with --dry-run; never over an existing file."""
    from microokr.drafting import Walk
    from microokr.errors import Interrupted, RefusedError
    from microokr.prompting import QuietPrompter, TerminalPrompter

    # With --dry-run stdout carries only the YAML, so the conversation goes to stderr.
    talk = console(ctx, stderr=dry_run)
    prompter = QuietPrompter(console(ctx, stderr=True)) if no_input else TerminalPrompter(talk)
    if not no_input:
        from rich.text import Text

        talk.print(Text(intro, style="bold"))
    walk = Walk(
        workspace,
        day,
        prompter,
        preset=preset,
        no_input=no_input,
        source_name=f"the --from file {answers}" if answers is not None else "the answers",
    )
    if carried_from is not None:
        walk.data["carried_from"] = carried_from
    try:
        draft = walk.run()
    except (KeyboardInterrupt, EOFError):
        # Typer turns a bare KeyboardInterrupt into a silent exit 130; say what happened.
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


def with_modeline(text: str, rel: str) -> bytes:
    """The draft with its modeline pointing at the workspace's schema copy from `rel`."""
    from microokr.schemas import modeline

    first, _, rest = text.partition("\n")
    if first.startswith("# yaml-language-server:"):
        text = modeline("sprint", rel) + "\n" + rest
    return text.encode("utf-8")


def write_new(path: Path, data: bytes) -> None:
    from microokr.errors import WriteError
    from microokr.yamlio.files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"could not create {path.parent}: {error.strerror}") from None
    atomic_write(path, data)


def lint_new(ctx: typer.Context, root: Path, path: Path, day: object) -> int:
    """Lint the new file with the whole workspace loaded; exit 1 when it has errors."""
    import sys

    from microokr.engine import lint
    from microokr.reporters import REPORTER_BY_NAME, LintReport
    from microokr.workspace import load_workspace

    out = console(ctx)
    rel = path.relative_to(root).as_posix()
    out.print(f"\nWrote {markup_safe(rel)}. Lint:")
    result = lint(load_workspace(root), today=day, paths=[path])  # type: ignore[arg-type]
    report = LintReport(result.diagnostics, result.files)
    REPORTER_BY_NAME["text"].write(report, sys.stdout, color=out.is_terminal and not out.no_color)
    return 1 if result.errors else 0
