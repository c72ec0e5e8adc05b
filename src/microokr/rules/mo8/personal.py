"""Whether a text reads as an individual's instrument: "my", "per rep", a person's name.

MO801's reader: the first-person and per-person patterns of
`rules/vocabulary/personal.py`, and the names of the people the workspace knows,
matched as one screened pattern (`rules/prefilter.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from microokr.rules.prefilter import Screen, Screens, lowered_ascii
from microokr.rules.vocabulary.personal import PERSONAL_PATTERNS

_PERSONAL = Screens((pattern for pattern, _ in PERSONAL_PATTERNS), re.IGNORECASE)


def person_names(people: Iterable[str | list[str] | None]) -> list[str]:
    """Distinct non-empty names of people, longest first."""
    names: set[str] = set()
    for person in people:
        for name in person if isinstance(person, list) else [person]:
            if name and name.strip() and len(name.strip()) > 1:
                names.add(" ".join(name.split()))
    return sorted(names, key=len, reverse=True)


@lru_cache(maxsize=8)
def registry_names(leads: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple(person_names(leads))
    return names, frozenset(names)


@lru_cache(maxsize=64)
def names_pattern(names: tuple[str, ...]) -> Screen | None:
    """One pattern for every name (and a first name as a possessive), compiled once,
    screened by the names' words (`rules/prefilter.py`).

    A pattern per name per statement cost most of a warm lint of a large workspace.
    """
    alternatives: list[str] = []
    for name in names:
        parts = name.split()
        alternatives.append(r"\s+".join(re.escape(part) for part in parts))
        if len(parts) > 1:
            # "Dana's pipeline": a first name as a possessive names a person too.
            alternatives.append(re.escape(parts[0]) + r"['’]s")
    return Screen(r"\b(?:" + "|".join(alternatives) + r")\b") if alternatives else None


def _named(found: str, names: tuple[str, ...]) -> str:
    """The full name behind a match ('Dana's' -> 'Dana Ortiz')."""
    plain = " ".join(found.split())
    for name in names:
        if plain == name or plain.rstrip("s").rstrip("'’") == name.split()[0]:
            return name
    return plain


def personal_reason(text: str, names: Iterable[str] = ()) -> str | None:
    """What makes `text` read as an individual's instrument, or None."""
    known = tuple(names)
    return reason_of(text, known, names_pattern(known))


def reason_of(text: str, names: tuple[str, ...], pattern: Screen | None) -> str | None:
    """`personal_reason` with the names' pattern (`names_pattern(names)`) at hand: MO801
    looks it up once per sprint, not once per statement."""
    lowered = lowered_ascii(text)
    match = pattern.search(text, lowered) if pattern is not None else None
    if match is not None:
        return f"it names a person ('{_named(match.group(0), names)}')"
    found = _PERSONAL.first(text, lowered)
    if found is not None:
        index, match = found
        return f"it reads as {PERSONAL_PATTERNS[index][1]}: '{match.group(0)}'"
    return None
