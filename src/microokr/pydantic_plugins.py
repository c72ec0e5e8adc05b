"""No pydantic plugins in the `microokr` process: looking for them cost every run.

When it builds a validator (ours, or typer's for a command's options), pydantic
imports its plugin loader, which imports `importlib.metadata` (and with it `email`)
and reads the metadata of every installed distribution for the `pydantic`
entry-point group: ~10% of `microokr lint`'s CPU on a small workspace, paid by every
pre-commit run, for plugins microokr never uses (one installed for another program
has no business observing the validation of sprint files). `cli` calls
`without_plugins()` before any validator is built; microokr used as a library
leaves its host's pydantic alone, and a loader already imported is kept.
"""

from __future__ import annotations

import sys
import types

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


def without_plugins() -> None:
    if LOADER in sys.modules:
        return
    stub = types.ModuleType(LOADER, "microokr: no pydantic plugins (see microokr.model.plugins)")
    stub.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = stub
