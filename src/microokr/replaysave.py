"""Writing `lint`'s replay record (read by `microokr.replay`, which explains it).

`save` writes what the run printed and what it depended on once it has printed
it, with the stamp the lint cache took before the workspace was read. Nothing is written when
any input is racily clean (changed at or after the stamp): an older record for the
same command line is removed then, so it cannot outlive the files it described.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from microokr.cachefs import CACHE_DIR, CacheFolder, secret_key, signed
from microokr.gitinputs import git_inputs, includes, racy, stat_of
from microokr.replay import FORMAT, KEEP, PREFIX, config_digest, record_name

if TYPE_CHECKING:
    from microokr.workspace import Workspace


def _digest(lines: list[str | None]) -> str | None:
    """`replay.stats_digest` of the stat data the cache took before reading each file
    (git's order: stat, then read); None when one is missing or racily clean."""
    digest = hashlib.blake2b(digest_size=20)
    for line in lines:
        if line is None:
            return None
        digest.update(f"{line}\n".encode())
    return digest.hexdigest()


def save(
    root: Path,
    argv: list[str],
    stamp: int,
    workspace: Workspace,
    seen: dict[str, str | None],
    *,
    stdout: str,
    stderr: str,
    code: int,
) -> None:
    """Record this run's result for `replay.replayed` (silently nothing on any doubt)."""
    from microokr.cache import _CODE  # this process's fingerprint, taken at import
    from microokr.schemas import SCHEMA_FILES, WORKSPACE_SCHEMAS

    name = record_name(argv)
    secret = secret_key()
    if name is None or secret is None:
        return
    inputs = git_inputs(root)
    if includes(inputs):  # what an included config says is not among the inputs
        return
    sources = [*workspace.okr_files, *workspace.sprint_files]
    schemas = root / WORKSPACE_SCHEMAS
    paths = [*inputs, str(schemas), *(str(schemas / n) for n in SCHEMA_FILES.values())]
    extra = [(path, stat_of(path)) for path in paths]
    meta = {
        "format": FORMAT,
        "argv": argv,
        "root": str(root),
        "code": _CODE,
        "config": config_digest(root),
        "folders": [str(workspace.config.okrs), str(workspace.config.sprints)],
        "listing": [
            [source.rel for source in sources],
            workspace.unrecognized,
            workspace.outside_links,
        ],
        "stamp": stamp,
        "stats": _digest([seen.get(source.rel) for source in sources]),
        "extra": [list(item) for item in extra],
        "stderr": stderr,
        "exit": code,
    }
    extra_racy = any(racy(found, stamp) for _, found in extra)
    folder = CacheFolder(root / CACHE_DIR, create=False)
    try:
        if meta["config"] is None or meta["stats"] is None or extra_racy:
            folder.remove(name)
            return
        body = json.dumps(meta, ensure_ascii=True).encode() + b"\n" + stdout.encode("utf-8")
        folder.replace(name, signed(secret, body))
        records = sorted(
            (folder.mtime(other), other) for other in folder.names() if other.startswith(PREFIX)
        )
        for _, old in records[:-KEEP]:
            folder.remove(old)
    except (OSError, UnicodeEncodeError):
        return  # a read-only cache folder, or output that cannot be stored: no replay
    finally:
        folder.close()
