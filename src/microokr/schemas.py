"""JSON Schemas of the file kinds, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

SCHEMA_BASE_URL = "https://raw.githubusercontent.com/microokr/microokr/main/schemas/"
"""Where the committed schemas are published (their `$id`)."""

WORKSPACE_SCHEMAS = ".microokr/schemas"
"""Where `init` puts a copy of the schemas inside the workspace: modelines point here,
relative to each file, so an editor validates offline (yaml-language-server cannot
load a URL without network, and then reports nothing at all)."""

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


def modeline(kind: str, file_rel: str) -> str:
    """The yaml-language-server modeline of a workspace file at `file_rel` (relative
    to the workspace root, `/`-separated): a path from the file's folder to the copy."""
    up = "../" * file_rel.count("/")
    return f"# yaml-language-server: $schema={up}{WORKSPACE_SCHEMAS}/{SCHEMA_FILES[kind]}"


def schema_text(document: dict[str, Any]) -> str:
    """A schema as `microokr schema --output` and `init` write it."""
    import json

    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def workspace_schema_files() -> dict[str, str]:
    """The copies `init` writes: path relative to the workspace root -> text."""
    return {
        f"{WORKSPACE_SCHEMAS}/{SCHEMA_FILES[kind]}": schema_text(document)
        for kind, document in generate().items()
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
