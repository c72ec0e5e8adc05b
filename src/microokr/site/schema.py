"""The JSON Schema of the site's `data.json` (version 1), committed as
`schemas/site-data.schema.json`; a test keeps the two equal and validates real output."""

from __future__ import annotations

from typing import Any

from microokr.schemas import SCHEMA_BASE_URL
from microokr.site import history
from microokr.site.plan import plan_schema

FILE = "site-data.schema.json"

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_NUM = {"type": ["number", "null"]}
_TEXT = {"type": ["string", "null"]}
_PAGE = {"type": "string", "pattern": r"^[a-z]+/[A-Za-z0-9][A-Za-z0-9._-]*\.html$"}
_STATUS = {"enum": ["planned", "active", "overdue", "closed"]}
_MOVEMENT = {
    "type": ["object", "null"],
    "required": ["start", "end", "delta", "share_of_gap"],
    "properties": {k: _NUM for k in ("start", "end", "delta", "share_of_gap")},
    "additionalProperties": False,
}
_TEAM_REF = {
    "type": "object",
    "required": ["id", "name", "page"],
    "properties": {"id": _TEXT, "name": _TEXT, "page": {"type": ["string", "null"]}},
    "additionalProperties": False,
}
_KR = {
    "type": "object",
    "required": [
        "id",
        "statement",
        "unit",
        "baseline",
        "target",
        "value",
        "progress",
        "score",
        "pace",
        "outcome",
    ],
    "properties": {
        "id": {"type": "string"},
        "statement": {"type": "string"},
        "unit": _TEXT,
        "baseline": _NUM,
        "target": _NUM,
        "value": _NUM,
        "progress": _NUM,
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "pace": {"enum": ["on track", "at risk", "off track", None]},
        "outcome": {"enum": ["met", "partly", "not moved"]},
    },
    "additionalProperties": False,
}
_SPRINT_KEYS = {
    "id": {"type": "string"},
    "path": {"type": "string"},
    "page": _PAGE,
    "status": _STATUS,
    "quarter": {"type": "string", "pattern": r"^\d{4}-Q[1-4]$"},
    "teams": {"type": "array", "items": _TEAM_REF},
    "lead": {"type": ["string", "array", "null"], "items": {"type": "string"}},
    "window": {
        "type": "object",
        "required": ["start", "end", "days"],
        "properties": {"start": _DATE, "end": _DATE, "days": {"type": "integer"}},
        "additionalProperties": False,
    },
    "days_left": {"type": ["integer", "null"]},
    "days_to_start": {"type": "integer"},
    "expected": {"type": "number", "minimum": 0, "maximum": 1},
    "key_results": {"type": "array", "items": _KR},
    "closed_on": {"anyOf": [_DATE, {"type": "null"}]},
    "last_checkin": {"anyOf": [_DATE, {"type": "null"}]},
    "last_checkin_age_days": {"type": ["integer", "null"]},
    "confidence": {"enum": ["on-track", "at-risk", "off-track", None]},
    "warnings": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "enum": ["overdue-close", "stale-checkin", "team-over-limit", "goalposts-moved"]
                },
                "message": {"type": "string"},
            },
            "additionalProperties": False,
        },
    },
    "cadence": {"type": ["object", "null"]},
    "trigger": {"type": "object", "required": ["type", "name", "signal", "evidence"]},
    "desired_condition": _TEXT,
    "objective": {"type": ["object", "null"]},
    "anchor": {
        "type": ["object", "null"],
        "required": ["kr", "found"],
        "properties": {"movement": _MOVEMENT},
    },
    "trajectory": {
        "type": ["object", "null"],
        "required": ["days", "expected", "progress", "recorded"],
        "properties": {
            "days": {"type": "array", "items": _DATE},
            "expected": {"type": "array", "items": {"type": "number"}},
            "progress": {"type": "object", "additionalProperties": {"type": "array"}},
            "recorded": {"type": "array", "items": {"type": "boolean"}},
        },
        "additionalProperties": False,
    },
    "checkins": {"type": "array", "items": {"type": "object", "required": ["date", "values"]}},
    "checkin_cadence": {"type": ["object", "null"]},
    "revisions": {"type": "array", "items": {"type": "object", "required": ["date", "what"]}},
    "initiatives": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["team", "actions"],
            "properties": {
                "team": _TEAM_REF,
                "actions": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
    "close": {"type": ["object", "null"], "required": ["date", "outcomes", "attendees"]},
    **history.SPRINT_KEYS,
    "plan": plan_schema(_TEAM_REF),
}


def data_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE_URL + FILE,
        "title": "microokr site data (data.json), version 1",
        "description": "What `microokr site` shows, as data: one entry per readable sprint, "
        "OKR file and team, the index's sections and the warnings, for a given `today`.",
        "type": "object",
        "required": [
            "version",
            "today",
            "base_url",
            "index",
            "sprints",
            "okrs",
            "teams",
            "warnings",
            "unreadable",
            "history",
        ],
        "properties": {
            "version": {"const": 1},
            "today": _DATE,
            "base_url": _TEXT,
            "index": {
                "type": "object",
                "required": ["quarter", "attention", "planned", "closed", "earlier"],
            },
            "sprints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": sorted(_SPRINT_KEYS),
                    "properties": _SPRINT_KEYS,
                    "additionalProperties": False,
                },
            },
            "okrs": {
                "type": "array",
                "items": {"type": "object", "required": ["path", "page", "period", "objectives"]},
            },
            "teams": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "id",
                        "name",
                        "page",
                        "active",
                        "limit",
                        "over_limit",
                        "sprints",
                        "active_sprints",
                        "outcomes",
                        "lead",
                    ],
                },
            },
            "warnings": {
                "type": "array",
                "items": {"type": "object", "required": ["sprint", "code", "message"]},
            },
            "unreadable": {"type": "array", "items": {"type": "string"}},
            "history": history.HISTORY,
        },
        "additionalProperties": False,
    }
