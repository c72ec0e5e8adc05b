"""MO706 checkin-unknown-kr.

A check-in or `close.final` names a KR the sprint lacks, or misses one it has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from microokr.diagnostics import Severity
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile


@sprint_rule(
    "MO706",
    "checkin-unknown-kr",
    Severity.ERROR,
    "A check-in or `close.final` names a KR the sprint lacks, or misses one it has.",
    local=True,
)
def checkin_unknown_kr(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports, in every check-in's `values` and in `close.final`, a KR id that is
    not one of the sprint's `key_results`, and a KR of the sprint that has no
    value. An absent or empty `close.final` is fine: it defaults to the last
    check-in's values.

    ## Why is this bad?
    The check-in question is "did the KR numbers move?" for every KR. A misspelt
    id records a value no KR reads, and a missing one makes progress and pace
    stale for that KR without a word.

    ## Example
    ```yaml
    key_results: [{id: kr1, ...}, {id: kr2, ...}]
    checkins:
      - date: 2026-07-15
        values: {kr1: 24, k2: 1}
    ```

    ## Use instead
    ```yaml
    key_results: [{id: kr1, ...}, {id: kr2, ...}]
    checkins:
      - date: 2026-07-15
        values: {kr1: 24, kr2: 1}
    ```
    """
    expected = {kr.id for kr in sprint.key_results}
    final = sprint.close.final if sprint.close is not None else None
    if all(c.values.keys() == expected for c in sprint.checkins) and (
        not final or final.keys() == expected
    ):
        return  # every KR, nothing else, everywhere: the common case, nothing to build
    ids = list(dict.fromkeys(kr.id for kr in sprint.key_results))
    recorded: list[tuple[tuple[str | int, ...], Any, Mapping[str, float]]] = [
        (("checkins", i, "values"), c, c.values) for i, c in enumerate(sprint.checkins)
    ]
    if sprint.close is not None and sprint.close.final:
        recorded.append((("close", "final"), None, sprint.close.final))

    for at, checkin, values in recorded:
        if values.keys() == expected:
            continue  # every KR, nothing else: the common case, no message to build
        what = "`close.final`" if checkin is None else f"the check-in of {checkin.date}"
        for kr_id in values:
            if kr_id not in ids:
                hint = did_you_mean(kr_id, ids)
                mend = hint or f"use one of {', '.join(ids)}"
                yield Finding(
                    f"{what} records '{kr_id}', which is not a KR of this sprint: {mend}",
                    at=(*at, kr_id),
                    key=True,
                )
        missing = [kr_id for kr_id in ids if kr_id not in values]
        if missing:
            yield Finding(
                f"{what} has no value for {', '.join(missing)}: record every KR of the sprint, "
                "even when it did not move",
                at=at,
            )
