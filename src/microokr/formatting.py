"""How values are written back to a person: numbers, percents, signs, units, plurals, quotes.

The one home of these helpers: a KR value reads the same in a prompt, a table, a
report and a rule's message (1234567.5 once printed three ways, `1.23457e+06` among
them, and pressing Enter on such a prompt default accepted a different number).
Nothing here reads files or the clock; every function is pure.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Iterable
from decimal import Decimal

from microokr.diagnostics import printable

MISSING = "—"
"""What a table or report shows for a value that does not exist (no check-in yet)."""

_HUGE = 10**18
_SIGNIFICANT = 12
"""Digits kept of a computed difference: enough for any typed value, few enough that
float noise (24.1 - 21.2 = 2.900000000000002) never shows."""


def number(value: float | None, *, places: int | None = None, missing: str = MISSING) -> str:
    """A number as people write it: `24`, `21.6`, `1234567.5`; never in exponent form.

    Exact, so a value read from a file and shown as a prompt's default reads back as
    the same number; `places` rounds a computed value first (a rule's threshold). An
    integer too long to read is described, not printed digit by digit.
    """
    if value is None:
        return missing
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        if abs(value) < _HUGE:
            return str(value)
        return f"a {int(value.bit_length() * 0.30103) + 1}-digit number"
    if not math.isfinite(value):
        return str(value)
    if places is not None:
        value = round(value, places)
    if value.is_integer() and abs(value) < _HUGE:
        return str(int(value))
    text = repr(value)
    if "e" in text and abs(value) < _HUGE:
        text = format(Decimal(text), "f")
    return text


def signed(value: float | None, *, missing: str = MISSING) -> str:
    """A computed change: `+3`, `-1.5`, `0` (float noise of the subtraction dropped)."""
    if value is None:
        return missing
    if isinstance(value, float) and math.isfinite(value):
        value = float(f"{value:.{_SIGNIFICANT}g}")
    shown = number(value)
    return f"+{shown}" if value > 0 else shown


def percent(share: float | None, *, places: int = 0, missing: str = MISSING) -> str:
    """A share (0.25) as a whole percent by default: `25%`."""
    if share is None:
        return missing
    if not math.isfinite(share):
        return f"{share}%"
    return f"{number(round(share * 100, places) if places else round(share * 100))}%"


def with_unit(value: float | None, unit: str | None, *, missing: str = MISSING) -> str:
    """`35%`, `12 days`, `24`: a percent sign hugs its number, other units take a space."""
    if value is None or not unit:
        return number(value, missing=missing)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(share: float, width: int = 8) -> str:
    """A progress bar of `width` cells in eighths of a block, `░` for the rest."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text + "░" * (width - len(text))


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 file`, `3 files`; `many` for irregular words (`plural(2, "entry", "entries")`)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def truncate(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


_LINE_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]")
_LINE_BREAK_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def one_line(text: object) -> str:
    """User text on one line: control characters, line breaks, DEL and bidi controls escaped.

    Builds on `diagnostics.printable` (which keeps tab and line breaks for reporters
    that escape them their own way); here they are written as `\\n`, `\\t`, `\\r`.
    """
    shown = printable(str(text))
    if _LINE_BREAKS.search(shown) is None:
        return shown
    return _LINE_BREAKS.sub(
        lambda m: _LINE_BREAK_ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04x}"), shown
    )


def markup_safe(text: object) -> str:
    """`one_line(text)` for a rich markup string: `[/]` or `[bold]` in user text print literally."""
    from rich.markup import escape

    return escape(one_line(text))


def quote(text: object, limit: int = 60) -> str:
    """User text quoted in a message: `'sales-west'`, on one line and at most `limit` long."""
    return f"'{truncate(one_line(text), limit)}'"


DID_YOU_MEAN_CUTOFF = 0.6


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option `word` was most likely meant to be (case is ignored), or None."""
    return _closest(word, tuple(option for option in options if isinstance(option, str)))


@functools.lru_cache(maxsize=1024)
def _closest(word: str, listed: tuple[str, ...]) -> str | None:
    """Remembered: one typo'd key copied into many files is looked up once."""
    by_folded: dict[str, str] = {}
    for option in listed:
        by_folded.setdefault(option.casefold(), option)
    if word in listed:
        return word
    found = difflib.get_close_matches(
        word.casefold(), list(by_folded), n=1, cutoff=DID_YOU_MEAN_CUTOFF
    )
    return by_folded[found[0]] if found else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`did you mean 'sales-west'?`, or "" when nothing is close: the one phrasing of the hint."""
    match = closest(word, options)
    return "" if match is None else f"did you mean {quote(match)}?"
