"""The small pieces of HTML every page repeats, as the templates call them: `m.bar(...)`.

They were Jinja macros; a macro call costs ~15 us (its frame, its loop context), and a
big site makes a million of them (the index alone calls one per KR of every active
sprint). Each writes what its macro wrote: every value as `{{ value }}` would (through
the environment's `finalize`, then HTML-escaped), the rest as the template's text.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from microokr.diagnostics import printable
from microokr.formatting import percent, signed, with_unit
from microokr.site.data import paragraphs


def finalize(value: Any) -> Any:
    """What every `{{ value }}` passes through before autoescaping: control characters
    become visible escapes, and None shows as an em dash instead of "None"."""
    if value.__class__ is str:
        # Printable ASCII (most values) holds nothing `printable` would escape.
        return value if value.isascii() and value.isprintable() else printable(value)
    return "—" if value is None else value


def shown(value: Any) -> str:
    """What `{{ value }}` writes."""
    return str(escape(finalize(value)))


def team_links(refs: list[dict[str, Any]], root: str) -> Markup:
    """Teams as links to their pages, comma-separated (a team without a page: its name)."""
    links = [
        f'<a href="{shown(root)}{shown(ref["page"])}">{shown(ref["name"] or ref["id"])}</a>'
        if ref["page"]
        else shown(ref["name"])
        for ref in refs
    ]
    return Markup(", ".join(links))


def bar(score: float, verdict: str | None) -> Markup:
    """A progress bar: `score` of the way, coloured by the verdict."""
    css = shown((verdict or "none").replace(" ", "-"))
    return Markup(
        f'<span class="bar {css}" role="img" aria-label="{shown(percent(score))} of the way '
        f'to target"><span style="width: {shown(round(score * 100, 1))}%"></span></span>'
    )


def status(state: str) -> Markup:
    return Markup(f'<span class="status {shown(state)}">{shown(state)}</span>')


def verdict(word: str | None) -> Markup:
    if not word:
        return Markup("—")
    return Markup(f'<span class="verdict {shown(word.replace(" ", "-"))}">{shown(word)}</span>')


def movement(moved: dict[str, Any] | None, unit: str | None) -> Markup:
    """An anchor KR's movement: start → end (change), and the share of the gap closed."""
    if not moved:
        return Markup("not recorded")
    text = (
        f"{shown(with_unit(moved['start'], unit))} → {shown(with_unit(moved['end'], unit))} "
        f"({shown(signed(moved['delta']))})"
    )
    if moved["share_of_gap"] is not None:
        text += f", {shown(percent(moved['share_of_gap']))} of the gap"
    return Markup(text)


def when(sprint: dict[str, Any]) -> Markup:
    """Where a sprint stands in its window: closed, starts in, days left or over."""
    state = sprint["status"]
    if state == "closed":
        return Markup(f"closed {shown(sprint['closed_on'])}")
    if state == "planned":
        return Markup(f"starts in {shown(sprint['days_to_start'])}d")
    left = sprint["days_left"]
    return Markup(f"{shown(-left)}d over" if left < 0 else f"{shown(left)}d left")


def age(days: int | None) -> Markup:
    """How long ago the last check-in was."""
    if days is None:
        return Markup("no check-in")
    return Markup("today" if days == 0 else f"{shown(days)}d ago")


def kr_cards(sprint: dict[str, Any]) -> Markup:
    """A card per KR of a sprint page: statement, numbers, progress bar and verdict."""
    closed = sprint["status"] == "closed"
    cards = []
    for kr in sprint["key_results"]:
        unit, verdict = kr["unit"], kr["outcome"] if closed else kr["pace"]
        css = shown((verdict or "none").replace(" ", "-"))
        word = f'<span class="verdict {css}">{shown(verdict)}</span>' if verdict else "—"
        cards.append(
            f'<article class="card">\n<h3><code>{shown(kr["id"])}</code></h3>\n'
            f"<p>{shown(kr['statement'])}</p>\n"
            f'<p class="nums">{shown(with_unit(kr["baseline"], unit))} → '
            f"{shown(with_unit(kr['target'], unit))} · {'final' if closed else 'latest'}: "
            f"<strong>{shown(with_unit(kr['value'], unit))}</strong></p>\n"
            f'<p><span class="bar {css}" role="img" aria-label="{shown(percent(kr["score"]))} '
            f'of the way to target"><span style="width: {shown(round(kr["score"] * 100, 1))}%">'
            f"</span></span> {shown(percent(kr['progress']))} {word}</p>\n</article>"
        )
    return Markup("\n".join(cards))


def kr_rows(sprint: dict[str, Any]) -> Markup:
    """The KR table's rows: baseline, target, latest (or final) value, progress, verdict."""
    closed = sprint["status"] == "closed"
    rows = []
    for kr in sprint["key_results"]:
        unit = kr["unit"]
        verdict = kr["outcome"] if closed else (kr["pace"] or "—")
        cells = "".join(
            f'<td class="num">{shown(text)}</td>'
            for text in (
                with_unit(kr["baseline"], unit),
                with_unit(kr["target"], unit),
                with_unit(kr["value"], unit),
                percent(kr["progress"]),
            )
        )
        rows.append(
            f'<tr><th scope="row"><code>{shown(kr["id"])}</code></th>{cells}'
            f"<td>{shown(verdict)}</td></tr>"
        )
    return Markup("\n".join(rows))


QUESTIONS = (
    ("learning", "What did we learn about the gap?"),
    ("highest_impact", "Which intervention had the highest impact?"),
    ("root_cause", "What did the sprint reveal about the root cause?"),
)
"""The Sprint Close's three questions, with the key of each answer."""
EMPTY = '<p class="empty">Not recorded.</p>'


def close_answers(close: dict[str, Any]) -> Markup:
    """Each question of the close with its answer's paragraphs (or "Not recorded.")."""
    parts = []
    for field, question in QUESTIONS:
        answer = "".join(f"<p>{shown(p)}</p>" for p in paragraphs(close[field]))
        parts.append(f"<h3>{shown(question)}</h3>\n{answer or EMPTY}")
    return Markup("".join(parts))
