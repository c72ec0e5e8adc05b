"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

`tool.driver.rules` is the whole catalog, not only the rules that fired, so a
viewer can show every rule's help; results point into it with `ruleIndex`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, TextIO

from microokr.docs import anchor
from microokr.reporters.base import LintReport

if TYPE_CHECKING:
    from microokr.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/microokr/microokr"
RULES_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"

_SECTION = re.compile(r"^## What it does\s*\n(.*?)(?=^## |\Z)", re.DOTALL | re.MULTILINE)


def what_it_does(rule: Rule) -> str:
    """The doc's "What it does" paragraph on one line, else the summary."""
    match = _SECTION.search(rule.doc)
    text = " ".join(match.group(1).split()) if match else ""
    return text or rule.summary


def rule_descriptor(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what_it_does(rule)},
        "help": {"text": rule.doc or rule.summary, "markdown": rule.doc or rule.summary},
        "helpUri": f"{RULES_DOC_URI}#{anchor(rule)}",
        "defaultConfiguration": {"level": str(rule.severity)},
        "properties": {"tags": ["micro-okr"]},
    }


def to_document(report: LintReport) -> dict[str, object]:
    index_by_code = {rule.code: index for index, rule in enumerate(report.rules)}
    results = []
    for found in report.diagnostics:
        result: dict[str, object] = {
            "ruleId": found.code,
            "level": str(found.severity),
            "message": {"text": found.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": report.path_prefix + found.path,
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": found.line, "startColumn": found.column},
                    }
                }
            ],
        }
        if found.code in index_by_code:
            result["ruleIndex"] = index_by_code[found.code]
        results.append(result)
    driver = {
        "name": "microokr",
        "version": report.version,
        "informationUri": INFORMATION_URI,
        "rules": [rule_descriptor(rule) for rule in report.rules],
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                # libyaml counts columns in characters, not UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


class SarifReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        stream.write(json.dumps(to_document(report), indent=2, ensure_ascii=False) + "\n")
