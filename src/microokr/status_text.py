"""The text of `microokr status`, laid out by hand for the terminal's width.

Wide terminals get a table whose sprint and KR ids are whole and whose KR lines end
with the pace verdict; from NARROW columns down, each sprint is a small block instead,
so no id is ever cut in the middle. The team's own confidence (its latest check-in's
call) sits under the check-in age, beside the computed pace. No rich Table: its layout
engine was three quarters of `status` on 10,000 sprints; lines are built here. The
same layout runs on rich `Text` (colour, `render_lines`) or on `plainline.PlainLine`
(`render_plain`, what a pipe or NO_COLOR gets: the same characters without building
~100,000 `Text` objects; tests/test_status_plain.py holds them to the same bytes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from microokr.formatting import one_line as printable  # ids, names, messages: untrusted
from microokr.plainline import Line, PlainLine

if TYPE_CHECKING:
    from rich.text import Text

L = TypeVar("L", bound=Line)

BAR_WIDTH = 8
STATUS_WIDTH = 10
CHECKIN_WIDTH = 9
TAGS_WIDTH = 8
NARROW = 72
"""Below this many columns the table gives way to one block per sprint."""
TAG_BY_WARNING = {"overdue-close": "overdue", "stale-checkin": "stale", "team-over-limit": "limit"}
STYLE_BY_VERDICT = {
    "on track": "green",
    "met": "green",
    "at risk": "yellow",
    "partly": "yellow",
    "off track": "red",
    "not moved": "red",
}
STYLE_BY_STATUS = {"active": "green", "overdue": "bold red", "planned": "cyan", "closed": "dim"}


def bar(score: float) -> str:
    """The KR progress bar: `formatting.bar` at BAR_WIDTH cells."""
    from microokr.formatting import bar as drawn

    return drawn(score, BAR_WIDTH)


def when(row: dict[str, Any]) -> str:
    left = row["days_left"]
    if row["status"] == "closed":
        return f"on {dt.date.fromisoformat(row['closed_on']):%m-%d}"
    if row["status"] == "planned":
        return f"from {dt.date.fromisoformat(row['window']['start']):%m-%d}"
    return f"{-left}d over" if left < 0 else f"{left}d left"


def _age(row: dict[str, Any]) -> str:
    age = row["last_checkin_age_days"]
    return "—" if age is None else ("today" if age == 0 else f"{age}d ago")


def _confidence(row: dict[str, Any]) -> str:
    return (row["confidence"] or "").replace("-", " ")


def _kr_line(
    new: Callable[[str, str], L], row: dict[str, Any], kr: dict[str, Any], id_width: int,
    verdicts: bool,
) -> L:  # fmt: skip
    verdict = kr["outcome"] if row["status"] == "closed" else kr["pace"]
    style = STYLE_BY_VERDICT.get(verdict or "", "") if kr["value"] is not None else "dim"
    line = new(bar(kr["score"]), style)
    percent = "—" if kr["progress"] is None else f"{round(kr['progress'] * 100)}%"
    shown = printable(kr["id"])
    kr_id = shown if len(shown) <= id_width else shown[: max(1, id_width - 1)] + "…"
    line.append(f" {percent:>4} {kr_id}")
    if verdicts and verdict and kr["value"] is not None:
        line.append(" " * (id_width - len(kr_id) + 1))
        line.append(verdict, style=style)
    return line


def _cell(cell: L, width: int) -> L:
    if cell.cell_len > width:
        cell.truncate(width, overflow="ellipsis")
    cell.pad_right(width - cell.cell_len)
    return cell


def render_lines(data: dict[str, Any], width: int = 80) -> list[Text]:
    """The styled lines (rich `Text`), for a terminal that shows colour."""
    from rich.text import Text

    return _lines(Text, data, width)


def render_plain(data: dict[str, Any], width: int = 80) -> str:
    """The same text without styles: what `status` writes to a pipe, a file or NO_COLOR."""
    return "".join(line.plain + "\n" for line in _lines(PlainLine, data, width))


def _lines(new: Callable[[str, str], L], data: dict[str, Any], width: int) -> list[L]:
    rows = data["sprints"]
    if not rows:
        out = [new("No sprints match.", "dim")]
    elif width < NARROW:
        out = _blocks(new, rows, width)
    else:
        out = _table(new, rows, width)
    notes: list[L] = []
    for row in rows:
        notes += [
            new(f"! {printable(row['id'])}: {printable(w['message'])}", "yellow")
            for w in row["warnings"]
            if w["code"] != "team-over-limit"  # explained once, on the team's line
        ]
    for team in data["teams"]:
        line = new(f"{printable(team['id'])}: {team['active']} of {team['limit']} active", "")
        if team["over_limit"]:
            line.append(", over the limit", style="bold red")
        if team["sprints"]:
            named = ", ".join(printable(sprint) for sprint in team["sprints"])
            line.append(f" ({named})", style="dim")
        notes.append(line)
    if data["unreadable"]:
        files = ", ".join(printable(path) for path in data["unreadable"])
        notes.append(new(f"Not shown, cannot be read: {files} (run 'microokr lint')", "yellow"))
    return out + [piece for note in notes for piece in wrap(new, note, width)]


def wrap(new: Callable[[str, str], L], text: L, width: int) -> list[L]:
    """A long line broken at spaces, continued two columns in; a word is never cut."""
    plain = text.plain
    if len(plain) <= width:
        return [text]
    offsets, start, limit = [], 0, width
    while len(plain) - start > limit:
        cut = plain.rfind(" ", start + 1, start + limit + 1)
        if cut <= start:
            cut = plain.find(" ", start + limit)
            if cut < 0:
                break
        offsets.append(cut + 1)
        start, limit = cut + 1, width - 2
    pieces = list(text.divide(offsets))
    for piece in pieces:
        piece.rstrip()
    return [pieces[0]] + [new("  ", "").append_text(p) for p in pieces[1:]]


def _table(new: Callable[[str, str], L], rows: list[dict[str, Any]], width: int) -> list[L]:
    names = [printable(n) for row in rows for n in (row["id"], *row["teams"])]
    kr_ids = [printable(kr["id"]) for row in rows for kr in row["key_results"]]
    sprint_need = max(map(len, names), default=12)
    kr_need = max(map(len, kr_ids), default=0)
    avail = width - (STATUS_WIDTH + CHECKIN_WIDTH + TAGS_WIDTH + 4)
    head = BAR_WIDTH + 6  # bar, " 100% "
    verdicts = sprint_need + head + kr_need + 10 <= avail
    sprint_width = min(sprint_need, max(12, avail - head - 8))  # ids whole when they fit
    kr_width = min(avail - sprint_width, head + kr_need + (10 if verdicts else 0))
    id_width = max(1, min(kr_need, kr_width - head - (10 if verdicts else 0)))
    header = new("", "")
    for title, size in (
        ("Sprint / teams", sprint_width),
        ("Status", STATUS_WIDTH),
        ("Check-in", CHECKIN_WIDTH),
        ("KR progress", kr_width),
    ):
        header.append_text(_cell(new(title, "bold"), size))
        header.append(" ")
    header.append("Warnings", style="bold")
    out = [header, new("─" * min(width, sprint_width + kr_width + 32), "dim")]
    for row in rows:
        first = [new(printable(row["id"]), "bold")] + [
            new(printable(team), "dim") for team in row["teams"]
        ]
        sprint_lines = [piece for name in first for piece in _fold(name, sprint_width)]
        status_lines = [
            new(row["status"], STYLE_BY_STATUS.get(row["status"], "")),
            new(when(row), "dim"),
        ]
        confidence = _confidence(row)
        checkin_lines = [new(_age(row), "")]
        if confidence:
            checkin_lines.append(new(confidence, STYLE_BY_VERDICT.get(confidence, "")))
        kr_lines = [_kr_line(new, row, kr, id_width, verdicts) for kr in row["key_results"]] or [
            new("—", "dim")
        ]
        tags = list(dict.fromkeys(TAG_BY_WARNING[w["code"]] for w in row["warnings"]))
        tag_lines = [new(tag, "yellow") for tag in tags]
        height = max(len(sprint_lines), 2, len(checkin_lines), len(kr_lines), len(tag_lines))
        for i in range(height):
            line = new("", "")
            for column, size in (
                (sprint_lines, sprint_width),
                (status_lines, STATUS_WIDTH),
                (checkin_lines, CHECKIN_WIDTH),
                (kr_lines, kr_width),
            ):
                line.append_text(_cell(column[i] if i < len(column) else new("", ""), size))
                line.append(" ")
            if i < len(tag_lines):
                line.append_text(tag_lines[i])
            line.rstrip()
            out.append(line)
    out.append(new("", ""))
    return out


def _fold(text: L, width: int) -> list[L]:
    """An id longer than its column, cut into column-wide pieces (only when it cannot fit)."""
    if text.cell_len <= width:
        return [text]
    return [text[i : i + width] for i in range(0, len(text), width)]


def _blocks(new: Callable[[str, str], L], rows: list[dict[str, Any]], width: int) -> list[L]:
    """Narrow terminals: one block per sprint, ids whole on lines of their own."""
    out: list[L] = []
    for row in rows:
        out.append(new(printable(row["id"]), "bold"))
        facts = new("  ", "")
        facts.append(row["status"], style=STYLE_BY_STATUS.get(row["status"], ""))
        age = _age(row)
        facts.append(f", {when(row)}; " + ("no check-in yet" if age == "—" else f"check-in {age}"))
        confidence = _confidence(row)
        if confidence:
            facts.append("; team: ")
            facts.append(confidence, style=STYLE_BY_VERDICT.get(confidence, ""))
        tags = list(dict.fromkeys(TAG_BY_WARNING[w["code"]] for w in row["warnings"]))
        if tags:
            facts.append(f" [{', '.join(tags)}]", style="yellow")
        out.append(facts)
        out.append(new("  " + ", ".join(printable(t) for t in row["teams"]), "dim"))
        id_width = max(1, width - BAR_WIDTH - 8)
        for kr in row["key_results"]:
            out.append(new("  ", "").append_text(_kr_line(new, row, kr, id_width, False)))
    out.append(new("", ""))
    return out
