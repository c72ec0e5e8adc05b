"""Step 5: two or three Key Results, each a change in condition from a baseline to a target.

The numbers are read from the statement ("from 22% to 35%") and offered for
confirmation, so that the statement and `baseline`/`target` agree (MO506). A KR
that measures output ("Conduct 30 calls", MO502) is asked for again; a KR the
rules refuse as a whole is asked again with the previous answers as defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from microokr.drafting.answers import (
    MISSING,
    parse_kr_numbers,
    parse_number,
    parse_optional_text,
    parse_slug,
    parse_text,
)
from microokr.errors import UsageError
from microokr.formatting import number, quote
from microokr.rules.base import Where

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk


def key_results(walk: Walk) -> None:
    walk.io.step(
        "Step 5 of 6: write 2-3 Key Results",
        "Each KR measures a change in condition from a baseline to a target. Ask: if this "
        "number moves as specified, was the Objective genuinely met? Calls, emails and "
        "reviews are Initiatives (next), never KRs.",
    )
    preset = walk.lookup(("key_results",))
    count = None
    if preset is not MISSING:
        count = len(preset)
        if count > 3:
            raise UsageError(
                f"{walk.source_name} has {count} key_results: a sprint has 2 or 3 (MO501)"
            )
    walk.data["key_results"] = []
    while True:
        index = len(walk.data["key_results"])
        walk.data["key_results"].append(_one_kr(walk, index))
        done = index + 1
        if done < 2:
            continue
        if count is not None:
            if done >= count:
                break
            continue
        if done == 3 or walk.no_input:
            break
        if not walk.yes_no("Add a third Key Result?", default=False):
            break
    walk.verify(walk.candidate(), ("key_results",), revisable=False)


def _one_kr(walk: Walk, index: int) -> dict[str, Any]:
    base: Where = ("key_results", index)
    earlier = walk.data["key_results"][:index]
    taken = {kr["id"] for kr in earlier}
    previous: dict[str, Any] = {}
    while True:
        while True:
            statement = walk.answer(
                (*base, "statement"),
                f"Key Result {index + 1}: what changes, from what to what?",
                parse_text,
                default=previous.get("statement"),
            )
            draft = {"id": f"kr{index + 1}", "statement": statement}
            if walk.verify(
                walk.candidate(key_results=[*earlier, draft]),
                (*base, "statement"),
            ):
                break
        numbers = _kr_numbers(walk, base, statement, previous)
        if numbers is None:
            # "n" to the numbers read from the statement, then "rewrite": the statement is
            # asked again with what was typed as its default.
            previous = {"statement": statement}
            continue
        kr = numbers
        default_id = previous.get("id") or next(
            f"kr{n}" for n in range(index + 1, 10) if f"kr{n}" not in taken
        )
        kr_id = walk.answer((*base, "id"), "Id for this KR", parse_slug, default=default_id)
        kr = {"id": kr_id, "statement": statement, **kr}
        if walk.verify(
            walk.candidate(key_results=[*earlier, kr]),
            base,
        ):
            return kr
        previous = {**kr}
        previous["unit"] = kr.get("unit", "")


def _kr_numbers(
    walk: Walk, base: Where, statement: str, previous: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The KR's baseline, target and unit; None when the person rewrites the statement."""
    read = parse_kr_numbers(statement)
    keys = [(*base, key) for key in ("baseline", "target", "unit")]
    numbers_in_file = any(walk.lookup(key) is not MISSING for key in keys)
    # A statement written in the --from file is the file's answer for its numbers too.
    kr_in_file = walk.lookup(base) is not MISSING
    if read is not None and set(previous) <= {"statement"} and not numbers_in_file:
        if kr_in_file or walk.no_input:
            return _numbers(read.baseline, read.target, read.unit or "")
        unit = f", unit {read.unit}" if read.unit else ""
        walk.io.note(
            f"Read from the statement: baseline {number(read.baseline)}, "
            f"target {number(read.target)}{unit}."
        )
        if walk.yes_no("Use these numbers?", default=True):
            return _numbers(read.baseline, read.target, read.unit or "")
        if _rewrite_statement(walk):
            return None

    def shown(value: Any) -> str | None:
        return (
            None
            if value is None
            else (number(value) if isinstance(value, int | float) else str(value))
        )

    baseline = walk.answer(
        keys[0],
        "Baseline (where the number stands today)",
        parse_number,
        default=shown(previous.get("baseline", read.baseline if read else None)),
    )
    target = walk.answer(
        keys[1],
        "Target (where it must stand at sprint close)",
        parse_number,
        default=shown(previous.get("target", read.target if read else None)),
    )
    unit = walk.answer(
        keys[2],
        "Unit (%, days, accounts, $M; empty for none)",
        parse_optional_text,
        default=previous.get("unit", (read.unit if read else None) or ""),
    )
    return _numbers(baseline, target, unit)


def _rewrite_statement(walk: Walk) -> bool:
    """After "n" to the numbers: rewrite the statement (True) or type the numbers (False)."""
    while True:
        raw = walk.io.ask(
            "Rewrite the statement, or enter the numbers yourself? (r/n) [r]", default=""
        )
        choice = raw.strip().lower()
        if choice in {"", "r", "rewrite"}:
            return True
        if choice in {"n", "numbers"}:
            return False
        walk.io.problem(
            f"{quote(raw, 20)}: answer r to rewrite the statement, or n for the numbers"
        )


def _numbers(baseline: Any, target: Any, unit: str) -> dict[str, Any]:
    numbers: dict[str, Any] = {"baseline": baseline, "target": target}
    if unit:
        numbers["unit"] = unit
    return numbers
