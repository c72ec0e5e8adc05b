"""One number grammar, one date grammar, one "from X to Y" for answers, flags and rules."""

from __future__ import annotations

import datetime as dt

import pytest

from microokr.parsing import ParseError, from_to, parse_date, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("24", 24),
        ("-3", -3),
        ("21.6", 21.6),
        ("1,200", 1200),
        ("35%", 35),
        ("$20", 20),
        ("1e3", 1000.0),
        (" 7 ", 7),
        (12, 12),
        (2.5, 2.5),
    ],
)
def test_numbers(text: object, value: float) -> None:
    read = parse_number(text)
    assert read == value and type(read) is type(value)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("abc", "not-a-number"),
        ("nan", "not-a-number"),
        ("1e400", "not-finite"),
        ("9" * 400, "too-large"),
        (True, "not-a-number"),
        (float("inf"), "not-finite"),
        ("", "not-a-number"),
    ],
)
def test_not_numbers(text: object, kind: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_number(text)
    assert caught.value.kind == kind


def test_dates() -> None:
    assert parse_date("2026-07-14") == dt.date(2026, 7, 14)
    assert parse_date(dt.date(2026, 7, 14)) == dt.date(2026, 7, 14)
    for bad in ("20260714", "2026-02-30", "yesterday", "2026-W28-2", dt.datetime(2026, 7, 14)):
        with pytest.raises(ParseError):
            parse_date(bad)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("Increase acceptance from 22% to 35% within 14 days", (22, 35, "%")),
        ("Grow weekly signups from 1,200 to 1,500", (1200, 1500, None)),
        ("Cut median hand-off response time 26 hours → 4 hours", (26, 4, "hours")),
        ("Cut response time from 26 hours -> 4 hours", (26, 4, "hours")),
        ("Increase qualified pipeline from $20M to $30M by Q3 close", (20, 30, "$M")),
        ("Shorten the sales cycle from 60 to 45 days", (60, 45, "days")),
        ("Raise NPS from 31 to 45", (31, 45, None)),
        ("Progress 6 stalled accounts from Discovery stage to Proposal stage", None),
    ],
)
def test_from_to(statement: str, expected: tuple[float, float, str | None] | None) -> None:
    read = from_to(statement)
    got = None if read is None else (read.start.value, read.end.value, read.unit)
    assert got == expected


def test_from_to_keeps_what_was_written() -> None:
    read = from_to("Grow ARR from $1,200k to $1,500k")
    assert read is not None
    assert (read.start.written, read.start.scale, read.end.written, read.end.scale) == (
        "1,200",
        "k",
        "1,500",
        "k",
    )
