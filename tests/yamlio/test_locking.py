"""`locked_edit` against a program that saves while an edit is under way (deterministic).

The `change` callback itself plays the other program: it saves the file by
write-then-rename, as editors do, while microokr holds its text. The edit must be
redone on that save (never written over it), with the exchange of names (Linux)
and with the plain verify-then-rename used elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from microokr.errors import RefusedError
from microokr.yamlio import files, locking

SPRINT = "id: s\nnote: first\n"


def _save(path: Path, text: str) -> None:
    """Save as an editor does: a file of its own, renamed over the sprint."""
    other = path.with_name(path.name + ".editor~")
    other.write_text(text)
    os.rename(other, path)


@pytest.fixture(params=["exchange", "rename"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "rename":
        monkeypatch.setattr(files, "exchange", lambda first, second: False)
    return str(request.param)


def test_a_save_made_during_the_edit_is_kept_and_the_edit_redone_on_it(
    tmp_path: Path, mode: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SPRINT)
    seen: list[str] = []

    def change(text: str, data: dict[str, Any]) -> str:
        seen.append(text)
        if len(seen) == 1:
            _save(path, text + "# saved by the editor\n")
        return text + "# added by microokr\n"

    locking.locked_edit(path, change)
    assert path.read_text() == SPRINT + "# saved by the editor\n# added by microokr\n"
    assert seen == [SPRINT, SPRINT + "# saved by the editor\n"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]


def test_a_program_that_never_stops_saving_wins_and_the_edit_is_refused(
    tmp_path: Path, mode: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SPRINT)
    saves = 0

    def change(text: str, data: dict[str, Any]) -> str:
        nonlocal saves
        saves += 1
        _save(path, f"{text}# save {saves}\n")
        return text + "# added by microokr\n"

    with pytest.raises(RefusedError, match=r"another program kept saving .* nothing was written"):
        locking.locked_edit(path, change)
    assert saves == locking.ATTEMPTS
    assert path.read_text().endswith(f"# save {saves}\n")
    assert "added by microokr" not in path.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]
