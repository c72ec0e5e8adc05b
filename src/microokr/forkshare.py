"""One forked helper process that shares a run's items with the main process.

The main process takes items 0, 1, 2, ... in order and asks, before each, whether the
helper has done it (`Share.take`). The helper, forked once, works from the last item
down and sends each result through a pipe; it stops where the two meet. Nothing is
split in advance, so a busy machine never makes a run slower than one process: a
helper that gets no core does nothing, and the main process does every item itself.
Near the meeting point an item may be done twice; the main process keeps its own.

The helper writes nothing but its pipe (stdout and stderr are /dev/null in it), never
runs `atexit` functions or flushes inherited buffers (it leaves with `os._exit`), and
dies quietly on Ctrl-C, which the main process reports; when the main process is
done with it, it is killed. If it fails, the main process simply does the rest.
Only the `microokr` process itself forks (`allow`, called by the entry point): an
in-process caller (a test runner, an editor) gets one process.
`MICROOKR_JOBS=1` turns the helper off.
"""

from __future__ import annotations

import contextlib
import os
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import mmap

_FRAME = struct.Struct("<II")  # item index, payload length
_AT = struct.Struct("<q")  # the board: the item the main process is at; -2 means stop
_STOP = -2
_allowed = False


def allow() -> None:
    """This process runs one command and exits: it may fork a helper."""
    global _allowed
    _allowed = True


class Share:
    """Items shared with no helper: `take` always says "do it yourself"."""

    helped = 0
    """Items the main process took from the helper."""

    def take(self, index: int) -> bytes | None:
        return None

    def arrived(self) -> dict[int, bytes]:
        """The helper's results that have come so far, whatever their items, handed over
        now (a caller that can use them out of order need not hold them all until it
        gets there; it must then not do those items itself, nor `take` them)."""
        return {}

    def close(self) -> None:
        return None


def start(count: int, work: Callable[[int], bytes], *, minimum: int = 256) -> Share:
    """Share items `0..count-1` with a forked helper that runs `work(i)` from the back.

    `work` must leave no trace outside the helper but its result; an empty result
    means "not done". One process when there are fewer than `minimum` items, one
    core, `MICROOKR_JOBS=1`, or no fork.
    """
    if not _allowed or count < minimum or os.environ.get("MICROOKR_JOBS", "").strip() == "1":
        return Share()
    if not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2:
        return Share()
    import fcntl  # here, not at start-up: every command imports this module
    import mmap
    import signal

    board = mmap.mmap(-1, _AT.size)
    _AT.pack_into(board, 0, -1)
    reading, writing = os.pipe()
    with contextlib.suppress(OSError, AttributeError):  # fewer waits on a full pipe
        fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, 1 << 20)
    # Ctrl-C is held from before the fork until the helper has its own handling: one
    # arriving in between would raise in the helper, which would then unwind through
    # the command's edge as a second main process (a second sentence, flushed buffers).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reading)
        os.close(writing)
        return Share()
    if pid == 0:  # the helper: never returns
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # the main process says the sentence
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            os.close(reading)
            _helper(count, work, writing, board)
        finally:
            os._exit(1)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C held now arrives here
    os.close(writing)
    os.set_blocking(reading, False)
    return _Forked(pid, reading, board)


def _helper(count: int, work: Callable[[int], bytes], pipe: int, board: mmap.mmap) -> None:
    status = 1
    try:
        quiet = os.open(os.devnull, os.O_RDWR)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        for index in range(count - 1, -1, -1):
            at = _AT.unpack_from(board, 0)[0]
            if at == _STOP or index <= at:
                break
            payload = work(index)
            frame = _FRAME.pack(index, len(payload)) + payload
            view = memoryview(frame)
            while view:
                view = view[os.write(pipe, view) :]
        status = 0
    except BaseException:  # the main process does whatever is left
        pass
    finally:
        os._exit(status)


class _Forked(Share):
    def __init__(self, pid: int, pipe: int, board: mmap.mmap) -> None:
        self._pid: int | None = pid
        self._pipe: int | None = pipe
        self._board = board
        self._buffer = bytearray()
        self._done: dict[int, bytes] = {}
        self.helped = 0

    def take(self, index: int) -> bytes | None:
        if self._pipe is None:
            return None
        _AT.pack_into(self._board, 0, index)  # first: the helper stops before this item
        self._drain()
        payload = self._done.pop(index, None)
        if payload:
            self.helped += 1
            return payload
        return None

    def arrived(self) -> dict[int, bytes]:
        if self._pipe is None:
            return {}
        self._drain()
        done, self._done = self._done, {}
        for index in [index for index, payload in done.items() if not payload]:
            del done[index]  # "not done": the caller does it when it gets there
        self.helped += len(done)
        return done

    def _drain(self) -> None:
        """Read whatever the helper has sent, without waiting; keep whole frames."""
        assert self._pipe is not None
        while True:
            try:
                chunk = os.read(self._pipe, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                break
            self._buffer += chunk
        buffer, start = self._buffer, 0
        while len(buffer) - start >= _FRAME.size:
            index, length = _FRAME.unpack_from(buffer, start)
            end = start + _FRAME.size + length
            if end > len(buffer):
                break
            self._done[index] = bytes(buffer[start + _FRAME.size : end])
            start = end
        del buffer[:start]

    def close(self) -> None:
        """End the helper now: it holds nothing but its pipe, so it is killed rather
        than waited for (a helper the machine gives no core would keep us waiting)."""
        if self._pipe is None:
            return
        _AT.pack_into(self._board, 0, _STOP)
        os.close(self._pipe)
        self._pipe = None
        self._done.clear()
        if self._pid is not None:
            import signal

            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None
        self._board.close()
