"""MO506 kr-statement-numbers.

The statement's 'from X to Y' disagrees with `baseline` / `target`.
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import number
from microokr.model import Sprint
from microokr.parsing import from_to_numbers
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo5.common import kr_at
from microokr.workspace import SourceFile

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}


def _agrees(written: str, suffix: str | None, value: float) -> bool:
    """A number as written ("$20M", "22%", "1,200") agrees with a stored value."""
    try:
        raw = float(written.replace(",", ""))
        value = float(value)
    except OverflowError:
        return False
    limit = 1e-9 * max(1.0, abs(value))
    if abs(raw - value) <= limit:
        return True
    if suffix:
        suffix = suffix.lower()
        if suffix == "%":
            return abs(raw / 100 - value) <= limit
        if suffix in _SCALE:
            return abs(raw * _SCALE[suffix] - value) <= limit
    return False


def statement_numbers(
    statement: str,
) -> tuple[tuple[str, str | None], tuple[str, str | None]] | None:
    """The (number, suffix) pairs of the statement's first 'from X to Y', if any: read by
    `parsing.from_to`, the one reader of that phrase (`new` reads the numbers with it)."""
    return from_to_numbers(statement)


@sprint_rule(
    "MO506",
    "kr-statement-numbers",
    Severity.ERROR,
    "The statement's 'from X to Y' disagrees with `baseline` / `target`.",
    local=True,
    answers=("key_results.*",),
)
def kr_statement_numbers(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reads "from X to Y" in a KR statement (numbers may carry `$`, `%`, `k`, `M`,
    `B` and a unit such as "days") and reports a baseline or target that
    disagrees with it. "$20M" agrees with 20 and with 20000000; "22%" with 22
    and with 0.22.

    ## Why is this bad?
    The statement is what people read at the check-in; the numbers are what
    progress is computed from. A KR re-calibrated in one place and not the other
    shows a progress that nobody agreed to.

    ## Example
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 20
      target: 35
    ```

    ## Use instead
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 22
      target: 35
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        numbers = statement_numbers(key_result.statement)
        if numbers is None:
            continue
        for field, (written, suffix), value in (
            ("baseline", numbers[0], key_result.baseline),
            ("target", numbers[1], key_result.target),
        ):
            if value is not None and not _agrees(written, suffix, value):
                said = "from" if field == "baseline" else "to"
                yield Finding(
                    f"KR '{key_result.id}' says {said} {written}{suffix or ''} but its {field} "
                    f"is {number(value)}: make the statement and `{field}` agree",
                    at=kr_at(i, field),
                )
