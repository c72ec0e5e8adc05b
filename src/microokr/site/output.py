"""Write the site into its folder: atomic pages, and only our own stale files removed.

Each page is written to a temporary file beside it and renamed over the old one, so a
web server (or a reader of `file://`) never sees half a page; a page whose bytes did
not change is left alone. `.microokr-site.json` lists every file the last run wrote:
a file it listed that this run did not write (the page of a deleted sprint) is
removed, and nothing else ever is — a file someone put in the folder stays.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from microokr.errors import RefusedError, WriteError

MANIFEST = ".microokr-site.json"
Payload = bytes | Sequence[bytes]
"""A file's bytes, or its bytes in pieces (data.json: one per sprint, never joined)."""


@dataclass(frozen=True)
class Written:
    written: int
    unchanged: int
    removed: tuple[str, ...]


def write_site(folder: Path, files: Iterable[tuple[str, Payload]]) -> Written:
    """Write `files` ((relative POSIX path, bytes or pieces), taken one at a time) under
    `folder`, then prune the stale files of our previous run."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise RefusedError(f"{folder} exists and is not a folder; nothing was written")
    previous = _manifest(folder)
    try:
        folder.mkdir(parents=True)
        fresh = True  # made now: no page can be there already to compare with
    except FileExistsError:
        fresh = False
    except OSError as error:
        raise WriteError(f"could not create {folder}: {error.strerror}") from None
    checked: set[Path] = set()
    written = unchanged = 0
    names: set[str] = set()
    for rel, data in files:
        names.add(rel)
        path = folder / rel
        _real_folder(path.parent, folder, checked)
        if not fresh and _same(path, data):
            unchanged += 1
            continue
        _atomic(path, data)
        written += 1
    removed = []
    for rel in sorted(previous - names):
        path = folder / rel
        # Only a plain file we wrote: never a link, a folder, or a path through a link.
        if path.is_symlink() or not path.is_file() or _through_link(path.parent, folder):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(rel)
    listing = {"written_by": "microokr site", "files": sorted(names)}
    _atomic(folder / MANIFEST, (json.dumps(listing, indent=1) + "\n").encode("utf-8"))
    return Written(written, unchanged, tuple(removed))


def _manifest(folder: Path) -> set[str]:
    """The files the last run wrote; an unreadable or foreign manifest lists none."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and _safe(f)}


def _safe(rel: str) -> bool:
    """A path the site could have written: relative, no `..`, no dot-files, no NUL."""
    path = PurePosixPath(rel)
    return (
        bool(rel)
        and "\x00" not in rel
        and "\\" not in rel
        and not path.is_absolute()
        and all(part not in ("", ".", "..") and not part.startswith(".") for part in path.parts)
    )


def _real_folder(path: Path, root: Path, checked: set[Path]) -> None:
    if path in checked:
        return
    if _through_link(path, root):
        raise RefusedError(f"{path} is a link; the site is written only into real folders")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"could not create {path}: {error.strerror}") from None
    checked.add(path)


def _through_link(path: Path, root: Path) -> bool:
    while path != root and path != path.parent:
        if path.is_symlink():
            return True
        path = path.parent
    return False


def _pieces(data: Payload) -> Sequence[bytes]:
    return (data,) if isinstance(data, bytes) else data


def _same(path: Path, data: Payload) -> bool:
    pieces = _pieces(data)
    try:
        if path.is_symlink() or path.stat().st_size != sum(map(len, pieces)):
            return False
        with path.open("rb") as handle:
            return all(handle.read(len(piece)) == piece for piece in pieces)
    except OSError:
        return False


def _atomic(path: Path, data: Payload) -> None:
    # One exclusive create with the final mode (no mkstemp + chmod: 10,000 pages).
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # left by a killed run with the same pid
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise WriteError(f"could not write {path}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(_pieces(data))
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteError(f"could not write {path}: {error.strerror}") from None
