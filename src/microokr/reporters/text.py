"""`--format text`: for people. Grouped by file, one
`path:line:col: severity CODE name: message` line per diagnostic (the compiler form
editors and problem matchers make clickable), and a summary line.

Colour is a permission from the command (off under NO_COLOR, `--no-color` or a
pipe); without it the output is plain text with no escape codes at all.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from microokr.formatting import one_line, plural
from microokr.reporters.base import LintReport

if TYPE_CHECKING:
    from microokr.diagnostics import Diagnostic

STYLE_BY_SEVERITY = {"error": "bold red", "warning": "bold yellow"}


def summary_line(report: LintReport) -> str:
    """ "Found 3 errors and 2 warnings in 12 files." or "All checks passed (12 files)."."""
    files = plural(report.files, "file")
    counts = [
        plural(count, word)
        for count, word in ((report.errors, "error"), (report.warnings, "warning"))
        if count
    ]
    if not counts:
        return f"All checks passed ({files})."
    return f"Found {' and '.join(counts)} in {files}."


def _line(found: Diagnostic) -> str:
    return (
        f"{one_line(found.path)}:{found.line}:{found.column}: {found.severity} "
        f"{found.code} {found.name}: {one_line(found.message)}"
    )


class TextReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        if not color:
            # Plain text is the same characters without rich: a pre-commit run (a pipe)
            # does not pay for importing rich's console.
            lines: list[str] = []
            for _, group in groupby(report.diagnostics, key=lambda found: found.path):
                lines.extend(_line(found) for found in group)
                lines.append("")
            lines.append(summary_line(report))
            stream.write("\n".join(lines) + "\n")
            return
        from rich.console import Console
        from rich.text import Text

        console = Console(
            file=stream,
            force_terminal=color,
            no_color=not color,
            color_system="auto" if color else None,
            highlight=False,
            soft_wrap=True,
            emoji=False,
            markup=False,
        )
        for _, group in groupby(report.diagnostics, key=lambda found: found.path):
            for found in group:
                line = Text()
                style = STYLE_BY_SEVERITY.get(found.severity, "bold")
                line.append(f"{one_line(found.path)}:{found.line}:{found.column}:", style="bold")
                line.append(f" {found.severity} ", style=style)
                line.append(found.code, style=style)
                line.append(" ")
                line.append(f"{found.name}:", style="dim")
                line.append(" ")
                line.append(one_line(found.message))
                console.print(line)
            console.print()
        style = "bold red" if report.errors else "bold yellow" if report.warnings else "bold green"
        console.print(Text(summary_line(report), style=style))
