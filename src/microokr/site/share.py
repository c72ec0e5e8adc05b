"""A big site's sprint pages shared with one forked helper (`microokr.forkshare`).

The helper makes sprint pages from the last one down while the main process makes them
from the first one up, and sends each page, its `data.json` entry and its summary back
through the pipe; the main process writes every file itself, in the same order and with
the same bytes as alone. A page's bytes depend only on the workspace and on names given
before the fork: the sprint and OKR pages' names are given then, and the team pages'
too when no two team ids could want the same name (else, as on a machine with one core,
the main process makes every page).
"""

from __future__ import annotations

import pickle
import struct
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from microokr import forkshare
from microokr.site.data import team_keys

if TYPE_CHECKING:
    from microokr.site.build import SiteRun, SprintPage

MINIMUM = 256
"""Fewer sprints than this: one process (a fork and its pipe cost more than they save)."""
OTHERS_MINIMUM = 64
"""The same for the index, OKR and team pages (a team page costs ~1.5 ms, a sprint's 0.7)."""

_HEAD = struct.Struct("<III")  # lengths of the page's path, its HTML and its entry


def pack(made: SprintPage) -> bytes:
    path = made.page.encode("utf-8", "surrogatepass")
    head = _HEAD.pack(len(path), len(made.html), len(made.entry))
    summary = pickle.dumps(made.summary, protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join((head, path, made.html, made.entry, summary))


def unpack(payload: bytes) -> SprintPage:
    from microokr.site.build import SprintPage

    paths, html, entry = _HEAD.unpack_from(payload)
    at = _HEAD.size
    page = payload[at : at + paths].decode("utf-8", "surrogatepass")
    at += paths
    body = payload[at : at + html]
    at += html
    data = payload[at : at + entry]
    # Our own fork's bytes, read from our own pipe: nothing from a checkout is unpickled.
    return SprintPage(page, body, data, pickle.loads(payload[at + entry :]))


def each(
    count: int, work: Callable[[int], bytes], *, minimum: int, fork: bool = True
) -> Iterator[tuple[int, bytes | None]]:
    """Every index of `0..count-1` once, with the helper's `work(index)` or None (do it
    here, before taking the next one): in order, and a result the helper sent for an
    index further on as soon as it has come (not held until its turn)."""
    share = forkshare.start(count, work, minimum=minimum) if fork else forkshare.Share()
    given: set[int] = set()
    try:
        for index in range(count):
            if index in given:
                continue
            given.add(index)
            yield index, share.take(index)
            for other, done in share.arrived().items():
                if other not in given:  # near the meeting point both may have made it
                    given.add(other)
                    yield other, done
    finally:
        share.close()


def sprint_pages(run: SiteRun) -> Iterator[tuple[int, SprintPage]]:
    """`run`'s sprint pages with their site index, shared with a helper when that can
    pay (half of 10,000 pages held until their turn were ~90 MB: they come as made)."""
    fork = run.count >= MINIMUM and run.team_names.settle(_teams(run))

    def work(index: int) -> bytes:
        run.team_names.frozen = True  # in the helper: a new name would be its own
        return pack(run.sprint(index))

    for index, payload in each(run.count, work, minimum=MINIMUM, fork=fork):
        yield index, unpack(payload) if payload is not None else run.sprint(index)


def _teams(run: SiteRun) -> Iterator[str]:
    """Every team id a page of `run` may link: the registry's, and each sprint's."""
    yield from run.workspace.teams or {}
    yield from (load.id for load in run.board.teams)
    for row in run.rows:
        if row is not None:
            yield from team_keys(row.sprint)
