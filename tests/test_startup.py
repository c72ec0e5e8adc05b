"""Start-up stays light: `--version` and `--help` import neither pydantic nor ruamel.

Measured by what a fresh interpreter imports (`-X importtime`), never by the clock:
pydantic and ruamel are most of a heavy start-up, and a pre-commit hook pays it
on every commit.
"""

from __future__ import annotations

import os
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


def _loaded_by(*args: str) -> set[str]:
    """Every module a real `microokr ARGS` process had imported at exit (sys.modules)."""
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.__stderr__))\n"
        "from microokr.entry import main\n"
        "sys.argv = ['microokr', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120
    )
    return set(done.stderr.strip().splitlines()[-1].split())


def _commands_imported_by(*args: str) -> set[str]:
    return {m for m in _loaded_by(*args) if m.startswith("microokr.commands.")}


def test_lint_imports_no_other_command() -> None:
    from tests.conftest import ROOT

    imported = _commands_imported_by("lint", "-w", str(ROOT / "examples" / "acme"))
    assert imported == {"microokr.commands.common", "microokr.commands.lint"}, imported


def test_help_still_lists_every_command() -> None:
    from microokr.cli import COMMANDS

    done = subprocess.run(
        [sys.executable, "-m", "microokr", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert done.returncode == 0, done.stderr
    listed = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("│ ")]
    assert [name for name in listed if name in COMMANDS] == list(COMMANDS)
    # and the probe above can see a second command module when one is imported
    assert len(_commands_imported_by("--help")) > 2


def test_lint_does_not_scan_for_pydantic_plugins() -> None:
    """pydantic's plugin search imports importlib.metadata and reads every installed
    distribution; the microokr process has no plugins to find."""
    from tests.conftest import ROOT

    loaded = _loaded_by("lint", "-w", str(ROOT / "examples" / "acme"))
    assert "pydantic" in loaded  # models were built, validators made
    assert "importlib.metadata" not in loaded
