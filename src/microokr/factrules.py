"""The cross-file rules that read only the sprints' facts (`Rule.facts`: MO006, MO701,
MO710), answered from the lint cache while nothing they read changed.

Their findings are stored as (path, place in the data, key?, message) under a key of
every sprint's path and plain facts, the OKR files, the config, today and the code
(`LintCache.cross_key`), and placed again on use: an edit that moves lines in one
file moves its diagnostics with it, without re-running the rule over 10,000 sprints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from microokr.rules.base import Finding, Rule, RuleContext

if TYPE_CHECKING:
    from microokr.diagnostics import Diagnostic
    from microokr.workspace import SourceFile, Workspace

Place = Callable[[Rule, Finding, "SourceFile | None"], "Diagnostic"]


def facts_rule(
    cache: Any, workspace: Workspace, rule: Rule, ctx: RuleContext, cross: str, place: Place
) -> list[Diagnostic]:
    """The rule's diagnostics: replayed when `cross` is the stored key, else computed
    (and stored when every finding names a file and a place in its data)."""
    assert rule.check is not None
    stored = cache.cross_findings(rule.code, cross)
    if stored is not None:
        by_rel = {source.rel: source for source in workspace.files}
        try:
            findings = [
                Finding(str(message), at=tuple(at), key=bool(key), source=by_rel[rel])
                for rel, at, key, message in stored
            ]
        except (KeyError, TypeError, ValueError):
            findings = None
        if findings is not None:
            return [place(rule, finding, None) for finding in findings]
    findings = list(rule.check(ctx))
    plain = [
        [f.source.rel, list(f.at), f.key, f.message]
        for f in findings
        if f.source is not None and f.line is None and f.column is None and f.path is None
    ]
    if len(plain) == len(findings):
        cache.store_cross(rule.code, cross, plain)
    return [place(rule, finding, None) for finding in findings]
