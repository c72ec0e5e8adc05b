"""Hostile names and trees: each was an "internal error" (exit 2 with a traceback's summary).

A file name that is not UTF-8, a tree 1,000 folders deep, names past the system's
limit, a folder that cannot be read, control characters in answers. Each one now
gets a sentence (or a normal run), never "internal error", and lint never reports
success over a folder it could not read.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from microokr.errors import WorkspaceError
from microokr.workspace import load_workspace
from tests.conftest import TODAY, run_cli

STRICT = {"PYTHONIOENCODING": "utf-8:strict"}  # a terminal that refuses undecodable bytes


def sane(done) -> None:  # type: ignore[no-untyped-def]
    assert "internal error" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_a_file_name_that_is_not_utf8_is_linted_and_shown_escaped(
    acme: Path, output_format: str
) -> None:
    raw = (acme / "sprints" / "churn-cohort-recovery.yaml").read_bytes()
    with open(os.path.join(os.fsencode(acme), b"sprints", b"bad\xff.yaml"), "wb") as handle:
        handle.write(raw)
    for _ in range(2):  # cold, then through the cache
        done = run_cli("--today", TODAY, "lint", "--format", output_format, cwd=acme, env=STRICT)
        sane(done)
        assert done.code == 1
        assert "bad\\xff.yaml" in done.stdout.replace("\\\\", "\\")


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_status_shows_a_name_that_is_not_utf8_escaped(acme: Path, output_format: str) -> None:
    broken = b"id: [unclosed\n"
    with open(os.path.join(os.fsencode(acme), b"sprints", b"bad\xff.yaml"), "wb") as handle:
        handle.write(broken)
    done = run_cli("--today", TODAY, "status", "--format", output_format, cwd=acme, env=STRICT)
    sane(done)
    assert done.code == 0
    assert "bad\\xff.yaml" in done.stdout.replace("\\\\", "\\")


def _deep_tree(top: Path, depth: int, name: str, data: bytes) -> None:
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            deeper = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        made = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(made, data)
        os.close(made)
    finally:
        os.close(fd)


def _remove_deep_tree(top: Path) -> None:
    """shutil.rmtree recurses (and pytest's clean-up of old runs with it): undo by hand."""
    chain = [os.open(top, os.O_RDONLY)]
    try:
        while True:
            try:
                chain.append(os.open("d", os.O_RDONLY, dir_fd=chain[-1]))
            except FileNotFoundError:
                break
        while chain:
            fd = chain.pop()
            for name in os.listdir(fd):
                os.unlink(name, dir_fd=fd)
            os.close(fd)
            if chain:
                os.rmdir("d", dir_fd=chain[-1])
    finally:
        for fd in chain:
            os.close(fd)


def test_a_tree_1000_folders_deep_is_walked(acme: Path) -> None:
    data = (acme / "sprints" / "churn-cohort-recovery.yaml").read_bytes()
    try:  # removed whatever happens: pytest's own clean-up of old runs would recurse
        _deep_tree(acme / "sprints", 1000, "deep.yaml", data)
        done = run_cli("--today", TODAY, "lint", "--format", "json", cwd=acme)
    finally:
        _remove_deep_tree(acme / "sprints")
    sane(done)
    assert done.code == 1
    assert '"path": "sprints/d/d/d/' in done.stdout and "deep.yaml" in done.stdout  # MO006/8


LONG = "s" * 300


@pytest.mark.parametrize("key", ["sprints", "reports"])
def test_a_folder_name_past_the_limit_is_a_sentence(acme: Path, key: str) -> None:
    config = acme / "microokr.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"{key}: {key}", f"{key}: {LONG}", 1), "utf-8"
    )
    runs = [
        run_cli("--today", TODAY, "lint", cwd=acme),
        run_cli("--today", TODAY, "status", cwd=acme),
    ]
    close = ["close", "inbound-spike-conversion", "--no-input", "--no-revision"]
    close += ["--learning", "x", "--highest-impact", "y"]
    runs.append(run_cli("--today", "2026-11-30", *close, cwd=acme))
    for done in runs:
        sane(done)
    if key == "sprints":
        assert all(done.code == 2 for done in runs)
        assert "File name too long" in runs[0].stderr and "not checked" in runs[0].stderr
    else:
        assert runs[2].code == 2 and "File name too long" in runs[2].stderr


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "x" * 5000],
        ["--workspace", "/".join(["w" * 200] * 25), "lint"],
        ["report", "churn-cohort-recovery", "--output", "x" * 5000],
        ["init", "x" * 5000],
        ["schema", "--output", "x" * 5000],
    ],
    ids=["lint-path", "workspace", "report-output", "init", "schema-output"],
)
def test_a_path_argument_past_the_limit_is_a_sentence(acme: Path, args: list[str]) -> None:
    done = run_cli("--today", TODAY, *args, cwd=acme)
    sane(done)
    assert done.code == 2
    assert "too long" in done.stderr
    assert len(done.stderr) < 400  # the name is shortened, not printed 5,000 times over


def test_a_folder_that_is_a_loop_of_links_is_an_error_not_a_pass(acme: Path) -> None:
    shutil.rmtree(acme / "sprints")
    (acme / "sprints").symlink_to("sprints")
    done = run_cli("--today", TODAY, "lint", cwd=acme)
    sane(done)
    assert done.code == 2
    assert "sprints/" in done.stderr and "loop" in done.stderr
    assert "All checks passed" not in done.stdout


def test_an_unreadable_folder_is_an_error_naming_it(
    acme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root every folder is readable, so the refusal is injected where the walk reads."""
    (acme / "sprints" / "team-a").mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("team-a"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(WorkspaceError, match=r"sprints/team-a/ \(Permission denied\)"):
        load_workspace(acme)


CONTROLS = ["\x01", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2066", "\r", "\u2028"]
HANDOFF = "sprints/lead-handoff-alignment.yaml"


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c[0]):04X}" for c in CONTROLS])
@pytest.mark.parametrize("flag", ["--note", "--blocker"])
def test_control_characters_in_checkin_text_are_refused(acme: Path, char: str, flag: str) -> None:
    before = (acme / HANDOFF).read_bytes()
    value = f"Routing{char}live@marketing" if flag == "--blocker" else f"Routing{char}live"
    done = run_cli(
        "--today", "2026-12-10", "checkin", "lead-handoff-alignment",
        "--value", "handoff-response=30", "--value", "lead-to-meeting=18",
        "--value", "stage-progression=8", flag, value, "--no-input", cwd=acme,
    )  # fmt: skip
    sane(done)
    assert done.code == 2
    assert f"{flag} holds the control character U+{ord(char[0]):04X}" in done.stderr
    assert (acme / HANDOFF).read_bytes() == before


@pytest.mark.parametrize("char", CONTROLS[:5], ids=[f"U+{ord(c[0]):04X}" for c in CONTROLS[:5]])
@pytest.mark.parametrize("flag", ["--learning", "--highest-impact", "--summary"])
def test_control_characters_in_close_answers_are_refused(acme: Path, char: str, flag: str) -> None:
    path = acme / "sprints" / "inbound-spike-conversion.yaml"
    before = path.read_bytes()
    answers = {"--learning": "Speed", "--highest-impact": "The pod", "--summary": "Fine"}
    answers[flag] = f"a{char}b"
    args = [item for pair in answers.items() for item in pair]
    done = run_cli(
        "--today", "2026-11-30", "close", "inbound-spike-conversion", *args,
        "--no-revision", "--no-input", cwd=acme,
    )  # fmt: skip
    sane(done)
    assert done.code == 2 and "control character" in done.stderr
    assert path.read_bytes() == before
    assert not (acme / "reports" / "inbound-spike-conversion.md").exists()


def test_an_answer_byte_that_is_not_utf8_is_named_as_such() -> None:
    from microokr.errors import UsageError
    from microokr.parsing import plain_text

    with pytest.raises(UsageError, match=r"--note holds the byte 0x85, which is not UTF-8"):
        plain_text(b"a\x85b".decode("utf-8", "surrogateescape"), what="--note")
    assert plain_text("tabs\tand\nnewlines stay", what="--note") == "tabs\tand\nnewlines stay"
