"""MO605 lead: Several teams and no single named `owner.lead`, or a list of leads."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.formatting import quote
from microokr.model import Sprint
from microokr.progress import is_joint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.mo6.committee import lead_names
from microokr.workspace import SourceFile


@sprint_rule(
    "MO605",
    "lead",
    Severity.ERROR,
    "Several teams and no single named `owner.lead`, or a list of leads.",
    local=True,
    answers=("owner.lead",),
)
def lead(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a joint sprint (several `owner.teams`) without an `owner.lead`, and
    any sprint whose `lead` is a committee: a list of people, or one string that
    names several ("Maya Chen and Tom Becker", "A & B", "A, B", "A / B"). A name
    with its title ("Dana Ortiz, Head of Sales") is one lead.

    ## Why is this bad?
    "One Sprint Lead, not a committee": one named person convenes the daily
    check-ins, escalates blockers across team boundaries and calls the Sprint
    Close. Leadership by committee stalls decisions.

    ## Example
    ```yaml
    owner:
      teams: [sales, product, marketing]
      lead: [Priya Raman, Sam Lee]
    ```

    ## Use instead
    ```yaml
    owner:
      teams: [sales, product, marketing]
      lead: Priya Raman     # usually the anchor KR's owner
    ```
    """
    named = sprint.owner.lead
    if isinstance(named, str) and len(names := lead_names(named)) > 1:
        yield Finding(
            f"`owner.lead` names {len(names)} people ({' and '.join(quote(n) for n in names)}): "
            "name one Sprint Lead (usually the anchor KR's owner), not a committee",
            at=("owner", "lead"),
        )
    elif isinstance(named, list):
        yield Finding(
            f"`owner.lead` lists {len(named)} people: name one Sprint Lead (usually the anchor "
            "KR's owner), not a committee",
            at=("owner", "lead"),
        )
    elif is_joint(sprint) and not (named or "").strip():
        yield Finding(
            f"the sprint is owned by {len(set(sprint.owner.teams))} teams and has no Sprint "
            "Lead: add `lead:` under `owner` with the one person who convenes it",
            at=("owner",) if named is None else ("owner", "lead"),
            key=named is None,
        )
