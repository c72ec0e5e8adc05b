"""`microokr history` output: text for people, markdown for documents, JSON for programs.

Author names and texts come from git and the file: each is escaped to one line
(and, in markdown, so that a `|` or a heading cannot break the table).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from microokr.formatting import one_line
from microokr.history.timeline import Event

WORKING_TREE = "(not committed yet)"


def _when(event: Event) -> tuple[str, str, str]:
    if event.commit is None:
        return ("-", "-", WORKING_TREE)
    return (event.commit.day.isoformat(), event.commit.short, event.commit.author)


def _verdict(event: Event, revisions: Sequence[str]) -> str:
    if event.kind in ("added", "removed"):
        if not event.after_first_checkin:
            return ""
        if event.revision is None:
            return "after the first check-in, and no revisions entry names it"
        return f"after the first check-in, {_recorded(event.revision, revisions)}"
    if event.kind != "changed":
        return ""
    if not event.after_first_checkin:
        return "before the first check-in"
    if event.revision is None:
        return "UNRECORDED: no revisions entry names it (MO709)"
    return _recorded(event.revision, revisions)


def _recorded(index: int, revisions: Sequence[str]) -> str:
    what = revisions[index] if index < len(revisions) else ""
    return f"recorded by revisions[{index}]: {what}"


def render_text(
    sprint_id: str, path: str, events: Sequence[Event], revisions: Sequence[str]
) -> str:
    lines = [f"{one_line(sprint_id)}: history of {one_line(path)} from git"]
    for event in events:
        day, short, author = _when(event)
        verdict = _verdict(event, revisions)
        text = event.text + (f" — {verdict}" if verdict else "")
        lines.append(f"  {day:<10}  {short:<7}  {_cut(author, 24):<24}  {_flat(text)}")
    unrecorded = sum(1 for event in events if event.unrecorded)
    if unrecorded:
        lines.append(
            f"{unrecorded} goalpost change{'s' if unrecorded != 1 else ''} after the first "
            "check-in without a revisions entry: record each (date, what, why)"
        )
    return "\n".join(lines) + "\n"


def render_markdown(
    sprint_id: str, path: str, events: Sequence[Event], revisions: Sequence[str]
) -> str:
    from microokr.report import code, escape

    rows = ["| date | commit | author | event |", "|---|---|---|---|"]
    for event in events:
        day, short, author = _when(event)
        verdict = _verdict(event, revisions)
        text = escape(_flat(event.text)) + (f" — **{escape(_flat(verdict))}**" if verdict else "")
        rows.append(f"| {day} | {code(short)} | {escape(_flat(author))} | {text} |")
    title = f"# History of {escape(_flat(sprint_id))}\n\nFrom git, file {code(path)}.\n\n"
    return title + "\n".join(rows) + "\n"


def render_json(
    sprint_id: str, path: str, events: Sequence[Event], notice: str | None = None
) -> str:
    document = {
        "version": 1,
        "sprint": sprint_id,
        "path": path,
        "notice": notice,
        "events": [event.to_dict() for event in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _flat(text: str) -> str:
    return one_line(" ".join(text.split()))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
