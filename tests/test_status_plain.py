"""`status` text without rich: the same bytes as the table rich's `Text` lines give.

The plain writer (`status_text.render_plain`) is what `status` prints when there is no
colour to show (a pipe, a file, NO_COLOR), and it must be byte-identical to the styled
lines' plain text at every width: wide tables, the narrow blocks, cut and folded ids,
wide (CJK) characters, and user text holding control characters or rich markup. Both
are compared with snapshots taken from the rich-only writer this replaced, in
tests/snapshots/status/. After an intended change to the table, regenerate them with

    MICROOKR_UPDATE_SNAPSHOTS=1 pytest tests/test_status_plain.py

and review the diff before committing.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

from microokr.commands.status import build_status
from microokr.status_text import render_lines, render_plain
from microokr.workspace import load_workspace
from tests.conftest import EXAMPLES, ROOT, TESTS, TODAY, run_cli

SNAPSHOTS = TESTS / "snapshots" / "status"
UPDATE = os.environ.get("MICROOKR_UPDATE_SNAPSHOTS") == "1"
WIDTHS = (24, 40, 59, 71, 72, 80, 100, 132, 200)
DAY = dt.date.fromisoformat(TODAY)


def _acme(tmp: Path) -> dict[str, Any]:
    return build_status(load_workspace(EXAMPLES / "acme"), DAY)


def _hostile(tmp: Path) -> dict[str, Any]:
    """acme's rows with user text a terminal must not obey and rich must not read."""
    data = copy.deepcopy(_acme(tmp))
    rows = data["sprints"]
    rows[0]["id"] = "evil\x1b]0;pwned\x07-[bold red]markup[/]-\r\x08"
    rows[0]["teams"] = ["日本語のチーム名はとても長い", "[link=http://x]t[/link]", "tab\there"]
    rows[1]["id"] = "a-very-long-sprint-identifier-" * 3 + "end"
    rows[1]["key_results"][0]["id"] = "kr-" + "ｗｉｄｅ" * 6
    rows[1]["teams"] = ["\u202eevil-rtl", "x" * 70]
    rows[2]["warnings"] = [
        {"code": "stale-checkin", "message": "no check-in for 9 days [i]x[/i] \x1b[2J\n" * 4},
        {"code": "overdue-close", "message": "ends " + "word " * 40},
    ]
    data["teams"][0]["id"] = "sales\x1b[31m[red]"
    data["teams"][0]["sprints"] = [*data["teams"][0]["sprints"], "s" * 90]
    data["unreadable"] = ["sprints/bad\x1b[0m.yaml", "sprints/[bold].yaml", "sprints/日本.yaml"]
    return data


def _generated(tmp: Path) -> dict[str, Any]:
    """150 generated sprints: long ids, closed, active and planned rows, warnings."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return build_status(load_workspace(module.generate(150, tmp / "ws")), DAY)


CASES = {"acme": _acme, "hostile": _hostile, "generated": _generated}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return {name: make(tmp_path_factory.mktemp(name)) for name, make in CASES.items()}


def _rich_plain(data: dict[str, Any], width: int) -> str:
    return "".join(line.plain + "\n" for line in render_lines(data, width))


def _sections(data: dict[str, Any], render: Any) -> str:
    return "".join(f"=== {width} columns\n{render(data, width)}" for width in WIDTHS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_plain_writer_matches_the_snapshot(datasets: dict[str, dict[str, Any]], name: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    produced = _sections(datasets[name], render_plain)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(produced.encode("utf-8"))
    assert path.is_file(), f"{path} is missing: run MICROOKR_UPDATE_SNAPSHOTS=1 pytest {__file__}"
    assert produced.encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
def test_plain_writer_equals_the_styled_lines(
    datasets: dict[str, dict[str, Any]], name: str
) -> None:
    data = datasets[name]
    for width in (*WIDTHS, *range(60, 90)):
        assert render_plain(data, width) == _rich_plain(data, width), width


def test_no_control_character_or_markup_is_obeyed(datasets: dict[str, dict[str, Any]]) -> None:
    for width in (24, 80):
        text = render_plain(datasets["hostile"], width)
        for raw in ("\x1b", "\x07", "\x08", "\r", "\t", "\u202e"):
            assert raw not in text
        assert "[link=http://x]t[/link]" in text  # shown as written, never read as markup
    blocks = render_plain(datasets["hostile"], 24)  # ids whole on lines of their own
    assert blocks.startswith("evil\\x1b]0;pwned\\x07-[bold red]markup[/]-\\r\\x08\n")


def test_status_command_prints_the_snapshot_bytes(acme: Path) -> None:
    expected = (SNAPSHOTS / "acme.txt").read_text("utf-8")
    for width in (40, 80, 132):
        done = run_cli("--today", TODAY, "status", cwd=acme, env={"COLUMNS": str(width)})
        assert done.code == 0, done.stderr
        section = expected.split(f"=== {width} columns\n", 1)[1].split("=== ", 1)[0]
        assert done.stdout == section


def test_json_is_unchanged(acme: Path) -> None:
    path = SNAPSHOTS / "acme.json"
    done = run_cli("--today", TODAY, "status", "--format", "json", cwd=acme)
    assert done.code == 0, done.stderr
    if UPDATE:
        path.write_text(done.stdout, "utf-8")
    assert done.stdout == path.read_text("utf-8")
    assert json.loads(done.stdout)["version"] == 1
