"""MO801 personal-instrument: The objective or KRs read as an individual's quota or task list."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo8.common import texts
from microokr.rules.prefilter import Screen, Screens, lowered_ascii
from microokr.rules.vocabulary.personal import PERSONAL_PATTERNS
from microokr.workspace import SourceFile

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
def _registry_names(leads: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple(person_names(leads))
    return names, frozenset(names)


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> Screen | None:
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
    lowered = lowered_ascii(text)
    pattern = _names_pattern(known)
    match = pattern.search(text, lowered) if pattern is not None else None
    if match is not None:
        return f"it names a person ('{_named(match.group(0), known)}')"
    found = _PERSONAL.first(text, lowered)
    if found is not None:
        index, match = found
        return f"it reads as {PERSONAL_PATTERNS[index][1]}: '{match.group(0)}'"
    return None


@sprint_rule(
    "MO801",
    "personal-instrument",
    Severity.WARNING,
    "The objective or KRs read as an individual's quota or task list.",
    answers=("objective.statement", "key_results.*.statement", "owner.lead"),
)
def personal_instrument(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reads the objective statement and the KR statements for signs of an
    individual's instrument: first person ("my", "I"), per-person targets ("per
    rep", "each rep", "individual"), a personal quota, or the name of a person
    the workspace knows (a team lead of the registry, the sprint's
    `owner.lead`). The word list is in `microokr/rules/vocabulary/personal.py`.

    ## Why is this bad?
    "Team instruments only. Individual sales rep targets are not Micro-OKRs.
    Wrapping personal quota obligations in OKR language reintroduces the
    performance appraisal dynamic that undermines honest check-in
    conversations." The team owns the outcome collectively.

    ## Example
    ```yaml
    objective:
      statement: Hit my pipeline number before the Q3 mid-review
    key_results:
      - id: kr1
        statement: Increase qualified meetings per rep from 4 to 8
    ```

    ## Use instead
    ```yaml
    objective:
      statement: Restore qualified pipeline momentum before the Q3 mid-review
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
    ```
    """
    # The registry's names are sorted once per workspace, not once per sprint (which
    # made MO801 quadratic: 5.6 s of a 14 s lint of 10,000 sprints).
    registry, known = _registry_names(ctx.workspace.lead_names)
    own = person_names([sprint.owner.lead])
    names = registry if known.issuperset(own) else tuple(person_names([*registry, *own]))
    for at, text in texts(sprint, condition=False):
        reason = personal_reason(text, names)
        if reason is not None:
            what = (
                "the objective"
                if at[0] == "objective"
                else f"KR '{sprint.key_results[int(at[1])].id}'"
            )
            yield Finding(
                f"{what} reads as an individual's instrument ({reason}): write it as the "
                "team's shared outcome; Micro-OKRs are team instruments only",
                at=at,
            )
