"""The one error family of microokr, caught once at the CLI edge.

Each error carries the exit code of `spec/cli.md` and, where it has one, the
position it is about, so the CLI prints one sentence: ``file:line:col: message``.
"""

from __future__ import annotations

from pathlib import Path


class MicrookrError(Exception):
    """An error we expect and explain: never shown as a traceback."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class UsageError(MicrookrError):
    """A bad flag or argument (exit 2)."""


class WorkspaceError(MicrookrError):
    """No such sprint, an unreadable config, a file that cannot be loaded (exit 2)."""


class RefusedError(MicrookrError):
    """The command ran and refused on the domain's grounds (exit 1), nothing written."""

    exit_code = 1


class WriteError(MicrookrError):
    """A write failed (disk full, read-only folder); the original file is intact."""

    exit_code = 1


class Interrupted(MicrookrError):
    """Ctrl-C or end of input at a prompt: nothing written (exit 130)."""

    exit_code = 130
