"""OKR files (`okrs/*.yaml`): the quarterly architecture sprints nest under."""

from __future__ import annotations

from pydantic import Field

from microokr.model.common import Date, Number, Slug, Strict


class Period(Strict):
    name: str | None = None
    start: Date
    end: Date


class OkrKeyResult(Strict):
    id: Slug
    statement: str
    owner: str | list[str] | None = None
    baseline: Number | None = None
    target: Number | None = None
    unit: str | None = None
    current: Number | None = None


class OkrObjective(Strict):
    id: Slug
    # Free text on purpose: MO203 explains a level that is neither strategic nor tactical.
    level: str | None = None
    statement: str
    owner: str | list[str] | None = None
    key_results: list[OkrKeyResult] = Field(default_factory=list)


class OkrFile(Strict):
    period: Period
    objectives: list[OkrObjective] = Field(default_factory=list)
