"""The sprint's id, asked last: it is suggested from the Objective, which is known by then.

The id names the file (`sprints/<id>.yaml`), so an id that a sprint already has,
or a file that already exists, is refused here rather than overwritten later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from microokr.drafting.answers import AnswerError, parse_slug

if TYPE_CHECKING:
    from microokr.drafting.walk import Walk

_STOPWORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "to", "for", "by", "in", "on", "at", "with"}
    | {"before", "after", "from", "into", "its", "our", "their", "this", "that", "so", "as"}
    | {"is", "are", "be", "we"}
)


def suggest_id(statement: str, taken: Iterable[str] = ()) -> str:
    """An id from the objective's first meaningful words: `restore-qualified-pipeline-momentum`."""
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", statement.lower())
    chosen = [w for w in words if w not in _STOPWORDS][:4] or ["sprint"]
    base = "-".join(chosen)[:60].strip("-") or "sprint"
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def identify(walk: Walk) -> None:
    taken = _taken_ids(walk)
    suggested = suggest_id(walk.data["objective"]["statement"], taken)
    folder = walk.workspace.folder("sprints")

    def parse_new_id(raw: Any) -> str:
        sprint_id = parse_slug(raw)
        if sprint_id in taken or (folder / f"{sprint_id}.yaml").exists():
            raise AnswerError(f"a sprint '{sprint_id}' already exists: choose another id")
        return sprint_id

    walk.io.step("Sprint id", f"The file will be {walk.workspace.config.sprints}/<id>.yaml.")
    walk.data["id"] = walk.answer(("id",), "Sprint id", parse_new_id, default=suggested)


def _taken_ids(walk: Walk) -> set[str]:
    taken = {sprint.id for _, sprint in walk.workspace.sprints()}
    taken |= {source.path.stem for source in walk.workspace.sprint_files}
    return taken
