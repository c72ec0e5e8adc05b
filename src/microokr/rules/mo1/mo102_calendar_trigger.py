"""MO102 calendar-trigger: The signal describes a schedule rather than a signal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.prefilter import Screen, lowered_ascii
from microokr.rules.vocabulary.calendar import CALENDAR_PHRASES
from microokr.workspace import SourceFile

HEURISTIC_CHARS = 2000
"""Only the start of a signal is searched for calendar phrases: signals are a few
sentences, and a bounded search keeps lint fast whatever a file holds."""


_CALENDAR = Screen(
    r"\b(?:"
    + "|".join(
        re.escape(phrase).replace(r"\ ", r"\s+")
        for phrase in sorted(CALENDAR_PHRASES, key=len, reverse=True)
    )
    + r")\b",
    re.IGNORECASE,
)
"""The calendar phrases, and the literals one of which each holds: most signals have
none of them and skip the big alternation (`rules/prefilter.py`), which is compiled
only when a signal does."""


_FIRST_WORDS = Screen(
    r"\b(?:"
    + "|".join(
        re.escape(word)
        for word in sorted(
            {phrase.split()[0] for phrase in CALENDAR_PHRASES}, key=len, reverse=True
        )
    )
    + r")\b",
    re.IGNORECASE,
)
"""The first words of the phrases: every match of `_CALENDAR` starts where one of them
does, so the alternation of ~200 phrases, tried at every position, only runs from the
first place a phrase could start. Same answers, a fifth of the time."""


def calendar_phrase(text: str) -> str | None:
    """The first phrase of `text` that names the calendar instead of a signal."""
    text = text[:HEURISTIC_CHARS]
    if not _CALENDAR.may_match(lowered_ascii(text)):
        return None
    start = _FIRST_WORDS.regex.search(text)
    if start is None:
        return None
    match = _CALENDAR.regex.search(text, start.start())
    return " ".join(match.group(0).split()) if match else None


@sprint_rule(
    "MO102",
    "calendar-trigger",
    Severity.WARNING,
    "The signal describes a schedule rather than a signal.",
    local=True,
    answers=("trigger.signal",),
)
def calendar_trigger(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a `trigger.signal` that names the calendar ("start of the quarter",
    "every month", "planning cycle", "monthly planning") instead of a signal.
    The phrases are listed in `microokr/rules/vocabulary/calendar.py`.

    ## Why is this bad?
    A Micro-OKR is trigger-based, not schedule-based: it is activated by a
    stalled KR, an emergent opportunity or a cross-functional gap, never by the
    arrival of a planning window. Sprints started on a schedule turn into mini
    quarterly OKRs: output KRs, no anchor movement, and abandoned closes.

    ## Example
    ```yaml
    trigger:
      type: kr-at-risk
      signal: It is the start of the quarter, so every team runs its monthly sprint.
    ```

    ## Use instead
    ```yaml
    trigger:
      type: kr-at-risk
      signal: >-
        Qualified pipeline stands at $21.2M against a $30M target at Week 6 of Q3,
        29% below linear trajectory.
    ```
    """
    phrase = calendar_phrase(sprint.trigger.signal or "")
    if phrase is not None:
        yield Finding(
            f"the signal names the calendar ('{phrase}') rather than what happened: a "
            "Micro-OKR is activated by a signal, so write the stalled number, the event or "
            "the broken hand-off that triggered it",
            at=("trigger", "signal"),
        )
