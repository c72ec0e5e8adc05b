"""The lint cache: hits, misses on change, distrust of a bad cache, --no-cache, read-only.

The cache must never change what lint says: every test compares a cached run with
a `--no-cache` run of the same files, and checks the cache's own counters.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from microokr.cache import CACHE_DIR, CACHE_FILE, LintCache, open_cache
from microokr.engine import lint
from microokr.workspace import FileKind, load_workspace, read_source
from tests.conftest import EXAMPLES, TODAY, run_cli
from tests.robustness import without_notes

DAY = dt.date.fromisoformat(TODAY)


def copy_example(name: str, tmp_path: Path) -> Path:
    """A private copy of an example workspace, without any cache a run left in it."""
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(CACHE_DIR))
    return target


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """examples/broken (one mistake per file)."""
    return copy_example("broken", tmp_path)


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """examples/acme (clean)."""
    return copy_example("acme", tmp_path)


def lint_with(root: Path, *, cache: bool = True, today: dt.date = DAY) -> tuple[list, LintCache]:
    """Diagnostics of one in-process lint run, and the cache it used (saved afterwards)."""
    store = LintCache(root) if cache else None
    workspace = load_workspace(root, reader=store.read if store else None)
    result = lint(workspace, today=today, cache=store)
    if store is not None:
        store.save()
    return result.diagnostics, store  # type: ignore[return-value]


def uncached(root: Path, today: dt.date = DAY) -> list:
    return lint(load_workspace(root), today=today).diagnostics


def file_count(root: Path) -> int:
    return len(load_workspace(root).files) - 1  # microokr.yaml is read outside the cache


def test_second_run_is_all_hits_and_says_the_same(broken: Path) -> None:
    first, cold = lint_with(broken)
    assert cold.hits == 0
    assert cold.misses == file_count(broken)
    second, warm = lint_with(broken)
    assert warm.misses == 0
    assert warm.hits == file_count(broken)
    assert first == second == uncached(broken)
    assert first, "examples/broken must produce diagnostics for this test to mean anything"


def test_cache_folder_ignores_itself_for_git(acme: Path) -> None:
    lint_with(acme)
    ignore = acme / CACHE_DIR / ".gitignore"
    assert ignore.read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (acme / CACHE_DIR / CACHE_FILE).is_file()


def test_an_edited_file_is_a_miss_and_its_new_problem_is_reported(acme: Path) -> None:
    lint_with(acme)
    sprint = acme / "sprints" / "west-pipeline-recovery.yaml"
    text = sprint.read_text(encoding="utf-8")
    sprint.write_text(text.replace("desired_condition:", "desired_conditon:"), encoding="utf-8")
    found, store = lint_with(acme)
    assert store.misses == 1
    assert store.hits == file_count(acme) - 1
    assert ("sprints/west-pipeline-recovery.yaml", "MO003") in {(d.path, d.code) for d in found}
    assert found == uncached(acme)


def test_a_renamed_file_is_a_miss(acme: Path) -> None:
    lint_with(acme)
    sprints = acme / "sprints"
    (sprints / "west-pipeline-recovery.yaml").rename(sprints / "west.yaml")
    found, store = lint_with(acme)
    assert store.misses == 1
    assert ("sprints/west.yaml", "MO008") in {(d.path, d.code) for d in found}
    assert found == uncached(acme)


def test_date_aware_rules_rerun_on_a_warm_cache(broken: Path) -> None:
    later = dt.date(2027, 6, 1)
    lint_with(broken, today=DAY)
    found, store = lint_with(broken, today=later)
    assert store.misses == 0
    assert found == uncached(broken, later)
    assert found != uncached(broken, DAY)


def test_select_on_a_cold_run_does_not_starve_the_next_full_run(broken: Path) -> None:
    store = LintCache(broken)
    workspace = load_workspace(broken, reader=store.read)
    lint(workspace, today=DAY, select=("MO0",), cache=store)
    store.save()
    found, warm = lint_with(broken)
    assert warm.misses == 0
    assert found == uncached(broken)
    assert any(not d.code.startswith("MO0") for d in found)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff garbage \x80\x81" * 50,
        b"",
        b'{"format": 1, "microokr": "0.0.0-other"}\n',
        b'{"format": 99, "microokr": "9.9.9"}\nabc\t[[], []]\tnull',
    ],
    ids=["garbage", "empty", "other-version", "other-format"],
)
def test_a_foreign_or_corrupt_cache_is_ignored_and_rebuilt(broken: Path, content: bytes) -> None:
    (broken / CACHE_DIR).mkdir()
    (broken / CACHE_DIR / CACHE_FILE).write_bytes(content)
    found, store = lint_with(broken)
    assert store.hits == 0
    assert found == uncached(broken)
    _, again = lint_with(broken)  # rebuilt: the next run hits
    assert again.misses == 0


def test_a_truncated_cache_keeps_only_whole_valid_entries(broken: Path) -> None:
    lint_with(broken)
    path = broken / CACHE_DIR / CACHE_FILE
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    found, store = lint_with(broken)
    assert store.misses >= 1
    assert found == uncached(broken)


def test_entries_with_wrong_types_are_not_trusted(broken: Path) -> None:
    """Right header and keys, but entries tampered with: each one is a miss, no crash."""
    lint_with(broken)
    path = broken / CACHE_DIR / CACHE_FILE
    header, *entries = path.read_text(encoding="utf-8").split("\n")
    tampered = []
    for number, line in enumerate(entries):
        fields = line.split("\t")
        if fields[0] == "cross":
            tampered.append(line)
            continue
        variants = [
            (5, '[["MO001", "one", 1, "x"]]'),  # a problem's line is a string
            (6, '{"not": "a list"}'),  # the local diagnostics
            (12, "@0:5:" + "0" * 40),  # a model somewhere else in the models file
            (12, "=" + "0" * 40),  # a model said to be on the line, which has none
            (11, '[["p", 1, 1, "MO1", "n", "fatal", "m"]]'),  # no such severity
            (4, "-1"),  # the size limit
        ]
        at, text = variants[number % len(variants)]
        fields[at] = text
        tampered.append("\t".join(fields))
    path.write_text("\n".join([header, *tampered]), encoding="utf-8")
    found, store = lint_with(broken)
    assert found == uncached(broken)
    assert store.hits + store.misses == file_count(broken)


def test_a_forged_model_is_never_served(acme: Path) -> None:
    """Models edited in the models file: each line's MAC covers its model's own MAC,
    so the model served is the file's, read again."""
    lint_with(acme)
    (models,) = (acme / CACHE_DIR).glob("lint.models-*")
    data = models.read_bytes()
    # The same length: every line still points at bytes, just not the ones it vouches
    # for (each model with its numbers edited, still valid JSON of a valid model).
    forged = data.replace(b"1", b"2")
    assert forged != data
    models.write_bytes(forged)
    store = LintCache(acme)
    sprints = sorted((acme / "sprints").glob("*.yaml"))
    assert len(sprints) >= 3
    for path in sprints:
        rel = f"sprints/{path.name}"
        served = store.read(path, rel, FileKind.SPRINT)
        assert served.model == read_source(path, rel, FileKind.SPRINT).model
    assert store.hits == len(sprints)  # the lines themselves still verify
    assert found_now(acme) == uncached(acme)


def found_now(root: Path) -> list:
    return lint_with(root)[0]


def test_no_cache_option_neither_reads_nor_writes(acme: Path) -> None:
    done = run_cli("--today", TODAY, "lint", "--no-cache", "--workspace", str(acme))
    assert done.code == 0, done.stderr
    assert not (acme / CACHE_DIR).exists()
    assert open_cache(acme, enabled=False) is None


def test_cli_output_is_the_same_cold_warm_and_without_cache(broken: Path) -> None:
    args = ("--today", TODAY, "lint", "--format", "json", "--workspace", str(broken))
    cold = run_cli(*args)
    assert (broken / CACHE_DIR / CACHE_FILE).is_file()
    warm = run_cli(*args)
    bypass = run_cli(*args, "--no-cache")
    assert cold.code == warm.code == bypass.code == 1
    assert cold.stdout == warm.stdout == bypass.stdout
    # Only the note that MO709 is skipped (a temporary folder is no git repository).
    assert without_notes(cold.stderr + warm.stderr + bypass.stderr) == ""


@pytest.mark.parametrize("blocker", ["file-as-folder", "folder-as-file"])
def test_an_unwritable_cache_is_skipped_silently(acme: Path, blocker: str) -> None:
    if blocker == "file-as-folder":
        (acme / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    else:
        (acme / CACHE_DIR / CACHE_FILE).mkdir(parents=True)
    done = run_cli("--today", TODAY, "lint", "--workspace", str(acme))
    assert done.code == 0
    assert without_notes(done.stderr) == ""  # the cache is skipped silently
    assert "All checks passed" in done.stdout
    found, store = lint_with(acme)
    assert store.hits == 0
    assert found == uncached(acme)


def test_the_cache_key_follows_the_code_not_only_the_version(tmp_path: Path) -> None:
    import os

    from microokr import __version__, cache

    first = cache.code_fingerprint()
    assert first.startswith(f"{__version__}+") and first == cache.code_fingerprint()
    module = Path(cache.__file__)
    stat = module.stat()
    try:  # an edited module (same version) must give another key
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert cache.code_fingerprint() != first
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.code_fingerprint() == first
