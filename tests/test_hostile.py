"""Hostile YAML and hostile workspaces through the real CLI.

Each input is refused with MO007 (or a clear workspace error), nothing runs, nothing
outside the workspace is read, followed or written. Times are not asserted here
(machines vary): `bench/hostile.py` measures time and peak memory of each case.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, TODAY, run_cli
from tests.hostile_inputs import billion_laughs, wide_alias
from tests.robustness import assert_robust, invoke, one_sentence_error, snapshot

SECRET_ID = "secret-outside-the-workspace"


HOSTILE_CONTENT: dict[str, Callable[[Path], bytes]] = {
    # object-constructing tags: the marker file proves nothing ran
    "python-object-apply": lambda m: (
        f'id: !!python/object/apply:os.system ["touch {m}"]\n'.encode()
    ),
    "python-object-new": lambda m: (
        f'id: !!python/object/new:subprocess.Popen [["touch", "{m}"]]\n'.encode()
    ),
    "python-name": lambda m: b"id: !!python/name:os.system\n",
    "python-module": lambda m: b"id: !!python/module:os\n",
    "python-tuple-in-list": lambda m: b"evidence:\n  - !!python/tuple [1, 2]\n",
    "unknown-local-tag": lambda m: b"id: !custom x\n",
    "unknown-verbatim-tag": lambda m: b"id: !<tag:example.com,2000:app/foo> x\n",
    "set-tag": lambda m: b"teams: !!set {a, b}\n",
    "binary-tag": lambda m: b"id: !!binary aGVsbG8=\n",
    "billion-laughs": lambda m: billion_laughs(),
    "wide-alias": lambda m: wide_alias(),
    "recursive-alias": lambda m: b"a: &a [*a]\n",
    "deep-flow-lists": lambda m: b"id: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "deep-flow-mappings": lambda m: b"id: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
    "deep-block-lists": lambda m: b"id:\n" + b"- " * 10_000 + b"x\n",
    "latin-1": lambda m: "id: café\nnote: naïve\n".encode("latin-1"),
    "utf-16-le": lambda m: b"\xff\xfe" + "id: x\n".encode("utf-16-le"),
    "utf-16-be": lambda m: b"\xfe\xff" + "id: x\n".encode("utf-16-be"),
    "utf-32": lambda m: "id: x\n".encode("utf-32"),
}


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of examples/acme, and a folder outside it holding a valid sprint."""
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "acme", root)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = (EXAMPLES / "acme/sprints/west-pipeline-recovery.yaml").read_text()
    secret = secret.replace("id: west-pipeline-recovery", f"id: {SECRET_ID}")
    (outside / "secret.yaml").write_text(secret)
    (outside / "microokr.yaml").write_text("sprints: sprints\nteams: {x: {name: X}}\n")
    return root, outside


def lint_json(root: Path) -> dict[str, object]:
    done = run_cli("--workspace", str(root), "--today", TODAY, "lint", "--format", "json")
    assert_robust(done, json_output=True)
    assert done.code in (0, 1), done.stderr
    document: dict[str, object] = json.loads(done.stdout)
    return document


def codes_at(document: dict[str, object], path: str) -> list[str]:
    diagnostics = document["diagnostics"]
    assert isinstance(diagnostics, list)
    return [d["code"] for d in diagnostics if d["path"] == path]


def _without_cache(found: dict[str, bytes | None]) -> dict[str, bytes | None]:
    return {k: v for k, v in found.items() if not k.startswith(".microokr_cache")}


@pytest.mark.parametrize("name", sorted(HOSTILE_CONTENT))
def test_hostile_sprint_file_is_refused_with_mo007(world: tuple[Path, Path], name: str) -> None:
    root, outside = world
    marker = outside / "pwned"
    (root / "sprints" / f"{name}.yaml").write_bytes(HOSTILE_CONTENT[name](marker))
    before = snapshot(root)
    document = lint_json(root)
    assert codes_at(document, f"sprints/{name}.yaml") == ["MO007"], document
    # the rest of the workspace is still checked: the acme sprints are read and clean
    assert codes_at(document, "sprints/west-pipeline-recovery.yaml") == []
    assert not marker.exists()
    assert _without_cache(snapshot(root)) == _without_cache(before)
    assert_robust(invoke("--workspace", str(root), "--today", TODAY, "status"))
    assert_robust(invoke("--workspace", str(root), "--today", TODAY, "report", name))


@pytest.mark.parametrize("name", ["python-object-apply", "billion-laughs", "deep-flow-lists"])
def test_hostile_config_is_a_clear_error(world: tuple[Path, Path], name: str) -> None:
    """microokr.yaml itself hostile: lint reports it; commands needing it refuse cleanly."""
    root, outside = world
    marker = outside / "pwned"
    (root / "microokr.yaml").write_bytes(HOSTILE_CONTENT[name](marker))
    document = lint_json(root)
    assert "MO007" in codes_at(document, "microokr.yaml")
    assert not marker.exists()
    assert_robust(invoke("--workspace", str(root), "--today", TODAY, "status"))


def test_a_100_mb_file_is_refused_without_reading_it(world: tuple[Path, Path]) -> None:
    root, _ = world
    big = root / "sprints" / "huge.yaml"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs nothing to make
    document = lint_json(root)
    assert codes_at(document, "sprints/huge.yaml") == ["MO007"]
    message = next(
        d["message"]
        for d in document["diagnostics"]  # type: ignore[attr-defined]
        if d["path"] == "sprints/huge.yaml"
    )
    assert "104,857,600 bytes" in message


def test_a_sprint_file_that_is_a_folder(world: tuple[Path, Path]) -> None:
    root, _ = world
    (root / "sprints" / "folder.yaml").mkdir()
    (root / "sprints" / "folder.yaml" / "inner.yaml").write_text("id: inner\n")
    document = lint_json(root)
    assert codes_at(document, "sprints/folder.yaml") == ["MO007"]
    assert codes_at(document, "sprints/folder.yaml/inner.yaml") == []


def test_a_fifo_is_refused_not_read(world: tuple[Path, Path]) -> None:
    """Reading a named pipe would block forever: it is refused from its stat alone."""
    root, _ = world
    os.mkfifo(root / "sprints" / "pipe.yaml")
    document = lint_json(root)  # run_cli's timeout fails the test if lint blocks
    assert codes_at(document, "sprints/pipe.yaml") == ["MO007"]


def test_a_link_to_a_file_outside_is_not_followed(world: tuple[Path, Path]) -> None:
    root, outside = world
    (root / "sprints" / "leak.yaml").symlink_to(outside / "secret.yaml")
    document = lint_json(root)
    assert codes_at(document, "sprints/leak.yaml") == ["MO007"]
    status = invoke("--workspace", str(root), "--today", TODAY, "status", "--format", "json")
    assert_robust(status, json_output=True)
    assert SECRET_ID not in status.stdout
    refused = invoke("--workspace", str(root), "--today", TODAY, "report", SECRET_ID)
    assert refused.code == 2
    one_sentence_error(refused)


def test_a_link_to_a_device_outside_is_not_followed(world: tuple[Path, Path]) -> None:
    root, _ = world
    (root / "sprints" / "zero.yaml").symlink_to("/dev/zero")
    assert codes_at(lint_json(root), "sprints/zero.yaml") == ["MO007"]


def test_a_sprints_folder_linking_outside_is_not_walked(world: tuple[Path, Path]) -> None:
    root, outside = world
    shutil.rmtree(root / "sprints")
    (root / "sprints").symlink_to(outside, target_is_directory=True)
    document = lint_json(root)
    assert codes_at(document, "sprints") == ["MO007"]
    assert not any("secret" in str(d["path"]) for d in document["diagnostics"])  # type: ignore[attr-defined]
    status = invoke("--workspace", str(root), "--today", TODAY, "status", "--format", "json")
    assert_robust(status, json_output=True)
    assert SECRET_ID not in status.stdout


def test_a_folder_inside_sprints_linking_outside_is_reported(world: tuple[Path, Path]) -> None:
    root, outside = world
    (root / "sprints" / "more").symlink_to(outside, target_is_directory=True)
    document = lint_json(root)
    assert codes_at(document, "sprints/more") == ["MO007"]
    assert not any("secret" in str(d["path"]) for d in document["diagnostics"])  # type: ignore[attr-defined]


def test_a_config_linking_outside_is_not_followed(world: tuple[Path, Path]) -> None:
    root, outside = world
    (root / "microokr.yaml").unlink()
    (root / "microokr.yaml").symlink_to(outside / "microokr.yaml")
    document = lint_json(root)
    assert codes_at(document, "microokr.yaml") == ["MO007"]
    # the outside config named team `x` only; not read, so no owner is checked against it
    assert not any("'x'" in str(d["message"]) for d in document["diagnostics"])  # type: ignore[attr-defined]


def test_close_never_writes_through_a_reports_link(world: tuple[Path, Path]) -> None:
    """`reports/` linking outside: the close is refused before anything is written."""
    root, outside = world
    shutil.rmtree(root / "reports")
    (root / "reports").symlink_to(outside, target_is_directory=True)
    sprint = root / "sprints" / "inbound-spike-conversion.yaml"
    before_outside = snapshot(outside)
    before = sprint.read_bytes()
    done = invoke(
        "--workspace",
        str(root),
        "--today",
        TODAY,
        "close",
        "inbound-spike-conversion",
        "--no-input",
        "--anchor-start",
        "1",
        "--anchor-end",
        "2",
        "--learning",
        "l",
        "--highest-impact",
        "h",
        "--root-cause",
        "r",
        "--no-revision",
    )
    assert done.code == 2, done
    one_sentence_error(done)
    assert "links outside the workspace" in done.stderr
    assert sprint.read_bytes() == before
    assert snapshot(outside) == before_outside


def test_checkin_never_writes_through_a_link_outside(world: tuple[Path, Path]) -> None:
    root, outside = world
    (root / "sprints" / "leak.yaml").symlink_to(outside / "secret.yaml")
    before = snapshot(outside)
    for target in (SECRET_ID, str(root / "sprints" / "leak.yaml")):
        done = invoke(
            "--workspace", str(root), "--today", TODAY, "checkin", target, "--value", "kr1=1"
        )
        assert done.code == 2, done
        one_sentence_error(done)
    assert snapshot(outside) == before


def test_unreadable_sprint_file_through_the_cli(
    world: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 does not stop root (CI runs as root), so the OS error is simulated."""
    root, _ = world
    (root / "sprints" / "locked.yaml").write_text("id: locked\n")
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    done = invoke(
        "--workspace",
        str(root),
        "--today",
        TODAY,
        "lint",
        "--format",
        "json",
        env={"MICROOKR_NO_CACHE": "1"},
    )
    assert_robust(done, json_output=True)
    found = [
        d for d in json.loads(done.stdout)["diagnostics"] if d["path"] == "sprints/locked.yaml"
    ]
    assert [(d["code"], d["message"]) for d in found] == [
        ("MO007", "the file cannot be read: Permission denied")
    ]
    assert_robust(invoke("--workspace", str(root), "--today", TODAY, "status"))
