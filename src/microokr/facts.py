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
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Closed:
    date: dt.date


@dataclass(frozen=True)
class Teams:
    teams: tuple[str, ...]


@dataclass(frozen=True)
class SprintFacts:
    id: str
    carried_from: str | None
    window: Span
    close: Closed | None
    owner: Teams


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
    if not (
        isinstance(sid, str)
        and (origin is None or isinstance(origin, str))
        and isinstance(teams, list)
        and all(isinstance(team, str) for team in teams)
    ):
        raise ValueError("bad sprint facts")
    close = None if closed is None else Closed(dt.date.fromisoformat(closed))
    window = Span(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    return SprintFacts(sid, origin, window, close, Teams(tuple(teams)))
