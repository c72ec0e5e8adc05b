"""Carrying a closed sprint over: the answers its follow-up starts from (`microokr carry`).

The follow-up keeps what still holds: the anchor, the desired condition, the
objective, and each KR that was not met, with `baseline` = the value it closed
at and the same target (its statement's "from X" rewritten to match, MO506).
Check-ins and the close are dropped; the trigger becomes `kr-at-risk` with a
signal drafted from the close's learning. The window, owners, lead, cadence and
initiatives are decided again, by the `new` walk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microokr import progress
from microokr.errors import RefusedError
from microokr.formatting import number as plain_number
from microokr.model import Sprint, SprintKeyResult


@dataclass(frozen=True)
class CarriedKr:
    key_result: SprintKeyResult
    final: float


def unmet_key_results(sprint: Sprint) -> list[CarriedKr]:
    """The KRs of a closed sprint whose final value did not reach the target."""
    finals = progress.latest_values(sprint)
    unmet = []
    for kr in sprint.key_results:
        final = finals.get(kr.id)
        value = final if final is not None else kr.baseline
        if value is None or kr.target is None:
            continue
        if progress.outcome(progress.kr_progress(kr, value)) is not progress.Outcome.MET:
            unmet.append(CarriedKr(kr, value))
    return unmet


def carry_answers(sprint: Sprint) -> dict[str, Any]:
    """The answers of the follow-up sprint, as a `--from` file would give them.

    Refuses (exit 1) a sprint that is not closed, or whose KRs were all met.
    """
    if sprint.close is None:
        raise RefusedError(
            f"'{sprint.id}' is not closed: run `microokr close {sprint.id}` first; a sprint "
            "is carried over from its close (nothing was written)"
        )
    unmet = unmet_key_results(sprint)
    if not unmet:
        raise RefusedError(
            f"every KR of '{sprint.id}' was met at its close: nothing to carry "
            "(draft a new sprint with `microokr new` if a new signal calls for one)"
        )
    answers: dict[str, Any] = {
        "decision": "commitment",
        "trigger": {
            "type": "kr-at-risk",
            "signal": _signal(sprint, unmet),
            "evidence": _evidence(sprint, unmet),
        },
    }
    if sprint.anchor_kr:
        answers["anchor_kr"] = sprint.anchor_kr
    if sprint.desired_condition:
        answers["desired_condition"] = sprint.desired_condition
    if sprint.objective is not None:
        objective = sprint.objective.model_dump(exclude_none=True)
        if objective.get("statement"):
            answers["objective"] = objective
    answers["key_results"] = [_carried(item) for item in unmet]
    return answers


def merge_answers(carried: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """The user's `--from` answers over the carried ones (mappings merged one level)."""
    merged = dict(carried)
    for key, value in given.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _signal(sprint: Sprint, unmet: list[CarriedKr]) -> str:
    assert sprint.close is not None
    ids = ", ".join(item.key_result.id for item in unmet)
    total = len(sprint.key_results)
    learning = " ".join((sprint.close.learning or "").split())
    said = f" Its close learned: {learning}" if learning else ""
    return (
        f"Sprint {sprint.id} closed on {sprint.close.date.isoformat()} with "
        f"{len(unmet)} of {total} key results unmet ({ids}).{said}"
    )


def _evidence(sprint: Sprint, unmet: list[CarriedKr]) -> list[str]:
    found = []
    for item in unmet:
        kr = item.key_result
        unit = (kr.unit if kr.unit == "%" else f" {kr.unit}") if kr.unit else ""
        found.append(
            f"{kr.id} closed at {plain_number(item.final)}{unit} against a target of "
            f"{plain_number(kr.target or 0)}{unit} (baseline {plain_number(kr.baseline or 0)})"
        )
    return found


_FROM = re.compile(r"(\bfrom\s+[$€£]?)(-?\d+(?:\.\d+)?)", re.IGNORECASE)


def _carried(item: CarriedKr) -> dict[str, Any]:
    kr = item.key_result
    final = item.final
    statement = kr.statement
    match = _FROM.search(statement)
    if match is not None and kr.baseline is not None and float(match[2]) == kr.baseline:
        statement = statement[: match.start(2)] + plain_number(final) + statement[match.end(2) :]
    carried: dict[str, Any] = {
        "id": kr.id,
        "statement": statement,
        "baseline": final,
        "target": kr.target,
    }
    if kr.unit:
        carried["unit"] = kr.unit
    return carried
