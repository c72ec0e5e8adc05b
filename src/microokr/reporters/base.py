"""What every reporter is given, and the one method it has.

Reporters never decide: the command has already chosen the rules, filtered the
diagnostics and worked out colour and path prefixes; a reporter only prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from microokr.diagnostics import Diagnostic
    from microokr.rules.base import Rule


@dataclass(frozen=True)
class LintReport:
    """One lint run, ready to print.

    `rules` is the whole catalog (SARIF describes every rule, not only those that
    fired). `path_prefix` is the workspace folder relative to the repository root
    (`""` or `"okr/"`), for formats whose readers resolve paths from there (GitHub
    annotations, code scanning, the job summary). `real_paths` maps a diagnostic's
    path back to the file's true name where `printable` changed it (a control
    character in a file name); `on_runner` says the output goes to a GitHub runner,
    which reads `file=` but never shows the command line itself.
    """

    diagnostics: Sequence[Diagnostic]
    files: int
    rules: Sequence[Rule] = ()
    path_prefix: str = ""
    version: str = ""
    real_paths: Mapping[str, str] = field(default_factory=dict)
    on_runner: bool = False

    def repo_path(self, path: str) -> str:
        """A diagnostic's path from the repository root, as people read it."""
        return self.path_prefix + path

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


class Reporter(Protocol):
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        """Print `report` to `stream`; `color` is only a permission, never a decision."""
