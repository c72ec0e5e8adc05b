"""`--format json`: the machine contract of spec/cli.md, `version: 1`.

The shape is fixed: tools parse it. Add keys only with a new `version`.
"""

from __future__ import annotations

import json
from typing import TextIO

from microokr.reporters.base import LintReport

FORMAT_VERSION = 1


def to_document(report: LintReport) -> dict[str, object]:
    return {
        "version": FORMAT_VERSION,
        "summary": {
            "files": report.files,
            "errors": report.errors,
            "warnings": report.warnings,
        },
        "diagnostics": [diagnostic.to_dict() for diagnostic in report.diagnostics],
    }


class JsonReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        stream.write(json.dumps(to_document(report), indent=2, ensure_ascii=False) + "\n")
