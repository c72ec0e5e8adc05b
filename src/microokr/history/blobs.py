"""File contents of past commits through ONE `git cat-file --batch` process.

Starting git once per file per commit would cost ~5 ms each (50 s on 10,000
sprints); one long-lived process answers each blob in microseconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
from types import TracebackType
from typing import IO

from microokr.history.git import SAFE_CONFIG, GitUnavailable, Repo, git_env


def blob_id(raw: bytes, object_format: str = "sha1") -> str:
    """The id git gives these bytes as a blob: equal ids, equal contents, no read needed."""
    digest = hashlib.sha256() if object_format == "sha256" else hashlib.sha1()
    digest.update(b"blob %d\0" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


class BlobReader:
    """Reads blobs by id; started on first use, closed with the history that owns it."""

    def __init__(self, repo: Repo, *, max_bytes: int) -> None:
        self._repo = repo
        self._max_bytes = max_bytes
        self._process: subprocess.Popen[bytes] | None = None
        self._memo: dict[str, bytes | None] = {}
        self.requests = 0

    def read(self, blob: str) -> bytes | None:
        """The blob's bytes; None when it is missing (shallow, partial) or over the limit."""
        if blob in self._memo:
            return self._memo[blob]
        if not all(c in "0123456789abcdef" for c in blob) or not blob:
            return None
        process = self._start()
        stdin, stdout = _pipes(process)
        self.requests += 1
        try:
            stdin.write(blob.encode() + b"\n")
            stdin.flush()
            header = stdout.readline().split()
        except OSError as error:
            raise GitUnavailable(f"git cat-file stopped: {error.strerror}") from None
        if len(header) != 3 or header[1] != b"blob":
            self._memo[blob] = None
            return None  # "<id> missing": the object is not in this clone
        size = int(header[2])
        content = stdout.read(size + 1)[:size]
        value = content if len(content) == size and size <= self._max_bytes else None
        self._memo[blob] = value
        return value

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    ["git", *SAFE_CONFIG, "cat-file", "--batch"],
                    cwd=self._repo.root,
                    env=git_env(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as error:
                raise GitUnavailable(f"git cat-file could not start: {error.strerror}") from None
        return self._process

    def close(self) -> None:
        if self._process is not None:
            stdin, _ = _pipes(self._process)
            with contextlib.suppress(OSError):  # git may be gone already
                stdin.close()
            self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    assert process.stdin is not None and process.stdout is not None
    return process.stdin, process.stdout
