"""The integrated plan of a sprint: its initiatives by team, due dates, dependencies, status.

Seed 001 asks for "one plan, not three": every initiative of a joint sprint in one place,
with its owner team, due date, what it waits for and whether it is done. This module is
the one pure place that derives it; MO509-MO512 check the same graph, the report draws it
as a mermaid gantt plus a table, and the site reads `integrated_plan(...)` to draw its own.
Nothing here reads the clock: `today` is an argument.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from microokr.model import Initiative, Owner, Role, Sprint, Team


class InitiativeStatus(StrEnum):
    DONE = "done"
    BLOCKED = "blocked"
    LATE = "late"  # past its due date and not done
    OPEN = "open"


@dataclass(frozen=True)
class PlanItem:
    """One initiative of the plan, with what the check-ins say about it."""

    index: int
    """Its position in `initiatives` (0-based): stable even when it has no id."""
    id: str | None
    team: str | None
    action: str
    due: dt.date | None
    depends_on: tuple[str, ...]
    milestone: bool
    status: InitiativeStatus
    done_on: dt.date | None
    """The check-in that marked it done, if one did."""


@dataclass(frozen=True)
class Plan:
    sprint_id: str
    start: dt.date
    end: dt.date
    teams: tuple[str | None, ...]
    """Owning teams first (in `owner.teams` order), then any other team an initiative names."""
    items: tuple[PlanItem, ...]

    @property
    def has_schedule(self) -> bool:
        """Whether any initiative carries plan data (a due date, a dependency, a milestone)
        or a check-in marked one done or blocked: then the report draws the plan."""
        marked = (InitiativeStatus.DONE, InitiativeStatus.BLOCKED)
        return any(i.due or i.depends_on or i.milestone or i.status in marked for i in self.items)

    def by_id(self) -> dict[str, PlanItem]:
        """Initiatives by id; the first one wins when two share an id."""
        found: dict[str, PlanItem] = {}
        for item in self.items:
            if item.id is not None:
                found.setdefault(item.id, item)
        return found


def integrated_plan(sprint: Sprint, today: dt.date) -> Plan:
    """The sprint's initiatives as one plan, their status as of `today`."""
    done_on: dict[str, dt.date] = {}
    blocked_on: dict[str, dt.date] = {}
    for checkin in sorted(sprint.checkins, key=lambda c: c.date):
        if checkin.date > today:
            continue
        for initiative_id in checkin.done:
            done_on.setdefault(initiative_id, checkin.date)
        for initiative_id in checkin.blocked:
            blocked_on[initiative_id] = checkin.date
    items = []
    for index, initiative in enumerate(sprint.initiatives):
        key = initiative.id
        finished = done_on.get(key) if key else None
        status = _status(initiative, finished, blocked_on.get(key) if key else None, today)
        items.append(
            PlanItem(
                index=index,
                id=key,
                team=initiative.team,
                action=initiative.action,
                due=initiative.due,
                depends_on=tuple(initiative.depends_on),
                milestone=initiative.milestone,
                status=status,
                done_on=finished,
            )
        )
    teams = team_order(sprint)
    return Plan(sprint.id, sprint.window.start, sprint.window.end, teams, tuple(items))


def team_order(sprint: Sprint) -> tuple[str | None, ...]:
    """Owning teams first (in `owner.teams` order), then any other team an initiative names:
    the order of the plan's lanes and of the report's and site's initiative lists."""
    teams: list[str | None] = list(dict.fromkeys(sprint.owner.teams))
    for initiative in sprint.initiatives:
        if initiative.team not in teams:
            teams.append(initiative.team)
    return tuple(teams)


def actions_by_team(sprint: Sprint) -> list[tuple[str | None, list[str]]]:
    """Each team (in `team_order`) with the actions of its initiatives, none left empty."""
    grouped = [
        (team, [i.action for i in sprint.initiatives if i.team == team])
        for team in team_order(sprint)
    ]
    return [(team, actions) for team, actions in grouped if actions]


class ContactFrom(StrEnum):
    CONTACTS = "contacts"  # the team's entry in `owner.contacts`
    SPRINT_LEAD = "sprint lead"  # `owner.lead`, for the team whose role is `lead`
    TEAM_LEAD = "team lead"  # the team's `lead` in the registry (microokr.yaml)


def named_contact(
    owner: Owner, team: str, registry: Mapping[str, Team]
) -> tuple[str, ContactFrom] | None:
    """The one person who answers for `team` in a sprint, and where the name comes from.

    Its entry in `owner.contacts`, else the Sprint Lead when its role is `lead`, else the
    team's `lead` in the registry; None when there is none (MO610 warns in a joint sprint).
    """
    contact = owner.contacts.get(team, "").strip()
    if contact:
        return contact, ContactFrom.CONTACTS
    sprint_lead = owner.lead.strip() if isinstance(owner.lead, str) else ""
    if sprint_lead and owner.roles.get(team) is Role.LEAD:
        return sprint_lead, ContactFrom.SPRINT_LEAD
    entry = registry.get(team)
    team_lead = (entry.lead or "").strip() if entry is not None else ""
    return (team_lead, ContactFrom.TEAM_LEAD) if team_lead else None


def open_initiatives(sprint: Sprint, day: dt.date) -> list[PlanItem]:
    """The initiatives with an id that no check-in before `day` marked done: what a
    check-in on `day` may mark done or blocked. A check-in already on `day` is the one
    being replaced (`checkin --replace`): its marks are asked for again, not assumed."""
    items = integrated_plan(sprint, day).items
    return [i for i in items if i.id and (i.done_on is None or i.done_on >= day)]


def read_marks(sprint: Sprint, raw: str, *, option: str = "") -> list[str]:
    """Initiative ids typed at a prompt, separated by commas or spaces; "" is none."""
    return initiative_marks(sprint, raw.replace(",", " ").split(), option=option)


def initiative_marks(sprint: Sprint, given: Sequence[str], *, option: str) -> list[str]:
    """The initiative ids given to `checkin --done`/`--blocked`, each once, all known.

    An id the sprint does not have is a UsageError naming the sprint's ids (and the one
    most likely meant): a typo must not record a mark that nothing reads. `option` opens
    the message ("--done"); "" at a prompt, where no flag was typed.
    """
    from microokr.errors import UsageError
    from microokr.formatting import did_you_mean, quote

    known = list(dict.fromkeys(i.id for i in sprint.initiatives if i.id is not None))
    marks = list(dict.fromkeys(text.strip() for text in given))
    said = f"{option} " if option else ""
    for mark in marks:
        if mark in known:
            continue
        if not known:
            raise UsageError(
                f"{said}{quote(mark)}: the initiatives of {sprint.id} have no ids; give "
                "each an `id:` in the sprint file first"
            )
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        hint = did_you_mean(mark, known)
        raise UsageError(
            f"{said}{quote(mark)} is no initiative id of {sprint.id} (its ids: {listed})"
            + (f"; {hint}" if hint else "")
        )
    return marks


def _status(
    initiative: Initiative, done: dt.date | None, blocked: dt.date | None, today: dt.date
) -> InitiativeStatus:
    if done is not None:
        return InitiativeStatus.DONE
    if blocked is not None:
        return InitiativeStatus.BLOCKED
    if initiative.due is not None and initiative.due < today:
        return InitiativeStatus.LATE
    return InitiativeStatus.OPEN


def dependency_cycles(initiatives: Sequence[Initiative]) -> list[list[str]]:
    """Each cycle of `depends_on` among known ids once, as ids in order (`[a, b]`: a→b→a).

    Tarjan's strongly connected components (iterative, linear in ids + edges); one cycle
    is named per component, starting at the component's first initiative in file order.
    A self-dependency is a cycle of one.
    """
    order: dict[str, int] = {}
    firsts = []
    for initiative in initiatives:
        if initiative.id is not None and initiative.id not in order:
            order[initiative.id] = len(order)
            firsts.append(initiative)
    # The first initiative of an id stands for it (as in `Plan.by_id`).
    edges = {
        i.id: [d for d in dict.fromkeys(i.depends_on) if d in order]
        for i in firsts
        if i.id is not None
    }
    components = _strongly_connected(order, edges)
    cycles = []
    for component in components:
        members = set(component)
        first = min(component, key=order.__getitem__)
        if len(component) == 1 and first not in edges[first]:
            continue
        cycles.append(_walk_cycle(first, members, edges))
    return sorted(cycles, key=lambda cycle: order[cycle[0]])


def dependency_free(plan: Plan) -> dict[int, tuple[str, ...]]:
    """Per item index, the dependencies that can be drawn: known ids, outside any cycle.

    What MO509 (unknown) and MO510 (cycle) report is left out, so a broken plan still
    has an order; everything else is kept, each id once.
    """
    ids = plan.by_id()
    cyclic = {member for cycle in _components_in_cycles(plan) for member in cycle}
    usable = {}
    for item in plan.items:
        wanted = dict.fromkeys(d for d in item.depends_on if d in ids and d != item.id)
        if item.id in cyclic:
            wanted = dict.fromkeys(d for d in wanted if d not in cyclic)
        usable[item.index] = tuple(wanted)
    return usable


def topological_order(plan: Plan, usable: dict[int, tuple[str, ...]]) -> list[int]:
    """Item indexes, each after the items it depends on (Kahn's algorithm, file order)."""
    ids = plan.by_id()
    waiting = {index: len(deps) for index, deps in usable.items()}
    dependants: dict[int, list[int]] = {}
    for index, deps in usable.items():
        for wanted in deps:
            dependants.setdefault(ids[wanted].index, []).append(index)
    ready = deque(item.index for item in plan.items if waiting[item.index] == 0)
    order = []
    while ready:
        index = ready.popleft()
        order.append(index)
        for later in dependants.get(index, []):
            waiting[later] -= 1
            if waiting[later] == 0:
                ready.append(later)
    return order


def _components_in_cycles(plan: Plan) -> list[list[str]]:
    firsts = list(plan.by_id().values())
    order = {item.id: n for n, item in enumerate(firsts) if item.id is not None}
    edges = {item.id: [d for d in item.depends_on if d in order] for item in firsts if item.id}
    return [
        component
        for component in _strongly_connected(order, edges)
        if len(component) > 1 or component[0] in edges[component[0]]
    ]


def _strongly_connected(order: dict[str, int], edges: dict[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in order:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if next_edge < len(targets):
                work.append((node, next_edge + 1))
                target = targets[next_edge]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _walk_cycle(first: str, members: set[str], edges: dict[str, list[str]]) -> list[str]:
    """A path from `first` back to itself inside one component (breadth-first: shortest)."""
    came_from: dict[str, str] = {}
    frontier = [first]
    while frontier:
        following = []
        for node in frontier:
            for target in edges[node]:
                if target not in members:
                    continue
                if target == first:
                    path = [node]
                    while path[-1] != first:
                        path.append(came_from[path[-1]])
                    return list(reversed(path))
                if target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return [first]  # unreachable for a real cycle; keeps the function total
