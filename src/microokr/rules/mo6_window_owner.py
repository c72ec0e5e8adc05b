"""MO6: step 6 of the writing protocol, duration and ownership.

A window of 1-4 weeks; owners that are teams of the registry; one named Sprint
Lead; initiatives divided by team; a check-in cadence (daily when joint).
"""

from __future__ import annotations

from collections.abc import Iterator

from microokr.diagnostics import Severity
from microokr.model import CadenceEvery, Sprint
from microokr.progress import is_joint, window_days
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.workspace import SourceFile

MAX_WINDOW_DAYS = 28
MIN_WINDOW_DAYS = 7


@sprint_rule(
    "MO601",
    "window-order",
    Severity.ERROR,
    "`window.end` is not after `window.start`.",
    local=True,
)
def window_order(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a window whose `end` is on or before its `start`.

    ## Why is this bad?
    A sprint has an explicit start and end (step 6). A window that ends before it
    starts, or on the same day, has no days to move a number in, and every derived
    value (expected progress, status, the 2-per-team count) is meaningless.

    ## Example
    ```yaml
    window:
      start: 2026-07-28
      end: 2026-07-14
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-28
    ```
    """
    if sprint.window.end <= sprint.window.start:
        yield Finding(
            f"the window ends on {sprint.window.end} but starts on {sprint.window.start}: "
            "`window.end` must come after `window.start` (swap them or fix the date)",
            at=("window", "end"),
        )


@sprint_rule(
    "MO602",
    "window-too-long",
    Severity.ERROR,
    "The window spans more than 28 days.",
    local=True,
)
def window_too_long(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a window longer than 28 days (`end - start`).

    ## Why is this bad?
    A Micro-OKR is "never longer than four weeks. If the required response
    exceeds that window, a formal Tactical OKR revision is the appropriate
    instrument." A longer sprint is a quarterly OKR in disguise.

    ## Example
    ```yaml
    window:
      start: 2026-07-20
      end: 2026-08-24     # 35 days
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-20
      end: 2026-08-10     # 21 days
    ```
    """
    days = window_days(sprint)
    if days > MAX_WINDOW_DAYS:
        yield Finding(
            f"the window spans {days} days, more than {MAX_WINDOW_DAYS}: end it within 4 weeks "
            "of its start, or revise the Tactical OKR instead of running a sprint",
            at=("window", "end"),
        )


@sprint_rule(
    "MO603",
    "window-too-short",
    Severity.WARNING,
    "The window spans fewer than 7 days.",
    local=True,
)
def window_too_short(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a window shorter than 7 days (`end - start`). A window that does not
    end after its start is MO601's business, not this rule's.

    ## Why is this bad?
    A Micro-OKR runs 1 to 4 weeks: long enough for a change in condition to show
    in the numbers. A few days is a task list with a deadline; the team already
    knows what to do, so an Initiative is the right instrument.

    ## Example
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-17     # 3 days
    ```

    ## Use instead
    ```yaml
    window:
      start: 2026-07-14
      end: 2026-07-28     # 14 days
    ```
    """
    days = window_days(sprint)
    if 0 < days < MIN_WINDOW_DAYS:
        yield Finding(
            f"the window spans {days} day{'s' if days != 1 else ''}, fewer than "
            f"{MIN_WINDOW_DAYS}: give the change at least a week to show, or write an "
            "Initiative instead",
            at=("window", "end"),
        )


@sprint_rule(
    "MO604",
    "individual-owner",
    Severity.ERROR,
    "An owner is not a team id in the registry.",
)
def individual_owner(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports an entry of `owner.teams` that is not a team id of the registry in
    `microokr.yaml` (`teams:`). Without a registry there is nothing to check
    against: MO606 warns about that instead.

    ## Why is this bad?
    "Team instruments only": a sprint owned by a person ("Dana Ortiz") is an
    individual's quota in OKR language. A misspelt team id also escapes the
    2-per-team limit, since the limit counts sprints by team id.

    ## Example
    ```yaml
    owner:
      teams: [Dana Ortiz]
    ```

    ## Use instead
    ```yaml
    owner:
      teams: [sales-west]
      lead: Dana Ortiz
    ```
    """
    registry = ctx.workspace.teams
    if not registry:
        return
    import difflib

    known = sorted(registry)
    for i, team in enumerate(sprint.owner.teams):
        if team in registry:
            continue
        hint = difflib.get_close_matches(team, known, n=1)
        mend = (
            f"did you mean '{hint[0]}'?"
            if hint
            else f"use a team id from microokr.yaml ({', '.join(known[:6])}"
            f"{', ...' if len(known) > 6 else ''}), or add the team there"
        )
        yield Finding(
            f"'{team}' is not a team of the registry, and sprints are team instruments: {mend}",
            at=("owner", "teams", i),
        )


@sprint_rule(
    "MO605",
    "lead",
    Severity.ERROR,
    "Several teams and no single named `owner.lead`, or a list of leads.",
    local=True,
)
def lead(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a joint sprint (several `owner.teams`) without an `owner.lead`, and
    any sprint whose `lead` is a list of people.

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
    if isinstance(named, list):
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


@sprint_rule(
    "MO606",
    "no-team-registry",
    Severity.WARNING,
    "The workspace has no `teams`, so ownership cannot be verified.",
)
def no_team_registry(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports, on every sprint, that the workspace has no team registry (`teams:`
    in `microokr.yaml` is absent or empty), so its owners cannot be checked. It
    fires once per sprint, at `owner.teams`, so that a run over some files only
    (pre-commit) still says why their owners went unchecked, and so that a
    workspace without `microokr.yaml` has a file to point at.

    ## Why is this bad?
    Without the registry, MO604 cannot tell a team from a person or a typo, and
    the 2-per-team limit counts "sales-west" and "sales_west" as two teams.

    ## Example
    ```yaml
    # microokr.yaml
    okrs: okrs
    sprints: sprints
    ```

    ## Use instead
    ```yaml
    # microokr.yaml
    teams:
      sales-west: {name: Regional Sales Team — West, lead: Dana Ortiz}
    ```
    """
    if not ctx.workspace.teams:
        yield Finding(
            "the workspace has no team registry, so these owners cannot be verified as teams: "
            "list the teams under `teams:` in microokr.yaml",
            at=("owner", "teams"),
        )


@sprint_rule(
    "MO607",
    "initiatives",
    Severity.WARNING,
    "No initiatives, or in a joint sprint an initiative without an owning team.",
    local=True,
)
def initiatives(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without `initiatives`, and in a joint sprint an initiative
    whose `team` is missing or is not one of `owner.teams`.

    ## Why is this bad?
    Initiatives are what the teams will do to move the KRs; without them the KRs
    are wishes. In a joint sprint "the Initiatives are divided by team; the
    outcomes are not": an initiative without an owning team is one nobody does.

    ## Example
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    initiatives:
      - action: Rewrite the lead-scoring model with Sales
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    initiatives:
      - team: marketing
        action: Rewrite the lead-scoring model with Sales
    ```
    """
    if not sprint.initiatives:
        yield Finding(
            "the sprint has no initiatives: list what each team will do to move the KRs "
            "under `initiatives:` (team and action)",
            at=("initiatives",),
            key=True,
        )
        return
    if not is_joint(sprint):
        return
    owners = set(sprint.owner.teams)
    for i, initiative in enumerate(sprint.initiatives):
        if initiative.team is None or not initiative.team.strip():
            yield Finding(
                "this initiative of a joint sprint names no team: add `team:` with one of "
                f"{', '.join(sprint.owner.teams)}",
                at=("initiatives", i),
            )
        elif initiative.team not in owners:
            yield Finding(
                f"the initiative's team '{initiative.team}' does not own this sprint: use one of "
                f"{', '.join(sprint.owner.teams)}, or add the team to `owner.teams`",
                at=("initiatives", i, "team"),
            )


@sprint_rule(
    "MO608",
    "cadence",
    Severity.WARNING,
    "No cadence, or a joint sprint whose check-ins are not daily.",
    local=True,
)
def cadence(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint without a `cadence`, and a joint sprint (several teams)
    whose `cadence.every` is not `daily`.

    ## Why is this bad?
    Check-ins are how a sprint notices a number that did not move while there is
    still time to act; without a cadence no one knows when the next one is due
    (and MO705 cannot tell a stale sprint). Joint sprints need daily, short
    check-ins with all teams present: hand-offs break between teams within days.

    ## Example
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    cadence:
      every: weekly
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, marketing], lead: Priya Raman}
    cadence:
      every: daily
      minutes: 15
    ```
    """
    if sprint.cadence is None:
        yield Finding(
            "the sprint has no check-in cadence: add `cadence:` with `every: daily`, "
            "`twice-weekly` or `weekly` (and `minutes:`)",
            at=("cadence",),
            key=True,
        )
    elif is_joint(sprint) and sprint.cadence.every is not CadenceEvery.DAILY:
        yield Finding(
            f"a joint sprint checks in {sprint.cadence.every.value}: set `every: daily`, short "
            "check-ins with every team present",
            at=("cadence", "every"),
        )
