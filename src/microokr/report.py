# Over 400 lines: the close and progress reports share one renderer and its escaping.
"""The one markdown renderer: the Sprint Close report and the interim progress report.

`close` writes it to `reports/<id>.md` after recording a close; `report` prints it for
any sprint. It is GitHub-flavoured markdown that reads well as plain text too, and it
depends only on the sprint and the workspace (a closed sprint's report does not change
with the date, so a committed report stays current).

Two disciplines keep it honest:
- every number comes from `progress` (this module formats, it never derives);
- every piece of text a person wrote goes through `escape`, so a `|`, a `# heading`,
  backticks, HTML or a newline in an answer cannot break a table or the document.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

from microokr import formatting, progress
from microokr.dashboard import daily_trajectory
from microokr.diagnostics import printable
from microokr.formatting import number, percent, signed
from microokr.history.krset import KrChange
from microokr.history.markdown import carry_facts, recalibration_section
from microokr.history.recalibration import Recalibration
from microokr.model import TRIGGER_NAMES, Sprint
from microokr.workspace import KrRef, SourceFile, Workspace

EXPECTED_COLOUR = ("grey", "#9ca3af")
KR_COLOURS = (
    ("blue", "#2563eb"),
    ("orange", "#ea580c"),
    ("green", "#16a34a"),
    ("purple", "#9333ea"),
    ("red", "#dc2626"),
)
"""xychart-beta cannot label its lines, so the colours are fixed and named in a legend."""

RETROSPECTIVE = (
    ("learning", "What did we learn about the gap?"),
    ("highest_impact", "Which intervention had the highest impact?"),
    ("root_cause", "What did the sprint reveal about the root cause?"),
)

# ── Escaping ─────────────────────────────────────────────────────────────────────

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\d*)([#>+=.)-])")
_CODE_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def escape(text: object) -> str:
    """User text as literal markdown on one line, safe anywhere (a table cell included).

    Control characters become visible escapes (`\\x1b`: no terminal sequence survives
    into the file or stdout); whitespace and newlines collapse to single spaces;
    markup characters, `|`, `$` (GitHub math) and HTML are backslash-escaped;
    entities stay literal; and a leading
    `#`, `>`, `-`, `+`, `=` or `1.` cannot open a heading, quote or list.
    """
    flat = " ".join(printable(str(text)).split())
    flat = _ENTITY.sub("&amp;", flat)
    flat = _SPECIAL.sub(r"\\\1", flat)
    return _BLOCK_START.sub(_escape_block_start, flat)


def _escape_block_start(match: re.Match[str]) -> str:
    digits, mark = match.groups()
    if digits and mark not in ".)":
        return match.group(0)  # "1#" or "2-" opens nothing
    return f"{digits}\\{mark}"


def paragraphs(text: object) -> list[str]:
    """User text split at blank lines into escaped paragraphs (for answers and summaries)."""
    return [escape(part) for part in re.split(r"\n\s*\n", str(text)) if part.strip()]


def code(text: object) -> str:
    """An identifier as inline code when it is a plain slug or path, else escaped text."""
    value = str(text)
    return f"`{value}`" if _CODE_SAFE.fullmatch(value) else escape(value)


# ── Numbers ──────────────────────────────────────────────────────────────────────


def with_unit(value: float | None, unit: str | None) -> str:
    return formatting.with_unit(value, escape(unit) if unit else unit)


def chart_number(share: float) -> str:
    return number(share * 100, places=1)


# ── Pieces ───────────────────────────────────────────────────────────────────────


def team_label(workspace: Workspace, team: str | None) -> str:
    if team is None:
        return "Unassigned"
    registry = workspace.teams or {}
    entry = registry.get(team)
    if entry is not None and entry.name:
        return f"{escape(entry.name)} ({code(team)})"
    return code(team)


def table(header: list[str], rows: Iterable[list[str]], align: list[str] | None = None) -> str:
    """A GFM table from already-escaped cells; `align` holds '-' or ':' per column."""
    marks = [("---:" if a == ":" else "---") for a in (align or ["-"] * len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _anchor_ref(workspace: Workspace, sprint: Sprint) -> KrRef | None:
    return workspace.key_results.get(sprint.anchor_kr) if sprint.anchor_kr else None


def _verdict(workspace: Workspace, sprint: Sprint, today: dt.date) -> str:
    standings = progress.kr_standings(sprint, today)
    total = len(standings)
    state = progress.status(sprint, today)
    if state is progress.Status.CLOSED:
        outcomes = progress.count_outcomes(standings)
        krs = (
            f"{outcomes[progress.Outcome.MET]} of {total} KRs met, "
            f"{outcomes[progress.Outcome.PARTLY]} partly, "
            f"{outcomes[progress.Outcome.NOT_MOVED]} not moved"
        )
        ref = _anchor_ref(workspace, sprint)
        target = ref.key_result.target if ref else None
        movement = progress.anchor_movement(sprint, target)
        if movement is None:
            anchor = "the anchor's movement was not recorded"
        elif movement.share_of_gap is None:
            anchor = f"the anchor moved {signed(movement.delta)}"
        else:
            anchor = f"the anchor closed {percent(movement.share_of_gap)} of its gap"
        return f"{anchor[0].upper()}{anchor[1:]}; {krs}."
    paces = progress.count_paces(standings)
    krs = (
        f"{paces[progress.Pace.ON_TRACK]} of {total} KRs on track, "
        f"{paces[progress.Pace.AT_RISK]} at risk, {paces[progress.Pace.OFF_TRACK]} off track"
    )
    expected = percent(progress.expected_progress(sprint, today))
    if state is progress.Status.PLANNED:
        days = progress.days_to_start(sprint, today)
        return f"Planned: starts on {sprint.window.start} (in {days} days); nothing to judge yet."
    if state is progress.Status.OVERDUE:
        days = -progress.days_left(sprint, today)
        return (
            f"Overdue: the window ended on {sprint.window.end}, {days} days ago, and the "
            f"Sprint Close has not been held; {krs}."
        )
    day = progress.elapsed_days(sprint, today)
    return f"Day {day} of {progress.window_days(sprint)} (expected progress {expected}): {krs}."


def _header(workspace: Workspace, source: SourceFile, sprint: Sprint, today: dt.date) -> str:
    closed = sprint.close is not None
    title = "Sprint Close" if closed else "Progress report"
    out = [
        f"# {title}: {code(sprint.id)}",
        "",
        f"**Verdict:** {_verdict(workspace, sprint, today)}",
    ]
    if not closed:
        out += ["", f"Interim report as of {today}; the sprint is not closed."]
    if closed and sprint.close is not None and sprint.close.summary:
        quote = "\n>\n".join(f"> {p}" for p in paragraphs(sprint.close.summary))
        author = sprint.owner.lead
        signature = f"{escape(author)}, Sprint Lead" if isinstance(author, str) else "Sprint Lead"
        out += ["", quote, ">", f"> — {signature}"]
    facts = []
    if sprint.objective is not None and sprint.objective.statement:
        facts.append(f"- **Objective:** {escape(sprint.objective.statement)}")
    if sprint.desired_condition:
        facts.append(f"- **Desired condition:** {escape(sprint.desired_condition)}")
    teams = ", ".join(team_label(workspace, t) for t in sprint.owner.teams)
    facts.append(f"- **Teams:** {teams}")
    if sprint.owner.lead:
        lead = sprint.owner.lead
        names = [lead] if isinstance(lead, str) else lead
        facts.append(f"- **Sprint Lead:** {', '.join(escape(n) for n in names)}")
    window = (
        f"- **Window:** {sprint.window.start} → {sprint.window.end} "
        f"({progress.window_days(sprint)} days)"
    )
    if sprint.close is not None:
        window += f", closed on {sprint.close.date}"
    facts.append(window)
    if sprint.close is not None and sprint.close.early:
        facts.append(f"- **Closed early:** {escape(sprint.close.early)}")
    if sprint.cadence is not None:
        minutes = f", {sprint.cadence.minutes} minutes" if sprint.cadence.minutes else ""
        facts.append(f"- **Check-ins:** {sprint.cadence.every.value}{minutes}")
    facts += carry_facts(workspace, sprint)
    facts.append(f"- **Source:** {code(source.rel)}")
    return "\n".join([*out, "", *facts])


def _trigger(sprint: Sprint) -> str:
    kind = sprint.trigger.type.value
    name = TRIGGER_NAMES[sprint.trigger.type]
    signal = escape(sprint.trigger.signal) if sprint.trigger.signal else "_No signal recorded._"
    out = ["## Trigger", "", f"**{name}** ({code(kind)}): {signal}"]
    if sprint.trigger.evidence:
        out += ["", "Evidence:", "", *(f"- {escape(item)}" for item in sprint.trigger.evidence)]
    return "\n".join(out)


def _anchor(workspace: Workspace, sprint: Sprint) -> str:
    out = ["## Anchor KR", ""]
    if not sprint.anchor_kr:
        return "\n".join([*out, "_No anchor KR named._"])
    ref = _anchor_ref(workspace, sprint)
    if ref is None:
        return "\n".join(
            [*out, f"{code(sprint.anchor_kr)}: not a KR of the workspace's OKR files."]
        )
    kr = ref.key_result
    owner = ref.owner
    owners = [owner] if isinstance(owner, str) else list(owner or [])
    out.append(f"{code(kr.id)}: {escape(kr.statement)}")
    out.append("")
    if owners:
        out.append(f"- **Owner:** {', '.join(team_label(workspace, o) for o in owners)}")
    if sprint.close is not None:
        movement = progress.anchor_movement(sprint, kr.target)
        label, span = "Start → end", ""
        gap_label = "Share of the gap closed"
    else:
        movement = progress.anchor_movement_so_far(sprint, kr.target)
        readings = progress.anchor_readings(sprint)
        label = "First → latest reading"
        span = f" ({readings[0][0]} → {readings[-1][0]})" if readings else ""
        gap_label = "Share of the gap closed so far"
    if movement is None:
        out.append("- **Movement:** none recorded yet")
        return "\n".join(out)
    out.append(
        f"- **{label}:** {with_unit(movement.start, kr.unit)} → "
        f"{with_unit(movement.end, kr.unit)} ({signed(movement.delta)}){span}"
    )
    if movement.share_of_gap is not None:
        out.append(
            f"- **{gap_label}:** {percent(movement.share_of_gap)} of the gap to the target of "
            f"{with_unit(kr.target, kr.unit)}"
        )
    return "\n".join(out)


def _key_results(sprint: Sprint, today: dt.date) -> str:
    closed = sprint.close is not None
    standings = progress.kr_standings(sprint, today)
    if not standings:
        return "## Key results\n\n_No key results._"
    header = ["KR", "Statement", "Baseline", "Target", "Final" if closed else "Latest", "Progress"]
    header += ["Result"] if closed else ["Pace", "Result so far"]
    rows = []
    for item in standings:
        kr = item.key_result
        row = [
            code(kr.id),
            escape(kr.statement),
            with_unit(kr.baseline, kr.unit),
            with_unit(kr.target, kr.unit),
            with_unit(item.value, kr.unit),
            percent(item.progress),
        ]
        if not closed:
            row.append(item.pace.value if item.pace else "—")
        row.append(item.outcome.value)
        rows.append(row)
    align = ["-", "-", ":", ":", ":", ":", "-"] + ([] if closed else ["-"])
    return "## Key results\n\n" + table(header, rows, align)


def _trajectory(sprint: Sprint, today: dt.date) -> str:
    """The chart and its table on a true daily axis: every day of the window gets a point."""
    out = ["## Trajectory", ""]
    krs = sprint.key_results
    if len(progress.trajectory(sprint)) < 2 or not krs:
        return "\n".join([*out, "_No check-ins yet: the chart appears after the first one._"])
    series = daily_trajectory(sprint, today)
    colours = [KR_COLOURS[i % len(KR_COLOURS)] for i in range(len(krs))]
    expected = list(series.expected)
    lines = {kr.id: progress.fill_forward(list(series.progress[kr.id])) for kr in krs}
    every = [*expected, *(v for values in lines.values() for v in values)]
    low = min(0, math.floor(min(every) * 10) * 10)
    high = max(100, math.ceil(max(every) * 10) * 10)
    palette = ", ".join(hex_ for _, hex_ in [EXPECTED_COLOUR, *colours])
    labels = ", ".join(f'"{day:%m-%d}"' for day in series.days)
    out += [
        "```mermaid",
        "---",
        "config:",
        "  themeVariables:",
        "    xyChart:",
        f'      plotColorPalette: "{palette}"',
        "---",
        "xychart-beta",
        '  title "KR progress against the expected line (%)"',
        f"  x-axis [{labels}]",
        f'  y-axis "Progress (%)" {low} --> {high}',
        f"  line [{', '.join(chart_number(v) for v in expected)}]",
        *(f"  line [{', '.join(chart_number(v) for v in lines[kr.id])}]" for kr in krs),
        "```",
        "",
    ]
    legend = ", ".join(f"{name}: {code(kr.id)}" for (name, _), kr in zip(colours, krs, strict=True))
    out.append(
        f"Lines: {EXPECTED_COLOUR[0]}: expected (elapsed share of the window), {legend}. "
        "One point per day from the window's start (every KR at its baseline); a day "
        "without a check-in repeats the value before it."
    )
    header = ["Date", "Reading", "Expected", *(code(kr.id) for kr in krs)]
    rows = [
        [
            str(day),
            "yes" if series.recorded[i] else "—",
            percent(series.expected[i]),
            *(percent(series.progress[kr.id][i]) for kr in krs),
        ]
        for i, day in enumerate(series.days)
    ]
    out += [
        "",
        "The same numbers as text (progress to target, %; a day without a reading "
        "carries the value before it):",
        "",
    ]
    out.append(table(header, rows, ["-", "-", *[":"] * (len(header) - 2)]))
    return "\n".join(out)


def _initiatives(workspace: Workspace, sprint: Sprint, today: dt.date) -> str:
    from microokr.plan import actions_by_team, integrated_plan
    from microokr.plan_chart import plan_section

    # A closed sprint's plan is as of its close, so its committed report stays current.
    plan = integrated_plan(sprint, sprint.close.date if sprint.close else today)
    if plan.has_schedule:
        registry = workspace.teams or {}
        names: dict[str | None, str] = {None: "Unassigned"}
        for team in plan.teams:
            if team is not None:
                entry = registry.get(team)
                names[team] = (entry.name if entry else None) or team
        cells = {t: team_label(workspace, t) for t in plan.teams}
        return plan_section(plan, names, cells)
    out = ["## Initiatives", ""]
    if not sprint.initiatives:
        return "\n".join([*out, "_No initiatives recorded._"])
    groups = []
    for team, actions in actions_by_team(sprint):
        body = "\n".join(f"- {escape(action)}" for action in actions)
        groups.append(f"**{team_label(workspace, team)}**\n\n{body}")
    return "## Initiatives\n\n" + "\n\n".join(groups)


def _confidence(value: object) -> str:
    return str(getattr(value, "value", value)).replace("-", " ") if value else "—"


def _checkins(workspace: Workspace, sprint: Sprint, today: dt.date) -> str:
    out = ["## Check-ins", ""]
    cadence = progress.checkin_cadence(sprint, today)
    checkins = sorted(sprint.checkins, key=lambda c: c.date)
    if cadence is None:
        out.append(
            f"{len(checkins)} check-ins recorded; no cadence is set, so none count as missed."
        )
    else:
        assert sprint.cadence is not None
        missed = ", ".join(str(day) for day in cadence.missed) or "none"
        if cadence.missed_count > len(cadence.missed):
            missed += f" and {cadence.missed_count - len(cadence.missed):,} more"
        out.append(
            f"{cadence.recorded} check-ins recorded against {cadence.due} due on a "
            f"{sprint.cadence.every.value} cadence through {cadence.through}; missed: {missed}."
        )
    if not checkins:
        return "\n".join([*out, "", "_No check-ins recorded yet._"])
    krs = sprint.key_results
    header = ["Date", *(code(kr.id) for kr in krs), "Anchor", "Confidence", "Blockers", "Note"]
    rows = []
    for checkin in checkins:
        blockers = "<br>".join(
            f"{escape(b.what)} — owner: {code(b.owner)}" for b in checkin.blockers
        )
        rows.append(
            [
                str(checkin.date),
                *(number(checkin.values.get(kr.id)) for kr in krs),
                number(checkin.anchor),
                _confidence(checkin.confidence),
                blockers or "—",
                escape(checkin.note) if checkin.note else "—",
            ]
        )
    align = ["-", *[":"] * (len(krs) + 1), "-", "-", "-"]
    out += ["", table(header, rows, align)]
    return "\n".join(out)


def _revisions(sprint: Sprint) -> str:
    if not sprint.revisions:
        return "## Revisions\n\n_No re-calibrations recorded._"
    rows = [
        [str(r.date), escape(r.what), escape(r.why) if r.why else "—"]
        for r in sorted(sprint.revisions, key=lambda r: r.date)
    ]
    return "## Revisions\n\n" + table(["Date", "What changed", "Why"], rows)


def _retrospective(sprint: Sprint) -> str:
    assert sprint.close is not None
    out = ["## Retrospective"]
    for field, question in RETROSPECTIVE:
        answer = getattr(sprint.close, field)
        body = "\n\n".join(paragraphs(answer)) if answer else "_Not recorded._"
        out += ["", f"### {question}", "", body]
    return "\n".join(out)


def _tactical_revision(sprint: Sprint) -> str:
    assert sprint.close is not None
    decision = sprint.close.tactical_revision
    head = "## Does the Tactical OKR need revision?\n\n"
    if decision is None:
        return head + "_Not recorded._"
    answer = "**Yes.**" if decision.needed else "**No.**"
    note = " ".join(paragraphs(decision.note)) if decision.note else ""
    return head + (f"{answer} {note}" if note else answer)


def _attendees(workspace: Workspace, sprint: Sprint) -> str:
    assert sprint.close is not None
    attendees = sprint.close.attendees
    out = ["## Attendees", ""]
    if not attendees:
        out.append("_No attendees recorded._")
    else:
        out += [f"- {team_label(workspace, team)}" for team in attendees]
    absent = [t for t in sprint.owner.teams if t not in attendees]
    if absent and progress.is_joint(sprint):
        names = ", ".join(team_label(workspace, t) for t in absent)
        out += ["", f"**Owning teams absent from the close:** {names}"]
    return "\n".join(out)


def _next(sprint: Sprint, today: dt.date) -> str:
    left = progress.days_left(sprint, today)
    if left >= 0:
        when = f"due on {sprint.window.end} (in {left} days)"
    else:
        when = f"overdue since {sprint.window.end}"
    return (
        f"## Next\n\nThe Sprint Close is {when}: record it with `microokr close {sprint.id}`."
        if _CODE_SAFE.fullmatch(sprint.id)
        else f"## Next\n\nThe Sprint Close is {when}."
    )


def render_report(
    workspace: Workspace,
    source: SourceFile,
    sprint: Sprint,
    today: dt.date,
    *,
    recalibrations: Sequence[Recalibration] | None = None,
    kr_changes: Sequence[KrChange] = (),
) -> str:
    """The markdown report: a Sprint Close report once closed, else an interim report.

    `recalibrations` (from `microokr.history`) adds "original → revised" for every
    goalpost moved after the first check-in; None (no git history) leaves it out.
    `kr_changes` lists the KRs added or removed since then in the same section.
    """
    sections = [
        _header(workspace, source, sprint, today),
        _trigger(sprint),
        _anchor(workspace, sprint),
        _key_results(sprint, today),
        _trajectory(sprint, today),
        _initiatives(workspace, sprint, today),
        _checkins(workspace, sprint, today),
        _revisions(sprint),
    ]
    if recalibrations is not None:
        sections.append(recalibration_section(recalibrations, sprint, kr_changes))
    if sprint.close is not None:
        sections += [
            _retrospective(sprint),
            _tactical_revision(sprint),
            _attendees(workspace, sprint),
        ]
    else:
        sections.append(_next(sprint, today))
    return "\n\n".join(sections) + "\n"
