"""The committed JSON Schemas are generated from the models and must be current."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from microokr.schemas import SCHEMA_FILES, generate
from microokr.yamlio.read import read_yaml
from tests.conftest import EXAMPLES, ROOT

SCHEMAS = ROOT / "schemas"


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(kind: str) -> None:
    committed = json.loads((SCHEMAS / SCHEMA_FILES[kind]).read_text())
    assert committed == generate()[kind], (
        "schemas/ is stale: run `microokr schema --output schemas`"
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize("path", sorted((EXAMPLES / "acme").rglob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_against_the_schemas(path: Path) -> None:
    kind = "config" if path.name == "microokr.yaml" else path.parent.name.rstrip("s")
    schema = json.loads((SCHEMAS / SCHEMA_FILES[kind]).read_text())
    data = _plain(read_yaml(path.read_bytes()).data)
    jsonschema.Draft202012Validator(schema).validate(data)


def test_sprint_files_carry_the_modeline() -> None:
    for path in (EXAMPLES / "acme" / "sprints").glob("*.yaml"):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (SCHEMAS / "sprint.schema.json").resolve()


def test_schema_command_prints_json() -> None:
    from tests.conftest import run_cli

    done = run_cli("schema", "sprint")
    assert done.code == 0
    assert json.loads(done.stdout)["title"].startswith("microokr Micro-OKR sprint file")
    assert run_cli("schema", "nope").code == 2
