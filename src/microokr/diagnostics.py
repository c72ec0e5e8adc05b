"""The one diagnostic type every rule yields and every reporter prints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control characters (ESC opens terminal escape sequences) and bidi overrides: a
file's text may hold them, a diagnostic never does. Tab, LF and CR stay: each
reporter escapes line breaks its own way (GitHub's `%0A`, JSON's `\\n`). Lone
surrogates are a file name that is not UTF-8 (Python's surrogateescape): written as
the byte they stand for (`bad\\xff.yaml`), they can be printed and encoded."""


def printable(text: str) -> str:
    """`text` with each unprintable character written as its escape (`\\x1b`, `\\u202e`).

    Messages and paths quote what files hold, and `lint` runs on strangers' pull
    requests: a team id like "a\\x1b]0;...\\a" must not reach a terminal or a CI log
    as a live escape sequence. Idempotent, so a cached diagnostic reads the same.
    """
    if UNPRINTABLE.search(text) is None:
        return text
    return UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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

    def __post_init__(self) -> None:
        # The one place every diagnostic passes through, whoever builds it.
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

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
