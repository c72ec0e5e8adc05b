"""MO5: step 5 of the writing protocol, the key results.

Two or three KRs, each a change in condition from a baseline to a target, shared
by every owning team. The heuristics' word lists live in `rules/vocabulary/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from microokr.diagnostics import Severity
from microokr.model import Sprint, SprintKeyResult
from microokr.progress import is_joint
from microokr.rules.base import Finding, RuleContext, sprint_rule
from microokr.rules.vocabulary import outputs
from microokr.workspace import SourceFile, Workspace

MIN_KRS = 2
MAX_KRS = 3

_TOKEN = re.compile(r"#|%|\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?")


def _tokens(text: str) -> list[str]:
    text = re.sub(r"\be-mail", "email", text.lower())
    return _TOKEN.findall(text)


def _is_number(token: str) -> bool:
    return token[:1].isdigit()


def _counted(tokens: Sequence[str], noun_at: int) -> bool:
    """A count stands shortly before the noun: "40 re-onboarding calls", "number of calls"."""
    window = tokens[max(0, noun_at - outputs.COUNT_BEFORE_NOUN - 1) : noun_at]
    if any(_is_number(token) for token in window[-outputs.COUNT_BEFORE_NOUN :]):
        return True
    for phrase in outputs.COUNT_PHRASES:
        for start in range(len(window) - len(phrase) + 1):
            if tuple(window[start : start + len(phrase)]) == phrase:
                return True
    return False


def output_reason(statement: str, unit: str | None = None) -> str | None:
    """Why a KR reads as an output (activity counted or done), or None for an outcome.

    The shapes and word lists are documented in `rules/vocabulary/outputs.py`.
    """
    tokens = _tokens(statement)
    if any(token in outputs.MEASURE_WORDS for token in tokens):
        return None
    nouns = [i for i, token in enumerate(tokens) if token in outputs.ACTIVITY_NOUNS]
    verbs = [i for i, token in enumerate(tokens) if token in outputs.ACTIVITY_VERB_FORMS]
    # "Post-migration accounts", "Launch-week sign-ups": a hyphenated first word is no verb.
    words = statement.split()
    opener = tokens[0] if tokens and words and "-" not in words[0] else ""
    if opener in outputs.ACTIVITY_VERBS and (
        opener in outputs.TASK_VERBS or any(noun > 0 for noun in nouns)
    ):
        return f"it opens with the activity verb '{opener}'"
    for noun in nouns:
        for verb in verbs:
            if 0 < noun - verb <= outputs.VERB_BEFORE_NOUN + 1 or (
                0 < verb - noun <= outputs.NOUN_BEFORE_VERB
            ):
                first, last = sorted((noun, verb))
                return f"it counts an activity ('{' '.join(tokens[first : last + 1])}')"
        if _counted(tokens, noun):
            return f"it counts an activity ('{tokens[noun]}')"
    if unit is not None and unit.strip().lower() in outputs.ACTIVITY_NOUNS:
        return f"its unit is an activity ('{unit.strip()}')"
    return None


def shown(value: float) -> str:
    """A number as a person wrote it: 22, 0.35 (huge ints neither overflow nor flood a message)."""
    if isinstance(value, int):
        if abs(value) < 10**18:
            return str(value)
        return f"a {int(value.bit_length() * 0.30103) + 1}-digit number"
    return f"{value:g}"


def _kr_at(index: int, field: str) -> tuple[str | int, ...]:
    return ("key_results", index, field)


@sprint_rule(
    "MO501",
    "kr-count",
    Severity.ERROR,
    "Fewer than 2 or more than 3 key results.",
    local=True,
)
def kr_count(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a sprint with fewer than 2 or more than 3 key results.

    ## Why is this bad?
    Step 5 of the protocol asks for 2 to 3 KRs. One KR leaves the objective
    measured from a single angle, easy to game; four or more spread a 1-4 week
    sprint too thin to move any of them, and the daily check-in turns into a
    status report.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
        baseline: 22
        target: 35
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
        baseline: 22
        target: 35
      - id: kr3
        statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
        baseline: 12
        target: 7
    ```
    """
    count = len(sprint.key_results)
    if count < MIN_KRS:
        yield Finding(
            f"the sprint has {count} key result{'s' if count != 1 else ''}: "
            "write 2 or 3, each a change in condition from a baseline to a target",
            at=("key_results",),
            key=True,
        )
    elif count > MAX_KRS:
        yield Finding(
            f"the sprint has {count} key results: keep the 2 or 3 that best show the "
            "objective was met, and move the rest to initiatives or drop them",
            at=("key_results",),
            key=True,
        )


@sprint_rule(
    "MO502",
    "output-kr",
    Severity.ERROR,
    "A KR counts activity or task completion instead of a change in condition.",
    local=True,
)
def output_kr(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result that measures activity or task completion (calls made,
    emails sent, meetings held, trainings completed, campaigns launched, fixes
    shipped) instead of a change in condition. The word lists and the shapes it
    recognises are in `microokr/rules/vocabulary/outputs.py`; a measure word
    (rate, ratio, conversion, time, score, median) marks a condition.

    ## Why is this bad?
    "A task sprint tells you what was done. A Micro-OKR tells you what changed."
    A team can make every call and still not move acceptance rate; an output KR
    reports success while the anchor KR stays stalled. Activities belong in
    `initiatives`.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Conduct 30 targeted outreach calls
        baseline: 0
        target: 30
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
        baseline: 22
        target: 35
    initiatives:
      - team: sales-west
        action: Conduct 30 targeted outreach calls
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        reason = output_reason(key_result.statement, key_result.unit)
        if reason is not None:
            yield Finding(
                f"KR '{key_result.id}' measures output, not a change in condition ({reason}): "
                "move the activity to initiatives and measure what it should change "
                "(a rate, a time, a score, a conversion)",
                at=_kr_at(i, "statement"),
            )


@sprint_rule(
    "MO503",
    "kr-not-measurable",
    Severity.ERROR,
    "A KR lacks a numeric `baseline` or `target`.",
    local=True,
)
def kr_not_measurable(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result without a `baseline`, without a `target`, or without
    both.

    ## Why is this bad?
    A KR is a movement from a baseline to a target. Without both numbers no one
    can tell at a check-in whether it moved, progress and pace cannot be
    computed, and the Sprint Close cannot say whether the objective was met.

    ## Example
    ```yaml
    - id: kr1
      statement: Improve ICP meeting acceptance rate
      unit: "%"
    ```

    ## Use instead
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 22
      target: 35
      unit: "%"
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        missing = [
            name
            for name, value in (("baseline", key_result.baseline), ("target", key_result.target))
            if value is None
        ]
        if missing:
            yield Finding(
                f"KR '{key_result.id}' has no {' and no '.join(missing)}: add "
                f"{' and '.join(f'`{name}:`' for name in missing)} as plain numbers "
                "(the unit goes in `unit`)",
                at=("key_results", i),
            )


@sprint_rule(
    "MO504",
    "kr-no-change",
    Severity.ERROR,
    "A KR's `baseline` equals its `target`.",
    local=True,
)
def kr_no_change(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result whose `target` equals its `baseline`.

    ## Why is this bad?
    A Micro-OKR commits to a change in condition. A KR that asks for no change
    measures nothing, and its progress cannot be computed (there is no gap to
    close). "Hold churn at 3%" is a health metric, not a sprint KR.

    ## Example
    ```yaml
    - id: kr1
      statement: Keep ICP meeting acceptance rate at 22%
      baseline: 22
      target: 22
    ```

    ## Use instead
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 22
      target: 35
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        if key_result.baseline is not None and key_result.baseline == key_result.target:
            yield Finding(
                f"KR '{key_result.id}' has target {shown(key_result.target)} equal to its "
                "baseline: a KR measures a change, so set the target the sprint commits to reach",
                at=_kr_at(i, "target"),
            )


INCREASE_VERBS = frozenset({"increase", "raise", "grow", "improve", "lift", "boost", "double"})
DECREASE_VERBS = frozenset(
    {"reduce", "cut", "decrease", "lower", "shorten", "shrink", "halve", "minimise", "minimize"}
)
LOWER_IS_BETTER = frozenset(
    {"time", "days", "hours", "churn", "cost", "costs", "latency", "duration", "errors", "backlog"}
)
"""With these, "Improve" may mean a smaller number: MO505 leaves "Improve" alone then."""


DIRECTION_WINDOW = 4
"""The verb is looked for among the first words only ("Sales: Increase ..."): later, "lower"
or "cut" are often adjectives ("lower-tier accounts")."""


def direction_verb(statement: str) -> tuple[str, int] | None:
    """The opening direction verb of a statement and its sign (+1 up, -1 down)."""
    tokens = _tokens(statement)
    for token in tokens[:DIRECTION_WINDOW]:
        if token in INCREASE_VERBS:
            if token == "improve" and LOWER_IS_BETTER.intersection(tokens):
                return None
            return token, 1
        if token in DECREASE_VERBS:
            return token, -1
    return None


@sprint_rule(
    "MO505",
    "kr-direction",
    Severity.ERROR,
    "The statement's verb contradicts the numbers (Increase with a lower target).",
    local=True,
)
def kr_direction(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result whose statement opens (within its first four words)
    with one direction and whose numbers go the other: "Increase", "Raise",
    "Grow", "Improve", "Lift", "Boost" with a target below the baseline, or
    "Reduce", "Cut", "Decrease", "Lower", "Shorten" with a target above it.
    "Improve" is left alone for times, days, churn and costs, where improving
    means lowering.

    ## Why is this bad?
    Progress is computed from the numbers, people read the statement. When they
    disagree, the dashboard shows progress while the team believes it is going
    backwards, or the other way round.

    ## Example
    ```yaml
    - id: kr3
      statement: Reduce median time-to-first-meeting for ICP accounts
      baseline: 7
      target: 12
    ```

    ## Use instead
    ```yaml
    - id: kr3
      statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
      baseline: 12
      target: 7
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        baseline, target = key_result.baseline, key_result.target
        found = direction_verb(key_result.statement)
        if found is None or baseline is None or target is None or baseline == target:
            continue
        verb, sign = found
        if sign > 0 and target < baseline:
            yield Finding(
                f"KR '{key_result.id}' says '{verb}' but its target {shown(target)} is below its "
                f"baseline {shown(baseline)}: fix the numbers or reword the statement",
                at=_kr_at(i, "target"),
            )
        elif sign < 0 and target > baseline:
            yield Finding(
                f"KR '{key_result.id}' says '{verb}' but its target {shown(target)} is above its "
                f"baseline {shown(baseline)}: fix the numbers or reword the statement",
                at=_kr_at(i, "target"),
            )


_NUM = (
    r"[$€£]?\s?(?P<{0}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s?(?P<{0}s>%|[kKmMbB]n?\b|(?:thousand|million|billion)\b)?"
)
FROM_TO = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|~)?"
    + _NUM.format("x")
    + r"(?:\s+[A-Za-z][A-Za-z/-]*){0,2}?\s*(?:to|→|->)\s*(?:about\s+|around\s+|~)?"
    + _NUM.format("y"),
    re.IGNORECASE,
)
"""'from X to Y' with numbers that may carry $, %, k/M/B and a unit word after X."""

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}


def _agrees(written: str, suffix: str | None, value: float) -> bool:
    """A number as written ("$20M", "22%", "1,200") agrees with a stored value."""
    try:
        raw = float(written.replace(",", ""))
        value = float(value)
    except OverflowError:
        return False
    candidates = [raw]
    if suffix:
        suffix = suffix.lower()
        if suffix == "%":
            candidates.append(raw / 100)
        elif suffix in _SCALE:
            candidates.append(raw * _SCALE[suffix])
    return any(abs(c - value) <= 1e-9 * max(1.0, abs(value)) for c in candidates)


def statement_numbers(
    statement: str,
) -> tuple[tuple[str, str | None], tuple[str, str | None]] | None:
    """The (number, suffix) pairs of the statement's first 'from X to Y', if any."""
    match = FROM_TO.search(statement)
    if match is None:
        return None
    return (match["x"], match["xs"]), (match["y"], match["ys"])


@sprint_rule(
    "MO506",
    "kr-statement-numbers",
    Severity.ERROR,
    "The statement's 'from X to Y' disagrees with `baseline` / `target`.",
    local=True,
)
def kr_statement_numbers(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reads "from X to Y" in a KR statement (numbers may carry `$`, `%`, `k`, `M`,
    `B` and a unit such as "days") and reports a baseline or target that
    disagrees with it. "$20M" agrees with 20 and with 20000000; "22%" with 22
    and with 0.22.

    ## Why is this bad?
    The statement is what people read at the check-in; the numbers are what
    progress is computed from. A KR re-calibrated in one place and not the other
    shows a progress that nobody agreed to.

    ## Example
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 20
      target: 35
    ```

    ## Use instead
    ```yaml
    - id: kr1
      statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      baseline: 22
      target: 35
    ```
    """
    for i, key_result in enumerate(sprint.key_results):
        numbers = statement_numbers(key_result.statement)
        if numbers is None:
            continue
        for field, (written, suffix), value in (
            ("baseline", numbers[0], key_result.baseline),
            ("target", numbers[1], key_result.target),
        ):
            if value is not None and not _agrees(written, suffix, value):
                said = "from" if field == "baseline" else "to"
                yield Finding(
                    f"KR '{key_result.id}' says {said} {written}{suffix or ''} but its {field} "
                    f"is {shown(value)}: make the statement and `{field}` agree",
                    at=_kr_at(i, field),
                )


_KR_LABEL = r"(?:[-_.]?(?:kr|key[-_.]?result|okr)?[-_.]?\d*)?"


def _team_labels(workspace: Workspace, sprint: Sprint) -> dict[str, str]:
    """Lower-case label -> team id, for every team the workspace or the sprint names."""
    labels: dict[str, str] = {}
    for team_id, team in (workspace.teams or {}).items():
        labels[team_id.lower()] = team_id
        labels[re.sub(r"[-_.]+", " ", team_id.lower())] = team_id
        if team.name and team.name.strip():
            labels[team.name.strip().lower()] = team_id
    for team_id in sprint.owner.teams:
        labels.setdefault(team_id.lower(), team_id)
        labels.setdefault(re.sub(r"[-_.]+", " ", team_id.lower()), team_id)
    return labels


def divided_by(key_result: SprintKeyResult, labels: dict[str, str]) -> tuple[str, str] | None:
    """(team id, field) when a KR names one owning team in its id or statement."""
    kr_id = key_result.id.lower()
    for team_id in sorted(set(labels.values()), key=len, reverse=True):
        if re.fullmatch(rf"(?:kr\d*[-_.])?{re.escape(team_id.lower())}{_KR_LABEL}", kr_id):
            return team_id, "id"
    ordered = sorted(labels, key=len, reverse=True)
    alternation = "|".join(re.escape(label) for label in ordered)
    statement = key_result.statement.strip()
    lead = re.match(
        rf"^[\[(]?(?:the\s+)?(?P<label>{alternation})(?:\s+team)?(?:[\])]|\s*[:—–]|\s+-\s|'s\b|’s\b|\s+team\b)",
        statement,
        re.IGNORECASE,
    )
    tail = re.search(
        rf"(?:\bowned\s+by\s+(?:the\s+)?(?P<owner>{alternation})(?:\s+team)?|\((?P<paren>{alternation})(?:\s+team)?\))\s*\.?$",
        statement,
        re.IGNORECASE,
    )
    for match, group in ((lead, "label"), (tail, "owner"), (tail, "paren")):
        if match is not None and match[group]:
            return labels[match[group].lower()], "statement"
    return None


@sprint_rule(
    "MO507",
    "divided-krs",
    Severity.ERROR,
    "In a sprint of several teams, a KR is assigned to a single team.",
)
def divided_krs(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    In a sprint owned by several teams, reports a key result that names one
    owning team: an id made of a team id (`product-kr`, `sales-kr2`), or a
    statement that starts with a team ("Product: ...", "Marketing team ...") or
    ends with one ("... (Sales)", "... owned by Marketing"). Team ids and the
    registry's team names are both recognised.

    ## Why is this bad?
    "The Key Results are shared, not divided." Per-team KRs under a shared label
    are departmental OKRs: each team can hit its own while the hand-off between
    them, the reason for the joint sprint, stays broken. Divide the initiatives
    by team, never the KRs.

    ## Example
    ```yaml
    owner: {teams: [sales, product, marketing], lead: Priya Raman}
    key_results:
      - id: product-kr
        statement: "Product: Increase trial users reaching the target feature from 24% to 50%"
    ```

    ## Use instead
    ```yaml
    owner: {teams: [sales, product, marketing], lead: Priya Raman}
    key_results:
      - id: activation-72h
        statement: >-
          Increase trial users who activate the target feature within 72 hours
          from 24% to 55%
    initiatives:
      - team: product
        action: Resequence onboarding to surface the target feature in the first session
    ```
    """
    if not is_joint(sprint):
        return
    labels = _team_labels(ctx.workspace, sprint)
    if not labels:
        return
    for i, key_result in enumerate(sprint.key_results):
        found = divided_by(key_result, labels)
        if found is not None:
            team_id, field = found
            where = "id" if field == "id" else "statement"
            yield Finding(
                f"KR '{key_result.id}' belongs to the team '{team_id}' alone in a joint sprint: "
                "KRs are shared by every owning team, so measure the joint outcome and "
                "divide the initiatives by team instead",
                at=_kr_at(i, where),
            )


@sprint_rule(
    "MO508",
    "kr-duplicate-id",
    Severity.ERROR,
    "Two KRs of one sprint share an `id`.",
    local=True,
)
def kr_duplicate_id(sprint: Sprint, source: SourceFile, ctx: RuleContext) -> Iterator[Finding]:
    """
    ## What it does
    Reports a key result whose `id` is already used by an earlier KR of the same
    sprint, at the second occurrence.

    ## Why is this bad?
    Check-ins and the close record values by KR id (`values: {kr1: 24}`): with
    two `kr1`, one of them can never be recorded and its progress is invented
    from the other's.

    ## Example
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      - id: kr1
        statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
    ```

    ## Use instead
    ```yaml
    key_results:
      - id: kr1
        statement: Increase ICP meeting acceptance rate from 22% to 35% within 14 days
      - id: kr3
        statement: Reduce median time-to-first-meeting for ICP accounts from 12 days to 7 days
    ```
    """
    seen: set[str] = set()
    for i, key_result in enumerate(sprint.key_results):
        if key_result.id in seen:
            yield Finding(
                f"the KR id '{key_result.id}' is used twice in this sprint: give each KR its "
                "own id (check-ins record values by id)",
                at=_kr_at(i, "id"),
            )
        seen.add(key_result.id)
