"""Reading what people type: one number grammar, one date grammar, one "from X to Y".

Answers at prompts, `--value`/`--anchor`/`--date` flags, `--from` files and KR
statements are all read here, so `24`, `1,200`, `35%` and `2026-07-14` mean the same
wherever they are typed. Each reader raises `ParseError`, whose `kind` says what
was wrong; callers word the message for where the text came from (a flag, a prompt).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any, Literal, NamedTuple

from microokr.rules.prefilter import Screen, lowered_ascii

ParseProblem = Literal["not-a-number", "not-finite", "too-large", "not-a-date"]


class ParseError(ValueError):
    """Text that is not what was asked for; `kind` says how (a number that is not finite...)."""

    def __init__(self, kind: ParseProblem, text: str) -> None:
        super().__init__(f"{text!r}: {kind}")
        self.kind: ParseProblem = kind
        self.text = text


_NUMBER = re.compile(
    r"(?P<sign>[+-]?)[$€£]?\s?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)"
    r"(?P<exponent>[eE][+-]?\d+)?\s?%?"
)


def parse_number(raw: Any) -> int | float:
    """A KR value: `24`, `-3`, `21.6`, `1,200`, `35%`, `$20`, `1e3`; ints stay ints.

    A YAML value (a `--from` file) is taken as it is. Refused: yes/no, text, NaN,
    infinities, and integers too large for a float (progress divides by them).
    """
    if isinstance(raw, bool):
        raise ParseError("not-a-number", str(raw))
    if isinstance(raw, int | float):
        return _checked(raw, str(raw))
    text = str(raw).strip()
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise ParseError("not-a-number", text)
    digits = match["digits"].replace(",", "")
    written = match["sign"] + digits + (match["exponent"] or "")
    value: int | float
    if "." in digits or match["exponent"]:
        value = float(written)
    else:
        try:
            value = int(written)
        except ValueError:  # more digits than Python converts
            raise ParseError("too-large", text) from None
    return _checked(value, text)


def _checked(value: int | float, text: str) -> int | float:
    try:
        as_float = float(value)
    except OverflowError:
        raise ParseError("too-large", text) from None
    if not math.isfinite(as_float):
        raise ParseError("not-finite", text)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(raw: Any) -> dt.date:
    """A day written `YYYY-MM-DD` (or a YAML date): nothing else, not `20260714`, not a time."""
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    text = str(raw).strip()
    if _ISO_DATE.fullmatch(text) is None:
        raise ParseError("not-a-date", text)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ParseError("not-a-date", text) from None


# ── "from X to Y" in a KR statement ──────────────────────────────────────────────


class Amount(NamedTuple):
    """One side of "from X to Y" as written: `written` "1,200", `scale` "k", `%` or None.

    A named tuple, as `FromTo`: built for every KR statement of a lint, ~4x cheaper
    than a frozen dataclass."""

    written: str
    scale: str | None
    currency: str | None
    word: str | None
    """The unit word after the number ("days" in "12 days"), if any."""

    @property
    def value(self) -> int | float:
        """The number as written, without its scale: 1200 for "1,200k", 22 for "22%"."""
        digits = self.written.replace(",", "")
        return float(digits) if "." in digits else int(digits)


class FromTo(NamedTuple):
    start: Amount
    end: Amount

    @property
    def unit(self) -> str | None:
        """The KR's unit: "%", "days", "$M"; None when the statement names none."""
        prefix = self.end.currency or self.start.currency or ""
        suffix = self.end.scale or self.start.scale or ""
        if not suffix:
            word = self.end.word or self.start.word
            suffix = "" if prefix or word is None else word
        return (prefix + suffix) or None


_AMOUNT = (
    r"(?P<{0}c>[$€£])?\s?(?P<{0}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<{0}s>%|[kKmMbB]n?\b|(?:thousand|million|billion)\b))?"
)
_ABOUT = r"(?:about\s+|around\s+|~)?"
_WORDS = r"(?P<{0}w>(?:\s+[A-Za-z][A-Za-z/-]*){{0,2}}?)"
_WORD_AFTER = r"(?:\s+(?P<{0}w>[A-Za-z][A-Za-z/-]*))?"


@functools.cache
def _spans() -> tuple[Screen, Screen]:
    """The "from X to Y" and "X → Y" patterns, compiled on first use (a lint whose KR
    rules come from the cache never needs them: compiling was 1% of its start-up), and
    screened by their literals ("from", an arrow: `rules/prefilter.py`)."""
    from_to = Screen(
        rf"\bfrom\s+{_ABOUT}{_AMOUNT.format('x')}{_WORDS.format('x')}\s*(?:to|→|->)\s*{_ABOUT}"
        rf"{_AMOUNT.format('y')}{_WORD_AFTER.format('y')}",
        re.IGNORECASE,
    )
    arrow = Screen(
        rf"(?<![\w.,]){_AMOUNT.format('x')}{_WORDS.format('x')}\s*(?:→|->)\s*{_ABOUT}"
        rf"{_AMOUNT.format('y')}{_WORD_AFTER.format('y')}",
        re.IGNORECASE,
    )
    return from_to, arrow


_NOT_UNITS = frozenset(
    {"to", "by", "within", "in", "before", "and", "at", "per", "for", "of", "over"}
    | {"across", "after", "until", "the", "a", "an", "or"}
)


def from_to(statement: str) -> FromTo | None:
    """The first "from X to Y" of a statement: "from 22% to 35%", "from 1,200 to 1,500",
    "from $20M to $30M", "26 hours → 4 hours". None when it has none."""
    match = _from_to_match(statement)
    if match is None:
        return None
    return FromTo(_amount(match, "x"), _amount(match, "y"))


Written = tuple[str, str | None]
"""A number as written and its scale: ("1,200", "k"), ("22", "%"), ("4", None)."""


def from_to_numbers(statement: str) -> tuple[Written, Written] | None:
    """`from_to(statement)`'s (written, scale) of both sides, without the rest: what
    MO506 compares with `baseline` and `target` for every KR of a lint."""
    match = _from_to_match(statement)
    if match is None:
        return None
    x, xs, y, ys = match.group("x", "xs", "y", "ys")
    return (x, xs), (y, ys)


def _from_to_match(statement: str) -> re.Match[str] | None:
    from_to_pattern, arrow = _spans()
    lowered = lowered_ascii(statement)
    return from_to_pattern.search(statement, lowered) or arrow.search(statement, lowered)


def _amount(match: re.Match[str], side: str) -> Amount:
    written, scale, currency, after = match.group(side, f"{side}s", f"{side}c", f"{side}w")
    words = after.split() if after else ()
    word = words[-1] if words else None
    if word is not None and word.lower() in _NOT_UNITS:
        word = None
    return Amount(written, scale, currency, word)


_BREAKS_REFUSED = re.compile("[\r\u2028\u2029\ufeff]")


def plain_text(text: str, *, what: str) -> str:
    """`text` unless it holds a character a sprint file should not: refused, never mangled.

    Control characters, DEL, C1 controls, a lone CR, bidi controls and line or
    paragraph separators (U+2028/9) would be written as YAML escapes or change how
    the file reads back; an answer is typed text, so one of these is a mistake (or
    an attack on whoever reads the file next). Tabs and newlines stay allowed.
    """
    from microokr.diagnostics import UNPRINTABLE
    from microokr.errors import UsageError

    found = UNPRINTABLE.search(text) or _BREAKS_REFUSED.search(text)
    if found is None:
        return text
    code = ord(found.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # an argument byte that is not UTF-8 (surrogateescape)
        kind = f"the byte 0x{code - 0xDC00:02X}, which is not UTF-8"
    else:
        kind = f"the control character U+{code:04X}"
    raise UsageError(
        f"{what} holds {kind} (character {found.start() + 1}): remove it; nothing was written"
    )
