"""The four lint reporters over one hand-made list of diagnostics.

Reporters only print: these tests feed them fixed diagnostics and check the
exact text, the JSON contract and the SARIF 2.1.0 schema.
"""

from __future__ import annotations

import io
import json
from typing import Any

import jsonschema
import pytest

from microokr.diagnostics import Diagnostic, Severity
from microokr.reporters import REPORTER_BY_NAME, LintReport
from microokr.reporters.github import escape_data, escape_property
from microokr.reporters.text import summary_line
from microokr.rules.base import all_rules
from tests.conftest import TESTS

SCHEMAS = TESTS / "schemas"
RULES = "https://github.com/microokr/microokr/blob/main/docs/rules.md"

OUTPUT_KR = Diagnostic(
    "sprints/west-pipeline-recovery.yaml",
    24,
    16,
    "MO502",
    "output-kr",
    Severity.ERROR,
    "counts calls made: measure the change they should cause",
)
SHORT = Diagnostic(
    "sprints/west-pipeline-recovery.yaml",
    40,
    3,
    "MO603",
    "window-too-short",
    Severity.WARNING,
    "the window spans 5 days: give it at least 7",
)
DUPLICATE = Diagnostic(
    "okrs/2026-q4.yaml", 3, 1, "MO006", "duplicate-id", Severity.ERROR, "id repeats"
)


def report(*diagnostics: Diagnostic, files: int = 12, prefix: str = "") -> LintReport:
    return LintReport(
        diagnostics=sorted(diagnostics),
        files=files,
        rules=all_rules(),
        path_prefix=prefix,
        version="9.9.9",
    )


def render(name: str, lint_report: LintReport, *, color: bool = False) -> str:
    stream = io.StringIO()
    REPORTER_BY_NAME[name].write(lint_report, stream, color=color)
    return stream.getvalue()


def test_registry_names_the_five_formats() -> None:
    assert list(REPORTER_BY_NAME) == ["text", "json", "github", "sarif", "summary"]


# text


def test_text_groups_by_file_and_ends_with_a_summary() -> None:
    out = render("text", report(OUTPUT_KR, SHORT, DUPLICATE))
    assert out == (
        "okrs/2026-q4.yaml:3:1: error MO006 duplicate-id: id repeats\n"
        "\n"
        "sprints/west-pipeline-recovery.yaml:24:16: error MO502 output-kr: "
        "counts calls made: measure the change they should cause\n"
        "sprints/west-pipeline-recovery.yaml:40:3: warning MO603 window-too-short: "
        "the window spans 5 days: give it at least 7\n"
        "\n"
        "Found 2 errors and 1 warning in 12 files.\n"
    )


def test_text_without_colour_has_no_escape_codes_and_with_colour_has_them() -> None:
    plain = render("text", report(OUTPUT_KR, SHORT), color=False)
    coloured = render("text", report(OUTPUT_KR, SHORT), color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert "MO502" in coloured


def test_text_does_not_read_markup_in_messages() -> None:
    odd = Diagnostic("a.yaml", 1, 1, "MO003", "unknown-field", Severity.ERROR, "[bold]x[/] :smile:")
    assert "[bold]x[/] :smile:" in render("text", report(odd), color=True)


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "expected"),
    [
        (0, 0, 12, "All checks passed (12 files)."),
        (0, 0, 1, "All checks passed (1 file)."),
        (3, 2, 12, "Found 3 errors and 2 warnings in 12 files."),
        (1, 0, 1, "Found 1 error in 1 file."),
        (0, 1, 4, "Found 1 warning in 4 files."),
    ],
)
def test_summary_line(errors: int, warnings: int, files: int, expected: str) -> None:
    found = [_numbered(OUTPUT_KR, i) for i in range(errors)]
    found += [_numbered(SHORT, i) for i in range(warnings)]
    assert summary_line(report(*found, files=files)) == expected


def _numbered(diagnostic: Diagnostic, line: int) -> Diagnostic:
    return Diagnostic(
        diagnostic.path,
        line + 1,
        diagnostic.column,
        diagnostic.code,
        diagnostic.name,
        diagnostic.severity,
        diagnostic.message,
    )


# json


def test_json_is_exactly_the_contract() -> None:
    document = json.loads(render("json", report(OUTPUT_KR, SHORT, prefix="okr/")))
    assert document == {
        "version": 1,
        "summary": {"files": 12, "errors": 1, "warnings": 1},
        "diagnostics": [
            {
                "code": "MO502",
                "name": "output-kr",
                "severity": "error",
                # The JSON path stays relative to the workspace root, prefix or not.
                "path": "sprints/west-pipeline-recovery.yaml",
                "line": 24,
                "column": 16,
                "message": "counts calls made: measure the change they should cause",
            },
            {
                "code": "MO603",
                "name": "window-too-short",
                "severity": "warning",
                "path": "sprints/west-pipeline-recovery.yaml",
                "line": 40,
                "column": 3,
                "message": "the window spans 5 days: give it at least 7",
            },
        ],
    }
    jsonschema.Draft202012Validator(lint_output_schema()).validate(document)


def lint_output_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / "lint-output.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_json_schema_rejects_what_the_contract_forbids() -> None:
    validator = jsonschema.Draft202012Validator(lint_output_schema())
    good = json.loads(render("json", report(OUTPUT_KR)))
    assert validator.is_valid(good)
    for broken in (
        {**good, "version": 2},
        {**good, "extra": True},
        {**good, "diagnostics": [{**good["diagnostics"][0], "line": 0}]},
        {**good, "diagnostics": [{**good["diagnostics"][0], "path": "sprints\\a.yaml"}]},
        {**good, "diagnostics": [{**good["diagnostics"][0], "severity": "info"}]},
    ):
        assert not validator.is_valid(broken)


# github


def test_github_workflow_commands() -> None:
    out = render("github", report(OUTPUT_KR, SHORT))
    assert out.splitlines() == [
        "::error file=sprints/west-pipeline-recovery.yaml,line=24,col=16,"
        "title=MO502 output-kr::counts calls made: measure the change they should cause",
        "::warning file=sprints/west-pipeline-recovery.yaml,line=40,col=3,"
        "title=MO603 window-too-short::the window spans 5 days: give it at least 7",
    ]


def test_github_paths_carry_the_workspace_prefix() -> None:
    out = render("github", report(DUPLICATE, prefix="okr/"))
    assert out.startswith("::error file=okr/okrs/2026-q4.yaml,line=3,col=1,")


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    odd = Diagnostic(
        "sprints/a,b:c.yaml", 2, 5, "MO003", "unknown-field", Severity.ERROR, "100%\nsure: x,y"
    )
    (line,) = render("github", report(odd)).splitlines()
    assert line == (
        "::error file=sprints/a%2Cb%3Ac.yaml,line=2,col=5,title=MO003 unknown-field"
        "::100%25%0Asure: x,y"
    )


# sarif


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_sarif_2_1_0() -> None:
    document = json.loads(render("sarif", report(OUTPUT_KR, SHORT, DUPLICATE, prefix="okr/")))
    errors = sorted(sarif_validator().iter_errors(document), key=str)
    assert not errors, "\n".join(error.message for error in errors[:5])
    assert document["version"] == "2.1.0"
    assert "$schema" in document


def test_sarif_empty_run_is_valid() -> None:
    document = json.loads(render("sarif", report(files=3)))
    sarif_validator().validate(document)
    assert document["runs"][0]["results"] == []


def test_sarif_driver_describes_the_whole_catalog() -> None:
    document = json.loads(render("sarif", report(OUTPUT_KR)))
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["name"] == "microokr"
    assert driver["version"] == "9.9.9"
    assert driver["informationUri"].startswith("https://")
    catalog = all_rules()
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in catalog]
    for descriptor, rule in zip(driver["rules"], catalog, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        # Code scanning shows help.markdown, not helpUri: the link lives inside it.
        url = f"{RULES}#{rule.code.lower()}-{rule.name}"
        assert descriptor["help"]["markdown"].startswith(rule.doc)
        assert descriptor["help"]["markdown"].endswith(f"]({url})")
        assert descriptor["help"]["text"].startswith(rule.doc)
        assert descriptor["help"]["text"].endswith(url)
        assert descriptor["defaultConfiguration"]["level"] == rule.severity.value
        assert descriptor["helpUri"].endswith(f"docs/rules.md#{rule.code.lower()}-{rule.name}")


MISNAMED = Diagnostic(
    "sprints/copy.yaml", 1, 5, "MO008", "file-name-mismatch", Severity.WARNING, "rename it"
)


def test_sarif_results_point_at_their_rule_and_place() -> None:
    document = json.loads(render("sarif", report(DUPLICATE, MISNAMED, prefix="okr/")))
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_code = {d.code: d for d in (DUPLICATE, MISNAMED)}
    assert [result["ruleId"] for result in run["results"]] == ["MO006", "MO008"]
    for result in run["results"]:
        found = by_code[result["ruleId"]]
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == found.severity.value
        assert result["message"]["text"] == found.message
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {
            "uri": f"okr/{found.path}",
            "uriBaseId": "%SRCROOT%",
        }
        assert location["region"] == {"startLine": found.line, "startColumn": found.column}
