"""Real git repositories for tests: commits with set dates and authors, nothing global.

Every call runs `git` with a private HOME and no system config, so a developer's
settings (signing, hooks, templates) never change what a test builds.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_env(
    *, author: str = "Dana Ortiz", date: str = "2026-07-13T09:00:00+00:00"
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    email = author.lower().replace(" ", ".").encode("ascii", "replace").decode() + "@example.com"
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL=email,
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_NAME=author,
        GIT_COMMITTER_EMAIL=email,
        GIT_COMMITTER_DATE=date,
    )
    return env


def git(
    root: Path, *args: str, author: str = "Dana Ortiz", date: str = "2026-07-13T09:00:00+00:00"
) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env=git_env(author=author, date=date),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8", "replace")


def init_repo(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")


def commit_all(
    root: Path, *, date: str, author: str = "Dana Ortiz", message: str = "Update sprints"
) -> str:
    """Stage everything and commit it as `author` on `date`; the new commit's id."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, author=author, date=date)
    return git(root, "rev-parse", "HEAD").strip()
