"""`microokr new` without a terminal: --from, --no-input, --dry-run, and the drafting library."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from microokr.drafting import (
    SPRINT_SCHEMA_URL,
    KrNumbers,
    parse_end,
    parse_kr_numbers,
    render_sprint,
    suggest_id,
)
from microokr.yamlio.read import read_yaml
from tests.conftest import TESTS, run_cli

ROOT = TESTS
BASE = ROOT / "fixtures" / "rules" / "_base"
EXPECTED = ROOT / "fixtures" / "new"
ANSWERS = EXPECTED / "west-pipeline-recovery.answers.yaml"
TODAY = "2026-07-10"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(BASE, target)
    return target


def b2b_answers() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ANSWERS.read_text())
    return data


def write_answers(workspace: Path, data: dict[str, Any]) -> Path:
    path = workspace / "answers.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def new(workspace: Path, *args: str) -> Any:
    return run_cli("--today", TODAY, "new", *args, cwd=workspace)


def test_from_file_without_input_writes_the_expected_sprint(workspace: Path) -> None:
    done = new(workspace, "--from", str(ANSWERS), "--no-input")
    assert done.code == 0, done.stderr
    written = workspace / "sprints" / "west-pipeline-recovery.yaml"
    assert written.read_text() == (EXPECTED / "west-pipeline-recovery.yaml").read_text()
    assert "All checks passed (1 file)." in done.stdout


def test_dry_run_prints_the_yaml_and_writes_nothing(workspace: Path) -> None:
    done = new(workspace, "--from", str(ANSWERS), "--no-input", "--dry-run")
    assert done.code == 0, done.stderr
    assert done.stdout == (EXPECTED / "west-pipeline-recovery.yaml").read_text()
    assert not list((workspace / "sprints").glob("*.yaml"))


def test_the_file_starts_with_the_schema_modeline(workspace: Path) -> None:
    done = new(workspace, "--from", str(ANSWERS), "--no-input", "--dry-run")
    assert done.stdout.splitlines()[0] == f"# yaml-language-server: $schema={SPRINT_SCHEMA_URL}"


def test_a_missing_id_takes_the_suggestion_from_the_objective(workspace: Path) -> None:
    data = b2b_answers()
    del data["id"]
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 0, done.stderr
    assert (workspace / "sprints" / "restore-qualified-pipeline-momentum.yaml").is_file()


def _drop(data: dict[str, Any], path: tuple[str | int, ...]) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


@pytest.mark.parametrize(
    ("removed", "named"),
    [
        (("decision",), "decision"),
        (("trigger", "type"), "trigger.type"),
        (("trigger", "signal"), "trigger.signal"),
        (("anchor_kr",), "anchor_kr"),
        (("desired_condition",), "desired_condition"),
        (("objective", "statement"), "objective.statement"),
        (("objective",), "objective.statement"),
        (("key_results",), "key_results[0].statement"),
        (("key_results", 0, "statement"), "key_results[0].statement"),
        (("key_results", 2), None),  # two KRs are enough: no error
        (("key_results", 1, "baseline"), "key_results[1].baseline"),
        (("key_results", 1, "target"), "key_results[1].target"),
        (("window", "start"), "window.start"),
        (("window", "end"), "window.end"),
        (("window",), "window.start"),
    ],
)
def test_no_input_names_every_missing_answer(
    workspace: Path, removed: tuple[str | int, ...], named: str | None
) -> None:
    data = b2b_answers()
    _drop(data, removed)
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    if named is None:
        assert done.code == 0, done.stderr
        return
    assert done.code == 2
    assert f"has no answer for '{named}', which --no-input needs" in done.stderr
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert not list((workspace / "sprints").glob("*.yaml"))


def test_only_one_key_result_is_a_missing_second(workspace: Path) -> None:
    data = b2b_answers()
    data["key_results"] = data["key_results"][:1]
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 2
    assert "'key_results[1].statement'" in done.stderr


def test_defaults_fill_optional_answers_without_input(workspace: Path) -> None:
    data = b2b_answers()
    del data["owner"], data["cadence"], data["initiatives"], data["trigger"]["evidence"]
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 0, done.stderr
    sprint = read_yaml((workspace / "sprints" / "west-pipeline-recovery.yaml").read_bytes()).data
    assert sprint["owner"] == {"teams": ["sales-west"], "lead": "Dana Ortiz"}
    assert sprint["cadence"] == {"every": "daily", "minutes": 15}
    assert "initiatives" not in sprint
    assert "MO607" in done.stderr  # the missing initiatives are a warning, shown


def test_a_plan_in_the_file_stops_with_exit_1(workspace: Path) -> None:
    data = b2b_answers()
    data["decision"] = "plan"
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 1
    assert "a plan is an Initiative, not a Micro-OKR" in done.stderr


def test_no_anchor_in_the_file_stops_with_exit_1(workspace: Path) -> None:
    data = b2b_answers()
    data["anchor_kr"] = "none"
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 1
    assert "without an Anchor KR this is not a Micro-OKR" in done.stderr


def test_an_output_kr_in_the_file_is_refused_naming_key_and_rule(workspace: Path) -> None:
    data = b2b_answers()
    data["key_results"][1] = {
        "statement": "Conduct 30 targeted outreach calls",
        "baseline": 0,
        "target": 30,
        "unit": "calls",
    }
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 1
    assert "'key_results[1].statement': MO502" in done.stderr
    assert not list((workspace / "sprints").glob("*.yaml"))


def test_a_window_over_28_days_in_the_file_is_refused(workspace: Path) -> None:
    data = b2b_answers()
    data["window"]["end"] = "5w"
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 1
    assert "MO602" in done.stderr and "revise the Tactical OKR" in done.stderr


def test_a_person_as_owner_is_refused(workspace: Path) -> None:
    data = b2b_answers()
    data["owner"] = {"teams": ["Dana Ortiz"]}
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 1
    assert "'owner.teams': MO604" in done.stderr


def test_an_existing_id_is_refused(workspace: Path) -> None:
    assert new(workspace, "--from", str(ANSWERS), "--no-input").code == 0
    done = new(workspace, "--from", str(ANSWERS), "--no-input")
    assert done.code == 2
    assert "a sprint 'west-pipeline-recovery' already exists" in done.stderr


def test_a_third_active_sprint_is_refused_without_input(workspace: Path) -> None:
    data = b2b_answers()
    for sprint_id in ("one", "two"):
        data["id"] = sprint_id
        assert new(workspace, "--from", str(write_answers(workspace, data)), "--no-input").code == 0
    data["id"] = "three"
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 1
    assert "team sales-west already owns 2 active sprints on 2026-07-14 (one and two)" in (
        done.stderr
    )
    assert not (workspace / "sprints" / "three.yaml").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"decision: [commitment\n", "is not valid YAML at line"),
        (b"- a list\n", "must be a mapping of answers"),
        (b"desired_conditon: x\n", "did you mean 'desired_condition'?"),
        (b"window: {start: 2026-07-14, length: 14d}\n", "'window.length' is not an answer"),
        (b"\xff\xfe\x00bad", "is not valid YAML"),
    ],
)
def test_a_bad_from_file_is_one_sentence_exit_2(
    workspace: Path, content: bytes | None, message: str
) -> None:
    path = workspace / "answers.yaml"
    if content is not None:
        path.write_bytes(content)
    done = new(workspace, "--from", str(path), "--no-input")
    assert done.code == 2
    assert message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_bad_date_in_the_file_is_a_usage_error(workspace: Path) -> None:
    data = b2b_answers()
    data["window"]["start"] = "14 July"
    done = new(workspace, "--from", str(write_answers(workspace, data)), "--no-input")
    assert done.code == 2
    assert "'window.start': '14 July' is not a date" in done.stderr


def test_the_drafted_file_survives_a_checkin_byte_for_byte(workspace: Path) -> None:
    assert new(workspace, "--from", str(ANSWERS), "--no-input").code == 0
    path = workspace / "sprints" / "west-pipeline-recovery.yaml"
    before = path.read_bytes()
    done = run_cli(
        "--today",
        "2026-07-15",
        "checkin",
        "west-pipeline-recovery",
        "--value",
        "kr1=24",
        "--value",
        "kr2=1",
        "--value",
        "kr3=11",
        "--anchor",
        "21.6",
        "--note",
        "Acceptance up after the persona rewrite",
        "--confidence",
        "at-risk",
        cwd=workspace,
    )
    assert done.code == 0, done.stderr
    after = path.read_bytes()
    assert after.startswith(before)
    appended = read_yaml(after).data["checkins"]
    assert appended == [
        {
            "date": dt.date(2026, 7, 15),
            "values": {"kr1": 24, "kr2": 1, "kr3": 11},
            "anchor": 21.6,
            "note": "Acceptance up after the persona rewrite",
            "confidence": "at-risk",
        }
    ]
    linted = run_cli("--today", "2026-07-15", "lint", str(path), cwd=workspace)
    assert linted.code == 0, linted.stdout


# ------------------------------------------------------------------ the library


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Increase ICP meeting acceptance rate from 22% to 35% within 14 days", (22, 35, "%")),
        (
            "Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days",
            (12, 7, "days"),
        ),
        ("Increase qualified B2B pipeline from $20M to $30M by Q3 close", (20, 30, "$M")),
        ("Reduce monthly logo churn from 3.2% to 2.0% by Q3 close", (3.2, 2.0, "%")),
        ("Raise NPS from 31 to 45", (31, 45, None)),
        ("Progress 6 stalled accounts from Discovery stage to Proposal stage", None),
        ("Conduct 30 targeted outreach calls", None),
    ],
)
def test_kr_numbers_are_read_from_the_statement(
    statement: str, expected: tuple[float, float, str | None] | None
) -> None:
    read = parse_kr_numbers(statement)
    assert read == (KrNumbers(*expected) if expected else None)


@pytest.mark.parametrize(
    ("typed", "end"),
    [
        ("14d", "2026-07-28"),
        ("3w", "2026-08-04"),
        ("21 days", "2026-08-04"),
        ("2026-07-30", "2026-07-30"),
    ],
)
def test_window_end_is_a_date_or_a_length(typed: str, end: str) -> None:
    assert parse_end(typed, dt.date(2026, 7, 14)).isoformat() == end


def test_suggested_ids_are_unique_slugs() -> None:
    statement = "Restore qualified pipeline momentum and close the trajectory gap"
    assert suggest_id(statement) == "restore-qualified-pipeline-momentum"
    assert suggest_id(statement, {"restore-qualified-pipeline-momentum"}).endswith("-2")
    assert suggest_id("The & of!") == "sprint"


AWKWARD = [
    "yes",
    "null",
    "2026-07-14",
    "12",
    "key: value",
    "ends with colon:",
    "has # hash",
    "- dash first",
    '"quoted"',
    "it's",
    "%",
    "two  spaces " * 12,
    "line one\nline two",
    "Über große Zahl — 29% unter Plan, mit Ümlaut und einem sehr langen Satz der umbricht " * 2,
]


@pytest.mark.parametrize("text", AWKWARD)
def test_any_text_reads_back_as_written(text: str) -> None:
    data = {
        "id": "s",
        "trigger": {"type": "kr-at-risk", "signal": text.strip(), "evidence": [text.strip()]},
        "desired_condition": text.strip(),
        "key_results": [{"id": "kr1", "statement": text.strip(), "baseline": 1, "target": 2.5}],
        "window": {"start": dt.date(2026, 7, 14), "end": dt.date(2026, 7, 28)},
        "owner": {"teams": ["a-team"], "lead": text.strip()},
    }
    rendered = render_sprint(copy.deepcopy(data))
    assert read_yaml(rendered.encode()).data == data
