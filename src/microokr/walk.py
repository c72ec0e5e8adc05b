"""Where a workspace is and which files it holds, without reading any of them.

Kept apart from `workspace` (which needs the pydantic models): `lint`'s replay of
an unchanged result (`microokr.replay`) finds the root and lists the files with
exactly these functions before anything heavy is imported.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from microokr.errors import WorkspaceError

CONFIG_NAME = "microokr.yaml"


def has_config(folder: Path) -> bool:
    """A `microokr.yaml` is there, whatever it is: a FIFO or a device is reported (MO007)
    as what it is, not as a missing file."""
    path = folder / CONFIG_NAME
    try:
        return os.path.lexists(path) and not path.is_dir()
    except OSError:
        return False


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `microokr.yaml`, as git does."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if has_config(folder):
            return folder
    return None


def resolve_root(explicit: Path | None, cwd: Path | None = None) -> Path:
    """`--workspace DIR`, else walk up from the current folder, else the current folder."""
    if explicit is not None:
        if not explicit.exists():
            raise WorkspaceError(f"the workspace folder {explicit} does not exist")
        if not explicit.is_dir():
            raise WorkspaceError(f"the workspace {explicit} is not a folder")
        return explicit.resolve()
    here = cwd or Path.cwd()
    return find_root(here) or here.resolve()


def _rel(path: Path, root: Path) -> str:
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base) : len(base) + 1] == os.sep:
        # A scanned path, joined onto the root: a slice (relative_to cost 1% of a load).
        below = text[len(base) + 1 :]
        return below if os.sep == "/" else Path(below).as_posix()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


PRESCANNED: dict[tuple[str, str], tuple[list[str], list[str], list[str]]] = {}
"""`scan_names(folder, root)` answers taken already in this run, by (folder, root)
(`replay.handover`); each is used once."""


def _scan(folder: Path, root: Path) -> tuple[list[Path], list[str], list[str]]:
    """YAML files below `folder`, the other files (MO009) and links that leave the root.

    Walked with an explicit stack (a tree 1,000 folders deep is no RecursionError),
    and a folder that cannot be read is a WorkspaceError naming it: lint must not
    report success over files it never saw.
    """
    taken = PRESCANNED.pop((str(folder), str(root)), None) if PRESCANNED else None
    yaml_files, others, outside = taken or scan_names(folder, root)
    return _paths(yaml_files), [rel_name(p, root) for p in others], outside


def _paths(names: list[str]) -> list[Path]:
    """`Path(name)` for each, the folder parsed once: a child is made from its folder's
    parts, as `Path.iterdir` makes them (4x cheaper than parsing 10,000 strings)."""
    folders: dict[str, Any] = {}
    found: list[Path] = []
    for name in names:
        parent, slash, leaf = name.rpartition("/")
        if not slash or not leaf:
            found.append(Path(name))
            continue
        maker = folders.get(parent)
        if maker is None:
            maker = folders[parent] = getattr(Path(parent or "/"), "_make_child_relpath", Path)
        found.append(maker(leaf) if maker is not Path else Path(name))
    return found


def rel_name(path: str, root: Path) -> str:
    """`_rel` of a path string below `root` made by joining names (no `Path` built)."""
    prefix = str(root).rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else _rel(Path(path), root)


def scan_names(folder: Path, root: Path) -> tuple[list[str], list[str], list[str]]:
    """`_scan` on strings: the YAML files' and other files' full paths (as `str(Path)`
    writes them), and the links out as relative paths. ~10x faster than `Path`s."""
    yaml_files: list[str] = []
    others: list[str] = []
    outside: list[str] = []
    try:
        top = folder.stat()
    except FileNotFoundError:
        return yaml_files, [], outside  # no such folder (or a dangling link): nothing in it
    except OSError as error:
        raise _unreadable_folder(folder, root, error) from None
    if not stat.S_ISDIR(top.st_mode):
        return yaml_files, [], outside
    if not inside(folder, root):
        # `sprints/` itself (or a folder on its path) links out of the workspace:
        # it is reported (MO007) and never walked.
        return yaml_files, [], [_rel(folder, root)]
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as found:
                entries = sorted((e for e in found if not e.name.startswith(".")), key=_name)
        except OSError as error:
            raise _unreadable_folder(Path(current), root, error) from None
        files: list[str] = []
        folders: list[str] = []
        below: list[str] = []
        join = current.rstrip("/") + "/"
        for entry in entries:
            path = join + entry.name
            try:
                is_dir = entry.is_dir()  # follows a link, as os.walk did
                is_link = entry.is_symlink()
            except OSError:
                is_dir, is_link = False, True
            if is_link and not inside(Path(path), root):
                outside.append(rel_name(path, root))  # never followed: say so
            elif is_dir and entry.name.endswith(".yaml"):
                folders.append(path)  # a folder named like a file is reported, not walked
            elif is_dir:
                if not is_link:
                    below.append(path)
            else:
                files.append(path)
        for path in files:
            (yaml_files if path.endswith(".yaml") else others).append(path)
        yaml_files.extend(folders)
        stack.extend(reversed(below))  # depth first, in name order, as os.walk went
    return yaml_files, others, outside


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _unreadable_folder(folder: Path, root: Path, error: OSError) -> WorkspaceError:
    reason = error.strerror or type(error).__name__
    if error.errno == errno.ELOOP:
        reason = "it is a loop of links"
    name = _rel(folder, root)
    if len(name) > 120:
        name = f"{name[:60]}…{name[-40:]}"
    return WorkspaceError(
        f"cannot read the folder {name}/ ({reason}), so its files were not "
        "checked: fix its permissions or replace it with a real folder"
    )


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, links resolved, lies within `root` (False when it cannot be told)."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True
