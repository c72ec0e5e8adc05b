"""Every field's validation, through the same path the loader uses (MO003/MO004/MO005)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from microokr.model import OkrFile, Sprint, WorkspaceConfig
from microokr.validation import validate

SPRINT: dict[str, Any] = {
    "id": "west-pipeline-recovery",
    "trigger": {
        "type": "kr-at-risk",
        "signal": "Pipeline stands at 21.2 against 30",
        "evidence": [],
    },
    "anchor_kr": "q3-pipeline",
    "desired_condition": "Pipeline grows weekly again.",
    "objective": {
        "statement": "Restore momentum",
        "motivation": "m",
        "direction": "d",
        "alignment": "a",
    },
    "key_results": [
        {
            "id": "kr1",
            "statement": "Increase rate from 22% to 35%",
            "baseline": 22,
            "target": 35,
            "unit": "%",
        }
    ],
    "initiatives": [{"team": "sales-west", "action": "Call accounts"}],
    "window": {"start": dt.date(2026, 7, 14), "end": dt.date(2026, 7, 28)},
    "owner": {"teams": ["sales-west"], "lead": "Dana Ortiz"},
    "cadence": {"every": "daily", "minutes": 15},
    "checkins": [
        {
            "date": dt.date(2026, 7, 15),
            "values": {"kr1": 24},
            "anchor": 21.6,
            "blockers": [{"what": "legal review", "owner": "sales-west"}],
            "note": "n",
            "confidence": "at-risk",
        }
    ],
    "revisions": [{"date": dt.date(2026, 7, 20), "what": "kr2 target 8 -> 6", "why": "moved"}],
    "close": {
        "date": dt.date(2026, 7, 28),
        "early": None,
        "attendees": ["sales-west"],
        "anchor": {"start": 21.2, "end": 24.6},
        "final": {"kr1": 33},
        "summary": "s",
        "learning": "l",
        "highest_impact": "h",
        "root_cause": "r",
        "tactical_revision": {"needed": False, "note": "n"},
    },
}


def problems(model: Any, data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    return [(p.code, p.path) for p in validate(model, data)[1]]


def with_change(path: tuple[Any, ...], value: Any, base: dict[str, Any] = SPRINT) -> dict[str, Any]:
    data = copy.deepcopy(base)
    node = data
    for part in path[:-1]:
        node = node[part]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def test_the_full_sprint_shape_of_format_md_is_valid() -> None:
    model, found = validate(Sprint, SPRINT)
    assert found == [] and model is not None
    assert model.owner.teams == ["sales-west"]


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        (("id",), "-bad id", "MO004"),
        (("id",), 123, "MO004"),
        (("id",), KeyError, "MO005"),
        (("trigger", "type"), "calendar", "MO004"),
        (("trigger", "type"), KeyError, "MO005"),
        (("trigger", "evidence"), "one string", "MO004"),
        (("trigger", "signl"), "typo", "MO003"),
        (("anchor_kr",), 5, "MO004"),
        (("objective", "statment"), "typo", "MO003"),
        (("key_results", 0, "baseline"), "22%", "MO004"),
        (("key_results", 0, "target"), True, "MO004"),
        (("key_results", 0, "target"), float("nan"), "MO004"),
        (("key_results", 0, "target"), float("inf"), "MO004"),
        (("key_results", 0, "id"), KeyError, "MO005"),
        (("key_results", 0, "statement"), KeyError, "MO005"),
        (("key_results",), {"kr1": 1}, "MO004"),
        (("initiatives", 0, "action"), KeyError, "MO005"),
        (("window", "start"), "2026-02-30", "MO004"),
        (("window", "end"), 20260728, "MO004"),
        (("window", "end"), KeyError, "MO005"),
        (("window",), KeyError, "MO005"),
        (("owner", "teams"), KeyError, "MO005"),
        (("owner", "teams"), 7, "MO004"),
        (("cadence", "every"), "hourly", "MO004"),
        (("cadence", "minutes"), 0, "MO004"),
        (("cadence", "minutes"), "15", "MO004"),
        (("checkins", 0, "date"), KeyError, "MO005"),
        (("checkins", 0, "values", "kr1"), "24", "MO004"),
        (("checkins", 0, "confidence"), "great", "MO004"),
        (("checkins", 0, "blockers", 0, "owner"), KeyError, "MO005"),
        (("revisions", 0, "what"), KeyError, "MO005"),
        (("close", "date"), KeyError, "MO005"),
        (("close", "anchor", "start"), "21", "MO004"),
        (("close", "tactical_revision", "needed"), "no", "MO004"),
        (("close", "final", "kr1"), None, "MO004"),
        (("close", "attendes"), [], "MO003"),
        (("surprise",), 1, "MO003"),
    ],
)
def test_sprint_field_validation(path: tuple[Any, ...], value: Any, code: str) -> None:
    found = problems(Sprint, with_change(path, value))
    assert found, f"{path}={value!r} was accepted"
    assert found[0][0] == code
    assert found[0][1] == path[: len(found[0][1])]


def test_optional_fields_may_be_missing_so_rules_can_explain() -> None:
    data = {k: v for k, v in SPRINT.items() if k in ("id", "trigger", "window", "owner")}
    data = with_change(("trigger", "signal"), KeyError, data)
    assert problems(Sprint, data) == []


def test_owner_teams_may_be_a_single_id_and_lead_a_list() -> None:
    model, _ = validate(
        Sprint, with_change(("owner",), {"teams": "sales-west", "lead": ["A", "B"]})
    )
    assert (
        model is not None and model.owner.teams == ["sales-west"] and model.owner.lead == ["A", "B"]
    )


def test_quoted_iso_dates_are_accepted() -> None:
    model, _ = validate(Sprint, with_change(("window", "start"), "2026-07-14"))
    assert model is not None and model.window.start == dt.date(2026, 7, 14)


def test_unknown_field_suggests_the_closest() -> None:
    found = validate(Sprint, with_change(("desired_conditon",), "x"))[1]
    assert found[0].message == "unknown field 'desired_conditon': did you mean 'desired_condition'?"
    assert found[0].key


def test_non_mapping_documents() -> None:
    assert validate(Sprint, None)[1][0].message.startswith("the file is empty")
    assert validate(Sprint, ["a"])[1][0].message.startswith("the file is a list")


OKR: dict[str, Any] = {
    "period": {"name": "Q3 2026", "start": dt.date(2026, 7, 1), "end": dt.date(2026, 9, 30)},
    "objectives": [
        {
            "id": "sales-enterprise",
            "level": "tactical",
            "statement": "Build pipeline",
            "owner": "sales-west",
            "key_results": [
                {
                    "id": "q3-pipeline",
                    "statement": "Increase pipeline from $20M to $30M",
                    "owner": "sales-west",
                    "baseline": 20,
                    "target": 30,
                    "unit": "$M",
                    "current": 21.2,
                }
            ],
        }
    ],
}


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        (("period",), KeyError, "MO005"),
        (("period", "start"), "Q3", "MO004"),
        (("objectives", 0, "id"), KeyError, "MO005"),
        (("objectives", 0, "statement"), KeyError, "MO005"),
        (("objectives", 0, "key_results", 0, "current"), "21.2M", "MO004"),
        (("objectives", 0, "key_results", 0, "id"), "has space", "MO004"),
        (("objectives", 0, "key_results", 0, "ownr"), "x", "MO003"),
    ],
)
def test_okr_field_validation(path: tuple[Any, ...], value: Any, code: str) -> None:
    assert validate(OkrFile, OKR)[1] == []
    found = problems(OkrFile, with_change(path, value, OKR))
    assert found and found[0][0] == code


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"sprints": "/etc"}, "MO004"),
        ({"reports": "../outside"}, "MO004"),
        ({"teams": {"bad team": {"name": "x"}}}, "MO004"),
        ({"teams": {"sales": {"nme": "x"}}}, "MO003"),
        ({"lint": {"strict": "yes"}}, "MO004"),
        ({"lint": {"ignore": "MO603"}}, "MO004"),
        ({"max_file_size": 0}, "MO004"),
        ({"max_file_size": 10**9}, "MO004"),
        ({"tems": {}}, "MO003"),
    ],
)
def test_config_field_validation(data: dict[str, Any], code: str) -> None:
    found = problems(WorkspaceConfig, data)
    assert found and found[0][0] == code


def test_config_defaults() -> None:
    model, found = validate(WorkspaceConfig, {})
    assert not found and model is not None
    assert (model.okrs, model.sprints, model.reports) == ("okrs", "sprints", "reports")
    assert model.teams is None and model.lint.ignore == [] and model.lint.strict is False
