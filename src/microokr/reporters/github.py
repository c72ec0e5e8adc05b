"""`--format github`: workflow commands that GitHub Actions shows as annotations.

GitHub resolves `file=` from the repository root, so paths carry the report's
`path_prefix` (the workspace folder, when it is a subfolder of the checkout).
A step shows at most 10 error and 10 warning annotations and drops the rest
silently, so the first ones are printed and then one notice says how many more
there are and where they are listed (the job summary, `--format summary`).
"""

from __future__ import annotations

from typing import TextIO

from microokr.formatting import plural
from microokr.reporters.base import LintReport

SHOWN_PER_SEVERITY = 10
"""GitHub's per-step limit for each of `::error` and `::warning`."""


def escape_data(text: str) -> str:
    """The message part: GitHub reads `%`, CR and LF as escapes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A `key=value` property: also `:` and `,`, which end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command_line(command: str, properties: dict[str, str], message: str) -> str:
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{command} {listed}::{escape_data(message)}\n"


class GithubReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        shown = {"error": 0, "warning": 0}
        hidden = {"error": 0, "warning": 0}
        for found in report.diagnostics:
            command = "error" if found.severity == "error" else "warning"
            if shown[command] == SHOWN_PER_SEVERITY:
                hidden[command] += 1
                continue
            shown[command] += 1
            # The workflow-command syntax has no escape for a control character, and
            # the runner never echoes these lines into the log: on a runner the true
            # name goes into `file=` so the annotation lands on the file; elsewhere
            # (a terminal) the escaped name, as everywhere else.
            path = report.real_paths.get(found.path, found.path) if report.on_runner else found.path
            properties = {
                "file": report.path_prefix + path,
                "line": str(found.line),
                "col": str(found.column),
                "title": f"{found.code} {found.name}",
            }
            stream.write(command_line(command, properties, found.message))
        if hidden["error"] or hidden["warning"]:
            counts = " and ".join(
                plural(count, word)
                for word, count in (("error", hidden["error"]), ("warning", hidden["warning"]))
                if count
            )
            message = (
                f"{counts} more not shown as annotations (GitHub shows "
                f"{SHOWN_PER_SEVERITY} of each per step): see the job summary "
                "(microokr lint --format summary) or run microokr lint locally for all "
                f"{plural(len(report.diagnostics), 'finding')}"
            )
            stream.write(command_line("notice", {"title": "microokr"}, message))
