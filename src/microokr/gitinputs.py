"""The files whose change can change what git tells lint, and their stat data.

Objects are immutable, so what `git rev-parse` and `git log` print for a folder can
only change with: where the repository is (every `.git` looked for on the way up),
HEAD and the ref it names (loose, packed, or in a reftable), the shallow boundary,
grafts and replace refs, the repository's and the user's config, and the git
program itself. `replay` and `history.gitmemo` compare their stat data the way
git's index does (racy-git.txt): data taken from a file changed at or after a
run's stamp prove nothing and are never kept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

Stat = list[int]
_INCLUDE = re.compile(rb"\[[ \t]*include", re.IGNORECASE)
"""An `[include]` or `[includeIf ...]` section (git's names are case-insensitive)."""
_CONFIGS = {"config", "config.worktree", ".gitconfig", "gitconfig"}
MAX_CONFIG = 1 << 20


def stat_of(path: str | Path) -> Stat | None:
    """(mode, size, mtime, ctime, inode, device), or None when there is no such file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [
        info.st_mode,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
        info.st_ino,
        info.st_dev,
    ]


def git_inputs(root: Path) -> list[str]:
    """Every `.git` looked for on the way up from `root`, and in the repository found:
    HEAD, the ref it names, packed-refs, the reftable list, shallow, grafts, replace
    refs and config; then the user's and the system's git config and the program."""
    found: list[str] = []
    for folder in (root, *root.parents):
        dot = folder / ".git"
        found.append(str(dot))
        if not dot.exists():
            continue
        gitdir = dot
        if dot.is_file():
            text = _small(dot)
            if not text.startswith("gitdir: "):
                break
            gitdir = folder / text.removeprefix("gitdir: ").strip()
        common = gitdir
        if (gitdir / "commondir").is_file():
            common = gitdir / _small(gitdir / "commondir").strip()
        found += [str(gitdir / "commondir"), str(gitdir / "HEAD")]
        found += [str(common / "packed-refs"), str(common / "shallow"), str(gitdir / "shallow")]
        found += [str(common / "reftable" / "tables.list"), str(common / "info" / "grafts")]
        found += [str(common / "refs" / "replace"), str(common / "config")]
        found += [str(gitdir / "config.worktree")]
        head = _small(gitdir / "HEAD")
        if head.startswith("ref: "):
            ref = head.removeprefix("ref: ").strip()
            found += [str(gitdir / ref), str(common / ref)]
        break
    return found + user_inputs()


def user_inputs() -> list[str]:
    """The config files git reads outside the repository, and the git program."""
    import shutil  # not on the replay's path, which only compares the stored list

    home = os.environ.get("HOME", "")
    xdg = os.environ.get("XDG_CONFIG_HOME") or (f"{home}/.config" if home else "")
    found = ["/etc/gitconfig"]
    if home:
        found.append(f"{home}/.gitconfig")
    if xdg:
        found.append(f"{xdg}/git/config")
    program = shutil.which("git")
    found.append(program or "git (not found)")
    return found


def includes(paths: list[str]) -> bool:
    """A config file among `paths` includes others (`include.path`, `includeIf`): their
    settings (diff.renameLimit, i18n.logOutputEncoding...) change what git prints, but
    they are not among the inputs, so nothing may be kept under these inputs' stat data.
    A config too big or unreadable to be sure of counts as including."""
    for path in paths:
        if os.path.basename(path) not in _CONFIGS:
            continue
        try:
            with open(path, "rb") as handle:
                text = handle.read(MAX_CONFIG + 1)
        except FileNotFoundError:
            continue
        except OSError:
            return True  # a folder, no permission: git would say; we cannot be sure
        if len(text) > MAX_CONFIG or _INCLUDE.search(text):
            return True
    return False


def racy(found: Stat | None, stamp: int) -> bool:
    """Changed at or after the stamp: it may change again unseen within the same tick."""
    return found is not None and max(found[2], found[3]) >= stamp


def _small(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""
