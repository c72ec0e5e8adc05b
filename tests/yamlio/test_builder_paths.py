"""The builder's path for texts without anchors gives what the general path gives.

`Builder(aliases=False)` skips the bookkeeping that aliases need (expansion counts,
the node-to-value map); every value, duplicate-key problem and refusal must still be
the general path's, on every example and fixture file and on hostile shapes.
"""

from __future__ import annotations

import pytest

from microokr.yamlio import read
from microokr.yamlio.scalars import _resolve, resolve_plain
from microokr.yamlio.values import Builder, Refused
from tests.conftest import ROOT

FILES = sorted(
    path
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
    for path in folder.rglob("*.yaml")
    if ".microokr_cache" not in path.parts
)

SHAPES = [
    "a: 1\na: 2\nb: [x, {c: 3, c: 4}]\n",
    "!!str [1, 2]\n",
    "k: !!int 7\nf: !!float 3\nd: !!timestamp 2026-01-02\n",
    "k: !!int seven\n",
    "k: !!python/name:os.system x\n",
    "? [a]\n: 1\n",
    "!!python/tuple [1]: 2\n",
    '"q": "escape \\u001b[31m"\n',
    "deep: " + "[" * 70 + "]" * 70 + "\n",
    "d: 2026-02-30\nn: .nan\ni: 0x1F\no: 0o17\nt: tRue\nnull_: ~\n",
]


def _outcome(text: str, *, aliases: bool) -> object:
    try:
        root = read._compose(text)
    except Refused as refused:
        return ("compose", refused.problem)
    if root is None:
        return None
    builder = Builder(aliases=aliases)
    try:
        return (builder.build(root, 0), builder.problems)
    except Refused as refused:
        return ("refused", refused.problem, builder.problems)


@pytest.mark.parametrize("text", SHAPES)
def test_shapes_build_alike(text: str) -> None:
    assert _outcome(text, aliases=False) == _outcome(text, aliases=True)


def test_every_example_and_fixture_builds_alike() -> None:
    texts = [path.read_bytes().decode("utf-8", "replace") for path in FILES]
    assert len(texts) > 50
    plain = [t for t in texts if "&" not in t]
    for text in plain:
        assert _outcome(text, aliases=False) == _outcome(text, aliases=True), text[:200]


def test_remembered_scalars_are_the_values_resolved_afresh() -> None:
    for text in ["12", "2026-11-26", "2026-02-30", "true", "kr1", ".inf", "-0", "1e3", "~"]:
        for _ in range(2):  # the second answer comes from the memo
            value = resolve_plain(text)
            assert value == _resolve(text)
            assert type(value) is type(_resolve(text))
