"""What an output KR looks like (read by MO502 output-kr).

Seed 002: "This produces output KRs (task counts, campaign launches, training
completions) instead of outcome KRs (condition changes)". The seeds name the
outputs a KR must not be: outreach calls, emails sent, meetings held, trainings
completed, campaigns launched, re-onboarding calls conducted, engineering fixes
shipped, internal meetings held, follow-up calls made, alignment meetings held.
They name the outcomes a KR should be: acceptance rate, time-to-first-meeting,
stage progression, activation rate, conversion, health score, adoption rate,
renewal rate, proposal submission date, technical evaluation score, stakeholder
engagement breadth, handoff response time, contracts signed.

An output is an ACTIVITY NOUN (calls, emails, meetings...) that is counted or
done, recognised by one of these shapes:

1. an activity verb opens the KR and a count or an activity noun follows
   ("Conduct 30 targeted outreach calls", "Launch 2 campaigns"); for the verbs
   in `TASK_VERBS` the verb alone is enough ("Launch the new pricing page");
2. an activity noun next to one of its verbs ("calls made", "fixes shipped",
   "hold 10 internal meetings");
3. an activity noun counted ("number of follow-up calls", "40 re-onboarding calls");
4. a KR whose `unit` is an activity noun (`unit: calls`).

A MEASURE WORD (rate, ratio, conversion, time, score, median...) marks a
condition and clears the KR: "ICP meeting acceptance rate" and "call-to-meeting
conversion" mention an activity but measure what it changed. Share words
("percentage", "share", "%") do not clear a KR on purpose: "the percentage of
trainings completed" is still training completion.

Left out on purpose: "contracts", "deals", "accounts", "stakeholders", "leads",
"proposals", "tickets" (the seeds measure contracts signed, stakeholders
engaged and accounts progressed as outcomes), and the verbs "sign", "close",
"book", "accept", "activate", "convert", "progress" (they describe what a
customer did, which is a condition).
"""

from __future__ import annotations


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_ACTIVITY_NOUN_STEMS = (
    "activity",
    "ad",
    "article",
    "audit",
    "blog",
    "call",
    "campaign",
    "certification",
    "checklist",
    "class",
    "course",
    "deliverable",
    "demo",
    "dial",
    "email",
    "event",
    "experiment",
    "fix",
    "initiative",
    "interview",
    "launch",
    "mail",
    "mailing",
    "meeting",
    "message",
    "module",
    "newsletter",
    "outreach",
    "pitch",
    "post",
    "presentation",
    "release",
    "review",
    "sequence",
    "session",
    "standup",
    "task",
    "touch",
    "touchpoint",
    "training",
    "update",
    "video",
    "visit",
    "webinar",
    "workshop",
)

ACTIVITY_NOUNS: frozenset[str] = frozenset(
    form for stem in _ACTIVITY_NOUN_STEMS for form in (stem, _plural(stem))
)
"""Things a team does (singular and plural, lower case): counting them measures output."""

_ACTIVITY_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "attend": ("attends", "attended", "attending"),
    "complete": ("completes", "completed", "completing"),
    "conduct": ("conducts", "conducted", "conducting"),
    "deliver": ("delivers", "delivered", "delivering"),
    "dial": ("dials", "dialed", "dialled", "dialing", "dialling"),
    "do": ("does", "did", "done", "doing"),
    "execute": ("executes", "executed", "executing"),
    "finish": ("finishes", "finished", "finishing"),
    "hold": ("holds", "held", "holding"),
    "host": ("hosts", "hosted", "hosting"),
    "launch": ("launches", "launched", "launching"),
    "log": ("logs", "logged", "logging"),
    "make": ("makes", "made", "making"),
    "organise": ("organises", "organised", "organising"),
    "organize": ("organizes", "organized", "organizing"),
    "perform": ("performs", "performed", "performing"),
    "place": ("places", "placed", "placing"),
    "post": ("posts", "posted", "posting"),
    "produce": ("produces", "produced", "producing"),
    "publish": ("publishes", "published", "publishing"),
    "record": ("records", "recorded", "recording"),
    "release": ("releases", "released", "releasing"),
    "run": ("runs", "ran", "running"),
    "schedule": ("schedules", "scheduled", "scheduling"),
    "send": ("sends", "sent", "sending"),
    "ship": ("ships", "shipped", "shipping"),
    "submit": ("submits", "submitted", "submitting"),
    "write": ("writes", "wrote", "written", "writing"),
}

ACTIVITY_VERBS: frozenset[str] = frozenset(_ACTIVITY_VERB_FORMS)
"""The verbs' base forms: the imperative that opens a task ("Send 40 emails")."""

ACTIVITY_VERB_FORMS: frozenset[str] = frozenset(
    form for base, forms in _ACTIVITY_VERB_FORMS.items() for form in (base, *forms)
)
"""Every form of the verbs, for "calls made", "meetings held", "fixes shipped"."""

TASK_VERBS: frozenset[str] = frozenset(
    {
        "attend",
        "complete",
        "conduct",
        "execute",
        "finish",
        "hold",
        "host",
        "launch",
        "organise",
        "organize",
        "perform",
        "publish",
        "schedule",
        "send",
        "ship",
    }
)
"""Verbs that make a task of anything they open ("Launch the pricing page").

"Make", "run", "deliver", "do", "write" are not here: "Deliver a 20% reduction in
churn" opens with a verb but measures a condition.
"""

COUNT_PHRASES: tuple[tuple[str, ...], ...] = (
    ("number", "of"),
    ("count", "of"),
    ("amount", "of"),
    ("#", "of"),
    ("total",),
)
"""Words that count what follows: "number of follow-up calls"."""

MEASURE_WORDS: frozenset[str] = frozenset(
    {
        "average",
        "avg",
        "conversion",
        "csat",
        "duration",
        "latency",
        "mean",
        "median",
        "nps",
        "percentile",
        "rate",
        "rates",
        "ratio",
        "satisfaction",
        "score",
        "scores",
        "time",
        "times",
        "velocity",
    }
)
"""Words that name a condition: a KR measured by one of them is an outcome."""

VERB_BEFORE_NOUN = 5
"""How many words may stand between a verb and its noun: "Hold 10 internal alignment meetings"."""
NOUN_BEFORE_VERB = 2
"""...and between a noun and a following participle: "re-onboarding calls conducted"."""
COUNT_BEFORE_NOUN = 3
"""...and between a count and its noun: "40 re-onboarding calls", "number of follow-up calls"."""
