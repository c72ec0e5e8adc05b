"""The markdown report: structure (parsed with markdown-it-py), snapshots, escaping, mermaid.

Snapshots live in tests/snapshots/<sprint>.md and are compared exactly. After an
intended change to the report, regenerate them (and the committed example report)
with:

    MICROOKR_UPDATE_SNAPSHOTS=1 pytest tests/test_report.py

and review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from microokr.report import escape, render_report
from microokr.workspace import Workspace, load_workspace
from tests.conftest import EXAMPLES, ROOT, TODAY, run_cli

SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLE_REPORT = EXAMPLES / "acme" / "reports" / "west-pipeline-recovery.md"
CHECK_MERMAID = Path(__file__).parent / "tools" / "check-mermaid"
UPDATE = os.environ.get("MICROOKR_UPDATE_SNAPSHOTS") == "1"
DAY = dt.date.fromisoformat(TODAY)

CLOSED_SECTIONS = [
    "Trigger",
    "Anchor KR",
    "Key results",
    "Trajectory",
    "Initiatives",
    "Check-ins",
    "Revisions",
    "Retrospective",
    "Does the Tactical OKR need revision?",
    "Attendees",
]
INTERIM_SECTIONS = [*CLOSED_SECTIONS[:7], "Next"]
RETROSPECTIVE_QUESTIONS = [
    "What did we learn about the gap?",
    "Which intervention had the highest impact?",
    "What did the sprint reveal about the root cause?",
]


def markdown() -> MarkdownIt:
    """CommonMark with GFM tables, raw HTML recognised (so escaping failures show up)."""
    return MarkdownIt("commonmark").enable("table")


def render(workspace: Workspace, sprint_id: str, today: dt.date = DAY) -> str:
    source = workspace.find_sprint(sprint_id)
    return render_report(workspace, source, workspace.require_valid(source), today)


@pytest.fixture(scope="module")
def acme_workspace() -> Workspace:
    return load_workspace(EXAMPLES / "acme")


def headings(tokens: list[Token], level: int) -> list[str]:
    tag = f"h{level}"
    return [
        tokens[i + 1].content
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == tag
    ]


def sections(tokens: list[Token]) -> dict[str, list[Token]]:
    """The tokens under each `##` heading, up to the next one."""
    found: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            current = found.setdefault(tokens[i + 1].content, [])
        elif current is not None:
            current.append(token)
    return found


def table_rows(tokens: list[Token]) -> list[list[str]]:
    """Every row (header included) of the tables in `tokens`, as cell texts."""
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("td_open", "th_open"):
            rows[-1].append(cell_text(tokens[i + 1]))
    return rows


def cell_text(inline: Token) -> str:
    """What a reader sees in a cell: text and code, `<br>` kept as a visible marker."""
    kinds = ("text", "code_inline", "html_inline")
    return "".join(c.content for c in inline.children or [] if c.type in kinds)


def check_structure(
    text: str, *, closed: bool, tables: dict[str, int], plan: bool = False
) -> list[Token]:
    """`plan`: the sprint has an integrated plan, drawn in place of the initiatives list."""
    tokens = markdown().parse(text)
    titles = headings(tokens, 1)
    assert len(titles) == 1
    assert titles[0].startswith("Sprint Close: " if closed else "Progress report: ")
    wanted = CLOSED_SECTIONS if closed else INTERIM_SECTIONS
    if plan:
        wanted = ["Integrated plan" if name == "Initiatives" else name for name in wanted]
    assert headings(tokens, 2) == wanted
    assert headings(tokens, 3) == (RETROSPECTIVE_QUESTIONS if closed else [])
    by_section = sections(tokens)
    for name, body in by_section.items():
        count = sum(1 for t in body if t.type == "table_open")
        assert count == tables.get(name, 0), f"section {name!r} has {count} tables"
    fences = [t for t in tokens if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid"] * (1 + plan)
    assert "xychart-beta" in fences[0].content
    assert fences[0] in by_section["Trajectory"]
    if plan:
        assert fences[1].content.startswith("gantt\n")
        assert fences[1] in by_section["Integrated plan"]
    assert not [t for t in tokens if t.type == "html_block"]
    return tokens


@pytest.mark.parametrize(
    ("sprint_id", "krs", "checkins", "revisions", "plan"),
    [("west-pipeline-recovery", 3, 10, 1, False), ("trial-to-paid-activation", 3, 20, 0, True)],
)
def test_closed_report_structure(
    acme_workspace: Workspace, sprint_id: str, krs: int, checkins: int, revisions: int, plan: bool
) -> None:
    text = render(acme_workspace, sprint_id)
    tables = {"Key results": 1, "Trajectory": 1, "Check-ins": 1, "Revisions": revisions}
    tables["Integrated plan"] = int(plan)
    tokens = check_structure(text, closed=True, tables=tables, plan=plan)
    by_section = sections(tokens)
    kr_rows = table_rows(by_section["Key results"])
    assert kr_rows[0] == ["KR", "Statement", "Baseline", "Target", "Final", "Progress", "Result"]
    assert len(kr_rows) == 1 + krs
    assert all(len(row) == 7 for row in kr_rows)
    assert {row[6] for row in kr_rows[1:]} <= {"met", "partly", "not moved"}
    checkin_rows = table_rows(by_section["Check-ins"])
    assert len(checkin_rows) == 1 + checkins
    assert len({len(row) for row in checkin_rows}) == 1
    # A true daily axis: one row per day from the window's start through the close,
    # readings (the start, each check-in) marked, the days between carried.
    sprint = next(s for _, s in acme_workspace.sprints() if s.id == sprint_id)
    assert sprint.close is not None
    trajectory_rows = table_rows(by_section["Trajectory"])[1:]
    days = (sprint.close.date - sprint.window.start).days + 1
    assert [row[0] for row in trajectory_rows] == [
        str(sprint.window.start + dt.timedelta(days=i)) for i in range(days)
    ]
    assert sum(row[1] == "yes" for row in trajectory_rows) == 1 + checkins


def test_west_report_numbers(acme_workspace: Workspace) -> None:
    text = render(acme_workspace, "west-pipeline-recovery")
    assert "**Verdict:** The anchor closed 39% of its gap; 0 of 3 KRs met, 3 partly" in text
    assert "21.2 \\$M → 24.6 \\$M (+3.4)" in text
    assert "10 check-ins recorded against 14 due on a daily cadence" in text
    assert "missed: 2026-07-18, 2026-07-19, 2026-07-25, 2026-07-26." in text
    assert "| `kr1` | Increase ICP meeting acceptance rate" in text
    assert "| 22% | 35% | 33% | 85% | partly |" in text
    assert "| 2026-07-20 | kr2 target 8 -\\> 6 accounts | Two accounts moved" in text
    assert "**No.** Keep the \\$30M target." in text
    # The lead's summary is quoted before any section.
    summary = text.index("> We did not hit every number")
    assert summary < text.index("## Trigger")
    assert "> — Dana Ortiz, Sprint Lead" in text


def test_interim_report_structure(acme_workspace: Workspace) -> None:
    text = render(acme_workspace, "inbound-spike-conversion")
    tables = {"Key results": 1, "Trajectory": 1, "Check-ins": 1}
    tokens = check_structure(text, closed=False, tables=tables)
    kr_rows = table_rows(sections(tokens)["Key results"])
    assert kr_rows[0][-2:] == ["Pace", "Result so far"]
    assert "Day 10 of 14 (expected progress 71%): 2 of 3 KRs on track, 1 at risk" in text
    assert "64 customers → 71 customers (+7) (2026-11-17 → 2026-11-26)" in text
    assert "due on 2026-11-30 (in 4 days)" in text


def test_closed_report_does_not_depend_on_today(acme_workspace: Workspace) -> None:
    early = render(acme_workspace, "west-pipeline-recovery", dt.date(2026, 7, 28))
    late = render(acme_workspace, "west-pipeline-recovery", dt.date(2030, 1, 1))
    assert early == late


def test_planned_sprint_has_no_chart(acme_workspace: Workspace) -> None:
    text = render(acme_workspace, "lead-handoff-alignment")
    assert "```mermaid" not in text
    assert "_No check-ins yet: the chart appears after the first one._" in text
    assert "**Verdict:** Planned: starts on 2026-12-07 (in 11 days)" in text


# ── Snapshots ────────────────────────────────────────────────────────────────────


def compare(expected_path: Path, actual: str) -> None:
    if UPDATE:
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
        return
    assert expected_path.exists(), (
        f"{expected_path} is missing: run MICROOKR_UPDATE_SNAPSHOTS=1 pytest tests/test_report.py"
    )
    expected = expected_path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"the report differs from {expected_path.relative_to(ROOT)}; if the change is "
        "intended, run MICROOKR_UPDATE_SNAPSHOTS=1 pytest tests/test_report.py and review "
        "the diff"
    )


@pytest.mark.parametrize(
    "sprint_id",
    ["west-pipeline-recovery", "trial-to-paid-activation", "inbound-spike-conversion"],
)
def test_snapshot(acme_workspace: Workspace, sprint_id: str) -> None:
    compare(SNAPSHOTS / f"{sprint_id}.md", render(acme_workspace, sprint_id))


def test_example_report_is_current(acme_workspace: Workspace) -> None:
    """examples/acme/reports/west-pipeline-recovery.md is what `report` renders today."""
    compare(EXAMPLE_REPORT, render(acme_workspace, "west-pipeline-recovery"))


# ── Mermaid ──────────────────────────────────────────────────────────────────────


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_mermaid_blocks_parse_with_mermaid(acme_workspace: Workspace, tmp_path: Path) -> None:
    """Every chart parses with mermaid itself (the library GitHub renders with)."""
    # One file holding every report: one node process instead of one per report.
    reports = [
        render_report(acme_workspace, source, sprint, DAY)
        for source, sprint in acme_workspace.sprints()
        if sprint.checkins
    ]
    assert len(reports) >= 5
    combined = tmp_path / "reports.md"
    combined.write_text("\n".join(reports), encoding="utf-8")
    done = subprocess.run(
        ["bash", str(CHECK_MERMAID), str(combined)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok: ") == combined.read_text(encoding="utf-8").count("```mermaid")
    assert "ok: gantt" in done.stdout  # the integrated plan of trial-to-paid-activation


# ── Escaping ─────────────────────────────────────────────────────────────────────

HOSTILE_LEARNING = (
    "Pipes | break | tables\n# Not a heading\n```\nnot a fence\n```\n"
    "<script>alert(1)</script> [a link](https://evil.example) *bold* _it_ `tick` &amp; $5"
)
HOSTILE_YAML = """\
id: hostile
trigger:
  type: kr-at-risk
  signal: "# Signal | with a pipe and <b>html</b>"
  evidence: ["- not a nested list", "1. not an ordered list"]
anchor_kr: q3-pipeline
desired_condition: "> not a quote"
objective: {statement: "Objective with `backticks` and | pipes"}
key_results:
  - id: kr1
    statement: "Increase | pipes | from 1 to 5"
    baseline: 1
    target: 5
  - id: kr2
    statement: "Reduce *stars* from 10 to 2"
    baseline: 10
    target: 2
initiatives:
  - {team: sales-west, action: "## Not a heading either"}
window: {start: 2026-07-14, end: 2026-07-28}
owner: {teams: [sales-west, "odd|team"], lead: "Lead <img src=x>"}
cadence: {every: daily}
checkins:
  - date: 2026-07-15
    values: {kr1: 2, kr2: 9}
    blockers:
      - what: "Blocker | with pipe\\nand a newline"
        owner: "odd|team"
    note: "Line one\\n| a | b |\\n|---|---|\\nline three"
revisions:
  - {date: 2026-07-16, what: "kr1 | target", why: "because\\n\\n# heading"}
close:
  date: 2026-07-28
  attendees: [sales-west]
  anchor: {start: 21.2, end: 22}
  final: {kr1: 3, kr2: 9}
  summary: "# Summary heading\\n\\n> nested quote\\n\\n- list"
  learning: %s
  highest_impact: "<details><summary>x</summary>"
  root_cause: "---\\nnot a rule"
  tactical_revision: {needed: true, note: "| table? |\\n|---|"}
"""


@pytest.fixture
def hostile(acme: Path) -> Workspace:
    import json

    (acme / "sprints" / "hostile.yaml").write_text(
        HOSTILE_YAML % json.dumps(HOSTILE_LEARNING), encoding="utf-8"
    )
    return load_workspace(acme)


def inline_texts(tokens: list[Token]) -> str:
    return "\n".join(
        child.content
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "text"
    )


def test_hostile_text_cannot_break_the_document(hostile: Workspace) -> None:
    text = render(hostile, "hostile")
    tokens = check_structure(
        text,
        closed=True,
        tables={"Key results": 1, "Trajectory": 1, "Check-ins": 1, "Revisions": 1},
    )
    by_section = sections(tokens)
    # Tables keep their shape: one row per item, the same number of cells in every row.
    for name, rows in [("Key results", 3), ("Check-ins", 2), ("Revisions", 2)]:
        table = table_rows(by_section[name])
        assert len(table) == rows, name
        assert len({len(row) for row in table}) == 1, (name, table)
    checkin = table_rows(by_section["Check-ins"])[1]
    assert checkin[-1] == "Line one | a | b | |---|---| line three"
    assert "Blocker | with pipe and a newline — owner: odd|team" in checkin[-2]
    # No link, image, emphasis, code span from user text, no raw HTML but our <br>.
    kinds = {child.type for t in tokens if t.type == "inline" for child in t.children or []}
    assert not kinds & {"link_open", "image", "em_open", "s_open"}
    strong = [
        t.children[i + 1].content
        for t in tokens
        if t.type == "inline"
        for i, c in enumerate(t.children or [])
        if c.type == "strong_open"
    ]
    assert "bold" not in strong and "stars" not in strong
    children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert {c.content for c in children if c.type == "html_inline"} <= {"<br>"}
    codes = {c.content for c in children if c.type == "code_inline"}
    assert all(re.fullmatch(r"[a-z0-9./-]+", code) for code in codes), codes
    # Our one blockquote (the summary), no rules, lists only where we make them.
    assert [t.type for t in tokens].count("blockquote_open") == 1
    assert "hr" not in [t.type for t in tokens]
    assert "ordered_list_open" not in [t.type for t in tokens]
    # The literal text survives, readable.
    plain = inline_texts(tokens)
    assert "Pipes | break | tables # Not a heading ``` not a fence ```" in plain
    assert "<script>alert(1)</script> [a link](https://evil.example) *bold* _it_" in plain
    assert "`tick` &amp; $5" in plain
    assert "# Signal | with a pipe and <b>html</b>" in plain
    assert "## Not a heading either" in plain
    assert "<details><summary>x</summary>" in plain
    rendered = markdown().render(text)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<details>" not in rendered


def test_hostile_report_via_cli_leaves_the_file_alone(hostile: Workspace) -> None:
    path = hostile.root / "sprints" / "hostile.yaml"
    before = path.read_bytes()
    done = run_cli("--today", TODAY, "report", "hostile", cwd=hostile.root)
    assert done.code == 0, done.stderr
    assert done.stdout == render(hostile, "hostile")
    assert path.read_bytes() == before


PLAIN = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from("\n\t|#`<>*_[]()!&;\\$~=-+.1 "),
    max_size=60,
).filter(lambda s: s.strip() != "")


@given(PLAIN)
def test_escape_reads_back_as_the_same_text(text: str) -> None:
    """In a paragraph and in a table cell, escaped text parses to one plain text token."""
    flat = " ".join(text.split())
    paragraph = markdown().parse(escape(text))
    assert [t.type for t in paragraph] == ["paragraph_open", "inline", "paragraph_close"]
    assert [(c.type, c.content) for c in paragraph[1].children or []] == [("text", flat)]
    cell = markdown().parse(f"| a | b |\n| --- | --- |\n| {escape(text)} | z |")
    assert table_rows(cell) == [["a", "b"], [flat, "z"]]


# ── The command ──────────────────────────────────────────────────────────────────


def test_report_command_stdout_output_and_dash(acme: Path) -> None:
    sprint = acme / "sprints" / "west-pipeline-recovery.yaml"
    before = sprint.read_bytes()
    to_stdout = run_cli("report", "west-pipeline-recovery", cwd=acme)
    assert to_stdout.code == 0, to_stdout.stderr
    assert to_stdout.stdout == EXAMPLE_REPORT.read_text(encoding="utf-8")
    dash = run_cli("report", "west-pipeline-recovery", "--output", "-", cwd=acme)
    assert dash.stdout == to_stdout.stdout
    target = acme / "out" / "west.md"
    written = run_cli("report", "sprints/west-pipeline-recovery.yaml", "-o", str(target), cwd=acme)
    assert written.code == 0, written.stderr
    assert target.read_text(encoding="utf-8") == to_stdout.stdout
    assert sprint.read_bytes() == before
    assert not list((acme / "reports").glob("*.tmp"))


def test_report_unknown_sprint_is_exit_2(acme: Path) -> None:
    done = run_cli("report", "west-pipeline-recovry", cwd=acme)
    assert done.code == 2
    assert "no sprint with id 'west-pipeline-recovry'" in done.stderr
    assert "did you mean 'west-pipeline-recovery'?" in done.stderr
    assert done.stdout == ""


def test_report_output_to_a_folder_is_refused(acme: Path) -> None:
    done = run_cli("report", "west-pipeline-recovery", "--output", str(acme / "reports"), cwd=acme)
    assert done.code == 1
    assert "is a folder" in done.stderr


def test_chart_axis_widens_past_100(acme_workspace: Workspace) -> None:
    """tech-eval-score ended at 108% of its target: the y-axis reaches 110, not 100."""
    text = render(acme_workspace, "enterprise-anchor-client")
    assert 'y-axis "Progress (%)" 0 --> 110' in text
    assert "| `tech-eval-score` |" in text and "| 108% | met |" in text


def test_report_on_an_unreadable_sprint_is_exit_2() -> None:
    done = run_cli("report", "typo-key", cwd=EXAMPLES / "broken")
    assert done.code == 2
    assert "sprints/typo-key.yaml:" in done.stderr
    assert "run 'microokr lint' for every problem" in done.stderr
    assert done.stdout == ""


def test_report_today_option_on_the_command(acme: Path) -> None:
    done = run_cli("report", "inbound-spike-conversion", "--today", "2026-11-20", cwd=acme)
    assert done.code == 0, done.stderr
    assert "**Verdict:** Day 4 of 14 (expected progress 29%)" in done.stdout
