"""The measured fields of a sprint: what a team may not quietly change once measuring.

A sprint's goalposts are each KR's baseline, target, unit and statement, the
window, and the anchor KR. They are read from a plain YAML value (any version
from git, however broken) into a flat mapping `Field -> value`, so two versions
compare with `==`. Statements compare with their whitespace folded: re-wrapping a
line is not moving a goalpost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from microokr.model import Sprint

KR_FIELDS = ("baseline", "target", "unit", "statement")


@dataclass(frozen=True, order=True)
class Field:
    """A goalpost: `Field("key_results", "kr2", "target")`, `Field("window", None, "end")`."""

    group: str
    kr: str | None
    name: str | None

    def label(self) -> str:
        if self.group == "key_results":
            return f"{self.kr} {self.name}"
        if self.group == "window":
            return f"window.{self.name}"
        return "anchor_kr"

    def names(self) -> re.Pattern[str]:
        """The words a `revisions` entry's `what` uses to name this field."""
        if self.group == "key_results":
            words = [re.escape(self.kr or "")]
        elif self.group == "window":
            words = ["window", "start", "end", "dates?", "deadline", "length"]
        else:
            words = ["anchor", "anchor_kr"]
        return re.compile(rf"(?<![\w.-])(?:{'|'.join(words)})(?![\w-])", re.IGNORECASE)


def measured(data: Any) -> dict[Field, object]:
    """The goalposts of a sprint's plain value; what is absent or malformed is left out."""
    found: dict[Field, object] = {}
    if not isinstance(data, dict):
        return found
    key_results = data.get("key_results")
    for kr in key_results if isinstance(key_results, list) else []:
        if not isinstance(kr, dict) or not isinstance(kr.get("id"), str):
            continue
        for name in KR_FIELDS:
            if kr.get(name) is not None:
                found[Field("key_results", kr["id"], name)] = _normal(kr[name])
    window = data.get("window")
    if isinstance(window, dict):
        for name in ("start", "end"):
            if window.get(name) is not None:
                found[Field("window", None, name)] = _normal(window[name])
    if data.get("anchor_kr") is not None:
        found[Field("anchor_kr", None, None)] = _normal(data["anchor_kr"])
    return found


def goalposts_of(sprint: Sprint) -> dict[str, Any]:
    """The goalposts of a validated sprint as the plain value `measured` reads (no parse)."""
    return {
        "key_results": [
            kr.model_dump(include=set(KR_FIELDS) | {"id"}) for kr in sprint.key_results
        ],
        "window": {"start": sprint.window.start, "end": sprint.window.end},
        "anchor_kr": sprint.anchor_kr,
    }


def _normal(value: Any) -> object:
    if isinstance(value, str):
        text = " ".join(value.split())
        try:
            return dt.date.fromisoformat(text)  # a quoted date is the same date
        except ValueError:
            return text
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return float(value)  # 8 and 8.0 are one target


def shown(value: object) -> str:
    """A value as messages quote it: dates ISO, numbers without a needless '.0'."""
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}…'"


def kr_index(data: Any, kr: str) -> int | None:
    """Where KR `kr` sits in `key_results` (for pointing at it)."""
    items = data.get("key_results") if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("id") == kr:
            return index
    return None


def has_checkins(data: Any) -> bool:
    checkins = data.get("checkins") if isinstance(data, dict) else None
    return isinstance(checkins, list) and len(checkins) > 0
