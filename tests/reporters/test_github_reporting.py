"""What GitHub shows of a lint run: the job summary, the annotation cap, SARIF for code
scanning. Each SARIF point of issue 15 item 3 has its own test here; the schema check
runs over every document built below."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from microokr.diagnostics import Diagnostic, Severity
from microokr.reporters import LintReport
from microokr.reporters.summary import LIMIT_BYTES
from microokr.rules.base import all_rules
from tests.conftest import EXAMPLES, TESTS, TODAY, run_cli
from tests.reporters.test_reporters import DUPLICATE, OUTPUT_KR, SHORT, render, report

SCHEMAS = TESTS / "schemas"
RULES = "https://github.com/microokr/microokr/blob/main/docs/rules.md"


def many(count: int, severity: Severity, *, path: str = "sprints/s.yaml") -> list[Diagnostic]:
    code, name = ("MO502", "output-kr") if severity == "error" else ("MO603", "window-too-short")
    return [
        Diagnostic(path, line, 1, code, name, severity, f"finding {line}")
        for line in range(1, count + 1)
    ]


def github_unescape(value: str) -> str:
    """How the runner reads a property (actions/runner ActionCommand.UnescapeProperty)."""
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


# --- summary ---------------------------------------------------------------------------


def test_summary_has_a_verdict_and_a_table_per_file_linking_the_rule_docs() -> None:
    out = render("summary", report(OUTPUT_KR, SHORT, DUPLICATE, prefix="okr/"))
    lines = out.splitlines()
    assert lines[0] == "### ❌ microokr: 2 errors and 1 warning in 12 files"
    assert "#### okr/okrs/2026-q4.yaml" in lines
    assert "#### okr/sprints/west-pipeline-recovery.yaml" in lines
    assert (
        f"| ❌ error | 24:16 | [MO502 output-kr]({RULES}#mo502-output-kr) "
        "| counts calls made: measure the change they should cause |"
    ) in lines
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert html.count("<table>") == 2
    assert "<h4>okr/sprints/west-pipeline-recovery.yaml</h4>" in html
    assert f'<a href="{RULES}#mo603-window-too-short">MO603 window-too-short</a>' in html


def test_summary_of_a_clean_run() -> None:
    out = render("summary", report(files=7))
    assert out.splitlines()[0] == "### ✅ microokr: all checks passed (7 files)"
    assert "|" not in out


def test_summary_escapes_markdown_and_html_in_messages() -> None:
    hostile = Diagnostic(
        "sprints/a|b.yaml",
        1,
        1,
        "MO003",
        "unknown-field",
        Severity.ERROR,
        "x | y <img src=x onerror=alert(1)> [click](https://evil) **bold**\nnext",
    )
    out = render("summary", report(hostile))
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert (
        "<img" not in html
        and "<strong>" not in html
        and "https://evil" not in html.split("href=")[-1].split(">")[0]
    )
    (row,) = [line for line in out.splitlines() if line.startswith("| ❌")]
    # One row of four cells: the `|` of the message did not open a fifth.
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert "&lt;img src=x onerror=alert(1)&gt; [click](https://evil) **bold** next" in html


def test_summary_stays_below_one_mebibyte_and_says_how_many_more() -> None:
    found = sorted(
        many(6000, Severity.ERROR, path="sprints/a.yaml")
        + [
            Diagnostic("sprints/b.yaml", i, 1, "MO502", "output-kr", Severity.ERROR, "y" * 300)
            for i in range(1, 4001)
        ]
    )
    out = render("summary", report(*found))
    size = len(out.encode())
    assert LIMIT_BYTES - 2000 < size <= LIMIT_BYTES < 1024 * 1024
    listed = sum(1 for line in out.splitlines() if line.startswith("| ❌"))
    assert 1000 < listed < 10000
    assert out.splitlines()[-1].startswith(f"… and {10000 - listed} more findings not listed")


def test_lint_format_summary_from_the_cli() -> None:
    broken = EXAMPLES / "broken"
    done = run_cli("lint", "--format", "summary", "--today", TODAY, "--no-cache", cwd=broken)
    assert done.code == 1, done.stderr
    assert done.stdout.startswith("### ❌ microokr: ")
    assert "](https://github.com/microokr/microokr/blob/main/docs/rules.md#mo" in done.stdout


# --- github annotations ------------------------------------------------------------------


def test_github_shows_ten_of_each_then_one_notice() -> None:
    found = sorted(many(14, Severity.ERROR) + many(12, Severity.WARNING, path="sprints/t.yaml"))
    lines = render("github", report(*found)).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert lines[-1] == (
        "::notice title=microokr::4 errors and 2 warnings more not shown as annotations "
        "(GitHub shows 10 of each per step): see the job summary (microokr lint --format "
        "summary) or run microokr lint locally for all 26 findings"
    )
    assert len(lines) == 21


def test_github_under_the_cap_has_no_notice() -> None:
    lines = render("github", report(*many(10, Severity.ERROR))).splitlines()
    assert len(lines) == 10 and not any(line.startswith("::notice") for line in lines)


def test_github_file_names_the_true_file_on_a_runner(tmp_path: Path) -> None:
    """A control character in a file name: `printable` shows it escaped, but on a
    runner `file=` must name the real file or the annotation lands nowhere."""
    name = "sprints/a\x1bb,c.yaml"
    shown = Diagnostic(name, 1, 1, "MO008", "file-name-mismatch", Severity.WARNING, "rename it")
    assert shown.path == "sprints/a\\x1bb,c.yaml"

    def line_for(on_runner: bool) -> str:
        lint_report = LintReport(
            diagnostics=[shown],
            files=1,
            path_prefix="okr/",
            real_paths={shown.path: name},
            on_runner=on_runner,
        )
        (line,) = render("github", lint_report).splitlines()
        return line

    on_runner = line_for(True)
    file_value = on_runner.split("file=", 1)[1].split(",line=")[0]
    assert github_unescape(file_value) == "okr/" + name
    # In a terminal the name stays escaped: no live control character.
    assert "\x1b" not in line_for(False)
    assert "file=okr/sprints/a\\x1bb%2Cc.yaml," in line_for(False)


def test_lint_passes_the_true_name_to_the_github_format(acme: Path) -> None:
    odd = acme / "sprints" / "odd\x1bname.yaml"
    odd.write_bytes((acme / "sprints" / "west-pipeline-recovery.yaml").read_bytes())
    args = ("lint", "--format", "github", "--today", TODAY, "--no-cache", "--select", "MO008")
    runner = run_cli(*args, cwd=acme, env={"GITHUB_ACTIONS": "true"})
    assert "::warning file=sprints/odd\x1bname.yaml,line=" in runner.stdout, runner.stdout
    local = run_cli(*args, cwd=acme, env={"GITHUB_ACTIONS": ""})
    assert "\x1b" not in local.stdout and "file=sprints/odd\\x1bname.yaml" in local.stdout


# --- SARIF ---------------------------------------------------------------------------


def sarif_validate(document: dict[str, object]) -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
    assert not errors, "\n".join(error.message for error in errors[:5])


def sarif(*found: Diagnostic, prefix: str = "") -> dict[str, object]:
    document: dict[str, object] = json.loads(render("sarif", report(*found, prefix=prefix)))
    sarif_validate(document)
    return document


def run_of(document: dict[str, object]) -> dict[str, object]:
    return document["runs"][0]  # type: ignore[index, no-any-return]


def test_sarif_rules_carry_every_field_code_scanning_shows() -> None:
    rules = run_of(sarif(OUTPUT_KR))["tool"]["driver"]["rules"]  # type: ignore[index]
    assert len(rules) == len(all_rules())
    for descriptor in rules:
        assert re.fullmatch(r"MO\d{3}", descriptor["id"])
        assert re.fullmatch(r"[a-z0-9-]+", descriptor["name"])
        for key in ("shortDescription", "fullDescription"):
            assert descriptor[key]["text"].strip()
        url = f"{RULES}#{descriptor['id'].lower()}-{descriptor['name']}"
        assert "## Why is this bad?" in descriptor["help"]["markdown"]
        assert f"]({url})" in descriptor["help"]["markdown"]
        assert url in descriptor["help"]["text"]


def test_sarif_fingerprints_are_stable_and_distinct() -> None:
    moved = Diagnostic(
        OUTPUT_KR.path, OUTPUT_KR.line + 7, 3, "MO502", "output-kr", Severity.ERROR,
        OUTPUT_KR.message,
    )  # fmt: skip
    aged = Diagnostic(
        SHORT.path, SHORT.line, SHORT.column, SHORT.code, SHORT.name, SHORT.severity,
        "the window spans 6 days: give it at least 7",
    )  # fmt: skip

    def prints(*found: Diagnostic) -> list[str]:
        results = run_of(sarif(*found))["results"]
        return [r["partialFingerprints"]["microokrFinding/v1"] for r in results]  # type: ignore[attr-defined]

    first = prints(OUTPUT_KR, SHORT, DUPLICATE)
    assert first == prints(OUTPUT_KR, SHORT, DUPLICATE)
    assert len(set(first)) == 3
    # A line moved by an edit above, or a count that ticks with the date: the same alert.
    assert prints(moved, aged, DUPLICATE) == first
    # The same finding twice in one file: two alerts, told apart by occurrence.
    again = Diagnostic(
        OUTPUT_KR.path, 30, 1, "MO502", "output-kr", Severity.ERROR, OUTPUT_KR.message
    )
    assert len(set(prints(OUTPUT_KR, again))) == 2


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    """Run from inside a workspace that is a subfolder of a git repository."""
    repo = tmp_path / "repo"
    workspace = repo / "planning" / "okr"
    workspace.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert run_cli("init", str(workspace), "--today", TODAY).code == 0
    (workspace / "sprints" / "broken.yaml").write_text("id: broken\nstatus: [\n")
    done = run_cli("lint", "--format", "sarif", "--today", TODAY, cwd=workspace)
    assert done.code == 1, done.stderr
    document = json.loads(done.stdout)
    sarif_validate(document)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in run_of(document)["results"]  # type: ignore[attr-defined]
    }
    assert "planning/okr/sprints/broken.yaml" in uris
    for uri in uris:
        assert (repo / uri).is_file(), uri
    details = run_of(document)["automationDetails"]
    assert details == {"id": "microokr/planning/okr/"}


def test_sarif_automation_details_name_the_workspace() -> None:
    assert run_of(sarif(DUPLICATE))["automationDetails"] == {"id": "microokr/"}
    assert run_of(sarif(DUPLICATE, prefix="okr/"))["automationDetails"] == {"id": "microokr/okr/"}


@pytest.mark.parametrize("prefix", ["", "planning/"])
def test_sarif_with_the_capped_volume_is_valid(prefix: str) -> None:
    document = sarif(*sorted(many(40, Severity.ERROR) + many(3, Severity.WARNING)), prefix=prefix)
    assert len(run_of(document)["results"]) == 43  # type: ignore[arg-type]
