"""`--format github`: workflow commands that GitHub Actions shows as annotations.

GitHub resolves `file=` from the repository root, so paths carry the report's
`path_prefix` (the workspace folder, when it is a subfolder of the checkout).
"""

from __future__ import annotations

from typing import TextIO

from microokr.reporters.base import LintReport


def escape_data(text: str) -> str:
    """The message part: GitHub reads `%`, CR and LF as escapes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A `key=value` property: also `:` and `,`, which end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        for found in report.diagnostics:
            command = "error" if found.severity == "error" else "warning"
            properties = ",".join(
                f"{key}={escape_property(value)}"
                for key, value in (
                    ("file", report.path_prefix + found.path),
                    ("line", str(found.line)),
                    ("col", str(found.column)),
                    ("title", f"{found.code} {found.name}"),
                )
            )
            stream.write(f"::{command} {properties}::{escape_data(found.message)}\n")
