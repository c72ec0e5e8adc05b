"""Finding the workspace, reading its files, and refusing what must not be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from microokr.errors import WorkspaceError
from microokr.workspace import find_root, load_workspace, resolve_root
from tests.conftest import EXAMPLES, run_cli


def test_walks_up_to_microokr_yaml_like_git(tmp_path: Path) -> None:
    (tmp_path / "microokr.yaml").write_text("teams: {a: {name: A}}\n")
    deep = tmp_path / "sprints" / "x" / "y"
    deep.mkdir(parents=True)
    assert find_root(deep) == tmp_path.resolve()
    assert resolve_root(None, cwd=deep) == tmp_path.resolve()


def test_without_microokr_yaml_the_current_folder_with_defaults(tmp_path: Path) -> None:
    # tmp_path holds no microokr.yaml: the root found is the nearest ancestor that does
    # (normally none), never tmp_path itself.
    holders = [f for f in tmp_path.resolve().parents if (f / "microokr.yaml").is_file()]
    assert find_root(tmp_path) == (holders[0] if holders else None)
    ws = load_workspace(tmp_path)
    assert ws.config_file is None and ws.config.sprints == "sprints" and ws.teams is None


def test_explicit_workspace_must_exist(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="does not exist"):
        resolve_root(tmp_path / "nope")
    (tmp_path / "file").write_text("")
    with pytest.raises(WorkspaceError, match="not a folder"):
        resolve_root(tmp_path / "file")


def test_loads_the_acme_example() -> None:
    ws = load_workspace(EXAMPLES / "acme")
    assert len(ws.sprint_files) == 6 and len(ws.okr_files) == 2
    assert all(source.problems == [] for source in ws.files), [
        (s.rel, s.problems) for s in ws.files if s.problems
    ]
    assert "q3-pipeline" in ws.key_results
    assert ws.find_sprint("west-pipeline-recovery").rel == "sprints/west-pipeline-recovery.yaml"


def test_find_sprint_suggests_the_closest_id() -> None:
    ws = load_workspace(EXAMPLES / "acme")
    with pytest.raises(WorkspaceError, match="did you mean 'west-pipeline-recovery'"):
        ws.find_sprint("west-pipeline-recovry")


def _sprint_dir(tmp_path: Path) -> Path:
    (tmp_path / "microokr.yaml").write_text("{}\n")
    folder = tmp_path / "sprints"
    folder.mkdir()
    return folder


def test_a_folder_named_like_a_sprint_file_is_mo007(tmp_path: Path) -> None:
    (_sprint_dir(tmp_path) / "x.yaml").mkdir()
    ws = load_workspace(tmp_path)
    assert [(s.rel, s.problems[0].code) for s in ws.sprint_files] == [("sprints/x.yaml", "MO007")]
    assert "folder" in ws.sprint_files[0].problems[0].message


def test_links_outside_the_workspace_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.yaml"
    secret.write_text("id: secret\n")
    ws_root = tmp_path / "ws"
    ws_root.mkdir()
    (_sprint_dir(ws_root) / "leak.yaml").symlink_to(secret)
    ws = load_workspace(ws_root)
    assert ws.sprint_files == [] and ws.outside_links == ["sprints/leak.yaml"]


def test_unreadable_file_is_mo007(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _sprint_dir(tmp_path) / "x.yaml"
    path.write_text("id: x\n")
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "x.yaml":
            raise PermissionError(13, "Permission denied")
        return original(self)

    # chmod 000 does not stop root (CI runs as root), so the OS error is simulated.
    monkeypatch.setattr(Path, "read_bytes", denied)
    problem = load_workspace(tmp_path).sprint_files[0].problems[0]
    assert (problem.code, problem.message) == (
        "MO007",
        "the file cannot be read: Permission denied",
    )


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "microokr.yaml").write_text("max_file_size: 1000\n")
    (tmp_path / "sprints").mkdir()
    big = tmp_path / "sprints" / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB that costs nothing to make
    ws = load_workspace(tmp_path)
    problem = ws.sprint_files[0].problems[0]
    assert problem.code == "MO007" and "104,857,600 bytes" in problem.message


def test_other_files_are_listed_for_mo009(tmp_path: Path) -> None:
    folder = _sprint_dir(tmp_path)
    (folder / "a.yml").write_text("id: a\n")
    (folder / ".hidden").write_text("")
    (folder / "README").write_text("")
    assert load_workspace(tmp_path).unrecognized == ["sprints/README", "sprints/a.yml"]


def test_today_precedence_flag_then_env_then_clock(tmp_path: Path) -> None:
    env = {"MICROOKR_TODAY": "2026-02-01"}
    done = run_cli("init", str(tmp_path / "env"), env=env)
    assert done.code == 0, done.stderr
    assert (tmp_path / "env" / "okrs" / "2026-q1.yaml").exists()
    done = run_cli("--today", "2026-08-01", "init", str(tmp_path / "flag"), env=env)
    assert (tmp_path / "flag" / "okrs" / "2026-q3.yaml").exists(), done.stderr
    done = run_cli("init", "--today", "2026-11-26", str(tmp_path / "cmd"), env=env)
    assert (tmp_path / "cmd" / "okrs" / "2026-q4.yaml").exists(), done.stderr


def test_bad_config_is_reported_as_a_workspace_problem(tmp_path: Path) -> None:
    (tmp_path / "microokr.yaml").write_text("sprints: [oops\n")
    ws = load_workspace(tmp_path)
    assert ws.config_file is not None and ws.config_file.problems[0].code == "MO001"
    assert ws.config.sprints == "sprints"  # defaults apply so lint can still report


def test_unknown_keys_are_errors_but_the_rest_is_still_checked(tmp_path: Path) -> None:
    folder = _sprint_dir(tmp_path)
    (folder / "x.yaml").write_text(
        "id: x\ntrigger: {type: kr-at-risk, sgnal: typo}\ndesired_conditon: typo\n"
        "window: {start: 2026-07-14, end: 2026-07-28}\nowner: {teams: [a]}\n"
    )
    source = load_workspace(tmp_path).sprint_files[0]
    assert [(p.code, p.line, p.column) for p in source.problems] == [
        ("MO003", 2, 29),
        ("MO003", 3, 1),
    ]
    assert source.model is not None and source.model.desired_condition is None
    assert source.model.trigger.signal is None


DUPLICATE_CHECKIN = ["--today", "2026-12-10", "checkin", "lead-handoff-alignment"]
DUPLICATE_CHECKIN += ["--value", "handoff-response=20", "--value", "lead-to-meeting=19"]
DUPLICATE_CHECKIN += ["--value", "stage-progression=10", "--no-input"]


def test_of_two_files_with_one_id_the_one_named_after_it_is_edited(acme: Path) -> None:
    named = acme / "sprints" / "lead-handoff-alignment.yaml"
    copy = acme / "sprints" / "a-copy-of-lead-handoff.yaml"  # first in sort order
    copy.write_bytes(named.read_bytes())
    before = named.read_bytes()
    run = run_cli(*DUPLICATE_CHECKIN, cwd=acme)
    assert run.code == 0, run.stderr
    assert copy.read_bytes() == before, "the check-in went into the copy"
    assert named.read_bytes() != before
    assert "sprints/lead-handoff-alignment.yaml" in run.stdout


def test_two_files_with_one_id_neither_named_after_it_are_refused(acme: Path) -> None:
    original = acme / "sprints" / "lead-handoff-alignment.yaml"
    first, second = acme / "sprints" / "handoff-a.yaml", acme / "sprints" / "handoff-b.yaml"
    first.write_bytes(original.read_bytes())
    original.rename(second)
    run = run_cli(*DUPLICATE_CHECKIN, cwd=acme)
    assert run.code == 2, run.stderr
    assert "sprints/handoff-a.yaml and sprints/handoff-b.yaml" in run.stderr
    assert "Traceback" not in run.stderr
    assert first.read_bytes() == second.read_bytes()
