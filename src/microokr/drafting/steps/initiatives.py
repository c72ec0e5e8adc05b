"""Initiatives: what will be done, and by which team. They support the KRs, never replace them.

Asked after the KRs so that a task typed as a KR (and refused by MO502) has an
obvious place to go. The team defaults to the anchor's owner, then to the team of
the initiative before; with a team registry, only its team ids are taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from microokr.drafting.answers import (
    MISSING,
    AnswerError,
    parse_optional_text,
    parse_text,
)
from microokr.formatting import did_you_mean

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk


def initiatives(walk: Walk) -> None:
    walk.io.step(
        "Initiatives",
        "What will be done, and by which team: calls, emails, reviews. They support the "
        "KRs and are never KRs themselves.",
    )
    registry = walk.workspace.teams
    preset = walk.lookup(("initiatives",))
    walk.used.add(("initiatives",))
    items: list[dict[str, Any]] = []
    last_team = walk.anchor_owner()
    while True:
        index = len(items)
        if preset is not MISSING and index >= len(preset):
            break
        if preset is MISSING and walk.no_input:
            break
        action = walk.answer(
            ("initiatives", index, "action"),
            f"Initiative {index + 1}: what will be done? (empty line when done)",
            parse_optional_text if preset is MISSING else parse_text,
            default="" if preset is MISSING else None,
        )
        if not action:
            break
        team = walk.answer(
            ("initiatives", index, "team"),
            "Which team does it?",
            lambda raw: parse_team(raw, registry),
            default=last_team,
        )
        last_team = team
        items.append({"team": team, "action": action})
    if items:
        walk.data["initiatives"] = items


def parse_team(raw: Any, registry: Mapping[str, Any] | None) -> str:
    """A team id; with a registry in microokr.yaml, one of its teams."""
    team = parse_text(raw)
    if registry and team not in registry:
        close = did_you_mean(team, registry)
        hint = f" ({close})" if close else ""
        raise AnswerError(
            f"'{team:.40}' is not a team of microokr.yaml{hint}: answer with a team id, "
            f"one of {', '.join(registry)}"
        )
    return team
