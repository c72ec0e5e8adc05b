"""What a Micro-OKR is not (read by MO802 not-a-micro-okr).

Seed 002, "What Micro-OKRs Are Not": weekly sales targets (BAU metrics, not
outcome-committed sprints), campaign launch checklists (Initiatives: they measure
task completion), training completion objectives (activity-based, individually
owned, not tied to a stalling KR), always-on brand awareness (a sustained
strategic effort, not a trigger-based sprint). Seed 000 adds project launch plans
and weekly cross-functional meetings.

MO802 reads the objective statement, the desired condition and the KR
statements. Each category is a list of regular expressions matched
case-insensitively, a name the message quotes, and the mend it suggests.
Left out on purpose: "weekly" alone (the seeds' own condition is that pipeline
"grows weekly again"), "per week" (a rate such as meetings per week can be a
condition), "launch" alone (a product launch is often the trigger of an
emergent-opportunity sprint).
"""

from __future__ import annotations

from typing import NamedTuple


class NotMicroOkr(NamedTuple):
    name: str
    patterns: tuple[str, ...]
    mend: str


CATEGORIES: tuple[NotMicroOkr, ...] = (
    NotMicroOkr(
        "a recurring target",
        (
            r"\b(?:daily|weekly|monthly|quarterly)\s+(?:sales\s+|revenue\s+|bookings\s+|call\s+|activity\s+)?(?:targets?|quotas?|numbers?|goals?)\b",
            r"\b(?:every|each)\s+(?:single\s+)?(?:day|week|month|quarter)\b",
            r"\bbusiness[\s-]+as[\s-]+usual\b",
            r"(?-i:\bBAU\b)",
            r"\brecurring\b",
        ),
        "a standing target is a BAU metric: anchor a time-boxed change in condition "
        "to a stalled KR instead",
    ),
    NotMicroOkr(
        "a launch checklist",
        (
            r"\b(?:launch|release|go[\s-]+live|rollout|roll-out)\s+(?:checklists?|plans?|tasks?|readiness)\b",
            r"\bchecklists?\b",
            r"\bproject\s+plans?\b",
        ),
        "a checklist is a list of Initiatives: name the condition the launch should change",
    ),
    NotMicroOkr(
        "training completion",
        (
            r"\btrainings?\s+(?:completion|completed|complete)\b",
            r"\bcomplet(?:e|ed|es|ing|ion\s+of)\s+(?:the\s+|all\s+|every\s+|\d+\s+)?(?:[a-z-]+\s+)?(?:trainings?|courses?|certifications?|modules?)\b",
            r"\b(?:courses?|certifications?|modules?)\s+(?:completion|completed)\b",
        ),
        "training is an Initiative: measure the condition the training should change",
    ),
    NotMicroOkr(
        "always-on brand awareness",
        (
            r"\bbrand\s+(?:awareness|recognition|recall|building|visibility|presence)\b",
            r"\balways[\s-]+on\b",
        ),
        "brand building is a sustained strategic effort: keep it in the quarterly OKRs",
    ),
    NotMicroOkr(
        "a recurring coordination meeting",
        (
            r"\b(?:daily|weekly|monthly|recurring|regular)\s+(?:cross[\s-]+functional\s+)?(?:syncs?|sync-ups?|coordination\s+meetings?|stand[\s-]?ups?|status\s+meetings?)\b",
        ),
        "a coordination meeting is not a sprint: name the shared outcome it should change",
    ),
)
"""The categories of seed 002 and 000, in the order MO802 tries them."""
