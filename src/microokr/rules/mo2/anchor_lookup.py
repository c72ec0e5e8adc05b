"""Finding a sprint's anchor KR and the place of its OKR file (MO202-MO205)."""

from __future__ import annotations

from microokr.model import Sprint
from microokr.rules.base import RuleContext
from microokr.workspace import KrRef


def resolve(sprint: Sprint, ctx: RuleContext) -> KrRef | None:
    return ctx.workspace.key_results.get(sprint.anchor_kr) if sprint.anchor_kr else None


def okr_place(ref: KrRef, *tail: str) -> str:
    """`okrs/2026-q3.yaml:12` for a place inside the anchor's objective or KR."""
    i, j = ref.index
    inside_kr = bool(tail) and tail[0] == "key_results"
    at: tuple[str | int, ...] = (
        ("objectives", i, "key_results", j, *tail[1:]) if inside_kr else ("objectives", i, *tail)
    )
    line, _ = ref.source.locate(at)
    return f"{ref.source.rel}:{line}"
