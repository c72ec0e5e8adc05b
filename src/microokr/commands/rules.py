"""`microokr rules [CODE]`: the rule catalog, or one rule's documentation.

The same docs feed `docs/rules.md` and SARIF's rule help: one source.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from microokr.commands.common import console

if TYPE_CHECKING:
    from microokr.rules.base import Rule


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)


def rules(
    ctx: typer.Context,
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="[CODE]",
            help="A rule code or name (MO502, output-kr) for its documentation, "
            "or a prefix (MO5) for a series.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="text for people, json for tools, markdown for docs."),
    ] = RulesFormat.TEXT,
) -> int:
    """List every lint rule (code, name, severity, summary), or print one rule's documentation.

    Example: microokr rules MO502
    """
    import json

    from microokr.docs import render_rule_markdown, render_rules_markdown

    chosen = find_rules(code)
    single = len(chosen) == 1 and code is not None and not _is_prefix_only(code, chosen[0])
    if output_format is RulesFormat.JSON:
        print(json.dumps([rule_entry(rule) for rule in chosen], indent=2, ensure_ascii=False))
    elif output_format is RulesFormat.MARKDOWN:
        if code is None:
            print(render_rules_markdown(chosen), end="")
        else:
            print("\n".join(render_rule_markdown(rule, level=2) for rule in chosen), end="")
    elif single:
        _print_doc(ctx, chosen[0])
    else:
        _print_table(ctx, chosen)
    return 0


def rule_entry(rule: Rule) -> dict[str, str]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity),
        "summary": rule.summary,
        "doc": rule.doc,
    }


def _is_prefix_only(code: str, rule: Rule) -> bool:
    """`MO5` naming a series that happens to hold one rule still means the series."""
    wanted = code.strip()
    return wanted.upper() != rule.code and wanted.lower() != rule.name


def find_rules(code: str | None) -> list[Rule]:
    """All rules; or the one with this code or name; or a series by prefix (MO5).

    An unknown code is a usage error with the closest code or name suggested.
    """
    from microokr.errors import UsageError
    from microokr.formatting import did_you_mean
    from microokr.rules.base import all_rules

    catalog = all_rules()
    if code is None:
        return catalog
    wanted = code.strip()
    exact = [r for r in catalog if r.code == wanted.upper() or r.name == wanted.lower()]
    if exact:
        return exact
    series = [
        r for r in catalog if wanted.upper().startswith("MO") and r.code.startswith(wanted.upper())
    ]
    if series:
        return series
    close = did_you_mean(wanted, [r.code for r in catalog]) or did_you_mean(
        wanted, [r.name for r in catalog]
    )
    hint = f"; {close}" if close else ": run 'microokr rules' for the list"
    raise UsageError(f"there is no rule '{wanted:.40}'{hint}")


def _print_table(ctx: typer.Context, chosen: list[Rule]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("code", style="bold", no_wrap=True)
    table.add_column("name", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("summary")
    for rule in chosen:
        style = "red" if rule.severity == "error" else "yellow"
        # Text, not markup: a summary may hold brackets such as `ignore[MO603]`.
        table.add_row(rule.code, rule.name, Text(str(rule.severity), style), Text(rule.summary))
    out = console(ctx)
    out.print(table)


def _print_doc(ctx: typer.Context, rule: Rule) -> None:
    """Rendered markdown in a terminal; the plain markdown text when piped."""
    out = console(ctx)
    if out.is_terminal:
        from rich.markdown import Markdown

        out.print(Markdown(f"# {rule.code} {rule.name}\n\n**{rule.severity}** · {rule.summary}"))
        out.print(Markdown(rule.doc or "_No documentation._"))
    else:
        print(f"{rule.code} {rule.name} ({rule.severity})\n{rule.summary}\n\n{rule.doc}")
