"""The GitHub workflows that `init --github` writes, at the git root.

GitHub reads workflows only from `.github/workflows/` of the repository root, so a
workspace in `planning/` gets them there, with its path inside each workflow.
Outside a repository they go beside `microokr.yaml` (the future root).
Add a workflow: one more entry in `workflow_files`.
"""

from __future__ import annotations

from pathlib import Path

from microokr.due_workflow import WORKFLOW_PATH as DUE_WORKFLOW_PATH
from microokr.due_workflow import due_workflow
from microokr.gitindex import repository_root
from microokr.pages_workflow import PAGES_PATH, pages_workflow


def workflow_files(workspace: Path) -> dict[Path, str]:
    """Path -> text of every workflow for the workspace folder `workspace`."""
    root = repository_root(workspace) or workspace.resolve()
    below = workspace.resolve().relative_to(root).as_posix()
    return {
        root / DUE_WORKFLOW_PATH: due_workflow(below),
        root / PAGES_PATH: pages_workflow(below),
    }
