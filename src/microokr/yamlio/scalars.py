"""Plain scalars under the YAML 1.2 core schema, plus the ISO dates the format uses.

PyYAML resolves scalars per YAML 1.1 (``no`` -> False, ``010`` -> 8, ``1:20`` -> 80);
the format is YAML 1.2, so the reader asks libyaml for nodes only and resolves every
plain scalar here. The renderer asks the same question backwards: a string may be
written without quotes only when `resolve_plain` gives it back unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ISO only: 2026-7-4 stays text
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


_MEMO: dict[str, Any] = {}
_MEMO_TEXT = 32  # ids, numbers, dates, names, units: the scalars that repeat
_MEMO_SIZE = 1 << 16


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema.

    Short scalars are remembered (every value is immutable): a workspace repeats its
    ids, dates and numbers thousands of times, and one object serves them all.
    """
    if len(text) > _MEMO_TEXT:  # a statement, a note: not remembered, no failed look-up
        return _resolve(text)
    try:
        return _MEMO[text]
    except KeyError:
        pass
    value = _resolve(text)
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[text] = value
    return value


def _resolve(text: str) -> Any:
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if first in "0123456789+-.":
        if _INT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts: keep the text
                return text
        if _FLOAT.fullmatch(text):
            return float(text)
        if _DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:  # 2026-02-30: left as text, the model says why
                return text
        if _HEX.fullmatch(text):
            return int(text, 16)
        if _OCT.fullmatch(text):
            return int(text[2:], 8)
        if _INF.fullmatch(text):
            return -math.inf if first == "-" else math.inf
        if _NAN.fullmatch(text):
            return math.nan
    return text
