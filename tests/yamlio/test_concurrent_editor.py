"""An editor saving by write-then-rename while check-ins run: no editor save is lost.

The editor process reads the sprint, adds one marker comment and renames its own
temporary file over the sprint, as editors that save atomically do, again and
again. Meanwhile check-ins run through `locked_edit`. Every marker must survive:
a marker can only disappear when a check-in renamed a file based on text read
before that save (the editor itself always starts from the current file).
`MICROOKR_RACE_ROUNDS` raises the number of check-ins for a longer local run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from microokr.yamlio.read import read_yaml

ROOT = Path(__file__).resolve().parents[2]
SPRINT = ROOT / "examples/acme/sprints/lead-handoff-alignment.yaml"
ROUNDS = int(os.environ.get("MICROOKR_RACE_ROUNDS", "40"))

EDITOR = r"""
import os, random, sys, time
path, stop = sys.argv[1], sys.argv[2]
rng = random.Random(20261201)
saves = 0
while not os.path.exists(stop):
    with open(path, "rb") as handle:
        text = handle.read()
    temporary = path + ".editor~"
    with open(temporary, "wb") as handle:
        handle.write(text + b"# editor save %d\n" % saves)
    os.rename(temporary, path)
    saves += 1
    time.sleep(rng.uniform(0.002, 0.02))
print(saves, flush=True)
"""

CHECKINS = r"""
import datetime as dt, sys
from pathlib import Path
from microokr.errors import RefusedError
from microokr.yamlio import edits, locking
path, rounds = Path(sys.argv[1]), int(sys.argv[2])
recorded = 0
for done in range(rounds):
    day = dt.date(2026, 12, 7) + dt.timedelta(days=done)
    entry = {"date": day, "values": {"handoff-response": 26 - done % 20}}
    try:
        locking.locked_edit(path, lambda text, data: edits.insert_checkin(text, entry))
        recorded += 1
    except RefusedError as refused:  # allowed, when the editor keeps winning: nothing lost
        assert "another program kept saving" in str(refused), refused
print(recorded, flush=True)
"""


def test_no_editor_save_is_lost_while_check_ins_run(tmp_path: Path) -> None:
    path = tmp_path / "lead-handoff-alignment.yaml"
    path.write_bytes(SPRINT.read_bytes())
    stop = tmp_path / "stop"
    (tmp_path / "editor.py").write_text(EDITOR)
    (tmp_path / "checkins.py").write_text(CHECKINS)
    editor = subprocess.Popen(
        [sys.executable, "editor.py", str(path), str(stop)],
        stdout=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while b"# editor save 2\n" not in path.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.01)  # a loaded machine may start the editor late: race only once it saves
        checkins = subprocess.run(
            [sys.executable, "checkins.py", str(path), str(ROUNDS)],
            cwd=tmp_path,
            check=True,
            timeout=300,
            stdout=subprocess.PIPE,
        )
    finally:
        stop.touch()
        out, _ = editor.communicate(timeout=30)
    saves, recorded = int(out), int(checkins.stdout)
    print(f"{saves} editor saves, {recorded} of {ROUNDS} check-ins recorded")
    text = path.read_text()
    kept = {int(n) for n in re.findall(r"^# editor save (\d+)$", text, flags=re.M)}
    lost = sorted(set(range(saves)) - kept)
    assert saves >= 10, f"the editor saved only {saves} times: no race was exercised"
    assert recorded > ROUNDS // 2, f"only {recorded} of {ROUNDS} check-ins got through"
    assert not lost, f"{len(lost)} of {saves} editor saves were lost, e.g. {lost[:5]}"
    doc = read_yaml(path.read_bytes())
    assert not doc.problems and not doc.aborted
    days = [c["date"] for c in doc.data["checkins"]]
    assert days == sorted(days) and len(set(days)) == len(days)
