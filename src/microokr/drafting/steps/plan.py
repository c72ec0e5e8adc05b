"""The integrated plan of a joint sprint: roles, named contacts, due dates, dependencies.

Seed 001 asks for a stakeholder map (one named owner per team, roles lead / contributor /
reviewer) and one plan with every dependency. Asked only when several teams own the
sprint, after the cadence; every question is skippable with Enter. Answers are checked by
MO609/MO610 (the map) and MO509-MO512 (the plan), as `lint` would.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from microokr.drafting.answers import AnswerError, parse_date, parse_optional_text, parse_slug
from microokr.drafting.steps.identify import suggest_id
from microokr.model import Role

if TYPE_CHECKING:
    import datetime as dt

    from microokr.drafting.walk import Walk

ROLES = [role.value for role in Role]
PLAN_KEYS = ("roles", "contacts")
INITIATIVE_PLAN_KEYS = ("id", "due", "depends_on")


def integrated_plan(walk: Walk) -> None:
    owner = walk.data["owner"]
    teams = list(dict.fromkeys(owner["teams"]))
    planned = [
        walk.lookup(("initiatives", i)) for i in range(len(walk.data.get("initiatives") or []))
    ]
    in_file = any(isinstance(p, dict) and {"due", "depends_on"} & set(p) for p in planned)
    if len(teams) < 2 and not in_file:
        return  # a single team's plan is asked for only when the --from file holds one
    walk.io.step(
        "The integrated plan (joint sprint)",
        "One plan, not three: each team's role and the one person who answers for it, then "
        "each initiative's due date and what it waits for. Press Enter to skip any question.",
    )
    for key in PLAN_KEYS:
        owner.pop(key, None)
    if len(teams) > 1:
        _roles(walk, owner, teams)
        _contacts(walk, owner, teams)
    items = walk.data.get("initiatives") or []
    for item in items:
        for key in INITIATIVE_PLAN_KEYS:
            item.pop(key, None)
    if items:
        _schedule(walk, items)


def _roles(walk: Walk, owner: dict[str, Any], teams: list[str]) -> None:
    anchor_team = walk.anchor_owner()
    while True:
        roles: dict[str, str] = {}
        for team in _keys_to_ask(walk, "roles", teams):
            role = walk.answer(
                ("owner", "roles", team),
                f"Role of {team} (lead, contributor or reviewer"
                + ("; the anchor's team usually leads" if team == anchor_team else "")
                + "; Enter to skip)",
                _parse_role,
                default="",
            )
            if role:
                roles[team] = role
        trial = {**owner, **({"roles": roles} if roles else {})}
        if walk.verify(walk.candidate(owner=trial), ("owner", "roles")):
            break
    if roles:
        owner["roles"] = roles


def _contacts(walk: Walk, owner: dict[str, Any], teams: list[str]) -> None:
    registry = walk.workspace.teams or {}
    contacts: dict[str, str] = {}
    for team in _keys_to_ask(walk, "contacts", teams):
        entry = registry.get(team)
        known = entry.lead if entry is not None and entry.lead else None
        lead_team = owner.get("roles", {}).get(team) == "lead"
        fallback = "the Sprint Lead" if lead_team else (known and f"the registry's {known}")
        skip = f"Enter for {fallback}" if fallback else "Enter to skip"
        contact = walk.answer(
            ("owner", "contacts", team),
            f"Named contact for {team}: the one person who answers for it ({skip})",
            parse_optional_text,
            default="",
        )
        if contact:
            contacts[team] = contact
    if contacts:
        owner["contacts"] = contacts
    walk.verify(walk.candidate(owner=owner), ("owner", "contacts"), revisable=False)


def _schedule(walk: Walk, items: list[dict[str, Any]]) -> None:
    # Initiatives the --from file gives still get their plan questions at a terminal
    # (the file's own due/depends_on answer them); "refused" means: ask, do not default.
    walk.refused.add("initiatives")
    taken: set[str] = set()
    for index, item in enumerate(items):
        # An id from the --from file is kept (its depends_on name it); else one is made up
        # from the action, so that `checkin --done ID` has something to name.
        given = walk.lookup(("initiatives", index, "id"))
        walk.used.add(("initiatives", index, "id"))
        try:
            item["id"] = parse_slug(given) if isinstance(given, str) else None
        except AnswerError:
            item["id"] = None
        if item["id"] is None or item["id"] in taken:
            item["id"] = suggest_id(item["action"], taken)
        taken.add(item["id"])
    walk.io.choices([(item["id"], item["action"]) for item in items])
    for index, item in enumerate(items):
        while True:
            due: dt.date | None = walk.answer(
                ("initiatives", index, "due"),
                f"Due date of {item['id']} (YYYY-MM-DD; Enter to skip)",
                lambda raw: parse_date(raw) if str(raw or "").strip() else None,
                default="",
            )
            trial = {**item, **({"due": due} if due else {})}
            others = [*items[:index], trial, *items[index + 1 :]]
            if walk.verify(walk.candidate(initiatives=others), ("initiatives", index, "due")):
                break
        if due is not None:
            item["due"] = due
    for index, item in enumerate(items):
        if len(items) < 2:
            break
        while True:
            waits = walk.answer(
                ("initiatives", index, "depends_on"),
                f"{item['id']} waits for which initiatives? (numbers or ids, comma-separated; "
                "Enter for none)",
                functools.partial(_parse_depends, items=items),
                default="",
            )
            trial = {**item, **({"depends_on": waits} if waits else {})}
            others = [*items[:index], trial, *items[index + 1 :]]
            where = ("initiatives", index, "depends_on")
            if walk.verify(walk.candidate(initiatives=others), where):
                break
        if waits:
            item["depends_on"] = waits
    if not any("due" in item or "depends_on" in item for item in items):
        for item in items:
            del item["id"]  # every question skipped: the initiatives stay as they were


def _keys_to_ask(walk: Walk, field: str, teams: list[str]) -> list[str]:
    """The owning teams, then any other team the --from file names in `owner.<field>`:
    never dropped silently, so MO609 can refuse it as lint would."""
    given = walk.lookup(("owner", field))
    extra = [str(k) for k in given if str(k) not in teams] if isinstance(given, dict) else []
    return [*teams, *extra]


def _parse_role(raw: Any) -> str:
    text = str(raw or "").strip().lower()
    if not text:
        return ""
    if text.isdigit() and 1 <= int(text) <= len(ROLES):
        return ROLES[int(text) - 1]
    if text in ROLES:
        return text
    raise AnswerError(f"'{text:.20}' is not a role: answer lead, contributor or reviewer")


def _parse_depends(raw: Any, *, items: list[dict[str, Any]]) -> list[str]:
    """Initiative numbers (as listed) or ids, comma-separated, each once.

    An id that names no initiative, or the initiative itself, is not refused here:
    MO509 and MO510 judge it, with the message `lint` gives.
    """
    if isinstance(raw, list):
        parts = [str(part).strip() for part in raw]
    else:
        parts = [part.strip() for part in str(raw or "").split(",")]
    ids = [item["id"] for item in items]
    chosen: list[str] = []
    for part in filter(None, parts):
        if part.isdigit() and 1 <= int(part) <= len(ids):
            part = ids[int(part) - 1]
        if part not in chosen:
            chosen.append(part)
    return chosen
