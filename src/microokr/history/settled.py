"""The sprint files MO709 found nothing unrecorded in, remembered between lint runs.

MO709 compares a sprint with every committed version of it; in a repository where
sprints get check-in commits, most of them have several versions, and a warm lint
re-read and re-parsed every one of those versions each run (~2 s on 10,000 sprints
with 5 commits). What it finds depends only on the file's text and its versions,
all named by content: the text's git blob id and each version's commit, path and
blob. A file whose every moved goalpost is recorded (or none moved) is remembered
under a key of those, the code fingerprint and the size limit, in
`.microokr_cache/history.cache`, MAC'd like the rest of the cache (`cachefs`): a
record that does not verify is empty, and a key that is not in it means "compare".
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from microokr.cachefs import CACHE_DIR, CacheFolder, opened, secret_key, signed
from microokr.codeprint import code_fingerprint

NAME = "history.cache"
_HEAD = b"settled 1 "


@cache
def _code() -> str:
    return code_fingerprint()  # it stats every module: once per run, not once per file


def key_of(now_blob: str, versions: Sequence[Any], max_bytes: int) -> str:
    digest = hashlib.blake2b(f"{_code()}\0{max_bytes}\0{now_blob}".encode())
    for version in versions:
        digest.update(f"\0{version.commit.id}:{version.blob}:{version.path}".encode())
    return digest.hexdigest()[:40]


def load(root: Path) -> set[str]:
    """The keys remembered for this workspace (empty when there is no valid record)."""
    secret = secret_key()
    if secret is None:
        return set()
    folder = CacheFolder(root / CACHE_DIR, create=False)
    try:
        raw = folder.read(NAME)
    finally:
        folder.close()
    body = opened(secret, raw)
    if body is None:
        return set()
    head, _, keys = body.partition(b"\n")
    if head != _HEAD + _code().encode():
        return set()
    return set(keys.decode("ascii", "replace").split()) if keys else set()


def save(root: Path, keys: set[str]) -> None:
    """Remember `keys` (atomically; nothing on any doubt: a read-only folder, no key)."""
    secret = secret_key()
    if secret is None:
        return
    body = _HEAD + _code().encode() + b"\n" + "\n".join(sorted(keys)).encode()
    folder = CacheFolder(root / CACHE_DIR, create=False)
    try:
        folder.replace(NAME, signed(secret, body))
    except OSError:
        return
    finally:
        folder.close()
