"""git's answers kept under the stat data of its inputs (history.gitmemo), on real
repositories: every change git can see makes the next run ask git again, and what
a remembered answer gives equals what git says now."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from microokr.cachefs import CACHE_DIR, CacheFolder
from microokr.history import lineage, open_history
from microokr.history.gitmemo import NAME
from tests.gitrepo import commit_all, git
from tests.history.repos import recalibrated_repo
from tests.history.sprints import SPRINT
from tests.warm_runs import settle


def _seen(history: lineage.WorkspaceHistory) -> Any:
    lineages = {
        rel: [(v.commit, v.path, v.blob) for v in vs] for rel, vs in history.lineages.items()
    }
    return history.repo, history.notice, history.oldest, lineages


class Git:
    """open_history with the memo, counting the git commands it really started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = lineage.run_git

        def counted(root: Path, args: Any) -> bytes:
            self.calls += 1
            return real(root, args)

        monkeypatch.setattr(lineage, "run_git", counted)

    def started(self, root: Path) -> int:
        """How many git commands a remembering open started; its answer must be git's."""
        (root / CACHE_DIR).mkdir(exist_ok=True)
        (root / CACHE_DIR / ".gitignore").write_text("*\n")  # as lint's cache writes it
        settle(root)
        folder = CacheFolder(root / CACHE_DIR, create=True)
        stamp = folder.stamp()
        folder.close()
        assert stamp is not None
        before = self.calls
        with open_history(root, "sprints", stamp=stamp) as remembered:
            started = self.calls - before
            with open_history(root, "sprints") as fresh:  # no stamp: git, always
                assert remembered.available and _seen(remembered) == _seen(fresh)
        return started


def test_git_runs_again_after_a_commit_a_switch_or_an_amend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=3)
    runs = Git(monkeypatch)
    assert runs.started(root) == 2  # rev-parse and log
    assert runs.started(root) == 0  # nothing changed: git's answer, remembered
    (root / SPRINT).write_text((root / SPRINT).read_text() + "# more\n")
    commit_all(root, date="2026-07-22T10:00:00+02:00", message="A new commit")
    assert runs.started(root) == 2
    assert runs.started(root) == 0
    git(root, "checkout", "-q", "-b", "older", "HEAD~2")  # a branch switch
    assert runs.started(root) == 2
    git(root, "checkout", "-q", "main")
    assert runs.started(root) == 2
    git(root, "commit", "-q", "--amend", "-m", "Amended", date="2026-07-23T10:00:00+02:00")
    assert runs.started(root) == 2
    assert runs.started(root) == 0


def test_deepening_a_shallow_clone_asks_git_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin = recalibrated_repo(tmp_path / "origin")
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", "clone")
    clone = tmp_path / "clone"
    runs = Git(monkeypatch)
    assert runs.started(clone) == 2
    with open_history(clone, "sprints") as shallow:
        assert shallow.notice is not None and "shallow clone" in shallow.notice
        depth = len(shallow.lineage(SPRINT))
    assert runs.started(clone) == 0
    git(clone, "fetch", "-q", "--deepen", "2")
    assert runs.started(clone) == 2
    with open_history(clone, "sprints") as deeper:
        assert len(deeper.lineage(SPRINT)) > depth


def test_a_forged_or_foreign_record_is_never_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = recalibrated_repo(tmp_path / "ws")
    other = recalibrated_repo(tmp_path / "other", steps=2)
    runs = Git(monkeypatch)
    runs.started(root)
    record = root / CACHE_DIR / NAME
    good = record.read_bytes()
    record.write_bytes(good.replace(b"Alex Kim", b"Alex Kin"))  # an edited answer
    assert runs.started(root) == 2  # (the edit fails the MAC; the answer is git's)
    runs.started(other)
    (other / CACHE_DIR / NAME).write_bytes(good)  # another repository's valid record
    assert runs.started(other) == 2


def _mo709(root: Path, *, cached: bool, select: str = "MO709") -> list[str]:
    from microokr.cache import LintCache
    from microokr.engine import lint_root

    store = LintCache(root) if cached else None
    _, result = lint_root(
        root,
        today=dt.date(2026, 8, 1),
        reader=store.read if store else None,
        cache=store,
        select=[select],
    )
    if store is not None:
        store.save()
    return [f"{d.path}:{d.line}:{d.column} {d.message}" for d in result.diagnostics]


def test_a_sprint_with_every_move_recorded_is_compared_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """history.settled: a file whose moved goalposts are all recorded is not compared
    with its versions again until its text or its versions change."""
    from microokr.history import recalibration

    root = recalibrated_repo(tmp_path / "ws", steps=4)
    compared: list[str] = []
    real = recalibration.recalibrations_of

    def counted(history: Any, source: Any, raw: Any = None) -> Any:
        compared.append(source.rel)
        return real(history, source, raw)

    monkeypatch.setattr(recalibration, "recalibrations_of", counted)
    moved = _mo709(root, cached=False)
    assert moved and "window.end moved" in moved[0]  # the stretched end is unrecorded
    for _ in range(2):
        settle(root)
        assert _mo709(root, cached=True) == moved
    assert compared.count(SPRINT) == 3  # a file with a finding is compared every time
    path = root / SPRINT
    before = path.read_text()
    path.write_text(before + "  - date: 2026-07-21\n    what: window.end stretched\n")
    compared.clear()
    for _ in range(3):
        settle(root)
        assert _mo709(root, cached=True) == _mo709(root, cached=False) == []
    assert compared.count(SPRINT) == 1 + 3  # once with the cache, then only uncached runs
    _mo709(root, cached=True, select="MO1")  # a run without MO709 forgets nothing
    assert _mo709(root, cached=True) == [] and compared.count(SPRINT) == 4
    path.write_text(before)  # the revision taken back: another text, compared again
    settle(root)
    assert _mo709(root, cached=True) == moved


@pytest.mark.parametrize("section", ["[include]", '[includeIf "gitdir:/"]', "[Include]"])
def test_a_config_that_includes_another_file_is_never_remembered_under(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, section: str
) -> None:
    """An included file's settings change git's output (here i18n.logOutputEncoding
    re-encodes the author's name), and its stat data are not among the inputs: with an
    include the answer is git's every time, also after the included file changes."""
    from microokr.history.git import REV_PARSE, log_args, run_git
    from microokr.history.gitmemo import remembered

    root = recalibrated_repo(tmp_path / "ws", steps=2)
    (root / SPRINT).write_text((root / SPRINT).read_text() + "# more\n")
    commit_all(root, date="2026-07-16T10:00:00+02:00", author="Zoë Ortiz")
    extra = tmp_path / "extra.config"
    extra.write_text("[i18n]\n\tlogOutputEncoding = UTF-8\n")
    with (root / ".git" / "config").open("a") as config:
        config.write(f"{section}\n\tpath = {extra}\n")
    commands = [list(REV_PARSE), log_args("sprints")]
    runs = Git(monkeypatch)
    assert runs.started(root) == 2
    assert runs.started(root) == 2  # (no record kept: git again)
    extra.write_text("[i18n]\n\tlogOutputEncoding = ISO-8859-1\n")
    settle(root)
    stamp = CacheFolder(root / CACHE_DIR, create=True).stamp()
    assert stamp is not None
    now = remembered(root, commands, run_git, stamp)
    assert "Zoë".encode("latin-1") in now[1]  # what git says with the included setting
    assert now == [run_git(root, args) for args in commands]
    assert not (root / CACHE_DIR / NAME).exists()


def test_without_an_include_the_same_config_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = recalibrated_repo(tmp_path / "ws", steps=2)
    with (root / ".git" / "config").open("a") as config:
        config.write("[i18n]\n\tlogOutputEncoding = UTF-8\n")
    runs = Git(monkeypatch)
    assert runs.started(root) == 2
    assert runs.started(root) == 0
