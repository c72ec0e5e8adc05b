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

    from microokr.workspace import Workspace


@dataclass(frozen=True)
class Globals:
    workspace: Path | None = None
    today: str | None = None
    no_color: bool = False


TodayOption = Annotated[
    str | None,
    typer.Option("--today", help="Take this date (YYYY-MM-DD) as today (default: the clock)."),
]


def globals_of(ctx: typer.Context) -> Globals:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Globals) else Globals()


def parse_date(text: str, *, option: str) -> dt.date:
    from microokr.errors import UsageError

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} '{text:.40}' is not a date: write YYYY-MM-DD") from None


def resolve_today(ctx: typer.Context, today: str | None = None) -> dt.date:
    """`--today` on the command, else the global `--today` / MICROOKR_TODAY, else the clock."""
    chosen = today or globals_of(ctx).today
    if chosen:
        return parse_date(chosen, option="--today")
    return dt.date.today()


def open_workspace(ctx: typer.Context) -> Workspace:
    from microokr.workspace import load_workspace, resolve_root

    return load_workspace(resolve_root(globals_of(ctx).workspace))


def console(ctx: typer.Context, *, stderr: bool = False) -> Console:
    from rich.console import Console

    no_color = globals_of(ctx).no_color or "NO_COLOR" in os.environ
    return Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=False)
