# Over 400 lines: one LintRun meets every sprint, the cache's hooks and the workspace rules.
"""Run the rules over a workspace and collect one sorted list of diagnostics.

Cross-file rules always see the whole workspace; `paths` only limits which
files' diagnostics are reported (a pre-commit run still catches a third sprint).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from microokr.diagnostics import Diagnostic, Severity
from microokr.errors import UsageError
from microokr.factrules import facts_rule
from microokr.rules.base import REGISTRY, Finding, Rule, RuleContext, Scope, all_rules
from microokr.workspace import SourceFile, Workspace

_SUPPRESS = re.compile(r"#\s*microokr:\s*ignore\[([A-Za-z0-9,\s]+)\]")
_CODE = re.compile(r"MO[0-9]{0,3}")


@dataclass(frozen=True)
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    notices: tuple[str, ...] = ()
    """What the run could not check, said once (MO709 outside a git repository)."""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def failed(self, *, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def parse_codes(values: Iterable[str]) -> tuple[str, ...]:
    """Codes or prefixes (`MO502`, `MO8`) from repeated or comma-separated options."""
    codes: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not _CODE.fullmatch(code):
                raise UsageError(
                    f"'{part.strip():.20}' is not a rule code or prefix: "
                    "use codes like MO502 or MO8"
                )
            codes.append(code)
    return tuple(codes)


def _matches(code: str, prefixes: Sequence[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def selected_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Rule]:
    return [
        rule
        for rule in all_rules()
        if (not select or _matches(rule.code, select)) and not _matches(rule.code, ignore)
    ]


def diagnostic(rule: Rule, finding: Finding, source: SourceFile | None) -> Diagnostic:
    """Place a finding: explicit line/column, else the path into the file's data."""
    target = finding.source or source
    path = finding.path or (target.rel if target else "")
    if finding.line is not None:
        line, column = finding.line, finding.column or 1
    elif target is not None:
        line, column = target.locate(finding.at, key=finding.key)
    else:
        line, column = 1, 1
    return Diagnostic(path, line, column, rule.code, rule.name, rule.severity, finding.message)


def load_diagnostics(source: SourceFile, rules: dict[str, Rule]) -> list[Diagnostic]:
    """The reader's and the model's problems of one file, as diagnostics."""
    found = []
    for problem in source.problems:
        rule = rules.get(problem.code)
        if rule is not None:
            found.append(
                Diagnostic(
                    source.rel,
                    problem.line,
                    problem.column,
                    rule.code,
                    rule.name,
                    rule.severity,
                    problem.message,
                )
            )
    return found


class LocalResults(Protocol):
    """Where rule results are kept between runs (`cache.LintCache`): those of the
    `local=True` rules per file, and those of the other sprint rules per file and
    context (what they read besides the sprint: the config, the OKR files, today)."""

    def local_diagnostics(self, source: SourceFile) -> list[Diagnostic] | None: ...

    def store_local(self, source: SourceFile, diagnostics: Iterable[Diagnostic]) -> None: ...

    def context_key(self, workspace: Workspace, today: dt.date) -> str: ...

    def context_diagnostics(self, source: SourceFile, context: str) -> list[Diagnostic] | None: ...

    def cross_key(self, workspace: Workspace, today: dt.date) -> str | None: ...

    def cross_findings(self, code: str, key: str) -> list[Any] | None: ...

    def store_cross(self, code: str, key: str, findings: list[Any]) -> None: ...

    def store_context(
        self, source: SourceFile, context: str, diagnostics: Iterable[Diagnostic]
    ) -> None: ...


def check_sprint(
    source: SourceFile,
    rules: Iterable[Rule],
    ctx: RuleContext,
    *,
    cache: LocalResults | None = None,
    context: str | None = None,
    codes: frozenset[str] | None = None,
) -> list[Diagnostic]:
    """Run sprint-scoped rules on one readable sprint file.

    With a `cache`, the rules that read only the sprint (`local=True`) are answered
    from it, and with a `context` (`cache.context_key`) the other sprint rules too;
    on a miss every such rule runs (not only the selected ones), so the stored
    result serves any later `--select`. A hit builds no model.
    """
    found: list[Diagnostic] = []
    if not source.has_model():
        return found
    rules = list(rules)
    if cache is not None:
        selected = codes if codes is not None else frozenset(rule.code for rule in rules)
        local = cache.local_diagnostics(source)
        if local is None:
            local = _every(source, ctx, local=True)
            cache.store_local(source, local)
        found.extend(d for d in local if d.code in selected)
        if context is not None:
            others = cache.context_diagnostics(source, context)
            if others is None:
                others = _every(source, ctx, local=False)
                cache.store_context(source, context, others)
            found.extend(d for d in others if d.code in selected)
            return found
        rules = [rule for rule in rules if not rule.local]
    model = source.model
    sprint_scope = Scope.SPRINT  # read once: an enum member is a slow attribute (~0.2 us)
    for rule in rules:
        check = rule.check
        if rule.scope is sprint_scope and check is not None:
            for finding in check(model, source, ctx):
                found.append(diagnostic(rule, finding, source))
    return found


def _every(source: SourceFile, ctx: RuleContext, *, local: bool) -> list[Diagnostic]:
    """The diagnostics of every sprint rule that is (or is not) local, selected or not."""
    return [
        diagnostic(rule, finding, source)
        for rule in _sprint_rules(local)
        for finding in rule.check(source.model, source, ctx)  # type: ignore[misc]
    ]


_SPRINT_RULES: dict[tuple[bool, int], list[Rule]] = {}


def _sprint_rules(local: bool) -> list[Rule]:
    """The sprint rules that are (or are not) local, computed once per registry size:
    `all_rules()` sorts the registry on every call (~170 us, 10,000 calls cold)."""
    found = _SPRINT_RULES.get((local, len(REGISTRY)))
    if found is None:
        found = [
            rule
            for rule in all_rules()
            if rule.local is local and rule.scope is Scope.SPRINT and rule.check is not None
        ]
        _SPRINT_RULES[(local, len(REGISTRY))] = found
    return found


def lint(
    workspace: Workspace,
    *,
    today: dt.date,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    paths: Sequence[Path] | None = None,
    cache: LocalResults | None = None,
    history: bool = True,
) -> LintResult:
    """Every diagnostic of the workspace (of `paths` only, when given), sorted.

    `cache` (see `microokr.cache`) answers the rules marked `local=True`;
    `history=False` (`--no-history`) leaves git alone and MO709 silent.
    """
    run = LintRun(today=today, select=select, ignore=ignore, cache=cache, history=history)
    try:
        for source in workspace.sprint_files:
            run.sprint(workspace, source)
    except BaseException:
        run.close()
        raise
    return run.finish(workspace, paths)


def lint_root(
    root: Path,
    *,
    today: dt.date,
    reader: object = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    paths: Sequence[Path] | None = None,
    cache: LocalResults | None = None,
    history: bool = True,
) -> tuple[Workspace, LintResult]:
    """Read the workspace at `root` and lint it as it is read (what `lint` prints is
    `lint(load_workspace(root))`'s result): each sprint is checked, and its findings
    placed, while its value and node tree are still there, and then let go of."""
    from microokr.workspace import load_workspace

    run = LintRun(today=today, select=select, ignore=ignore, cache=cache, history=history)
    shared = _shared_reads(cache, reader, run)
    try:
        if shared is None:
            workspace = load_workspace(root, reader=reader, each=run.sprint)
        else:
            with contextlib.closing(shared):
                workspace = load_workspace(
                    root, reader=shared.read, each=run.sprint, ahead=shared.ahead
                )
    except BaseException:
        run.close()
        raise
    return workspace, run.finish(workspace, paths)


def _shared_reads(cache: LocalResults | None, reader: object, run: LintRun) -> Any:
    """`lintshare.SharedReads` when the files are read through the lint cache: a cold
    run of a big workspace may then be shared with a helper process."""
    from microokr.cache import LintCache

    if not isinstance(cache, LintCache) or reader != cache.read:
        return None
    from microokr.lintshare import SharedReads

    return SharedReads(cache, run)


class LintRun:
    """One lint run, fed one sprint file at a time (`sprint`), then closed (`finish`)."""

    def __init__(
        self,
        *,
        today: dt.date,
        select: Sequence[str],
        ignore: Sequence[str],
        cache: LocalResults | None,
        history: bool,
    ) -> None:
        self.today = today
        self.select = select
        self.ignore = ignore
        self.cache = cache
        self.history = history
        self.found: list[Diagnostic] = []
        self._ctx: RuleContext | None = None
        self._rules: list[Rule] = []
        self._by_code: dict[str, Rule] = {}
        self._notices: list[str] = []
        self._context: str | None = None
        self._codes: frozenset[str] = frozenset()

    def begin(self, workspace: Workspace) -> RuleContext:
        """The rules and the history, once the config (lint.ignore) is known."""
        if self._ctx is not None:
            return self._ctx
        ignore = (*self.ignore, *parse_codes(workspace.config.lint.ignore))
        self._rules = selected_rules(self.select, ignore)
        self._by_code = by_code = {rule.code: rule for rule in self._rules}
        self._codes = frozenset(by_code)
        past = None
        if self.history and "MO709" in by_code:
            from microokr.history import open_history

            past = open_history(
                workspace.root,
                workspace.config.sprints,
                max_bytes=workspace.config.max_file_size,
                stamp=getattr(self.cache, "stamp", None),  # git's answers kept while valid
            )
            if past.notice is not None:
                skipped = "" if past.available else " is skipped"
                self._notices.append(f"{by_code['MO709'].name} (MO709){skipped}: {past.notice}")
        self._ctx = RuleContext(workspace, self.today, past)
        # The OKR files are read before any sprint: the context of the sprint rules.
        if self.cache is not None:
            self._context = self.cache.context_key(workspace, self.today)
        return self._ctx

    def sprint(self, workspace: Workspace, source: SourceFile) -> SourceFile:
        """The load problems and the sprint rules of one sprint file; what to keep of it
        for the cross-file rules (`checked.CheckedSprint`: facts and text, no model)."""
        from microokr.checked import CheckedSprint

        ctx = self.begin(workspace)
        self.found.extend(load_diagnostics(source, self._by_code))
        self.found.extend(
            check_sprint(
                source,
                self._rules,
                ctx,
                cache=self.cache,
                context=self._context,
                codes=self._codes,
            )
        )
        settle = getattr(self.cache, "settle", None)
        if settle is not None:
            settle(source)
        return CheckedSprint.of(source)

    def finish(self, workspace: Workspace, paths: Sequence[Path] | None) -> LintResult:
        """The other files' load problems, the workspace rules; filtered and sorted."""
        ctx = self.begin(workspace)
        try:
            return self._finish(workspace, ctx, paths)
        finally:
            self.close()

    def close(self) -> None:
        """Let go of git (the history's reader), whether the run finished or not."""
        if self._ctx is not None and self._ctx.history is not None:
            self._ctx.history.close()

    def _finish(
        self, workspace: Workspace, ctx: RuleContext, paths: Sequence[Path] | None
    ) -> LintResult:
        rules = self._rules
        by_code = self._by_code
        found = self.found
        head = [workspace.config_file] if workspace.config_file else []
        for source in [*head, *workspace.okr_files]:
            found.extend(load_diagnostics(source, by_code))
        cross = self.cache.cross_key(workspace, self.today) if self.cache is not None else None
        for rule in rules:
            if rule.scope is Scope.WORKSPACE and rule.check is not None:
                if rule.facts and cross is not None:
                    assert self.cache is not None
                    found.extend(facts_rule(self.cache, workspace, rule, ctx, cross, diagnostic))
                else:
                    found.extend(diagnostic(rule, finding, None) for finding in rule.check(ctx))
        files = workspace.files
        if paths is not None:
            wanted = _wanted(workspace, paths)
            found = [d for d in found if d.path in wanted]
            files = [f for f in files if f.rel in wanted]
        texts = {source.rel: source for source in workspace.files}
        kept = sorted({d for d in found if not _suppressed(d, texts.get(d.path))})
        count = len(files) + (len(workspace.unrecognized) if paths is None else 0)
        notices = list(self._notices)
        if ctx.history is not None and ctx.history.failure is not None:  # git died midway
            notices.append(f"{by_code['MO709'].name} (MO709) is skipped: {ctx.history.failure}")
        return LintResult(kept, count, tuple(notices))


def _wanted(workspace: Workspace, paths: Sequence[Path]) -> set[str]:
    """Relative paths of the workspace's files at or below the given paths."""
    resolved = [p.resolve() for p in paths]
    every = [source.rel for source in workspace.files]
    every += workspace.unrecognized + workspace.outside_links
    wanted = set()
    for rel in every:
        absolute = (workspace.root / rel).resolve()
        if any(absolute == p or p in absolute.parents for p in resolved):
            wanted.add(rel)
    return wanted


def _suppressed(found: Diagnostic, source: SourceFile | None) -> bool:
    """True when the diagnostic's line carries `# microokr: ignore[CODE]`."""
    if source is None:
        return False
    match = _SUPPRESS.search(source.line_text(found.line))
    if match is None:
        return False
    codes = {code.strip().upper() for code in match.group(1).split(",")}
    return any(found.code.startswith(code) for code in codes if code)
