"""MO1: step 1 of the writing protocol, the trigger.

A sprint is activated by a specific signal (a stalled number, an event, a broken
hand-off), never by the calendar; its trigger type must fit what happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from microokr import progress
from microokr.diagnostics import Severity
from microokr.model import Sprint, TriggerType
from microokr.rules.base import Finding, RuleContext, blank_at, sprint_rule
from microokr.rules.prefilter import Screen, lowered_ascii
from microokr.rules.vocabulary.calendar import CALENDAR_PHRASES
from microokr.workspace import SourceFile

MIN_SIGNAL_WORDS = 8
"""Fewer words than this cannot name a number, its target and when it was seen."""

HEURISTIC_CHARS = 2000
"""Only the start of a signal is searched for calendar phrases: signals are a few
sentences, and a bounded search keeps lint fast whatever a file holds."""

_CALENDAR = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(phrase).replace(r"\ ", r"\s+")
        for phrase in sorted(CALENDAR_PHRASES, key=len, reverse=True)
    )
    + r")\b",
    re.IGNORECASE,
)
_CALENDAR_SCREEN = Screen(_CALENDAR.pattern, re.IGNORECASE)
"""Literals one of which every calendar phrase holds: most signals have none of them
and skip the big alternation (`rules/prefilter.py`)."""
_FIRST_WORDS = re.compile(
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
    if not _CALENDAR_SCREEN.may_match(lowered_ascii(text)):
        return None
    start = _FIRST_WORDS.search(text)
    if start is None:
        return None
    match = _CALENDAR.search(text, start.start())
    return " ".join(match.group(0).split()) if match else None


def number(value: float) -> str:
    """A KR value as people write it: 21.2, 3, 22.47 (no float noise)."""
    return format(round(value, 2), "g")


@sprint_rule(
    "MO101",
    "trigger-signal-missing",
    Severity.ERROR,
    "`trigger.signal` is empty or too short to name a specific signal.",
    local=True,
)
def trigger_signal_missing(
    sprint: Sprint, source: SourceFile, ctx: RuleContext
) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint whose `trigger.signal` is missing, empty, or shorter than
    8 words.

    ## Why is this bad?
    Step 1 of the writing protocol names the specific signal that activated the
    sprint: which number stalled, against which target, when. Without it nobody
    can tell a Micro-OKR from a sprint started because it felt like time for one,
    and the Sprint Close has nothing to measure the anchor's movement against.

    ## Example
    ```yaml
    trigger:
      type: kr-at-risk
      signal: Pipeline is behind.
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
    signal = (sprint.trigger.signal or "").strip()
    if not signal:
        at, key = blank_at(source, ("trigger", "signal"))
        yield Finding(
            "the trigger has no signal: write the specific signal that activated the sprint "
            "(which number stalled, against which target, when) in trigger.signal",
            at=at,
            key=key,
        )
        return
    words = len(signal.split())
    if words < MIN_SIGNAL_WORDS:
        yield Finding(
            f"the trigger signal has only {words} word{'s' if words != 1 else ''}, too few to "
            f"name a specific signal: say what moved, against which target and when "
            f"(at least {MIN_SIGNAL_WORDS} words)",
            at=("trigger", "signal"),
        )


@sprint_rule(
    "MO102",
    "calendar-trigger",
    Severity.WARNING,
    "The signal describes a schedule rather than a signal.",
    local=True,
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


@sprint_rule(
    "MO103",
    "gap-needs-teams",
    Severity.ERROR,
    "A `cross-functional-gap` sprint is owned by fewer than two teams.",
    local=True,
)
def gap_needs_teams(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint triggered by a `cross-functional-gap` whose `owner.teams`
    names fewer than two different teams.

    ## Why is this bad?
    A cross-functional gap lives between teams: each one's own KR is green while
    the outcome that depends on all of them stalls. One team alone cannot close
    it; the sprint is owned jointly by every team whose contribution is needed.
    With a single owner it is either another trigger type or an Initiative.

    ## Example
    ```yaml
    trigger:
      type: cross-functional-gap
    owner:
      teams: [sales]
    ```

    ## Use instead
    ```yaml
    trigger:
      type: cross-functional-gap
    owner:
      teams: [sales, product, marketing]
      lead: Priya Raman
    ```
    """
    if sprint.trigger.type is not TriggerType.CROSS_FUNCTIONAL_GAP:
        return
    teams = set(sprint.owner.teams)
    if len(teams) < 2:
        owned = f"only by {next(iter(teams))}" if teams else "by no team"
        yield Finding(
            f"a cross-functional-gap sprint is owned {owned}: add every team whose "
            "contribution the gap needs to owner.teams, or choose another trigger type",
            at=("owner", "teams"),
        )


@sprint_rule(
    "MO104",
    "anchor-not-at-risk",
    Severity.WARNING,
    "A `kr-at-risk` sprint's anchor is on or ahead of its linear trajectory.",
)
def anchor_not_at_risk(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    For a sprint triggered by `kr-at-risk`, compares the anchor KR's `current`
    value in the OKR file with where a linear path from its `baseline` to its
    `target` over the OKR period would stand on `window.start`. Reports the
    trigger when the KR is on or ahead of that trajectory (below it, for a KR
    that decreases, such as churn).

    ## Why is this bad?
    The KR-at-Risk trigger means a Tactical KR is materially off track. A KR on
    trajectory does not need a rescue sprint; either the trigger type is wrong
    (an emergent opportunity to beat the target?), or the OKR file's `current`
    value is out of date.

    ## Example
    ```yaml
    # okrs/2026-q3.yaml: q3-pipeline runs from 20 to 30 over 1 July - 30 September
    current: 26.5
    # sprints/west-pipeline-recovery.yaml
    trigger:
      type: kr-at-risk
    anchor_kr: q3-pipeline
    window: {start: 2026-07-14, end: 2026-07-28}
    ```

    ## Use instead
    ```yaml
    # okrs/2026-q3.yaml: 21.2 on 14 July is below the trajectory (21.4)
    current: 21.2
    ```
    """
    if sprint.trigger.type is not TriggerType.KR_AT_RISK or not sprint.anchor_kr:
        return
    ref = ctx.workspace.key_results.get(sprint.anchor_kr)
    if ref is None:
        return
    key_result = ref.key_result
    if key_result.current is None or key_result.baseline is None or key_result.target is None:
        return
    if key_result.target == key_result.baseline:
        return
    day = sprint.window.start
    try:
        trajectory = progress.linear_trajectory(ref.okr, key_result, day)
    except OverflowError:  # a span of numbers beyond float range: nothing sensible to say
        return
    if trajectory is None:
        return
    increasing = key_result.target > key_result.baseline
    current = key_result.current
    if (current >= trajectory) if increasing else (current <= trajectory):
        where = "on" if current == trajectory else ("above" if increasing else "below")
        yield Finding(
            f"the anchor {key_result.id} stands at {number(current)} ({ref.source.rel}), "
            f"{where} its linear trajectory of {number(trajectory)} on {day.isoformat()}, so "
            "it is not at risk: update its current value in the OKR file, or choose the "
            "trigger type that fits",
            at=("trigger", "type"),
        )
