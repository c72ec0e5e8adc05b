"""The rule contract: metadata, documentation and a pure check, registered once.

A rule is a function decorated with `@sprint_rule`, `@workspace_rule`, or (for
MO001-MO007, found by the reader) declared with `loader_rule`. Its docstring is
its documentation under ruff's headings; `microokr rules`, `docs/rules.md` and
SARIF's `tool.driver.rules` all come from this registry. Rules never print.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from microokr.diagnostics import Severity

if TYPE_CHECKING:
    from microokr.history import WorkspaceHistory
    from microokr.model import Sprint
    from microokr.workspace import SourceFile, Workspace

Where = tuple[str | int, ...]

DOC_SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


class Scope(StrEnum):
    LOADER = "loader"  # found while reading a file (MO001-MO005, MO007)
    SPRINT = "sprint"  # checks one sprint at a time
    WORKSPACE = "workspace"  # checks the whole workspace at once


@dataclass(frozen=True)
class Finding:
    """What a rule found: a message and where. The engine adds code, name, severity.

    `at` is a path of keys and list indexes into the file's data (("key_results", 0,
    "statement")); `key=True` points at the key instead of its value. `source` is
    the file (defaults to the sprint being checked); `line`/`column` override `at`.
    """

    message: str
    at: Where = ()
    key: bool = False
    source: SourceFile | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    """For a file microokr does not read (MO009): its path relative to the root."""


@dataclass(frozen=True)
class RuleContext:
    workspace: Workspace
    today: dt.date
    history: WorkspaceHistory | None = None
    """The sprint files' git history (MO709); None when not asked for (`--no-history`)."""


SprintCheck = Callable[["Sprint", "SourceFile", RuleContext], Iterable[Finding]]
WorkspaceCheck = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    scope: Scope
    local: bool = False
    """A sprint rule that reads only the sprint itself: its results can be cached per file."""
    answers: tuple[str, ...] = ()
    """The answers of `microokr new` after which the walk runs this rule on the draft:
    dotted paths into the sprint, `*` for one list item (`key_results.*.statement`)."""
    check: Callable[..., Iterable[Finding]] | None = field(default=None, compare=False)
    facts: bool = False
    """A workspace rule that reads only the sprints' plain facts (`microokr.facts`), the
    OKR files and today: a warm run replays its findings while none of those changed."""

    @property
    def series(self) -> str:
        return self.code[:3]


REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise RuntimeError(f"rule {rule.code} is registered twice")
    REGISTRY[rule.code] = rule
    return rule


def loader_rule(code: str, name: str, severity: Severity, summary: str, doc: str) -> Rule:
    """Declare a rule that the reader and model validation report (no check of its own)."""
    return _register(Rule(code, name, severity, summary, inspect.cleandoc(doc), Scope.LOADER))


def sprint_rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    local: bool = False,
    answers: tuple[str, ...] = (),
) -> Callable[[SprintCheck], SprintCheck]:
    """Register `check(sprint, source, ctx)`; `local=True` when it reads only the sprint;
    `answers`: where `new` runs it (see `Rule.answers`)."""

    def decorate(check: SprintCheck) -> SprintCheck:
        doc = inspect.cleandoc(check.__doc__ or "")
        rule = Rule(code, name, severity, summary, doc, Scope.SPRINT, local, answers, check)
        _register(rule)
        return check

    return decorate


def workspace_rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    *,
    answers: tuple[str, ...] = (),
    facts: bool = False,
) -> Callable[[WorkspaceCheck], WorkspaceCheck]:
    """Register `check(ctx)` that sees every file; its findings must name `source`.
    `facts=True` when it reads only `Workspace.sprint_facts()`, the OKR files and today."""

    def decorate(check: WorkspaceCheck) -> WorkspaceCheck:
        doc = inspect.cleandoc(check.__doc__ or "")
        rule = Rule(
            code, name, severity, summary, doc, Scope.WORKSPACE, False, answers, check, facts
        )
        _register(rule)
        return check

    return decorate


def all_rules() -> list[Rule]:
    """Every rule, sorted by code (importing the rule modules registers them)."""
    from microokr.rules import catalog

    catalog.load()

    return [REGISTRY[code] for code in sorted(REGISTRY)]


def blank_at(source: SourceFile, at: Where) -> tuple[Where, bool]:
    """Where to point for a field that is absent or empty: `(at, key)` for a Finding.

    An empty field that is written (`signal:`) is pointed at by its key; an absent
    one by the key of the mapping that should hold it (the file's start at the top).
    """
    node = source.doc.data
    for depth, part in enumerate(at):
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            node = node[part]
        else:
            parent = at[:depth]
            return parent, bool(parent)
    return at, True
