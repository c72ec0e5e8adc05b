"""The output formats of `microokr lint`, one small module each, behind one dict.

`REPORTER_BY_NAME` is also where the CLI takes its allowed `--format` values
from, so a new format is one module and one line here. Import-light: rich is
imported only when the text reporter runs.
"""

from __future__ import annotations

from microokr.reporters.base import LintReport, Reporter
from microokr.reporters.github import GithubReporter
from microokr.reporters.json import JsonReporter
from microokr.reporters.sarif import SarifReporter
from microokr.reporters.summary import SummaryReporter
from microokr.reporters.text import TextReporter

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": TextReporter(),
    "json": JsonReporter(),
    "github": GithubReporter(),
    "sarif": SarifReporter(),
    "summary": SummaryReporter(),
}

__all__ = ["REPORTER_BY_NAME", "LintReport", "Reporter"]
