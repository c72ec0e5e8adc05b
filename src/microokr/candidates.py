"""What a would-be file breaks: the registered rules run on the text a command would write.

`new`, `checkin` and `close` have no checks of their own. Each builds the sprint
file it would write (a candidate), reads it back exactly as `lint` reads a file,
and runs the *registered* rules (`REGISTRY[code].check`) on it; `new_errors` keeps
only what the change itself would break, so a file's older problems never block
today's check-in. The caller decides what a finding means (refuse, or ask again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from microokr.rules.base import REGISTRY, Finding, RuleContext, Scope, all_rules
from microokr.workspace import SourceFile, Workspace, source_from_bytes


@dataclass(frozen=True)
class Found:
    """A finding of a registered rule on a candidate file, ready to show."""

    code: str
    severity: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def rules_on(
    workspace: Workspace, source: SourceFile, today: dt.date, codes: Iterable[str]
) -> list[Found]:
    """Run the registered rules `codes` on `source` as part of `workspace` (replacing its
    file of the same path); rules not registered are skipped."""
    all_rules()  # importing the rule modules registers them
    found = [Found(p.code, "error", p.message) for p in source.problems]
    if source.model is None or source.problems:
        return found
    others = [s for s in workspace.sprint_files if s.path != source.path]
    with_candidate = dataclasses.replace(workspace, sprint_files=[*others, source])
    ctx = RuleContext(with_candidate, today)
    for code in codes:
        rule = REGISTRY.get(code)
        if rule is None or rule.check is None:
            continue
        findings: Iterable[Finding]
        if rule.scope is Scope.SPRINT:
            findings = rule.check(source.model, source, ctx)
        elif rule.scope is Scope.WORKSPACE:
            findings = (f for f in rule.check(ctx) if f.source is source)
        else:
            continue
        found += [Found(rule.code, str(rule.severity), f.message) for f in findings]
    return found


def new_errors(
    workspace: Workspace,
    before: SourceFile,
    candidate_text: str,
    today: dt.date,
    codes: Iterable[str],
) -> list[Found]:
    """The rule errors the candidate text has and the file `before` has not."""
    wanted = list(codes)
    raw = candidate_text.encode("utf-8")
    # The size limit is the write's to enforce (with "nothing was written"), not a rule's.
    limit = max(workspace.config.max_file_size, len(raw) + 1)
    candidate = source_from_bytes(before.path, before.rel, before.kind, raw, max_bytes=limit)
    old = set(rules_on(workspace, before, today, wanted))
    return [f for f in rules_on(workspace, candidate, today, wanted) if f.is_error and f not in old]
