"""`microokr.yaml`: folders, the team registry and lint settings."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

from pydantic import AfterValidator, Field

from microokr.model.common import Slug, Strict
from microokr.yamlio.read import DEFAULT_MAX_BYTES

MAX_FILE_SIZE_CAP = 16 * 1024 * 1024


def _inside_workspace(folder: str) -> str:
    path = PurePosixPath(folder.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not folder.strip():
        raise ValueError(f"'{folder:.60}' must be a folder inside the workspace, like 'sprints'")
    return folder


Folder = Annotated[str, AfterValidator(_inside_workspace)]


class Team(Strict):
    name: str | None = None
    lead: str | None = None


class LintSettings(Strict):
    ignore: list[str] = Field(default_factory=list)
    strict: bool = False


class WorkspaceConfig(Strict):
    okrs: Folder = "okrs"
    sprints: Folder = "sprints"
    reports: Folder = "reports"
    teams: dict[Slug, Team] | None = None
    lint: LintSettings = Field(default_factory=LintSettings)
    # Capped: a pull request must not switch the size guard off through microokr.yaml.
    max_file_size: Annotated[int, Field(gt=0, le=MAX_FILE_SIZE_CAP)] = DEFAULT_MAX_BYTES
