"""Whole-result replay: a `lint` whose every input is as the last run saw it prints
that run's output again, before typer, pydantic or any rule is imported.

A record is kept per command line in `.microokr_cache/replay-<key>`: the key hashes
the arguments, the current folder, the whole environment, today's date and whether
stdout is a terminal, so only an identical invocation can match. The record holds
what that run printed (stdout, stderr, exit code) and what it depended on: the
code fingerprint, the root, the config's bytes, the scanned file list, the stat
data of every file (mode, size, mtime, ctime, inode, device), and of the git files
that MO709 and the path prefix read (HEAD, the ref it names, packed-refs, shallow)
and of the schema copies MO010 reads.

Git's index discipline applies: a file whose mtime or ctime is not strictly older
than the run's stamp (a file created in the cache folder at the run's start, so
on the file system's own clock) may have changed again within the same tick
without its stat data showing it ("racily clean", git's racy-git.txt): any such
input makes the record unusable, and the next full run writes a fresh one. The
record is MAC-authenticated like the rest of the cache (`cachefs`): a committed
or forged record is a miss, never a lie.

Replay is skipped for anything it cannot judge from the command line alone: an
option it does not know, `--no-cache`, `--staged` or PRE_COMMIT=1, `--output`,
or stdout on a terminal (colours and widths): those take the full path.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from microokr.gitinputs import racy, stat_of

FORMAT = 1
PREFIX = "replay-"
KEEP = 8
"""Records kept per workspace (one per distinct command line), the oldest removed."""

ARGV: list[str] | None = None
"""The real command line, set by `entry` (never for an in-process CliRunner call)."""

_TAKEN: dict[str, Any] = {}
"""What a check that found a change took: the scans and the stat data (`handover`)."""

_FLAGS = frozenset({"--no-color", "--strict", "--no-history"})
_VALUED = frozenset({"-w", "--workspace", "--today", "-f", "--format", "--select", "--ignore"})


def parse(argv: list[str]) -> tuple[str | None, list[str]] | None:
    """`(--workspace value, PATHs)` of a plain `lint` command line, else None."""
    explicit: str | None = None
    paths: list[str] = []
    command = False
    items = iter(argv)
    for item in items:
        name, has_value, value = item.partition("=")
        if item == "lint" and not command:
            command = True
        elif item in _FLAGS:
            continue
        elif name in _VALUED and name.startswith("--") and has_value:
            explicit = value if name == "--workspace" else explicit
        elif item in _VALUED:
            value = next(items, None)  # type: ignore[assignment]
            if value is None:
                return None
            explicit = value if item in ("-w", "--workspace") else explicit
        elif item.startswith("-") or not command:
            return None  # an option replay does not know (or `--`): the full path
        else:
            paths.append(item)
    return (explicit, paths) if command else None


def record_name(argv: list[str]) -> str | None:
    """The record's file name for this invocation, or None when replay cannot apply."""
    if os.environ.get("PRE_COMMIT") == "1" or os.environ.get("MICROOKR_NO_CACHE"):
        return None
    try:
        here = os.getcwd()
        tty = os.isatty(1)
    except OSError:
        return None
    if tty:
        return None
    # All of the environment but `_` (the shell's path of the program it ran).
    env = sorted(item for item in os.environ.items() if item[0] != "_")
    inputs = [FORMAT, argv, here, env, time.strftime("%Y-%m-%d")]
    text = json.dumps(inputs, ensure_ascii=True)
    return PREFIX + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def workspace_root(explicit: str | None, paths: list[str]) -> Path | None:
    """The root `lint` would find (commands/lint.py `_workspace_root`), or None."""
    from microokr.errors import MicrookrError
    from microokr.walk import find_root, has_config, resolve_root

    try:
        for path in paths:
            if not os.path.lexists(path):
                return None
        if explicit is not None:
            root = resolve_root(Path(explicit))
        elif paths:
            first = Path(paths[0]).resolve()
            start = first if first.is_dir() else first.parent
            root = find_root(start) or resolve_root(None)
        else:
            root = resolve_root(None)
    except (MicrookrError, OSError, RuntimeError):
        return None
    return root if has_config(root) else None


def scanned(root: Path, folders: list[str]) -> tuple[list[str], list[Any]] | None:
    """The files lint reads, and the listing it reports (as `_load_workspace` scans)."""
    from microokr.errors import MicrookrError
    from microokr.walk import rel_name, scan_names

    try:
        okr_paths, okr_others, okr_outside = scan_names(root / folders[0], root)
        sprint_paths, sprint_others, sprint_outside = scan_names(root / folders[1], root)
    except (MicrookrError, OSError):
        return None
    _TAKEN["scans"] = {
        (str(root / folders[0]), str(root)): (okr_paths, okr_others, okr_outside),
        (str(root / folders[1]), str(root)): (sprint_paths, sprint_others, sprint_outside),
    }
    paths = [*okr_paths, *sprint_paths]
    listing = [
        [rel_name(path, root) for path in paths],
        [rel_name(path, root) for path in [*okr_others, *sprint_others]],
        [*okr_outside, *sprint_outside],
    ]
    return paths, listing


def stats_digest(paths: list[str], stamp: int) -> str | None:
    """One digest of every file's stat data; None when one is racily clean (the rest
    are still taken: the full run that follows uses them, `handover`)."""
    digest = hashlib.blake2b(digest_size=20)
    stat = os.stat
    taken = _TAKEN["stats"] = {}  # lines, not stat results: 10,000 of those cost ~8 ms
    racy = False
    for path in paths:
        try:
            info = stat(path)
        except OSError:
            digest.update(b"-\n")
            continue
        mtime, ctime = info.st_mtime_ns, info.st_ctime_ns
        line = taken[path] = (
            f"{info.st_mode} {info.st_size} {mtime} {ctime} {info.st_ino} {info.st_dev}"
        )
        if racy or mtime >= stamp or ctime >= stamp:
            racy = True
            continue
        digest.update(f"{line}\n".encode())
    return None if racy else digest.hexdigest()


def config_digest(root: Path) -> str | None:
    """The config's bytes, hashed; None unless it is a regular file (a link, a FIFO or
    a device is judged by the full path, and never opened here)."""
    import stat

    from microokr.cachefs import read_regular
    from microokr.walk import CONFIG_NAME

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        if not stat.S_ISREG(os.lstat(root / CONFIG_NAME).st_mode):
            return None
        fd = os.open(root / CONFIG_NAME, flags)
    except OSError:
        return None
    found = read_regular(fd, 64 << 20)
    return None if found is None else hashlib.blake2b(found[1], digest_size=20).hexdigest()


def replayed(argv: list[str]) -> int | None:
    """Print the recorded result of this very command and return its exit code, or
    None (nothing printed) when any input may have changed."""
    import sys

    from microokr.cachefs import CACHE_DIR, CACHE_FILE, CacheFolder, opened, secret_key

    parsed = parse(argv)
    name = record_name(argv) if parsed is not None else None
    if parsed is None or name is None:
        return None
    root = workspace_root(*parsed)
    secret = secret_key() if root is not None else None
    if root is None or secret is None:
        return None
    folder = CacheFolder(root / CACHE_DIR, create=False)
    try:
        # The lint cache itself must be there, a plain file: a record never outlives
        # it (`rm .microokr_cache/lint.cache` means a full run), nor a swapped link.
        raw = folder.read(name) if folder.is_file(CACHE_FILE) else None
    finally:
        folder.close()
    body = opened(secret, raw)
    if body is None:
        return None
    head, _, stdout = body.partition(b"\n")
    try:
        meta = json.loads(head)
        if not _unchanged(meta, root, argv):
            return None
        stderr, code = str(meta["stderr"]), int(meta["exit"])
        text = stdout.decode("utf-8")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    if stderr:
        sys.stderr.write(stderr)
        sys.stderr.flush()
    sys.stdout.write(text)
    return code


def handover() -> tuple[dict[tuple[str, str], Any], dict[str, str]]:
    """The scans ((folder, root) -> `walk.scan_names`'s answer) and stat data (path ->
    "mode size mtime ctime inode device", as the cache keeps it) a replay check took
    before it found a change, once: the full run that
    follows in the same process uses them instead of taking them again, as if it had
    started a moment earlier. Never for an in-process call (`ARGV` unset)."""
    scans, stats = _TAKEN.pop("scans", {}), _TAKEN.pop("stats", {})
    return (scans, stats) if ARGV is not None else ({}, {})


def _unchanged(meta: dict[str, Any], root: Path, argv: list[str]) -> bool:
    from microokr.codeprint import code_fingerprint

    if meta["format"] != FORMAT or meta["argv"] != argv or meta["root"] != str(root):
        return False
    if meta["code"] != code_fingerprint() or meta["config"] != config_digest(root):
        return False
    stamp = int(meta["stamp"])
    for path, expected in meta["extra"]:
        found = stat_of(path)
        if found != expected or racy(found, stamp):
            return False
    scan = scanned(root, meta["folders"])
    if scan is None or scan[1] != meta["listing"]:
        return False
    return bool(stats_digest(scan[0], stamp) == meta["stats"])
