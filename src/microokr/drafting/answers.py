"""Reading typed answers: numbers, dates, window lengths, ids, choices, KR statements.

Each `parse_*` takes what was typed (a string) or what a `--from` file holds (a YAML
value: a number, a date, a list) and returns the value for the sprint file, or raises
`AnswerError` whose message says how to write the answer. Nothing here prompts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microokr import parsing
from microokr.model.common import SLUG_PATTERN
from microokr.parsing import ParseError, from_to

MISSING: Any = object()
"""No answer: a key the `--from` file lacks, or one the walk has already used."""


class AnswerError(ValueError):
    """An answer that cannot be read (not a date, not a number): says how to write it."""


@dataclass(frozen=True)
class KrNumbers:
    baseline: int | float
    target: int | float
    unit: str | None


def parse_kr_numbers(statement: str) -> KrNumbers | None:
    """Baseline, target and unit read from "... from 22% to 35%" or "from 12 days to 7 days".

    "$20M to $30M" gives unit "$M". Returns None when the statement says no "from X to Y".
    """
    read = from_to(statement)
    if read is None:
        return None
    return KrNumbers(read.start.value, read.end.value, read.unit)


def parse_number(raw: Any) -> int | float:
    try:
        return parsing.parse_number(raw)
    except ParseError as error:
        if isinstance(raw, bool):
            raise AnswerError("write a number like 22 or 21.2, not yes/no") from None
        if error.kind != "not-a-number":
            raise AnswerError("write a finite number like 22 or 21.2") from None
        text = str(raw).strip()
        raise AnswerError(
            f"'{text:.30}' is not a number: write it like 22 or 21.2 (the unit is asked separately)"
        ) from None


def parse_date(raw: Any) -> dt.date:
    try:
        return parsing.parse_date(raw)
    except ParseError:
        text = str(raw).strip()
        raise AnswerError(
            f"'{text:.30}' is not a date: write YYYY-MM-DD, like 2026-07-14"
        ) from None


_LENGTH = re.compile(r"(\d+)\s*(d|days?|w|weeks?)", re.IGNORECASE)


def parse_end(raw: Any, start: dt.date) -> dt.date:
    """An end date, or a length from the start: `14d`, `3w`, `21 days`."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return start + dt.timedelta(days=raw)
    match = _LENGTH.fullmatch(str(raw).strip()) if not isinstance(raw, dt.date) else None
    if match:
        count = int(match[1])
        days = count * 7 if match[2].lower().startswith("w") else count
        return start + dt.timedelta(days=days)
    try:
        return parse_date(raw)
    except AnswerError:
        raise AnswerError(
            f"'{str(raw).strip():.30}' is neither a date nor a length: write YYYY-MM-DD, "
            "or a length like 14d or 3w"
        ) from None


def parse_text(raw: Any) -> str:
    if isinstance(raw, Mapping | list):
        raise AnswerError("write one line of text here, not a list or a mapping")
    if isinstance(raw, bool) or raw is None:
        raise AnswerError("write a sentence here")
    # Runs of spaces collapse (a typed answer), line breaks stay (a literal block in a file).
    text = "\n".join(" ".join(line.split()) for line in str(raw).strip().splitlines()).strip()
    if not text:
        raise AnswerError("an answer is needed here")
    return text


def parse_optional_text(raw: Any) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ""
    return parse_text(raw)


def parse_slug(raw: Any) -> str:
    text = str(raw).strip()
    if not re.fullmatch(SLUG_PATTERN, text) or len(text) > 128:
        raise AnswerError(
            f"'{text:.40}' is not an id: use letters, digits, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    return text


def parse_choice(raw: Any, options: Sequence[str], *, what: str) -> str:
    """A numbered choice: the number shown, or the option itself (`kr-at-risk`)."""
    text = str(raw).strip().lower()
    if text.startswith("a "):
        text = text[2:]
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    if text in options:
        return text
    listed = ", ".join(f"{n} {option}" for n, option in enumerate(options, 1))
    raise AnswerError(f"'{str(raw).strip():.30}' is not a {what}: answer with one of {listed}")


def parse_yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"y", "yes", "true"}:
        return True
    if text in {"n", "no", "false"}:
        return False
    raise AnswerError("answer y or n")


def parse_minutes(raw: Any) -> int:
    value = parse_number(raw)
    if not isinstance(value, int) or not 0 < value <= 480:
        raise AnswerError("write the length of a check-in in whole minutes, like 15")
    return value


def parse_teams(raw: Any) -> list[str]:
    """Team ids separated by commas (a YAML list in a --from file)."""
    items = raw if isinstance(raw, list) else str(raw).split(",")
    teams = [" ".join(str(item).split()) for item in items if str(item).strip()]
    if not teams:
        raise AnswerError("name at least one owning team")
    if len(set(teams)) != len(teams):
        raise AnswerError("a team is named twice: name each owning team once")
    return teams
