"""`microokr site`: write the workspace's static HTML dashboard (default: `site/`)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from microokr.commands.common import resolve_today, workspace_root
from microokr.gcpause import gc_paused

if TYPE_CHECKING:
    from microokr.workspace import Workspace


def register(app: typer.Typer) -> None:
    app.command("site")(site)


def site(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Folder to write the site into (default: site/ in the workspace).",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where the site is published (https://...): used for canonical links only.",
        ),
    ] = None,
    no_history: Annotated[
        bool,
        typer.Option(
            "--no-history",
            help="Leave git alone: the pages show no re-calibrations from git history.",
        ),
    ] = False,
) -> int:
    """Write a static HTML dashboard: index, one page per sprint, OKR file and team, data.json.

    Example: microokr site --output public --today 2026-11-26
    """
    from microokr.cache import open_cache
    from microokr.history.overview import NOT_READ, workspace_recalibrations
    from microokr.site.build import build_site
    from microokr.site.loadshare import SharedReads
    from microokr.site.names import check_base_url
    from microokr.site.output import write_site
    from microokr.workspace import load_workspace

    day = resolve_today(ctx)
    url = check_base_url(base_url)
    root = workspace_root(ctx)  # outside a workspace: says so, writes nothing
    folder = output if output is not None else root / "site"
    with gc_paused():  # as lint and status: the workspace lives to the end
        cache = open_cache(root)
        if cache is not None and cache.stored:
            workspace = load_workspace(root, reader=cache.read)
        else:
            # The site saves no cache: reading through an empty one would only hold
            # every file's text and model in it (the models go as pages are made).
            with contextlib.closing(SharedReads()) as shared:
                workspace = load_workspace(root, reader=shared.read, ahead=shared.ahead)
        del cache
        check_folder(folder, workspace)
        # One git log and one cat-file stream for every sprint page, never one per page.
        past = NOT_READ if no_history else workspace_recalibrations(workspace)
        if past.notice is not None and not no_history:
            lead = "" if past.available else "the pages show no history from git: "
            print(f"microokr: note: {lead}{past.notice}", file=sys.stderr)
        built = build_site(workspace, day, base_url=url, history=past, consume=True)
        result = write_site(folder, built.files)
    counts = built.pages
    print(
        f"wrote {folder}: {counts['sprints']} sprint, {counts['okrs']} OKR and "
        f"{counts['teams']} team pages, index.html, data.json "
        f"({result.written} written, {result.unchanged} unchanged, "
        f"{len(result.removed)} stale removed)"
    )
    return 0


def check_folder(folder: Path, workspace: Workspace) -> None:
    """Refuse a folder that holds the workspace's own files (the root or a source folder)."""
    from microokr.errors import RefusedError

    root = workspace.root.resolve()
    target = folder.resolve()
    config = workspace.config
    sources = {root, root / config.okrs, root / config.sprints, root / config.reports}
    if target in {p.resolve() for p in sources} or target in root.parents:
        raise RefusedError(
            f"--output {folder} holds the workspace's own files; write the site into its own "
            "folder (default: site/)"
        )
