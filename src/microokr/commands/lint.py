"""`microokr lint [PATH ...]`: check files against the format and every rule.

Thin: options are parsed here, `engine.lint` decides, a reporter prints, and the
exit code says whether the run failed (1) or could not run (2).
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from microokr.commands.common import globals_of, resolve_today
from microokr.reporters import REPORTER_BY_NAME

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from microokr.workspace import Workspace

# The allowed `--format` values come from the reporters' registry, nowhere else.
FormatName = StrEnum("FormatName", {name: name for name in REPORTER_BY_NAME})  # type: ignore[misc]


def register(app: typer.Typer) -> None:
    app.command("lint")(lint)


def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to report on (default: the whole workspace).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        FormatName, typer.Option("--format", "-f", help="Output format.")
    ] = FormatName["text"],
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these codes or prefixes (MO502, MO5); repeat or separate with commas.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="Skip these codes or prefixes (MO8); adds to lint.ignore of microokr.yaml.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Warnings fail the run too (also: lint.strict: true)."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file instead of stdout.",
        ),
    ] = None,
    staged: Annotated[
        bool,
        typer.Option(
            "--staged",
            help="Read the workspace from the git index: what is being committed "
            "(automatic under pre-commit, which sets PRE_COMMIT=1).",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file afresh and leave .microokr_cache/ alone "
            "(also: MICROOKR_NO_CACHE=1).",
        ),
    ] = False,
    no_history: Annotated[
        bool,
        typer.Option(
            "--no-history",
            help="Leave git alone: skip MO709 (goalposts moved after the first check-in).",
        ),
    ] = False,
) -> int:
    """Check sprints and OKR files against the format and every rule (see 'microokr rules').

    Cross-file rules always see the whole workspace, so a pre-commit run over the
    changed files still catches a team's third active sprint. Exit 0 clean, 1 on
    errors (or warnings under --strict), 2 when lint cannot run.

    Example: microokr lint --format github --today 2026-11-26
    """
    import io
    import os
    import sys

    from microokr import __version__, replay, replaysave
    from microokr.cache import open_cache
    from microokr.engine import lint as run_lint
    from microokr.engine import lint_root, parse_codes
    from microokr.gcpause import gc_paused
    from microokr.reporters import LintReport
    from microokr.rules.base import all_rules

    day = resolve_today(ctx)
    selected = _known_codes(parse_codes(select or ()), option="--select")
    ignored = _known_codes(parse_codes(ignore or ()), option="--ignore")
    root = _workspace_root(globals_of(ctx).workspace, paths or [])
    targets = [_inside(path, root) for path in paths or []]
    # A lint run is short and builds millions of objects that live to its end: the
    # cyclic GC would only rescan them (half the time of a 10,000-sprint run, see
    # bench/README.md). Reference counting still frees everything else. The pause
    # covers the report too: re-enabled before it, the GC's first full pass over the
    # still-live workspace cost 1.2 s of CPU on 10,000 sprints.
    with gc_paused():
        from_index = staged or os.environ.get("PRE_COMMIT") == "1"
        cache = open_cache(root, enabled=not (no_cache or from_index))
        history = not no_history
        paths_asked = targets or None
        # The real command line (from `entry`), printed to stdout: this run's result is
        # recorded for `microokr.replay` (with the cache's stamp, taken before any read).
        argv = replay.ARGV if cache is not None and output is None else None
        stamp = cache.stamp if cache is not None else None
        if from_index:
            from microokr.staged import load_staged_workspace

            loaded = load_staged_workspace(root)
            result = run_lint(
                loaded, today=day, select=selected, ignore=ignored, paths=paths_asked,
                cache=cache, history=history,
            )  # fmt: skip
        else:  # checked as it is read (engine.lint_root): the same result, less memory
            loaded, result = lint_root(
                root, reader=cache.read if cache else None, today=day, select=selected,
                ignore=ignored, paths=paths_asked, cache=cache, history=history,
            )  # fmt: skip
        if cache is not None:
            cache.save()
        diagnostics = result.diagnostics
        if str(output_format) == "text":  # read in a terminal: paths from here, as ruff's
            shown = _from_here(loaded)
            diagnostics = [replace(d, path=shown(d.path)) for d in diagnostics]
        report = LintReport(
            diagnostics=diagnostics,
            files=result.files,
            rules=all_rules(),
            path_prefix=_prefix(loaded),
            version=__version__,
            real_paths=_real_paths(loaded),
            on_runner=os.environ.get("GITHUB_ACTIONS") == "true",
        )
        notes = "".join(f"microokr: note: {notice}\n" for notice in result.notices)
        # Not a problem of any file: stderr, so JSON and SARIF on stdout stay pure.
        sys.stderr.write(notes)
        reporter = REPORTER_BY_NAME[str(output_format)]
        code = 1 if result.failed(strict=strict or loaded.config.lint.strict) else 0
        color = output is None and _color_allowed(ctx, sys.stdout)
        if output is None and color:
            reporter.write(report, sys.stdout, color=True)
            return code
        buffer = io.StringIO()
        reporter.write(report, buffer, color=False)
        if output is not None:
            from microokr.yamlio.files import atomic_write

            atomic_write(output, buffer.getvalue().encode())
            return code
        sys.stdout.write(buffer.getvalue())
        if argv is not None and stamp is not None:
            assert cache is not None
            replaysave.save(
                root,
                argv,
                stamp,
                loaded,
                cache.seen,
                stdout=buffer.getvalue(),
                stderr=notes,
                code=code,
            )
    return code


def _known_codes(codes: Sequence[str], *, option: str) -> tuple[str, ...]:
    """Refuse a code or prefix that matches no rule: a typo would silently check nothing."""
    from microokr.errors import UsageError
    from microokr.rules.base import all_rules

    catalog = [rule.code for rule in all_rules()]
    for code in codes:
        if not any(known.startswith(code) for known in catalog):
            raise UsageError(f"{option} {code} matches no rule: run 'microokr rules' for the codes")
    return tuple(codes)


def _workspace_root(explicit: Path | None, paths: Sequence[Path]) -> Path:
    """`--workspace`, else the workspace above the first PATH (as pre-commit passes
    paths from the repository root), else the one above the current folder."""
    from microokr.errors import UsageError, WorkspaceError
    from microokr.workspace import CONFIG_NAME, find_root, has_config, resolve_root

    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{path} does not exist: name a file or folder of the workspace")
    if explicit is not None:
        root = resolve_root(explicit)
    elif paths:
        first = paths[0].resolve()
        start = first if first.is_dir() else first.parent
        root = find_root(start) or resolve_root(None)
    else:
        root = resolve_root(None)
    if not has_config(root):
        raise WorkspaceError(
            f"no {CONFIG_NAME} in {root} or any folder above it: "
            "run 'microokr init' or pass --workspace DIR"
        )
    return root


def _inside(path: Path, root: Path) -> Path:
    from microokr.errors import UsageError

    resolved = path.resolve()
    if resolved != root and root not in resolved.parents:
        raise UsageError(
            f"{path} is outside the workspace at {root}: "
            "lint it with --workspace pointing at its own workspace"
        )
    return resolved


def _prefix(workspace: Workspace) -> str:
    """The workspace folder relative to the repository root (else to the current
    folder, when it lies below it).

    GitHub annotations, SARIF and the job summary need paths from the repository
    root, wherever lint runs from; diagnostics are relative to the workspace root.
    """
    from microokr.gitindex import repository_root

    here = repository_root(workspace.root) or Path.cwd().resolve()
    try:
        below = workspace.root.resolve().relative_to(here)
    except ValueError:
        return ""
    return "" if below == Path(".") else below.as_posix() + "/"


def _real_paths(workspace: Workspace) -> dict[str, str]:
    """The true names of the files whose shown path `printable` escaped."""
    from microokr.diagnostics import printable

    names = [source.rel for source in workspace.files]
    names += [*workspace.unrecognized, *workspace.outside_links]
    return {printable(name): name for name in names if printable(name) != name}


def _from_here(workspace: Workspace) -> Callable[[str], str]:
    """Workspace-relative paths as seen from the current folder (`../acme/sprints/x.yaml`):
    the root and the current folder resolved once, then each path joined lexically (as
    `os.path.relpath` works), once per file however many diagnostics it has."""
    import os

    here = Path.cwd().resolve()
    base = os.path.relpath(workspace.root.resolve(), here)
    seen: dict[str, str] = {}

    def shown(rel: str) -> str:
        found = seen.get(rel)
        if found is None:
            joined = os.path.relpath(rel, here) if os.path.isabs(rel) else os.path.join(base, rel)
            found = seen[rel] = Path(os.path.normpath(joined)).as_posix()
        return found

    return shown


def _color_allowed(ctx: typer.Context, stream: object) -> bool:
    import os

    # no-color.org: NO_COLOR counts when it is set and not empty.
    if globals_of(ctx).no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
