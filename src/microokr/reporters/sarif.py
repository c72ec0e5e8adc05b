"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

`tool.driver.rules` is the whole catalog, not only the rules that fired, so a
viewer can show every rule's help; results point into it with `ruleIndex`. Code
scanning shows `help.markdown` (not `helpUri`), so the doc carries its own link;
it tracks an alert across runs by `partialFingerprints`, and reads artifact URIs
from the repository root (`path_prefix`).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, TextIO

from microokr.docs import INFORMATION_URI, rule_url
from microokr.reporters.base import LintReport

if TYPE_CHECKING:
    from microokr.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "microokrFinding/v1"
_DIGITS = re.compile(r"[0-9]+")

_SECTION = re.compile(r"^## What it does\s*\n(.*?)(?=^## |\Z)", re.DOTALL | re.MULTILINE)


def what_it_does(rule: Rule) -> str:
    """The doc's "What it does" paragraph on one line, else the summary."""
    match = _SECTION.search(rule.doc)
    text = " ".join(match.group(1).split()) if match else ""
    return text or rule.summary


def rule_descriptor(rule: Rule) -> dict[str, object]:
    url = rule_url(rule.code, rule.name)
    doc = rule.doc or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what_it_does(rule)},
        "help": {
            "text": f"{doc}\n\nDocumentation: {url}",
            "markdown": f"{doc}\n\n[{rule.code} {rule.name} in docs/rules.md]({url})",
        },
        "helpUri": url,
        "defaultConfiguration": {"level": str(rule.severity)},
        "properties": {"tags": ["micro-okr"]},
    }


def fingerprint(code: str, uri: str, message: str, occurrence: int) -> str:
    """Stable across runs while the finding stays: neither its line (an edit above
    moves it) nor the numbers in its message ("5 days ago" tomorrow reads "6") count;
    `occurrence` tells apart the same finding repeated in one file."""
    key = "\0".join((code, uri, _DIGITS.sub("0", message)))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}:{occurrence}"


def to_document(report: LintReport) -> dict[str, object]:
    index_by_code = {rule.code: index for index, rule in enumerate(report.rules)}
    results = []
    seen: dict[str, int] = {}
    for found in report.diagnostics:
        uri = report.repo_path(found.path)
        digest = fingerprint(found.code, uri, found.message, 0).split(":")[0]
        seen[digest] = seen.get(digest, 0) + 1
        result: dict[str, object] = {
            "ruleId": found.code,
            "level": str(found.severity),
            "message": {"text": found.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": uri,
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": found.line, "startColumn": found.column},
                    }
                }
            ],
            "partialFingerprints": {
                FINGERPRINT_KEY: fingerprint(found.code, uri, found.message, seen[digest])
            },
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
                # The category: one per workspace, so two workspaces of one repository
                # keep separate alerts (upload-sarif's `category` overrides it).
                "automationDetails": {"id": f"microokr/{report.path_prefix}"},
                # libyaml counts columns in characters, not UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


class SarifReporter:
    def write(self, report: LintReport, stream: TextIO, *, color: bool = False) -> None:
        stream.write(json.dumps(to_document(report), indent=2, ensure_ascii=False) + "\n")
