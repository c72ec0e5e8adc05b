"""Render the whole site: (relative path, bytes) one file at a time, the same bytes for one `today`.

Pages: `index.html`, `sprints/<id>.html`, `okrs/<file>.html`, `teams/<team>.html`,
`data.json`, `style.css` and `sort.js` (sorts tables; every page reads the same without
it). Links between them are relative, so the site works from `file://`, from a Pages
sub-path and offline; nothing is loaded from elsewhere.

A sprint's page and its part of `data.json` are made together (`SiteRun.sprint`), and of
its data only what the index, OKR and team pages show is kept (`summary`): 10,000 whole
sprint entries were most of the memory of a large site.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from microokr.dashboard import build_dashboard
from microokr.site import history as site_history
from microokr.site import share
from microokr.site.data import VERSION, index_data, okr_data, sprint_data, team_data, warnings_of
from microokr.site.names import Names, relative
from microokr.site.output import Payload
from microokr.site.render import (
    checkin_timeline,
    environment,
    package_file,
    timeline_svg,
    trajectory_svg,
    trajectory_table,
)
from microokr.yamlio.read import YamlDoc

if TYPE_CHECKING:
    from microokr.dashboard import SprintRow
    from microokr.history.overview import HistoryOverview
    from microokr.workspace import Workspace

STYLESHEET = "style.css"
SORT_SCRIPT = "sort.js"
DATA = "data.json"
PAGES = ("index.html.j2", "sprint.html.j2", "okr.html.j2", "team.html.j2")


@dataclass(frozen=True)
class Site:
    files: Iterator[tuple[str, Payload]]
    """(relative path, bytes or pieces), rendered one at a time as they are taken."""
    pages: dict[str, int]
    """How many pages of each kind (index, sprints, okrs, teams)."""


@dataclass(frozen=True)
class SprintPage:
    """What one sprint gives the site: its page, its `data.json` entry, its summary."""

    page: str
    html: bytes
    entry: bytes
    """Its entry of `data.json`'s `sprints` (compact JSON)."""
    summary: dict[str, Any]
    """The keys of its entry that the index, OKR and team pages read."""


def build_site_files(
    workspace: Workspace,
    today: dt.date,
    *,
    base_url: str | None = None,
    history: HistoryOverview | None = None,
) -> dict[str, bytes]:
    """The whole site in memory (tests, snapshots); `microokr site` streams instead."""
    built = build_site(workspace, today, base_url=base_url, history=history)
    return {rel: data if isinstance(data, bytes) else b"".join(data) for rel, data in built.files}


def build_site(
    workspace: Workspace,
    today: dt.date,
    *,
    base_url: str | None = None,
    history: HistoryOverview | None = None,
    consume: bool = False,
) -> Site:
    """The site of `workspace` on `today`; `history` is what git said of its sprints
    (`microokr.history.overview.workspace_recalibrations`; None: not read). With
    `consume`, each sprint's model is dropped once its page is made (`microokr site`,
    which uses the workspace no further: 10,000 models are ~200 MB)."""
    run = SiteRun(workspace, today, base_url=base_url, history=history, consume=consume)
    return Site(run.files(share.sprint_pages(run)), run.pages)


def _compact(value: Any) -> str:
    # Compact, so the C encoder runs (an indent selects the pure-Python one, 10x slower).
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class SiteRun:
    """What every page shares, worked out once; then a sprint page at a time, then the rest."""

    def __init__(
        self,
        workspace: Workspace,
        today: dt.date,
        *,
        base_url: str | None = None,
        history: HistoryOverview | None = None,
        consume: bool = False,
    ) -> None:
        from microokr.history.overview import NOT_READ

        self.workspace, self.today, self.base_url = workspace, today, base_url
        board = build_dashboard(workspace, today)
        self.rows: list[SprintRow | None] = list(board.sprints)
        self.board = replace(board, sprints=())  # the rows are dropped as pages are made
        self.consume = consume
        self.count = len(self.rows)
        sprint_names, self.team_names, okr_names = Names("sprints"), Names("teams"), Names("okrs")
        self.okr_sources = [s for s in workspace.okr_files if s.model is not None]
        self.okr_pages = {s.rel: okr_names(s.rel, _stem(s.rel)) for s in self.okr_sources}
        self.sprint_pages = [sprint_names(row.source.rel, row.id) for row in board.sprints]
        self.rels = [row.source.rel for row in board.sprints]
        self.links = site_history.links(
            zip((row.sprint for row in board.sprints), self.sprint_pages, strict=True)
        )
        self.overview = history if history is not None else NOT_READ
        self.history = site_history.history_json(self.overview)
        self.templates = {name: environment().get_template(name) for name in PAGES}
        self.pages = {
            "index": 1,
            "sprints": self.count,
            "okrs": len(self.okr_sources),
            "teams": len(self.board.teams),
        }

    def _render(self, path: str, template: str, **context: Any) -> bytes:
        # Links are `root` + a site-relative path: "../" per folder level of this page
        # (a plain string, not a function: a call per link is costly in a template).
        text = self.templates[template].render(
            page=path,
            root=relative(path, ""),
            today=self.today.isoformat(),
            base_url=self.base_url,
            **context,
        )
        return text.encode("utf-8")

    def sprint(self, index: int) -> SprintPage:
        """The page, the `data.json` entry and the summary of the `index`-th sprint."""
        row, page = self.rows[index], self.sprint_pages[index]
        assert row is not None, "a sprint's page is made once"
        entry = sprint_data(
            row,
            self.workspace,
            self.today,
            page=page,
            team_page=self.team_names,
            okr_page=self.okr_pages.get,
        )
        site_history.add_history(row.source.rel, entry, row.sprint, self.overview, self.links)
        html = self._render(
            page,
            "sprint.html.j2",
            sprint=entry,
            svg=trajectory_svg(entry),
            numbers=trajectory_table(entry),
            timeline=checkin_timeline(entry),
            history=self.history,
        )
        return SprintPage(page, html, _compact(entry).encode("utf-8"), summary(entry))

    def files(self, sprints: Iterator[tuple[int, SprintPage]]) -> Iterator[tuple[str, Payload]]:
        """The sprint pages as `sprints` gives them ((site index, page), each index once,
        in any order), then the others."""
        entries: list[bytes] = [b""] * self.count
        summaries: list[dict[str, Any]] = [{}] * self.count
        for index, made in sprints:
            row = self.rows[index]
            assert row is not None, "each sprint page once"
            self.rows[index] = None
            if self.consume:  # the model and the text of its file are done with
                row.source.model, row.source.doc = None, _SPENT
            yield made.page, made.html
            entries[index], summaries[index] = made.entry, made.summary
        kept = dict(zip(self.rels, summaries, strict=True))
        yield from self._others(kept, entries)

    def _others(
        self, sprints: dict[str, dict[str, Any]], entries: list[bytes]
    ) -> Iterator[tuple[str, Payload]]:
        by_anchor: dict[str, list[dict[str, Any]]] = {}
        owned_by: dict[str, list[dict[str, Any]]] = {}
        for sprint in sprints.values():
            if sprint["anchor"] and sprint["anchor"]["found"]:
                by_anchor.setdefault(sprint["anchor"]["kr"], []).append(sprint)
            for ref in sprint["teams"]:
                owned_by.setdefault(ref["id"], []).append(sprint)
        okrs = [okr_data(s, by_anchor, page=self.okr_pages[s.rel]) for s in self.okr_sources]
        registry = self.workspace.teams or {}
        teams: list[dict[str, Any]] = []
        for load in self.board.teams:
            team: dict[str, Any] = {
                "id": load.id,
                "name": load.name,
                "active": load.active,
                "limit": load.limit,
                "over_limit": load.over_limit,
                "sprints": list(load.sprints),
            }
            lead = getattr(registry.get(load.id), "lead", None)
            owned = owned_by.get(load.id, [])
            teams.append(team_data(team, owned, page=self.team_names(load.id), lead=lead))
        index = index_data(self.board, sprints)
        warnings = warnings_of(sprints)
        unreadable = self.board.unreadable
        shared = {"okrs": okrs, "teams": teams}

        def index_page() -> bytes:
            return self._render(
                "index.html",
                "index.html.j2",
                index=index,
                sprints=sprints,
                warnings=warnings,
                unreadable=unreadable,
                **shared,
            )

        def okr_page(okr: dict[str, Any]) -> Callable[[], bytes]:
            return lambda: self._render(okr["page"], "okr.html.j2", okr=okr, **shared)

        def team_page(team: dict[str, Any]) -> Callable[[], bytes]:
            owned = owned_by.get(team["id"], [])

            def make() -> bytes:
                svg = timeline_svg(owned)
                return self._render(
                    team["page"], "team.html.j2", team=team, owned=owned, svg=svg, **shared
                )

            return make

        pages = [("index.html", index_page)]
        pages += [(okr["page"], okr_page(okr)) for okr in okrs]
        pages += [(team["page"], team_page(team)) for team in teams]
        for i, made in share.each(
            len(pages), lambda i: pages[i][1](), minimum=share.OTHERS_MINIMUM
        ):
            path, make = pages[i]
            yield path, made if made is not None else make()
        yield STYLESHEET, environment().get_template(STYLESHEET).render().encode("utf-8")
        yield SORT_SCRIPT, package_file(SORT_SCRIPT)
        head = {
            "version": VERSION,
            "today": self.today.isoformat(),
            "base_url": self.base_url,
            "index": index,
        }
        tail = {
            "okrs": okrs,
            "teams": teams,
            "warnings": warnings,
            "unreadable": list(unreadable),
            "history": self.history,
        }
        # The same bytes as one json.dumps of the whole: {head, "sprints": [...], tail}.
        parts = [_compact(head)[:-1].encode("utf-8"), b',"sprints":[']
        for entry in entries:
            parts += (entry, b",")
        if entries:
            parts.pop()
        entries.clear()
        parts += (b"],", _compact(tail)[1:].encode("utf-8"), b"\n")
        yield DATA, parts


SUMMARY = (
    "id",
    "page",
    "status",
    "quarter",
    "teams",
    "window",
    "days_left",
    "days_to_start",
    "closed_on",
    "key_results",
    "last_checkin_age_days",
    "confidence",
    "anchor",
    "warnings",
)
"""The keys of a sprint entry that the index, OKR and team pages read (and `close`'s
outcomes; the integrated plan of a sprint not closed: its owed initiatives on team pages)."""


def summary(entry: dict[str, Any]) -> dict[str, Any]:
    kept = {key: entry[key] for key in SUMMARY}
    close = entry["close"]
    kept["close"] = {"outcomes": close["outcomes"]} if close else None
    kept["plan"] = entry["plan"] if entry["status"] != "closed" else None
    return kept


_SPENT = YamlDoc("", aborted=True)


def _stem(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
