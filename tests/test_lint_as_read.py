"""`lint` checks each sprint as it is read (`engine.lint_root`) and lets go of its
value and node tree after: the result is the one of a lint over the loaded
workspace, findings are placed on the first compose's tree, and what a load keeps
is the text and the model (the value is rebuilt from the text when asked)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from microokr.cache import open_cache
from microokr.engine import lint, lint_root
from microokr.workspace import load_workspace
from microokr.yamlio import read
from microokr.yamlio.read import read_yaml
from tests.conftest import ROOT

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bench/generate.py's broken workspace of 80 sprints: mistakes in every file."""
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out: Path = module.generate(80, tmp_path_factory.mktemp("ws") / "ws-80", broken=True)
    return out


def test_lint_as_read_equals_lint_of_the_loaded_workspace(generated: Path) -> None:
    before = lint(load_workspace(generated), today=TODAY)
    _, after = lint_root(generated, today=TODAY)
    assert after == before
    assert len(after.diagnostics) > 100  # errors of several kinds to place
    assert {d.code for d in after.diagnostics} >= {"MO001", "MO002", "MO003", "MO104"}


def test_lint_as_read_through_the_cache_equals_it_too(generated: Path) -> None:
    expected = lint(load_workspace(generated), today=TODAY)
    for _ in ("cold", "warm"):
        cache = open_cache(generated)
        assert cache is not None
        _, result = lint_root(generated, today=TODAY, reader=cache.read, cache=cache)
        cache.save()
        assert result == expected


def test_findings_are_placed_without_composing_a_file_again(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    composed: list[str] = []
    real = read._compose

    def counting(text: str) -> object:
        composed.append(text)
        return real(text)

    monkeypatch.setattr(read, "_compose", counting)
    _, result = lint_root(generated, today=TODAY, history=False)
    sprint_files = len(list((generated / "sprints").glob("*.yaml")))
    in_sprints = {d.path for d in result.diagnostics if d.path.startswith("sprints/")}
    assert len(in_sprints) > 10
    # One compose per file read (OKR files and the config too), none to place a finding
    # of a sprint rule; only workspace-wide rules (MO701 here) may compose again.
    workspace_wide = {d.path for d in result.diagnostics if d.code in ("MO006", "MO701")}
    files = sprint_files + len(list((generated / "okrs").glob("*.yaml"))) + 1
    assert files <= len(composed) <= files + len(workspace_wide)


def test_a_loaded_sprint_keeps_its_text_and_model_and_rebuilds_its_value(
    generated: Path,
) -> None:
    workspace = load_workspace(generated)
    readable = [s for s in workspace.sprint_files if s.model is not None]
    assert readable
    for source in readable[:10]:
        assert source.doc._root is None  # no node tree kept
        assert source.doc.data == read_yaml(source.path.read_bytes()).data
        assert source.locate(("key_results", 0)) == read_yaml(source.path.read_bytes()).locate(
            ("key_results", 0)
        )


def test_lint_keeps_facts_and_text_of_a_checked_sprint_not_its_model(generated: Path) -> None:
    from microokr.checked import CheckedSprint

    workspace, _ = lint_root(generated, today=TODAY, history=False)
    checked = [s for s in workspace.sprint_files if isinstance(s, CheckedSprint)]
    whole = {s.rel: s for s in load_workspace(generated).sprint_files}
    assert len(checked) == sum(1 for s in whole.values() if s.model is not None) > 20
    for source in checked:
        assert source._model is None  # let go of once its checks were done
        facts, model = source.facts(), whole[source.rel].model
        assert facts is not None
        assert (facts.id, facts.carried_from, facts.window.start, facts.window.end) == (
            model.id, model.carried_from, model.window.start, model.window.end,
        )  # fmt: skip
        assert tuple(facts.owner.teams) == tuple(model.owner.teams)
        assert (facts.close is None) == (model.close is None)
    assert checked[0].model == whole[checked[0].rel].model  # rebuilt from the text if asked
    assert checked[0].has_model()
