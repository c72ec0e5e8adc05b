"""File contents of past commits through ONE `git cat-file --batch` process.

Starting git once per file per commit would cost ~5 ms each (50 s on 10,000
sprints); one long-lived process answers each blob in microseconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import subprocess
from collections.abc import Iterable
from types import TracebackType
from typing import IO

from microokr.history.git import SAFE_CONFIG, GitUnavailable, Repo, git_env


def blob_id(raw: bytes, object_format: str = "sha1") -> str:
    """The id git gives these bytes as a blob: equal ids, equal contents, no read needed."""
    digest = hashlib.sha256() if object_format == "sha256" else hashlib.sha1()
    digest.update(b"blob %d\0" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


PREFETCH_CHUNK = 500
"""Requests per write: 500 ids of at most 65 bytes each stay under a pipe's 64 KiB."""


_EOF = object()
"""What `_answer` returns when git closed its output."""


class BlobReader:
    """Reads blobs by id; started on first use, closed with the history that owns it."""

    def __init__(self, repo: Repo, *, max_bytes: int) -> None:
        self._repo = repo
        self._max_bytes = max_bytes
        self._process: subprocess.Popen[bytes] | None = None
        self._memo: dict[str, bytes | None] = {}
        self._buffered = True
        self.requests = 0

    def prefetch(self, blobs: Iterable[str]) -> None:
        """Read many blobs in one stream instead of a round trip each.

        Requests go in chunks small enough for the pipe's buffer (64 KiB on Linux),
        so writing one never waits on git, which may itself wait for us to read.
        """
        wanted = [b for b in dict.fromkeys(blobs) if b not in self._memo and _is_id(b)]
        for start in range(0, len(wanted), PREFETCH_CHUNK):
            chunk = wanted[start : start + PREFETCH_CHUNK]
            for blob, value in zip(chunk, self._exchange(chunk), strict=True):
                self._memo[blob] = value

    def read(self, blob: str) -> bytes | None:
        """The blob's bytes; None when it is missing (shallow, partial) or over the limit."""
        if blob not in self._memo:
            self._memo[blob] = self._exchange([blob])[0] if _is_id(blob) else None
        return self._memo[blob]

    def _exchange(self, blobs: list[str]) -> list[bytes | None]:
        """Ask for `blobs`, read their answers. `--batch-command --buffer` (git 2.36+)
        answers a whole chunk in one write; an older git is asked with `--batch`."""
        for _ in range(2):
            self._send(blobs)
            first = self._answer()
            if first is not _EOF:
                return [first, *(self._answer() for _ in blobs[1:])]  # type: ignore[list-item]
            if not self._buffered:
                break
            self.close()  # this git has no --batch-command: ask the old way
            self._buffered = False
        raise GitUnavailable("git cat-file stopped answering")

    def _send(self, blobs: list[str]) -> None:
        stdin, _ = _pipes(self._start())
        if self._buffered:
            request = b"".join(b"contents " + blob.encode() + b"\n" for blob in blobs) + b"flush\n"
        else:
            request = b"".join(blob.encode() + b"\n" for blob in blobs)
        try:
            stdin.write(request)
            stdin.flush()
        except OSError:
            pass  # git is gone: the answer reads end of file, and says so

    def _answer(self) -> bytes | object | None:
        """The next answer: the blob, None (missing, too big), or _EOF when git is gone."""
        _, stdout = _pipes(self._start())
        self.requests += 1
        try:
            line = stdout.readline()
        except OSError:
            return _EOF
        if not line:
            return _EOF
        header = line.split()
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            return None  # "<id> missing": the object is not in this clone
        size = int(header[2])
        content = stdout.read(size + 1)[:size]
        return content if len(content) == size and size <= self._max_bytes else None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            mode = ["--batch-command", "--buffer"] if self._buffered else ["--batch"]
            try:
                self._process = subprocess.Popen(
                    ["git", *SAFE_CONFIG, "cat-file", *mode],
                    cwd=self._repo.root,
                    env=git_env(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as error:
                raise GitUnavailable(f"git cat-file could not start: {error.strerror}") from None
            _widen(self._process)
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


def _widen(process: subprocess.Popen[bytes]) -> None:
    """A 1 MiB pipe for git's answers (Linux): on a busy machine every refill of a
    64 KiB pipe is a trip through the scheduler for both processes."""
    if process.stdout is None or not hasattr(fcntl, "F_SETPIPE_SZ"):
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(process.stdout.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)


def _is_id(blob: str) -> bool:
    return bool(blob) and all(c in "0123456789abcdef" for c in blob)


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    assert process.stdin is not None and process.stdout is not None
    return process.stdin, process.stdout
