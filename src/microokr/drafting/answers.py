"""Reading typed answers: numbers, dates, window lengths, ids, choices, KR statements.

Each `parse_*` takes what was typed (a string) or what a `--from` file holds (a YAML
value: a number, a date, a list) and returns the value for the sprint file, or raises
`AnswerError` whose message says how to write the answer. Nothing here prompts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microokr.model.common import SLUG_PATTERN

MISSING: Any = object()
"""No answer: a key the `--from` file lacks, or one the walk has already used."""


class AnswerError(ValueError):
    """An answer that cannot be read (not a date, not a number): says how to write it."""


def close_match(word: str, options: Iterable[str]) -> str | None:
    """The option `word` was most likely meant to be, for a "did you mean" hint."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1)
    return close[0] if close else None


@dataclass(frozen=True)
class KrNumbers:
    baseline: int | float
    target: int | float
    unit: str | None


_NUMBER = r"-?\d+(?:\.\d+)?"
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<pre1>[$€£]?)(?P<a>{_NUMBER})\s*(?P<post1>%|[A-Za-z]+\b)?"
    rf"\s+to\s+(?P<pre2>[$€£]?)(?P<b>{_NUMBER})\s*(?P<post2>%|[A-Za-z]+\b)?",
    re.IGNORECASE,
)
_SCALE_SUFFIX = {"k", "m", "bn", "b"}


def parse_kr_numbers(statement: str) -> KrNumbers | None:
    """Baseline, target and unit read from "... from 22% to 35%" or "from 12 days to 7 days".

    "$20M to $30M" gives unit "$M". Returns None when the statement says no "from X to Y".
    """
    match = _FROM_TO.search(statement)
    if match is None:
        return None
    prefix = match["pre2"] or match["pre1"] or ""
    post1, post2 = match["post1"] or "", match["post2"] or ""
    suffix = post2 or post1
    if suffix.lower() in {"to", "by", "within", "in", "before", "and", "at", "per"}:
        suffix = ""
    if post1 and post2 and post1.lower() != post2.lower() and post1 != "%":
        suffix = post2
    if suffix and suffix != "%" and suffix.lower() not in _SCALE_SUFFIX and prefix:
        suffix = ""
    unit = (prefix + suffix) or None
    return KrNumbers(_to_number(match["a"]), _to_number(match["b"]), unit)


def _to_number(text: str) -> int | float:
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def parse_number(raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError("write a number like 22 or 21.2, not yes/no")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise AnswerError("write a finite number like 22 or 21.2")
        return raw
    text = str(raw).strip().replace(" ", "")
    stripped = text.lstrip("$€£").rstrip("%")
    if not re.fullmatch(_NUMBER, stripped):
        raise AnswerError(
            f"'{text:.30}' is not a number: write it like 22 or 21.2 (the unit is asked separately)"
        )
    return _to_number(stripped)


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    text = str(raw).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
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
