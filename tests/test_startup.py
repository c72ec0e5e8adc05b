"""Start-up stays light: `--version` and `--help` import neither pydantic nor ruamel.

Measured by what a fresh interpreter imports (`-X importtime`), never by the clock:
pydantic and ruamel are most of a heavy start-up, and a pre-commit hook pays it
on every commit.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "pydantic_core", "ruamel", "yaml")


def imported_modules(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "microokr", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-500:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_light_commands_import_no_heavy_module(args: tuple[str, ...]) -> None:
    modules = imported_modules(*args)
    assert "microokr.entry" in modules  # the probe sees our own imports
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert heavy == [], heavy


def test_the_probe_sees_heavy_imports_when_they_happen() -> None:
    """Guard against a probe that could never fail: `rules MO001` loads the rules, and
    with them pydantic."""
    modules = imported_modules("rules", "MO001")
    assert "pydantic" in modules


def test_version_does_not_even_import_typer() -> None:
    modules = imported_modules("--version")
    assert not any(m.split(".")[0] in ("typer", "click", "rich") for m in modules)
