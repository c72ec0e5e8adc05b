"""A big site shared with a forked helper (`site/loadshare.py`, `site/share.py`), as real
processes: every file the same bytes as the site one process writes (`MICROOKR_JOBS=1`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from microokr.site.names import Names
from microokr.site.output import MANIFEST
from tests.conftest import TODAY
from tests.forkruns import RUNNER, SPRINTS, environment, generate, helped


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory)


def build(root: Path, out: Path, **extra: str) -> tuple[dict[str, bytes], list[int]]:
    """Every file of the site written into `out`, and how many items the helper gave
    in each share (the sprint files' reads, the sprint pages, the other pages)."""
    report = out.parent / f"{out.name}.helped"
    env = environment(report, SHARE_OTHERS_MINIMUM="8", **(extra or {"SHARE_FAULT": "wait"}))
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "--today", TODAY, "-w", str(root), "site",
         "--no-history", "--output", str(out)],
        env=env, capture_output=True, timeout=300, cwd=root,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    given = helped(report)
    assert given is not None
    return files, given


@pytest.fixture(scope="module")
def alone(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    files, helped = build(generated, tmp_path_factory.mktemp("alone") / "site", MICROOKR_JOBS="1")
    assert helped == [0, 0, 0] and len(files) > SPRINTS  # no helper for any share
    return files


def _same(shared: dict[str, bytes], alone: dict[str, bytes]) -> None:
    assert sorted(shared) == sorted(alone)
    assert [rel for rel in alone if shared[rel] != alone[rel]] == []
    assert MANIFEST in shared


def test_pages_the_helpers_made_are_the_bytes_of_one_process(
    generated: Path, alone: dict[str, bytes], tmp_path: Path
) -> None:
    shared, helped = build(generated, tmp_path / "site")
    assert len(helped) == 3 and all(n > 0 for n in helped)  # reads, sprint pages, others
    _same(shared, alone)


def test_a_helper_that_dies_midway_changes_nothing(
    generated: Path, alone: dict[str, bytes], tmp_path: Path
) -> None:
    shared, helped = build(generated, tmp_path / "site", SHARE_FAULT="die")
    assert len(helped) == 3 and all(n <= 5 for n in helped)
    _same(shared, alone)


def test_team_names_are_settled_only_when_no_order_can_change_them() -> None:
    alone = Names("teams")
    order = ["sales-west", "Ops Team", "sales-west", "ops"]
    expected = [alone(key) for key in order]
    settled = Names("teams")
    assert settled.settle(reversed(order))
    settled.frozen = True
    assert [settled(key) for key in order] == expected
    with pytest.raises(LookupError):
        settled("marketing")
    clash = Names("teams")
    assert not clash.settle(["Sales", "sales"])  # the second would get a hashed name
    assert clash("sales") == "teams/sales.html"  # nothing was named by the refusal
