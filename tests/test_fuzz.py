"""Property tests: no input makes the reader, the engine or the CLI crash.

Inputs: random bytes, random valid YAML (shaped like microokr files, dumped by
yaml.safe_dump), and mutations of every example file (deleted lines, swapped
types, huge numbers, NaN/inf, odd windows, impossible dates, empty strings,
Cyrillic look-alikes in keys, deep nesting, tabs, a stray `---`).

Property: the reader and the engine never raise; the CLI exits 0, 1 or 2 with no
traceback and no "internal error"; `--format json` output always parses.

Each test is bounded by `max_examples` so the suite stays fast on two cores.
`HYPOTHESIS_PROFILE=long` multiplies every budget by 40 (or set
`MICROOKR_FUZZ_SCALE=N`) for a longer local run; add
`--hypothesis-show-statistics` to see how many inputs each test tried.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from microokr.engine import lint
from microokr.errors import WorkspaceError
from microokr.workspace import CONFIG_NAME, load_workspace
from microokr.yamlio.read import read_yaml
from tests.conftest import EXAMPLES, TODAY
from tests.robustness import Scratch, assert_robust, invoke

_SCALE = int(
    os.environ.get(
        "MICROOKR_FUZZ_SCALE", "40" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "1"
    )
)


def budget(examples: int) -> settings:
    """Bounded settings: no deadline (CI machines vary), no database noise."""
    return settings(
        max_examples=examples * _SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


TODAY_DATE = dt.date.fromisoformat(TODAY)

# --- the example files and a scratch workspace ------------------------------------------

EXAMPLE_FILES = sorted(
    p.relative_to(EXAMPLES).as_posix()
    for p in EXAMPLES.rglob("*.yaml")
    if p.is_file() and not p.is_symlink()
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scratch]:
    yield Scratch(tmp_path_factory.mktemp("fuzz") / "ws")


SLOTS = ["sprints/fuzzed.yaml", "okrs/fuzzed.yaml", CONFIG_NAME]
"""Where an input is put: as a new sprint, a new OKR file, or the workspace config."""


def _lint_in_process(scratch: Scratch, today: dt.date) -> None:
    """The library path: load the workspace and run every rule.

    It may refuse a workspace it cannot read (a folder name past the file system's
    limit) with a WorkspaceError, the one sentence the CLI prints; nothing else.
    """
    try:
        workspace = load_workspace(scratch.root)
    except WorkspaceError as error:
        assert str(error) and "\n" not in str(error), error
        return
    result = lint(workspace, today=today)
    for found in result.diagnostics:
        assert found.line >= 1 and found.column >= 1, found
        assert found.code.startswith("MO"), found
        assert found.message, found


def _cli(scratch: Scratch, today: dt.date, command: tuple[str, ...]) -> None:
    """One CLI run over the scratch workspace (no lint cache: inputs change every run)."""
    done = invoke(
        "--workspace",
        str(scratch.root),
        "--today",
        today.isoformat(),
        *command,
        env={"MICROOKR_NO_CACHE": "1"},
    )
    assert_robust(done, json_output="json" in command)


COMMANDS = st.sampled_from(
    [
        ("lint", "--format", "json"),
        ("lint", "--format", "text"),
        ("lint", "--format", "github"),
        ("lint", "--format", "sarif"),
        ("status",),
        ("status", "--format", "json"),
        ("report", "fuzzed", "--output", "-"),
        ("report", "west-pipeline-recovery", "--output", "-"),
        ("report", "inbound-spike-conversion", "--output", "-"),
    ]
)
"""The read-only commands a fuzz input is fed to (one per example, to keep runs short)."""


# --- 1. random bytes -------------------------------------------------------------------


@budget(400)
@given(st.binary(max_size=4096))
def test_reader_never_raises_on_random_bytes(raw: bytes) -> None:
    doc = read_yaml(raw)
    for problem in doc.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert re.fullmatch(r"MO00[0-9]", problem.code), problem
    if doc.aborted:
        assert doc.data is None and doc.problems


_YAMLISH = st.text(
    alphabet=st.sampled_from([*":-[]{},&*!|>'\"#%@`?~ \t\n\r\ufeff\x00\x85aéа01.", "\u2028"]),
    max_size=300,
)


@budget(400)
@given(_YAMLISH)
def test_reader_never_raises_on_yaml_punctuation(text: str) -> None:
    doc = read_yaml(text.encode("utf-8", errors="surrogatepass"))
    for problem in doc.problems:
        assert problem.line >= 1 and problem.column >= 1


@budget(60)
@given(raw=st.binary(max_size=2048), slot=st.sampled_from(SLOTS), command=COMMANDS)
def test_cli_survives_random_bytes(
    scratch: Scratch, raw: bytes, slot: str, command: tuple[str, ...]
) -> None:
    scratch.place(slot, raw)
    try:
        _lint_in_process(scratch, TODAY_DATE)
        _cli(scratch, TODAY_DATE, command)
    finally:
        scratch.restore()


# --- 2. random valid YAML shaped like microokr files -----------------------------------

FIELD_NAMES = [
    "id",
    "trigger",
    "type",
    "signal",
    "evidence",
    "anchor_kr",
    "desired_condition",
    "objective",
    "statement",
    "motivation",
    "direction",
    "alignment",
    "key_results",
    "baseline",
    "target",
    "unit",
    "current",
    "initiatives",
    "team",
    "action",
    "window",
    "start",
    "end",
    "owner",
    "teams",
    "lead",
    "cadence",
    "every",
    "minutes",
    "checkins",
    "date",
    "values",
    "anchor",
    "blockers",
    "what",
    "note",
    "confidence",
    "revisions",
    "why",
    "close",
    "early",
    "attendees",
    "final",
    "summary",
    "learning",
    "highest_impact",
    "root_cause",
    "tactical_revision",
    "needed",
    "period",
    "name",
    "objectives",
    "level",
    "okrs",
    "sprints",
    "reports",
    "lint",
    "strict",
    "ignore",
    "max_file_size",
    "kr1",
    "kr2",
    "q3-pipeline",
    "sales-west",
]
WORDS = [
    "kr-at-risk",
    "emergent-opportunity",
    "daily",
    "weekly",
    "on-track",
    "at-risk",
    "sales-west",
    "sales",
    "product",
    "q3-pipeline",
    "q4-customer-acquisition",
    "kr1",
    "kr2",
    "tactical",
    "strategic",
    "Increase ICP meeting acceptance rate from 22% to 35% within 14 days",
    "Launch the new onboarding flow",
    "MO502",
    "MO8",
    "%",
    "..",
    "/etc",
    "",
]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, -1, 10**400, -(10**400), 2**63, 1e308, -1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(WORDS),
    st.text(max_size=40),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=12))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(KEYS, inner, max_size=6),
    ),
    max_leaves=40,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=14)


def _dump(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


@budget(150)
@given(DOCUMENTS)
def test_reader_reads_what_safe_dump_writes(data: dict[str, object]) -> None:
    doc = read_yaml(_dump(data))
    assert not doc.aborted or doc.problems
    for problem in doc.problems:
        assert problem.line >= 1 and problem.column >= 1


@budget(60)
@given(data=DOCUMENTS, slot=st.sampled_from(SLOTS), today=st.dates(), command=COMMANDS)
def test_cli_survives_random_valid_yaml(
    scratch: Scratch,
    data: dict[str, object],
    slot: str,
    today: dt.date,
    command: tuple[str, ...],
) -> None:
    scratch.place(slot, _dump(data))
    try:
        _lint_in_process(scratch, today)
        _cli(scratch, today, command)
    finally:
        scratch.restore()


# --- 3. mutations of every example file ------------------------------------------------

NASTY_VALUES = [
    "1e308",
    "-1e308",
    "1e309",
    "1" + "0" * 400,
    "-" + "9" * 400,
    "9" * 5000,
    ".nan",
    ".inf",
    "-.inf",
    "0",
    "-1",
    "-0",
    "0.0",
    "5e-324",
    "0x7fffffffffffffff",
    "2026-02-30",
    "2026-13-01",
    "0001-01-01",
    "9999-12-31",
    "2026-07-14T10:00:00",
    '""',
    "''",
    "~",
    "",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: {b: {c: 1}}}",
    "true",
    "no",
    '"а"',
    "\t",
    "&x 1",
    "*nope",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!custom x",
    "|\n  block",
    "'unterminated",
    "[" * 80 + "]" * 80,
    "x" * 5000,
    "../../etc/passwd",
    "kr1",
    "sales-west",
]
_LINE_VALUE = re.compile(r"^(\s*(?:- )?[^\s:#][^:#]*?:)([ \t]+)(\S.*)$")


def _mutate(text: str, draw: st.DrawFn) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    for _ in range(draw(st.integers(1, 4))):
        lines = _mutate_once(lines, draw)
        if not lines:
            break
    return "".join(lines)


def _mutate_once(lines: list[str], draw: st.DrawFn) -> list[str]:
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "value",
                "value",
                "date",
                "confusable",
                "deep",
                "tab",
                "separator",
                "duplicate",
                "indent",
                "truncate",
            ]
        )
    )
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    match = _LINE_VALUE.match(line.rstrip("\r\n"))
    if kind == "delete":
        count = draw(st.integers(1, 5))
        return lines[:index] + lines[index + count :]
    if kind == "value" and match:
        new = draw(st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=20)))
        return [*lines[:index], f"{match.group(1)} {new}\n", *lines[index + 1 :]]
    if kind == "date" and match:
        day = draw(st.dates())
        return [*lines[:index], f"{match.group(1)} {day.isoformat()}\n", *lines[index + 1 :]]
    if kind == "confusable":
        swapped = line.replace("a", "\u0430", 1).replace("e", "\u0435", 1)
        return [*lines[:index], swapped, *lines[index + 1 :]]
    if kind == "deep" and match:
        depth = draw(st.integers(10, 200))
        nested = "[" * depth + "1" + "]" * depth
        return [*lines[:index], f"{match.group(1)} {nested}\n", *lines[index + 1 :]]
    if kind == "tab":
        return [*lines[:index], "\t" + line, *lines[index + 1 :]]
    if kind == "separator":
        return [*lines[:index], "---\n", *lines[index:]]
    if kind == "duplicate":
        return [*lines[: index + 1], line, *lines[index + 1 :]]
    if kind == "indent":
        return [*lines[:index], "  " + line, *lines[index + 1 :]]
    if kind == "truncate":
        cut = draw(st.integers(0, len(line)))
        return [*lines[:index], line[:cut], *lines[index + 1 :]]
    return lines


@st.composite
def mutated_example(draw: st.DrawFn) -> tuple[str, bytes]:
    rel = draw(st.sampled_from(EXAMPLE_FILES))
    text = (EXAMPLES / rel).read_text(encoding="utf-8")
    return rel, _mutate(text, draw).encode("utf-8", errors="surrogatepass")


def _slot_of(rel: str) -> str:
    """The example's own place in the acme copy: it replaces the acme file of that name,
    or (a file of examples/broken) joins the workspace as a new one."""
    return rel.split("/", 1)[1]


def test_every_example_file_is_a_mutation_source() -> None:
    assert any(rel.startswith("acme/sprints/") for rel in EXAMPLE_FILES)
    assert any(rel.startswith("broken/") for rel in EXAMPLE_FILES)
    assert any(rel.endswith("/" + CONFIG_NAME) for rel in EXAMPLE_FILES)


@budget(300)
@given(mutated_example())
def test_reader_never_raises_on_mutated_examples(example: tuple[str, bytes]) -> None:
    doc = read_yaml(example[1])
    for problem in doc.problems:
        assert problem.line >= 1 and problem.column >= 1


@budget(100)
@given(
    example=mutated_example(),
    today=st.one_of(st.just(TODAY_DATE), st.dates()),
    command=COMMANDS,
)
def test_cli_survives_mutated_examples(
    scratch: Scratch, example: tuple[str, bytes], today: dt.date, command: tuple[str, ...]
) -> None:
    rel, raw = example
    scratch.place(_slot_of(rel), raw)
    try:
        _lint_in_process(scratch, today)
        _cli(scratch, today, command)
    finally:
        scratch.restore()


@budget(50)
@given(
    start=st.dates(),
    length=st.one_of(st.integers(-400, 400), st.sampled_from([0, -1, 1, 28, 29, 10**6])),
    checkin_offset=st.integers(-50, 50),
    today=st.dates(),
    value=st.sampled_from(["1e308", ".nan", ".inf", "-.inf", "0", "1" + "0" * 400, "-5", "35"]),
    command=COMMANDS,
)
def test_cli_survives_odd_windows_and_numbers(
    scratch: Scratch,
    start: dt.date,
    length: int,
    checkin_offset: int,
    today: dt.date,
    value: str,
    command: tuple[str, ...],
) -> None:
    """A real sprint with its window, a check-in date and a KR value replaced."""
    end = _shift(start, length)
    checkin = _shift(start, checkin_offset)
    text = (EXAMPLES / "acme/sprints/west-pipeline-recovery.yaml").read_text()
    text = text.replace("start: 2026-07-14", f"start: {start.isoformat()}")
    text = text.replace("end: 2026-07-28", f"end: {end.isoformat()}")
    text = text.replace("date: 2026-07-15", f"date: {checkin.isoformat()}")
    text = text.replace("target: 35", f"target: {value}")
    text = text.replace("{kr1: 26,", f"{{kr1: {value},")
    text = text.replace("anchor: {start: 21.2, end: 24.6}", f"anchor: {{start: {value}, end: 0}}")
    assume(text.count(start.isoformat()) >= 1)
    scratch.place("sprints/west-pipeline-recovery.yaml", text.encode())
    try:
        _lint_in_process(scratch, today)
        _cli(scratch, today, command)
    finally:
        scratch.restore()


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def test_json_output_parses_on_the_broken_example() -> None:
    """A fixed point for the json property: the broken example has findings."""
    done = invoke("--workspace", str(EXAMPLES / "broken"), "lint", "--format", "json")
    assert_robust(done, json_output=True)
    assert done.code == 1
    assert json.loads(done.stdout)["summary"]["errors"] >= 1
