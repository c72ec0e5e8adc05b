"""The Sprint Close, assembled and validated: the domain side of `microokr close`.

Defaults: final KR values are the last check-in's (`progress.latest_values`); the
anchor's start is the first anchor reading of the check-ins, else the anchor KR's
`current` in its OKR file; its end is the last reading. A single-team sprint's
attendee is its team. The hypothesis answer has no field of its own in the format:
it opens `learning`, which is where the examples answer it.

A would-be close is checked by the registered rules on the file it would make
(MO704 attendees and joint answers, MO706 final values, MO708 its date), as `new`
checks a draft; nothing here restates a rule. Pure but for `record`, the one write;
`today` is always an argument.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from microokr import progress
from microokr.candidates import Found, new_errors
from microokr.errors import RefusedError, UsageError
from microokr.formatting import did_you_mean
from microokr.model import Sprint
from microokr.workspace import SourceFile, Workspace

CLOSE_RULES = ("MO704", "MO706", "MO708")
PENDING = "(to be answered)"
"""What a question not asked yet holds in a candidate close, so only asked ones are judged."""


@dataclass
class CloseAnswers:
    day: dt.date
    early: str | None = None
    attendees: list[str] = field(default_factory=list)
    anchor_start: float | None = None
    anchor_end: float | None = None
    finals: dict[str, float] = field(default_factory=dict)
    summary: str | None = None
    hypothesis: str | None = None
    learning: str | None = None
    highest_impact: str | None = None
    root_cause: str | None = None
    revision_needed: bool | None = None
    revision_note: str | None = None
    defaulted: set[str] = field(default_factory=set)
    """Numbers left at their default ("anchor_start", "anchor_end", "final:<kr>"): taken
    again from the file under the lock, where a check-in may have landed meanwhile."""


@dataclass(frozen=True)
class CloseDefaults:
    anchor_start: float | None
    anchor_end: float | None
    finals: dict[str, float]


def refuse_closed(model: Sprint) -> None:
    if model.close is not None:
        raise RefusedError(
            f"{model.id} was already closed on {model.close.date}; "
            "its report is rendered by 'microokr report'"
        )


def defaults(workspace: Workspace, model: Sprint) -> CloseDefaults:
    readings = progress.anchor_readings(model)
    anchor_ref = workspace.key_results.get(model.anchor_kr or "")
    current = anchor_ref.key_result.current if anchor_ref is not None else None
    return CloseDefaults(
        anchor_start=readings[0][1] if readings else current,
        anchor_end=readings[-1][1] if readings else None,
        finals=progress.latest_values(model),
    )


def closes_early(model: Sprint, day: dt.date) -> bool:
    return day < model.window.end


def unknown_attendee(workspace: Workspace, model: Sprint, attendees: Iterable[str]) -> str | None:
    """Why an attendee is not a team of microokr.yaml (None: all are), without naming a flag."""
    registry = workspace.teams
    if registry is None:
        return None
    for team in attendees:
        if team not in registry:
            hint = did_you_mean(team, [*model.owner.teams, *registry])
            return (
                f"'{team:.60}' is not a team of microokr.yaml"
                + (f"; {hint}" if hint else "")
                + f" (the owning teams are {', '.join(model.owner.teams)})"
            )
    return None


def attendee_problem(
    workspace: Workspace, source: SourceFile, model: Sprint, answers: CloseAnswers,
    teams: list[str], today: dt.date,
) -> str | None:  # fmt: skip
    """Why these attendees cannot close the sprint (a team microokr.yaml lacks, or MO704's
    joint close missing an owning team), or None; the answers not given yet are pending."""
    unknown = unknown_attendee(workspace, model, teams)
    if unknown:
        return unknown
    candidate = dataclasses.replace(answers, attendees=teams)
    found = problems(workspace, source, model, candidate, today, ("MO704",), pending=True)
    return found[0].message if found else None


def split_teams(answer: str) -> list[str]:
    return list(dict.fromkeys(team.strip() for team in answer.split(",") if team.strip()))


def block(model: Sprint, answers: CloseAnswers, *, pending: bool = False) -> dict[str, Any]:
    """The `close` block the answers make, in the order of format.md.

    With `pending`, answers not given yet hold PENDING (a joint sprint's questions
    included), so rules run before the last question judge only what was answered.
    """
    joint = progress.is_joint(model)
    filler = PENDING if pending else None
    out: dict[str, Any] = {
        "date": answers.day,
        "early": answers.early
        or (PENDING if pending and closes_early(model, answers.day) else None),
        "attendees": answers.attendees or list(dict.fromkeys(model.owner.teams)),
        "anchor": {"start": answers.anchor_start, "end": answers.anchor_end},
        "final": {kr.id: answers.finals.get(kr.id, 0) for kr in model.key_results},
    }
    if answers.summary:
        out["summary"] = answers.summary
    learning = _with_hypothesis(answers.hypothesis, answers.learning) if joint else answers.learning
    out["learning"] = learning or filler
    for name in ("highest_impact", "root_cause"):
        value = getattr(answers, name) or (filler if joint else None)
        if value:
            out[name] = value
    out["tactical_revision"] = {"needed": bool(answers.revision_needed)}
    if answers.revision_note:
        out["tactical_revision"]["note"] = answers.revision_note
    return out


def _with_hypothesis(hypothesis: str | None, learning: str | None) -> str | None:
    if not hypothesis:
        return learning
    opening = hypothesis.strip()
    if opening[-1:] not in ".!?":
        opening += "."
    return f"{opening} {learning}" if learning else opening


def candidate_text(text: str, close: dict[str, Any]) -> str:
    from microokr.yamlio.edits import set_close

    return set_close(text, close)


def problems(
    workspace: Workspace, source: SourceFile, model: Sprint, answers: CloseAnswers,
    today: dt.date, codes: Iterable[str] = CLOSE_RULES, *, pending: bool = False,
) -> list[Found]:  # fmt: skip
    """The rule errors the file with this close would have that it has not now."""
    text = candidate_text(source.doc.text, block(model, answers, pending=pending))
    return new_errors(workspace, source, text, today, codes)


def check(
    workspace: Workspace, source: SourceFile, model: Sprint, answers: CloseAnswers,
    today: dt.date, codes: Iterable[str] = CLOSE_RULES, *, pending: bool = False,
) -> None:  # fmt: skip
    found = problems(workspace, source, model, answers, today, codes, pending=pending)
    if found:
        raise RefusedError(found[0].message)


def report_path(workspace: Workspace, model: Sprint, output: str | None) -> Path | None:
    """Where the report goes (None: stdout), checked before the close is recorded."""
    if output == "-":
        return None
    path = Path(output) if output else workspace.folder("reports") / f"{model.id}.md"
    if path.is_dir():
        raise UsageError(
            f"--output {path} is a folder: give a file name, like {path}/{model.id}.md"
        )
    parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise UsageError(f"cannot write the report to {path}: {parent} is not a folder")
    return path


def note_defaults(
    answers: CloseAnswers,
    defaults: CloseDefaults,
    given_start: float | None,
    given_end: float | None,
    given_finals: dict[str, float],
) -> None:
    """Mark the numbers that were not given and stayed at their default (a prompt's
    answer equal to the default it showed counts as left), for `under_lock`."""
    left = {
        "anchor_start": (given_start, answers.anchor_start, defaults.anchor_start),
        "anchor_end": (given_end, answers.anchor_end, defaults.anchor_end),
        **{
            f"final:{kr}": (given_finals.get(kr), value, defaults.finals.get(kr))
            for kr, value in answers.finals.items()
        },
    }
    answers.defaulted = {
        name for name, (given, got, default) in left.items() if given is None and got == default
    }


def under_lock(workspace: Workspace, answers: CloseAnswers, current: Sprint) -> CloseAnswers:
    """The answers with every number left at its default taken from `current`, the
    sprint as the lock holds it (not as it was when the questions were asked)."""
    fresh = defaults(workspace, current)
    taken = answers.defaulted
    return dataclasses.replace(
        answers,
        anchor_start=fresh.anchor_start if "anchor_start" in taken else answers.anchor_start,
        anchor_end=fresh.anchor_end if "anchor_end" in taken else answers.anchor_end,
        finals={
            kr: fresh.finals.get(kr, value) if f"final:{kr}" in taken else value
            for kr, value in answers.finals.items()
        },
    )


def record(
    workspace: Workspace,
    source: SourceFile,
    model: Sprint,
    answers: CloseAnswers,
    *,
    report: Path | None,
    today: dt.date,
) -> tuple[SourceFile, str | None]:
    """Write the report, then the close block, under the sprint's lock: a crash never
    leaves a closed sprint without its report (a report without the close is redone
    by the next close). The file as written, and why the report could not be written
    (the close is recorded all the same; None when it was, or goes to stdout)."""
    from microokr.workspace import source_from_bytes
    from microokr.yamlio.locking import locked_edit

    def change(text: str, data: dict[str, Any]) -> str:
        if data.get("close") is not None:  # another close won the race
            raise RefusedError(f"{model.id} was closed by someone else meanwhile; nothing written")
        now = source_from_bytes(source.path, source.rel, source.kind, text.encode("utf-8"))
        current = now.model if now.model is not None else model
        return candidate_text(text, block(model, under_lock(workspace, answers, current)))

    failed: list[str] = []

    def report_first(new_raw: bytes) -> None:
        failed.clear()
        if report is not None:
            updated = source_from_bytes(source.path, source.rel, source.kind, new_raw)
            failure = write_report(workspace, source, updated, report, today)
            if failure:
                failed.append(failure)

    new_raw = locked_edit(
        source.path,
        change,
        max_bytes=workspace.config.max_file_size,
        before_commit=report_first,
    )
    written = source_from_bytes(source.path, source.rel, source.kind, new_raw)
    return written, (failed[0] if failed else None)


def report_text(
    workspace: Workspace, before: SourceFile, updated: SourceFile, today: dt.date
) -> str:
    """The report of the sprint file `updated` (in place of `before` in the workspace)."""
    from microokr.history.overview import sprint_goalposts
    from microokr.report import render_report

    workspace.sprint_files = [updated if s is before else s for s in workspace.sprint_files]
    moved, krs = sprint_goalposts(workspace, updated) or (None, [])  # the close report too
    return render_report(
        workspace, updated, updated.model, today, recalibrations=moved, kr_changes=krs
    )


def write_report(
    workspace: Workspace, before: SourceFile, updated: SourceFile, path: Path, today: dt.date
) -> str | None:
    """Write the report of `updated` to `path` (atomically, clearing what a killed
    write left); why not, when it could not be written."""
    from microokr.errors import MicrookrError
    from microokr.yamlio.files import remove_stale_temporaries
    from microokr.yamlio.files import write_report as write_file

    try:
        text = report_text(workspace, before, updated, today)
        remove_stale_temporaries(path)
        write_file(path, text)
    except MicrookrError as error:
        return error.message
    return None


def report_again(
    workspace: Workspace, source: SourceFile, model: Sprint, path: Path | None, today: dt.date
) -> str | None:
    """For a closed sprint: write its report again when it is "missing" or "out of
    date" (a close killed or failed between the two files), and say which; None when
    there is nothing to do (it is up to date, or goes to standard output)."""
    from microokr.errors import WriteError
    from microokr.yamlio.locking import tidy

    tidy(source.path, *([path] if path is not None else []))
    if path is None:
        return None
    missing = not path.exists()
    if not missing and path.read_bytes() == report_text(workspace, source, source, today).encode():
        return None
    failure = write_report(workspace, source, source, path, today)
    if failure:
        raise WriteError(f"the report of {model.id} was not written: {failure}")
    return "missing" if missing else "out of date"
