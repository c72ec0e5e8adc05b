"""Phrases that name the calendar instead of a signal (read by MO102 calendar-trigger).

Seed 004: "A Micro-OKR is always activated by a specific signal, not by the
calendar"; seed 002: sprints "activated on a schedule rather than a signal" are
the most common mistake. A trigger signal that says *when* ("start of the
quarter", "every month", "planning cycle") instead of *what happened* (a stalled
number, an event, a broken hand-off) describes a schedule.

Left out on purpose, because real signals use them to qualify a metric or a
deadline: bare "monthly", "weekly", "quarterly" and "annual" ("monthly logo churn
rose to 3.4%", "annual contract value fell"), "mid-quarter" (seed 000's enterprise
opportunity "emerges mid-quarter"), "Week 6 of Q3", "renewal cycle" and "end of
the quarter" (a signal may say what happens to a KR by then). Those words count
only inside the schedule phrases below ("monthly planning", "annual review").
"""

from __future__ import annotations

_BOUNDARIES = ("start", "beginning", "kick-off", "kickoff")
_PERIODS = ("quarter", "month", "year", "fiscal year", "half", "week", "cycle", "sprint cycle")
_CADENCES = ("monthly", "quarterly", "weekly", "annual", "yearly", "biweekly", "half-yearly")
_CEREMONIES = (
    "planning",
    "planning cycle",
    "review",
    "kickoff",
    "kick-off",
    "offsite",
    "cycle",
    "cadence",
    "sprint",
    "okr sprint",
    "micro-okr",
    "reset",
)

CALENDAR_PHRASES: tuple[str, ...] = (
    # "start of the quarter", "beginning of the month", "kickoff of the fiscal year"
    *(f"{b} of the {p}" for b in _BOUNDARIES for p in _PERIODS),
    *(f"{b} of {p}" for b in _BOUNDARIES for p in ("q1", "q2", "q3", "q4", "h1", "h2")),
    # "every month", "each week", "every two weeks"
    *(f"{e} {p}" for e in ("every", "each") for p in _PERIODS),
    *(
        f"every {n} {p}s"
        for n in ("two", "three", "four", "2", "3", "4")
        for p in ("week", "month")
    ),
    # "monthly planning", "quarterly review", "annual kickoff", "weekly sprint"
    *(f"{c} {m}" for c in _CADENCES for m in _CEREMONIES),
    # "new quarter", "the quarter has started"
    "new quarter",
    "new month",
    "new fiscal year",
    "new planning period",
    "quarter has started",
    "quarter has begun",
    "month has started",
    "month has begun",
    "planning cycle",
    "planning window",
    "planning season",
    "okr cycle",
    "okr season",
    "on the calendar",
    "per the calendar",
    "calendar says",
    "as scheduled",
    "scheduled sprint",
    "regular cadence",
    "recurring sprint",
    "time of the quarter",
    "time of year",
    "fortnightly",
)
"""Lower-case phrases, matched as whole words; any run of spaces matches a space."""
