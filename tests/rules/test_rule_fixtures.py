"""Every rule's bad and good cases, as data: see tests/fixtures/rules/README.md."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from microokr.engine import lint
from microokr.rules.base import DOC_SECTIONS, REGISTRY, all_rules
from microokr.rules.catalog import rule_modules
from microokr.workspace import load_workspace
from tests.conftest import TESTS
from tests.gitrepo import commit_all, init_repo
from tests.rules.fixture_patch import build_sprint

FIXTURES = TESTS / "fixtures" / "rules"
BASE = FIXTURES / "_base"
SPRINTS = FIXTURES / "_sprints"
"""The base sprints a case names with `sprint:` (one per kind: one team, joint)."""
DEFAULT_TODAY = "2026-08-01"


def _cases() -> list[Any]:
    return [
        pytest.param(code_dir.name, case, id=f"{code_dir.name}/{case.name}")
        for code_dir in sorted(FIXTURES.glob("MO*"))
        for case in sorted(p for p in code_dir.iterdir() if p.is_dir())
    ]


EXPECT_KEYS = frozenset(
    {"sprint", "remove", "patch", "replace", "today", "delete", "diagnostics", "commits"}
)


def build_workspace(case: Path, target: Path) -> dict[str, Any]:
    """Copy the base workspace, write the case's base sprint with its patches, then
    copy the case's own files over; return its expectations."""
    shutil.copytree(BASE, target)
    expect: dict[str, Any] = yaml.safe_load((case / "expect.yaml").read_text()) or {}
    unknown = set(expect) - EXPECT_KEYS
    assert not unknown, f"{case}/expect.yaml: unknown keys {sorted(unknown)}"
    for rel in expect.get("delete", []):
        victim = target / rel
        shutil.rmtree(victim) if victim.is_dir() else victim.unlink()
    if "sprint" in expect:
        name = f"{expect['sprint']}.yaml"
        base = (SPRINTS / name).read_text(encoding="utf-8")
        built = build_sprint(base, expect)
        if expect.get("commits"):
            _commit_history(target, name, built, expect["commits"])
        (target / "sprints" / name).write_bytes(built.encode("utf-8"))
    else:
        assert not {"remove", "patch", "replace", "commits"} & set(expect), (
            f"{case}: patches without `sprint:`"
        )
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if rel.as_posix() == "expect.yaml":
            continue
        if path.is_dir():
            (target / rel).mkdir(parents=True, exist_ok=True)
        else:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / rel)
    return expect


def _commit_history(target: Path, name: str, built: str, commits: list[dict[str, Any]]) -> None:
    """A real git repository in `target`: each of `commits` (oldest first) is the case's
    sprint with that entry's own remove/patch/replace, committed with its date and author.
    The case's sprint itself is then the working tree (equal to the last commit, or not)."""
    init_repo(target)
    for commit in commits:
        text = build_sprint(built, commit)
        (target / "sprints" / name).write_bytes(text.encode("utf-8"))
        commit_all(target, date=str(commit["date"]), author=str(commit["author"]))


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: Path, tmp_path: Path) -> None:
    # The first line names the rule, so `grep -r MO502` finds its cases too.
    first = (case / "expect.yaml").read_text().partition("\n")[0]
    assert first == f"# {code} {REGISTRY[code].name}", f"{case}/expect.yaml starts {first!r}"
    expect = build_workspace(case, tmp_path / "ws")
    today = dt.date.fromisoformat(str(expect.get("today", DEFAULT_TODAY)))
    result = lint(load_workspace(tmp_path / "ws"), today=today)
    got = [d for d in result.diagnostics if d.code == code]
    wanted = expect.get("diagnostics") or []
    assert sorted((d.path, d.line, d.column) for d in got) == sorted(
        (w["path"], w["line"], w["column"]) for w in wanted
    ), "\n".join(f"{d.path}:{d.line}:{d.column} {d.code} {d.message}" for d in got)
    for want in wanted:
        if "message" in want:
            match = [
                d
                for d in got
                if (d.path, d.line, d.column) == (want["path"], want["line"], want["column"])
            ]
            assert any(want["message"] in d.message for d in match), [d.message for d in match]
    if case.name.startswith("bad-"):
        assert wanted, f"{case} is a bad case but expects no diagnostic"
    if case.name.startswith("good-"):
        assert not wanted, f"{case} is a good case but expects diagnostics"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_has_fixtures_and_docs(rule: Any) -> None:
    folder = FIXTURES / rule.code
    cases = [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    assert any(name.startswith("bad-") for name in cases), f"{rule.code} has no bad-* fixture"
    assert any(name.startswith("good-") for name in cases), f"{rule.code} has no good-* fixture"
    for heading in DOC_SECTIONS:
        assert heading in rule.doc, f"{rule.code} doc lacks '{heading}'"
    assert rule.summary.strip() and rule.name == rule.name.lower()


def test_every_rule_lives_in_a_module_named_by_its_code() -> None:
    """`find -name 'mo502*'` lands on MO502: one module per rule, `moN/moNNN_name.py`."""
    expected = sorted(
        f"microokr.rules.{rule.code[:3].lower()}.{rule.code.lower()}_{rule.name.replace('-', '_')}"
        for rule in all_rules()
    )
    assert rule_modules() == expected
    for rule in all_rules():
        if rule.check is not None:
            assert rule.check.__module__.endswith(
                rule.code.lower() + "_" + rule.name.replace("-", "_")
            )
