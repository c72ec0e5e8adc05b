"""The one home of value formatting: numbers read back exactly, one did-you-mean phrasing."""

from __future__ import annotations

import pytest

from microokr.formatting import (
    did_you_mean,
    number,
    one_line,
    percent,
    plural,
    quote,
    signed,
    truncate,
    with_unit,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (24, "24"),
        (24.0, "24"),
        (21.6, "21.6"),
        (1234567.5, "1234567.5"),
        (1234567.0, "1234567"),
        (1e-7, "0.0000001"),
        (-3, "-3"),
        (None, "—"),
        (10**30, "a 31-digit number"),
    ],
)
def test_number_is_written_as_typed(value: float | None, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize("value", [0.1 + 0.2, 21.2, 1234567.5, 3.14159265358979, 1e-7, 2.5e15])
def test_number_reads_back_as_the_same_number(value: float) -> None:
    assert float(number(value)) == value


def test_number_rounds_only_when_asked() -> None:
    assert number(22.4666, places=2) == "22.47"
    assert number(22.4666) == "22.4666"


def test_signed_drops_float_noise_of_a_difference() -> None:
    assert signed(24.1 - 21.2) == "+2.9"
    assert signed(-1.5) == "-1.5"
    assert signed(0) == "0"
    assert signed(None, missing="-") == "-"


def test_percent_units_plural() -> None:
    assert percent(0.25) == "25%"
    assert percent(0.123, places=1) == "12.3%"
    assert percent(None) == "—"
    assert with_unit(35, "%") == "35%"
    assert with_unit(12, "days") == "12 days"
    assert plural(1, "file") == "1 file"
    assert plural(3, "file") == "3 files"
    assert plural(2, "entry", "entries") == "2 entries"


def test_one_line_escapes_breaks_controls_and_bidi() -> None:
    assert (
        one_line("a\nb\r\tc\x1b[31m\x7f\u202e\u2028") == "a\\nb\\r\\tc\\x1b[31m\\x7f\\u202e\\u2028"
    )
    assert one_line("plain text") == "plain text"


def test_quote_and_truncate() -> None:
    assert quote("sales\nwest") == "'sales\\nwest'"
    assert truncate("x" * 10, 5) == "xxxx…"
    assert len(quote("y" * 100)) == 62


def test_did_you_mean_has_one_phrasing() -> None:
    assert did_you_mean("salse", ["sales", "product"]) == "did you mean 'sales'?"
    assert did_you_mean("mo502", ["MO502", "MO503"]) == "did you mean 'MO502'?"
    assert did_you_mean("zzz", ["sales"]) == ""
