"""What every command shares: the global options, today's date, the workspace, consoles."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from microokr.model import Sprint
    from microokr.workspace import Workspace


@dataclass(frozen=True)
class Globals:
    workspace: Path | None = None
    today: str | None = None
    no_color: bool = False


SprintArgument = Annotated[
    str, typer.Argument(metavar="SPRINT", help="A sprint id, or the path to its file.")
]


NoInputOption = Annotated[
    bool,
    typer.Option(
        "--no-input",
        help="Never prompt: a missing answer without a default is an error (exit 2).",
    ),
]
"""`new` and `carry` draft through the same walk: one definition of its flags."""
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the sprint YAML instead of writing it.")
]


def globals_of(ctx: typer.Context) -> Globals:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Globals) else Globals()


def parse_date(text: str, *, option: str) -> dt.date:
    from microokr import parsing
    from microokr.errors import UsageError

    try:
        return parsing.parse_date(text)
    except parsing.ParseError:
        raise UsageError(f"{option} '{text:.40}' is not a date: write YYYY-MM-DD") from None


def parse_number(text: str, option: str) -> float:
    """A KR value given as a flag (`24`, `21.6`): ints stay ints, so the file reads `24`."""
    from microokr import parsing
    from microokr.errors import UsageError

    try:
        return parsing.parse_number(text)
    except parsing.ParseError as error:
        if error.kind == "too-large":
            raise UsageError(
                f"{option} '{text:.40}' is too large to be a KR value: keep it below 1e308"
            ) from None
        if error.kind == "not-finite":
            raise UsageError(
                f"{option} must be a finite number, not {text.strip():.40}: "
                "write a plain number like 24.5"
            ) from None
        raise UsageError(
            f"{option} '{text:.40}' is not a number: write a plain number like 24.5"
        ) from None


def parse_kr_values(items: list[str], model: Sprint, *, option: str) -> dict[str, float]:
    """Repeated `KR=NUMBER` options (`--value`, `--final`): each KR of the sprint at most once."""
    from microokr.errors import RefusedError, UsageError

    known = [kr.id for kr in model.key_results]
    values: dict[str, float] = {}
    for item in items:
        kr_id, sep, number = item.partition("=")
        kr_id = kr_id.strip()
        if not sep or not kr_id:
            example = f"{option} {known[0]}=24" if known else f"{option} kr1=24"
            raise UsageError(f"{option} '{item:.60}' must be KR=NUMBER, like {example}")
        if kr_id not in known:
            raise RefusedError(
                f"{model.id} has no KR '{kr_id:.60}'; its KRs are {', '.join(known)}"
            )
        if kr_id in values:
            raise UsageError(f"{option} gives {kr_id} twice: give each KR once")
        values[kr_id] = parse_number(number, f"{option} {kr_id}")
    return values


def resolve_today(ctx: typer.Context) -> dt.date:
    """`--today` (before or after the command) or MICROOKR_TODAY, else the clock."""
    chosen = globals_of(ctx).today
    if chosen:
        return parse_date(chosen, option="--today")
    return dt.date.today()


def workspace_root(ctx: typer.Context, near: str | None = None) -> Path:
    """The workspace folder: `--workspace`, else the nearest `microokr.yaml` above `near`
    (a SPRINT given as a path) or above the current folder; a WorkspaceError when none."""
    from microokr.errors import WorkspaceError
    from microokr.workspace import CONFIG_NAME, find_root, resolve_root

    explicit = globals_of(ctx).workspace
    if explicit is not None:
        root = resolve_root(explicit)
    else:
        here = Path.cwd()
        above: Path | None = None
        if near is not None and (near.endswith((".yaml", ".yml")) or "/" in near or os.sep in near):
            path = Path(near)
            above = find_root(path if path.is_dir() else path.parent)
        # A path outside any workspace is judged by the one here ("not a sprint file of ...").
        root = above or find_root(here) or here.resolve()
    if not (root / CONFIG_NAME).is_file():
        raise WorkspaceError(
            f"no {CONFIG_NAME} in {root} or any folder above it: this is not a microokr "
            "workspace; run 'microokr init' to make one, or pass --workspace DIR"
        )
    return root


def open_workspace(ctx: typer.Context, near: str | None = None) -> Workspace:
    from microokr.workspace import load_workspace

    return load_workspace(workspace_root(ctx, near))


def open_sprint(ctx: typer.Context, sprint: str) -> Workspace:
    """The workspace of a command on one sprint whose checks read no other sprint: the
    config, the OKR files and that sprint only (`workspace.load_for_sprint`)."""
    from microokr.workspace import load_for_sprint

    return load_for_sprint(workspace_root(ctx, sprint), sprint)


def console(ctx: typer.Context, *, stderr: bool = False) -> Console:
    from rich.console import Console

    no_color = globals_of(ctx).no_color or "NO_COLOR" in os.environ
    return Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=False)
