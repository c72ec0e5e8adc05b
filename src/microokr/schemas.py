"""JSON Schemas of the file kinds, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

SCHEMA_BASE_URL = "https://raw.githubusercontent.com/microokr/microokr/main/schemas/"
"""Where the committed schemas are published; sprint files' modelines point here."""

SCHEMA_FILES = {
    "config": "microokr.schema.json",
    "okr": "okr.schema.json",
    "sprint": "sprint.schema.json",
}

_TITLES = {
    "config": "microokr workspace settings (microokr.yaml)",
    "okr": "microokr OKR file (okrs/*.yaml)",
    "sprint": "microokr Micro-OKR sprint file (sprints/<id>.yaml)",
}


def generate() -> dict[str, dict[str, Any]]:
    from pydantic import BaseModel

    from microokr.model import OkrFile, Sprint, WorkspaceConfig

    models: dict[str, type[BaseModel]] = {
        "config": WorkspaceConfig,
        "okr": OkrFile,
        "sprint": Sprint,
    }
    result = {}
    for name, model in models.items():
        document = model.model_json_schema(mode="validation")
        result[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": SCHEMA_BASE_URL + SCHEMA_FILES[name],
            **document,
            "title": _TITLES[name],
        }
    return result
