"""What every reporter is given, and the one method it has.

Reporters never decide: the command has already chosen the rules, filtered the
diagnostics and worked out colour and path prefixes; a reporter only prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from microokr.diagnostics import Diagnostic
    from microokr.rules.base import Rule


@dataclass(frozen=True)
class LintReport:
    """One lint run, ready to print.

    `rules` is the whole catalog (SARIF describes every rule, not only those that
    fired). `path_prefix` is the workspace folder relative to the current folder
    (`""` or `"okr/"`), for formats whose readers resolve paths from the repository
    root (GitHub annotations, code scanning).
    """

    diagnostics: Sequence[Diagnostic]
    files: int
    rules: Sequence[Rule] = ()
    path_prefix: str = ""
    version: str = ""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


class Reporter(Protocol):
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        """Print `report` to `stream`; `color` is only a permission, never a decision."""
