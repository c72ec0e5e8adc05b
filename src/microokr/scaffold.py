"""The files `microokr init` writes. Nothing that exists is ever overwritten."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from microokr.errors import RefusedError, WorkspaceError, WriteError
from microokr.schemas import modeline, workspace_schema_files
from microokr.walk import inside
from microokr.yamlio.files import atomic_write

CONFIG = """\
{modeline}
# microokr workspace settings: https://github.com/microokr/microokr#file-format
okrs: okrs            # folder of OKR files
sprints: sprints      # folder of sprint files, one per Micro-OKR sprint
reports: reports      # where `microokr close` writes Sprint Close reports

# The team registry: sprints are team instruments, so owners must be team ids.
teams:
  my-team:
    name: My Team
    lead: Your Name   # a person: the team's lead

lint:
  ignore: []          # rule codes switched off for this workspace, e.g. [MO603]
  strict: false       # true: warnings fail the run as errors do
"""

OKR = """\
{modeline}
# The quarterly OKR architecture that Micro-OKR sprints anchor to.
# A sprint's `anchor_kr` names one of the KR ids below (ids are unique across files).
period: {{name: {name}, start: {start}, end: {end}}}

objectives:
  - id: grow-pipeline
    level: tactical              # strategic | tactical
    statement: Build a predictable pipeline of qualified opportunities
    owner: my-team               # one team id from microokr.yaml
    key_results:
      - id: {prefix}-pipeline
        statement: Increase qualified pipeline from $20M to $30M by quarter close
        baseline: 20
        target: 30
        unit: $M
        current: 20              # latest known value: update it at your OKR check-ins
"""

GITIGNORE = (
    ".microokr_cache/\n"
    "# `microokr site`'s default output: rebuilt from the files, never committed.\n"
    "site/\n"
    "# A write interrupted before its rename; microokr removes these on its next edit.\n"
    ".*.tmp\n"
)


def quarter(today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The name, first and last day of the calendar quarter holding `today`."""
    index = (today.month - 1) // 3
    start = dt.date(today.year, 3 * index + 1, 1)
    next_start = dt.date(today.year + (index == 3), (3 * index + 3) % 12 + 1, 1)
    return f"Q{index + 1} {today.year}", start, next_start - dt.timedelta(days=1)


def scaffold(
    directory: Path, *, today: dt.date, extra: dict[Path, str] | None = None
) -> list[Path]:
    """Write a new workspace into `directory`, with the `extra` files (the hook config
    at the git root) in the same all-or-nothing write; refuse (exit 1) if any exists."""
    if directory.exists() and not directory.is_dir():
        raise WorkspaceError(f"{directory} exists and is not a folder")
    name, start, end = quarter(today)
    okr_name = f"{start.year}-q{(start.month - 1) // 3 + 1}"
    okr_rel = f"okrs/{okr_name}.yaml"
    files: dict[Path, str] = {
        directory / "microokr.yaml": CONFIG.format(modeline=modeline("config", "microokr.yaml")),
        directory / okr_rel: OKR.format(
            modeline=modeline("okr", okr_rel),
            name=name,
            start=start,
            end=end,
            prefix=okr_name.split("-")[1],
        ),
        directory / "sprints" / ".gitkeep": "",
        directory / "reports" / ".gitkeep": "",
    }
    if not (directory / ".gitignore").exists():
        files[directory / ".gitignore"] = GITIGNORE
    files.update({directory / rel: text for rel, text in workspace_schema_files().items()})
    files.update(extra or {})
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        listed = ", ".join(str(path) for path in existing)
        raise RefusedError(f"refusing to overwrite what exists: {listed}; nothing was written")
    folders = sorted({path.parent for path in files})
    for folder in folders:
        if folder.exists() and not folder.is_dir():
            raise RefusedError(f"{folder} exists and is not a folder; nothing was written")
        if directory in folder.parents and not inside(folder, directory):
            # `okrs -> /elsewhere`: init would write the example OKR file out there.
            raise RefusedError(
                f"{folder} links outside the workspace, so microokr does not write there: "
                "replace the link with a real folder; nothing was written"
            )
    try:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkspaceError(f"could not create {directory}: {error.strerror}") from None
    written: list[Path] = []
    try:
        for path, text in files.items():
            atomic_write(path, text.encode("utf-8"))
            written.append(path)
    except WriteError:
        # None of these files existed before this run: remove them, or the retry after
        # a full disk would be refused with "refusing to overwrite what exists".
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return list(files)
