"""The one diagnostic type every rule yields and every reporter prints."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A problem at a 1-based line and column of a file relative to the workspace root.

    Ordered by path, line, column, code: the stable order every reporter prints in.
    """

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> Diagnostic:
        return cls(
            path=str(raw["path"]),
            line=int(raw["line"]),  # type: ignore[call-overload]
            column=int(raw["column"]),  # type: ignore[call-overload]
            code=str(raw["code"]),
            name=str(raw["name"]),
            severity=Severity(str(raw["severity"])),
            message=str(raw["message"]),
        )
