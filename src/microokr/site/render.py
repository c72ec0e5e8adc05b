"""Pages from the site's data: the Jinja2 environment, and the HTML built outside it.

The templates lay out `site/data.py`'s values; the pieces a template loop would make
slowly for every sprint of a large workspace (the trajectory chart and its table of
numbers, the check-in timeline) are built here, every piece of user text escaped.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from microokr.formatting import percent, signed, with_unit
from microokr.site import chart, snippets
from microokr.site.data import paragraphs
from microokr.site.plan_chart import plan_svg

_DICT_NAMES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja2's environment, with `{{ entry.key }}` on a plain dict looked up as a key
    first. Jinja tries the attribute first and a dict has none of these keys, so each
    lookup raised and caught an AttributeError: ~500 per sprint page. A key named like a
    dict method (`items`, `values`) still gives the method, as in Jinja."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if obj.__class__ is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def environment() -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.PackageLoader("microokr.site", "templates"),
        autoescape=True,
        finalize=snippets.finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the package's templates do not change while a site is built
    )
    env.filters["num"] = number
    env.filters["pct"] = percent
    env.filters["signed"] = signed
    env.filters["paragraphs"] = paragraphs
    env.filters["label"] = lambda text: str(text).replace("-", " ")
    env.filters["plan_svg"] = plan_svg
    env.globals["m"] = snippets  # m.bar(...), m.team_links(...): HTML snippets
    return env


def number(value: float | None, unit: str | None = None) -> str:
    """The `num` filter: a value as the CLI and the report show it, with its unit."""
    return with_unit(value, unit)


def package_file(name: str) -> bytes:
    # Written as it is: a script is no template, and braces in it must not be read as one.
    from importlib.resources import files

    return files("microokr.site").joinpath("templates", name).read_bytes()


def trajectory_svg(sprint: dict[str, Any]) -> Markup:
    series = sprint["trajectory"]
    if series is None:
        return Markup("")
    days = [dt.date.fromisoformat(d) for d in series["days"]]
    expected = [(day, share * 100) for day, share in zip(days, series["expected"], strict=True)]
    lines = []
    for kr in sprint["key_results"]:
        values = series["progress"][kr["id"]]
        points = tuple(
            (day, value * 100)
            for day, value, seen in zip(days, values, series["recorded"], strict=True)
            if seen and value is not None
        )
        lines.append(chart.Line(kr["id"], points))
    title = f"Trajectory of {sprint['id']}: KR progress against the expected line"
    return chart.trajectory_svg("trajectory", title, days[0], days[-1], expected, lines)


def trajectory_table(sprint: dict[str, Any]) -> Markup:
    """The chart's numbers by day, built here: a template loop over every cell of a
    window's days is most of a sprint page's rendering time on a large workspace."""
    series = sprint["trajectory"]
    if series is None:
        return Markup("")
    ids = [kr["id"] for kr in sprint["key_results"]]
    head = "".join(f'<th scope="col"><code>{escape(kr_id)}</code></th>' for kr_id in ids)
    rows = []
    for i, day in enumerate(series["days"]):
        cells = "".join(
            f'<td class="num">{percent(series["progress"][kr_id][i])}</td>' for kr_id in ids
        )
        reading = "yes" if series["recorded"][i] else "—"
        rows.append(
            f'<tr><th scope="row">{escape(day)}</th><td>{reading}</td>'
            f'<td class="num">{percent(series["expected"][i])}</td>{cells}</tr>'
        )
    return Markup(
        '<div class="scroll"><table>\n<thead><tr><th scope="col">Date</th>'
        f'<th scope="col">Reading</th><th scope="col">Expected</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n"
    )


_CONFIDENCE = {"on-track": "on track", "at-risk": "at risk", "off-track": "off track"}


def checkin_timeline(sprint: dict[str, Any]) -> Markup:
    """The check-in timeline, built here for the same reason as `trajectory_table`;
    every piece of user text goes through `text` (printable, then HTML-escaped)."""
    krs = [(kr["id"], kr["unit"]) for kr in sprint["key_results"]]
    items = []
    for checkin in sprint["checkins"]:
        head = f'<time datetime="{checkin["date"]}">{checkin["date"]}</time>'
        if checkin["confidence"]:
            word = _CONFIDENCE.get(checkin["confidence"], checkin["confidence"])
            head += f' <span class="verdict {word.replace(" ", "-")}">{text(word)}</span>'
        values = " · ".join(
            f"<code>{text(kr_id)}</code> {text(number(checkin['values'].get(kr_id), unit))}"
            for kr_id, unit in krs
        )
        if checkin["anchor"] is not None:
            values += f" · anchor {number(checkin['anchor'])}"
        parts = [f"<li><h3>{head}</h3>", f'<p class="nums">{values}</p>']
        parts += [
            f'<p class="blocker">Blocker: {text(b["what"])} — owner: {text(b["owner"])}</p>'
            for b in checkin["blockers"]
        ]
        if checkin["note"]:
            parts.append(f'<p class="note">{text(checkin["note"])}</p>')
        items.append("\n".join(parts) + "\n</li>")
    return Markup('<ol class="timeline">\n' + "\n".join(items) + "\n</ol>")


def text(value: str) -> str:
    """User text for HTML built outside a template: control characters shown, escaped."""
    return snippets.shown(value)


def timeline_svg(owned: list[dict[str, Any]]) -> Markup:
    bars = [
        (
            s["id"],
            dt.date.fromisoformat(s["window"]["start"]),
            dt.date.fromisoformat(s["closed_on"] or s["window"]["end"]),
            s["status"],
        )
        for s in sorted(owned, key=lambda s: (s["window"]["start"], s["id"]))
    ]
    return chart.timeline_svg("timeline", "Sprint windows over time", bars)
