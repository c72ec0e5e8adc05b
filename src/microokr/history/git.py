"""The `git` command, run safely: where the repository is, and one `git log`.

Everything git prints comes from a checkout we do not trust: paths are read with
`-z` (any byte but NUL), names and subjects are kept as text and escaped where
they are shown, and no git feature that runs a program (signatures, external
diffs, text conversion, fsmonitor, lazy fetches) is allowed to start.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from microokr.formatting import one_line, truncate

SAFE_CONFIG = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.quotepath=off",
    "-c",
    "log.showSignature=false",
    "-c",
    "diff.external=",
    "-c",
    "core.pager=cat",
)


def _shown(text: str) -> str:
    """Text from git on one line (line breaks and control characters escaped), capped."""
    return truncate(one_line(text), 120)


class GitUnavailable(Exception):
    """No history can be read; the message says why in one sentence."""


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_NO_LAZY_FETCH="1",  # a partial clone must not reach the network for a blob
        GIT_LITERAL_PATHSPECS="1",  # the sprints folder is a name, not a pattern
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
    )
    return env


def run_git(root: Path, args: Sequence[str]) -> bytes:
    """Standard output of `git ARGS` run in `root`; GitUnavailable when it cannot run."""
    try:
        done = subprocess.run(
            ["git", *SAFE_CONFIG, *args],
            cwd=root,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitUnavailable("the git command is not installed") from None
    except OSError as error:
        raise GitUnavailable(f"git could not run: {error.strerror}") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = first[0] if first else f"git exited {done.returncode}"
        if "not a git repository" in reason:
            raise GitUnavailable(f"{_shown(str(root))} is not inside a git repository")
        raise GitUnavailable(f"git failed: {_shown(reason.removeprefix('fatal: '))}")
    return done.stdout


@dataclass(frozen=True)
class Repo:
    """The repository that holds a workspace."""

    root: Path
    prefix: str
    """The workspace folder relative to the repository's top, '' or ending in '/'."""
    shallow: bool
    object_format: str  # sha1 | sha256


REV_PARSE = ("rev-parse", "--show-prefix", "--is-shallow-repository", "--show-object-format")


def find_repo(root: Path) -> Repo:
    return repo_of(root, run_git(root, REV_PARSE))


def repo_of(root: Path, out: bytes) -> Repo:
    """The repository `git rev-parse` (REV_PARSE, run in `root`) describes."""
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3:
        raise GitUnavailable("git rev-parse gave an answer microokr does not understand")
    return Repo(root, lines[0], lines[1] == "true", lines[2] or "sha1")


@dataclass(frozen=True)
class Commit:
    id: str
    author: str
    """The author's name as git holds it: escaped to one line, never trusted."""
    when: dt.datetime
    subject: str

    @property
    def short(self) -> str:
        return self.id[:7]

    @property
    def day(self) -> dt.date:
        return self.when.date()

    def cite(self) -> str:
        """`a1b2c3d (2026-07-20, Dana Ortiz)`: how messages name a commit."""
        return f"{self.short} ({self.day.isoformat()}, {self.author})"


@dataclass(frozen=True)
class Change:
    """One file changed by a commit: status letter, blob after, paths before and after."""

    status: str  # A, M, T, D, R
    blob: str
    old_path: str | None
    path: str


_FORMAT = "--format=%x01%H%x00%an%x00%aI%x00%s"


def log(repo: Repo, folder: str) -> list[tuple[Commit, list[Change]]]:
    """Every first-parent commit touching `folder` (relative to the workspace), newest
    first, with its changed files: ONE `git log` for the whole workspace.

    `--first-parent` with merge diffs against the first parent gives the history
    the main line saw, one linear sequence; renames are followed (`-M`).
    """
    return list(parse_log(run_git(repo.root, log_args(folder))))


def log_args(folder: str) -> list[str]:
    """`log`'s arguments: the commits touching `folder`, as `parse_log` reads them."""
    return [
        "log",
        "-z",
        "--raw",
        "-M",
        "--no-abbrev",
        "--root",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-textconv",
        "--no-ext-diff",
        "--no-color",
        _FORMAT,
        "--",
        folder,
    ]


def parse_log(out: bytes) -> Iterator[tuple[Commit, list[Change]]]:
    """Read `git log -z --raw` output; a token out of place ends the parse quietly."""
    tokens = out.split(b"\0")
    position = 0
    commit: Commit | None = None
    changes: list[Change] = []
    while position < len(tokens):
        token = tokens[position].lstrip(b"\n")
        position += 1
        if token.startswith(b"\x01") and position + 2 < len(tokens):
            if commit is not None:
                yield commit, changes
            fields = [_text(t) for t in tokens[position : position + 3]]
            position += 3
            commit = Commit(
                token[1:].decode("ascii", "replace"),
                _shown(fields[0]),
                _when(fields[1]),
                _shown(fields[2]),
            )
            changes = []
        elif token.startswith(b":") and commit is not None:
            parts = token.decode("ascii", "replace").split()
            if len(parts) < 5:
                break
            status = parts[4][:1]
            count = 2 if status in "RC" else 1
            paths = [os.fsdecode(t) for t in tokens[position : position + count]]
            position += count
            if len(paths) != count:
                break
            old = paths[0] if count == 2 else None
            changes.append(Change(status, parts[3], old, paths[-1]))
        elif token:
            break
    if commit is not None:
        yield commit, changes


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _when(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
