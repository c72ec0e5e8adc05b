"""The integrated plan: its graph, its statuses, its gantt (parsed by mermaid) and table."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from microokr.model import Checkin, Initiative, Sprint
from microokr.plan import (
    InitiativeStatus,
    dependency_cycles,
    dependency_free,
    integrated_plan,
    open_initiatives,
)
from microokr.plan_chart import gantt, gantt_label, plan_section, schedule
from microokr.report import render_report
from microokr.workspace import load_workspace
from tests.conftest import EXAMPLES

SNAPSHOT = Path(__file__).parent / "snapshots" / "plan-section.md"
CHECK_MERMAID = Path(__file__).parent / "tools" / "check-mermaid"
START, END = dt.date(2026, 8, 10), dt.date(2026, 8, 30)


def ini(id_: str | None, *deps: str, team: str = "product", **more: object) -> Initiative:
    return Initiative.model_validate(
        {"id": id_, "team": team, "action": f"Do {id_}", "depends_on": list(deps), **more}
    )


def sprint_of(initiatives: list[Initiative], checkins: list[Checkin] = ()) -> Sprint:  # type: ignore[assignment]
    return Sprint.model_validate(
        {
            "id": "plan-test",
            "trigger": {"type": "cross-functional-gap"},
            "window": {"start": START, "end": END},
            "owner": {"teams": ["sales", "product", "marketing"], "lead": "Priya Raman"},
            "initiatives": [i.model_dump() for i in initiatives],
            "checkins": [c.model_dump() for c in checkins],
        }
    )


def test_cycles_are_named_once_each_from_their_first_initiative() -> None:
    initiatives = [
        ini("a", "b"),
        ini("b", "c"),
        ini("c", "a", "d"),
        ini("d", "d"),
        ini("e", "a"),
        ini("f"),
    ]
    assert dependency_cycles(initiatives) == [["a", "b", "c"], ["d"]]
    assert dependency_cycles([ini("a", "b"), ini("b"), ini("c", "zzz")]) == []


def test_a_long_chain_is_walked_without_recursion() -> None:
    """Linear, iterative code: 20,000 initiatives in one chain (and one closing cycle)."""
    count = 20_000
    chain = [ini(f"i{n}", *([f"i{n - 1}"] if n else [])) for n in range(count)]
    assert dependency_cycles(chain) == []
    spans = schedule(integrated_plan(sprint_of(chain[:300]), START))
    assert len(spans) == 300
    chain[0] = ini("i0", f"i{count - 1}")
    assert len(dependency_cycles(chain)[0]) == count


def test_status_comes_from_the_checkins_as_of_today() -> None:
    initiatives = [
        ini("flow", due=dt.date(2026, 8, 14)),
        ini("emails", "flow", team="marketing", due=dt.date(2026, 8, 20)),
        ini("calls", team="sales", due=dt.date(2026, 8, 12)),
        ini("later", team="sales"),
    ]
    checkins = [
        Checkin(date=dt.date(2026, 8, 11), values={}, blocked=["flow"]),
        Checkin(date=dt.date(2026, 8, 13), values={}, done=["flow"], blocked=["emails"]),
        Checkin(date=dt.date(2026, 8, 22), values={}, done=["emails"]),
    ]
    sprint = sprint_of(initiatives, checkins)
    on_12th = {i.id: i.status for i in integrated_plan(sprint, dt.date(2026, 8, 12)).items}
    assert on_12th == {
        "flow": InitiativeStatus.BLOCKED,
        "emails": InitiativeStatus.OPEN,
        "calls": InitiativeStatus.OPEN,
        "later": InitiativeStatus.OPEN,
    }
    on_15th = integrated_plan(sprint, dt.date(2026, 8, 15))
    assert {i.id: i.status.value for i in on_15th.items} == {
        "flow": "done", "emails": "blocked", "calls": "late", "later": "open"
    }  # fmt: skip
    assert on_15th.items[0].done_on == dt.date(2026, 8, 13)


def test_a_replaced_checkin_asks_again_for_what_it_marked_done() -> None:
    sprint = sprint_of(
        [ini("flow"), ini("emails", team="marketing"), ini("calls", team="sales")],
        [
            Checkin(date=dt.date(2026, 8, 11), values={}, done=["calls"]),
            Checkin(date=dt.date(2026, 8, 13), values={}, done=["flow"]),
        ],
    )
    # On the 13th, the check-in of that day is the one being replaced: "flow" is asked.
    assert [i.id for i in open_initiatives(sprint, dt.date(2026, 8, 13))] == ["flow", "emails"]
    assert [i.id for i in open_initiatives(sprint, dt.date(2026, 8, 14))] == ["emails"]


def test_schedule_starts_after_what_an_initiative_waits_for() -> None:
    initiatives = [
        ini("flow", due=dt.date(2026, 8, 14)),
        ini("emails", "flow", "unknown", team="marketing", due=dt.date(2026, 8, 20)),
        ini("early", "emails", team="sales", due=dt.date(2026, 8, 12)),  # MO512
        ini("x", "y"), ini("y", "x"),  # MO510: drawn, without the cycle
    ]  # fmt: skip
    plan = integrated_plan(sprint_of(initiatives), START)
    assert dependency_free(plan) == {0: (), 1: ("flow",), 2: ("emails",), 3: (), 4: ()}
    spans = schedule(plan)
    assert spans[0] == (START, dt.date(2026, 8, 14))
    assert spans[1] == (dt.date(2026, 8, 14), dt.date(2026, 8, 20))
    assert spans[2] == (dt.date(2026, 8, 20), dt.date(2026, 8, 21))
    assert spans[3] == spans[4] == (START, END)


def test_labels_cannot_carry_mermaid_syntax() -> None:
    assert gantt_label("Ship: v2; #1 %% done\n{x}") == "Ship v2 1 done x"
    assert gantt_label("\x1b[31m") == "x1b 31m"
    assert len(gantt_label("w" * 500)) == 60
    assert gantt_label(":::") == "(unnamed)"


def hostile_sprint() -> Sprint:
    return sprint_of(
        [
            ini("flow", team="product", due=dt.date(2026, 8, 14), action="Ship: the flow; #1 %%"),
            ini(
                "emails",
                "flow",
                "ghost",
                team="marketing",
                due=dt.date(2026, 8, 20),
                milestone=True,
                action="Send `prompt` <b>now</b> | day 1",
            ),
            ini("flow", team="sales", action="Duplicate id, drawn once more"),
            ini("loop-a", "loop-b", team="sales"),
            ini("loop-b", "loop-a", team="sales", due=dt.date(2026, 9, 30)),
            ini(None, team=None, action="No team, no id", due=dt.date(2026, 8, 11)),
        ],
        [Checkin(date=dt.date(2026, 8, 13), values={}, done=["flow"], blocked=["emails"])],
    )


def test_plan_section_snapshot() -> None:
    plan = integrated_plan(hostile_sprint(), dt.date(2026, 8, 16))
    names = {"sales": "Sales", "product": "Product", "marketing": "Marketing", None: "Unassigned"}
    cells = {t: f"`{t}`" if t else "Unassigned" for t in plan.teams}
    text = plan_section(plan, names, cells) + "\n"
    if os.environ.get("MICROOKR_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert SNAPSHOT.is_file(), "run MICROOKR_UPDATE_SNAPSHOTS=1 pytest tests/test_plan.py"
    assert text == SNAPSHOT.read_text(encoding="utf-8"), "the plan section changed: review, update"


def random_plan(seed: int) -> Sprint:
    rng = random.Random(seed)
    ids = [f"t{n}" for n in range(rng.randint(1, 9))]
    initiatives = []
    for n, id_ in enumerate(ids):
        deps = rng.sample([*ids, "ghost"], min(len(ids) + 1, rng.randint(0, 3)))
        due = START + dt.timedelta(days=rng.randint(-3, 25)) if rng.random() < 0.7 else None
        team = rng.choice(["sales", "product", "marketing", None])
        words = "".join(rng.choice("ab :;#%`{}<>|\\\"'é→ ") for _ in range(rng.randint(0, 30)))
        initiatives.append(
            ini(id_ if rng.random() < 0.9 else None, *deps, team=team, due=due,
                milestone=rng.random() < 0.3, action=f"{n}{words}")
        )  # fmt: skip
    return sprint_of(initiatives)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_gantt_parses_with_mermaid(tmp_path: Path) -> None:
    """Random plans (unknown deps, cycles, dates outside the window, hostile labels),
    the hostile one and the example's: one mermaid run parses them all."""
    names = {"sales": "Sales", "product": "Product", "marketing": "Marketing: #1", None: "None"}
    plans = [integrated_plan(random_plan(seed), START) for seed in range(40)]
    plans.append(integrated_plan(hostile_sprint(), START))
    blocks = [gantt(plan, names) for plan in plans]
    workspace = load_workspace(EXAMPLES / "acme")
    source = workspace.find_sprint("trial-to-paid-activation")
    report = render_report(workspace, source, workspace.require_valid(source), END)
    charts = tmp_path / "gantts.md"
    charts.write_text("\n\n".join([*blocks, report]), encoding="utf-8")
    done = subprocess.run(
        ["bash", str(CHECK_MERMAID), str(charts)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok: gantt") == len(blocks) + 1


def test_a_plan_is_drawn_once_an_initiative_has_plan_data_or_a_mark() -> None:
    plain = sprint_of([ini("flow"), ini("emails", team="marketing")])
    assert not integrated_plan(plain, END).has_schedule
    marked = sprint_of(
        [ini("flow"), ini("emails", team="marketing")],
        [Checkin(date=dt.date(2026, 8, 12), values={}, done=["flow"])],
    )
    assert not integrated_plan(marked, dt.date(2026, 8, 11)).has_schedule
    assert integrated_plan(marked, dt.date(2026, 8, 12)).has_schedule
    due = sprint_of([ini("flow", due=dt.date(2026, 8, 14))])
    assert integrated_plan(due, START).has_schedule
