"""The GC pause: collection resumes after it, and only the program itself freezes."""

from __future__ import annotations

import gc
import subprocess
import sys

from microokr.gcpause import gc_paused


def test_in_process_the_pause_resumes_collection_and_freezes_nothing() -> None:
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: only the outermost resumes
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_program_freezes_what_the_pause_built_and_leaves_with_its_exit_code() -> None:
    probe = (
        "import gc, sys\n"
        "from microokr import gcpause\n"
        "gcpause.one_run()\n"
        "with gcpause.gc_paused():\n"
        "    kept = [[i] for i in range(1000)]\n"
        "print(gc.isenabled(), gc.get_freeze_count() >= 1000)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True"], done.stderr


def test_the_program_flushes_its_output_before_it_exits(tmp_path: object) -> None:
    """`entry` leaves with os._exit: what lint printed must still arrive whole."""
    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "microokr", "-w", str(ROOT / "examples" / "acme"), "lint",
         "--no-cache", "--no-history", "--format", "json"],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    import json

    assert json.loads(done.stdout)["summary"]["files"] == 9
