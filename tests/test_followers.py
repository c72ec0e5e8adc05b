"""`report` and `close` read one sprint: the report must not change by a byte for it.

The one-sprint load (`workspace.load_for_sprint`) leaves the other sprint files unread and
finds the sprints carried on from this one by screening their bytes (`followers.py`). Each
report here is rendered twice, from the whole workspace and from the one-sprint read, and
compared; the generated workspace carries sprints on in every spelling YAML allows for the
key, beside files that hold the words but no valid sprint.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from microokr import closing, followers
from microokr.history import recalibrations_for
from microokr.report import render_report
from microokr.workspace import Workspace, load_for_sprint, load_workspace
from tests.conftest import EXAMPLES, ROOT, run_cli

DAY = dt.date(2026, 11, 26)


def _report(workspace: Workspace, spec: str) -> str:
    source = workspace.find_sprint(spec)
    model = workspace.require_valid(source)
    moved = recalibrations_for(workspace, source)
    return render_report(workspace, source, model, DAY, recalibrations=moved)


def _valid_ids(workspace: Workspace) -> list[str]:
    return [model.id for source, model in workspace.sprints() if not source.problems]


def _generated(tmp_path: Path, count: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out: Path = module.generate(count, tmp_path / "ws")
    return out


def _carry(path: Path, line: str) -> None:
    text = path.read_text()
    assert text.startswith("id: ") or "\nid: " in text
    path.write_text(text.replace("\nid: ", f"\n{line}\nid: ", 1) if "\nid: " in text else text)


def test_every_acme_report_is_the_same_from_one_sprint(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", root)
    # west-pipeline-recovery is closed: carry it on twice, once with a quoted key.
    _carry(root / "sprints" / "churn-cohort-recovery.yaml", "carried_from: west-pipeline-recovery")
    _carry(
        root / "sprints" / "inbound-spike-conversion.yaml", '"carried_from": west-pipeline-recovery'
    )
    whole = load_workspace(root)
    ids = _valid_ids(whole)
    assert len(ids) >= 5
    for sprint_id in ids:
        one = load_for_sprint(root, sprint_id)
        assert len(one.sprint_files) == 1
        assert _report(one, sprint_id) == _report(whole, sprint_id)
        model = one.sprint_files[0].model
        assert closing.defaults(one, model) == closing.defaults(whole, model)
    # Followers without a report of their own yet are named, not linked (sitehist).
    assert "- **Carried on in:** `churn-cohort-recovery` (no report yet), `inbound-spike" in (
        _report(whole, "west-pipeline-recovery")
    )


def test_generated_reports_are_the_same_from_one_sprint(tmp_path: Path) -> None:
    root = _generated(tmp_path, 60)
    sprints = sorted((root / "sprints").glob("*.yaml"))
    whole = load_workspace(root)
    targets = _valid_ids(whole)[:4]
    spellings = [
        "carried_from: {}",
        "'carried_from': {}",
        '"carried\\x5ffrom": {}',  # an escaped key: found through the backslash screen
        '"carried\\u005Ffrom": "{}"',
        "? carried_from\n: {}",
    ]
    others = [p for p in sprints if p.stem not in targets]
    for n, path in enumerate(others[: len(spellings) * 2]):
        _carry(path, spellings[n % len(spellings)].format(targets[n % len(targets)]))
    # Files that hold the words but give no follower in a full load either.
    (root / "sprints" / "broken.yaml").write_text(f"carried_from: {targets[0]}\nid: [\n")
    (root / "sprints" / "no-model.yaml").write_text(f"carried_from: {targets[0]}\nid: x\n")
    big = root / "sprints" / "big.yaml"
    big.write_text(f"carried_from: {targets[0]}\n#" + "x" * 1_100_000 + "\n")
    (root / "sprints" / "folder.yaml").mkdir()
    os.mkfifo(root / "sprints" / "pipe.yaml")  # never opened: it would block the report
    whole = load_workspace(root)
    carried = 0
    for sprint_id in _valid_ids(whole):
        expected = _report(whole, sprint_id)
        assert _report(load_for_sprint(root, sprint_id), sprint_id) == expected
        carried += "Carried on in" in expected
    assert carried == len(targets)


def test_only_files_that_may_carry_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _generated(tmp_path, 40)
    first, second, third = sorted((root / "sprints").glob("*.yaml"))[:3]
    _carry(second, f"carried_from: {first.stem}")
    parsed: list[str] = []
    real = followers.source_from_bytes

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        parsed.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(followers, "source_from_bytes", counting)
    one = load_for_sprint(root, first.stem)
    assert len(one.unread_sprints) >= 39
    assert followers.carried_on_in(one, first.stem) == [second.stem]
    assert parsed == [second.name]
    assert followers.carried_on_in(one, third.stem) == []


def test_report_command_shows_the_follower(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", root)
    _carry(root / "sprints" / "churn-cohort-recovery.yaml", "carried_from: west-pipeline-recovery")
    done = run_cli("--today", "2026-11-26", "report", "west-pipeline-recovery", cwd=root)
    assert done.code == 0, done.stderr
    assert "- **Carried on in:** `churn-cohort-recovery` (no report yet)" in done.stdout
    (root / "reports" / "churn-cohort-recovery.md").write_text("# churn-cohort-recovery\n")
    done = run_cli("--today", "2026-11-26", "report", "west-pipeline-recovery", cwd=root)
    assert "- **Carried on in:** [`churn-cohort-recovery`](churn-cohort-recovery.md)" in done.stdout


def test_the_anchor_kr_comes_from_the_same_okr_file(tmp_path: Path) -> None:
    """Only OKR files whose bytes may define the anchor are read; the KR found is the
    one a full load finds: the first file's where ids repeat, an escaped id included."""
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", root)
    okrs = root / "okrs"
    q4 = (okrs / "2026-q4.yaml").read_text()
    # An earlier file defines q4-lead-conversion again, its id written with an escape
    # and its target changed: a full load takes this one (files are read in name order).
    early = q4.replace("- id: q4-lead-conversion", '- id: "q4-lead\\x2dconversion"')
    (okrs / "2026-q0.yaml").write_text(early.replace("target: ", "target: 9", 1))
    whole = load_workspace(root)
    one = load_for_sprint(root, "lead-handoff-alignment")
    assert [s.rel for s in one.okr_files] == ["okrs/2026-q0.yaml", "okrs/2026-q4.yaml"]
    found = one.key_results["q4-lead-conversion"]
    assert found.source.rel == whole.key_results["q4-lead-conversion"].source.rel
    assert found.source.rel == "okrs/2026-q0.yaml"
    assert _report(one, "lead-handoff-alignment") == _report(whole, "lead-handoff-alignment")
    model = one.sprint_files[0].model
    assert closing.defaults(one, model) == closing.defaults(whole, model)
