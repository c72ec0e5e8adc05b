"""The git repository around a workspace: its root, and the files its index holds.

`repository_root` only looks for `.git` (no subprocess), for the paths GitHub and
code scanning resolve from the repository root. `staged_files` reads what is
being committed: one `git ls-files -s` and one `git cat-file --batch` for every
blob, so a pre-commit run checks the index, not the work tree.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from microokr.errors import WorkspaceError


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `.git` (a folder, or a file in a
    worktree or submodule), resolved; None outside any repository."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return folder
    return None


@dataclass(frozen=True)
class StagedFile:
    path: str
    """Relative to the repository root, `/`-separated, as git names it."""
    data: bytes


def _git(args: list[str], *, cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except OSError as error:
        raise WorkspaceError(
            f"--staged needs git, which could not run: {error.strerror or error}"
        ) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise WorkspaceError(
            f"--staged could not read the git index: {reason[-1] if reason else 'git failed'}"
        )
    return done.stdout


def staged_files(repo: Path, below: str) -> list[StagedFile]:
    """The staged content of every regular file under `below` (a `/`-ended folder
    relative to `repo`, or `""`). Links and submodules are left out, as on disk."""
    listing = _git(["ls-files", "-s", "-z", "--", below or "."], cwd=repo)
    entries: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, raw_name = record.partition(b"\t")
        mode, blob, stage = meta.decode().split(" ")
        # Regular files only (100644/100755); stage 0 only: a conflicted merge's
        # other stages are not what will be committed.
        if mode.startswith("100") and stage == "0":
            entries.append((raw_name.decode("utf-8", "surrogateescape"), blob))
    if not entries:
        return []
    batch = _git(
        ["cat-file", "--batch"], cwd=repo, stdin="".join(f"{b}\n" for _, b in entries).encode()
    )
    files: list[StagedFile] = []
    offset = 0
    for name, blob in entries:
        header_end = batch.index(b"\n", offset)
        header = batch[offset:header_end].decode().split(" ")
        if len(header) != 3 or header[0] != blob:
            raise WorkspaceError(f"--staged: git cat-file answered {header!r} for {name}")
        size = int(header[2])
        start = header_end + 1
        files.append(StagedFile(name, batch[start : start + size]))
        offset = start + size + 1  # the blob is followed by one LF
    return files
