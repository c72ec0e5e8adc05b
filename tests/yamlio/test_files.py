"""What Ctrl-C says is on disk: read from the disk, not from what the process meant to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from microokr.yamlio import files
from tests.conftest import EXAMPLES
from tests.robustness import invoke


def test_the_interruption_sentence_names_what_holds_the_written_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files.forget_attempts()
    assert files.interruption_sentence() == "interrupted: nothing was written"
    files.atomic_write(tmp_path / "a.md", b"report\n")
    files.atomic_write(tmp_path / "b.yaml", b"sprint\n")
    assert files.interruption_sentence() == (
        "interrupted after writing a.md and b.yaml; nothing else was written"
    )
    (tmp_path / "b.yaml").write_bytes(b"someone else's\n")
    assert files.interruption_sentence() == (
        "interrupted after writing a.md; nothing else was written"
    )
    files.forget_attempts()
    assert files.interruption_sentence() == "interrupted: nothing was written"


def test_ctrl_c_after_a_check_in_was_written_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import microokr.workspace

    root = tmp_path / "acme"
    shutil.copytree(EXAMPLES / "acme", root)
    real = microokr.workspace.source_from_bytes

    def interrupted(*args: object, **kwargs: object) -> object:
        if files._attempted:  # the check-in has been put in place: Ctrl-C now
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(microokr.workspace, "source_from_bytes", interrupted)
    done = invoke(
        "--today", "2026-12-10", "checkin", "lead-handoff-alignment", "--no-input",
        "--value", "handoff-response=20", "--value", "lead-to-meeting=19",
        "--value", "stage-progression=10", cwd=root,
    )  # fmt: skip
    assert done.code == 130, done
    assert "interrupted after writing sprints/lead-handoff-alignment.yaml" in done.stderr
    assert "nothing was written" not in done.stderr
