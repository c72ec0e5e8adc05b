"""The texts MO801 and MO802 read: objective, KR statements, condition."""

from __future__ import annotations

from collections.abc import Iterator

from microokr.model import Sprint
from microokr.rules.base import Where


def texts(sprint: Sprint, *, condition: bool) -> Iterator[tuple[Where, str]]:
    """The statements a reader judges a sprint by, with where they are."""
    if sprint.objective is not None and sprint.objective.statement:
        yield ("objective", "statement"), sprint.objective.statement
    if condition and sprint.desired_condition:
        yield ("desired_condition",), sprint.desired_condition
    for i, key_result in enumerate(sprint.key_results):
        yield ("key_results", i, "statement"), key_result.statement
