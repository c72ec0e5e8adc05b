"""`microokr init`: scaffolds a lint-clean workspace, never overwrites."""

from __future__ import annotations

from pathlib import Path

from microokr.workspace import load_workspace
from tests.conftest import run_cli


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_init_scaffolds_a_workspace(tmp_path: Path) -> None:
    done = run_cli("init", str(tmp_path / "w"), "--today", "2026-11-26")
    assert done.code == 0, done.stderr
    files = set(snapshot(tmp_path / "w"))
    assert files == {
        "microokr.yaml",
        "okrs/2026-q4.yaml",
        "sprints/.gitkeep",
        "reports/.gitkeep",
        ".gitignore",
        # The schemas every file's modeline points at, for offline editors.
        ".microokr/schemas/microokr.schema.json",
        ".microokr/schemas/okr.schema.json",
        ".microokr/schemas/sprint.schema.json",
    }
    ws = load_workspace(tmp_path / "w")
    assert all(not source.problems for source in ws.files)
    assert ws.teams is not None and "my-team" in ws.teams
    assert "q4-pipeline" in ws.key_results
    assert "#" in (tmp_path / "w" / "okrs" / "2026-q4.yaml").read_text()  # commented
    assert ".microokr_cache/" in (tmp_path / "w" / ".gitignore").read_text()


def test_init_pre_commit(tmp_path: Path) -> None:
    done = run_cli("init", str(tmp_path), "--pre-commit", "--today", "2026-11-26")
    assert done.code == 0, done.stderr
    # Outside a repository the config goes beside microokr.yaml, the future git root.
    config = (tmp_path / ".pre-commit-config.yaml").read_text()
    assert "- repo: https://github.com/microokr/microokr" in config
    assert "id: microokr-lint" in config


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "2026-q4.yaml").write_text("mine\n")
    before = snapshot(tmp_path)
    done = run_cli("init", str(tmp_path), "--today", "2026-11-26")
    assert done.code == 1
    assert "refusing to overwrite" in done.stderr and "okrs/2026-q4.yaml" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "microokr.yaml").exists()


def test_init_into_a_file_is_a_workspace_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    done = run_cli("init", str(tmp_path / "f"))
    assert done.code == 2 and "not a folder" in done.stderr
