"""The text screen answers "unchanged" only when parsing would agree, else None."""

from __future__ import annotations

from microokr.history import screen
from tests.history.sprints import version


def test_an_appended_checkin_leaves_the_goalposts_unchanged() -> None:
    before = screen.sections(version(2))
    after = screen.sections(version(2) + "  - date: 2026-07-16\n    values: {kr1: 25}\n")
    assert before is not None and after is not None
    assert screen.has_checkins(before) and screen.same_goalposts(before, after)


def test_a_lowered_target_is_not_the_same() -> None:
    before, after = screen.sections(version(2)), screen.sections(version(3))
    assert before is not None and after is not None
    assert not screen.same_goalposts(before, after)


def test_no_checkins_section_or_an_empty_one_is_no_checkin() -> None:
    for text in (version(1), version(1) + "checkins: []\n", version(1) + "checkins: # none\n"):
        parts = screen.sections(text)
        assert parts is not None and not screen.has_checkins(parts), text[-40:]


def test_what_the_screen_cannot_vouch_for_is_left_to_the_parser() -> None:
    assert screen.sections("{id: x, window: {start: 2026-07-14}}\n") is None
    assert screen.sections("---\nid: x\n") is None
    assert screen.sections("base: &b 8\nkey_results: [{id: kr1, target: *b}]\n") is None
    assert screen.sections("id: x\r\nwindow: {}\r\n") is None
    assert screen.sections("- id: x\n") is None


def test_a_key_written_twice_keeps_both_sections() -> None:
    parts = screen.sections("window: {start: 2026-07-14}\nwindow: {start: 2026-07-15}\n")
    assert parts == {"window": ["{start: 2026-07-14}", "{start: 2026-07-15}"]}
