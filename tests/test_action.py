"""The composite action of action.yml, run the way a runner runs it, on this machine.

Each `run:` step goes to bash with its `env:` (the `${{ inputs.* }}` and
`${{ steps.*.outputs.* }}` in it filled in as the runner would) and a simulated
runner environment in a temporary folder: GITHUB_WORKSPACE, GITHUB_ACTION_PATH
(this checkout), RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH.
`uses:` steps are not run; their pinned reference and `with:` are checked.
The install step really runs `pip install "$GITHUB_ACTION_PATH"`, once per module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, TODAY

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
SCHEMAS = Path(__file__).parent / "schemas"


@dataclass
class Runner:
    """One job's worth of runner state: the files the steps write and what they print."""

    root: Path
    temp: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)

    @property
    def workspace(self) -> Path:
        return self.root / "repo"

    @property
    def summary(self) -> Path:
        return self.root / "summary.md"

    def run_step(
        self, step: dict[str, Any], inputs: dict[str, str]
    ) -> subprocess.CompletedProcess[str]:
        output_file = self.root / f"output-{step.get('id', 'anonymous')}"
        output_file.write_text("")
        path_file = self.root / "path"
        path_file.write_text("")
        env = {
            "PATH": os.pathsep.join([*self.path, os.environ["PATH"]]),
            "HOME": os.environ.get("HOME", str(self.root)),
            "LANG": "C.UTF-8",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_PATH": str(path_file),
            "RUNNER_TEMP": str(self.temp),
            "NO_COLOR": "1",
            **{
                key: self.evaluate(str(value), inputs) for key, value in step.get("env", {}).items()
            },
        }
        for key in ("PIP_CONFIG_FILE", "PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
            if key in os.environ:  # this machine's package mirror, as a runner has PyPI
                env[key] = os.environ[key]
        assert step["shell"] == "bash"
        script = self.root / "step.sh"
        script.write_text(step["run"])
        done = subprocess.run(
            # How the runner starts a `shell: bash` step.
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if "id" in step:
            self.outputs[step["id"]] = parse_output(output_file.read_text())
        self.path[:0] = [line for line in path_file.read_text().splitlines() if line]
        return done

    def evaluate(self, text: str, inputs: dict[str, str]) -> str:
        def value(match: re.Match[str]) -> str:
            parts = match.group(1).split(".")
            if parts[0] == "inputs":
                return inputs[parts[1]]
            if parts[0] == "steps" and parts[2] == "outputs":
                return self.outputs.get(parts[1], {}).get(parts[3], "")
            raise AssertionError(f"the test runner does not know {match.group(0)}")

        return EXPRESSION.sub(value, text)


def parse_output(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def with_defaults(**given: str) -> dict[str, str]:
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    assert set(given) <= set(inputs), given
    return {**inputs, **given}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RUNNER_TEMP after the install step: one real `pip install` of this checkout."""
    temp = tmp_path_factory.mktemp("runner-temp")
    runner = Runner(tmp_path_factory.mktemp("install"), temp)
    runner.workspace.mkdir()
    done = runner.run_step(STEPS[0], with_defaults())
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().startswith("microokr ")
    assert (temp / "microokr-venv" / "bin" / "microokr").is_file()
    return temp


def lint_step(runner: Runner, **inputs: str) -> subprocess.CompletedProcess[str]:
    (step,) = [step for step in STEPS if step.get("id") == "lint"]
    return runner.run_step(step, with_defaults(today=TODAY, **inputs))


def make_runner(tmp_path: Path, installed: Path, example: str | None, *, below: str = "") -> Runner:
    runner = Runner(tmp_path, installed)
    runner.workspace.mkdir()
    subprocess.run(["git", "init", "-q", str(runner.workspace)], check=True)
    if example is not None:
        shutil.copytree(
            EXAMPLES / example,
            runner.workspace / below if below else runner.workspace,
            dirs_exist_ok=True,
        )
    return runner


def test_inputs_reach_scripts_only_through_the_environment() -> None:
    for step in STEPS:
        if "run" in step:
            assert "${{" not in step["run"], step["name"]


def test_only_pinned_actions_are_used_and_upload_has_a_category() -> None:
    uses = [step for step in STEPS if "uses" in step]
    assert [step["uses"].split("@")[0] for step in uses] == ["github/codeql-action/upload-sarif"]
    (upload,) = uses
    assert re.fullmatch(r"[^@]+@[0-9a-f]{40}", upload["uses"])
    assert upload["if"] == "${{ inputs.sarif == 'true' && steps.lint.outputs.sarif-file != '' }}"
    assert upload["with"] == {
        "sarif_file": "${{ steps.lint.outputs.sarif-file }}",
        "category": "microokr/${{ inputs.workspace }}",
    }
    assert ACTION["inputs"]["sarif"]["default"] == "false"
    assert ACTION["inputs"]["summary"]["default"] == "true"
    assert ACTION["inputs"]["version"]["default"] == ""
    assert "$GITHUB_ACTION_PATH" in STEPS[0]["run"]


def test_a_clean_workspace_passes_and_writes_the_summary(tmp_path: Path, installed: Path) -> None:
    runner = make_runner(tmp_path, installed, "acme")
    done = lint_step(runner)
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.summary.read_text().startswith("### ✅ microokr: all checks passed")
    assert runner.outputs["lint"] == {"errors": "0", "warnings": "0"}
    assert "All checks passed" in done.stdout


def test_errors_fail_the_step_with_annotations_and_a_summary(
    tmp_path: Path, installed: Path
) -> None:
    runner = make_runner(tmp_path, installed, "broken", below="planning")
    done = lint_step(runner, workspace="planning")
    assert done.returncode == 1, done.stdout + done.stderr
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert annotations and all(
        line.startswith("::error file=planning/") for line in annotations[:10]
    )
    summary = runner.summary.read_text()
    assert summary.startswith("### ❌ microokr: ")
    assert "#### planning/sprints/" in summary
    assert int(runner.outputs["lint"]["errors"]) > 0


def test_sarif_mode_passes_and_hands_the_upload_a_valid_file(
    tmp_path: Path, installed: Path
) -> None:
    runner = make_runner(tmp_path, installed, "broken", below="planning")
    done = lint_step(runner, workspace="planning", sarif="true", summary="false")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not runner.summary.exists()
    sarif_file = Path(runner.outputs["lint"]["sarif-file"])
    document = json.loads(sarif_file.read_text())
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(document)
    results = document["runs"][0]["results"]
    assert results
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert (runner.workspace / uri).exists(), uri
    upload = next(step for step in STEPS if "uses" in step)
    assert runner.evaluate(upload["with"]["sarif_file"], with_defaults()) == str(sarif_file)
    assert runner.evaluate(upload["with"]["category"], with_defaults(workspace="planning")) == (
        "microokr/planning"
    )


def test_no_sprint_file_fails_even_with_sarif(tmp_path: Path, installed: Path) -> None:
    runner = make_runner(tmp_path, installed, "acme")
    for sprint in (runner.workspace / "sprints").glob("*.yaml"):
        sprint.unlink()
    done = lint_step(runner, sarif="true")
    assert done.returncode == 1
    assert "::error title=microokr::no sprint file in the workspace" in done.stdout


def test_a_misconfigured_workspace_path_fails(tmp_path: Path, installed: Path) -> None:
    runner = make_runner(tmp_path, installed, "acme")
    done = lint_step(runner, workspace="okr")
    assert done.returncode == 2
    assert "could not run" in done.stdout


def test_inputs_are_never_run_as_shell(tmp_path: Path, installed: Path) -> None:
    runner = make_runner(tmp_path, installed, "acme")
    marker = tmp_path / "pwned"
    done = lint_step(runner, workspace=f"$(touch {marker})", args=f"; touch {marker}")
    assert done.returncode != 0
    assert not marker.exists()


def test_args_and_today_reach_lint(tmp_path: Path, installed: Path) -> None:
    runner = make_runner(tmp_path, installed, "broken")
    done = lint_step(runner, args="--select MO007")
    assert runner.outputs["lint"]["warnings"] == "0"
    codes = set(re.findall(r"title=(MO\d+)", done.stdout))
    assert codes <= {"MO007"}, codes
