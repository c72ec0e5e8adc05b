"""The one pause of the cyclic garbage collector, for commands that build a whole workspace.

Loading, linting and the dashboard create millions of objects that all live to the
end of the command: the cyclic GC's full passes would only rescan them (half the
time of a 10,000-sprint lint, a third of status; see bench/README.md). Reference
counting still frees everything else. Nested pauses are fine: only the outermost
one re-enables collection, and only if it was enabled (a test runner, an editor).

In the `microokr` process itself (`one_run`, called by the entry point) the objects
built during the pause are frozen before collection resumes: the process ends soon
after, and the first collection would otherwise walk all of them (about 1 s of a
cold 10,000-sprint lint). In-process callers keep normal collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze = False


def one_run() -> None:
    """This process runs one command and exits: freeze, rather than rescan, on resume."""
    global _freeze
    _freeze = True


@contextmanager
def gc_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if _freeze:
                gc.freeze()
            gc.enable()
