"""`--format summary`: GitHub-flavoured markdown for a job summary ($GITHUB_STEP_SUMMARY).

A verdict line, then one table of findings per file, each rule linked to its
entry in docs/rules.md. GitHub refuses a step summary over 1 MiB, so the output
stops below `LIMIT_BYTES` with one "… and N more" line. Messages quote what files
hold: every markdown and HTML character in them is escaped, so a `|` cannot
break the table and a `<img>` or `[link](…)` renders as text.
"""

from __future__ import annotations

import re
from typing import TextIO

from microokr.docs import rule_url
from microokr.formatting import plural
from microokr.reporters.base import LintReport

LIMIT_BYTES = 1024 * 1024 - 16 * 1024
"""Below GitHub's 1 MiB per step, with room for what other steps append."""

ICON_BY_SEVERITY = {"error": "❌", "warning": "⚠️"}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&$])")


def escape_markdown(text: str) -> str:
    """Text that renders as itself in the middle of a line (a table cell, after a
    heading's `#`s or a bullet): GFM escapes ASCII punctuation with a backslash, and
    only these characters mean something there (`$` opens math on GitHub)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def verdict(report: LintReport) -> str:
    files = plural(report.files, "file")
    if not report.diagnostics:
        return f"### ✅ microokr: all checks passed ({files})"
    counts = " and ".join(
        plural(count, word)
        for count, word in ((report.errors, "error"), (report.warnings, "warning"))
        if count
    )
    icon = "❌" if report.errors else "⚠️"
    return f"### {icon} microokr: {counts} in {files}"


def finding_row(report: LintReport, index: int) -> str:
    found = report.diagnostics[index]
    icon = ICON_BY_SEVERITY.get(found.severity, "")
    rule = f"[{found.code} {escape_markdown(found.name)}]({rule_url(found.code, found.name)})"
    return (
        f"| {icon} {found.severity} | {found.line}:{found.column} | {rule} "
        f"| {escape_markdown(found.message)} |"
    )


def file_heading(report: LintReport, path: str) -> str:
    return (
        f"\n#### {escape_markdown(report.repo_path(path))}\n\n"
        "| severity | line:col | rule | message |\n|---|---|---|---|\n"
    )


def render(report: LintReport, *, limit: int = LIMIT_BYTES) -> str:
    parts = [verdict(report) + "\n"]
    if report.version:
        parts.append(f"\n<sub>microokr {report.version}</sub>\n")
    used = sum(len(part.encode()) for part in parts)
    reserve = 300  # the closing "… and N more" line, whatever N is
    written = 0
    current: str | None = None
    for index, found in enumerate(report.diagnostics):
        piece = file_heading(report, found.path) if found.path != current else ""
        piece += finding_row(report, index) + "\n"
        size = len(piece.encode())
        if used + size + reserve > limit:
            break
        parts.append(piece)
        used += size
        written += 1
        current = found.path
    left = len(report.diagnostics) - written
    if left:
        parts.append(
            f"\n… and {left} more {'finding' if left == 1 else 'findings'} not listed here "
            "(a job summary must stay below 1 MiB): run `microokr lint` to see every one.\n"
        )
    return "".join(parts)


class SummaryReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        stream.write(render(report))
