"""A text too short to hold the node cap is composed without counting its nodes.

`yamlio.read._SmallNodeLoader` skips PyYAML's per-node hooks (the count that stops a
huge flat file early); these tests check the claim that makes that safe, and that both
loaders compose the same tree.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from microokr.yamlio.read import (
    MAX_EXPANDED_NODES,
    SMALL_TEXT,
    _NodeLoader,
    _SmallNodeLoader,
    read_yaml,
)
from tests.conftest import ROOT

# The densest texts we know: each adds nodes with as few characters as YAML allows.
DENSE = ["?\n", "? ", "- ", "-\n", "a:\n", "{a,", "[a,", "? - \n", "{? : }\n", "- []\n"]


def _counted(text: str) -> int:
    loader = _NodeLoader(text)
    try:
        loader.get_single_node()
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return loader.nodes


@pytest.mark.parametrize("unit", DENSE)
def test_a_small_text_holds_fewer_nodes_than_the_cap(unit: str) -> None:
    text = unit * ((SMALL_TEXT - 1) // len(unit))
    assert len(text) < SMALL_TEXT
    assert 0 < _counted(text) < MAX_EXPANDED_NODES
    assert _counted(text) <= 3 * len(text) + 1


def _shape(node: Node | None) -> Any:
    if node is None:
        return None
    marks = (node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node, ScalarNode):
        return (*marks, node.value, node.style)
    if isinstance(node, SequenceNode):
        return (*marks, [_shape(item) for item in node.value])
    assert isinstance(node, MappingNode)
    return (*marks, [(_shape(k), _shape(v)) for k, v in node.value])


def test_both_loaders_compose_the_same_tree() -> None:
    paths = sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    paths += sorted((ROOT / "examples").rglob("*.yaml"))
    composed = 0
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "&" in text or len(text) >= SMALL_TEXT:  # aliases would expand in `_shape`
            continue
        try:
            plain = _shape(yaml.compose(text, Loader=_NodeLoader))
        except yaml.YAMLError:
            with pytest.raises(yaml.YAMLError):
                yaml.compose(text, Loader=_SmallNodeLoader)
            continue
        assert _shape(yaml.compose(text, Loader=_SmallNodeLoader)) == plain, path
        composed += 1
    assert composed > 50


def test_a_large_flat_file_is_still_refused_by_the_count() -> None:
    text = "[" + ",".join(["1"] * (MAX_EXPANDED_NODES + 10)) + "]"
    assert len(text) >= SMALL_TEXT
    doc = read_yaml(text.encode())
    assert doc.aborted
    assert "more than 50,000 values" in doc.problems[0].message
