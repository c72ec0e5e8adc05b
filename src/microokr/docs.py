"""docs/rules.md, generated from the rules' own documentation (never edited by hand).

Regenerate with `python -m microokr.docs > docs/rules.md` (or `microokr rules
--format markdown > docs/rules.md`); a test fails while the committed file is stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from microokr.rules.base import Rule

REGENERATE = "python -m microokr.docs > docs/rules.md"

INFORMATION_URI = "https://github.com/microokr/microokr"
RULES_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"

SERIES_TITLES = {
    "MO0": "files",
    "MO1": "step 1, trigger",
    "MO2": "step 2, anchor KR",
    "MO3": "step 3, desired condition",
    "MO4": "step 4, objective",
    "MO5": "step 5, key results",
    "MO6": "step 6, duration and ownership",
    "MO7": "governance and lifecycle",
    "MO8": "what a Micro-OKR is not",
}
"""The series headings of spec/rules.md: what each group of codes is about."""

INTRO = """\
Every rule that `microokr lint` checks, with what it does, why it matters, and a bad and
a good example. Codes are a public contract: a code never changes meaning once released.

An **error** fails the run (exit 1); a **warning** fails it only under `--strict` or
`lint.strict: true` in `microokr.yaml`. To silence a rule, add its code or a prefix to
`lint.ignore` in `microokr.yaml`, pass `--ignore MO8`, or put
`# microokr: ignore[MO603]` on the line it points at. `microokr rules MO502` prints one
rule's entry in the terminal.
"""


def anchor(rule: Rule) -> str:
    """The GitHub anchor of a rule's heading: `### MO502 output-kr` -> `mo502-output-kr`."""
    return f"{rule.code.lower()}-{rule.name}"


def rule_url(code: str, name: str) -> str:
    """Where a rule's entry is read on GitHub: docs/rules.md at the rule's heading."""
    return f"{RULES_DOC_URI}#{code.lower()}-{name}"


def table_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def demote_headings(doc: str, levels: int) -> str:
    """Push the doc's `##` headings down under the rule's own heading, outside code fences."""
    lines = []
    fenced = False
    for line in doc.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = "#" * levels + line
        lines.append(line)
    return "\n".join(lines)


def render_rule_markdown(rule: Rule, *, level: int = 3) -> str:
    """One rule's section: heading, severity and summary, then its doc."""
    heading = "#" * level
    doc = demote_headings(rule.doc, level - 1) if rule.doc else "_No documentation._"
    return f"{heading} {rule.code} {rule.name}\n\n**{rule.severity}** · {rule.summary}\n\n{doc}\n"


def render_rules_markdown(rules: Sequence[Rule] | None = None) -> str:
    """The whole catalog as one markdown document: an index table, then every rule."""
    if rules is None:
        from microokr.rules.base import all_rules

        rules = all_rules()
    parts = [
        "# Rules\n",
        f"<!-- Generated from the rules' documentation by `{REGENERATE}`. "
        "Do not edit by hand. -->\n",
        INTRO,
        "| code | name | severity | what it checks |",
        "|---|---|---|---|",
    ]
    parts += [
        f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity} "
        f"| {table_cell(rule.summary)} |"
        for rule in rules
    ]
    for series, members in groupby(rules, key=lambda rule: rule.code[:3]):
        title = SERIES_TITLES.get(series)
        parts.append(f"\n## {series} — {title}\n" if title else f"\n## {series}\n")
        parts += [render_rule_markdown(rule) for rule in members]
    return "\n".join(parts).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_rules_markdown())
