"""Two runs saving the cache at once: the run after them still hits.

The interleavings are forced in one process (a second run's save started while the
first one's is between its plan and its rename, as two processes would be), so what
is checked is not only what lint says but that the cache the next run reads is whole.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from microokr import cachefs, cachestore
from microokr.cache import CACHE_DIR, CACHE_FILE, LintCache
from microokr.engine import lint
from microokr.errors import WorkspaceError
from microokr.workspace import Workspace, load_workspace
from tests.test_cache import DAY, copy_example, file_count, lint_with, uncached
from tests.test_cache_models import SPRINT, edit, models_files


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    root = copy_example("acme", tmp_path)
    lint_with(root)
    lint_with(root)  # settled: one models file, stat data in every line
    return root


def linted(root: Path) -> LintCache:
    """One run, not saved yet."""
    store = LintCache(root)
    lint(load_workspace(root, reader=store.read), today=DAY, cache=store)
    return store


def compacting(monkeypatch: pytest.MonkeyPatch, who: Callable[[], bool]) -> None:
    """Saves for which `who()` is true compact into a new generation."""
    plan = cachestore.plan

    def forced(folder: cachefs.CacheFolder, models: object, entries: list) -> tuple[str, bool]:
        found = plan(folder, models, entries)  # type: ignore[arg-type]
        return (cachestore.next_generation(folder, None), True) if who() else found

    monkeypatch.setattr(cachestore, "plan", forced)


def save_inside(first: LintCache, second: LintCache, monkeypatch: pytest.MonkeyPatch) -> None:
    """`second.save()` starts while `first.save()` is about to rename its lines file,
    and `first` goes on once `second` has finished or waits for it."""
    waiting = threading.Event()
    pause = cachefs.pause

    def noted() -> None:
        waiting.set()
        pause()

    monkeypatch.setattr(cachefs, "pause", noted)
    replace = cachefs.CacheFolder.replace
    started: list[threading.Thread] = []

    def between(folder: cachefs.CacheFolder, name: str, data: object) -> None:
        if name == CACHE_FILE and not started:
            pieces = b"".join([data] if isinstance(data, bytes) else data)  # type: ignore[arg-type]
            started.append(threading.Thread(target=second.save, name="second"))
            started[0].start()
            while started[0].is_alive() and not waiting.is_set():
                started[0].join(0.01)
            data = pieces
        replace(folder, name, data)  # type: ignore[arg-type]

    monkeypatch.setattr(cachefs.CacheFolder, "replace", between)
    first.save()
    started[0].join()
    monkeypatch.undo()


def in_second() -> bool:
    return threading.current_thread().name == "second"


@pytest.mark.parametrize("compacts", ["second", "first"])
def test_the_run_after_two_saves_at_once_hits_every_file(
    acme: Path, monkeypatch: pytest.MonkeyPatch, compacts: str
) -> None:
    """One save appends to the models file, the other compacts it into a new generation
    and removes the old: whichever lands last, the next run finds its models."""
    edit(acme, 1)
    first = linted(acme)
    edit(acme, 2)
    second = linted(acme)
    compacting(monkeypatch, in_second if compacts == "second" else lambda: not in_second())
    save_inside(first, second, monkeypatch)
    found, after = lint_with(acme)
    assert found == uncached(acme)
    assert after.misses == 0 and after.hits == file_count(acme)
    assert len(models_files(acme)) == 1


def test_a_save_waits_for_the_other_and_gives_up_on_a_stuck_lock(
    acme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock held past `LOCK_WAIT` (a stuck run) costs the save, not a hang or the cache."""
    edit(acme, 1)
    before = (acme / CACHE_DIR / CACHE_FILE).read_bytes()
    store = linted(acme)
    monkeypatch.setattr(cachefs, "LOCK_WAIT", 0.0)
    holder = cachefs.CacheFolder(acme / CACHE_DIR, create=False)
    try:
        with holder.locked():
            store.save()
    finally:
        holder.close()
    assert (acme / CACHE_DIR / CACHE_FILE).read_bytes() == before
    _, after = lint_with(acme)
    assert after.misses == 1 and after.hits == file_count(acme) - 1


def test_a_generation_made_again_under_the_same_name_is_never_appended_to(acme: Path) -> None:
    """A run read generation N; another compacted it away and a run from nothing made a
    new N. Appending to that file would leave our lines pointing at its bytes: the
    save writes a fresh generation instead, and the next run hits."""
    (models,) = models_files(acme)
    edit(acme, 1)
    store = linted(acme)
    data = models.read_bytes()
    models.unlink()
    models.write_bytes(data)  # the same name and bytes, another file
    assert store._models is not None and store._models.fd is not None
    assert os.fstat(store._models.fd).st_ino != models.stat().st_ino
    store.save()
    (current,) = models_files(acme)
    assert current != models
    found, after = lint_with(acme)
    assert found == uncached(acme) and after.misses == 0


def test_placing_refuses_to_append_to_another_file_than_the_one_read(acme: Path) -> None:
    (models,) = models_files(acme)
    store = linted(acme)
    old = store._models
    assert old is not None
    folder = cachefs.CacheFolder(acme / CACHE_DIR, create=False)
    try:
        models.unlink()
        models.write_bytes(b"")
        with pytest.raises(OSError, match="replaced"):
            list(cachestore.placed(folder, b"k" * 32, old, [], (old.generation, False)))
    finally:
        folder.close()
    assert models.read_bytes() == b""


def _hits_with_garbage_models(
    root: Path, *, unopened: int | None = None
) -> tuple[LintCache, Workspace]:
    """A run whose every file is a hit on stat data while the models file holds bytes
    no MAC vouches for (each model is rebuilt from its file when a rule reads it)."""
    (models,) = models_files(root)
    models.write_bytes(b"x" * models.stat().st_size)
    store = LintCache(root)
    workspace = load_workspace(root, reader=store.read)
    assert store.unopened == (file_count(root) if unopened is None else unopened)
    return store, workspace


def test_a_model_rebuilt_from_its_unchanged_file_is_the_keyed_text(acme: Path) -> None:
    store, workspace = _hits_with_garbage_models(acme)
    later = DAY + dt.timedelta(days=1)  # another context: the sprint rules read the models
    assert lint(workspace, today=later, cache=store).diagnostics == uncached(acme, later)


def test_a_model_rebuilt_from_a_file_changed_since_its_hit_is_refused(acme: Path) -> None:
    """The cached findings belong to the text the stat data vouched for; a model built
    from what the file holds now would mix two versions in one run: one clear error."""
    store, workspace = _hits_with_garbage_models(acme)
    edit(acme, 1)
    source = next(s for s in workspace.files if s.rel == SPRINT)
    with pytest.raises(WorkspaceError, match="changed while lint was reading it") as caught:
        lint(workspace, today=DAY + dt.timedelta(days=1), cache=store)
    assert str(caught.value).startswith(source.rel + ": ")


def test_a_load_that_meets_a_compaction_between_its_reads_reads_the_new_lines(
    acme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines file read names generation N; another run's save compacts N away
    before the models file is opened: the load reads the lines again (naming N+1)."""
    from microokr import cache

    edit(acme, 1)
    other = linted(acme)
    compacting(monkeypatch, lambda: True)
    real = cache.Models
    opened: list[str] = []

    def late(folder: cachefs.CacheFolder, generation: str) -> cachestore.Models:
        if not opened:
            other.save()  # lands between this run's two reads
        opened.append(generation)
        return real(folder, generation)

    monkeypatch.setattr(cache, "Models", late)
    store = LintCache(acme)
    monkeypatch.undo()
    assert len(opened) == 2 and opened[0] != opened[1]
    lint(load_workspace(acme, reader=store.read), today=DAY, cache=store)
    assert store.misses == 0 and store.hits == file_count(acme)


def test_a_model_rebuilt_for_a_hit_on_its_bytes_uses_the_text_read_then(acme: Path) -> None:
    """A hit found by hashing the bytes holds the keyed text: a model rebuilt later is
    built from it, not from what the file holds by then."""
    later = DAY + dt.timedelta(days=1)
    expected = uncached(acme, later)
    os.utime(acme / SPRINT)  # other stat data, the same bytes: a hit on the hash
    store, workspace = _hits_with_garbage_models(acme, unopened=file_count(acme) - 1)
    edit(acme, 1)
    assert lint(workspace, today=later, cache=store).diagnostics == expected
