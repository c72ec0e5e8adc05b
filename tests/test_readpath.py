"""The fast read path (libyaml + our YAML 1.2 resolution) agrees with ruamel's round trip.

ruamel.yaml's round-trip loader is what microokr edits files with, and it speaks
YAML 1.2; the read path must see the same values in every example and fixture
file, or `lint` and `checkin` would disagree about one file.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from microokr.yamlio.read import read_yaml
from tests.conftest import ROOT

FILES = sorted(
    path
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
    for path in folder.rglob("*.yaml")
    if ".microokr_cache" not in path.parts
)


def ruamel_value(raw: bytes) -> Any:
    """ruamel's round-trip value, or a reason it cannot read the file."""
    yaml = YAML()
    return yaml.load(io.StringIO(raw.decode("utf-8")))


def normalise(value: Any) -> Any:
    """Plain Python values: ruamel's Commented*/Scalar* subclasses become their bases."""
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else float(value)
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        return str(value)
    return ("other", type(value).__name__)


def _has_impossible_date(raw: bytes) -> bool:
    """ruamel raises on `2026-02-30`; the read path keeps it as text for the model to
    report (MO004), so such a file has no read problem of its own."""
    import re

    for match in re.finditer(rb"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b", raw):
        try:
            dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return True
    return False


def test_there_are_files_to_compare() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_read_path_agrees_with_ruamel(path: Path) -> None:
    raw = path.read_bytes()
    doc = read_yaml(raw, max_bytes=1 << 30)
    try:
        expected = ruamel_value(raw)
    except Exception:  # ruamel refuses it (duplicate key, syntax, encoding, no such day)
        # Nothing to compare; the read path must not accept it silently either.
        assert doc.problems or _has_impossible_date(raw), path
        return
    if any(p.code == "MO007" for p in doc.problems):
        # Tags, aliases beyond the bound: refused on purpose, where ruamel keeps them.
        assert doc.aborted
        return
    assert not any(p.code == "MO001" for p in doc.problems), doc.problems
    assert normalise(doc.data) == normalise(expected)


# value as written -> the YAML 1.2 value (ruamel's, unless noted)
CASES: list[tuple[str, Any]] = [
    ("no", "no"),
    ("on", "on"),
    ("yes", "yes"),
    ("off", "off"),
    ("y", "y"),
    ("010", 10),
    ("0o10", 8),
    ("0x1F", 31),
    (".inf", math.inf),
    ("-.Inf", -math.inf),
    ("~", None),
    ("null", None),
    ("", None),
    ("1:20", "1:20"),
    ("1e3", 1000.0),
    ("+12", 12),
    ("-0", 0),
    ("0.5", 0.5),
    (".5", 0.5),
    ("true", True),
    ("False", False),
    ("2026-07-14", dt.date(2026, 7, 14)),
    ('"10"', "10"),
    ("'010'", "010"),
    ('"2026-07-14"', "2026-07-14"),
    ("'true'", "true"),
    ("'~'", "~"),
]


@pytest.mark.parametrize(("written", "value"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_yaml_12_scalars(written: str, value: Any) -> None:
    raw = f"v: {written}\n".encode()
    got = read_yaml(raw).data["v"]
    assert got == value and type(got) is type(value)
    assert normalise(ruamel_value(raw)["v"]) == normalise(value)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1_000", "1_000"),  # ruamel reads 1000 (a YAML 1.1 habit); the 1.2 core schema: text
        ("0b101", "0b101"),  # no binary ints in the 1.2 core schema (ruamel: 5)
        ("2026-02-30", "2026-02-30"),  # no such day: kept as text, the model says why
        ("2026-7-4", "2026-7-4"),  # not ISO: text, as ruamel reads it
    ],
)
def test_where_yaml_12_core_and_ruamel_part(written: str, value: Any) -> None:
    assert read_yaml(f"v: {written}\n".encode()).data["v"] == value


def test_nan_is_a_float() -> None:
    got = read_yaml(b"v: .nan\n").data["v"]
    assert isinstance(got, float) and math.isnan(got)
