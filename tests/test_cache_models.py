"""The cache's models file (`cachestore`): new models appended, old lines written back
as read, the dead part compacted into a new generation, and a models file that is
gone, truncated, a link or a FIFO never changes what lint says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microokr import cachestore
from microokr.cache import CACHE_DIR, CACHE_FILE
from tests.test_cache import copy_example, lint_with, uncached

SPRINT = "sprints/churn-cohort-recovery.yaml"


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return copy_example("acme", tmp_path)


def models_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob(f"{cachestore.PREFIX}*"))


def edit(root: Path, number: int) -> None:
    path = root / SPRINT
    path.write_text(path.read_text(encoding="utf-8") + f"# edit {number}\n", encoding="utf-8")


def test_a_changed_file_appends_its_model_and_keeps_every_other_line(acme: Path) -> None:
    lint_with(acme)
    lint_with(acme)  # stat data settled into the lines
    (models,) = models_files(acme)
    lines = (acme / CACHE_DIR / CACHE_FILE).read_bytes().split(b"\n")
    size = models.stat().st_size
    edit(acme, 1)
    found, store = lint_with(acme)
    assert found == uncached(acme) and store.misses == 1
    assert models_files(acme) == [models]
    grown = models.stat().st_size - size
    model = (acme / SPRINT).stat().st_size
    assert 0 < grown < 3 * model  # one model's JSON, not the workspace's
    after = (acme / CACHE_DIR / CACHE_FILE).read_bytes().split(b"\n")
    changed = [line for line in after if line not in lines]
    assert len(changed) == 1 and b"churn-cohort-recovery" in changed[0]
    _, store = lint_with(acme)
    assert store.misses == 0


def test_the_dead_part_is_compacted_into_a_new_generation(
    acme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachestore, "MIN_DEAD", 0)
    lint_with(acme)
    (first,) = models_files(acme)
    live = first.stat().st_size
    seen = {first.name}
    for number in range(40):
        edit(acme, number)
        found, _ = lint_with(acme)
        (current,) = models_files(acme)  # the old generation is removed
        seen.add(current.name)
        assert current.stat().st_size <= 2 * live + 4096  # never much past live + dead
    assert len(seen) > 1
    assert found == uncached(acme)
    _, store = lint_with(acme)
    assert store.misses == 0 and store.hits > 0


@pytest.mark.parametrize("kind", ["gone", "truncated", "link", "fifo", "garbage"])
def test_a_models_file_that_is_not_ours_as_written_changes_nothing(
    acme: Path, tmp_path: Path, kind: str
) -> None:
    lint_with(acme)
    lint_with(acme)
    (models,) = models_files(acme)
    data = models.read_bytes()
    if kind == "gone":
        models.unlink()
    elif kind == "truncated":
        models.write_bytes(data[: len(data) // 2])
    elif kind == "link":
        target = tmp_path / "elsewhere"
        target.write_bytes(data)
        models.unlink()
        models.symlink_to(target)
    elif kind == "fifo":
        models.unlink()
        os.mkfifo(models)
    else:
        models.write_bytes(b"x" * len(data))
    found, _ = lint_with(acme)
    assert found == uncached(acme)
    for path in models_files(acme):
        assert path.is_file() and not path.is_symlink()
    if kind == "link":
        assert (tmp_path / "elsewhere").read_bytes() == data  # never written through
    # Entries whose model was lost are dropped, cached again, then hit.
    assert lint_with(acme)[0] == uncached(acme)
    found, store = lint_with(acme)
    assert found == uncached(acme) and store.misses == 0
    assert all(source.model is not None for source in _sources(acme))


def _sources(root: Path) -> list:
    from microokr.cache import LintCache
    from microokr.workspace import load_workspace

    store = LintCache(root)
    return load_workspace(root, reader=store.read).files[1:]


def test_a_models_file_with_a_second_link_is_never_appended_to(acme: Path, tmp_path: Path) -> None:
    """A hard link planted to another file (it would take the appended bytes) makes the
    save write a fresh generation instead; the other file is left as it was."""
    lint_with(acme)
    (models,) = models_files(acme)
    victim = tmp_path / "victim"
    os.link(models, victim)
    before = victim.read_bytes()
    edit(acme, 1)
    found, _ = lint_with(acme)
    assert found == uncached(acme)
    assert victim.read_bytes() == before
    (current,) = models_files(acme)
    assert current != models and current.stat().st_nlink == 1


def test_runs_saving_at_once_never_change_what_lint_says(acme: Path) -> None:
    """Two `lint` processes at a time, each after an edit, both appending to (or
    compacting) the models file: every run prints what an uncached run prints."""
    import subprocess
    import sys

    from tests.conftest import TODAY, run_cli

    args = [sys.executable, "-m", "microokr", "--today", TODAY, "lint", "-w", str(acme)]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "MICROOKR_JOBS": "1"}
    for number in range(6):
        edit(acme, number)
        expected = run_cli("--today", TODAY, "lint", "-w", str(acme), "--no-cache")
        runs = [
            subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert (run.returncode, out.decode(), err.decode()) == (
                expected.code,
                expected.stdout,
                expected.stderr,
            )
    assert lint_with(acme)[0] == uncached(acme)
