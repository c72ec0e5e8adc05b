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
from collections.abc import Iterator
from typing import TYPE_CHECKING

from microokr import forkshare
from microokr.site.data import team_keys

if TYPE_CHECKING:
    from microokr.site.build import SiteRun, SprintPage

MINIMUM = 256
"""Fewer sprints than this: one process (a fork and its pipe cost more than they save)."""

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


def sprint_pages(run: SiteRun) -> Iterator[tuple[int, SprintPage]]:
    """`run`'s sprint pages with their site index: in order, shared with a helper when
    that can pay; a page the helper made is given as soon as it arrives (not held until
    its turn: half of 10,000 pages were ~90 MB)."""
    share = forkshare.Share()
    if run.count >= MINIMUM and run.team_names.settle(_teams(run)):

        def work(index: int) -> bytes:
            run.team_names.frozen = True  # in the helper: a new name would be its own
            return pack(run.sprint(index))

        share = forkshare.start(run.count, work, minimum=MINIMUM)
    given: set[int] = set()
    try:
        for index in range(run.count):
            if index in given:
                continue
            payload = share.take(index)
            given.add(index)
            yield index, unpack(payload) if payload is not None else run.sprint(index)
            for other, done in share.arrived().items():
                if other not in given:  # near the meeting point both may have made it
                    given.add(other)
                    yield other, unpack(done)
    finally:
        share.close()


def _teams(run: SiteRun) -> Iterator[str]:
    """Every team id a page of `run` may link: the registry's, and each sprint's."""
    yield from run.workspace.teams or {}
    yield from (load.id for load in run.board.teams)
    for row in run.rows:
        if row is not None:
            yield from team_keys(row.sprint)
