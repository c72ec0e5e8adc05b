"""A sprint's timeline from git: created, each check-in, each moved goalpost, closed.

Built from the file's lineage (renames followed) plus the working tree when it
differs from the last commit. Every change of a measured field says whether it
came after the first check-in and which `revisions` entry, if any, records it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from microokr.history.fields import Field, has_checkins, measured, shown
from microokr.history.git import Commit
from microokr.history.lineage import WorkspaceHistory
from microokr.history.recalibration import RevisionEntry, recorded_by

if TYPE_CHECKING:
    from microokr.workspace import SourceFile


@dataclass(frozen=True)
class Event:
    """One thing that happened to the sprint, in the commit that did it."""

    kind: str  # created | renamed | checkin | changed | added | removed | closed | reopened
    commit: Commit | None
    """None: the working tree, not committed yet."""
    text: str
    field: Field | None = None
    old: object = None
    new: object = None
    after_first_checkin: bool = False
    revision: int | None = None

    @property
    def unrecorded(self) -> bool:
        """A goalpost moved after measuring began, and no revision says so (MO709)."""
        return self.kind == "changed" and self.after_first_checkin and self.revision is None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "commit": self.commit.id if self.commit else None,
            "date": self.commit.day.isoformat() if self.commit else None,
            "author": self.commit.author if self.commit else None,
            "text": self.text,
            "field": self.field.label() if self.field else None,
            "old": shown(self.old) if self.field else None,
            "new": shown(self.new) if self.field else None,
            "after_first_checkin": self.after_first_checkin,
            "revision": self.revision,
            "unrecorded": self.unrecorded,
        }


@dataclass(frozen=True)
class _State:
    commit: Commit | None
    path: str
    data: Any


def timeline(history: WorkspaceHistory, source: SourceFile) -> list[Event]:
    """Every event of the sprint file's history, oldest first ([] when never committed)."""
    versions = history.lineage(source.rel)
    states = [_State(v.commit, v.path, history.data(v)) for v in versions]
    if not states:
        return []
    try:
        raw = source.path.read_bytes()
    except OSError:
        raw = None
    if raw is not None and history.blob_of(raw) != versions[-1].blob:
        states.append(_State(None, source.rel, None if source.doc.aborted else source.doc.data))
    revisions = _revisions(states[-1].data)
    events: list[Event] = [Event("created", states[0].commit, f"created as {states[0].path}")]
    measuring = False
    previous = _State(states[0].commit, states[0].path, None)
    last_day = versions[-1].commit.day  # an uncommitted change happened after it
    for state in states:
        day = state.commit.day if state.commit else last_day
        events.extend(_between(previous, state, day, measuring=measuring, revisions=revisions))
        measuring = measuring or has_checkins(state.data)
        previous = state
    return events


def _between(
    before: _State,
    after: _State,
    day: dt.date,
    *,
    measuring: bool,
    revisions: Sequence[RevisionEntry],
) -> list[Event]:
    commit = after.commit
    found: list[Event] = []
    if before.path != after.path:
        found.append(Event("renamed", commit, f"renamed from {before.path} to {after.path}"))
    old, new = measured(before.data), measured(after.data)
    if before.data is not None:
        old_krs, new_krs = _kr_ids(old), _kr_ids(new)
        for kind, krs in (("added", new_krs - old_krs), ("removed", old_krs - new_krs)):
            for kr in sorted(krs):
                # A KR dropped (or slipped in) once measuring began moves the goalposts
                # as surely as a lowered target: say whether a revision records it.
                entry = recorded_by(Field("key_results", kr, None), day, revisions)
                text = f"KR {kr} {kind}"
                found.append(
                    Event(kind, commit, text, after_first_checkin=measuring, revision=entry)
                )
        for field in sorted(set(old) | set(new)):
            if field.kr is not None and field.kr not in old_krs & new_krs:
                continue
            if old.get(field) == new.get(field):
                continue
            text = f"{field.label()} {shown(old.get(field))} → {shown(new.get(field))}"
            revision = recorded_by(field, day, revisions)
            found.append(
                Event(
                    "changed",
                    commit,
                    text,
                    field,
                    old.get(field),
                    new.get(field),
                    measuring,
                    revision,
                )
            )
    for number, date in enumerate(sorted(_checkin_dates(after.data) - _checkin_dates(before.data))):
        first = " (the first)" if not measuring and number == 0 else ""
        found.append(Event("checkin", commit, f"check-in of {date} recorded{first}"))
    closed_before, closed_now = _close_date(before.data), _close_date(after.data)
    if closed_now is not None and closed_before is None:
        found.append(Event("closed", commit, f"closed on {closed_now}"))
    elif closed_before is not None and closed_now is None and after.data is not None:
        found.append(Event("reopened", commit, "close removed"))
    return found


def _kr_ids(fields: dict[Field, object]) -> set[str]:
    return {f.kr for f in fields if f.kr is not None}


def _checkin_dates(data: Any) -> set[str]:
    if not has_checkins(data):
        return set()
    return {
        str(item["date"]) for item in data["checkins"] if isinstance(item, dict) and "date" in item
    }


def _close_date(data: Any) -> str | None:
    close = data.get("close") if isinstance(data, dict) else None
    return str(close.get("date", "?")) if isinstance(close, dict) else None


def _revisions(data: Any) -> list[RevisionEntry]:
    items = data.get("revisions") if isinstance(data, dict) else None
    found = []
    for item in items if isinstance(items, list) else []:
        day = item.get("date") if isinstance(item, dict) else None
        if isinstance(day, str):  # a quoted date is the same date (the model accepts it)
            try:
                day = dt.date.fromisoformat(day)
            except ValueError:
                continue
        if isinstance(day, dt.date):
            found.append(RevisionEntry(day, str(item.get("what", ""))))
    return found
