"""The console script: answers `microokr --version` before importing anything heavy.

Building typer's command tree costs more than importing typer itself; a version
query from a script or a pre-commit hook should not pay for it.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from microokr import __version__

        print(f"microokr {__version__}")
        return
    from microokr.cli import main as run

    run()
