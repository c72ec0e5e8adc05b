"""What the cross-file rules read of a sprint, as plain data: id, carried_from, window,
close date and teams.

MO006, MO701 and MO710 compare every sprint with the others, so one changed file
makes them re-run over all of them. They read these few fields only; a warm run
gets them from the cache (`json.loads` of five values, no pydantic validation of
the whole sprint) through `Workspace.sprint_facts()`. `SprintLike` is what
`progress.counting_days` and `claims_by_team` need, met by a `Sprint` and by
`SprintFacts` alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol


class _Dated(Protocol):
    @property
    def date(self) -> dt.date: ...


class _Span(Protocol):
    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...


class _Teams(Protocol):
    @property
    def teams(self) -> Sequence[str]: ...


class SprintLike(Protocol):
    """The fields of a sprint that the cross-file rules and the 2-per-team sweep read."""

    @property
    def id(self) -> str: ...

    @property
    def carried_from(self) -> str | None: ...

    @property
    def window(self) -> _Span: ...

    @property
    def close(self) -> _Dated | None: ...

    @property
    def owner(self) -> _Teams: ...


class Span:
    __slots__ = ("end", "start")

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.start, self.end = start, end


class Closed:
    __slots__ = ("date",)

    def __init__(self, date: dt.date) -> None:
        self.date = date


class Teams:
    __slots__ = ("teams",)

    def __init__(self, teams: Sequence[str]) -> None:
        self.teams = teams


class SprintFacts:
    """`plain` read back (plain slotted classes: 10,000 are built on a warm run)."""

    __slots__ = ("carried_from", "close", "id", "owner", "window")

    def __init__(
        self, sid: str, origin: str | None, window: Span, close: Closed | None, owner: Teams
    ) -> None:
        self.id, self.carried_from, self.window = sid, origin, window
        self.close, self.owner = close, owner


def plain(sprint: SprintLike) -> list[Any]:
    """The facts of a validated sprint as JSON-ready plain data (stored in the cache)."""
    return [
        sprint.id,
        sprint.carried_from,
        sprint.window.start.isoformat(),
        sprint.window.end.isoformat(),
        None if sprint.close is None else sprint.close.date.isoformat(),
        list(sprint.owner.teams),
    ]


def from_plain(data: Any) -> SprintFacts:
    """`plain`'s output read back; ValueError/TypeError when it is not that shape."""
    sid, origin, start, end, closed, teams = data
    if (
        type(sid) is not str
        or (origin is not None and type(origin) is not str)
        or type(teams) is not list
        or any(type(team) is not str for team in teams)
    ):
        raise ValueError("bad sprint facts")
    day = dt.date.fromisoformat
    close = None if closed is None else Closed(day(closed))
    return SprintFacts(sid, origin, Span(day(start), day(end)), close, Teams(teams))
