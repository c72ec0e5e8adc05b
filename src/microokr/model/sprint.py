"""Sprint files (`sprints/<id>.yaml`), the shape of format.md.

Fields that a lint rule explains better than "field required" (the signal, the
anchor, the desired condition, the objective, the close answers) are optional
here on purpose: MO101, MO201, MO301, MO401, MO703 say what is missing and why.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from microokr.model.common import Date, Number, Slug, Strict


class TriggerType(StrEnum):
    KR_AT_RISK = "kr-at-risk"
    EMERGENT_OPPORTUNITY = "emergent-opportunity"
    CROSS_FUNCTIONAL_GAP = "cross-functional-gap"
    STRATEGIC_VALIDATION = "strategic-validation"


TRIGGER_NAMES: dict[TriggerType, str] = {
    TriggerType.KR_AT_RISK: "KR at Risk",
    TriggerType.EMERGENT_OPPORTUNITY: "Emergent Opportunity",
    TriggerType.CROSS_FUNCTIONAL_GAP: "Cross-Functional Gap",
    TriggerType.STRATEGIC_VALIDATION: "Strategic Validation Sprint",
}
"""How the protocol names each trigger (reports, the `new` walk)."""


class CadenceEvery(StrEnum):
    DAILY = "daily"
    TWICE_WEEKLY = "twice-weekly"
    WEEKLY = "weekly"


CADENCE_DAYS: dict[CadenceEvery, int] = {
    CadenceEvery.DAILY: 1,
    CadenceEvery.TWICE_WEEKLY: 4,
    CadenceEvery.WEEKLY: 7,
}
"""How many days may pass between check-ins before one is stale (MO705)."""

CADENCE_NAMES: dict[CadenceEvery, str] = {
    CadenceEvery.DAILY: "short daily check-ins (suggested; required for a joint sprint)",
    CadenceEvery.TWICE_WEEKLY: "two check-ins a week",
    CadenceEvery.WEEKLY: "one check-in a week",
}


class Confidence(StrEnum):
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Trigger(Strict):
    type: Annotated[TriggerType, Field(strict=False)]
    signal: str | None = None
    evidence: list[str] = Field(default_factory=list)


class Objective(Strict):
    statement: str | None = None
    motivation: str | None = None
    direction: str | None = None
    alignment: str | None = None


class SprintKeyResult(Strict):
    id: Slug
    statement: str
    baseline: Number | None = None
    target: Number | None = None
    unit: str | None = None


class Role(StrEnum):
    LEAD = "lead"
    CONTRIBUTOR = "contributor"
    REVIEWER = "reviewer"


class Initiative(Strict):
    # `id`, `due`, `depends_on` and `milestone` (version 1.1) make the integrated plan
    # of a joint sprint: MO509-MO512 check them, the report draws them as a gantt.
    id: Slug | None = None
    team: str | None = None
    action: str
    due: Date | None = None
    depends_on: Annotated[list[str], BeforeValidator(_one_or_many)] = Field(default_factory=list)
    milestone: bool = False


class Window(Strict):
    start: Date
    end: Date


class Owner(Strict):
    teams: Annotated[list[str], BeforeValidator(_one_or_many)]
    # A list is accepted so that MO605 can say "one lead, not a committee".
    lead: str | list[str] | None = None
    # Team id -> role and team id -> that team's named owner (version 1.1): the
    # stakeholder map of a joint sprint, checked by MO609 and MO610.
    roles: dict[str, Annotated[Role, Field(strict=False)]] = Field(default_factory=dict)
    contacts: dict[str, str] = Field(default_factory=dict)


class Cadence(Strict):
    every: Annotated[CadenceEvery, Field(strict=False)]
    minutes: Annotated[int, Field(gt=0, le=480)] | None = None


class Blocker(Strict):
    what: str
    owner: str


class Checkin(Strict):
    date: Date
    values: dict[str, Number]
    anchor: Number | None = None
    blockers: list[Blocker] = Field(default_factory=list)
    note: str | None = None
    confidence: Annotated[Confidence, Field(strict=False)] | None = None
    # Initiative ids finished that day, and ids blocked that day (version 1.1).
    done: list[str] = Field(default_factory=list)
    blocked: list[str] = Field(default_factory=list)


class Revision(Strict):
    date: Date
    what: str
    why: str | None = None


class AnchorMovement(Strict):
    start: Number | None = None
    end: Number | None = None


class TacticalRevision(Strict):
    needed: bool
    note: str | None = None


class Close(Strict):
    date: Date
    early: str | None = None
    attendees: Annotated[list[str], BeforeValidator(_one_or_many)] = Field(default_factory=list)
    anchor: AnchorMovement | None = None
    final: dict[str, Number] = Field(default_factory=dict)
    summary: str | None = None
    learning: str | None = None
    highest_impact: str | None = None
    root_cause: str | None = None
    tactical_revision: TacticalRevision | None = None


class Sprint(Strict):
    id: Slug
    carried_from: Annotated[
        Slug | None,
        Field(description="The closed sprint this one continues (written by `microokr carry`)."),
    ] = None
    trigger: Trigger
    anchor_kr: str | None = None
    desired_condition: str | None = None
    objective: Objective | None = None
    key_results: list[SprintKeyResult] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    window: Window
    owner: Owner
    cadence: Cadence | None = None
    checkins: list[Checkin] = Field(default_factory=list)
    revisions: list[Revision] = Field(default_factory=list)
    close: Close | None = None
