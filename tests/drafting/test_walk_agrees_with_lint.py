"""`new` and `lint` agree (issue 13.4): random walks through `--from` answer files.

Each walk picks, for every part of a sprint, one answer from a small corpus of good and
bad answers (a KR statement of MO502's labelled corpus, an output KR, a 35-day window, a
person as owner, numbers that contradict the statement, a dependency cycle, a role for a
team that does not own the sprint, a weekly cadence in a joint sprint, ...). The same
answers, written as a sprint file, are linted. Two properties hold on every walk:

- every answer file `new --no-input` accepts makes a draft that lints without an error;
- every file lint finds an error in is refused by `new`, at the step that caused it: the
  refusal names the key of an answer that the failing rule declares it checks, and an
  error code lint reports on that file.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from microokr.drafting import Walk
from microokr.drafting.checks import answer_key
from microokr.engine import lint
from microokr.errors import MicrookrError, RefusedError
from microokr.parsing import from_to
from microokr.rules.base import REGISTRY, all_rules
from microokr.workspace import load_workspace
from microokr.yamlio.sprint_text import render_sprint
from tests.conftest import TESTS

BASE = TESTS / "fixtures" / "rules" / "_base"
TODAY = dt.date(2026, 7, 10)
D = dt.date.fromisoformat

KR_GOOD = [
    {"id": "kr1", "baseline": 22, "target": 35, "unit": "%",
     "statement": "Increase ICP meeting acceptance rate from 22% to 35% within 14 days"},
    {"id": "kr2", "baseline": 0, "target": 6, "unit": "accounts",
     "statement": "Progress 6 stalled accounts from Discovery stage to Proposal stage"},
    {"id": "kr3", "baseline": 12, "target": 7, "unit": "days",
     "statement": "Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days"},
]  # fmt: skip
KR_BAD = [
    {"id": "kr1", "statement": "Conduct 30 targeted outreach calls", "baseline": 0, "target": 30},
    {"id": "kr1", "statement": "Increase the number of A/B tests shipped from 0 to 4",
     "baseline": 0, "target": 4},
    {"id": "kr1", "baseline": 35, "target": 22, "unit": "%",
     "statement": "Increase ICP meeting acceptance rate from 22% to 35% within 14 days"},
    {"id": "kr1", "statement": "Grow qualified meetings held per week", "baseline": 5, "target": 5},
]  # fmt: skip
WINDOWS = [
    {"start": D("2026-07-14"), "end": D("2026-07-28")},
    {"start": D("2026-07-14"), "end": D("2026-08-18")},  # 35 days: MO602
    {"start": D("2026-07-14"), "end": D("2026-07-17")},  # 3 days: MO603, a warning
    {"start": D("2026-07-28"), "end": D("2026-07-14")},  # MO601
]
SINGLE_OWNERS = [
    {"teams": ["sales-west"], "lead": "Dana Ortiz"},
    {"teams": ["Dana Ortiz"]},  # a person: MO604
]
JOINT_OWNERS = [
    {"teams": ["sales", "product", "marketing"], "lead": "Priya Raman"},
    {"teams": ["sales", "product", "marketing"], "lead": "Priya Raman",
     "roles": {"sales": "lead", "product": "contributor", "marketing": "reviewer"},
     "contacts": {"product": "Sam Lee"}},
    {"teams": ["sales", "product", "marketing"], "lead": "Priya Raman",
     "roles": {"sales": "lead", "engineering": "reviewer"}},  # MO609
    {"teams": ["sales", "product", "marketing"], "lead": "Priya Raman",
     "roles": {"sales": "lead", "product": "lead"}},  # MO610, a warning
]  # fmt: skip
JOINT_INITIATIVES = [
    [],
    [{"depends_on": ["b"]}, {"depends_on": ["a"]}, {}],  # MO510
    [{"due": D("2026-07-20")}, {"depends_on": ["a"], "due": D("2026-07-18")}, {}],  # MO512 (W)
    [{}, {"depends_on": ["nothing"]}, {}],  # MO509
    [{"due": D("2026-09-30")}, {"depends_on": ["a"]}, {"depends_on": ["a", "b"]}],  # MO511 (W)
]


def _corpus() -> list[str]:
    """Every statement of MO502's labelled corpus (outcomes, outputs, outputs as growth)."""
    data = yaml.safe_load((TESTS / "rules" / "mo5" / "mo502_corpus.yaml").read_text())
    return [text for labels in data.values() for texts in labels.values() for text in texts]


CORPUS = _corpus()


def corpus_kr(statement: str) -> dict[str, Any]:
    """A KR of a corpus statement, its numbers read from "from X to Y" (else 0 to 10)."""
    read = from_to(statement)
    if read is None:
        return {"id": "corpus-kr", "statement": statement, "baseline": 0, "target": 10}
    kr: dict[str, Any] = {"id": "corpus-kr", "statement": statement,
                          "baseline": read.start.value, "target": read.end.value}  # fmt: skip
    if read.unit:
        kr["unit"] = read.unit
    return kr


CADENCES = [{"every": "daily", "minutes": 15}, {"every": "weekly", "minutes": 30}]


def mostly_first(options: list[Any]) -> st.SearchStrategy[Any]:
    """The first (good) option three times in four, else any of the others."""
    return st.one_of(st.just(options[0]), st.just(options[0]), st.just(options[0]),
                     st.sampled_from(options[1:]))  # fmt: skip


@st.composite
def answer_files(draw: st.DrawFn) -> dict[str, Any]:
    joint = draw(st.booleans())
    krs = copy.deepcopy(KR_GOOD[: draw(st.integers(2, 3))])
    pick = draw(st.integers(0, 5))  # other KRs are rarer, so later steps are reached
    if pick == 0:
        krs[draw(st.integers(0, len(krs) - 1))] = {
            **copy.deepcopy(draw(st.sampled_from(KR_BAD))),
            "id": "bad-kr",
        }
    elif pick == 1:
        krs[draw(st.integers(0, len(krs) - 1))] = corpus_kr(draw(st.sampled_from(CORPUS)))
    return sprint_answers(
        joint=joint,
        krs=krs,
        window=draw(mostly_first(WINDOWS)),
        owner=draw(mostly_first(JOINT_OWNERS if joint else SINGLE_OWNERS)),
        cadence=draw(st.sampled_from(CADENCES)),
        plan=draw(st.sampled_from(JOINT_INITIATIVES)) if joint else [],
    )


def sprint_answers(
    *,
    joint: bool,
    krs: list[dict[str, Any]],
    window: dict[str, Any],
    owner: dict[str, Any],
    cadence: dict[str, Any],
    plan: list[dict[str, Any]],
) -> dict[str, Any]:
    """A complete --from answer file from the corpus' pieces."""
    teams = ["product", "marketing", "sales"] if joint else ["sales-west"] * 3
    actions = [
        "Conduct 30 targeted outreach calls",
        "Personalise 40 ICP email sequences",
        "Run pipeline review with 3 key account managers",
    ]
    initiatives: list[dict[str, Any]] = [
        {"team": team, "action": action} for team, action in zip(teams, actions, strict=True)
    ]
    for item, extra, item_id in zip(initiatives, plan, "abc", strict=False):
        item.update({"id": item_id, **copy.deepcopy(extra)})
    return copy.deepcopy(
        {
            "decision": "commitment",
            "id": "drawn-sprint",
            "trigger": {
                "type": "cross-functional-gap" if joint else "kr-at-risk",
                "signal": "Qualified pipeline stands at $21.2M against a $30M target at Week "
                "6 of Q3, 29% below linear trajectory.",
                "evidence": ["Two consecutive OKR check-ins surfaced the gap"],
            },
            "anchor_kr": "q3-trial-to-paid" if joint else "q3-pipeline",
            "desired_condition": "Enough ICP accounts are in active conversations that "
            "pipeline grows weekly again.",
            "objective": {
                "statement": "Restore qualified pipeline momentum and close the trajectory "
                "gap before Q3 mid-review",
                "motivation": "A missed pipeline target now means a missed bookings target.",
                "direction": "Spend the next two weeks on ICP accounts only.",
                "alignment": "Every KR feeds the anchor directly.",
            },
            "key_results": krs,
            "initiatives": initiatives,
            "window": window,
            "owner": owner,
            "cadence": cadence,
        }
    )


class Silent:
    """The --no-input prompter: never asks; what a finding is, the walk decides."""

    def step(self, title: str, explanation: str) -> None: ...
    def note(self, text: str) -> None: ...
    def choices(self, rows: Any) -> None: ...
    def problem(self, message: str) -> None: ...
    def finding(self, found: Any) -> None: ...

    def ask(self, question: str, *, default: str | None) -> str:
        raise AssertionError("--no-input never asks")


def lint_errors(folder: Path, text: str) -> list[Any]:
    """Lint the workspace with `text` as its one sprint: the error diagnostics."""
    (folder / "sprints").mkdir(exist_ok=True)
    for old in (folder / "sprints").glob("*.yaml"):
        old.unlink()
    (folder / "sprints" / "drawn-sprint.yaml").write_text(text, encoding="utf-8")
    result = lint(load_workspace(folder), today=TODAY)
    return [d for d in result.diagnostics if str(d.severity) == "error"]


REFUSAL = re.compile(r": '(?P<key>[^']+)': (?P<code>MO\d{3}) ")


def refusal(folder: Path, answers: dict[str, Any]) -> str | None:
    """The code `new --no-input` refuses `answers` with, or None when it accepts them."""
    walk = Walk(load_workspace(folder), TODAY, Silent(), preset=answers, no_input=True)
    try:
        walk.run()
    except RefusedError as refused:
        named = REFUSAL.search(refused.message)
        return named["code"] if named else refused.message
    return None


@pytest.mark.parametrize(
    ("plan", "owner", "code"),
    [(0, 0, None), (1, 0, "MO510"), (2, 0, None), (3, 0, "MO509"), (4, 0, None),
     (0, 1, None), (0, 2, "MO609"), (0, 3, None)],
)  # fmt: skip
def test_each_joint_plan_answer_is_judged_by_its_rule(
    tmp_path: Path, plan: int, owner: int, code: str | None
) -> None:
    """The joint plan corpus one by one (the random walks reach these only sometimes)."""
    shutil.copytree(BASE, tmp_path / "ws")
    data = sprint_answers(
        joint=True, krs=KR_GOOD[:2], window=WINDOWS[0], owner=JOINT_OWNERS[owner],
        cadence=CADENCES[0], plan=JOINT_INITIATIVES[plan],
    )  # fmt: skip
    assert refusal(tmp_path / "ws", data) == code


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=answer_files())
def test_new_accepts_what_lint_accepts_and_refuses_at_the_step(
    tmp_path: Path, answers: dict[str, Any]
) -> None:
    all_rules()
    folder = tmp_path / "ws"
    if not folder.exists():
        shutil.copytree(BASE, folder)
    as_file = {k: v for k, v in answers.items() if k != "decision"}
    errors = lint_errors(folder, yaml.safe_dump(as_file, sort_keys=False, allow_unicode=True))
    for sprint in (folder / "sprints").glob("*.yaml"):
        sprint.unlink()
    workspace = load_workspace(folder)
    walk = Walk(workspace, TODAY, Silent(), preset=answers, no_input=True)
    try:
        draft = walk.run()
    except RefusedError as refused:
        assert errors, f"new refused what lint accepts: {refused.message}"
        named = REFUSAL.search(refused.message)
        assert named, refused.message
        codes = {d.code for d in errors}
        assert named["code"] in codes, (refused.message, codes)
        key = re.sub(r"\[\d+\]", ".*", named["key"])
        declared = REGISTRY[named["code"]].answers
        assert any(key == a or key.startswith(a + ".") for a in declared), (key, declared)
        event(f"refused at {key} with {named['code']}")
        return
    except MicrookrError as other:
        raise AssertionError(f"a complete answer file stopped new: {other.message}") from None
    assert not errors, "new accepted answers that lint refuses: " + "; ".join(
        f"{d.code} {d.message}" for d in errors
    )
    event("accepted")
    written = lint_errors(folder, render_sprint(draft.data))
    assert not written, [f"{d.code} {d.message}" for d in written]
    assert answer_key(("initiatives", 0, "due")) == "initiatives.*.due"
