"""The states microokr derives (status, pace, outcome), with their display names and styles.

`progress` computes them; every table, report, CLI choice and JSON field names them
from here, so a state is spelt once. Styles are rich style names.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    OVERDUE = "overdue"
    CLOSED = "closed"


class Pace(StrEnum):
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"


class Outcome(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MOVED = "not moved"


STATUS_ORDER: tuple[Status, ...] = (Status.OVERDUE, Status.ACTIVE, Status.PLANNED, Status.CLOSED)
"""The order of the dashboard: what needs attention first."""

STYLE_BY_STATUS: dict[Status, str] = {
    Status.ACTIVE: "green",
    Status.OVERDUE: "bold red",
    Status.PLANNED: "cyan",
    Status.CLOSED: "dim",
}

STYLE_BY_VERDICT: dict[Pace | Outcome, str] = {
    Pace.ON_TRACK: "green",
    Outcome.MET: "green",
    Pace.AT_RISK: "yellow",
    Outcome.PARTLY: "yellow",
    Pace.OFF_TRACK: "red",
    Outcome.NOT_MOVED: "red",
}
"""A pace (during the window) or an outcome (at the close), coloured alike."""


def choices(kind: type[StrEnum]) -> tuple[str, ...]:
    """The values of an enum, in order: a CLI option's allowed values, a message's list."""
    return tuple(member.value for member in kind)
