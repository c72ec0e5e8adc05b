"""A cache that arrives with the checkout: links, FIFOs, devices, huge files, forged entries.

A pull request can commit `.microokr_cache/`; lint runs on it in CI. Whatever the
folder holds, lint must not write outside its own regular files, must not hang or
balloon, and must say exactly what a run without any cache says.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from microokr.cache import CACHE_DIR, CACHE_FILE, _key
from tests.conftest import EXAMPLES, TODAY, run_cli

BROKEN_SPRINT = "sprints/forged-target.yaml"


def lint(root: Path, *extra: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    done = run_cli("--today", TODAY, "lint", "--workspace", str(root), *extra, env=env)
    assert "internal error" not in done.stderr
    return done


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "acme", target, ignore=shutil.ignore_patterns(CACHE_DIR))
    return target


def test_a_cache_folder_linking_out_of_the_workspace_is_not_written(
    ws: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (ws / CACHE_DIR).symlink_to(outside)
    assert lint(ws).code == 0
    assert lint(ws).code == 0
    assert list(outside.iterdir()) == []
    assert (ws / CACHE_DIR).is_symlink()


def test_a_cache_folder_linking_to_sprints_gets_no_gitignore(ws: Path) -> None:
    """`.microokr_cache -> sprints` would put `*` in sprints/.gitignore: new sprints uncommitted."""
    (ws / CACHE_DIR).symlink_to("sprints")
    before = sorted(p.name for p in (ws / "sprints").iterdir())
    assert lint(ws).code == 0
    assert sorted(p.name for p in (ws / "sprints").iterdir()) == before
    assert not (ws / "sprints" / ".gitignore").exists()


def test_a_dangling_gitignore_link_does_not_create_its_target(ws: Path, tmp_path: Path) -> None:
    (ws / CACHE_DIR).mkdir()
    target = tmp_path / "created-by-lint"
    (ws / CACHE_DIR / ".gitignore").symlink_to(target)
    assert lint(ws).code == 0
    assert not target.exists() and not target.is_symlink()
    assert (ws / CACHE_DIR / CACHE_FILE).is_file()


def test_a_cache_file_linking_out_is_neither_read_nor_written_through(
    ws: Path, tmp_path: Path
) -> None:
    lint(ws)
    target = tmp_path / "precious"
    target.write_bytes((ws / CACHE_DIR / CACHE_FILE).read_bytes())  # a valid cache, even
    before = target.read_bytes()
    (ws / CACHE_DIR / CACHE_FILE).unlink()
    (ws / CACHE_DIR / CACHE_FILE).symlink_to(target)
    assert lint(ws).code == 0
    assert target.read_bytes() == before
    assert not (ws / CACHE_DIR / CACHE_FILE).is_symlink()  # replaced by a file of ours


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "sparse-3gb", "folder"])
def test_a_cache_file_that_is_not_a_small_regular_file_is_a_miss(ws: Path, kind: str) -> None:
    expected = lint(ws, "--no-cache")
    (ws / CACHE_DIR).mkdir()
    path = ws / CACHE_DIR / CACHE_FILE
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "sparse-3gb":
        with path.open("wb") as handle:
            handle.truncate(3 << 30)
    else:
        path.mkdir()
    done = lint(ws)  # run_cli's timeout turns a hang into a failure
    assert (done.code, done.stdout, done.stderr) == (
        expected.code,
        expected.stdout,
        expected.stderr,
    )


def _with_broken_sprint(ws: Path) -> None:
    clean = (ws / "sprints" / "churn-cohort-recovery.yaml").read_text(encoding="utf-8")
    broken = clean.replace("id: churn-cohort-recovery", "id: forged-target", 1)
    broken += "desired_conditon: a typo'd key\n"
    (ws / BROKEN_SPRINT).write_text(broken, encoding="utf-8")


def test_a_forged_entry_copied_under_a_broken_files_key_changes_nothing(ws: Path) -> None:
    _with_broken_sprint(ws)
    expected = lint(ws, "--no-cache")
    assert expected.code == 1 and "desired_conditon" in expected.stdout
    lint(ws)  # fill the cache
    path = ws / CACHE_DIR / CACHE_FILE
    header, *lines = path.read_text(encoding="utf-8").split("\n")
    clean_raw = (ws / "sprints" / "churn-cohort-recovery.yaml").read_bytes()
    clean_key = _key(clean_raw, "sprints/churn-cohort-recovery.yaml", "sprint", 1 << 20)
    broken_raw = (ws / BROKEN_SPRINT).read_bytes()
    broken_key = _key(broken_raw, BROKEN_SPRINT, "sprint", 1 << 20)
    clean_line = next(line for line in lines if line.startswith(clean_key))
    assert any(line.startswith(broken_key) for line in lines)
    forged = [broken_key + clean_line[40:] if x.startswith(broken_key) else x for x in lines]
    path.write_text("\n".join([header, *forged]), encoding="utf-8")
    done = lint(ws)
    assert (done.code, done.stdout) == (expected.code, expected.stdout)


def test_a_cache_made_with_another_key_is_not_used(ws: Path, tmp_path: Path) -> None:
    """A cache committed by someone else (their key) is a miss as a whole."""
    _with_broken_sprint(ws)
    expected = lint(ws, "--no-cache")
    lint(ws, env={"XDG_CACHE_HOME": str(tmp_path / "someone-else")})
    cache_file = ws / CACHE_DIR / CACHE_FILE
    theirs = cache_file.read_bytes()
    from microokr.cache import LintCache

    store = LintCache(ws)
    assert store._old == {}  # their entries do not verify with our key
    assert lint(ws).stdout == expected.stdout
    assert cache_file.read_bytes() != theirs


def test_the_key_is_private_and_outside_the_workspace(ws: Path, tmp_path: Path) -> None:
    home = tmp_path / "home-cache"
    lint(ws, env={"XDG_CACHE_HOME": str(home)})
    key = home / "microokr" / "key"
    assert key.is_file() and not key.is_symlink()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32
    assert not any(p.name == "key" for p in ws.rglob("*"))


def test_a_key_that_is_a_link_disables_the_cache(ws: Path, tmp_path: Path) -> None:
    home = tmp_path / "home-cache"
    (home / "microokr").mkdir(parents=True)
    planted = ws / "planted-key"
    planted.write_bytes(b"k" * 32)
    planted.chmod(0o600)
    (home / "microokr" / "key").symlink_to(planted)
    done = lint(ws, env={"XDG_CACHE_HOME": str(home)})
    assert done.code == 0 and "error" not in done.stderr  # notes (MO709 without git) may appear
    assert not (ws / CACHE_DIR).exists()  # no trusted key: no cache read or written
