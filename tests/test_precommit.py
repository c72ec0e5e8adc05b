"""pre-commit, for real: `init --pre-commit` in existing repositories, `lint --staged`
reading the git index, and `pre-commit install` then `git commit` in temporary
repositories whose workspace lives in a subfolder (`planning/`).

The remote form is exercised with its `repo:` pointed at a local git copy of this
project (no network), so pre-commit builds the hook from `.pre-commit-hooks.yaml`
as it would from GitHub.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from microokr import __version__
from tests.conftest import EXAMPLES, ROOT, TODAY, run_cli

BIN = str(Path(sys.executable).parent)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=git_env()
    )


def git_env(**more: str) -> dict[str, str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "PATH": BIN + os.pathsep + os.environ["PATH"],
        "NO_COLOR": "1",
        "MICROOKR_TODAY": TODAY,
        **more,
    }
    env.pop("PRE_COMMIT", None)
    return env


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a README and the acme workspace in planning/, all committed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("# a product\n")
    shutil.copytree(EXAMPLES / "acme", repo / "planning")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "start")
    return repo


def copy_sprint(repo: Path, source: str, new_id: str) -> Path:
    """A copy of a sprint under a new id (and matching file name)."""
    sprints = repo / "planning" / "sprints"
    text = (sprints / f"{source}.yaml").read_text()
    assert f"id: {source}\n" in text
    target = sprints / f"{new_id}.yaml"
    target.write_text(text.replace(f"id: {source}\n", f"id: {new_id}\n"))
    return target


def lint(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = run_cli("lint", "--today", TODAY, "--no-cache", "--format", "json", *args,
                   cwd=repo / "planning", env=env)  # fmt: skip
    assert done.code in (0, 1), done.stderr
    return done.stdout


# --- init --pre-commit ---------------------------------------------------------------


def test_init_pre_commit_in_an_existing_workspace_adds_only_the_hook(repo: Path) -> None:
    done = run_cli("init", "planning", "--pre-commit", cwd=repo)
    assert done.code == 0, done.stderr
    assert git(repo, "status", "--porcelain").stdout == "?? .pre-commit-config.yaml\n"
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    (entry,) = config["repos"]
    assert entry["repo"] == "https://github.com/microokr/microokr"
    assert entry["rev"] == f"v{__version__}"
    (hook,) = entry["hooks"]
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] in [h["id"] for h in manifest]
    files = re.compile(hook["files"])
    for path in ("planning/microokr.yaml", "planning/sprints/a.yaml", "planning/okrs/q4.yaml"):
        assert files.search(path), path
    for path in ("sprints/a.yaml", "microokr.yaml", "README.md", "planning/reports/a.md"):
        assert not files.search(path), path


def test_init_pre_commit_extends_an_existing_config_once(repo: Path) -> None:
    existing = (
        "# ours\nrepos:\n- repo: https://github.com/pre-commit/pre-commit-hooks\n"
        "  rev: v5.0.0\n  hooks:\n  - id: trailing-whitespace\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(existing)
    done = run_cli("init", "planning", "--pre-commit", "--hook", "local", cwd=repo)
    assert done.code == 0, done.stderr
    text = (repo / ".pre-commit-config.yaml").read_text()
    assert text.startswith(existing)  # the old text, byte for byte
    repos = yaml.safe_load(text)["repos"]
    assert [r["repo"] for r in repos] == ["https://github.com/pre-commit/pre-commit-hooks", "local"]
    assert repos[1]["hooks"][0]["language"] == "system"
    again = run_cli("init", "planning", "--pre-commit", cwd=repo)
    assert again.code == 1
    assert "already runs the microokr-lint hook" in again.stderr
    assert (repo / ".pre-commit-config.yaml").read_text() == text


def test_init_pre_commit_for_a_new_workspace_in_a_subfolder(repo: Path) -> None:
    done = run_cli("init", "team-b/okr", "--pre-commit", "--today", TODAY, cwd=repo)
    assert done.code == 0, done.stderr
    assert (repo / "team-b" / "okr" / "microokr.yaml").is_file()
    assert not (repo / "team-b" / "okr" / ".pre-commit-config.yaml").exists()
    (hook,) = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert re.search(hook["files"], "team-b/okr/sprints/x.yaml")
    assert not re.search(hook["files"], "planning/sprints/x.yaml")


# --- lint --staged ---------------------------------------------------------------------


def test_an_untracked_sprint_does_not_count_against_a_staged_one(repo: Path) -> None:
    copy_sprint(repo, "inbound-spike-conversion", "inbound-second")
    git(repo, "add", "planning/sprints/inbound-second.yaml")
    copy_sprint(repo, "inbound-spike-conversion", "inbound-third")  # untracked
    assert "MO701" in lint(repo, "--select", "MO701")  # on disk: three active
    assert "MO701" not in lint(repo, "--select", "MO701", "--staged")
    assert "MO701" not in lint(repo, "--select", "MO701", env={"PRE_COMMIT": "1"})


def test_an_unstaged_fix_does_not_hide_a_staged_error(repo: Path) -> None:
    sprint = repo / "planning" / "sprints" / "west-pipeline-recovery.yaml"
    good = sprint.read_text()
    sprint.write_text(good.replace("window:", "windoww:", 1))
    git(repo, "add", "-A")
    sprint.write_text(good)  # fixed on disk, not staged
    assert "MO003" not in lint(repo)
    assert "windoww" in lint(repo, "--staged")


def test_staged_outside_a_repository_says_so(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "acme", tmp_path / "acme")
    done = run_cli("lint", "--staged", cwd=tmp_path / "acme")
    assert done.code == 2
    assert "not inside a git repository" in done.stderr


# --- real pre-commit ---------------------------------------------------------------


def commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    env = git_env(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"))
    done = subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, capture_output=True, text=True, env=env,
        timeout=900,
    )  # fmt: skip
    # git shows the hook's output on stderr: read both as one.
    done.stdout += done.stderr
    return done


def install_hook(repo: Path) -> None:
    env = git_env(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"))
    git(repo, "add", ".pre-commit-config.yaml")
    subprocess.run(["pre-commit", "install"], cwd=repo, check=True, env=env, capture_output=True)


def test_real_pre_commit_local_form_checks_what_is_committed(repo: Path) -> None:
    assert run_cli("init", "planning", "--pre-commit", "--hook", "local", cwd=repo).code == 0
    install_hook(repo)
    sprint = repo / "planning" / "sprints" / "west-pipeline-recovery.yaml"
    good = sprint.read_text()
    sprint.write_text(good.replace("window:", "windoww:", 1))
    git(repo, "add", "-A")
    refused = commit(repo, "typo")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "MO003" in refused.stdout and "windoww" in refused.stdout
    # Staged fix, plus an untracked sprint that would be the team's third active one.
    sprint.write_text(good)
    copy_sprint(repo, "inbound-spike-conversion", "inbound-second")
    git(repo, "add", "-A")
    copy_sprint(repo, "inbound-spike-conversion", "inbound-third")
    done = commit(repo, "second inbound sprint")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "microokr lint" in done.stdout and "Passed" in done.stdout


def test_real_pre_commit_remote_form_from_a_local_copy_of_this_project(
    repo: Path, tmp_path: Path
) -> None:
    project = tmp_path / "microokr-project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".git", "__pycache__", ".microokr_cache", "*.egg-info"),
    )
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "snapshot")
    git(project, "tag", f"v{__version__}")
    assert run_cli("init", "planning", "--pre-commit", cwd=repo).code == 0
    config = repo / ".pre-commit-config.yaml"
    text = config.read_text()
    assert "repo: https://github.com/microokr/microokr" in text
    config.write_text(text.replace("https://github.com/microokr/microokr", str(project)))
    install_hook(repo)
    broken = copy_sprint(repo, "inbound-spike-conversion", "inbound-second")
    broken.write_text(broken.read_text().replace("window:", "windoww:", 1))
    git(repo, "add", "-A")
    refused = commit(repo, "typo")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "windoww" in refused.stdout


def test_init_pre_commit_refuses_a_config_it_cannot_extend_safely(repo: Path) -> None:
    existing = "repos:\n- repo: local\n  hooks: []\ndefault_stages: [pre-commit]\n"
    (repo / ".pre-commit-config.yaml").write_text(existing)
    done = run_cli("init", "planning", "--pre-commit", cwd=repo)
    assert done.code == 1
    assert done.stderr.count("\n") == 1 and "add the microokr-lint entry" in done.stderr
    assert (repo / ".pre-commit-config.yaml").read_text() == existing
