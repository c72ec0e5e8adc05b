"""A coverage-guided fuzz session (atheris/libFuzzer) over the reader and the lint engine.

Not a test and not a dependency: see bench/README-fuzzing.md. Each input is read by
`read_yaml`, validated as a sprint, an OKR file and a workspace config, then linted
inside a copy of examples/acme with a `today` taken from the input. Anything that
raises is a crash: libFuzzer saves the input as `crash-<sha1>`; copy it into
tests/corpus/ and fix the bug where it belongs.

    pip install atheris
    python bench/fuzz_atheris.py -max_total_time=3600 -max_len=8192 fuzz-corpus/ tests/corpus/
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from microokr.engine import lint
    from microokr.workspace import CONFIG_NAME, FileKind, load_workspace, source_from_bytes
    from microokr.yamlio.read import read_yaml

ROOT = Path(__file__).resolve().parent.parent
_WORKSPACE = Path(tempfile.mkdtemp(prefix="microokr-fuzz-")) / "ws"
shutil.copytree(ROOT / "examples" / "acme", _WORKSPACE)
_SLOTS = [_WORKSPACE / "sprints" / "fuzzed.yaml", _WORKSPACE / "okrs" / "fuzzed.yaml"]
_CONFIG = _WORKSPACE / CONFIG_NAME
_CONFIG_BYTES = _CONFIG.read_bytes()


def one_input(data: bytes) -> None:
    """The property: nothing raises, every problem has a 1-based position."""
    provider = atheris.FuzzedDataProvider(data)
    day = dt.date.fromordinal(provider.ConsumeIntInRange(1, dt.date.max.toordinal()))
    slot = provider.ConsumeIntInRange(0, 2)
    raw = provider.ConsumeBytes(provider.remaining_bytes())

    doc = read_yaml(raw)
    for problem in doc.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
    for kind in FileKind:
        source_from_bytes(Path("fuzzed.yaml"), "fuzzed.yaml", kind, raw)

    target = _CONFIG if slot == 2 else _SLOTS[slot]
    target.write_bytes(raw)
    try:
        result = lint(load_workspace(_WORKSPACE), today=day)
        for found in result.diagnostics:
            assert found.line >= 1 and found.column >= 1, found
    finally:
        if slot == 2:
            _CONFIG.write_bytes(_CONFIG_BYTES)
        else:
            target.unlink()


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
