"""The site's history keys: re-calibrations from git and carry-over links, both ways.

Each sprint's entry gains `carried_from` (the sprint it was carried from, with its
page), `carried_to` (the sprints carried on from it) and `recalibrations` (every
goalpost that moved after the first check-in, with the commit that moved it and the
`revisions` entry that records it, or none: unrecorded; null when git could not
tell). `data.json` gets `history`: whether git was read, and how far back it saw.
The pages (`templates/history.html.j2`) only lay these out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microokr.history.git import Commit
    from microokr.history.krset import KrChange
    from microokr.history.overview import HistoryOverview
    from microokr.history.recalibration import Recalibration
    from microokr.model import Sprint


@dataclass(frozen=True)
class Links:
    """Carry-over links between sprint pages, found once for the whole site."""

    page_of: dict[str, str]
    """Sprint id -> its page (the first sprint holding the id)."""
    followers: dict[str, list[dict[str, Any]]]
    """Sprint id -> the sprints carried on from it ({id, page}), in site order."""


def links(sprints: Iterable[tuple[Sprint, str]]) -> Links:
    """The carry-over links of (model, page) pairs in site order."""
    page_of: dict[str, str] = {}
    followers: dict[str, list[dict[str, Any]]] = {}
    for sprint, page in sprints:
        page_of.setdefault(sprint.id, page)
        if sprint.carried_from:
            followers.setdefault(sprint.carried_from, []).append({"id": sprint.id, "page": page})
    return Links(page_of, followers)


def add_history(
    rel: str, entry: dict[str, Any], sprint: Sprint, overview: HistoryOverview, found: Links
) -> None:
    """Add the history keys to one sprint entry (of file `rel`)."""
    origin = sprint.carried_from
    entry["carried_from"] = {"id": origin, "page": found.page_of.get(origin)} if origin else None
    entry["carried_to"] = sorted(found.followers.get(sprint.id, []), key=lambda f: f["id"])
    if overview.available and rel in overview.tracked:
        entry["recalibrations"] = [_item(moved, sprint) for moved in overview.of(rel)]
        entry["kr_changes"] = [_kr_item(k, sprint) for k in overview.krs.get(rel, [])]
        unrecorded = [moved for moved in overview.of(rel) if not moved.recorded]
        if unrecorded:  # at the top of the page and on the index, not only further down
            entry["warnings"].append({"code": WARNING, "message": _warning(unrecorded)})
    else:
        entry["recalibrations"] = entry["kr_changes"] = None


def history_json(overview: HistoryOverview) -> dict[str, Any]:
    """`data.json`'s `history`: whether git was read, why not, how far back it saw."""
    return {
        "available": overview.available,
        "notice": overview.notice,
        "since": overview.since.isoformat() if overview.since else None,
    }


WARNING = "goalposts-moved"
"""The warning code of a sprint with unrecorded re-calibrations (MO709's name)."""


def _warning(unrecorded: list[Recalibration]) -> str:
    from microokr.history.fields import shown

    moves = "; ".join(
        f"{moved.field.label()} {shown(moved.original)} → {shown(moved.revised)}"
        for moved in unrecorded
    )
    count = len(unrecorded)
    return (
        f"{count} goalpost{'s' if count != 1 else ''} moved after the first check-in with no "
        f"revisions entry (MO709): {moves}"
    )


def _revision(index: int | None, sprint: Sprint) -> dict[str, Any] | None:
    if index is None or index >= len(sprint.revisions):
        return None
    entry = sprint.revisions[index]
    return {"date": entry.date.isoformat(), "what": entry.what, "why": entry.why}


def _kr_item(change: KrChange, sprint: Sprint) -> dict[str, Any]:
    return {
        "kr": change.kr,
        "kind": change.kind,
        "statement": change.statement,
        "changed_in": _commit(change.changed_in) if change.changed_in else None,
        "changed_on": change.changed_on.isoformat(),
        "recorded": change.recorded,
        "revision": _revision(change.revision, sprint),
    }


def _item(moved: Recalibration, sprint: Sprint) -> dict[str, Any]:
    revision = _revision(moved.revision, sprint)
    return {
        "field": moved.field.label(),
        "original": _value(moved.original),
        "revised": _value(moved.revised),
        "changed_in": _commit(moved.changed_in) if moved.changed_in else None,
        "changed_on": moved.changed_on.isoformat(),
        "first_checkin": _commit(moved.first_checkin),
        "recorded": moved.recorded,
        "revision": revision,
    }


def _commit(commit: Commit) -> dict[str, str]:
    return {
        "id": commit.id,
        "short": commit.short,
        "author": commit.author,
        "date": commit.day.isoformat(),
    }


def _value(value: object) -> object:
    """A goalpost as JSON: numbers, text, ISO dates; null when absent (removed)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int)):
        return value
    return str(value)


_TEXT = {"type": ["string", "null"]}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_LINK = {
    "type": "object",
    "required": ["id", "page"],
    "properties": {"id": {"type": "string"}, "page": {"type": ["string", "null"]}},
    "additionalProperties": False,
}
_COMMIT = {
    "type": "object",
    "required": ["id", "short", "author", "date"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-f]{40,64}$"},
        "short": {"type": "string"},
        "author": {"type": "string"},
        "date": _DATE,
    },
    "additionalProperties": False,
}
_GOALPOST = {"type": ["number", "string", "null"]}
_REVISION = {
    "type": ["object", "null"],
    "required": ["date", "what", "why"],
    "properties": {"date": _DATE, "what": {"type": "string"}, "why": _TEXT},
    "additionalProperties": False,
}
SPRINT_KEYS: dict[str, Any] = {
    "carried_from": {"anyOf": [_LINK, {"type": "null"}]},
    "carried_to": {"type": "array", "items": _LINK},
    "recalibrations": {
        "type": ["array", "null"],
        "items": {
            "type": "object",
            "required": [
                "field",
                "original",
                "revised",
                "changed_in",
                "changed_on",
                "first_checkin",
                "recorded",
                "revision",
            ],
            "properties": {
                "field": {"type": "string"},
                "original": _GOALPOST,
                "revised": _GOALPOST,
                "changed_in": {"anyOf": [_COMMIT, {"type": "null"}]},
                "changed_on": _DATE,
                "first_checkin": _COMMIT,
                "recorded": {"type": "boolean"},
                "revision": _REVISION,
            },
            "additionalProperties": False,
        },
    },
    "kr_changes": {
        "type": ["array", "null"],
        "items": {
            "type": "object",
            "required": [
                "kr",
                "kind",
                "statement",
                "changed_in",
                "changed_on",
                "recorded",
                "revision",
            ],
            "properties": {
                "kr": {"type": "string"},
                "kind": {"enum": ["added", "removed"]},
                "statement": _TEXT,
                "changed_in": {"anyOf": [_COMMIT, {"type": "null"}]},
                "changed_on": _DATE,
                "recorded": {"type": "boolean"},
                "revision": _REVISION,
            },
            "additionalProperties": False,
        },
    },
}
"""The keys `add_history` gives each sprint entry, for `schemas/site-data.schema.json`."""
HISTORY = {
    "type": "object",
    "required": ["available", "notice", "since"],
    "properties": {
        "available": {"type": "boolean"},
        "notice": _TEXT,
        "since": {"anyOf": [_DATE, {"type": "null"}]},
    },
    "additionalProperties": False,
}
"""`data.json`'s `history`: whether git was read, why not, how far back a shallow clone saw."""
