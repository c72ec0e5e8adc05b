"""Every command with garbage arguments: the spec's exit code, one sentence, nothing written.

spec/cli.md: exit 2 for usage and workspace errors (a bad flag or date, no such sprint,
an unreadable file), exit 1 when the command ran and refused on the domain's grounds
(a closed sprint, a second check-in for one day). Errors are one line on stderr,
`microokr: error: ...`, never a traceback, and the workspace is byte-identical after.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.robustness import invoke, one_sentence_error, snapshot

COMMANDS = ["init", "new", "lint", "rules", "checkin", "status", "close", "report", "schema"]
"""Every command of spec/cli.md (and `schema`); the first test checks they all exist."""

CLOSE_DAY = ("--today", "2026-11-30", "close")
"""The last day of inbound-spike-conversion's window: a close that needs no --early."""
CLOSE_ANSWERS = ["--learning", "l", "--highest-impact", "h", "--no-revision", "--no-input"]
INBOUND = "inbound-spike-conversion"
INBOUND_VALUES = ["--value", "inbound-conversion=16", "--value", "time-to-proposal=6"]
INBOUND_VALUES += ["--value", "contracts-signed=11"]


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    code: int
    says: str = ""
    """A fragment the error sentence must contain (empty: any sentence)."""

    @property
    def command(self) -> str:
        return next(a for a in self.args if a in COMMANDS)


def case(code: int, says: str, *args: str) -> Case:
    return Case(tuple(args), code, says)


# {ws}: the workspace, {out}: a folder outside it, {bin}: a binary file outside it.
CASES = [
    # every command: an unknown flag, a bad --today (global and on the command)
    *[case(2, "No such option: --frobnicate", c, "--frobnicate") for c in COMMANDS],
    *[case(2, "is not a date", "--today", "2026-13-45", c) for c in COMMANDS],
    *[case(2, "is not a date", "--today", "yesterday", c) for c in COMMANDS],
    # init
    case(2, "is not a date", "init", "--today", "2026-02-30", "{out}/fresh"),
    case(2, "exists and is not a folder", "init", "{bin}"),
    case(2, "could not create", "init", "{bin}/below"),
    case(1, "refusing to overwrite", "init", "{ws}"),
    case(2, "unexpected extra argument", "init", "{out}/a", "{out}/b"),
    # new
    case(2, "is not a date", "new", "--today", "2026-13-45", "--no-input"),
    case(2, "does not exist", "new", "--from", "{out}/nothing.yaml", "--no-input"),
    case(2, "UTF-8", "new", "--from", "{bin}", "--no-input"),
    case(2, "is a directory", "new", "--from", "{ws}/sprints", "--no-input"),
    case(2, "--no-input", "new", "--no-input"),
    case(2, "not an answer", "new", "--from", "{ws}/microokr.yaml", "--no-input"),
    # lint
    case(2, "does not exist", "lint", "{out}/nothing.yaml"),
    case(2, "'--format'", "lint", "--format", "xml"),
    case(2, "is not a rule code", "lint", "--select", "XX99"),
    case(2, "matches no rule", "lint", "--select", "MO999"),
    case(2, "matches no rule", "lint", "--ignore", "MO999"),
    case(2, "outside the workspace", "lint", "{bin}"),
    case(2, "is not a date", "lint", "--today", "2026-02-30"),
    case(1, "could not write", "lint", "--output", "{bin}/x.txt"),
    # rules
    case(2, "there is no rule 'MO999'", "rules", "MO999"),
    case(2, "'--format'", "rules", "--format", "nope"),
    case(2, "unexpected extra argument", "rules", "MO101", "MO102"),
    # checkin
    case(2, "Missing argument", "checkin"),
    case(2, "no sprint with id 'nosuch'", "checkin", "nosuch", "--value", "kr1=1", "--no-input"),
    case(2, "not a sprint file", "checkin", "{out}/nothing.yaml", "--no-input"),
    case(2, "not a sprint file", "checkin", "{bin}", "--no-input"),
    case(2, "not UTF-8", "checkin", "sprints/binary.yaml", "--no-input"),
    case(2, "is not a number", "checkin", INBOUND, "--value", "inbound-conversion=abc"),
    case(2, "is not a number", "checkin", INBOUND, "--value", "inbound-conversion=nan"),
    case(2, "finite number", "checkin", INBOUND, "--value", "inbound-conversion=1e400"),
    case(2, "must be KR=NUMBER", "checkin", INBOUND, "--value", "nonsense", "--no-input"),
    case(2, "must be KR=NUMBER", "checkin", INBOUND, "--value", "=5", "--no-input"),
    case(2, "twice", "checkin", INBOUND, *INBOUND_VALUES, "--value", "inbound-conversion=2"),
    # an unknown KR and a team that does not own the sprint: refusals (exit 1) by design
    case(1, "has no KR 'kr1'", "checkin", INBOUND, "--value", "kr1=abc", "--no-input"),
    case(2, "must be WHAT@TEAM", "checkin", INBOUND, *INBOUND_VALUES, "--blocker", "nowho"),
    case(1, "does not own", "checkin", INBOUND, *INBOUND_VALUES, "--blocker", "w@nowho"),
    case(2, "is not a date", "checkin", INBOUND, "--date", "yesterday", "--no-input"),
    case(2, "is not a date", "checkin", INBOUND, "--date", "2026-02-30", "--no-input"),
    case(2, "is not one of", "checkin", INBOUND, "--confidence", "maybe", "--no-input"),
    case(2, "is not a number", "checkin", INBOUND, "--anchor", "abc", "--no-input"),
    case(2, "no terminal", "--today", "2026-11-27", "checkin", INBOUND),
    case(1, "closed", "checkin", "west-pipeline-recovery", "--value", "kr1=1", "--no-input"),
    case(1, "already has a check-in", "checkin", INBOUND, *INBOUND_VALUES, "--no-input"),
    case(1, "in the future", "checkin", INBOUND, "--date", "2030-01-01", "--no-input"),
    # status
    case(2, "is not one of", "status", "--format", "xml"),
    case(2, "is not a team", "status", "--team", "nosuch"),
    case(2, "is not one of", "status", "--status", "weird"),
    case(2, "unexpected extra argument", "status", "extra"),
    # close
    case(2, "Missing argument", "close"),
    case(2, "no sprint with id 'nosuch'", "close", "nosuch", *CLOSE_ANSWERS),
    case(2, "not UTF-8", "close", "sprints/binary.yaml", *CLOSE_ANSWERS),
    case(2, "not a sprint file", "close", "{bin}", *CLOSE_ANSWERS),
    case(1, "already closed", "close", "west-pipeline-recovery", *CLOSE_ANSWERS),
    case(2, "is not a date", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--date", "2026-02-30"),
    case(1, "before the window", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--date", "2020-01-01"),
    case(1, "has no KR 'x'", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--final", "x=abc"),
    case(
        2, "is not a number", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--final", "inbound-conversion=x"
    ),
    case(
        2, "must be KR=NUMBER", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--final", "inbound-conversion"
    ),
    case(2, "is not a number", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--anchor-start", "abc"),
    case(2, "finite number", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--anchor-end", "1e999"),
    case(2, "is not a team", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--attendee", "nosuch"),
    case(2, "is a folder", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--output", "{ws}/sprints"),
    case(2, "is not a folder", *CLOSE_DAY, INBOUND, *CLOSE_ANSWERS, "--output", "{bin}/x.md"),
    case(2, "no terminal", *CLOSE_DAY, INBOUND),
    # report
    case(2, "Missing argument", "report"),
    case(2, "no sprint with id 'nosuch'", "report", "nosuch"),
    case(2, "not UTF-8", "report", "sprints/binary.yaml"),
    case(2, "not a sprint file", "report", "{bin}"),
    case(2, "not a sprint file", "report", "{out}/nothing.yaml"),
    # report --output to a folder is exit 1 (WriteError) while close's is 2: see report
    case(1, "is a folder", "report", "west-pipeline-recovery", "--output", "{ws}/sprints"),
    case(1, "could not create the folder", "report", INBOUND, "--output", "{bin}/x.md"),
    # schema
    case(2, "unknown schema", "schema", "nosuch"),
    case(2, "is a file, not a folder", "schema", "--output", "{bin}"),
    case(2, "unexpected extra argument", "schema", "sprint", "extra"),
    # the workspace itself
    case(2, "does not exist", "--workspace", "{out}/nothing", "status"),
    case(2, "is a file", "--workspace", "{bin}", "lint"),
    case(2, "no microokr.yaml", "--workspace", "{out}", "lint"),
]


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path, Path]:
    """examples/acme with a binary sprint file, and an outside folder with a binary file."""
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "acme", root)
    noise = b"\xff\xfe\x00" + random.Random(7).randbytes(3000)
    (root / "sprints" / "binary.yaml").write_bytes(b"\xc9" + noise[3:])
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "binary.bin").write_bytes(noise)
    return root, outside, outside / "binary.bin"


def _expand(args: tuple[str, ...], root: Path, outside: Path, binary: Path) -> list[str]:
    places = {"{ws}": str(root), "{out}": str(outside), "{bin}": str(binary)}
    expanded = []
    for arg in args:
        for key, value in places.items():
            arg = arg.replace(key, value)
        expanded.append(arg)
    return expanded


def _files(root: Path) -> dict[str, bytes | None]:
    return {k: v for k, v in snapshot(root).items() if not k.startswith(".microokr_cache")}


def test_every_command_of_the_spec_is_registered() -> None:
    import typer

    from microokr.cli import app

    group = typer.main.get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    assert set(COMMANDS) <= names, sorted(set(COMMANDS) - names)


def test_each_command_has_garbage_cases() -> None:
    for command in COMMANDS:
        assert sum(1 for c in CASES if c.command == command) >= 4, command


@pytest.mark.parametrize(
    "garbage", CASES, ids=[f"{i:02d}-{' '.join(c.args)[:60]}" for i, c in enumerate(CASES)]
)
def test_garbage_arguments(garbage: Case, world: tuple[Path, Path, Path]) -> None:
    root, outside, binary = world
    args = _expand(garbage.args, root, outside, binary)
    if "--today" not in args:
        args = ["--today", "2026-11-26", *args]
    before, before_outside = _files(root), snapshot(outside)
    done = invoke(*args, cwd=root, env={"MICROOKR_NO_CACHE": "1"})
    assert done.code == garbage.code, done
    one_sentence_error(done)
    assert garbage.says in done.stderr, done.stderr
    assert _files(root) == before, "a refused command changed the workspace"
    assert snapshot(outside) == before_outside, "a refused command wrote outside"
