"""The lossless editor: every byte outside the new block is kept, on every example and
on deliberately awkward files, in LF, CRLF and BOM variants; the lock and the
consistency check are tested too (the process-level tests are in test_checkin.py)."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from microokr.errors import RefusedError
from microokr.yamlio import edits, locking, render
from microokr.yamlio.edits import insert_checkin, replace_checkin, set_close
from microokr.yamlio.files import atomic_write, decode
from microokr.yamlio.read import read_yaml
from microokr.yamlio.splice import EditConsistencyError
from tests.yamlio.regions import changed_region

ROOT = Path(__file__).resolve().parents[2]
AWKWARD = ROOT / "tests" / "fixtures" / "awkward"
FILES = sorted(ROOT.glob("examples/*/sprints/*.yaml")) + sorted(AWKWARD.glob("*.yaml"))


def _variants() -> list[Any]:
    cases = []
    for path in FILES:
        name = path.relative_to(ROOT).as_posix()
        cases.append(pytest.param(path, "as-is", id=f"{name}"))
        raw = path.read_bytes()
        if b"\r\n" not in raw:
            cases.append(pytest.param(path, "crlf", id=f"{name}-crlf"))
        if not raw.startswith(b"\xef\xbb\xbf"):
            cases.append(pytest.param(path, "bom", id=f"{name}-bom"))
    return cases


def _load(path: Path, variant: str) -> tuple[bool, str]:
    bom, text = decode(path.read_bytes())
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    if variant == "bom":
        bom = True
    return bom, text


def _data(text: str) -> dict[str, Any]:
    doc = read_yaml(text.encode("utf-8"))
    assert not doc.problems and not doc.aborted
    assert isinstance(doc.data, dict)
    return doc.data


def _inserted(old: str, new: str) -> str:
    """The one contiguous chunk `new` adds to `old`; fails when anything else changed.

    The one deletion allowed: the `[]` of an empty `checkins: []` that becomes a block list.
    """
    if "checkins: []" in old and "checkins: []" not in new:
        old = old.replace("checkins: []", "checkins: ", 1)
    prefix, suffix, _ = changed_region(old, new)
    assert prefix + suffix == len(old), "text outside the inserted block changed"
    return new[prefix : len(new) - suffix]


def _dates(data: dict[str, Any]) -> list[dt.date]:
    return [c["date"] for c in data.get("checkins") or []]


def _order(day: Any) -> tuple[int, str]:
    """How `insert_checkin` orders check-in dates: real dates first, then anything else."""
    return (0, day.isoformat()) if isinstance(day, dt.date) else (1, str(day))


def _assert_line_endings(old: str, new: str) -> None:
    if "\r\n" in old:
        assert new.count("\n") == new.count("\r\n"), "a CRLF file got LF line endings"
    else:
        assert "\r" not in new


def _entry(day: dt.date, keys: list[str]) -> dict[str, Any]:
    return {
        "date": day,
        "values": {key: index + 0.5 for index, key in enumerate(keys)} or {"kr1": 1},
        "anchor": 21,
        "blockers": [{"what": "Legal: review # pending @ 'x'", "owner": "sales"}],
        "note": "yes",
        "confidence": "at-risk",
    }


@pytest.mark.parametrize(("path", "variant"), _variants())
def test_append_and_prepend_keep_every_other_byte(path: Path, variant: str) -> None:
    _, old = _load(path, variant)
    data = _data(old)
    keys = [kr["id"] for kr in data.get("key_results") or [] if isinstance(kr, dict)]
    existing = _dates(data)
    for day in (dt.date(2099, 1, 1), min(existing, default=dt.date(2026, 1, 2)) - dt.timedelta(1)):
        entry = _entry(day, keys)
        new = insert_checkin(old, entry)
        block = _inserted(old, new)
        assert block.count("date:") == 1  # (the chunk may float over repeated text)
        _assert_line_endings(old, new)
        after = _data(new)
        # in date order: before the first check-in dated later, else at the end
        at = next((i for i, d in enumerate(existing) if _order(d) > _order(day)), len(existing))
        assert _dates(after) == [*existing[:at], day, *existing[at:]]
        assert entry in after["checkins"]
        assert {k: v for k, v in after.items() if k != "checkins"} == {
            k: v for k, v in data.items() if k != "checkins"
        }
        assert [c for c in after["checkins"] if c != entry] == (data.get("checkins") or [])


@pytest.mark.parametrize(("path", "variant"), _variants())
def test_replace_changes_only_that_check_in(path: Path, variant: str) -> None:
    _, old = _load(path, variant)
    data = _data(old)
    if not data.get("checkins"):
        with pytest.raises(RefusedError, match="no check-in dated"):
            replace_checkin(old, {"date": dt.date(2026, 1, 1), "values": {}})
        return
    first = data["checkins"][0]
    entry = {"date": first["date"], "values": dict.fromkeys(first["values"], 7)}
    new = replace_checkin(old, entry)
    prefix, suffix, _ = changed_region(old, new)
    removed = old[prefix : len(old) - suffix]
    assert removed.count("date:") <= 1
    _assert_line_endings(old, new)
    after = _data(new)
    assert after["checkins"] == [entry, *data["checkins"][1:]]
    assert {k: v for k, v in after.items() if k != "checkins"} == {
        k: v for k, v in data.items() if k != "checkins"
    }


CLOSE = {
    "date": dt.date(2026, 11, 30),
    "early": None,
    "attendees": ["sales", "marketing"],
    "anchor": {"start": 64, "end": 71.5},
    "final": {"kr1": 33, "kr2": 5.5},
    "summary": "Short | with a pipe and a # hash",
    "learning": (
        "The gap was not a volume problem. Outreach volume had been fine all quarter; what "
        "had slipped was relevance (generic sequences to the wrong persona) and speed "
        "(twelve days to a first meeting let interest cool). Both are fixable in the team."
    ),
    "highest_impact": "- a leading dash: and a colon",
    "root_cause": "true",
    "tactical_revision": {"needed": False, "note": "2026-01-01"},
}


@pytest.mark.parametrize(("path", "variant"), _variants())
def test_close_is_appended_and_nothing_else_changes(path: Path, variant: str) -> None:
    _, old = _load(path, variant)
    data = _data(old)
    if "close" in data:
        with pytest.raises(RefusedError, match="already has a `close`"):
            set_close(old, CLOSE)
        return
    new = set_close(old, CLOSE)
    block = _inserted(old, new)
    assert "learning: >-" in block
    _assert_line_endings(old, new)
    assert _data(new) == {**data, "close": CLOSE}


def test_awkward_fixtures_cover_the_brief() -> None:
    names = {p.stem for p in AWKWARD.glob("*.yaml")}
    assert {
        "flow-mappings",
        "comments-between",
        "crlf-bom",
        "long-lines",
        "indent4",
        "empty-list",
        "no-checkins",
        "close-before-checkins",
    } <= names
    crlf = (AWKWARD / "crlf-bom.yaml").read_bytes()
    assert crlf.startswith(b"\xef\xbb\xbf") and crlf.count(b"\n") == crlf.count(b"\r\n")
    assert b"\t" in (AWKWARD / "comments-between.yaml").read_bytes()
    assert max(map(len, (AWKWARD / "long-lines.yaml").read_text().splitlines())) > 3000


def test_new_item_is_indented_like_its_neighbours() -> None:
    old = (AWKWARD / "indent4.yaml").read_text()
    block = _inserted(old, insert_checkin(old, _entry(dt.date(2026, 11, 25), ["kr1", "kr2"])))
    assert block.startswith("    -   date: 2026-11-25\n        values: {kr1: 0.5, kr2: 1.5}\n")
    assert "            -   what: " in block
    old = (AWKWARD / "indentless.yaml").read_text()
    block = _inserted(old, insert_checkin(old, {"date": dt.date(2026, 11, 25), "values": {}}))
    assert block == "- date: 2026-11-25\n  values: {}\n"


def test_comments_stay_where_they_were() -> None:
    old = (AWKWARD / "comments-between.yaml").read_text()
    new = insert_checkin(old, {"date": dt.date(2026, 11, 25), "values": {"kr1": 1, "kr2": 2}})
    tail = new[new.index("  - date: 2026-11-25") :]
    assert tail.endswith(
        "\n    # a deeper comment that continues the item\n"
        "  # a comment after the last check-in, at the dash\n\n"
        "# the end of the file: nothing after this\n"
    )
    first = insert_checkin(old, {"date": dt.date(2026, 11, 20), "values": {"kr1": 1, "kr2": 2}})
    assert "checkins:   # appended by microokr\n  - date: 2026-11-20\n" in first
    assert "  # the first week\n  - date: 2026-11-21" in first


def test_new_checkins_key_goes_before_revisions_and_close() -> None:
    old = (AWKWARD / "no-checkins.yaml").read_text()
    new = insert_checkin(old, {"date": dt.date(2026, 11, 25), "values": {"kr1": 1}})
    assert new.index("checkins:") < new.index("# Re-calibrations") < new.index("revisions:")
    text = "id: x\nwindow: {start: 2026-01-01, end: 2026-01-10}\n"
    new = insert_checkin(text, {"date": dt.date(2026, 1, 2), "values": {"kr1": 1}})
    assert new == text + "\ncheckins:\n  - date: 2026-01-02\n    values: {kr1: 1}\n"


def test_a_file_without_final_newline_gets_one_before_the_block() -> None:
    old = (AWKWARD / "no-final-newline.yaml").read_text()
    assert not old.endswith("\n")
    new = insert_checkin(old, {"date": dt.date(2026, 11, 25), "values": {"kr1": 1}})
    assert new == old + "\n  - date: 2026-11-25\n    values: {kr1: 1}\n"


@pytest.mark.parametrize(
    "awkward",
    [
        "yes",
        "true",
        "null",
        "~",
        "12",
        "0x1F",
        "2026-01-01",
        "- dash",
        "#hash",
        "a: b",
        "@team",
        "'single'",
        '"double"',
        "line\nbreak",
        " leading space",
        "trailing space ",
        "",
        "tab\there",
        "ünïcode — 😀",
        "x" * 200,
        "word " * 60 + "end",
        "%percent",
        "{not: a map}",
        "[not, a, list]",
        "*alias",
        "&anchor",
        "!tag",
        "| pipe",
        "> gt",
        "back`tick",
        "\u2028line separator",
        "a  double  space " * 10,
    ],
)
def test_any_note_reads_back_exactly(awkward: str) -> None:
    old = (ROOT / "examples/acme/sprints/lead-handoff-alignment.yaml").read_text()
    entry = {
        "date": dt.date(2026, 12, 8),
        "values": {"handoff-response": 20},
        "blockers": [{"what": awkward, "owner": "sales"}],
        "note": awkward,
    }
    new = insert_checkin(old, entry)
    _inserted(old, new)
    assert _data(new)["checkins"] == [entry]
    closed = set_close(new, {**CLOSE, "learning": awkward, "summary": awkward})
    assert _data(closed)["close"]["learning"] == awkward


def test_long_answers_are_folded_and_read_back() -> None:
    old = (ROOT / "examples/acme/sprints/inbound-spike-conversion.yaml").read_text()
    new = set_close(old, CLOSE)
    block = _inserted(old, new)
    lines = block.splitlines()
    start = lines.index("  learning: >-")
    assert all(len(line) <= render.FOLD_WIDTH + 10 for line in lines[start + 1 : start + 4])
    assert _data(new)["close"]["learning"] == CLOSE["learning"]


def test_an_edit_that_would_not_read_back_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "s.yaml"
    source = ROOT / "examples/acme/sprints/inbound-spike-conversion.yaml"
    path.write_bytes(source.read_bytes())
    monkeypatch.setattr(edits, "render_item", lambda *a, **k: "  - date: 2020-01-01\n")

    def change(text: str, data: dict[str, Any]) -> str:
        return insert_checkin(text, {"date": dt.date(2026, 11, 27), "values": {"x": 1}})

    with pytest.raises(EditConsistencyError, match="nothing was written"):
        locking.locked_edit(path, change)
    assert path.read_bytes() == source.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["s.yaml"]


def test_locked_edit_keeps_the_bom_and_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes((AWKWARD / "crlf-bom.yaml").read_bytes())
    path.chmod(0o640)
    entry = {"date": dt.date(2026, 11, 25), "values": {"kr1": 1, "kr2": 2}}
    new = locking.locked_edit(path, lambda text, data: insert_checkin(text, entry))
    assert path.read_bytes() == new
    assert new.startswith(b"\xef\xbb\xbf")
    assert b"  - date: 2026-11-25\r\n    values: {kr1: 1, kr2: 2}\r\n" in new
    assert _inserted((AWKWARD / "crlf-bom.yaml").read_bytes().decode("utf-8"), new.decode("utf-8"))
    assert path.stat().st_mode & 0o777 == 0o640


def test_stale_temporary_files_of_killed_writers_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes((AWKWARD / "indentless.yaml").read_bytes())
    stale = tmp_path / ".s.yaml.abc123_x.tmp"
    stale.write_text("half a fi")
    other = tmp_path / ".other.yaml.abc123.tmp"
    other.write_text("not ours")
    entry = {"date": dt.date(2026, 11, 25), "values": {"kr1": 1, "kr2": 2}}
    locking.locked_edit(path, lambda text, data: insert_checkin(text, entry))
    assert not stale.exists() and other.exists()


def test_a_waiter_on_a_replaced_file_locks_the_new_one(tmp_path: Path) -> None:
    """The rename swaps the inode: the lock must follow the path, not the old inode."""
    path = tmp_path / "s.yaml"
    path.write_text("id: a\n")
    seen: list[tuple[bool, bytes]] = []
    holding = threading.Event()

    def waiter() -> None:
        holding.wait()
        with locking.locked(path) as fd:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
            seen.append((same, os.pread(fd, 100, 0)))

    thread = threading.Thread(target=waiter)
    thread.start()
    with locking.locked(path):
        holding.set()
        time.sleep(0.2)  # the waiter now blocks on the old inode
        atomic_write(path, b"id: b\n")
    thread.join(5)
    assert seen == [(True, b"id: b\n")]


ANCHORED = """id: s
checkins:
  - date: 2026-11-18
    values: &v18 {kr1: 10, kr2: 11}
  - date: 2026-11-19
    values: *v18
"""


def test_replacing_a_check_in_whose_anchor_is_used_later_is_refused_in_one_sentence() -> None:
    entry = {"date": dt.date(2026, 11, 18), "values": {"kr1": 12, "kr2": 13}}
    with pytest.raises(RefusedError, match=r"defines &v18, which a value elsewhere .* \*v18"):
        replace_checkin(ANCHORED, entry)


def test_replacing_the_check_in_that_uses_an_alias_keeps_the_anchor() -> None:
    entry = {"date": dt.date(2026, 11, 19), "values": {"kr1": 12, "kr2": 13}}
    new = replace_checkin(ANCHORED, entry)
    assert new.startswith(ANCHORED[: ANCHORED.index("  - date: 2026-11-19")])
    assert _data(new)["checkins"] == [
        {"date": dt.date(2026, 11, 18), "values": {"kr1": 10, "kr2": 11}},
        entry,
    ]


@pytest.mark.parametrize("placeholder", ["close:", "close: ~", "close: null", "close: ~  # later"])
def test_an_empty_close_placeholder_is_replaced_by_the_close(placeholder: str) -> None:
    old = f"id: s\nwindow: {{start: 2026-11-01, end: 2026-11-30}}\n{placeholder}\n"
    new = set_close(old, CLOSE)
    assert _data(new) == {**_data(old), "close": CLOSE}
    assert new.count("close:") == 1
    assert new.startswith("id: s\nwindow: {start: 2026-11-01, end: 2026-11-30}\nclose:")
    assert ("# later" in new) == ("# later" in placeholder)


def test_a_close_placeholder_before_other_keys_is_filled_where_it_is() -> None:
    old = "id: s\nclose: ~\n# notes\nrevisions: []\n"
    new = set_close(old, CLOSE)
    assert _data(new) == {"id": "s", "close": CLOSE, "revisions": []}
    assert new.endswith("# notes\nrevisions: []\n")
