"""`microokr lint` end to end, as a real process: exit codes, options, formats.

Dates are pinned (the examples are a snapshot of 2026-11-26); `--select` keeps a
test about one mechanism independent of what the rest of the catalog finds.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, ROOT, TESTS, TODAY, Run, run_cli

BROKEN = EXAMPLES / "broken"


def lint_json(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Any:
    done = run_cli(*args, "--format", "json", cwd=cwd, env=env)
    assert done.code in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def codes_by_path(document: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for diagnostic in document["diagnostics"]:
        found.setdefault(diagnostic["path"], set()).add(diagnostic["code"])
    return found


def assert_one_sentence(done: Run) -> None:
    assert done.code == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("microokr: error: ")
    assert done.stderr.count("\n") == 1


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(BROKEN, target)
    return target


# the examples


def test_acme_is_clean() -> None:
    done = run_cli("lint", "--workspace", str(EXAMPLES / "acme"), "--today", TODAY)
    assert done.code == 0, done.stdout + done.stderr
    assert " error" not in done.stdout


def test_acme_is_clean_with_global_workspace_option() -> None:
    done = run_cli("--workspace", str(EXAMPLES / "acme"), "lint", "--today", TODAY)
    assert done.code == 0, done.stdout + done.stderr


def readme_expectations() -> dict[str, set[str]]:
    """The `| file | expected code(s) | ...` table of examples/broken/README.md."""
    rows = re.findall(
        r"^\| `([^`]+)` \| ([A-Z0-9, ]+) \|", (BROKEN / "README.md").read_text(), re.MULTILINE
    )
    assert rows, "examples/broken/README.md has no table of expected codes"
    return {path: {code.strip() for code in codes.split(",")} for path, codes in rows}


def test_broken_yields_the_codes_its_readme_lists() -> None:
    expected = readme_expectations()
    document = lint_json("--workspace", str(BROKEN), "lint", "--today", TODAY)
    found = codes_by_path(document)
    # Only the sprint files carry mistakes; the config and the OKR file are correct.
    assert set(found) <= set(expected), found
    third = {path for path, codes in expected.items() if codes == {"MO701"}}
    for path, codes in expected.items():
        got = found.get(path, set())
        if path in third:
            # MO701 may be anchored on one or more of the three; nothing else may fire.
            assert got <= {"MO701"}, (path, got)
            continue
        # The README allows MO705 on the overdue sprint, and nothing else extra.
        allowed = codes | ({"MO705"} if path.endswith("abandoned.yaml") else set())
        assert codes <= got <= allowed, (path, got)
    assert any("MO701" in found.get(path, set()) for path in third), found


# exit codes


def test_errors_exit_1() -> None:
    done = run_cli("--workspace", str(BROKEN), "lint", "--today", TODAY)
    assert done.code == 1
    assert re.search(r"^Found \d+ errors? .*in \d+ files\.$", done.stdout, re.MULTILINE)


def test_missing_path_exit_2(broken: Path) -> None:
    done = run_cli("lint", "sprints/nope.yaml", "--today", TODAY, cwd=broken)
    assert_one_sentence(done)
    assert "sprints/nope.yaml does not exist" in done.stderr


def test_path_outside_the_workspace_exit_2(broken: Path, tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text("id: x\n")
    done = run_cli("--workspace", str(broken), "lint", str(stray), "--today", TODAY)
    assert_one_sentence(done)
    assert "outside the workspace" in done.stderr


def test_no_workspace_exit_2(tmp_path: Path) -> None:
    done = run_cli("lint", "--today", TODAY, cwd=tmp_path)
    assert_one_sentence(done)
    assert "no microokr.yaml" in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--select", "MO9"), "--select MO9 matches no rule"),
        (("--ignore", "E501"), "'E501' is not a rule code or prefix"),
        (("--format", "xml"), "'xml' is not one of"),
        (("--today", "2026-13-01"), "is not a date"),
    ],
)
def test_usage_errors_exit_2(broken: Path, args: tuple[str, ...], message: str) -> None:
    done = run_cli("lint", *args, cwd=broken)
    assert_one_sentence(done)
    assert message in done.stderr


# strict


@pytest.fixture
def warning_only(tmp_path: Path) -> Path:
    """acme with one sprint file renamed: MO008, a warning, and (selected) nothing else."""
    target = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", target)
    sprint = target / "sprints" / "lead-handoff-alignment.yaml"
    sprint.rename(sprint.with_name("handoff.yaml"))
    return target


def test_warnings_pass_unless_strict(warning_only: Path) -> None:
    args = ("lint", "--select", "MO008", "--today", TODAY)
    plain = run_cli(*args, cwd=warning_only)
    assert plain.code == 0, plain.stdout
    assert "Found 1 warning in" in plain.stdout
    assert run_cli(*args, "--strict", cwd=warning_only).code == 1


def test_strict_from_the_config(warning_only: Path) -> None:
    config = warning_only / "microokr.yaml"
    text = config.read_text()
    assert "strict: false" in text
    config.write_text(text.replace("strict: false", "strict: true"))
    done = run_cli("lint", "--select", "MO008", "--today", TODAY, cwd=warning_only)
    assert done.code == 1


# select and ignore


def all_codes(document: Any) -> set[str]:
    return {diagnostic["code"] for diagnostic in document["diagnostics"]}


def test_select_by_prefix(broken: Path) -> None:
    codes = all_codes(lint_json("lint", "--select", "MO0", "--today", TODAY, cwd=broken))
    assert "MO003" in codes
    assert all(code.startswith("MO0") for code in codes)


def test_select_repeated_and_comma_separated(broken: Path) -> None:
    repeated = lint_json(
        "lint", "--select", "MO0", "--select", "MO201", "--today", TODAY, cwd=broken
    )
    commas = lint_json("lint", "--select", "MO0, mo201", "--today", TODAY, cwd=broken)
    assert repeated == commas
    assert {"MO003", "MO201"} <= all_codes(repeated)
    assert all(code.startswith(("MO0", "MO201")) for code in all_codes(repeated))


def test_ignore_by_prefix_and_code(broken: Path) -> None:
    everything = all_codes(lint_json("lint", "--today", TODAY, cwd=broken))
    assert {"MO003", "MO201"} <= everything
    rest = all_codes(lint_json("lint", "--ignore", "MO0,mo201", "--today", TODAY, cwd=broken))
    assert not any(code.startswith("MO0") or code == "MO201" for code in rest)
    assert rest == {code for code in everything if not code.startswith("MO0")} - {"MO201"}


def test_ignore_from_the_config(broken: Path) -> None:
    config = broken / "microokr.yaml"
    config.write_text(config.read_text() + "lint:\n  ignore: [MO2]\n")
    codes = all_codes(lint_json("lint", "--today", TODAY, cwd=broken))
    assert "MO003" in codes
    assert not any(code.startswith("MO2") for code in codes)


# inline suppression


@pytest.mark.parametrize(
    ("code", "edit"),
    [
        # A 3-day window on the planned joint sprint: MO603 window-too-short.
        ("MO603", ("  end: 2026-12-21", "  end: 2026-12-10")),
        # An id that no longer matches the file name: MO008 file-name-mismatch.
        ("MO008", ("id: lead-handoff-alignment", "id: lead-handoff")),
    ],
)
def test_inline_ignore_comment(acme: Path, code: str, edit: tuple[str, str]) -> None:
    sprint = acme / "sprints" / "lead-handoff-alignment.yaml"
    text = sprint.read_text()
    assert edit[0] in text
    sprint.write_text(text.replace(edit[0], edit[1], 1))
    args = ("lint", "--select", code, "--strict", "--today", TODAY)
    before = lint_json(*args, cwd=acme)
    (found,) = before["diagnostics"]
    assert (found["code"], found["path"]) == (code, "sprints/lead-handoff-alignment.yaml")
    lines = sprint.read_text().splitlines(keepends=True)
    target = lines[found["line"] - 1]
    lines[found["line"] - 1] = target.rstrip("\n") + f"  # microokr: ignore[{code}]\n"
    sprint.write_text("".join(lines))
    after = run_cli(*args, cwd=acme)
    assert after.code == 0, after.stdout
    assert "All checks passed" in after.stdout


def test_inline_ignore_names_only_its_code(acme: Path) -> None:
    sprint = acme / "sprints" / "lead-handoff-alignment.yaml"
    text = sprint.read_text().replace(
        "id: lead-handoff-alignment", "id: lead-handoff  # microokr: ignore[MO603]", 1
    )
    sprint.write_text(text)
    document = lint_json("lint", "--select", "MO008", "--today", TODAY, cwd=acme)
    assert all_codes(document) == {"MO008"}


# pre-commit: changed files only, cross-file rules still see everything


def test_changed_file_still_sees_a_third_active_sprint(broken: Path) -> None:
    """third-active-c is the sprint that took sales-west over the limit of 2."""
    document = lint_json(
        "lint", "sprints/third-active-c.yaml", "--select", "MO701", "--today", TODAY, cwd=broken
    )
    assert {d["path"] for d in document["diagnostics"]} == {"sprints/third-active-c.yaml"}
    assert all_codes(document) == {"MO701"}
    assert document["summary"]["files"] == 1


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository whose workspace is the subfolder `okr/`, with a duplicated sprint id."""
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "acme", repo / "okr")
    sprints = repo / "okr" / "sprints"
    shutil.copyfile(sprints / "lead-handoff-alignment.yaml", sprints / "zz-handoff-copy.yaml")
    return repo


def test_pre_commit_style_run_from_the_repository_root(repository: Path) -> None:
    """pre-commit passes paths from the repository root; the workspace is found above them."""
    args = ("lint", "okr/sprints/zz-handoff-copy.yaml", "--select", "MO006", "--today", TODAY)
    document = lint_json(*args, cwd=repository)
    assert [(d["code"], d["path"]) for d in document["diagnostics"]] == [
        ("MO006", "sprints/zz-handoff-copy.yaml")
    ]
    github = run_cli(*args, "--format", "github", cwd=repository)
    assert github.code == 1
    assert github.stdout.startswith("::error file=okr/sprints/zz-handoff-copy.yaml,line=")
    assert "title=MO006 duplicate-id::" in github.stdout


def test_unchanged_file_is_not_reported(repository: Path) -> None:
    args = ("lint", "okr/okrs/2026-q4.yaml", "--select", "MO006", "--today", TODAY)
    document = lint_json(*args, cwd=repository)
    assert document["diagnostics"] == []
    assert document["summary"]["files"] == 1


def test_folder_path_limits_the_report(broken: Path) -> None:
    document = lint_json("lint", "okrs", "--today", TODAY, cwd=broken)
    assert document["diagnostics"] == []
    assert document["summary"]["files"] == 1


# today


@pytest.mark.parametrize(
    ("args", "env_today", "fires"),
    [
        (("lint", "--today", TODAY), "2026-09-10", True),  # the command's flag wins
        (("--today", TODAY, "lint"), "2026-09-10", True),  # the global flag beats the env
        (("lint",), TODAY, True),  # MICROOKR_TODAY
        (("lint",), "2026-09-10", False),  # before the window of abandoned.yaml ended
    ],
)
def test_today_precedence(broken: Path, args: tuple[str, ...], env_today: str, fires: bool) -> None:
    document = lint_json(*args, "--select", "MO702", cwd=broken, env={"MICROOKR_TODAY": env_today})
    paths = {d["path"] for d in document["diagnostics"]}
    assert ("sprints/abandoned.yaml" in paths) is fires


# output


def test_json_output_matches_its_schema(broken: Path) -> None:
    import jsonschema

    schema = json.loads((TESTS / "schemas" / "lint-output.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(
        lint_json("lint", "--today", TODAY, cwd=broken)
    )


def test_sarif_output_is_valid(broken: Path) -> None:
    import jsonschema

    schema = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text())
    done = run_cli("lint", "--format", "sarif", "--today", TODAY, cwd=broken)
    assert done.code == 1
    document = json.loads(done.stdout)
    jsonschema.Draft4Validator(schema).validate(document)
    assert document["runs"][0]["results"]


def test_output_file(broken: Path, tmp_path: Path) -> None:
    target = tmp_path / "lint.json"
    done = run_cli(
        "lint", "--format", "json", "--output", str(target), "--today", TODAY, cwd=broken
    )
    assert done.code == 1
    assert done.stdout == ""
    assert json.loads(target.read_text())["summary"]["errors"] > 0


@pytest.mark.parametrize(
    ("env", "flags", "coloured"),
    [
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, (), True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, ("--no-color",), False),
        ({"NO_COLOR": "", "FORCE_COLOR": ""}, (), False),  # a pipe, not a terminal
    ],
)
def test_colour(broken: Path, env: dict[str, str], flags: tuple[str, ...], coloured: bool) -> None:
    done = run_cli(*flags, "lint", "--today", TODAY, cwd=broken, env=env)
    assert done.code == 1
    assert ("\x1b[" in done.stdout) is coloured
    assert "sprints/typo-key.yaml:14:1: error MO003 unknown-field:" in re.sub(
        r"\x1b\[[0-9;]*m", "", done.stdout
    )


# the pre-commit hook manifest


def test_pre_commit_hook_manifest() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "microokr-lint"
    assert hook["entry"] == "microokr lint"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in (
        "microokr.yaml",
        "okrs/2026-q4.yaml",
        "sprints/west-pipeline-recovery.yaml",
        "okr/sprints/west-pipeline-recovery.yaml",
        "sprints/forgot-the-a.yml",  # reported as MO009 rather than skipped
    ):
        assert files.search(path), path
    for path in ("README.md", "reports/west.md", "okrs/notes.txt", "other.yaml", ".github/x.yaml"):
        assert not files.search(path), path
