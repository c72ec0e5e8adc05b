"""What a KR measures: the words MO502 output-kr (and MO302) read, as documented data.

Seed 002: "Outreach calls, email sequences, and pipeline reviews sit in the
Initiatives row — not the Key Results row. This is the most important quality
control in Micro-OKR practice." The seeds' outcomes are changes in the state of
customers, accounts, leads, deals, people, systems or money: acceptance rate,
stage progression, time-to-meeting, activation, conversion, health score,
adoption, renewal rate, contracts signed, stakeholders engaged. Their outputs are
what the team produces or does: calls made, emails sent, meetings held, trainings
completed, campaigns launched, fixes shipped.

`rules/mo5/quantity.py` reads a KR statement as a MEASURED QUANTITY — its head noun
and what qualifies it — not by how the sentence opens, so "Increase the number of
A/B tests shipped from 0 to 4" is an output like "Ship 4 A/B tests", and "Increase
the number of trials that convert within 14 days" an outcome. The classes below
are the whole vocabulary; a word in no class is not read.

Decisions, in order (the first that applies):
1. a STRONG_OPENER verb opens the KR ("Conduct 30 calls", "Redesign the pricing
   page"): an output, unless the thing it acts on is a MEASURE ("Deliver a 20%
   reduction in churn");
2. a MEASURE word names the quantity (rate, time, score, share, amount, revenue,
   churn ...): an outcome — except the completion share of an output ("training
   completion rate", "the percentage of trainings completed");
3. otherwise the head noun decides: a PRODUCT noun (calls, pages, variants, fixes)
   is an output whatever the verb in front; a HOLDER noun (customers, users,
   accounts, leads, deals, systems) is an outcome unless a team's activity is done
   to it ("accounts contacted"); a NEUTRAL noun (tickets, bugs, incidents) is an
   outcome unless counted as done ("bugs fixed", "tickets closed");
4. a KR whose `unit` is a PRODUCT noun (`unit: calls`) is an output.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: the lists below are data, one block each."""
    return frozenset(text.split())


def _forms(text: str) -> frozenset[str]:
    """Each whitespace-separated stem of `text` and its plural, lower case."""
    forms = set()
    for stem in text.split():
        forms.add(stem)
        if stem.endswith(("s", "x", "ch", "sh")):
            forms.add(stem + "es")
        elif stem.endswith("y") and stem[-2:-1] not in "aeiou":
            forms.add(stem[:-1] + "ies")
        else:
            forms.add(stem + "s")
    return frozenset(forms)


PRODUCT_NOUNS: dict[str, frozenset[str]] = {
    "outreach": _forms("""
        call dial email mail mailing message outreach sequence touch touchpoint reminder
        newsletter pitch
    """),
    "meeting": _forms("meeting review qbr standup workshop interview hour visit"),
    "content": _forms("""
        page post article blog video ad update guide ladder description document doc
        runbook macro playbook checklist template survey
    """),
    "campaign": _forms("campaign webinar event show presentation"),
    "sales": _forms("demo proposal quote"),
    "feature": _forms("""
        feature release launch variant test abtest experiment prototype item improvement
        deliverable initiative task activity module marketplace layer tool integration
    """),
    "engineering": _forms("fix pr commit deployment migration refactor"),
    "training": _forms("training course class certification"),
    "finance": _forms("report dashboard model forecast pack plan reconciliation budget"),
}
"""Things a team produces or does, by family (the family picks the message's example).

Counted or done, they measure output. "integration" and "module" are features
built; "hour" is a meeting held ("office hours"). Left out on purpose: "sessions"
(of users: "crash-free sessions") are a HOLDER noun; "visits" of the team are
here, visitors are holders.
"""

PRODUCT_FAMILY: dict[str, str] = {
    form: family for family, forms in PRODUCT_NOUNS.items() for form in forms
}

EXAMPLES: dict[str, str] = {
    "outreach": "the reply or meeting acceptance rate of the accounts reached",
    "meeting": "the stage progression of the accounts involved",
    "content": "the sign-up or upgrade rate of visitors",
    "campaign": "the conversion rate of the leads they reach",
    "sales": "the win rate or stage progression of the deals they serve",
    "feature": "the adoption or conversion rate of the users they reach",
    "engineering": "the error rate or recovery time customers see",
    "training": "the win rate or quality score of the people trained",
    "finance": "the forecast error or days to close",
    "holder": "the share of them that reply, convert or progress",
    "neutral": "the time to resolution or the reopen rate",
}
"""What the output should change, per family: the "e.g." of MO502's message."""

HOLDER_NOUNS: frozenset[str] = _forms("""
        customer user account lead deal opportunity trial workspace signup subscriber
        visitor attendee candidate applicant hire employee manager rep agent team logo
        seat contract stakeholder buyer member admin session upgrade renewal request
        promotion leaver mention contact prospect client partner service system server
        deploy cohort interviewer reader viewer student patient
    """)
"""Whose state an outcome changes: customers, users, accounts, leads, deals, people and
systems (and the events they cause: sign-ups, upgrades, renewals, requests)."""

NEUTRAL_NOUNS: frozenset[str] = _forms("""
        ticket bug incident issue defect dispute escalation alert invoice payment
        complaint outage question case
    """)
"""Things that arrive: counting them is a condition ("sev-2 incidents per month"),
counting them done is work ("tickets closed", "bugs fixed")."""

MEASURE_WORDS: frozenset[str] = words(
    """
    % acceptance adoption amount arr attrition availability average avg backlog balance
    bookings breadth cac cash churn conversion cost costs coverage csat cycle date days
    deflection depth duration engagement enps error errors growth health hours latency
    length ltv margin mean median minutes mrr ms nps outstanding percent percentage
    percentile pipeline price profit progression proportion rate rates ratio receivables
    reduction resolution retention revenue satisfaction savings score scores share speed
    spend throughput time times uptime usage value variance velocity weeks yield
    """
)
"""Words that name a condition — a rate, a time, a score, a share, an amount of money:
a KR measured by one of them is an outcome (rule 2)."""

UNIT_WORDS: frozenset[str] = words("days hours minutes ms weeks")
"""Measures of time that are only units after a task verb: "Hold weekly office hours"."""

SHARE_WORDS: frozenset[str] = words("% percent percentage proportion rate rates ratio share")
"""Measures that can be the completion share of an output ("% of trainings completed")."""

COMPLETION_WORDS: frozenset[str] = words("completion completions delivery")
"""After a PRODUCT noun, before a SHARE word: "training completion rate" is an output."""

COUNT_WORDS: frozenset[str] = words("number count total # quantity")
"""Words that count what follows "of": the head is the noun after them."""

DONE_WORDS: frozenset[str] = words(
    """
    answered automated booked built closed completed conducted created delivered
    deployed designed dialed dialled done drafted executed filed finished fixed handled
    held hosted implemented launched live logged made merged organised organized
    performed posted processed produced published recorded refactored released resolved
    run scheduled sent shipped submitted tested triaged updated written
    """
)
"""What qualifies an output counted as done: "pages published", "variants live"."""

DONE_TO_PEOPLE: frozenset[str] = words(
    """
    called contacted demoed emailed interviewed messaged migrated onboarded pitched
    reached renegotiated sent surveyed targeted touched trained visited
    """
)
"""A team's activity done to a HOLDER: "accounts contacted", "reps trained" are outputs."""

STRONG_OPENERS: frozenset[str] = words(
    """
    attend audit automate book test build call complete conduct configure contact create
    deliver deploy design develop document draft email execute finish hold host
    implement install interview launch merge migrate organise organize perform
    personalise personalize post prepare produce publish record redesign refactor
    release resequence rewrite run schedule send ship survey train update visit write
    """
)
"""Imperatives of the team's own work: opening a KR, they make it a task (rule 1).

Left out: the seeds' own verbs of change (Increase, Reduce, Progress, Restore,
Convert) and the weak verbs of WEAK_OPENERS, which only say "done".
"""

TWO_WORD_OPENERS: frozenset[tuple[str, str]] = frozenset(
    {("set", "up"), ("roll", "out"), ("kick", "off"), ("carry", "out"), ("put", "together")}
)

WEAK_OPENERS: dict[str, str] = {"close": "closed", "make": "made", "do": "done", "fix": "fixed"}
"""Verbs that add only "done" to what follows: "Close 40 tickets" = tickets closed (an
output), "Close 5 deals" = deals closed (an outcome: a HOLDER changed state)."""

BOUNDARIES: frozenset[str] = words(
    """
    about across after against among at before between by during for from in into on
    over per than through to toward towards under until via with within without
    """
)
"""Prepositions end the measured quantity: "calls made | to at-risk accounts"."""

RELATIVES: frozenset[str] = words("that who which whose")
"""A relative clause qualifies the head: "trials | that convert", "users | who activate"."""

TIME_LIMITS: frozenset[str] = words("within under in")
"""Before a number, a time limit makes a share of work done a service level: "the share of
tickets resolved within 24 hours" is an outcome."""

LEAD_INS: tuple[tuple[str, ...], ...] = (("we", "will"), ("we",), ("to",), ("the", "team", "will"))
"""Words skipped before an opening verb: "We will send ..." is a task too."""

MAX_CHARS = 1000
"""Only the start of a statement is read: a KR is one line; the work stays linear."""
