"""docs/format.md, the format reference, agrees with the JSON Schemas field for field.

The schemas are generated from the models; the page is written for people. This test
keeps them one contract: every field of a schema appears in the page's example of that
file kind, and the page shows no field the schema lacks (a renamed or invented key).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from microokr.schemas import generate
from tests.conftest import ROOT

FORMAT_DOC = ROOT / "docs" / "format.md"
SECTIONS = {"config": "## microokr.yaml", "okr": "## OKR file", "sprint": "## Sprint file"}
ANY_KEY = "*"

Path = tuple[str, ...]


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _branches(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    node = _resolve(node, defs)
    subs = [b for k in ("anyOf", "oneOf", "allOf") for b in node.get(k, [])]
    found = [node] + [leaf for sub in subs for leaf in _branches(sub, defs)]
    items = [
        leaf
        for n in found
        if isinstance(n.get("items"), dict)
        for leaf in _branches(n["items"], defs)
    ]
    return found + items


def _children(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The keys a mapping at `node` may hold; ANY_KEY for user-named keys (team ids)."""
    children: dict[str, dict[str, Any]] = {}
    for branch in _branches(node, defs):
        children.update(branch.get("properties", {}))
        for pattern in branch.get("patternProperties", {}).values():
            children[ANY_KEY] = pattern
        if isinstance(branch.get("additionalProperties"), dict):
            children[ANY_KEY] = branch["additionalProperties"]
    return children


def schema_fields(schema: dict[str, Any]) -> set[Path]:
    defs = schema.get("$defs", {})
    fields: set[Path] = set()

    def walk(node: dict[str, Any], path: Path, depth: int) -> None:
        for key, child in _children(node, defs).items():
            if key != ANY_KEY:
                fields.add((*path, key))
            if depth < 8:
                walk(child, (*path, key), depth + 1)

    walk(schema, (), 0)
    return fields


def documented_fields(schema: dict[str, Any], data: Any) -> tuple[set[Path], set[Path]]:
    """(fields the page's example shows, keys of the example that the schema does not know)."""
    defs = schema.get("$defs", {})
    shown: set[Path] = set()
    unknown: set[Path] = set()

    def walk(node: dict[str, Any], value: Any, path: Path) -> None:
        if isinstance(value, list):
            for item in value:
                walk(node, item, path)
            return
        if not isinstance(value, dict):
            return
        children = _children(node, defs)
        for key, inner in value.items():
            if key in children:
                shown.add((*path, key))
                walk(children[key], inner, (*path, key))
            elif ANY_KEY in children:
                walk(children[ANY_KEY], inner, (*path, ANY_KEY))
            else:
                unknown.add((*path, str(key)))

    walk(schema, data, ())
    return shown, unknown


def example_of(kind: str) -> Any:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    section = text.split(SECTIONS[kind], 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert block, f"docs/format.md has no yaml example under {SECTIONS[kind]!r}"
    return yaml.safe_load(block.group(1))


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_format_doc_shows_every_schema_field_and_no_other(kind: str) -> None:
    schema = generate()[kind]
    shown, unknown = documented_fields(schema, example_of(kind))
    missing = sorted(".".join(p) for p in schema_fields(schema) - shown)
    assert not missing, f"docs/format.md does not show these {kind} fields: {missing}"
    assert not unknown, f"docs/format.md shows fields the {kind} schema lacks: {sorted(unknown)}"


def test_the_schema_walk_sees_the_new_fields() -> None:
    """Guards the test itself: a walk that found nothing would pass vacuously."""
    fields = schema_fields(generate()["sprint"])
    assert {("initiatives", "depends_on"), ("owner", "roles"), ("checkins", "done")} <= fields
    assert ("teams", "sales", "lead") not in fields and ("lint", "strict") in schema_fields(
        generate()["config"]
    )


def test_messages_that_say_see_format_md_point_at_a_file_that_exists() -> None:
    hits = [
        path
        for path in (ROOT / "src").rglob("*.py")
        if "see docs/format.md" in path.read_text(encoding="utf-8")
    ]
    assert hits, "no message points at docs/format.md"
    assert FORMAT_DOC.is_file()
    assert "docs/format.md" in (ROOT / "README.md").read_text(encoding="utf-8")
