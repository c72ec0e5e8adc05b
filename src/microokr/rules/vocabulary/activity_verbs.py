"""Verbs that start a task or a deliverable (read by MO302 condition-is-task).

Seed 004, step 3: the desired condition is "the change in the world you want at
sprint close. Not tasks. Not deliverables." A condition that opens with one of
these verbs ("Launch the new onboarding flow", "Run 30 discovery calls", "Roll out
the playbook") is a plan of work: the Initiatives list is where it belongs. The
words come from the seeds' initiatives and the outputs they warn against
(outreach calls conducted, campaigns launched, fixes shipped, meetings held,
emails sent, trainings completed).

Left out on purpose, because the seeds' own objectives and conditions open with
them: Restore, Close, Convert, Recover, Progress, Establish, Increase, Reduce,
Grow, Turn, Make. Only the imperative form counts: "Trained reps handle
objections" and "Launch-week sign-ups keep converting" are not matched.
"""

from __future__ import annotations

ACTIVITY_VERBS: frozenset[str] = frozenset(
    {
        "attend",
        "build",
        "call",
        "complete",
        "conduct",
        "configure",
        "create",
        "deliver",
        "deploy",
        "design",
        "develop",
        "document",
        "draft",
        "email",
        "execute",
        "finish",
        "hire",
        "hold",
        "host",
        "implement",
        "install",
        "launch",
        "migrate",
        "organise",
        "organize",
        "perform",
        "personalise",
        "personalize",
        "prepare",
        "produce",
        "publish",
        "redesign",
        "release",
        "resequence",
        "run",
        "schedule",
        "send",
        "ship",
        "train",
        "write",
    }
)
"""Single-word verbs, lower case; matched against the condition's first word."""

ACTIVITY_PHRASES: frozenset[str] = frozenset(
    {
        "roll out",
        "set up",
        "kick off",
        "sign off",
        "carry out",
        "put together",
        "follow up",
        "reach out",
    }
)
"""Two-word verbs, lower case; matched against the condition's first two words."""

LEAD_INS: tuple[tuple[str, ...], ...] = (
    ("we", "will"),
    ("we'll",),
    ("we", "must"),
    ("the", "team", "will"),
    ("team", "will"),
    ("we",),
    ("to",),
)
"""Words skipped before the verb: "We will launch ...", "To run ..." read as tasks too."""
