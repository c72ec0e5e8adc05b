"""The cache remembers where diagnostics point, so a warm run need not re-parse a file.

Cross-file and date-aware rules re-run on every lint; their diagnostics need a line
and column, which used to cost a libyaml compose of the file on every warm run.
"""

from __future__ import annotations

import json
from pathlib import Path

from microokr.cache import CACHE_DIR, CACHE_FILE, CachedDoc
from tests.test_cache import acme, broken, lint_with, uncached  # noqa: F401 (fixtures)


def test_a_warm_run_places_diagnostics_without_parsing(broken: Path) -> None:  # noqa: F811
    lint_with(broken)  # cold: fills the cache
    lint_with(broken)  # warm: remembers the places the re-run rules asked for
    found, store = lint_with(broken)
    assert found == uncached(broken)
    assert store.misses == 0
    docs = list(store._docs.values())
    assert docs and all(isinstance(doc, CachedDoc) for doc in docs)
    assert all(doc._root is None for doc in docs)  # nothing was composed
    assert any(doc.places for doc in docs)


def test_tampered_places_are_not_trusted(broken: Path) -> None:  # noqa: F811
    lint_with(broken)
    lint_with(broken)
    path = broken / CACHE_DIR / CACHE_FILE
    header, *entries = path.read_text(encoding="utf-8").split("\n")
    bad_places = [{"x": ["1", 2]}, {"x": [0, 1]}, ["not", "a", "dict"], {"x": [1]}]
    tampered = []
    for number, line in enumerate(entries):
        if line.startswith("cross\t"):  # the facts rules' findings: not a file's entry
            tampered.append(line)
            continue
        fields = line.split("\t")
        fields[7] = json.dumps(bad_places[number % len(bad_places)])  # the known positions
        tampered.append("\t".join(fields))
    path.write_text("\n".join([header, *tampered]), encoding="utf-8")
    found, store = lint_with(broken)
    assert store.hits == 0
    assert found == uncached(broken)
