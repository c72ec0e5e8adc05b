"""What `git rev-parse` and `git log` printed, kept while git's inputs are unchanged.

A warm lint of an unchanged repository would start git twice only to hear the same
answer (~10 ms of CPU). The answers are kept in `.microokr_cache/git.cache` under a
key of everything they depend on: the workspace root and folder, the arguments, and
the stat data of git's inputs (`gitinputs.git_inputs`: HEAD, the ref, packed-refs,
shallow, config...; nothing is kept while a config includes another file, whose
stat data are not among them). Git's racy rule applies, with the lint cache's stamp
(the file system's clock before anything was read): answers are stored only when
every input is strictly older than the stamp, so a change within the same tick is
never missed.

The file arrives with a checkout like the rest of the cache folder: it is read
through `cachefs` (no links, bounded, regular files only) and MAC'd with the
user's key; a record that does not verify or whose key differs is a miss.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from microokr.cachefs import CACHE_DIR, CacheFolder, opened, secret_key, signed
from microokr.gitinputs import git_inputs, includes, racy, stat_of

FORMAT = 1
NAME = "git.cache"

Run = Callable[[Path, list[str]], bytes]


def remembered(root: Path, commands: list[list[str]], run: Run, stamp: int) -> list[bytes]:
    """`run(root, args)`'s output for each of `commands`, from the record when git's
    inputs are as they were; else run (GitUnavailable passes through) and recorded."""
    secret = secret_key()
    paths = git_inputs(root)
    if secret is None or includes(paths):  # included configs' stat data are unknown
        return [run(root, args) for args in commands]
    inputs = [(path, stat_of(path)) for path in paths]
    text = json.dumps([FORMAT, str(root), commands, inputs], ensure_ascii=True)
    key = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()
    folder = CacheFolder(root / CACHE_DIR, create=False)
    try:
        found = _stored(folder.read(NAME), secret, key, len(commands))
        if found is not None:
            return found
        outputs = [run(root, args) for args in commands]
        if not any(racy(info, stamp) for _, info in inputs):
            _store(folder, secret, key, outputs)
        return outputs
    finally:
        folder.close()


def _stored(raw: bytes | None, secret: bytes, key: str, count: int) -> list[bytes] | None:
    body = opened(secret, raw)
    if body is None:
        return None
    head, _, data = body.partition(b"\n")
    try:
        meta = json.loads(head)
        sizes = meta["sizes"]
        if meta["key"] != key or len(sizes) != count or sum(sizes) != len(data):
            return None
    except (ValueError, KeyError, TypeError):
        return None
    outputs, start = [], 0
    for size in sizes:
        outputs.append(data[start : start + size])
        start += size
    return outputs


def _store(folder: CacheFolder, secret: bytes, key: str, outputs: list[bytes]) -> None:
    head = json.dumps({"key": key, "sizes": [len(out) for out in outputs]}).encode()
    body = head + b"\n" + b"".join(outputs)
    try:
        folder.replace(NAME, signed(secret, body))
    except OSError:
        return  # a read-only cache folder: git runs again next time
