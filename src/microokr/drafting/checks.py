"""Checking answers with the lint rules themselves, on the sprint the answers would make.

`microokr new` has no checks of its own: each answer is tried on a candidate sprint
(the answers so far, placeholders for what is not asked yet), rendered and read back
exactly as `lint` reads a file, and the *registered* rules (`REGISTRY[code].check`)
run on it. The walk decides what a finding means (ask again, or only show it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from microokr.candidates import Found as Found
from microokr.candidates import rules_on
from microokr.progress import claims_by_team, overloads
from microokr.rules.base import Scope, all_rules
from microokr.workspace import FileKind, SourceFile, Workspace, source_from_bytes
from microokr.yamlio.sprint_text import render_sprint


def candidate_source(workspace: Workspace, data: Mapping[str, Any]) -> SourceFile:
    """The sprint file the answers so far would make, read as `lint` would read it."""
    folder = workspace.folder("sprints")
    path = folder / f"{data['id']}.yaml"
    rel = path.relative_to(workspace.root).as_posix()
    text = render_sprint(data)
    return source_from_bytes(path, rel, FileKind.SPRINT, text.encode("utf-8"))


def run_rules(
    workspace: Workspace, today: dt.date, data: Mapping[str, Any], codes: Iterable[str]
) -> list[Found]:
    """Run the registered rules `codes` on the candidate; rules not registered are skipped."""
    return rules_on(workspace, candidate_source(workspace, data), today, codes)


def answer_key(path: Sequence[str | int]) -> str:
    """The dotted key of an answer's place: ("key_results", 0, "statement") ->
    "key_results.*.statement", as rules declare it in `answers`."""
    return ".".join("*" if isinstance(part, int) else part for part in path)


def rules_for(path: Sequence[str | int]) -> list[str]:
    """The codes of the rules that check the answer at `path` (their `answers`), by code."""
    key = answer_key(path)
    return [rule.code for rule in all_rules() if key in rule.answers]


def sprint_rule_codes() -> list[str]:
    return [rule.code for rule in all_rules() if rule.scope is Scope.SPRINT]


@dataclass(frozen=True)
class ActiveConflict:
    team: str
    day: dt.date
    sprint_ids: tuple[str, ...]


def active_conflicts(workspace: Workspace, candidate: Any, today: dt.date) -> list[ActiveConflict]:
    """Teams of `candidate` that already own 2 counting sprints on a day it would count.

    The same sweep as MO701 (`progress.overloads`) finds the first such day.
    """
    others = [sprint for _source, sprint in workspace.sprints() if sprint.id != candidate.id]
    claims_of = claims_by_team([*others, candidate], today)
    conflicts = []
    for team in dict.fromkeys(candidate.owner.teams):
        claims = claims_of.get(team, [])
        for found in overloads(claims, shown=0):
            if claims[found.claim].number == len(others):
                day = found.day
                ids = sorted(
                    claim.sprint.id
                    for claim in claims
                    if claim.number != len(others) and claim.first <= day <= claim.last
                )
                conflicts.append(ActiveConflict(team, day, tuple(ids)))
    return conflicts
