"""`microokr rules` and the generated docs/rules.md: one catalog, three views."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from microokr.docs import REGENERATE, anchor, render_rules_markdown
from microokr.rules.base import all_rules
from tests.conftest import ROOT, run_cli


def test_docs_rules_md_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), (
        f"docs/rules.md is out of date with the rules' docs: run `{REGENERATE}`"
    )


def test_docs_cover_every_rule_with_an_anchor() -> None:
    text = render_rules_markdown()
    for rule in all_rules():
        assert f"\n### {rule.code} {rule.name}\n" in text
        assert f"](#{anchor(rule)})" in text
        for line in rule.doc.splitlines():
            if line.startswith("## "):
                assert f"#{line}" in text  # the doc's headings sit under the rule's


def test_docs_module_and_markdown_format_agree() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "microokr.docs"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    done = run_cli("rules", "--format", "markdown")
    assert done.code == 0
    assert module.stdout == done.stdout == render_rules_markdown()


def test_rules_lists_every_rule() -> None:
    done = run_cli("rules", env={"COLUMNS": "200"})
    assert done.code == 0
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "summary"]
    for rule in all_rules():
        row = next(line for line in lines if line.startswith(rule.code + " "))
        assert row.split()[:3] == [rule.code, rule.name, rule.severity.value]
        assert rule.summary.split()[0] in row
    assert "\x1b[" not in done.stdout


def test_rules_series_prefix() -> None:
    done = run_cli("rules", "MO0", env={"COLUMNS": "200"})
    assert done.code == 0
    codes = [line.split()[0] for line in done.stdout.splitlines()[1:] if line.strip()]
    assert codes == [rule.code for rule in all_rules() if rule.code.startswith("MO0")]


@pytest.mark.parametrize("spec", ["MO003", "mo003", "unknown-field"])
def test_one_rule_prints_its_doc_as_plain_text_when_piped(spec: str) -> None:
    rule = next(rule for rule in all_rules() if rule.code == "MO003")
    done = run_cli("rules", spec)
    assert done.code == 0
    assert done.stdout.startswith(f"MO003 unknown-field ({rule.severity.value})\n{rule.summary}\n")
    assert rule.doc in done.stdout
    assert "\x1b[" not in done.stdout


def test_one_rule_renders_markdown_in_a_terminal() -> None:
    import pexpect

    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable, ["-m", "microokr", "rules", "MO003"], env=env, encoding="utf-8"
    )
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    output = child.before
    assert child.exitstatus == 0
    assert "\x1b[" in output  # styled by rich
    assert "## What it does" not in output  # headings rendered, not raw markdown
    assert "What it does" in output


@pytest.mark.parametrize(
    ("spec", "hint"),
    [("M0502", "did you mean 'MO502'?"), ("ouput-kr", "did you mean 'output-kr'?")],
)
def test_unknown_rule_is_exit_2_with_a_suggestion(spec: str, hint: str) -> None:
    done = run_cli("rules", spec)
    assert done.code == 2
    assert done.stderr.count("\n") == 1
    assert f"there is no rule '{spec}'" in done.stderr
    assert hint in done.stderr


def test_rules_json_for_tools() -> None:
    done = run_cli("rules", "--format", "json")
    assert done.code == 0
    entries = json.loads(done.stdout)
    assert entries == [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "summary": rule.summary,
            "doc": rule.doc,
        }
        for rule in all_rules()
    ]
    one = json.loads(run_cli("rules", "MO003", "--format", "json").stdout)
    assert [entry["code"] for entry in one] == ["MO003"]


def test_catalog_is_complete_per_the_spec() -> None:
    """Every code of the spec's catalog is registered (codes are a public contract)."""
    expected = {
        "MO001", "MO002", "MO003", "MO004", "MO005", "MO006", "MO007", "MO008", "MO009", "MO010",
        "MO101", "MO102", "MO103", "MO104",
        "MO201", "MO202", "MO203", "MO204", "MO205",
        "MO301", "MO302",
        "MO401", "MO402", "MO403",
        "MO501", "MO502", "MO503", "MO504", "MO505", "MO506", "MO507", "MO508",
        "MO509", "MO510", "MO511", "MO512", "MO513",
        "MO601", "MO602", "MO603", "MO604", "MO605", "MO606", "MO607", "MO608",
        "MO609", "MO610",
        "MO701", "MO702", "MO703", "MO704", "MO705", "MO706", "MO707", "MO708",
        "MO709", "MO710",
        "MO801", "MO802",
    }  # fmt: skip
    assert {rule.code for rule in all_rules()} == expected
