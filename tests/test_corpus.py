"""Regression corpus: every input that ever crashed microokr, plus hand-made nasty ones.

Each file of tests/corpus/ (see its README.md) is placed in a copy of examples/acme as
a sprint file, as an OKR file and as microokr.yaml, and run through `microokr lint`
(json and text), `status` and, as a sprint, `report`. Property: exit 0, 1 or 2, no
traceback, no "internal error", json that parses. Add a file here whenever a fuzzer
finds a crash; the file name says what it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from microokr.workspace import CONFIG_NAME
from tests.conftest import TODAY
from tests.robustness import Scratch, assert_robust, invoke

CORPUS = Path(__file__).resolve().parent / "corpus"
INPUTS = sorted(p.name for p in CORPUS.iterdir() if p.is_file() and p.suffix == ".yaml")
PLACES = {
    "sprint": "sprints/corpus-input.yaml",
    "okr": "okrs/corpus-input.yaml",
    "config": CONFIG_NAME,
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scratch]:
    yield Scratch(tmp_path_factory.mktemp("corpus") / "ws")


def run(scratch: Scratch, *args: str) -> None:
    done = invoke(
        "--workspace",
        str(scratch.root),
        "--today",
        TODAY,
        *args,
        env={"MICROOKR_NO_CACHE": "1"},
    )
    assert_robust(done, json_output="json" in args)


def test_the_corpus_is_there_and_documented() -> None:
    assert len(INPUTS) >= 40
    readme = (CORPUS / "README.md").read_text()
    undocumented = [name for name in INPUTS if f"`{name}`" not in readme]
    assert undocumented == [], "describe each corpus file in tests/corpus/README.md"


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("name", INPUTS)
def test_corpus_input(scratch: Scratch, name: str, place: str) -> None:
    scratch.place(PLACES[place], (CORPUS / name).read_bytes())
    try:
        run(scratch, "lint", "--format", "json")
        run(scratch, "status", "--format", "json")
        if place == "sprint":
            run(scratch, "lint", "--format", "text")
            run(scratch, "report", str(scratch.root / PLACES[place]), "--output", "-")
            run(scratch, "report", "west-pipeline-recovery", "--output", "-")
    finally:
        scratch.restore()


def test_a_lint_of_the_corpus_file_names_the_file(scratch: Scratch) -> None:
    """Not only no crash: a refused file is reported at its own path."""
    scratch.place(PLACES["sprint"], (CORPUS / "bomb-billion-laughs.yaml").read_bytes())
    try:
        done = invoke("--workspace", str(scratch.root), "--today", TODAY, "lint", "-f", "json")
        found = json.loads(done.stdout)["diagnostics"]
        assert [d["code"] for d in found if d["path"] == PLACES["sprint"]] == ["MO007"]
    finally:
        scratch.restore()
