"""A check-in, assembled and validated: the domain side of `microokr checkin`.

A would-be check-in is checked by the registered rules on the file it would make
(MO706 for its KRs, MO707 for its date), as `new` checks a draft: nothing here
restates a rule. What is not a rule of the file is decided here: a closed sprint
takes no check-ins, and a day already recorded needs `--replace`. Pure: `today` is
an argument, nothing prompts or prints; `record` is the one write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from microokr import progress
from microokr.candidates import new_errors
from microokr.errors import RefusedError, UsageError
from microokr.model import Sprint
from microokr.workspace import SourceFile, Workspace

CHECKIN_RULES = ("MO706", "MO707")
"""The rules a new check-in entry can break."""


@dataclass
class CheckinEntry:
    day: dt.date
    values: dict[str, float]
    anchor: float | None = None
    blockers: list[tuple[str, str]] = field(default_factory=list)
    note: str | None = None
    confidence: str | None = None
    done: list[str] = field(default_factory=list)
    """Initiative ids of the integrated plan finished that day (`--done`)."""
    blocked: list[str] = field(default_factory=list)
    """Initiative ids blocked that day (`--blocked`)."""

    def as_yaml(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"date": self.day, "values": self.values}
        if self.anchor is not None:
            entry["anchor"] = self.anchor
        if self.blockers:
            entry["blockers"] = [{"what": what, "owner": team} for what, team in self.blockers]
        if self.note:
            entry["note"] = self.note
        if self.confidence:
            entry["confidence"] = self.confidence
        if self.done:
            entry["done"] = self.done
        if self.blocked:
            entry["blocked"] = self.blocked
        return entry


def refuse_closed(model: Sprint, today: dt.date) -> None:
    if progress.status(model, today) is progress.Status.CLOSED:
        assert model.close is not None
        raise RefusedError(
            f"{model.id} was closed on {model.close.date}; a closed sprint takes no check-ins"
        )


def duplicate(model: Sprint, day: dt.date) -> str:
    return f"{model.id} already has a check-in for {day}: add --replace to overwrite it"


def check_day(
    workspace: Workspace, source: SourceFile, model: Sprint, day: dt.date, today: dt.date,
    *, replace: bool,
) -> None:  # fmt: skip
    """Refuse a day before any value is asked: the rules see a check-in of the last values."""
    refuse_closed(model, today)
    if not replace and any(c.date == day for c in model.checkins):
        raise RefusedError(duplicate(model, day))
    placeholder = {kr.id: kr.baseline or 0 for kr in model.key_results}
    placeholder.update(progress.previous_values(model, day))
    check(workspace, source, CheckinEntry(day, placeholder), today, replace=replace)


def candidate_text(text: str, entry: CheckinEntry, *, recorded: bool) -> str:
    """The file's text with the entry: replacing the day's entry when it is `recorded`."""
    from microokr.yamlio import edits

    if recorded:
        return edits.replace_checkin(text, entry.as_yaml())
    return edits.insert_checkin(text, entry.as_yaml())


def check(
    workspace: Workspace, source: SourceFile, entry: CheckinEntry, today: dt.date,
    *, replace: bool,
) -> None:  # fmt: skip
    """Refuse the entry when the file with it breaks a rule the file without it does not."""
    model: Sprint = source.model
    recorded = replace and any(c.date == entry.day for c in model.checkins)
    text = candidate_text(source.doc.text, entry, recorded=recorded)
    errors = new_errors(workspace, source, text, today, CHECKIN_RULES)
    if errors:
        raise RefusedError(errors[0].message)


def parse_blocker(text: str, model: Sprint) -> tuple[str, str]:
    """`WHAT@TEAM` from `--blocker`: the team must own the sprint (governance rule 3)."""
    what, sep, team = text.rpartition("@")
    what, team = what.strip(), team.strip()
    if not sep or not what or not team:
        raise UsageError(
            f"--blocker '{text:.60}' must be WHAT@TEAM, like "
            f"--blocker 'Legal review of the pilot terms@{model.owner.teams[0]}'"
        )
    teams = model.owner.teams
    if team not in teams:
        raise RefusedError(
            f"the blocker's team '{team:.60}' does not own {model.id}: "
            f"name one of its owning teams ({', '.join(teams)})"
        )
    return what, team


def record(
    workspace: Workspace, source: SourceFile, model: Sprint, entry: CheckinEntry, today: dt.date,
    *, replace: bool,
) -> SourceFile:  # fmt: skip
    """Write the entry under the file's lock, deciding again on what the file holds then."""
    from microokr.workspace import source_from_bytes
    from microokr.yamlio.locking import locked_edit

    def change(text: str, data: dict[str, Any]) -> str:
        # Another writer may have been first: decide again on what the file holds now.
        if data.get("close") is not None:
            raise RefusedError(f"{model.id} was closed while you were checking in; nothing written")
        recorded = {c.get("date") for c in data.get("checkins") or [] if isinstance(c, dict)}
        if entry.day in recorded and not replace:
            raise RefusedError(duplicate(model, entry.day))
        return candidate_text(text, entry, recorded=entry.day in recorded)

    new_raw = locked_edit(source.path, change, max_bytes=workspace.config.max_file_size)
    return source_from_bytes(source.path, source.rel, source.kind, new_raw)
