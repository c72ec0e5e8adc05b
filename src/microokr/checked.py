"""A sprint file whose own checks are done: what a lint keeps of it until the end.

A lint checks each sprint as it is read (`engine.lint_root`); after that, only the
cross-file rules look at it again, and they read its plain facts (id, window,
close date, teams, carried_from: `microokr.facts`). Keeping 10,000 validated models
to the end was most of a cold lint's memory, so a checked sprint keeps its text and
facts, and builds its model again from the text only if something asks for it
(MO709, for a file whose committed versions differ from today's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from microokr.facts import Closed, Span, SprintFacts, SprintLike, Teams
from microokr.workspace import FileKind, SourceFile, source_from_bytes


class CheckedSprint(SourceFile):
    _model: Any = None
    _facts: SprintFacts | None = None
    _rebuilt = False
    keep_git_blob: Callable[[str], None] | None = None
    """Keeps MO709's git blob id of the text in the lint cache's entry (`cache`)."""

    @property
    def model(self) -> Any:
        if self._model is None and self._facts is not None and not self._rebuilt:
            self._rebuilt = True  # the same bytes read the same way: the same model
            raw = self.doc.text.encode("utf-8")
            self._model = source_from_bytes(self.path, self.rel, self.kind, raw).model
        return self._model

    @model.setter
    def model(self, value: Any) -> None:
        self._model = value

    def has_model(self) -> bool:
        return self._facts is not None or self._model is not None

    def facts(self) -> SprintLike | None:
        return self._facts if self._facts is not None else super().facts()

    @classmethod
    def of(cls, source: SourceFile) -> SourceFile:
        """`source` without its model (a plain read sprint), or `source` itself."""
        if type(source) is not SourceFile or source.kind is not FileKind.SPRINT:
            return source  # a cache hit is lazy already; other kinds stay whole
        sprint = source.model
        if sprint is None:
            return source
        checked = cls(source.path, source.rel, source.kind, source.doc, None, source.problems)
        checked.keep_git_blob = getattr(source, "keep_git_blob", None)
        close = None if sprint.close is None else Closed(sprint.close.date)
        checked._facts = SprintFacts(
            sprint.id,
            sprint.carried_from,
            Span(sprint.window.start, sprint.window.end),
            close,
            Teams(tuple(sprint.owner.teams)),
        )
        return checked
